package io.codeanatomy.udf;

/** How a function's result may vary; the declaration order is the native numbering. */
public enum Volatility {
  /** Same arguments, same result, always: may be folded at planning time. */
  IMMUTABLE,
  /** Same result within one query. */
  STABLE,
  /** May differ on every call (random, clocks). */
  VOLATILE
}
