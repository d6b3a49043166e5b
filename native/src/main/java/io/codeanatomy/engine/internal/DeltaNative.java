package io.codeanatomy.engine.internal;

/**
 * JNI entry points of the Delta data plane (Rust module {@code delta}), used by the
 * {@code codeanatomy-delta} module. Session and frame addresses come from {@link EngineInternals};
 * schema and stream addresses are Arrow C structs the caller exported and hands over (the native
 * side takes ownership). Specs and results are JSON documents described on the Rust side.
 */
public final class DeltaNative {
  private DeltaNative() {}

  static {
    NativeLibrary.ensureLoaded();
  }

  /**
   * Registers (or replaces) {@code name} as a table over exactly the files of {@code specJson}.
   * {@code physicalSchemaAddress} is the same schema under its column-mapping physical names, or 0
   * when the files use the logical names; {@code planner} (null: none) narrows each scan's files.
   */
  public static native void registerPinnedTable(long session, String name, long schemaAddress,
      long physicalSchemaAddress, String specJson, DeltaFilePlanner planner);

  /** The planner {@code name} was registered with, or null (no such Delta table, or no planner). */
  public static native DeltaFilePlanner registeredPlanner(long session, String name);

  /** Executes the frame and writes its rows as the table's data files; returns the files as JSON. */
  public static native String writeFrame(long frame, long schemaAddress, String specJson);

  /** Reads the exported Arrow stream to its end and writes it as data files; returns the files as JSON. */
  public static native String writeStream(long streamAddress, long schemaAddress, String specJson);

  /**
   * What {@code name} stands for in the session, as JSON: null when there is no such table,
   * {@code {"delta": true, "table_root": "…"}} for a table {@link #registerPinnedTable} registered,
   * {@code {"delta": false}} for any other table.
   */
  public static native String describeTable(long session, String name);

  /**
   * Plans one {@code CREATE EXTERNAL TABLE} statement without running it and writes the columns it
   * declares into the ArrowSchema struct at {@code schemaAddress} (allocated by the caller, who
   * imports it); no column list gives an empty schema.
   */
  public static native void declaredSchema(long session, String sql, long schemaAddress);

  /** A new DataFrame with no columns and no rows (what DDL returns), to adopt into the session. */
  public static native long emptyFrame(long session);
}
