package io.codeanatomy.core.coercion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.arrow.ArrowFields;
import io.codeanatomy.core.error.CodeAnatomyException;
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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
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

  // ---------------------------------------------------------------- concat_readers

  private ArrowReader listReader(Schema schema, long... values) {
    try (VectorSchemaRoot root = root(values)) {
      ArrowRecordBatch batch = new VectorUnloader(root).getRecordBatch();
      return new io.codeanatomy.core.internal.RecordBatchListReader(schema, List.of(batch), List.of(batch), allocator);
    }
  }

  private static List<String> texts(ArrowReader reader) throws IOException {
    List<String> values = new ArrayList<>();
    while (reader.loadNextBatch()) {
      VarCharVector column = (VarCharVector) reader.getVectorSchemaRoot().getVector("s");
      for (int index = 0; index < reader.getVectorSchemaRoot().getRowCount(); index++) {
        values.add(new String(column.get(index), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  @Test
  void concatReadersYieldsEveryBatchInOrderAndOwnsTheSources() throws IOException {
    Schema withMetadata = new Schema(SCHEMA.getFields(), java.util.Map.of("origin", "b"));
    try (ArrowReader reader = ArrowStreams.concatReaders(List.of(ArrowStreams.toReader(ipc(false, 1, 2), allocator),
        listReader(withMetadata, 3), ArrowStreams.toReader(ipc(true, 4, 5), allocator)), allocator)) {
      // Schemas differing only in metadata are equal, as with pyarrow's ==; the first one wins.
      assertEquals(SCHEMA, reader.getVectorSchemaRoot().getSchema());
      assertEquals(List.of("v1", "v2", "v3", "v4", "v5"), texts(reader));
      assertTrue(reader.bytesRead() > 0);
      assertFalse(reader.loadNextBatch());
      assertEquals(0, reader.getVectorSchemaRoot().getRowCount());
    }
  }

  @Test
  void concatReadersTransfersBuffersInsteadOfCopying() throws IOException {
    try (VectorSchemaRoot source = root(7, 8); ArrowRecordBatch batch = new VectorUnloader(source).getRecordBatch();
        ArrowReader reader = ArrowStreams.concatReaders(
            List.of(ArrowStreams.fromBatches(SCHEMA, List.of(batch), allocator)), allocator)) {
      assertTrue(reader.loadNextBatch());
      BigIntVector numbers = (BigIntVector) reader.getVectorSchemaRoot().getVector("n");
      assertEquals(source.getVector("n").getDataBuffer().memoryAddress(), numbers.getDataBuffer().memoryAddress());
      assertEquals(8L, numbers.get(1));
    }
  }

  @Test
  void concatReadersRejectsEmptyAndNullInput() {
    InvalidInputException empty = assertThrows(InvalidInputException.class,
        () -> ArrowStreams.concatReaders(List.of(), allocator));
    assertEquals("concat_readers requires at least one reader.", empty.getMessage());
    assertEquals(ErrorCode.INVALID_ARGUMENT, empty.errorCode());
    assertEquals(empty.getMessage(), assertThrows(InvalidInputException.class,
        () -> ArrowStreams.concatReaders(null, allocator)).getMessage());
    assertEquals("concat_readers: reader 0 is null.", assertThrows(InvalidInputException.class,
        () -> ArrowStreams.concatReaders(java.util.Arrays.asList((ArrowReader) null), allocator)).getMessage());
  }

  @Test
  void concatReadersNamesBothSchemasOnMismatchAndLeavesReadersToTheCaller() throws IOException {
    Schema other = new Schema(List.of(ArrowFields.int64Field("n", true), ArrowFields.stringField("s")));
    try (ArrowReader first = listReader(SCHEMA, 1); ArrowReader second = listReader(other, 2)) {
      InvalidInputException error = assertThrows(InvalidInputException.class,
          () -> ArrowStreams.concatReaders(List.of(first, second), allocator));
      assertTrue(error.getMessage().startsWith("RecordBatchReader schema mismatch in concat_readers"), error.getMessage());
      assertTrue(error.getMessage().contains("reader 0 has schema " + SCHEMA), error.getMessage());
      assertTrue(error.getMessage().contains("reader 1 has schema " + other), error.getMessage());
      // Not closed by the failed call: still readable.
      assertEquals(List.of(1L), drain(first));
    }
  }

  @Test
  void concatReadersRejectsReadersUnderAnotherRootAllocator() throws IOException {
    try (BufferAllocator foreign = new RootAllocator()) {
      try (ArrowReader local = listReader(SCHEMA, 1);
          ArrowReader remote = ArrowStreams.toReader(ipc(false, 2), foreign)) {
        InvalidInputException error = assertThrows(InvalidInputException.class,
            () -> ArrowStreams.concatReaders(List.of(local, remote), allocator));
        assertTrue(error.getMessage().contains("reader 1 allocates from another root allocator"), error.getMessage());
      }
      assertEquals(0, foreign.getAllocatedMemory());
    }
  }

  @Test
  void concatReadersRejectsDictionaryEncodedFields() throws IOException {
    Field encoded = new Field("k", new FieldType(true, ArrowType.Utf8.INSTANCE,
        new DictionaryEncoding(0, false, new ArrowType.Int(32, true))), null);
    try (ArrowReader reader = new io.codeanatomy.core.internal.RecordBatchListReader(
        new Schema(List.of(encoded)), List.of(), List.of(), allocator)) {
      InvalidInputException error = assertThrows(InvalidInputException.class,
          () -> ArrowStreams.concatReaders(List.of(reader), allocator));
      assertTrue(error.getMessage().contains("'k' is dictionary-encoded; concatenated readers"), error.getMessage());
    }
  }

  // ---------------------------------------------------------------- coerce_table_like / ensure_table

  private byte[] twoBatchStream() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VectorSchemaRoot root = root(1, 2); ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
      writer.start();
      writer.writeBatch();
      BigIntVector numbers = (BigIntVector) root.getVector("n");
      numbers.set(0, 3);
      root.setRowCount(1);
      writer.writeBatch();
      writer.end();
    }
    return out.toByteArray();
  }

  @Test
  void garbageOrTruncatedIpcBytesGiveATypedError() throws IOException {
    byte[] valid = twoBatchStream();
    List<byte[]> inputs = new ArrayList<>();
    for (int length : new int[] {4, 12, valid.length / 3, valid.length / 2, valid.length - 9}) {
      inputs.add(Arrays.copyOf(valid, length));
    }
    Random random = new Random(11);
    for (int round = 0; round < 20; round++) {
      byte[] garbage = new byte[64 + random.nextInt(512)];
      random.nextBytes(garbage);
      inputs.add(garbage);
    }
    for (byte[] input : inputs) {
      CodeAnatomyException error = assertThrows(CodeAnatomyException.class,
          () -> ArrowStreams.coerceTableLike(input, allocator).close());
      assertTrue(error.errorCode() == ErrorCode.INVALID_ARROW_DATA || error.errorCode() == ErrorCode.IO, error::toString);
    }
  }

  @Test
  void anAllocatorLimitIsResourcesExhaustedNotBadData() throws IOException {
    byte[] valid = twoBatchStream();
    try (BufferAllocator small = allocator.newChildAllocator("small", 0, 64)) {
      CodeAnatomyException error = assertThrows(CodeAnatomyException.class,
          () -> ArrowStreams.coerceTableLike(valid, small).close());
      assertEquals(ErrorCode.RESOURCES_EXHAUSTED, error.errorCode(), error::toString);
    }
  }

  @Test
  void ipcInputBecomesAChunkedTable() throws IOException {
    try (ArrowTable table = ArrowStreams.coerceTableLike(twoBatchStream(), allocator)) {
      assertEquals(SCHEMA, table.schema());
      assertEquals(List.of("n", "s"), table.columnNames());
      assertEquals(3, table.numRows());
      assertEquals(2, table.batches().size());
      try (ArrowReader reader = table.toReader(allocator)) {
        assertEquals(List.of(1L, 2L, 3L), drain(reader));
      }
      // toReader over a table, as coerce_to_recordbatch_reader does for TableLike values; readable twice.
      try (ArrowReader reader = ArrowStreams.toReader(table, allocator)) {
        assertEquals(List.of(1L, 2L, 3L), drain(reader));
      }
      assertSame(table, ArrowStreams.coerceTableLike(table, allocator));
    }
  }

  @Test
  void readerInputIsConsumedAndClosedWithoutCopying() throws IOException {
    boolean[] closed = {false};
    ByteArrayInputStream input = new ByteArrayInputStream(ipc(false, 4)) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    try (ArrowTable table = ArrowStreams.coerceTableLike(new ArrowStreamReader(input, allocator), allocator)) {
      assertTrue(closed[0], "reader closed");
      assertEquals(1, table.numRows());
    }
    try (VectorSchemaRoot source = root(5, 6); ArrowRecordBatch batch = new VectorUnloader(source).getRecordBatch();
        ArrowTable table = ArrowStreams.coerceTableLike(ArrowStreams.fromBatches(SCHEMA, List.of(batch), allocator), allocator)) {
      assertEquals(source.getVector("n").getDataBuffer().memoryAddress(),
          table.batches().get(0).getBuffers().get(1).memoryAddress(), "data buffer shared, not copied");
    }
  }

  @Test
  void rootAndVectorInputsStayOwnedByTheCaller() throws IOException {
    try (VectorSchemaRoot root = root(1, 2)) {
      try (ArrowTable table = ArrowStreams.coerceTableLike(root, allocator); ArrowReader reader = table.toReader(allocator)) {
        assertEquals(List.of(1L, 2L), drain(reader));
      }
      assertEquals(2L, ((BigIntVector) root.getVector("n")).get(1));
      try (ArrowTable table = ArrowStreams.coerceTableLike(root.getVector("s"), allocator);
          ArrowReader reader = table.toReader(allocator)) {
        assertEquals(List.of(ArrowStreams.SINGLE_COLUMN_NAME), table.columnNames());
        assertEquals(ArrowType.Utf8.INSTANCE, table.schema().getFields().get(0).getType());
        assertTrue(reader.loadNextBatch());
        assertEquals("v2", reader.getVectorSchemaRoot().getVector("value").getObject(1).toString());
      }
      assertEquals(2, root.getVector("s").getValueCount());
    }
  }

  @Test
  void unsupportedTableInputsAreRejectedNamingTheType() {
    InvalidInputException error = assertThrows(InvalidInputException.class, () -> ArrowStreams.coerceTableLike("x", allocator));
    assertEquals("Unsupported Arrow-like input of type java.lang.String; provide a Table or RecordBatchReader.",
        error.getMessage());
    assertTrue(assertThrows(InvalidInputException.class, () -> ArrowStreams.coerceTableLike(null, allocator))
        .getMessage().contains("type null;"));
    assertEquals("input must be Table/RecordBatch/RecordBatchReader, got java.lang.Integer",
        assertThrows(InvalidInputException.class, () -> ArrowStreams.ensureTable(5, "input", allocator)).getMessage());
    assertEquals("rows must be Table/RecordBatch/RecordBatchReader, got null",
        assertThrows(InvalidInputException.class, () -> ArrowStreams.ensureTable(null, "rows", allocator)).getMessage());
  }

  @Test
  void ensureTableAcceptsSupportedInputs() throws IOException {
    try (ArrowTable table = ArrowStreams.ensureTable(ipc(true, 9), "input", allocator)) {
      assertEquals(1, table.numRows());
    }
  }

  @Test
  void dictionaryEncodedTablesAreRejected() {
    Field encoded = new Field("k", new FieldType(true, new ArrowType.Int(32, true),
        new DictionaryEncoding(0, false, new ArrowType.Int(32, true))), null);
    try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(encoded)), allocator)) {
      InvalidInputException error = assertThrows(InvalidInputException.class, () -> ArrowStreams.coerceTableLike(root, allocator));
      assertTrue(error.getMessage().contains("'k' is dictionary-encoded; a table cannot carry dictionaries"), error.getMessage());
    }
  }

  @Test
  void aFailingReadReleasesTheBatchesAlreadyRead() throws IOException {
    byte[] stream = twoBatchStream();
    byte[] truncated = Arrays.copyOf(stream, stream.length - 20);
    EngineIOException error = assertThrows(EngineIOException.class, () -> ArrowStreams.coerceTableLike(truncated, allocator));
    assertEquals(ErrorCode.IO, error.errorCode());
  }
}
