package io.codeanatomy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codeanatomy.core.arrow.ArrowFields;
import io.codeanatomy.engine.ArrowBatches;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;

/** Small Arrow tables for tests, and reading results back as rows of plain Java values. */
final class TestData {
  private TestData() {}

  static RootAllocator allocator() {
    return new RootAllocator();
  }

  /** Closes {@code allocator} after asserting that nothing allocated from it is still held. */
  static void closeChecked(BufferAllocator allocator) {
    assertEquals(0, allocator.getAllocatedMemory(), () -> "leaked Arrow memory:\n" + allocator.toVerboseString());
    allocator.close();
  }

  static Field field(String name, ArrowType type, boolean nullable) {
    return ArrowFields.field(name, type, nullable);
  }

  /**
   * A one-batch table of {@code rows} (values in field order; null for SQL NULL) over flat columns
   * of int32, int64, float64, bool and utf8.
   */
  static VectorSchemaRoot table(BufferAllocator allocator, List<Field> fields, Object[]... rows) {
    VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
    root.allocateNew();
    for (int row = 0; row < rows.length; row++) {
      for (int column = 0; column < fields.size(); column++) {
        set(root.getVector(column), row, rows[row][column]);
      }
    }
    root.setRowCount(rows.length);
    return root;
  }

  private static void set(FieldVector vector, int row, Object value) {
    if (value == null) {
      vector.setNull(row);
      return;
    }
    if (vector instanceof IntVector ints) {
      ints.setSafe(row, ((Number) value).intValue());
    } else if (vector instanceof BigIntVector longs) {
      longs.setSafe(row, ((Number) value).longValue());
    } else if (vector instanceof Float8Vector doubles) {
      doubles.setSafe(row, ((Number) value).doubleValue());
    } else if (vector instanceof BitVector bits) {
      bits.setSafe(row, (Boolean) value ? 1 : 0);
    } else if (vector instanceof VarCharVector strings) {
      strings.setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
    } else {
      throw new IllegalArgumentException("no test setter for " + vector.getClass().getSimpleName());
    }
  }

  static Object[] row(Object... values) {
    return values;
  }

  /** Every row of {@code batches}, each as a list of values (strings as String). */
  static List<List<Object>> rows(ArrowBatches batches) {
    List<List<Object>> rows = new ArrayList<>();
    for (VectorSchemaRoot batch : batches.batches()) {
      rows.addAll(rows(batch));
    }
    return rows;
  }

  static List<List<Object>> rows(VectorSchemaRoot batch) {
    List<List<Object>> rows = new ArrayList<>();
    for (int row = 0; row < batch.getRowCount(); row++) {
      List<Object> values = new ArrayList<>();
      for (FieldVector vector : batch.getFieldVectors()) {
        Object value = vector.getObject(row);
        values.add(value instanceof Text text ? text.toString() : value);
      }
      rows.add(values);
    }
    return rows;
  }

  static List<Object> values(Object... values) {
    return Arrays.asList(values);
  }
}
