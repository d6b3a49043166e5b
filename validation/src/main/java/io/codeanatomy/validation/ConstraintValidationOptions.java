package io.codeanatomy.validation;

import io.codeanatomy.core.policy.PolicyChecks;

/**
 * Options of {@link ConstraintValidator}.
 *
 * @param sampleRows offending rows kept per broken constraint (0: none)
 */
public record ConstraintValidationOptions(int sampleRows) {
  public static final int DEFAULT_SAMPLE_ROWS = 10;
  public static final ConstraintValidationOptions DEFAULT = new ConstraintValidationOptions(DEFAULT_SAMPLE_ROWS);

  public ConstraintValidationOptions {
    PolicyChecks.nonNegative("ConstraintValidationOptions.sampleRows", sampleRows);
  }
}
