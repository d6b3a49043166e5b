package io.codeanatomy.engine.internal;

import io.codeanatomy.core.error.CodeAnatomyException;

/**
 * The JNI surface of the native engine, one static method per entry point. Handles are opaque
 * addresses owned by {@link NativeHandle}s; every method throws a
 * {@link io.codeanatomy.core.error.CodeAnatomyException} subtype on failure.
 */
public final class NativeBridge {
  private NativeBridge() {}

  static native void runtimeInit(int workerThreads);

  public static native String datafusionVersion();

  /** Panics inside the engine on purpose; proves that panics arrive as exceptions. */
  public static native void selfTestPanic();

  public static native long sessionCreate(String profileJson);

  public static native void sessionFree(long session);

  public static native long sessionSql(long session, String sql);

  public static native long sessionTable(long session, String name);

  public static native String[] sessionCatalogNames(long session);

  public static native String[] sessionSchemaNames(long session, String catalog);

  public static native String[] sessionTableNames(long session, String catalog, String schema);

  public static native void sessionRegisterStream(long session, String name, long streamAddress);

  public static native boolean sessionDeregister(long session, String name);

  // Transformations take the session too: expressions resolve against its current functions.
  public static native long dataframeSelect(long session, long frame, String[] exprs);

  public static native long dataframeFilter(long session, long frame, String predicate);

  public static native long dataframeAggregate(long session, long frame, String[] groupBy, String[] aggregates);

  public static native long dataframeSort(long session, long frame, String[] keys);

  public static native long dataframeLimit(long session, long frame, long skip, long fetch);

  public static native long dataframeWithColumn(long session, long frame, String name, String expr);

  public static native long dataframeAlias(long session, long frame, String alias);

  public static native long dataframeUnion(long session, long frame, long other, boolean distinct);

  public static native long dataframeJoin(long session, long frame, long other, int joinType, String[] leftColumns,
      String[] rightColumns, String filter);

  public static native long dataframeJoinOn(long session, long frame, long other, int joinType, String on);

  public static native void dataframeSchema(long frame, long schemaAddress);

  public static native String[] dataframeDescribeExpression(long session, long frame, String sql, long schemaAddress);

  public static native String[] dataframeExplain(long frame);

  public static native long dataframeExecute(long frame, long streamAddress);

  public static native long dataframeCount(long frame);

  public static native String dataframeToText(long frame, int format);

  public static native void dataframeFree(long frame);

  public static native String[] splitStatements(String script);

  public static native String describeStatement(String sql);

  /** The top-level conjuncts of a SQL predicate as JSON (see the Rust {@code statement::describe_conjuncts}). */
  public static native String describeConjuncts(String predicate);

  public static native void streamCancel(long control);

  /** The typed exception a stream failed with, or null. */
  public static native CodeAnatomyException streamFailure(long control);

  public static native long[] streamScanMetrics(long control);

  public static native void streamFree(long control);
}
