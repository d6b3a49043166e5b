package io.codeanatomy.delta;

import io.codeanatomy.core.error.ConfigurationException;

/** An idempotent-write marker: the {@code txn} action {@code (appId, version, lastUpdated)} (§1.4). */
public record DeltaAppTransaction(String appId, long version, Long lastUpdated) {
  public DeltaAppTransaction {
    if (appId == null || appId.isBlank()) {
      throw new ConfigurationException("Delta app transaction requires both app_id and app_version.");
    }
    if (version < 0) {
      throw new ConfigurationException("DeltaAppTransaction.version must be >= 0, got " + version);
    }
  }

  public DeltaAppTransaction(String appId, long version) {
    this(appId, version, null);
  }
}
