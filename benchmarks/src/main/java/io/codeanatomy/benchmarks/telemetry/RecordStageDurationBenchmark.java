package io.codeanatomy.benchmarks.telemetry;

import io.codeanatomy.telemetry.BootstrapOptions;
import io.codeanatomy.telemetry.OtelProviders;
import io.codeanatomy.telemetry.RunContext;
import io.codeanatomy.telemetry.Telemetry;
import io.codeanatomy.telemetry.TelemetryBootstrap;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one {@code recordStageDuration} call (issue #4 budgets):
 *
 * <ul>
 *   <li>{@link #sdkInMemoryReader}: the production meter provider (views, exemplars off) built by
 *       the bootstrap in test mode, i.e. with the SDK's in-memory reader — at most 300 ns;
 *   <li>{@link #unconfigured}: {@link Telemetry#global()} before any bootstrap — at most 20 ns.
 * </ul>
 *
 * {@link #sdkInMemoryReaderWithinRun} adds the run id the engine normally carries; it has no budget
 * of its own and shows what the run id costs. Run with {@code -Djmh.args="RecordStageDurationBenchmark"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class RecordStageDurationBenchmark {
  /** Fields rather than literals, so the JIT cannot fold the arguments away. */
  private String stage = "extract";
  private String status = "ok";
  private double durationSeconds = 0.042;

  private OtelProviders providers;
  private Telemetry sdkTelemetry;

  @Setup(Level.Trial)
  public void setUp() {
    providers = TelemetryBootstrap.build(
        Map.of("CODEANATOMY_OTEL_TEST_MODE", "true", "OTEL_TRACES_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none"),
        BootstrapOptions.DEFAULTS);
    sdkTelemetry = providers.telemetry();
    if (Telemetry.global().metricsEnabled()) {
      throw new IllegalStateException("the unconfigured case needs a process without a bootstrapped global facade");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    providers.close();
  }

  /** A run id made current on the benchmark thread (thread-scoped state: its fixtures run on that thread). */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class WithinRun {
    private Scope run;

    @Setup(Level.Iteration)
    public void open() {
      run = RunContext.open("benchmark-run");
    }

    @TearDown(Level.Iteration)
    public void close() {
      run.close();
    }
  }

  @Benchmark
  public void sdkInMemoryReader() {
    sdkTelemetry.recordStageDuration(stage, durationSeconds, status, null);
  }

  @Benchmark
  public void sdkInMemoryReaderWithinRun(WithinRun run) {
    sdkTelemetry.recordStageDuration(stage, durationSeconds, status, null);
  }

  @Benchmark
  public void unconfigured() {
    Telemetry.global().recordStageDuration(stage, durationSeconds, status, null);
  }
}
