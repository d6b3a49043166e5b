package io.codeanatomy.engine;

import io.codeanatomy.core.fingerprint.WireValue;

/** How a memory limit is shared between the operators of running queries. */
public enum MemoryPoolKind implements WireValue {
  /** First come, first served; operators that cannot get memory spill or fail. */
  GREEDY("greedy"),
  /** Spilling operators get equal shares of the limit. */
  FAIR("fair");

  private final String wireValue;

  MemoryPoolKind(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }
}
