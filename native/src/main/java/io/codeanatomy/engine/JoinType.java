package io.codeanatomy.engine;

/** Join kinds; the declaration order is the native engine's numbering and must not change. */
public enum JoinType {
  INNER,
  LEFT,
  RIGHT,
  FULL,
  LEFT_SEMI,
  LEFT_ANTI,
  RIGHT_SEMI,
  RIGHT_ANTI
}
