package io.codeanatomy.engine;

import static io.codeanatomy.engine.EngineTestSupport.closeChecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arrow data in every JVM form registers as a table: roots, IPC stream and file bytes, IPC files. */
class ArrowInputsTest {
  @TempDir Path dir;

  private static VectorSchemaRoot numbers(BufferAllocator allocator, int count) {
    Schema schema = new Schema(List.of(new Field("n", FieldType.notNullable(new ArrowType.Int(64, true)), null)));
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    BigIntVector n = (BigIntVector) root.getVector(0);
    n.allocateNew(count);
    for (int i = 0; i < count; i++) {
      n.set(i, i + 1);
    }
    root.setRowCount(count);
    return root;
  }

  @Test
  void rootsAndIpcStreamsAndFilesRegister() throws Exception {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    try (VectorSchemaRoot root = numbers(allocator, 10); Session session = Session.open()) {
      ByteArrayOutputStream streamBytes = new ByteArrayOutputStream();
      try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, streamBytes)) {
        writer.writeBatch();
      }
      ByteArrayOutputStream fileBytes = new ByteArrayOutputStream();
      try (ArrowFileWriter writer = new ArrowFileWriter(root, null, Channels.newChannel(fileBytes))) {
        writer.writeBatch();
      }
      Path ipcFile = dir.resolve("numbers.arrow");
      Files.write(ipcFile, fileBytes.toByteArray());

      session.registerArrow("from_root", root, allocator);
      session.registerArrow("from_stream_bytes", streamBytes.toByteArray(), allocator);
      session.registerArrow("from_file_bytes", fileBytes.toByteArray(), allocator);
      session.registerArrow("from_file", ipcFile, allocator);
      for (String table : List.of("from_root", "from_stream_bytes", "from_file_bytes", "from_file")) {
        assertEquals(List.of(List.of(10L, 55L)),
            EngineTestSupport.rows(session, "SELECT count(*), sum(n) FROM " + table, allocator), table);
      }
      assertThrows(InvalidInputException.class, () -> session.registerArrow("nope", "not arrow", allocator));
      assertEquals(10, root.getRowCount(), "the root stays the caller's");
    }
    closeChecked(allocator);
  }

  @Test
  void deregisteringAnArrowTableReleasesItsBuffers() throws Exception {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    try (Session session = Session.open()) {
      ByteArrayOutputStream streamBytes = new ByteArrayOutputStream();
      try (VectorSchemaRoot root = numbers(allocator, 1000);
          ArrowStreamWriter writer = new ArrowStreamWriter(root, null, streamBytes)) {
        writer.writeBatch();
      }
      session.registerArrow("numbers", streamBytes.toByteArray(), allocator);
      assertTrue(allocator.getAllocatedMemory() > 0, "the table's batches are held by the engine");
      assertEquals(List.of(List.of(1000L)), EngineTestSupport.rows(session, "SELECT count(*) FROM numbers", allocator));
      assertTrue(session.deregister("numbers"));
      assertEquals(0, allocator.getAllocatedMemory(), "deregister hands the batches back while the session lives on");
      assertEquals(List.of(), session.tables());
    }
    closeChecked(allocator);
  }
}
