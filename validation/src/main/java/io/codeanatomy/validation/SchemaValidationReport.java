package io.codeanatomy.validation;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.engine.ArrowBatches;
import io.codeanatomy.validation.internal.ReportFailures;
import io.codeanatomy.validation.internal.ReportTables;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The outcome of {@link SchemaValidator#validateTable} (reference: {@code SchemaValidationReport}):
 * the validated (aligned, possibly filtered) data, the violations, and the invalid rows. Holds
 * Arrow buffers: close it.
 */
public final class SchemaValidationReport implements ValidationReport, AutoCloseable {
  private final String table;
  private final boolean valid;
  private final ArrowBatches validated;
  private final ArrowBatches invalidRows;
  private final List<ValidationViolation> violations;
  private final long invalidRowCount;
  private final boolean errorTableEmitted;

  /**
   * @param table the spec's table name
   * @param invalidRows the rows breaking a non-null rule, or null when none were asked for or no rule applied
   * @param errorTableEmitted false renders {@link #errorTable} empty ({@code emit_error_table=False})
   */
  public SchemaValidationReport(String table, ArrowBatches validated, ArrowBatches invalidRows, List<ValidationViolation> violations,
      long invalidRowCount, boolean errorTableEmitted) {
    this.table = Objects.requireNonNull(table, "table");
    this.validated = Objects.requireNonNull(validated, "validated");
    this.invalidRows = invalidRows;
    this.violations = List.copyOf(violations);
    this.invalidRowCount = invalidRowCount;
    this.errorTableEmitted = errorTableEmitted;
    this.valid = this.violations.isEmpty() && invalidRowCount == 0;
  }

  public String table() {
    return table;
  }

  /** The reference's {@code valid}: no violations (after {@code maxErrors}) and no invalid rows. */
  public boolean valid() {
    return valid;
  }

  @Override
  public boolean passed() {
    return valid;
  }

  /**
   * The data aligned to the spec; without the invalid rows when strictness is {@link Strictness#FILTER}.
   * Rows come in the order the engine produced them, which need not be the input's.
   */
  public ArrowBatches validated() {
    return validated;
  }

  public Optional<ArrowBatches> invalidRows() {
    return Optional.ofNullable(invalidRows);
  }

  @Override
  public List<ValidationViolation> violations() {
    return violations;
  }

  @Override
  public long invalidRowCount() {
    return invalidRowCount;
  }

  @Override
  public VectorSchemaRoot errorTable(BufferAllocator allocator) {
    return ReportTables.errors(errorTableEmitted ? violations : List.of(), allocator);
  }

  /** Throws a {@link io.codeanatomy.core.error.ValidationException} ({@link ErrorCode#VALIDATION}) listing the violations unless {@link #passed()}. */
  public void requirePassed() {
    ReportFailures.requirePassed(this, ErrorCode.VALIDATION, "table '" + table + "' does not match its schema");
  }

  @Override
  public void close() {
    try {
      validated.close();
    } finally {
      if (invalidRows != null) {
        invalidRows.close();
      }
    }
  }
}
