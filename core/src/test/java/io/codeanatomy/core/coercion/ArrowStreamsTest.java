package io.codeanatomy.core.coercion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.arrow.ArrowFields;
import io.codeanatomy.core.error.EngineIOException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowStreamsTest {
  private static final Schema SCHEMA =
      new Schema(List.of(ArrowFields.int64Field("n", false), ArrowFields.stringField("s")));

  private BufferAllocator allocator;

  @BeforeEach
  void openAllocator() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void closeAllocator() {
    assertEquals(0, allocator.getAllocatedMemory(), "all Arrow memory released");
    allocator.close();
  }

  private VectorSchemaRoot root(long... values) {
    VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
    BigIntVector numbers = (BigIntVector) root.getVector("n");
    VarCharVector texts = (VarCharVector) root.getVector("s");
    for (int index = 0; index < values.length; index++) {
      numbers.setSafe(index, values[index]);
      texts.setSafe(index, ("v" + values[index]).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    root.setRowCount(values.length);
    return root;
  }

  private static List<Long> drain(ArrowReader reader) throws IOException {
    List<Long> values = new ArrayList<>();
    while (reader.loadNextBatch()) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      BigIntVector numbers = (BigIntVector) root.getVector("n");
      for (int index = 0; index < root.getRowCount(); index++) {
        values.add(numbers.get(index));
      }
    }
    return values;
  }

  private byte[] ipc(boolean fileFormat, long... values) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VectorSchemaRoot root = root(values)) {
      if (fileFormat) {
        try (ArrowFileWriter writer = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
          writer.start();
          writer.writeBatch();
          writer.end();
        }
      } else {
        try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
          writer.start();
          writer.writeBatch();
          writer.end();
        }
      }
    }
    return out.toByteArray();
  }

  @Test
  void readerIsReturnedAsIs() throws IOException {
    try (ArrowReader reader = ArrowStreams.toReader(ipc(false, 1), allocator)) {
      assertSame(reader, ArrowStreams.toReader(reader, allocator));
    }
  }

  @Test
  void vectorSchemaRootBecomesOneBatchReaderAndStaysOwnedByCaller() throws IOException {
    try (VectorSchemaRoot root = root(1, 2, 3)) {
      try (ArrowReader reader = ArrowStreams.toReader(root, allocator)) {
        assertEquals(SCHEMA, reader.getVectorSchemaRoot().getSchema());
        assertEquals(List.of(1L, 2L, 3L), drain(reader));
      }
      assertEquals(3, root.getRowCount());
      assertEquals(2L, ((BigIntVector) root.getVector("n")).get(1));
    }
  }

  @Test
  void recordBatchesWithSchemaAreReadInOrder() throws IOException {
    try (VectorSchemaRoot first = root(1, 2); VectorSchemaRoot second = root(3);
        ArrowRecordBatch batch1 = new VectorUnloader(first).getRecordBatch();
        ArrowRecordBatch batch2 = new VectorUnloader(second).getRecordBatch();
        ArrowReader reader = ArrowStreams.fromBatches(SCHEMA, List.of(batch1, batch2), allocator)) {
      assertEquals(List.of(1L, 2L, 3L), drain(reader));
      assertTrue(reader.bytesRead() > 0);
      assertFalse(reader.loadNextBatch());
    }
  }

  @Test
  void ipcStreamAndFileBytesAreDetected() throws IOException {
    try (ArrowReader stream = ArrowStreams.toReader(ipc(false, 4, 5), allocator)) {
      assertEquals(List.of(4L, 5L), drain(stream));
    }
    try (ArrowReader file = ArrowStreams.toReader(ipc(true, 6), allocator)) {
      assertEquals(List.of(6L), drain(file));
    }
    try (ArrowReader input = ArrowStreams.toReader(new ByteArrayInputStream(ipc(false, 7)), allocator)) {
      assertEquals(List.of(7L), drain(input));
    }
  }

  @Test
  void ipcPathsInEitherFormatAreRead(@TempDir Path directory) throws IOException {
    Path stream = Files.write(directory.resolve("a.arrows"), ipc(false, 8));
    Path file = Files.write(directory.resolve("b.arrow"), ipc(true, 9));
    try (ArrowReader reader = ArrowStreams.toReader(stream, allocator)) {
      assertEquals(List.of(8L), drain(reader));
    }
    try (ArrowReader reader = ArrowStreams.toReader(file, allocator)) {
      assertEquals(List.of(9L), drain(reader));
    }
    EngineIOException missing = assertThrows(EngineIOException.class,
        () -> ArrowStreams.toReader(directory.resolve("missing.arrow"), allocator));
    assertEquals(ErrorCode.IO, missing.errorCode());
  }

  @Test
  void anythingElseIsRejectedNamingTheType() {
    InvalidInputException error = assertThrows(InvalidInputException.class, () -> ArrowStreams.toReader("x", allocator));
    assertTrue(error.getMessage().contains("java.lang.String"), error.getMessage());
    assertEquals(ErrorCode.INVALID_ARGUMENT, error.errorCode());
    assertTrue(assertThrows(InvalidInputException.class, () -> ArrowStreams.toReader(null, allocator))
        .getMessage().contains("null"));
    assertThrows(InvalidInputException.class, () -> ArrowStreams.toReader(List.of(), allocator));
  }

  @Test
  void dictionaryEncodedInMemoryDataIsRejected() {
    Field encoded = new Field("k", new FieldType(true, ArrowType.Utf8.INSTANCE,
        new DictionaryEncoding(0, false, new ArrowType.Int(32, true))), null);
    InvalidInputException error = assertThrows(InvalidInputException.class,
        () -> ArrowStreams.fromBatches(new Schema(List.of(encoded)), List.of(), allocator));
    assertTrue(error.getMessage().contains("'k' is dictionary-encoded"));
  }
}
