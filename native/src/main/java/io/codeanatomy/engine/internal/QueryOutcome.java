package io.codeanatomy.engine.internal;

import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.ErrorCode;

/**
 * How a query stream ended: the failure ({@code null} when it ran to its end), and what it
 * produced and read (rows output, Parquet files and row groups scanned).
 */
public record QueryOutcome(CodeAnatomyException failure, long outputRows, long filesRead, long rowGroupsRead) {
  /** Whether the query stopped because its reader closed it or was interrupted, not by failing. */
  public boolean cancelled() {
    return failure != null && failure.errorCode() == ErrorCode.QUERY_CANCELLED;
  }
}
