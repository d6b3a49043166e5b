package io.codeanatomy.delta;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import io.codeanatomy.core.policy.PolicyChecks;
import java.util.List;

/**
 * Which changes a change data feed read returns (§4.4.9, §2.5): the versions from {@code
 * startingVersion} (default 0) or the first commit at or after {@code startingTimestamp}, to
 * {@code endingVersion} or the last commit at or before {@code endingTimestamp} (default: the
 * newest, and clamped to it); timestamps are RFC 3339. With {@code allowOutOfRange} a window
 * outside the table's versions reads as no rows instead of failing. {@code columns} (null: all)
 * and {@code predicate} (SQL over the change rows, null: none) are applied to the result.
 */
public record DeltaCdfOptions(
    Long startingVersion,
    Long endingVersion,
    String startingTimestamp,
    String endingTimestamp,
    boolean allowOutOfRange,
    List<String> columns,
    String predicate) implements FingerprintableConfig {

  /** From version 0 to the newest. */
  public static final DeltaCdfOptions DEFAULT = new DeltaCdfOptions(0L, null, null, null, false, null, null);

  public DeltaCdfOptions {
    PolicyChecks.nonNegativeOrNull("DeltaCdfOptions.startingVersion", startingVersion);
    PolicyChecks.nonNegativeOrNull("DeltaCdfOptions.endingVersion", endingVersion);
    columns = columns == null ? null : PolicyChecks.listOf("DeltaCdfOptions.columns", columns);
  }

  public static DeltaCdfOptions fromVersion(long version) {
    return DEFAULT.withStartingVersion(version);
  }

  public DeltaCdfOptions withStartingVersion(long version) {
    return new DeltaCdfOptions(version, endingVersion, null, endingTimestamp, allowOutOfRange, columns, predicate);
  }

  public DeltaCdfOptions withEndingVersion(long version) {
    return new DeltaCdfOptions(startingVersion, version, startingTimestamp, endingTimestamp, allowOutOfRange, columns,
        predicate);
  }

  /** Starts at the first commit at or after {@code timestamp}; the starting version is cleared. */
  public DeltaCdfOptions withStartingTimestamp(String timestamp) {
    return new DeltaCdfOptions(null, endingVersion, timestamp, endingTimestamp, allowOutOfRange, columns, predicate);
  }

  public DeltaCdfOptions withEndingTimestamp(String timestamp) {
    return new DeltaCdfOptions(startingVersion, endingVersion, startingTimestamp, timestamp, allowOutOfRange, columns,
        predicate);
  }

  public DeltaCdfOptions withAllowOutOfRange(boolean allow) {
    return new DeltaCdfOptions(startingVersion, endingVersion, startingTimestamp, endingTimestamp, allow, columns,
        predicate);
  }

  public DeltaCdfOptions withColumns(List<String> names) {
    return new DeltaCdfOptions(startingVersion, endingVersion, startingTimestamp, endingTimestamp, allowOutOfRange,
        names, predicate);
  }

  public DeltaCdfOptions withPredicate(String sql) {
    return new DeltaCdfOptions(startingVersion, endingVersion, startingTimestamp, endingTimestamp, allowOutOfRange,
        columns, sql);
  }

  @Override
  public java.util.Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("starting_version", startingVersion, "ending_version", endingVersion,
        "starting_timestamp", startingTimestamp, "ending_timestamp", endingTimestamp,
        "allow_out_of_range", allowOutOfRange, "columns", columns, "predicate", predicate);
  }
}
