package io.codeanatomy.validation;

import io.codeanatomy.core.fingerprint.WireValue;

/**
 * What alignment does with a value that does not cast (reference: {@code CastErrorPolicy}):
 * {@link #UNSAFE} makes it null, {@link #RAISE} fails, {@link #KEEP} keeps the original column
 * (which the engine's alignment does not support).
 */
public enum CastErrorPolicy implements WireValue {
  UNSAFE("unsafe"),
  KEEP("keep"),
  RAISE("raise");

  private final String wireValue;

  CastErrorPolicy(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }
}
