package io.codeanatomy.validation;

import io.codeanatomy.validation.internal.ReportTables;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * What every validation context reports: its violations and how many rows were invalid. The
 * report types stay separate ({@link SchemaValidationReport}, {@link ConstraintValidationReport});
 * both render the reference's error and statistics tables.
 */
public sealed interface ValidationReport permits SchemaValidationReport, ConstraintValidationReport {
  List<ValidationViolation> violations();

  /** Rows that failed at least one row-level rule. */
  long invalidRowCount();

  /** Whether the data passed: no violations and no invalid rows. */
  boolean passed();

  /** Violations of severity {@link Severity#ERROR}. */
  default int errorCount() {
    return (int) violations().stream().filter(violation -> violation.severity() == Severity.ERROR).count();
  }

  /** The sum of the violations' row counts (null counts as 0): the reference's {@code total_error_rows}. */
  default long totalErrorRows() {
    return violations().stream().mapToLong(violation -> violation.count() == null ? 0 : violation.count()).sum();
  }

  /**
   * The violations as a table of {@code error_code: utf8} (the type's wire value),
   * {@code error_column: utf8} and {@code error_count: int64} (count or 0). The caller closes it.
   */
  default VectorSchemaRoot errorTable(BufferAllocator allocator) {
    return ReportTables.errors(violations(), allocator);
  }

  /**
   * One row of {@code valid: bool, total_errors: int64, total_error_rows: int64,
   * total_invalid_rows: int64}. The caller closes it.
   */
  default VectorSchemaRoot statsTable(BufferAllocator allocator) {
    return ReportTables.stats(passed(), violations().size(), totalErrorRows(), invalidRowCount(), allocator);
  }
}
