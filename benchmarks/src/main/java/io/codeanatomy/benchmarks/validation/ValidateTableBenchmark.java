package io.codeanatomy.benchmarks.validation;

import io.codeanatomy.core.arrow.ArrowFields;
import io.codeanatomy.validation.ArrowValidationOptions;
import io.codeanatomy.validation.FieldSpec;
import io.codeanatomy.validation.SchemaValidationReport;
import io.codeanatomy.validation.SchemaValidator;
import io.codeanatomy.validation.TableSchemaSpec;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code validateTable} over 10M rows of Arrow data: import into a private session, one pass of
 * null counts over 3 required columns, one grouped pass over the 2-column key, and the validated
 * (and, with nulls present, filtered) result streamed back. Reported in rows per second; target:
 * at least 20M rows/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class ValidateTableBenchmark {
  static final int ROWS = 10_000_000;

  /** Every n-th row has a null in a required column (0: clean data). */
  @Param({"0", "100"})
  public int nullEvery;

  private BufferAllocator allocator;
  private SyntheticTable table;
  private TableSchemaSpec spec;

  @Setup(Level.Trial)
  public void setUp() {
    allocator = new RootAllocator();
    table = new SyntheticTable(allocator, ROWS, nullEvery);
    spec = TableSchemaSpec.builder("symbols")
        .field(FieldSpec.of("file_id", ArrowFields.INT64, true))
        .field(FieldSpec.of("local_id", ArrowFields.INT64, true))
        .field(FieldSpec.of("name", ArrowFields.UTF8, false))
        .field(FieldSpec.of("kind", ArrowFields.INT32, false))
        .field(FieldSpec.of("size", ArrowFields.INT64, false))
        .keyFields("file_id", "local_id")
        .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    table.close();
    allocator.close();
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long validateTable() {
    try (SchemaValidationReport report = SchemaValidator.validateTable(table.reader(), spec,
        ArrowValidationOptions.DEFAULT, allocator)) {
      if (report.validated().rowCount() + report.invalidRowCount() != ROWS) {
        throw new IllegalStateException("rows lost: " + report.validated().rowCount() + " + " + report.invalidRowCount());
      }
      return report.violations().size();
    }
  }
}
