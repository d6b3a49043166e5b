package io.codeanatomy.engine;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.util.AutoCloseables;

/** Query results held in memory as record batches. Close to release their buffers. */
public final class ArrowBatches implements AutoCloseable {
  private final Schema schema;
  private final List<VectorSchemaRoot> batches;

  ArrowBatches(Schema schema, List<VectorSchemaRoot> batches) {
    this.schema = schema;
    this.batches = List.copyOf(batches);
  }

  public Schema schema() {
    return schema;
  }

  public List<VectorSchemaRoot> batches() {
    return batches;
  }

  public long rowCount() {
    return batches.stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
  }

  @Override
  public void close() {
    try {
      AutoCloseables.close(batches);
    } catch (Exception e) {
      throw new IllegalStateException("releasing result batches failed", e);
    }
  }

  /** Moves the current batch of a reader's root into a new root (buffer ownership, no copy). */
  static VectorSchemaRoot moveOut(VectorSchemaRoot source, BufferAllocator allocator) {
    List<FieldVector> moved = source.getFieldVectors().stream().map(vector -> {
      var transfer = vector.getTransferPair(allocator);
      transfer.transfer();
      return (FieldVector) transfer.getTo();
    }).toList();
    return new VectorSchemaRoot(source.getSchema().getFields(), moved, source.getRowCount());
  }
}
