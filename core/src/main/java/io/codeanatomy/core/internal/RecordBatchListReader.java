package io.codeanatomy.core.internal;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An {@link ArrowReader} over record batches already in memory. Loading a batch retains its buffers
 * in the reader's root, so the batches stay owned by whoever passed them in (and may be read again);
 * batches listed in {@code owned} are closed with the reader.
 */
public final class RecordBatchListReader extends ArrowReader {
  private final Schema schema;
  private final List<ArrowRecordBatch> batches;
  private final List<ArrowRecordBatch> owned;
  private int next;
  private long bytesRead;

  public RecordBatchListReader(Schema schema, List<ArrowRecordBatch> batches, List<ArrowRecordBatch> owned,
      BufferAllocator allocator) {
    super(allocator);
    this.schema = schema;
    this.batches = List.copyOf(batches);
    this.owned = List.copyOf(owned);
  }

  @Override
  public boolean loadNextBatch() throws java.io.IOException {
    ensureInitialized();
    if (next >= batches.size()) {
      getVectorSchemaRoot().setRowCount(0);
      return false;
    }
    ArrowRecordBatch batch = batches.get(next++);
    // ArrowReader.loadRecordBatch closes the batch; loading directly only retains its buffers.
    new VectorLoader(getVectorSchemaRoot()).load(batch);
    bytesRead += batch.computeBodyLength();
    return true;
  }

  @Override
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  protected void closeReadSource() {
    try {
      AutoCloseables.close(owned);
    } catch (Exception e) {
      throw new IllegalStateException("closing in-memory record batches", e);
    }
  }

  @Override
  protected Schema readSchema() {
    return schema;
  }
}
