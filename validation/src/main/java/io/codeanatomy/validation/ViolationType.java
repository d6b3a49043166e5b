package io.codeanatomy.validation;

import io.codeanatomy.core.fingerprint.WireValue;

/**
 * Kinds of validation violation, in the reference's declaration order ({@code validation/violations.py}),
 * plus {@link #CONSTRAINT_VIOLATION} for declared table constraints. The wire value is the
 * reference's lower-case string, used in error tables and payloads.
 */
public enum ViolationType implements WireValue {
  MISSING_TABLE("missing_table"),
  MISSING_COLUMN("missing_column"),
  EXTRA_COLUMN("extra_column"),
  TYPE_MISMATCH("type_mismatch"),
  NULLABILITY_MISMATCH("nullability_mismatch"),
  METADATA_MISMATCH("metadata_mismatch"),
  NULL_VIOLATION("null_violation"),
  MISSING_KEY_FIELD("missing_key_field"),
  DUPLICATE_KEYS("duplicate_keys"),
  CONSTRAINT_VIOLATION("constraint_violation");

  private final String wireValue;

  ViolationType(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }
}
