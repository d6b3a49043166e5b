package io.codeanatomy.benchmarks.core;

import io.codeanatomy.core.coercion.ValueCoercion;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tolerant coercion of text. Goal (issue #3): at most 50 ns per call for short inputs.
 *
 * <p>Run: {@code mvn -pl benchmarks exec:exec -Djmh.args="CoercionBenchmark -f 1"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CoercionBenchmark {
  /** Numeric text: clean, needing a strip, and with a digit separator the fast path cannot take. */
  @State(Scope.Benchmark)
  public static class NumberText {
    @Param({"8192", " 42 ", "1_000", "2.5"})
    public String text;
  }

  /** Boolean words, clean and needing strip and lower-casing. */
  @State(Scope.Benchmark)
  public static class BoolText {
    @Param({"yes", " Off "})
    public String text;
  }

  @Benchmark
  public OptionalLong coerceInt(NumberText input) {
    return ValueCoercion.coerceInt(input.text);
  }

  @Benchmark
  public OptionalDouble coerceFloat(NumberText input) {
    return ValueCoercion.coerceFloat(input.text);
  }

  @Benchmark
  public Optional<Boolean> coerceBool(BoolText input) {
    return ValueCoercion.coerceBool(input.text);
  }
}
