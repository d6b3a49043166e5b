package io.codeanatomy.validation.internal;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.ValidationException;
import io.codeanatomy.validation.ValidationReport;
import io.codeanatomy.validation.ValidationViolation;
import java.util.stream.Collectors;

/** Turns a failed report into a {@link ValidationException}. */
public final class ReportFailures {
  /** Messages quoted in the exception; the report holds the rest. */
  private static final int QUOTED_VIOLATIONS = 10;

  private ReportFailures() {}

  public static void requirePassed(ValidationReport report, ErrorCode code, String summary) {
    if (report.passed()) {
      return;
    }
    String details = report.violations().stream().limit(QUOTED_VIOLATIONS)
        .map(violation -> violation.message() + countSuffix(violation))
        .collect(Collectors.joining("; "));
    int omitted = report.violations().size() - QUOTED_VIOLATIONS;
    throw new ValidationException(code, summary + ": " + (details.isEmpty() ? report.invalidRowCount() + " invalid row(s)" : details)
        + (omitted > 0 ? "; and " + omitted + " more" : ""), null);
  }

  private static String countSuffix(ValidationViolation violation) {
    return violation.count() == null ? "" : " (" + violation.count() + " row(s))";
  }
}
