package io.codeanatomy.delta;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.ValidationException;
import io.codeanatomy.validation.ConstraintValidationReport;

/**
 * Rows break a Delta table's CHECK constraints ({@link ErrorCode#CONSTRAINT_VIOLATION}): a write,
 * update or merge whose new rows do, or a constraint that existing rows do not satisfy. Nothing was
 * committed; {@link #report()} names every broken constraint with its row count and sample rows.
 */
public final class DeltaConstraintViolationException extends ValidationException {
  private static final long serialVersionUID = 1L;

  private final transient ConstraintValidationReport report;

  DeltaConstraintViolationException(String message, ConstraintValidationReport report, Throwable cause) {
    super(ErrorCode.CONSTRAINT_VIOLATION, message, cause);
    this.report = report;
  }

  /** The constraint validator's findings for the rejected rows. */
  public ConstraintValidationReport report() {
    return report;
  }
}
