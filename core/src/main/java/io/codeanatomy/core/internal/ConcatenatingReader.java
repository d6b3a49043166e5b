package io.codeanatomy.core.internal;

import java.io.IOException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Yields the batches of several readers of one schema in order. Each batch moves from the source's
 * root into this reader's root by buffer transfer (no copy), which is why every source must allocate
 * from the same root allocator as this reader; the caller checks that, and the schemas, up front.
 * The sources are closed with this reader.
 */
public final class ConcatenatingReader extends ArrowReader {
  private final Schema schema;
  private final List<ArrowReader> sources;
  private int current;

  public ConcatenatingReader(Schema schema, List<ArrowReader> sources, BufferAllocator allocator) {
    super(allocator);
    this.schema = schema;
    this.sources = List.copyOf(sources);
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    ensureInitialized();
    VectorSchemaRoot target = getVectorSchemaRoot();
    while (current < sources.size()) {
      ArrowReader source = sources.get(current);
      if (source.loadNextBatch()) {
        VectorSchemaRoot from = source.getVectorSchemaRoot();
        List<FieldVector> fromVectors = from.getFieldVectors();
        List<FieldVector> toVectors = target.getFieldVectors();
        for (int index = 0; index < fromVectors.size(); index++) {
          fromVectors.get(index).makeTransferPair(toVectors.get(index)).transfer();
        }
        target.setRowCount(from.getRowCount());
        return true;
      }
      current++;
    }
    target.setRowCount(0);
    return false;
  }

  @Override
  public long bytesRead() {
    return sources.stream().mapToLong(ArrowReader::bytesRead).sum();
  }

  @Override
  protected void closeReadSource() throws IOException {
    try {
      AutoCloseables.close(sources);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("closing concatenated readers", e);
    }
  }

  @Override
  protected Schema readSchema() {
    return schema;
  }
}
