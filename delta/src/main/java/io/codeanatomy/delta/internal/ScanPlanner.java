package io.codeanatomy.delta.internal;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.deletionvectors.DeletionVectorUtils;
import io.delta.kernel.internal.deletionvectors.RoaringBitmapArray;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Kernel scan planning: log replay (with checkpoints), partition pruning and statistics skipping
 * for an optional predicate, and deletion vectors resolved to row ranges.
 */
public final class ScanPlanner {
  private static final StructType ADD_SCHEMA = (StructType) InternalScanFileUtils.SCAN_FILE_SCHEMA_WITH_STATS
      .at(InternalScanFileUtils.ADD_FILE_ORDINAL).getDataType();
  private static final int PATH = ADD_SCHEMA.indexOf("path");
  private static final int SIZE = ADD_SCHEMA.indexOf("size");
  private static final int MODIFICATION_TIME = ADD_SCHEMA.indexOf("modificationTime");

  private ScanPlanner() {}

  /** Active files of {@code snapshot} that may hold rows matching {@code predicate} (null: all). */
  public static List<ScanFile> files(Engine engine, Snapshot snapshot, Predicate predicate) {
    ScanBuilder builder = snapshot.getScanBuilder();
    if (predicate != null) {
      builder = builder.withFilter(predicate);
    }
    Scan scan = builder.build();
    List<ScanFile> files = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine, true)) {
      while (batches.hasNext()) {
        try (CloseableIterator<Row> rows = batches.next().getRows()) {
          while (rows.hasNext()) {
            files.add(scanFile(rows.next()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static ScanFile scanFile(Row row) {
    Row add = row.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
    String encoded = add.getString(PATH);
    String stats = add.isNullAt(InternalScanFileUtils.ADD_FILE_STATS_ORDINAL) ? null
        : add.getString(InternalScanFileUtils.ADD_FILE_STATS_ORDINAL);
    return new ScanFile(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8), encoded,
        add.getLong(SIZE), add.getLong(MODIFICATION_TIME), InternalScanFileUtils.getPartitionValues(row), stats,
        InternalScanFileUtils.getDeletionVectorDescriptorFromRow(row));
  }

  /** The rows a deletion vector removes, as sorted half-open {@code [start, end)} ranges. */
  public static List<long[]> deletedRanges(Engine engine, String tablePath, ScanFile file, String table, long version) {
    DeletionVectorDescriptor descriptor = file.deletionVector();
    if (descriptor == null) {
      return List.of();
    }
    RoaringBitmapArray bitmap;
    try {
      bitmap = DeletionVectorUtils.loadNewDvAndBitmap(engine, tablePath, descriptor)._2;
    } catch (RuntimeException e) {
      throw new DeltaException(ErrorCode.DELTA_CORRUPT_LOG, "cannot read the deletion vector of '" + file.path()
          + "' in Delta table " + table + " at version " + version + ": " + e.getMessage(), e);
    }
    List<long[]> ranges = new ArrayList<>();
    for (long row : bitmap.toArray()) {
      long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
      if (last != null && last[1] == row) {
        last[1] = row + 1;
      } else {
        ranges.add(new long[] {row, row + 1});
      }
    }
    return ranges;
  }
}
