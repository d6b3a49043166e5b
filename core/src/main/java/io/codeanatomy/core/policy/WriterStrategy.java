package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.WireValue;

/** Which engine writes materialised results. */
public enum WriterStrategy implements WireValue {
  ARROW("arrow"),
  DATAFUSION("datafusion");

  private final String wireValue;

  WriterStrategy(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }
}
