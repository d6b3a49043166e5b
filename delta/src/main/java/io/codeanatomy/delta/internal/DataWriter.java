package io.codeanatomy.delta.internal;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.internal.DeltaNative;
import io.codeanatomy.engine.internal.EngineInternals;
import io.codeanatomy.engine.internal.StructAllocator;
import io.codeanatomy.engine.internal.ValidatedReader;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The data of a write, handed to the native writer: a DataFrame (executed natively, one writer per
 * output partition) or an Arrow stream (exported through the C Stream interface and consumed).
 */
public abstract sealed class DataWriter {
  private DataWriter() {}

  public static DataWriter of(DataFrame frame) {
    return new FrameWriter(frame);
  }

  public static DataWriter of(ArrowReader reader) {
    return new StreamWriter(reader);
  }

  /** No rows at all, only a schema: a write that creates an empty table. */
  public static DataWriter empty(Schema schema) {
    return new EmptyWriter(schema);
  }

  /** The data's Arrow schema. */
  public abstract Schema schema();

  /** Writes the data files into the table directory; returns the native writer's JSON result. */
  public abstract String write(Schema tableSchema, String specJson);

  /** Releases the data without writing it (a write that turned out to be a no-op). */
  public abstract void discard();

  /** The data as a DataFrame, when it is one (predicates are evaluated on it by its session). */
  public Optional<DataFrame> frame() {
    return Optional.empty();
  }

  /**
   * The data sorted by {@code keys} (SQL sort keys) before it is written. Only a DataFrame can be
   * sorted; streams and empty data are written in arrival order.
   */
  public DataWriter sortedBy(List<String> keys) {
    return this;
  }

  private static final class FrameWriter extends DataWriter {
    private final DataFrame frame;
    /** Whether this writer made the frame (sorted it) and so must close it. */
    private final boolean owned;

    FrameWriter(DataFrame frame) {
      this(frame, false);
    }

    private FrameWriter(DataFrame frame, boolean owned) {
      this.frame = frame;
      this.owned = owned;
    }

    @Override
    public Optional<DataFrame> frame() {
      return Optional.of(frame);
    }

    @Override
    public DataWriter sortedBy(List<String> keys) {
      return keys.isEmpty() ? this : new FrameWriter(frame.sort(keys.toArray(String[]::new)), true);
    }

    @Override
    public Schema schema() {
      return frame.schema();
    }

    @Override
    public String write(Schema tableSchema, String specJson) {
      try {
        return ArrowExports.withExportedSchema(tableSchema,
            schemaAddress -> EngineInternals.withFrame(frame, address -> DeltaNative.writeFrame(address, schemaAddress,
                specJson)));
      } finally {
        discard();
      }
    }

    @Override
    public void discard() {
      if (owned) {
        frame.close(); // otherwise the caller owns the frame
      }
    }
  }

  private static final class StreamWriter extends DataWriter {
    private final ArrowReader reader;
    /** Set once the stream was exported (the native side then closes it) or closed here. */
    private boolean released;

    StreamWriter(ArrowReader reader) {
      this.reader = reader;
    }

    @Override
    public Schema schema() {
      try {
        return reader.getVectorSchemaRoot().getSchema();
      } catch (IOException e) {
        throw new InvalidInputException(ErrorCode.INVALID_ARROW_DATA,
            "invalid Arrow data: cannot read the stream's schema: " + e.getMessage(), e);
      }
    }

    @Override
    public String write(Schema tableSchema, String specJson) {
      BufferAllocator allocator = exportAllocator();
      try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
        Data.exportArrayStream(allocator, new ValidatedReader(reader), stream);
        released = true;
        return ArrowExports.withExportedSchema(tableSchema,
            schemaAddress -> DeltaNative.writeStream(stream.memoryAddress(), schemaAddress, specJson));
      }
    }

    /** Arrow Java moves exported buffers' accounting to this allocator; it must own the data. */
    private BufferAllocator exportAllocator() {
      try {
        List<FieldVector> vectors = reader.getVectorSchemaRoot().getFieldVectors();
        return vectors.isEmpty() ? StructAllocator.get() : vectors.get(0).getAllocator();
      } catch (IOException e) {
        throw new InvalidInputException(ErrorCode.INVALID_ARROW_DATA,
            "invalid Arrow data: cannot read the stream's schema: " + e.getMessage(), e);
      }
    }

    @Override
    public void discard() {
      if (released) {
        return;
      }
      released = true;
      try {
        reader.close();
      } catch (IOException e) {
        throw new InvalidInputException(ErrorCode.INVALID_ARROW_DATA, "cannot close the Arrow stream: "
            + e.getMessage(), e);
      }
    }
  }

  private static final class EmptyWriter extends DataWriter {
    private static final String NO_FILES = "{\"files\":[]}";
    private final Schema schema;

    EmptyWriter(Schema schema) {
      this.schema = schema;
    }

    @Override
    public Schema schema() {
      return schema;
    }

    @Override
    public String write(Schema tableSchema, String specJson) {
      return NO_FILES; // the native writer would open no file for zero batches either
    }

    @Override
    public void discard() {
      // Nothing is held.
    }
  }
}
