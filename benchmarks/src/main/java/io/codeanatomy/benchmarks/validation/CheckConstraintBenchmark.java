package io.codeanatomy.benchmarks.validation;

import io.codeanatomy.engine.Session;
import io.codeanatomy.validation.ConstraintValidationOptions;
import io.codeanatomy.validation.ConstraintValidationReport;
import io.codeanatomy.validation.ConstraintValidator;
import io.codeanatomy.validation.TableConstraints;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A CHECK constraint over 10M rows staged in a session, as a Delta write checks its data before
 * committing: vetting the expression, one counting pass, and a sample of the violating rows (one in 5000).
 * Reported in rows per second; target: at least 50M rows/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class CheckConstraintBenchmark {
  static final int ROWS = 10_000_000;
  private static final TableConstraints CHECK = TableConstraints.builder()
      .check("sane_size", "size >= 0 AND size < 4999 AND kind BETWEEN 0 AND 6").build();

  private BufferAllocator allocator;
  private SyntheticTable table;
  private Session session;

  @Setup(Level.Trial)
  public void setUp() {
    allocator = new RootAllocator();
    table = new SyntheticTable(allocator, ROWS, 0);
    session = Session.open();
    session.registerArrow("symbols", table.reader());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
    table.close();
    allocator.close();
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long checkConstraint() {
    ConstraintValidationReport report = ConstraintValidator.validateTable(session, "symbols", CHECK,
        ConstraintValidationOptions.DEFAULT, allocator);
    long violating = report.violations().get(0).count();
    if (violating != ROWS / 5_000) {
      throw new IllegalStateException("expected " + ROWS / 5_000 + " violating rows, got " + violating);
    }
    return violating;
  }
}
