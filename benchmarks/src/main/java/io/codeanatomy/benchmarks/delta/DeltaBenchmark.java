package io.codeanatomy.benchmarks.delta;

import io.codeanatomy.benchmarks.delta.DeltaWorkload.ScanAnswer;
import io.codeanatomy.delta.DeltaOperationReport;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.DeltaWriteOptions;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.hadoop.conf.Configuration;
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
 * Delta Lake writes and reads of {@link DeltaWorkload}'s rows, each operation timed once
 * (single shot, milliseconds). delta/interop/bench.py runs these next to delta-rs.
 *
 * <ul>
 *   <li>{@link #append}: {@code rows} rows into a new, unpartitioned table by {@code
 *       DeltaTable.write} of a query over an in-memory table (made once, untimed, like the
 *       in-memory Arrow table delta-rs writes), default options. After each iteration the table
 *       is read back and must hold exactly the rows written.
 *   <li>{@link #engineScan}: {@link DeltaWorkload#SCAN_SQL} over a {@code rows}-row table of
 *       {@code files} data files, registered by {@code DeltaTables.register} (Kernel log replay
 *       included) and run by the native engine.
 *   <li>{@link #kernelDefaultReader}, {@link #kernelDefaultReaderThreadPerCore}: the same answer
 *       computed through Delta Kernel's default engine ({@link KernelDefaultReader}), files read
 *       one after the other or one task per file on a thread per core.
 * </ul>
 *
 * The scan set-up fails unless every reader returns the expected answer. {@code table} names an
 * existing table of the workload's rows to scan (bench.py passes the one delta-rs wrote); empty,
 * one is written into a temporary directory.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class DeltaBenchmark {

  @State(Scope.Benchmark)
  public static class Append {
    @Param("10000000")
    public long rows;

    private Session session;
    private BufferAllocator allocator;
    private Path work;
    private Path target;
    private int iteration;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      session = Session.open();
      allocator = new RootAllocator();
      work = Files.createTempDirectory("delta-append-benchmark");
      session.execute("CREATE TABLE source AS " + DeltaWorkload.rowsSql(0, rows));
    }

    @Setup(Level.Iteration)
    public void newTable() {
      target = work.resolve("table-" + iteration++);
    }

    @TearDown(Level.Iteration)
    public void checkTable() {
      DeltaWorkload.scan(session, DeltaTable.open(target.toString()), allocator)
          .require(ScanAnswer.expected(rows), "the appended table");
      DeltaWorkload.deleteTree(target);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      session.close();
      allocator.close();
      DeltaWorkload.deleteTree(work);
    }
  }

  @State(Scope.Benchmark)
  public static class Scan {
    @Param("10000000")
    public long rows;

    @Param("50")
    public int files;

    /** An existing table of the workload's rows; empty: one is written into a temporary directory. */
    @Param("")
    public String table;

    private Path written;
    private DeltaTable delta;
    private String kernelPath;
    private Session session;
    private BufferAllocator allocator;
    private Engine kernel;
    private ExecutorService threadPerCore;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      if (table.isEmpty()) {
        written = Files.createTempDirectory("delta-scan-benchmark");
        delta = DeltaWorkload.writeTable(written, rows, files);
      } else {
        delta = DeltaTable.open(table);
      }
      kernelPath = delta.directory().toUri().toString();
      session = Session.open();
      allocator = new RootAllocator();
      kernel = DefaultEngine.create(new Configuration());
      threadPerCore = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
      ScanAnswer expected = ScanAnswer.expected(rows);
      engine().require(expected, "the native engine");
      kernel(null).require(expected, "Kernel's default reader");
      kernel(threadPerCore).require(expected, "Kernel's default reader, one thread per core");
    }

    ScanAnswer engine() {
      return DeltaWorkload.scan(session, delta, allocator);
    }

    ScanAnswer kernel(ExecutorService executor) {
      return KernelDefaultReader.scan(kernel, kernelPath, executor);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      threadPerCore.shutdownNow();
      session.close();
      allocator.close();
      if (written != null) {
        DeltaWorkload.deleteTree(written);
      }
    }
  }

  @Benchmark
  public DeltaOperationReport append(Append state) {
    try (DataFrame data = state.session.sql("SELECT * FROM source")) {
      return DeltaTable.forPath(state.target.toString()).write(data, DeltaWriteOptions.append().build());
    }
  }

  @Benchmark
  public ScanAnswer engineScan(Scan state) {
    return state.engine();
  }

  @Benchmark
  public ScanAnswer kernelDefaultReader(Scan state) {
    return state.kernel(null);
  }

  @Benchmark
  public ScanAnswer kernelDefaultReaderThreadPerCore(Scan state) {
    return state.kernel(state.threadPerCore);
  }
}
