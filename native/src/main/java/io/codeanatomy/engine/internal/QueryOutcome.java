package io.codeanatomy.engine.internal;

import io.codeanatomy.core.error.CodeAnatomyException;

/**
 * How a query stream ended: elapsed time, the failure ({@code null} on success or early close
 * without error), and what its scans read.
 */
public record QueryOutcome(long elapsedNanos, CodeAnatomyException failure, long outputRows,
    long filesRead, long rowGroupsRead) {
  public boolean succeeded() {
    return failure == null;
  }
}
