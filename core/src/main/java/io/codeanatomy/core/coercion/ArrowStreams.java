package io.codeanatomy.core.coercion;

import io.codeanatomy.core.error.EngineIOException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.core.internal.RecordBatchListReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * Coercion of Arrow-like inputs to one {@link ArrowReader} (reference: {@code coerce_to_recordbatch_reader}).
 * The returned reader allocates from the given allocator and must be closed by the caller; inputs
 * other than an {@link ArrowReader} stay owned by the caller.
 */
public final class ArrowStreams {
  private static final byte[] FILE_MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

  private ArrowStreams() {}

  /**
   * Accepts an {@link ArrowReader} (returned as is), a {@link VectorSchemaRoot} (a one-batch reader
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
        + "; provide an ArrowReader, VectorSchemaRoot, record batches with a schema, or Arrow IPC bytes/stream/file.",
        null);
  }

  /**
   * A reader over {@code batches} with {@code schema}. A batch that does not match the schema fails
   * when it is loaded, as in the reference. The batches stay owned by the caller.
   */
  public static ArrowReader fromBatches(Schema schema, List<ArrowRecordBatch> batches, BufferAllocator allocator) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(batches, "batches");
    Objects.requireNonNull(allocator, "allocator");
    rejectDictionaryFields(schema);
    return new RecordBatchListReader(schema, batches, List.of(), allocator);
  }

  private static ArrowReader fromRoot(VectorSchemaRoot root, BufferAllocator allocator) {
    rejectDictionaryFields(root.getSchema());
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

  /** In-memory batches carry no dictionary batches, so a dictionary-encoded field cannot be read back. */
  private static void rejectDictionaryFields(Schema schema) {
    for (Field field : schema.getFields()) {
      rejectDictionaryField(field, field.getName());
    }
  }

  private static void rejectDictionaryField(Field field, String path) {
    if (field.getDictionary() != null) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "Field '" + path
          + "' is dictionary-encoded; pass such data as Arrow IPC bytes or an ArrowReader.", null);
    }
    for (Field child : field.getChildren()) {
      rejectDictionaryField(child, path + "." + child.getName());
    }
  }
}
