package io.codeanatomy.benchmarks.udf;

import io.codeanatomy.engine.RuntimeProfile;
import io.codeanatomy.engine.Session;
import io.codeanatomy.udf.FunctionCatalog;
import io.codeanatomy.udf.JavaScalarFunction;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
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
 * {@code stable_hash64} over 10M strings of 32 bytes, native versus the same function written in
 * Java and registered as a vectorised UDF. Reported as operations (rows) per second, on
 * {@code partitions} threads. Targets: native ≥ 10M rows/s per core; Java at most 2x slower.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class StableHashBenchmark {
  static final int ROWS = 10_000_000;

  @Param({"1", "2"})
  public int partitions;

  private Session session;

  @Setup(Level.Trial)
  public void setUp() {
    session = Session.open(RuntimeProfile.builder().targetPartitions(partitions).build());
    // md5 renders 32 hex characters: 32-byte strings, built inside the engine
    session.execute("CREATE TABLE strings AS SELECT md5(CAST(value AS VARCHAR)) AS s FROM generate_series(1, " + ROWS + ")");
    FunctionCatalog.register(session, JavaScalarFunction.builder("java_stable_hash64")
        .parameter("value", ArrowType.Utf8.INSTANCE)
        .returns(new ArrowType.Int(64, true))
        .body(StableHashBenchmark::javaHash64)
        .build());
    long mismatches = session.execute(
        "SELECT s FROM (SELECT s FROM strings LIMIT 100000) WHERE java_stable_hash64(s) <> stable_hash64(s)");
    if (mismatches != 0) {
      throw new IllegalStateException(mismatches + " rows where the Java and native stable_hash64 differ");
    }
  }

  /**
   * stable_hash64 as a Java author would write it for speed: BLAKE2b (digest length 8) straight
   * over each value's UTF-8 bytes in the Arrow buffer, four values at a time in 256-bit vectors
   * ({@link Blake2b64x4}), the last rows of a batch one at a time ({@link Blake2b64}).
   */
  static BigIntVector javaHash64(List<FieldVector> arguments, int rows, BufferAllocator allocator) {
    VarCharVector input = (VarCharVector) arguments.get(0);
    ArrowBuf offsets = input.getOffsetBuffer();
    ArrowBuf data = input.getDataBuffer();
    BigIntVector output = new BigIntVector("hash", allocator);
    output.allocateNew(rows);
    Blake2b64x4 lanes = new Blake2b64x4();
    long[] starts = new long[Blake2b64x4.LANES];
    int[] lengths = new int[Blake2b64x4.LANES];
    long[] digests = new long[Blake2b64x4.LANES];
    int row = 0;
    for (; row + Blake2b64x4.LANES <= rows; row += Blake2b64x4.LANES) {
      // a NULL row's offsets are valid too: its (ignored) digest costs no more than a branch
      for (int lane = 0; lane < Blake2b64x4.LANES; lane++) {
        int start = offsets.getInt((long) (row + lane) * 4);
        starts[lane] = start;
        lengths[lane] = offsets.getInt((long) (row + lane + 1) * 4) - start;
      }
      lanes.hash(data, starts, lengths, digests);
      for (int lane = 0; lane < Blake2b64x4.LANES; lane++) {
        setDigest(input, output, row + lane, digests[lane]);
      }
    }
    Blake2b64 blake2b = new Blake2b64();
    for (; row < rows; row++) {
      int start = offsets.getInt((long) row * 4);
      int length = offsets.getInt((long) (row + 1) * 4) - start;
      setDigest(input, output, row, blake2b.hash(data, start, length));
    }
    output.setValueCount(rows);
    return output;
  }

  /** stable_hash64 is the digest without its top bit (a non-negative BIGINT); NULL for NULL. */
  private static void setDigest(VarCharVector input, BigIntVector output, int row, long digest) {
    if (input.isNull(row)) {
      output.setNull(row);
    } else {
      output.set(row, digest & Long.MAX_VALUE);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long nativeStableHash64() {
    return session.execute("SELECT max(stable_hash64(s)) FROM strings");
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long javaStableHash64() {
    return session.execute("SELECT max(java_stable_hash64(s)) FROM strings");
  }
}
