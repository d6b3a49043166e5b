package io.codeanatomy.core.coercion;

import io.codeanatomy.core.internal.RecordBatchListReader;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A fully materialised, chunked Arrow table: one schema and the record batches holding its rows,
 * the Java counterpart of the reference's {@code pa.Table}/{@code TableLike} (see {@link
 * ArrowStreams#coerceTableLike}). The table owns its batches and releases them on {@link #close()};
 * readers from {@link #toReader} share the batches' buffers without copying and must be closed
 * before the table.
 */
public final class ArrowTable implements AutoCloseable {
  private final Schema schema;
  private final List<ArrowRecordBatch> batches;
  private final long numRows;

  /** Takes ownership of {@code batches}, which must match {@code schema}. */
  ArrowTable(Schema schema, List<ArrowRecordBatch> batches) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.batches = List.copyOf(batches);
    this.numRows = this.batches.stream().mapToLong(ArrowRecordBatch::getLength).sum();
  }

  public Schema schema() {
    return schema;
  }

  /** {@code column_names}: the top-level field names in order. */
  public List<String> columnNames() {
    return schema.getFields().stream().map(Field::getName).toList();
  }

  /** {@code num_rows}: rows over all batches. */
  public long numRows() {
    return numRows;
  }

  /** The batches in order; they stay owned by this table. */
  public List<ArrowRecordBatch> batches() {
    return batches;
  }

  /** {@code to_reader()}: a reader over the batches, which stay owned by this table. */
  public ArrowReader toReader(BufferAllocator allocator) {
    return new RecordBatchListReader(schema, batches, List.of(), Objects.requireNonNull(allocator, "allocator"));
  }

  @Override
  public void close() {
    try {
      AutoCloseables.close(batches);
    } catch (Exception e) {
      throw new IllegalStateException("closing the batches of an ArrowTable", e);
    }
  }
}
