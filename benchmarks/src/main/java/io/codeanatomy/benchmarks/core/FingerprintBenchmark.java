package io.codeanatomy.benchmarks.core;

import io.codeanatomy.core.policy.DataFusionJoinPolicy;
import io.codeanatomy.core.policy.DiagnosticsPolicy;
import io.codeanatomy.core.policy.PipelinePolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fingerprint of typical policies. Goal (issue #3): at most 2 µs for a typical policy such as
 * {@link DataFusionJoinPolicy} (seven fields, mixed booleans, integer and float).
 *
 * <p>Run: {@code mvn -pl benchmarks exec:exec -Djmh.args="FingerprintBenchmark -f 1"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class FingerprintBenchmark {
  private final DataFusionJoinPolicy joinPolicy = DataFusionJoinPolicy.builder()
      .perfectHashJoinSmallBuildThreshold(1024L)
      .perfectHashJoinMinKeyDensity(0.75)
      .build();
  private final DiagnosticsPolicy diagnosticsPolicy = DiagnosticsPolicy.DEFAULT;
  private final PipelinePolicy pipelinePolicy = PipelinePolicy.DEFAULT;

  @Benchmark
  public String joinPolicyFingerprint() {
    return joinPolicy.fingerprint();
  }

  @Benchmark
  public String diagnosticsPolicyFingerprint() {
    return diagnosticsPolicy.fingerprint();
  }

  /** A policy with two nested policies: three fingerprints in one call. */
  @Benchmark
  public String pipelinePolicyFingerprint() {
    return pipelinePolicy.fingerprint();
  }
}
