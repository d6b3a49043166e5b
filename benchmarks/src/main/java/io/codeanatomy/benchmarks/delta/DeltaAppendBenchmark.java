package io.codeanatomy.benchmarks.delta;

import io.codeanatomy.benchmarks.delta.DeltaWorkload.ScanAnswer;
import io.codeanatomy.delta.DeltaOperationReport;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.DeltaWriteOptions;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * An append of {@code rows} rows into a new, unpartitioned Delta table: {@code DeltaTable.write}
 * of a query over an in-memory table (made once, untimed, like the in-memory Arrow table delta-rs
 * writes in delta/interop/bench.py), with the default options. Each iteration writes one new
 * table; after it the table is read back and must hold exactly the rows written.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class DeltaAppendBenchmark {
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

  @Benchmark
  public DeltaOperationReport append() {
    try (DataFrame data = session.sql("SELECT * FROM source")) {
      return DeltaTable.forPath(target.toString()).write(data, DeltaWriteOptions.append().build());
    }
  }
}
