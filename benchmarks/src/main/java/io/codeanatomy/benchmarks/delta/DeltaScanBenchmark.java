package io.codeanatomy.benchmarks.delta;

import io.codeanatomy.benchmarks.delta.DeltaWorkload.ScanAnswer;
import io.codeanatomy.delta.DeltaTable;
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
 * A full scan of a {@code rows}-row Delta table of {@code files} data files: {@link
 * DeltaWorkload#SCAN_SQL} through {@code DeltaTables.register} and the native engine, against the
 * same answer computed with Delta Kernel's default engine reading the Parquet files ({@link
 * KernelDefaultReader}), one file after the other and with one thread per core. Every operation
 * loads the latest snapshot (log replay included). The set-up fails unless each reader returns
 * the expected answer. {@code table} scans an existing table (delta/interop/bench.py passes the
 * one delta-rs wrote) instead of one written here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class DeltaScanBenchmark {
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
    kernelDefaultReader().require(expected, "Kernel's default reader");
    kernelDefaultReaderThreadPerCore().require(expected, "Kernel's default reader, one thread per core");
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

  @Benchmark
  public ScanAnswer engine() {
    return DeltaWorkload.scan(session, delta, allocator);
  }

  @Benchmark
  public ScanAnswer kernelDefaultReader() {
    return KernelDefaultReader.scan(kernel, kernelPath, null);
  }

  @Benchmark
  public ScanAnswer kernelDefaultReaderThreadPerCore() {
    return KernelDefaultReader.scan(kernel, kernelPath, threadPerCore);
  }
}
