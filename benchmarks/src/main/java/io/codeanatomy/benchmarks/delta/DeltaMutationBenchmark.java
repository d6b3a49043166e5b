package io.codeanatomy.benchmarks.delta;

import io.codeanatomy.benchmarks.delta.DeltaWorkload.ScanAnswer;
import io.codeanatomy.delta.DeltaMaintenance;
import io.codeanatomy.delta.DeltaMerge;
import io.codeanatomy.delta.DeltaOperationReport;
import io.codeanatomy.delta.DeltaOptimizeOptions;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.DeltaVersionSpec;
import io.codeanatomy.engine.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Delta Lake mutations of {@link DeltaWorkload}'s rows, each timed once (single shot,
 * milliseconds) on a fresh copy of a prepared table (copied before, untimed). delta/interop/bench.py
 * runs the same three on delta-rs.
 *
 * <ul>
 *   <li>{@link #delete}: {@link DeltaWorkload#DELETE_PREDICATE} (1% of the rows, in every file) from
 *       a {@code rows}-row table of {@code files} files.
 *   <li>{@link #merge}: {@code mergeRows} source rows into that table on {@link
 *       DeltaWorkload#MERGE_PREDICATE}, half of them matching (updated), half new (inserted).
 *   <li>{@link #optimize}: bin-packing compaction (default target size) of a {@code rows}-row table
 *       of {@code smallFiles} files.
 * </ul>
 *
 * After each operation the table must hold exactly the expected rows ({@link DeltaWorkload#SCAN_SQL}
 * against the engine's answer over the rows it should hold), one version more, and the operation's
 * metrics must count the rows or files it changed; otherwise the run fails. {@code table} and
 * {@code smallFilesTable} name prepared tables of the workload's rows (bench.py passes the ones
 * delta-rs wrote); empty, they are written into a temporary directory.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class DeltaMutationBenchmark {

  /** A prepared table, copied afresh before each operation and checked after it. */
  @State(Scope.Benchmark)
  public abstract static class FreshCopy {
    @Param("10000000")
    public long rows;

    Session session;
    BufferAllocator allocator;
    DeltaTable copy;
    private Path work;
    private Path prepared;
    private long preparedVersion;
    private ScanAnswer expected;
    private int invocation;
    DeltaOperationReport report;

    /** The prepared table given by a parameter, or empty to write one into {@code directory}. */
    abstract Path prepare(Path directory);

    /** The rows the table holds after the operation, as a query. */
    abstract String expectedRows();

    /** Fails unless the operation's metrics count what it should have changed. */
    abstract void checkMetrics(Map<String, Object> metrics);

    /** Gets {@code session} ready for the operation (untimed). */
    void prepareSession() {}

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      work = Files.createTempDirectory("delta-mutation-benchmark");
      prepared = prepare(work.resolve("prepared"));
      preparedVersion = DeltaTable.open(prepared.toString()).snapshotInfo().version();
      session = Session.open();
      allocator = new RootAllocator();
      expected = DeltaWorkload.scanOf(session, expectedRows(), allocator);
      prepareSession();
    }

    @Setup(Level.Invocation)
    public void copyTable() {
      Path target = work.resolve("copy-" + invocation++);
      DeltaWorkload.copyTree(prepared, target);
      copy = DeltaTable.open(target.toString());
      report = null;
    }

    @TearDown(Level.Invocation)
    public void checkTable() {
      if (report == null || !report.committed() || report.version() != preparedVersion + 1) {
        throw new IllegalStateException("expected a commit of version " + (preparedVersion + 1) + ", got " + report);
      }
      checkMetrics(report.metrics());
      try (Session fresh = Session.open()) {
        DeltaWorkload.scan(fresh, DeltaTable.open(copy.uri()), allocator).require(expected, copy.uri());
      }
      DeltaWorkload.deleteTree(copy.directory());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      session.close();
      allocator.close();
      DeltaWorkload.deleteTree(work);
    }

    static Path preparedOrWritten(String table, Path directory, long rows, int files) {
      if (!table.isEmpty()) {
        return Path.of(table);
      }
      DeltaWorkload.writeTable(directory, rows, files);
      return directory;
    }

    static void requireMetric(Map<String, Object> metrics, String key, long expected) {
      Object value = metrics.get(key);
      if (!(value instanceof Number number) || number.longValue() != expected) {
        throw new IllegalStateException(key + " is " + value + ", expected " + expected + " in " + metrics);
      }
    }
  }

  @State(Scope.Benchmark)
  public static class Delete extends FreshCopy {
    @Param("50")
    public int files;

    @Param("")
    public String table;

    @Override
    Path prepare(Path directory) {
      return preparedOrWritten(table, directory, rows, files);
    }

    @Override
    String expectedRows() {
      return DeltaWorkload.afterDeleteSql(rows);
    }

    @Override
    void checkMetrics(Map<String, Object> metrics) {
      requireMetric(metrics, "num_deleted_rows", (rows + 99) / 100);
    }
  }

  @State(Scope.Benchmark)
  public static class Merge extends FreshCopy {
    @Param("50")
    public int files;

    @Param("")
    public String table;

    @Param("100000")
    public long mergeRows;

    private DeltaMerge merge;

    @Override
    Path prepare(Path directory) {
      return preparedOrWritten(table, directory, rows, files);
    }

    @Override
    void prepareSession() {
      // Materialised once, untimed, as delta-rs merges an in-memory Arrow table.
      session.execute("CREATE TABLE source AS " + DeltaWorkload.mergeSourceSql(rows, mergeRows));
      merge = DeltaMerge.builder("source", DeltaWorkload.MERGE_PREDICATE)
          .whenMatchedUpdateAll()
          .whenNotMatchedInsertAll()
          .build();
    }

    @Override
    String expectedRows() {
      return DeltaWorkload.afterMergeSql(rows, mergeRows);
    }

    @Override
    void checkMetrics(Map<String, Object> metrics) {
      requireMetric(metrics, "num_target_rows_updated", mergeRows / 2);
      requireMetric(metrics, "num_target_rows_inserted", mergeRows - mergeRows / 2);
    }
  }

  @State(Scope.Benchmark)
  public static class Optimize extends FreshCopy {
    @Param("200")
    public int smallFiles;

    @Param("")
    public String smallFilesTable;

    @Override
    Path prepare(Path directory) {
      return preparedOrWritten(smallFilesTable, directory, rows, smallFiles);
    }

    @Override
    String expectedRows() {
      return DeltaWorkload.rowsSql(0, rows);
    }

    @Override
    void checkMetrics(Map<String, Object> metrics) {
      requireMetric(metrics, "numFilesRemoved", smallFiles);
      int left = copy.addActions(DeltaVersionSpec.latest()).size();
      if (left >= smallFiles) {
        throw new IllegalStateException("optimize left " + left + " of " + smallFiles + " files");
      }
    }
  }

  @Benchmark
  public DeltaOperationReport delete(Delete state) {
    return state.report = state.copy.delete(state.session, DeltaWorkload.DELETE_PREDICATE);
  }

  @Benchmark
  public DeltaOperationReport merge(Merge state) {
    return state.report = state.merge.execute(state.session, state.copy);
  }

  @Benchmark
  public DeltaOperationReport optimize(Optimize state) {
    return state.report = DeltaMaintenance.of(state.copy).optimize(state.session, DeltaOptimizeOptions.DEFAULT);
  }
}
