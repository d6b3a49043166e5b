package io.codeanatomy.benchmarks.engine;

import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.RuntimeProfile;
import io.codeanatomy.engine.Session;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per record batch of crossing the JVM/engine boundary, in both directions, for batches of
 * 1K to 64K rows of two 8-byte columns. Data buffers are never copied (the set-up checks it), so
 * the cost should barely grow with the batch size; what does grow is Arrow Java's validity-bitmap
 * work (null counts, an all-valid bitmap for imported columns without one), an eighth of a byte a
 * row. Target: at most 10 µs per batch.
 *
 * <p>The session scans with one partition and a batch size of {@code batchRows}, so the engine
 * neither slices the table's batches to its default 8192 rows nor hands them between threads:
 * each batch of the table crosses once, whole, and the timings hold only the crossing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class BoundaryCrossingBenchmark {
  // Enough batches per invocation that the per-query costs (planning, stream set-up) are negligible.
  static final int BATCHES = 1024;

  @Param({"1024", "4096", "16384", "65536"})
  public int batchRows;

  private BufferAllocator allocator;
  private Session session;
  private Schema schema;
  private VectorSchemaRoot batch;
  private VectorSchemaRoot javaImport;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    allocator = new RootAllocator();
    session = Session.open(RuntimeProfile.builder().targetPartitions(1).batchSize(batchRows).build());
    schema = new Schema(List.of(
        new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
        new Field("value", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null)));
    batch = VectorSchemaRoot.create(schema, allocator);
    BigIntVector ids = (BigIntVector) batch.getVector(0);
    Float8Vector values = (Float8Vector) batch.getVector(1);
    ids.allocateNew(batchRows);
    values.allocateNew(batchRows);
    for (int i = 0; i < batchRows; i++) {
      ids.set(i, i);
      values.set(i, i * 0.5);
    }
    batch.setRowCount(batchRows);
    javaImport = VectorSchemaRoot.create(schema, allocator);
    session.registerArrow("source", new RepeatingReader(allocator, schema, batch, BATCHES));
    requireWholeZeroCopyBatches();
  }

  /**
   * Fails the trial unless the table streams back as {@value #BATCHES} batches holding the JVM's own
   * buffers: then each batch crosses once and neither direction copies it.
   */
  private void requireWholeZeroCopyBatches() throws IOException {
    int received = 0;
    try (DataFrame frame = session.table("source"); ArrowReader reader = frame.stream(allocator)) {
      while (reader.loadNextBatch()) {
        received++;
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        for (int column = 0; column < schema.getFields().size(); column++) {
          if (root.getVector(column).getDataBufferAddress() != batch.getVector(column).getDataBufferAddress()) {
            throw new IllegalStateException("column " + column + " crossed the boundary as a copy");
          }
        }
      }
    }
    if (received != BATCHES) {
      throw new IllegalStateException(BATCHES + " batches sent, " + received + " received: the engine re-batched them");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
    javaImport.close();
    batch.close();
    allocator.close();
  }

  /** Engine to JVM: stream {@value #BATCHES} batches of an in-memory table through the C Stream interface. */
  @Benchmark
  @OperationsPerInvocation(BATCHES)
  public void engineToJvm(Blackhole blackhole) throws IOException {
    try (DataFrame frame = session.table("source"); ArrowReader reader = frame.stream(allocator)) {
      while (reader.loadNextBatch()) {
        blackhole.consume(reader.getVectorSchemaRoot().getRowCount());
      }
    }
  }

  /** JVM to engine: register {@value #BATCHES} batches exported through the C Stream interface, then drop them. */
  @Benchmark
  @OperationsPerInvocation(BATCHES)
  public boolean jvmToEngine() {
    session.registerArrow("incoming", new RepeatingReader(allocator, schema, batch, BATCHES));
    return session.deregister("incoming");
  }

  /**
   * Control: Arrow Java's own C Data export then import of the batch, with no engine: the Java-side
   * work the two directions split between them (JVM to engine exports, engine to JVM imports).
   */
  @Benchmark
  public int arrowJavaRoundTrip() {
    try (ArrowArray array = ArrowArray.allocateNew(allocator)) {
      Data.exportVectorSchemaRoot(allocator, batch, null, array);
      Data.importIntoVectorSchemaRoot(allocator, array, javaImport, null);
      return javaImport.getRowCount();
    }
  }

  /** Exports the same batch {@code count} times; export shares the buffers, so nothing is copied. */
  static final class RepeatingReader extends ArrowReader {
    private final Schema schema;
    private final VectorSchemaRoot batch;
    private int remaining;

    RepeatingReader(BufferAllocator allocator, Schema schema, VectorSchemaRoot batch, int count) {
      super(allocator);
      this.schema = schema;
      this.batch = batch;
      this.remaining = count;
    }

    @Override
    public VectorSchemaRoot getVectorSchemaRoot() {
      return batch;
    }

    @Override
    public boolean loadNextBatch() {
      return remaining-- > 0;
    }

    @Override
    public long bytesRead() {
      return 0;
    }

    @Override
    protected void closeReadSource() {
      // the batch belongs to the benchmark state
    }

    @Override
    protected Schema readSchema() {
      return schema;
    }
  }
}
