package io.codeanatomy.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/** Shared helpers: an allocator that must end empty, query rows as Java values, SQL-made data. */
final class DeltaTestSupport {
  private DeltaTestSupport() {}

  static void closeChecked(BufferAllocator allocator) {
    assertEquals(0, allocator.getAllocatedMemory(), () -> "leaked Arrow memory:\n" + allocator.toVerboseString());
    allocator.close();
  }

  static List<List<Object>> rows(Session session, String sql, BufferAllocator allocator) {
    List<List<Object>> rows = new ArrayList<>();
    try (DataFrame frame = session.sql(sql); ArrowReader reader = frame.stream(allocator)) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        for (int row = 0; row < root.getRowCount(); row++) {
          List<Object> values = new ArrayList<>();
          for (FieldVector vector : root.getFieldVectors()) {
            Object value = vector.getObject(row);
            values.add(value instanceof org.apache.arrow.vector.util.Text text ? text.toString() : value);
          }
          rows.add(values);
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return rows;
  }

  static long count(Session session, String sql, BufferAllocator allocator) {
    return (Long) rows(session, sql, allocator).get(0).get(0);
  }

  /** {@code n} rows {@code (id BIGINT, p BIGINT = id % 3, name TEXT)} with ids from {@code first}. */
  static String rowsSql(long first, long n) {
    return "SELECT value AS id, value % 3 AS p, concat('n', value) AS name FROM generate_series(" + first + ", "
        + (first + n - 1) + ")";
  }

  /** Appends rows through the Arrow-stream path (the frame's result exported as a C stream). */
  static DeltaOperationReport appendStream(Session session, DeltaTable table, String sql, BufferAllocator allocator,
      DeltaWriteOptions options) {
    try (DataFrame frame = session.sql(sql)) {
      return table.write(frame.stream(allocator), options);
    }
  }

  static DeltaOperationReport writeSql(Session session, DeltaTable table, String sql, DeltaWriteOptions options) {
    try (DataFrame frame = session.sql(sql)) {
      return table.write(frame, options);
    }
  }
}
