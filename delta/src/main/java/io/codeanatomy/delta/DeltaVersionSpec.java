package io.codeanatomy.delta;

import io.codeanatomy.core.error.ConfigurationException;

/**
 * Which snapshot of a table to load: the latest, a version, or the newest version committed at or
 * before an RFC 3339 timestamp (reference: {@code load_delta_table}). Version and timestamp are
 * exclusive.
 */
public record DeltaVersionSpec(Long version, String timestamp) {
  private static final DeltaVersionSpec LATEST = new DeltaVersionSpec(null, null);

  public DeltaVersionSpec {
    if (version != null && timestamp != null) {
      throw new ConfigurationException("Specify either version or timestamp, not both.");
    }
    if (version != null && version < 0) {
      throw new ConfigurationException("Delta version must be >= 0, got " + version);
    }
    if (timestamp != null && timestamp.isBlank()) {
      throw new ConfigurationException("Delta timestamp must not be blank");
    }
  }

  public static DeltaVersionSpec latest() {
    return LATEST;
  }

  public static DeltaVersionSpec atVersion(long version) {
    return new DeltaVersionSpec(version, null);
  }

  public static DeltaVersionSpec atTimestamp(String rfc3339) {
    return new DeltaVersionSpec(null, rfc3339);
  }

  public boolean isLatest() {
    return version == null && timestamp == null;
  }

  /** {@code version N}, {@code timestamp T} or {@code latest}, for messages. */
  public String describe() {
    return version != null ? "version " + version : timestamp != null ? "timestamp " + timestamp : "latest version";
  }
}
