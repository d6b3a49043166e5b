package io.codeanatomy.core.error;

/** A query failed while it ran. */
public class QueryExecutionException extends CodeAnatomyException {
  private static final long serialVersionUID = 1L;

  public QueryExecutionException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
