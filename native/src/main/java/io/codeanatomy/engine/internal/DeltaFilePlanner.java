package io.codeanatomy.engine.internal;

/**
 * Plans the data files of one scan over a Delta table registered with {@link
 * DeltaNative#registerPinnedTable}; the engine calls it from its own threads while it plans a
 * query, for the filters of the query it can hand over.
 */
public interface DeltaFilePlanner {
  /**
   * The relative paths (URL-decoded, as registered) of the files that may hold rows matching
   * {@code predicateJson}, as a JSON array of strings. The predicate's JSON forms are described on
   * the Rust side ({@code delta::pushdown}). An exception fails the query with a {@code
   * DELTA_SCAN_PLANNING} error caused by it.
   */
  String planFiles(String predicateJson);
}
