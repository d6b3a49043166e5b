package io.codeanatomy.engine;

/** Text renderings of query results; the declaration order is the native numbering. */
public enum TextFormat {
  /** An aligned table with borders, as in DataFusion's command line. */
  TABLE,
  /** RFC 4180 CSV with a header row. */
  CSV,
  /** A JSON array with one object per row. */
  JSON
}
