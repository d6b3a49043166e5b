package io.codeanatomy.core.coercion;

import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.EngineIOException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.core.error.ResourcesExhaustedException;
import io.codeanatomy.core.internal.ConcatenatingReader;
import io.codeanatomy.core.internal.RecordBatchListReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Coercion of Arrow-like inputs to one {@link ArrowReader} (reference: {@code coerce_to_recordbatch_reader}),
 * to one in-memory {@link ArrowTable} ({@code coerce_table_like}, {@code to_arrow_table}, {@code
 * ensure_table}), and concatenation of readers ({@code concat_readers}).
 * The returned reader allocates from the given allocator and must be closed by the caller; inputs
 * other than an {@link ArrowReader} stay owned by the caller.
 */
public final class ArrowStreams {
  private static final byte[] FILE_MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
  /** Column name of a table made from a single array (reference: {@code coerce_table_like}). */
  public static final String SINGLE_COLUMN_NAME = "value";
  private static final String READER_ADVICE = "pass such data as Arrow IPC bytes or an ArrowReader";
  private static final String TABLE_ADVICE = "a table cannot carry dictionaries; decode it or consume it as an ArrowReader";

  private ArrowStreams() {}

  /**
   * Accepts an {@link ArrowReader} (returned as is), an {@link ArrowTable} (a reader over its batches,
   * which stay owned by the table), a {@link VectorSchemaRoot} (a one-batch reader
   * over a snapshot of its current contents), Arrow IPC {@code byte[]} in stream or file format, an
   * {@link InputStream} of the IPC stream format, or a {@link Path} to an IPC stream or file.
   *
   * @throws InvalidInputException for {@code null} or any other type, naming the type
   */
  public static ArrowReader toReader(Object value, BufferAllocator allocator) {
    Objects.requireNonNull(allocator, "allocator");
    if (value instanceof ArrowReader reader) {
      return reader;
    }
    if (value instanceof ArrowTable table) {
      return table.toReader(allocator);
    }
    if (value instanceof VectorSchemaRoot root) {
      return fromRoot(root, allocator);
    }
    if (value instanceof byte[] bytes) {
      return fromIpcBytes(bytes, allocator);
    }
    if (value instanceof InputStream stream) {
      return new ArrowStreamReader(stream, allocator);
    }
    if (value instanceof Path path) {
      return fromIpcPath(path, allocator);
    }
    throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "Unsupported Arrow-like input of type "
        + (value == null ? "null" : value.getClass().getName())
        + "; provide an ArrowReader, ArrowTable, VectorSchemaRoot, record batches with a schema, or Arrow IPC"
        + " bytes/stream/file.", null);
  }

  /**
   * {@code coerce_table_like} followed by {@code to_arrow_table}: the input as one in-memory {@link
   * ArrowTable}. Java has a single table type, so the reference's "table or reader" result is always
   * materialised here. Accepts an {@link ArrowTable} (returned as is); a {@link ValueVector} (the
   * reference's {@code __arrow_c_array__} case: a one-column table whose column is named {@code
   * value}); a {@link VectorSchemaRoot} (one batch sharing its buffers; the root stays the caller's);
   * and everything {@link #toReader} accepts, read to the end: an {@link ArrowReader} passed in is
   * consumed and closed. Batches are moved out of readers by buffer transfer, never copied.
   *
   * @throws InvalidInputException for {@code null} or any other type ("Unsupported Arrow-like input"),
   *     for dictionary-encoded fields, whose dictionaries a table cannot carry, and for malformed IPC
   *     bytes ({@code INVALID_ARROW_DATA})
   */
  public static ArrowTable coerceTableLike(Object value, BufferAllocator allocator) {
    Objects.requireNonNull(allocator, "allocator");
    if (value instanceof ArrowTable table) {
      return table;
    }
    if (value instanceof ValueVector vector) {
      return singleColumnTable(vector);
    }
    if (value instanceof VectorSchemaRoot root) {
      rejectDictionaryFields(root.getSchema(), TABLE_ADVICE);
      return new ArrowTable(root.getSchema(), List.of(new VectorUnloader(root).getRecordBatch()));
    }
    if (value == null || !isReaderSource(value)) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "Unsupported Arrow-like input of type "
          + typeName(value) + "; provide a Table or RecordBatchReader.", null);
    }
    try (ArrowReader reader = toReader(value, allocator)) {
      return readAll(reader);
    } catch (IOException e) {
      throw new EngineIOException(ErrorCode.IO, "Cannot read Arrow input: " + e.getMessage(), e);
    } catch (CodeAnatomyException e) {
      throw e;
    } catch (OutOfMemoryException e) {
      throw new ResourcesExhaustedException("Cannot read Arrow input: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Arrow Java's IPC readers report malformed bytes with assorted unchecked exceptions.
      throw new InvalidInputException(ErrorCode.INVALID_ARROW_DATA, "invalid Arrow data: " + e, e);
    }
  }

  /**
   * {@code ensure_table(value, label=...)}: {@link #coerceTableLike}, reporting an unsupported input
   * as {@code "{label} must be Table/RecordBatch/RecordBatchReader, got {type}"}.
   */
  public static ArrowTable ensureTable(Object value, String label, BufferAllocator allocator) {
    Objects.requireNonNull(label, "label");
    if (value == null || !(value instanceof ArrowTable || value instanceof ValueVector || isReaderSource(value))) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          label + " must be Table/RecordBatch/RecordBatchReader, got " + typeName(value), null);
    }
    return coerceTableLike(value, allocator);
  }

  /**
   * {@code concat_readers}: one reader yielding every batch of {@code readers} in order. Schemas must
   * be equal ignoring metadata (as pyarrow's {@code ==}); the result has the first reader's schema.
   * Checks run here rather than while reading, so a mismatch fails before any batch is consumed.
   * Batches move by buffer transfer, so all readers must allocate from the same root allocator as
   * {@code allocator}. On success the returned reader owns and closes {@code readers}; on failure
   * they stay the caller's.
   *
   * @throws InvalidInputException for an empty list, a null reader, a schema mismatch (naming both
   *     schemas), dictionary-encoded fields or readers under another root allocator
   */
  public static ArrowReader concatReaders(List<? extends ArrowReader> readers, BufferAllocator allocator) {
    Objects.requireNonNull(allocator, "allocator");
    if (readers == null || readers.isEmpty()) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "concat_readers requires at least one reader.", null);
    }
    List<ArrowReader> sources = new ArrayList<>(readers.size());
    Schema first = null;
    for (int index = 0; index < readers.size(); index++) {
      ArrowReader reader = readers.get(index);
      if (reader == null) {
        throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "concat_readers: reader " + index + " is null.", null);
      }
      VectorSchemaRoot root = rootOf(reader);
      Schema schema = root.getSchema();
      if (first == null) {
        first = schema;
        rejectDictionaryFields(schema, "concatenated readers cannot merge per-reader dictionaries");
      } else if (!sameFieldsIgnoringMetadata(first.getFields(), schema.getFields())) {
        throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "RecordBatchReader schema mismatch in"
            + " concat_readers: reader 0 has schema " + first + " but reader " + index + " has schema " + schema, null);
      }
      for (FieldVector vector : root.getFieldVectors()) {
        if (vector.getAllocator().getRoot() != allocator.getRoot()) {
          throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "concat_readers: reader " + index
              + " allocates from another root allocator; zero-copy transfer needs a single root.", null);
        }
      }
      sources.add(reader);
    }
    return new ConcatenatingReader(first, sources, allocator);
  }

  private static VectorSchemaRoot rootOf(ArrowReader reader) {
    try {
      return reader.getVectorSchemaRoot();
    } catch (IOException e) {
      throw new EngineIOException(ErrorCode.IO, "Cannot read the schema of an Arrow reader: " + e.getMessage(), e);
    }
  }

  private static boolean isReaderSource(Object value) {
    return value instanceof ArrowReader || value instanceof VectorSchemaRoot || value instanceof byte[]
        || value instanceof InputStream || value instanceof Path;
  }

  private static String typeName(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  /** Reads every batch, moving each out of the reader's root so later loads cannot touch it. */
  private static ArrowTable readAll(ArrowReader reader) throws IOException {
    VectorSchemaRoot root = reader.getVectorSchemaRoot();
    rejectDictionaryFields(root.getSchema(), TABLE_ADVICE);
    List<ArrowRecordBatch> batches = new ArrayList<>();
    try {
      while (reader.loadNextBatch()) {
        List<FieldVector> moved = new ArrayList<>();
        for (FieldVector vector : root.getFieldVectors()) {
          TransferPair pair = vector.getTransferPair(vector.getAllocator());
          pair.transfer();
          moved.add((FieldVector) pair.getTo());
        }
        try (VectorSchemaRoot batch = new VectorSchemaRoot(root.getSchema().getFields(), moved, root.getRowCount())) {
          // The record batch retains the moved buffers; closing the temporary root drops only its own reference.
          batches.add(new VectorUnloader(batch).getRecordBatch());
        }
      }
    } catch (IOException | RuntimeException e) {
      AutoCloseables.closeNoChecked(() -> AutoCloseables.close(batches));
      throw e;
    }
    return new ArrowTable(root.getSchema(), batches);
  }

  private static ArrowTable singleColumnTable(ValueVector vector) {
    if (!(vector instanceof FieldVector fieldVector)) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "Unsupported Arrow-like input of type "
          + typeName(vector) + "; provide a Table or RecordBatchReader.", null);
    }
    Field field = fieldVector.getField();
    Field renamed = new Field(SINGLE_COLUMN_NAME, field.getFieldType(), field.getChildren());
    rejectDictionaryField(renamed, SINGLE_COLUMN_NAME, TABLE_ADVICE);
    // A root over the caller's vector only to unload it; the vector is not closed, the batch retains its buffers.
    VectorSchemaRoot view = new VectorSchemaRoot(List.of(field), List.of(fieldVector), fieldVector.getValueCount());
    return new ArrowTable(new Schema(List.of(renamed)), List.of(new VectorUnloader(view).getRecordBatch()));
  }

  /** Field-by-field equality without metadata: pyarrow's {@code Schema.__eq__} ignores it. */
  private static boolean sameFieldsIgnoringMetadata(List<Field> left, List<Field> right) {
    if (left.size() != right.size()) {
      return false;
    }
    for (int index = 0; index < left.size(); index++) {
      Field a = left.get(index);
      Field b = right.get(index);
      if (!a.getName().equals(b.getName()) || a.isNullable() != b.isNullable() || !a.getType().equals(b.getType())
          || !Objects.equals(a.getDictionary(), b.getDictionary())
          || !sameFieldsIgnoringMetadata(a.getChildren(), b.getChildren())) {
        return false;
      }
    }
    return true;
  }

  /**
   * A reader over {@code batches} with {@code schema}. A batch that does not match the schema fails
   * when it is loaded, as in the reference. The batches stay owned by the caller.
   */
  public static ArrowReader fromBatches(Schema schema, List<ArrowRecordBatch> batches, BufferAllocator allocator) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(batches, "batches");
    Objects.requireNonNull(allocator, "allocator");
    rejectDictionaryFields(schema, READER_ADVICE);
    return new RecordBatchListReader(schema, batches, List.of(), allocator);
  }

  private static ArrowReader fromRoot(VectorSchemaRoot root, BufferAllocator allocator) {
    rejectDictionaryFields(root.getSchema(), READER_ADVICE);
    ArrowRecordBatch snapshot = new VectorUnloader(root).getRecordBatch();
    return new RecordBatchListReader(root.getSchema(), List.of(snapshot), List.of(snapshot), allocator);
  }

  private static ArrowReader fromIpcBytes(byte[] bytes, BufferAllocator allocator) {
    if (startsWithFileMagic(bytes)) {
      return new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(bytes), allocator);
    }
    return new ArrowStreamReader(new ByteArrayInputStream(bytes), allocator);
  }

  private static ArrowReader fromIpcPath(Path path, BufferAllocator allocator) {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
      ByteBuffer head = ByteBuffer.allocate(FILE_MAGIC.length);
      channel.read(head, 0);
      // The reader owns the channel from here on and closes it with itself.
      return startsWithFileMagic(head.array())
          ? new ArrowFileReader(channel, allocator) : new ArrowStreamReader(channel, allocator);
    } catch (IOException e) {
      closeQuietly(channel, e);
      throw new EngineIOException(ErrorCode.IO, "Cannot open Arrow IPC file " + path + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(FileChannel channel, IOException failure) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException closeFailure) {
      failure.addSuppressed(closeFailure);
    }
  }

  private static boolean startsWithFileMagic(byte[] bytes) {
    return bytes.length >= FILE_MAGIC.length && Arrays.equals(bytes, 0, FILE_MAGIC.length, FILE_MAGIC, 0, FILE_MAGIC.length);
  }

  /**
   * Record batches carry no dictionary batches, so a dictionary-encoded field cannot be read back
   * from in-memory batches; {@code advice} tells the caller what to do instead.
   */
  private static void rejectDictionaryFields(Schema schema, String advice) {
    for (Field field : schema.getFields()) {
      rejectDictionaryField(field, field.getName(), advice);
    }
  }

  private static void rejectDictionaryField(Field field, String path, String advice) {
    if (field.getDictionary() != null) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "Field '" + path
          + "' is dictionary-encoded; " + advice + ".", null);
    }
    for (Field child : field.getChildren()) {
      rejectDictionaryField(child, path + "." + child.getName(), advice);
    }
  }
}
