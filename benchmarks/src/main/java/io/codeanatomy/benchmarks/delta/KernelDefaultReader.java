package io.codeanatomy.benchmarks.delta;

import io.codeanatomy.benchmarks.delta.DeltaWorkload.ScanAnswer;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The reference reader: {@link DeltaWorkload#SCAN_SQL}'s answer computed the way Delta Kernel's
 * user guide reads a table with its default engine: scan files from {@link Scan#getScanFiles},
 * each file through the engine's Parquet handler and {@link Scan#transformPhysicalData}, values
 * taken from Kernel's column vectors.
 */
final class KernelDefaultReader {
  private static final List<String> COLUMNS = List.of("id", "v", "name");

  private KernelDefaultReader() {}

  /**
   * Loads the latest snapshot of {@code tablePath} and reads its files one after the other, or,
   * with an executor, one file per task (as a connector spreads scan files over its workers).
   */
  static ScanAnswer scan(Engine engine, String tablePath, ExecutorService executor) {
    Snapshot snapshot = TableManager.loadSnapshot(tablePath).build(engine);
    StructType readSchema = new StructType();
    for (String column : COLUMNS) {
      readSchema = readSchema.add(snapshot.getSchema().get(column));
    }
    Scan scan = snapshot.getScanBuilder().withReadSchema(readSchema).build();
    Row scanState = scan.getScanState(engine);
    List<Row> files = new ArrayList<>();
    try (CloseableIterator<Row> rows = Utils.intoRows(scan.getScanFiles(engine))) {
      rows.forEachRemaining(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Totals totals = new Totals();
    if (executor == null) {
      files.forEach(file -> read(engine, scanState, file, totals));
      return totals.answer();
    }
    List<Future<Totals>> tasks = new ArrayList<>();
    for (Row file : files) {
      tasks.add(executor.submit(() -> read(engine, scanState, file, new Totals())));
    }
    try {
      for (Future<Totals> task : tasks) {
        totals.merge(task.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + tablePath, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading " + tablePath + " failed: " + e.getCause(), e.getCause());
    }
    return totals.answer();
  }

  private static Totals read(Engine engine, Row scanState, Row scanFile, Totals totals) {
    StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
    try (CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler().readParquetFiles(
            Utils.singletonCloseableIterator(InternalScanFileUtils.getAddFileStatus(scanFile)), physicalSchema,
            Optional.empty()).map(FileReadResult::getData);
        CloseableIterator<FilteredColumnarBatch> logical =
            Scan.transformPhysicalData(engine, scanState, scanFile, physical)) {
      logical.forEachRemaining(totals::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return totals;
  }

  /** Running {@code count(*), sum(id), sum(v), max(name)}. */
  private static final class Totals {
    long rows;
    long idSum;
    double vSum;
    String maxName;

    void add(FilteredColumnarBatch filtered) {
      ColumnarBatch batch = filtered.getData();
      ColumnVector selection = filtered.getSelectionVector().orElse(null);
      ColumnVector ids = batch.getColumnVector(0);
      ColumnVector values = batch.getColumnVector(1);
      ColumnVector names = batch.getColumnVector(2);
      for (int row = 0; row < batch.getSize(); row++) {
        if (selection != null && (selection.isNullAt(row) || !selection.getBoolean(row))) {
          continue;
        }
        rows++;
        if (!ids.isNullAt(row)) {
          idSum += ids.getLong(row);
        }
        if (!values.isNullAt(row)) {
          vSum += values.getDouble(row);
        }
        if (!names.isNullAt(row)) {
          maxName = max(maxName, names.getString(row));
        }
      }
    }

    void merge(Totals other) {
      rows += other.rows;
      idSum += other.idSum;
      vSum += other.vSum;
      maxName = other.maxName == null ? maxName : max(maxName, other.maxName);
    }

    private static String max(String current, String candidate) {
      return current == null || candidate.compareTo(current) > 0 ? candidate : current;
    }

    ScanAnswer answer() {
      return new ScanAnswer(rows, idSum, vSum, maxName);
    }
  }
}
