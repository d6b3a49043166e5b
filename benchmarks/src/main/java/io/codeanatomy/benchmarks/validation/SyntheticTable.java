package io.codeanatomy.benchmarks.validation;

import io.codeanatomy.core.arrow.ArrowFields;
import io.codeanatomy.core.coercion.ArrowStreams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A code-symbol-like table held as record batches: {@code file_id, local_id} (int64, unique
 * together), {@code name} (utf8), {@code kind} (int32), {@code size} (int64). Every
 * {@code nullEvery}-th row has a null {@code name} (0: none).
 */
final class SyntheticTable implements AutoCloseable {
  static final Schema SCHEMA = new Schema(List.of(
      ArrowFields.field("file_id", ArrowFields.INT64, true),
      ArrowFields.field("local_id", ArrowFields.INT64, true),
      ArrowFields.field("name", ArrowFields.UTF8, true),
      ArrowFields.field("kind", ArrowFields.INT32, true),
      ArrowFields.field("size", ArrowFields.INT64, true)));
  private static final int BATCH_ROWS = 64 * 1024;
  private static final int SYMBOLS_PER_FILE = 4096;

  private final BufferAllocator allocator;
  private final List<ArrowRecordBatch> batches = new ArrayList<>();

  SyntheticTable(BufferAllocator allocator, long rows, int nullEvery) {
    this.allocator = allocator;
    for (long start = 0; start < rows; start += BATCH_ROWS) {
      int count = (int) Math.min(BATCH_ROWS, rows - start);
      try (VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator)) {
        fill(root, start, count, nullEvery);
        batches.add(new VectorUnloader(root).getRecordBatch());
      }
    }
  }

  private static void fill(VectorSchemaRoot root, long start, int count, int nullEvery) {
    BigIntVector fileIds = (BigIntVector) root.getVector("file_id");
    BigIntVector localIds = (BigIntVector) root.getVector("local_id");
    VarCharVector names = (VarCharVector) root.getVector("name");
    IntVector kinds = (IntVector) root.getVector("kind");
    BigIntVector sizes = (BigIntVector) root.getVector("size");
    fileIds.allocateNew(count);
    localIds.allocateNew(count);
    names.allocateNew(count * 8L, count);
    kinds.allocateNew(count);
    sizes.allocateNew(count);
    for (int i = 0; i < count; i++) {
      long row = start + i;
      fileIds.set(i, row / SYMBOLS_PER_FILE);
      localIds.set(i, row % SYMBOLS_PER_FILE);
      if (nullEvery > 0 && row % nullEvery == 0) {
        names.setNull(i);
      } else {
        names.setSafe(i, ("sym" + row % 10_000).getBytes(StandardCharsets.UTF_8));
      }
      kinds.set(i, (int) (row % 7));
      sizes.set(i, row % 5_000);
    }
    root.setRowCount(count);
  }

  /** A fresh reader over the batches; the batches stay with this table. */
  ArrowReader reader() {
    return ArrowStreams.fromBatches(SCHEMA, batches, allocator);
  }

  @Override
  public void close() {
    batches.forEach(ArrowRecordBatch::close);
  }
}
