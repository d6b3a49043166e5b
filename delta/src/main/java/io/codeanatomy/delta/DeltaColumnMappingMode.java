package io.codeanatomy.delta;

import io.codeanatomy.core.fingerprint.WireValue;

/** {@code delta.columnMapping.mode} values a schema policy may set (reference {@code ColumnMappingMode}). */
public enum DeltaColumnMappingMode implements WireValue {
  ID("id"),
  NAME("name");

  private final String wireValue;

  DeltaColumnMappingMode(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }
}
