package io.codeanatomy.core.arrow;

import io.codeanatomy.core.fingerprint.WireValue;

/** How rows of a table are known to be ordered ({@code ordering_level} metadata). */
public enum OrderingLevel implements WireValue {
  UNORDERED("unordered"),
  IMPLICIT("implicit"),
  EXPLICIT("explicit");

  private final String wireValue;

  OrderingLevel(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }
}
