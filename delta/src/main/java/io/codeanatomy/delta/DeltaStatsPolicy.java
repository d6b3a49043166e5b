package io.codeanatomy.delta;

import io.codeanatomy.core.fingerprint.WireValue;

/** Which columns get Delta data-skipping statistics (reference {@code StatsPolicy}, §4.4.4). */
public enum DeltaStatsPolicy implements WireValue {
  /** No statistics columns are chosen; the table's defaults apply. */
  OFF("off"),
  /** Exactly the policy's {@code statsColumns}. */
  EXPLICIT("explicit"),
  /** Partition, z-order and lineage columns, up to {@code statsMaxColumns}. */
  AUTO("auto");

  private final String wireValue;

  DeltaStatsPolicy(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }
}
