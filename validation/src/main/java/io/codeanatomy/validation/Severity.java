package io.codeanatomy.validation;

import io.codeanatomy.core.fingerprint.WireValue;

/** How much a violation matters; only {@link #ERROR}s count in {@link ValidationReport#errorCount()}. */
public enum Severity implements WireValue {
  ERROR("error"),
  WARNING("warning");

  private final String wireValue;

  Severity(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }
}
