package io.codeanatomy.validation;

/**
 * The reference's {@code strict: bool | "filter"} of {@link ArrowValidationOptions}: what happens
 * to columns the spec does not name and to rows that break the spec.
 */
public enum Strictness {
  /** {@code strict=True}: extra columns are dropped and reported; invalid rows are reported and kept. */
  STRICT(true),
  /** {@code strict=False}: extra columns are kept, not reported; invalid rows are reported and kept. */
  LENIENT(false),
  /** {@code strict="filter"}: extra columns are dropped silently; invalid rows are moved out of the validated data. */
  FILTER("filter");

  private final Object payloadValue;

  Strictness(Object payloadValue) {
    this.payloadValue = payloadValue;
  }

  /** The reference's value in payloads: {@code true}, {@code false} or {@code "filter"}. */
  public Object payloadValue() {
    return payloadValue;
  }
}
