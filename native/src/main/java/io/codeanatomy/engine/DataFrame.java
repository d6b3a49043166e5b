package io.codeanatomy.engine;

import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.engine.internal.NativeBridge;
import io.codeanatomy.engine.internal.NativeHandle;
import io.codeanatomy.engine.internal.QueryStream;
import io.codeanatomy.engine.internal.QueryTelemetry;
import io.codeanatomy.engine.internal.StructAllocator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A lazily evaluated query. Transformations take SQL expression strings, resolved against the
 * frame's columns and the session's function catalog (the same one {@link Session#sql} uses), and
 * return new frames; nothing runs until {@link #stream}, {@link #collect} or {@link #count}.
 * Thread-safe. Close frames you no longer need (a {@link java.lang.ref.Cleaner} frees forgotten ones,
 * and closing the session closes all of its frames).
 */
public final class DataFrame implements AutoCloseable {
  private final Session session;
  private final NativeHandle handle;
  /** What the frame reads, for telemetry: a table name, or {@code sql}. */
  private final String dataset;

  DataFrame(Session session, long address, String dataset) {
    this.session = session;
    this.dataset = dataset;
    this.handle = new NativeHandle(this, "data frame", address, NativeBridge::dataframeFree);
  }

  /** Projection: each argument is an expression, e.g. {@code "a + 1 AS b"} or {@code "*"}. */
  public DataFrame select(String... expressions) {
    String[] exprs = nonNullAll(expressions, "expressions");
    return derive((sessionAddress, frame) -> NativeBridge.dataframeSelect(sessionAddress, frame, exprs));
  }

  /** Rows for which {@code predicate} (a boolean SQL expression) is true. */
  public DataFrame filter(String predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return derive((sessionAddress, frame) -> NativeBridge.dataframeFilter(sessionAddress, frame, predicate));
  }

  /** Grouped aggregation, e.g. {@code aggregate(List.of("k"), List.of("sum(v) AS total"))}. */
  public DataFrame aggregate(List<String> groupBy, List<String> aggregates) {
    String[] groups = nonNullAll(groupBy.toArray(String[]::new), "groupBy");
    String[] aggs = nonNullAll(aggregates.toArray(String[]::new), "aggregates");
    return derive((sessionAddress, frame) -> NativeBridge.dataframeAggregate(sessionAddress, frame, groups, aggs));
  }

  /** Sort by keys such as {@code "a"}, {@code "b DESC"} or {@code "c ASC NULLS FIRST"}. */
  public DataFrame sort(String... keys) {
    String[] sortKeys = nonNullAll(keys, "keys");
    return derive((sessionAddress, frame) -> NativeBridge.dataframeSort(sessionAddress, frame, sortKeys));
  }

  public DataFrame limit(long fetch) {
    return limit(0, fetch);
  }

  /** Skips {@code skip} rows then keeps at most {@code fetch} ({@code fetch < 0}: all the rest). */
  public DataFrame limit(long skip, long fetch) {
    return derive((sessionAddress, frame) -> NativeBridge.dataframeLimit(sessionAddress, frame, skip, fetch));
  }

  /** Adds or replaces column {@code name} with the value of {@code expression}. */
  public DataFrame withColumn(String name, String expression) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expression, "expression");
    return derive((sessionAddress, frame) -> NativeBridge.dataframeWithColumn(sessionAddress, frame, name, expression));
  }

  /** Qualifies the frame's columns with {@code alias}, e.g. before a self-join. */
  public DataFrame alias(String alias) {
    Objects.requireNonNull(alias, "alias");
    return derive((sessionAddress, frame) -> NativeBridge.dataframeAlias(sessionAddress, frame, alias));
  }

  /** {@code UNION ALL}. */
  public DataFrame union(DataFrame other) {
    return combine(other, (sessionAddress, frame, right) ->
        NativeBridge.dataframeUnion(sessionAddress, frame, right, false));
  }

  /** {@code UNION} (duplicates removed). */
  public DataFrame unionDistinct(DataFrame other) {
    return combine(other, (sessionAddress, frame, right) ->
        NativeBridge.dataframeUnion(sessionAddress, frame, right, true));
  }

  /** Equi-join of {@code leftColumns[i] = rightColumns[i]}. */
  public DataFrame join(DataFrame right, JoinType type, List<String> leftColumns, List<String> rightColumns) {
    return join(right, type, leftColumns, rightColumns, null);
  }

  /** Equi-join with an extra predicate over both sides ({@code filter} may be null). */
  public DataFrame join(DataFrame right, JoinType type, List<String> leftColumns, List<String> rightColumns,
      String filter) {
    Objects.requireNonNull(type, "type");
    String[] left = nonNullAll(leftColumns.toArray(String[]::new), "leftColumns");
    String[] rightCols = nonNullAll(rightColumns.toArray(String[]::new), "rightColumns");
    return combine(right, (sessionAddress, frame, other) ->
        NativeBridge.dataframeJoin(sessionAddress, frame, other, type.ordinal(), left, rightCols, filter));
  }

  /** Join on any predicate over both sides, e.g. {@code "l.id = r.id AND r.v > l.v"}. */
  public DataFrame joinOn(DataFrame right, JoinType type, String on) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(on, "on");
    return combine(right, (sessionAddress, frame, other) ->
        NativeBridge.dataframeJoinOn(sessionAddress, frame, other, type.ordinal(), on));
  }

  /** The result's Arrow schema, without running the query. */
  public Schema schema() {
    try (ArrowSchema schema = ArrowSchema.allocateNew(StructAllocator.get())) {
      run(frame -> NativeBridge.dataframeSchema(frame, schema.memoryAddress()));
      return Data.importSchema(StructAllocator.get(), schema, null);
    }
  }

  /**
   * Parses one SQL expression against this frame's columns and the session's functions without
   * running anything; fails like {@link #filter} on a syntax error or unknown name.
   */
  public ExpressionInfo describeExpression(String sql) {
    Objects.requireNonNull(sql, "sql");
    try (ArrowSchema schema = ArrowSchema.allocateNew(StructAllocator.get())) {
      String[] description = callWithSession((sessionAddress, frame) ->
          NativeBridge.dataframeDescribeExpression(sessionAddress, frame, sql, schema.memoryAddress()));
      Field result = Data.importSchema(StructAllocator.get(), schema, null).getFields().get(0);
      return new ExpressionInfo(description[0], List.of(description).subList(2, description.length),
          Boolean.parseBoolean(description[1]), result);
    }
  }

  /** The logical, optimized and physical plans. */
  public QueryPlan explain() {
    String[] plans = call(NativeBridge::dataframeExplain);
    return new QueryPlan(plans[0], plans[1], plans[2]);
  }

  /** Runs the query and renders all of its rows as text (for display; holds the whole result). */
  public String toText(TextFormat format) {
    Objects.requireNonNull(format, "format");
    return QueryTelemetry.run(dataset, () -> call(frame -> NativeBridge.dataframeToText(frame, format.ordinal())));
  }

  /** Runs the query and returns the number of rows. */
  public long count() {
    return QueryTelemetry.run(dataset, () -> callLong(NativeBridge::dataframeCount));
  }

  /**
   * Runs the query and streams its results: batches arrive through the Arrow C Stream interface as
   * the engine produces them, allocated (without copies) against {@code allocator}. Closing the
   * reader early, or interrupting the thread blocked in {@link ArrowReader#loadNextBatch()},
   * cancels the query.
   */
  public ArrowReader stream(BufferAllocator allocator) {
    Objects.requireNonNull(allocator, "allocator");
    QueryTelemetry telemetry = QueryTelemetry.start(dataset);
    ArrowArrayStream exported = ArrowArrayStream.allocateNew(allocator);
    long control;
    try {
      control = callLong(frame -> NativeBridge.dataframeExecute(frame, exported.memoryAddress()));
    } catch (RuntimeException e) {
      exported.close();
      telemetry.failedToStart(e);
      throw e;
    }
    ArrowReader imported;
    try {
      imported = Data.importArrayStream(allocator, exported);
    } catch (RuntimeException e) {
      exported.release();
      exported.close();
      NativeBridge.streamFree(control);
      telemetry.failedToStart(e);
      throw e;
    }
    QueryStream[] self = new QueryStream[1];
    self[0] = new QueryStream(allocator, imported, control, outcome -> {
      session.untrack(self[0]);
      telemetry.completed(outcome);
    });
    session.track(self[0]);
    return self[0];
  }

  /** Runs the query and gathers every batch in memory (the vectors are moved, not copied). */
  public ArrowBatches collect(BufferAllocator allocator) {
    List<VectorSchemaRoot> batches = new ArrayList<>();
    try (ArrowReader reader = stream(allocator)) {
      Schema schema = reader.getVectorSchemaRoot().getSchema();
      while (reader.loadNextBatch()) {
        batches.add(ArrowBatches.moveOut(reader.getVectorSchemaRoot(), allocator));
      }
      return new ArrowBatches(schema, batches);
    } catch (IOException | RuntimeException e) {
      batches.forEach(VectorSchemaRoot::close);
      if (e instanceof CodeAnatomyException typed) {
        throw typed;
      }
      throw new IllegalStateException("collecting query results failed", e);
    }
  }

  public Session session() {
    return session;
  }

  @Override
  public void close() {
    handle.close();
  }

  /** A native call given the session's and this frame's addresses. */
  private interface SessionCall<T> {
    T apply(long session, long frame);
  }

  /** A transformation of (session address, frame address, other frame's address). */
  private interface Combination {
    long apply(long session, long frame, long other);
  }

  /**
   * A new frame from a native transformation. Transformations get the session too, so their
   * expressions resolve against the session's current functions, as {@link Session#sql} does.
   */
  private DataFrame derive(SessionCall<Long> transformation) {
    return session.adopt(callWithSession(transformation), dataset);
  }

  private DataFrame combine(DataFrame other, Combination transformation) {
    Objects.requireNonNull(other, "other");
    if (other.session != session) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "cannot combine data frames of different sessions", null);
    }
    return derive((sessionAddress, frame) ->
        other.handle.applyAsLong(right -> transformation.apply(sessionAddress, frame, right)));
  }

  /** Runs a native call on the session and this frame while both are open; close of either waits for it. */
  private <T> T callWithSession(SessionCall<T> call) {
    return session.handle().apply(sessionAddress -> handle.apply(frame -> call.apply(sessionAddress, frame)));
  }

  /** Runs a native call on this frame while the session is open; close of either waits for it. */
  private long callLong(LongUnaryOperator call) {
    return session.handle().applyAsLong(ignored -> handle.applyAsLong(call));
  }

  <T> T call(LongFunction<T> call) {
    return session.handle().apply(ignored -> handle.apply(call));
  }

  private void run(LongConsumer call) {
    session.handle().run(ignored -> handle.run(call));
  }

  private static String[] nonNullAll(String[] values, String what) {
    Objects.requireNonNull(values, what);
    for (String value : values) {
      Objects.requireNonNull(value, () -> what + " contains null");
    }
    return values.clone();
  }
}
