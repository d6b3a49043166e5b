package io.codeanatomy.validation;

import io.codeanatomy.core.fingerprint.WireValue;

/** Kinds of table constraint; wire values are the reference's {@code "pk"}, {@code "not_null"}, {@code "check"}, {@code "unique"}. */
public enum ConstraintType implements WireValue {
  PRIMARY_KEY("pk"),
  NOT_NULL("not_null"),
  CHECK("check"),
  UNIQUE("unique");

  private final String wireValue;

  ConstraintType(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }
}
