package io.codeanatomy.validation.internal;

import io.codeanatomy.core.arrow.ArrowFields;
import io.codeanatomy.validation.ValidationViolation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** The reference's report tables: {@code errors} and the one-row {@code stats}. */
public final class ReportTables {
  public static final Schema ERRORS_SCHEMA = new Schema(List.of(
      ArrowFields.field("error_code", ArrowFields.UTF8, true),
      ArrowFields.field("error_column", ArrowFields.UTF8, true),
      ArrowFields.field("error_count", ArrowFields.INT64, true)));
  public static final Schema STATS_SCHEMA = new Schema(List.of(
      ArrowFields.field("valid", ArrowFields.BOOL, true),
      ArrowFields.field("total_errors", ArrowFields.INT64, true),
      ArrowFields.field("total_error_rows", ArrowFields.INT64, true),
      ArrowFields.field("total_invalid_rows", ArrowFields.INT64, true)));

  private ReportTables() {}

  public static VectorSchemaRoot errors(List<ValidationViolation> violations, BufferAllocator allocator) {
    VectorSchemaRoot table = VectorSchemaRoot.create(ERRORS_SCHEMA, allocator);
    try {
      VarCharVector codes = (VarCharVector) table.getVector(0);
      VarCharVector columns = (VarCharVector) table.getVector(1);
      BigIntVector counts = (BigIntVector) table.getVector(2);
      table.allocateNew();
      for (int row = 0; row < violations.size(); row++) {
        ValidationViolation violation = violations.get(row);
        codes.setSafe(row, violation.type().wireValue().getBytes(StandardCharsets.UTF_8));
        if (violation.column() == null) {
          columns.setNull(row);
        } else {
          columns.setSafe(row, violation.column().getBytes(StandardCharsets.UTF_8));
        }
        counts.setSafe(row, violation.count() == null ? 0 : violation.count());
      }
      table.setRowCount(violations.size());
      return table;
    } catch (RuntimeException e) {
      table.close();
      throw e;
    }
  }

  public static VectorSchemaRoot stats(boolean valid, long totalErrors, long totalErrorRows, long totalInvalidRows,
      BufferAllocator allocator) {
    VectorSchemaRoot table = VectorSchemaRoot.create(STATS_SCHEMA, allocator);
    try {
      table.allocateNew();
      ((BitVector) table.getVector(0)).setSafe(0, valid ? 1 : 0);
      ((BigIntVector) table.getVector(1)).setSafe(0, totalErrors);
      ((BigIntVector) table.getVector(2)).setSafe(0, totalErrorRows);
      ((BigIntVector) table.getVector(3)).setSafe(0, totalInvalidRows);
      table.setRowCount(1);
      return table;
    } catch (RuntimeException e) {
      table.close();
      throw e;
    }
  }
}
