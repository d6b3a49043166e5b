package io.codeanatomy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/** Shared helpers: an allocator that must end empty, and readers over in-memory batches. */
final class EngineTestSupport {
  private EngineTestSupport() {}

  /** Closes {@code allocator} after asserting that nothing allocated from it is still held. */
  static void closeChecked(BufferAllocator allocator) {
    assertEquals(0, allocator.getAllocatedMemory(), () -> "leaked Arrow memory:\n" + allocator.toVerboseString());
    allocator.close();
  }

  static RootAllocator newAllocator() {
    return new RootAllocator();
  }

  /** Every row of a query as a list of Java values per row ({@code getObject} of each vector). */
  static List<List<Object>> rows(DataFrame frame, BufferAllocator allocator) {
    List<List<Object>> rows = new ArrayList<>();
    try (ArrowReader reader = frame.stream(allocator)) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        for (int row = 0; row < root.getRowCount(); row++) {
          List<Object> values = new ArrayList<>();
          for (FieldVector vector : root.getFieldVectors()) {
            values.add(normalize(vector.getObject(row)));
          }
          rows.add(values);
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return rows;
  }

  static List<List<Object>> rows(Session session, String sql, BufferAllocator allocator) {
    try (DataFrame frame = session.sql(sql)) {
      return rows(frame, allocator);
    }
  }

  private static Object normalize(Object value) {
    return value instanceof org.apache.arrow.vector.util.Text text ? text.toString() : value;
  }

  /** A reader over batches that the reader owns and closes. */
  static ArrowReader readerOf(BufferAllocator allocator, Schema schema, List<VectorSchemaRoot> batches) {
    return new ArrowReader(allocator) {
      private int next;

      @Override
      public boolean loadNextBatch() {
        if (next == batches.size()) {
          return false;
        }
        VectorSchemaRoot source = batches.get(next++);
        try {
          VectorSchemaRoot target = getVectorSchemaRoot();
          target.clear();
          for (int i = 0; i < source.getFieldVectors().size(); i++) {
            source.getVector(i).makeTransferPair(target.getVector(i)).transfer();
          }
          target.setRowCount(source.getRowCount());
        } catch (IOException e) {
          throw new AssertionError(e);
        }
        return true;
      }

      @Override
      public long bytesRead() {
        return 0;
      }

      @Override
      protected void closeReadSource() {
        batches.forEach(VectorSchemaRoot::close);
      }

      @Override
      protected Schema readSchema() {
        return schema;
      }
    };
  }
}
