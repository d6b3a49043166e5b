package io.codeanatomy.core.error;

/** The broad class of an {@link ErrorCode}; each category maps to one exception type. */
public enum ErrorCategory {
  /** The request cannot be planned: syntax, unknown names, type errors. */
  PLANNING,
  /** The plan failed while running. */
  EXECUTION,
  /** A memory or disk budget was exceeded. */
  RESOURCES_EXHAUSTED,
  /** Reading or writing files or object stores failed. */
  IO,
  /** The engine does not support the request. */
  NOT_IMPLEMENTED,
  /** A setting, option or profile value is invalid. */
  CONFIGURATION,
  /** Data that the caller passed is malformed. */
  INVALID_INPUT,
  /** Validation of data against a schema or constraints failed. */
  VALIDATION,
  /** A Delta Lake table operation failed. */
  DELTA,
  /** The object was used after it was closed, or the query was cancelled. */
  STATE,
  /** A bug or an unexpected condition inside the engine. */
  INTERNAL
}
