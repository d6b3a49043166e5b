package io.codeanatomy.validation;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.validation.internal.ReportFailures;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of {@link ConstraintValidator}: one {@link ViolationType#CONSTRAINT_VIOLATION} per
 * broken constraint, with its violating-row count and a bounded sample of offending rows.
 *
 * @param table the validated table's name
 * @param violations broken constraints, in declaration order (primary key, not-null, unique, checks)
 * @param rowCount rows checked
 * @param invalidRowCount rows breaking at least one constraint
 */
public record ConstraintValidationReport(String table, List<ValidationViolation> violations, long rowCount,
    long invalidRowCount) implements ValidationReport {

  public ConstraintValidationReport {
    Objects.requireNonNull(table, "table");
    violations = List.copyOf(violations);
  }

  @Override
  public boolean passed() {
    return violations.isEmpty() && invalidRowCount == 0;
  }

  /** Names of the broken constraints, in report order. */
  public List<String> constraintNames() {
    Set<String> names = new LinkedHashSet<>();
    violations.forEach(violation -> {
      if (violation.constraintName() != null) {
        names.add(violation.constraintName());
      }
    });
    return List.copyOf(names);
  }

  /**
   * For writers about to commit: throws a {@link io.codeanatomy.core.error.ValidationException}
   * ({@link ErrorCode#CONSTRAINT_VIOLATION}) naming the broken constraints unless {@link #passed()}.
   */
  public void requirePassed() {
    ReportFailures.requirePassed(this, ErrorCode.CONSTRAINT_VIOLATION, "table '" + table + "' violates "
        + constraintNames().size() + " constraint(s) " + constraintNames());
  }
}
