package io.codeanatomy.engine;

import static io.codeanatomy.engine.EngineTestSupport.closeChecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Data buffers cross the boundary by address in both directions: Java to engine to Java. */
class ZeroCopyTest {
  @Test
  void javaBuffersAreReadInPlaceAndComeBackAtTheSameAddress() throws Exception {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    Schema schema = new Schema(List.of(new Field("v", FieldType.notNullable(new ArrowType.Int(64, true)), null)));
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    BigIntVector values = (BigIntVector) root.getVector(0);
    values.allocateNew(65_536);
    for (int i = 0; i < 65_536; i++) {
      values.set(i, i);
    }
    root.setRowCount(65_536);
    ArrowBuf data = values.getDataBuffer();
    data.getReferenceManager().retain(); // keep our own view after the reader hands the batch over
    long javaAddress = data.memoryAddress();
    try (Session session = Session.open()) {
      session.registerArrow("numbers", EngineTestSupport.readerOf(allocator, schema, List.of(root)));
      data.setLong(0, 4242L); // written after registration: visible only if the engine did not copy
      try (DataFrame frame = session.sql("SELECT v FROM numbers");
          ArrowReader reader = frame.stream(allocator)) {
        assertTrue(reader.loadNextBatch());
        BigIntVector back = (BigIntVector) reader.getVectorSchemaRoot().getVector(0);
        assertEquals(4242L, back.get(0));
        int last = reader.getVectorSchemaRoot().getRowCount() - 1; // the engine may split batches
        assertEquals(last, back.get(last));
        assertEquals(javaAddress, back.getDataBuffer().memoryAddress());
      }
    } finally {
      data.getReferenceManager().release();
    }
    closeChecked(allocator);
  }
}
