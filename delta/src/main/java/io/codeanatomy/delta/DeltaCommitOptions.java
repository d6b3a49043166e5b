package io.codeanatomy.delta;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import io.codeanatomy.core.policy.PolicyChecks;
import java.util.Map;
import java.util.TreeMap;

/**
 * Commit options (§1.4): custom commitInfo entries, an app transaction for idempotent writes,
 * conflict retries (default {@value #DEFAULT_MAX_RETRIES}) and whether to checkpoint after the
 * commit when the table's checkpoint interval is reached (default true).
 */
public record DeltaCommitOptions(
    Map<String, String> metadata,
    DeltaAppTransaction appTransaction,
    Integer maxRetries,
    Boolean createCheckpoint) implements FingerprintableConfig {

  public static final int DEFAULT_MAX_RETRIES = 15;
  public static final DeltaCommitOptions DEFAULT = new DeltaCommitOptions(Map.of(), null, null, null);

  public DeltaCommitOptions {
    metadata = PolicyChecks.mapOf("DeltaCommitOptions.metadata", metadata == null ? Map.of() : metadata);
    PolicyChecks.nonNegativeOrNull("DeltaCommitOptions.maxRetries", maxRetries);
  }

  public int effectiveMaxRetries() {
    return maxRetries == null ? DEFAULT_MAX_RETRIES : maxRetries;
  }

  public boolean effectiveCreateCheckpoint() {
    return createCheckpoint == null || createCheckpoint;
  }

  public DeltaCommitOptions withAppTransaction(DeltaAppTransaction transaction) {
    return new DeltaCommitOptions(metadata, transaction, maxRetries, createCheckpoint);
  }

  public DeltaCommitOptions withMetadata(Map<String, String> entries) {
    return new DeltaCommitOptions(entries, appTransaction, maxRetries, createCheckpoint);
  }

  public DeltaCommitOptions withMaxRetries(int retries) {
    return new DeltaCommitOptions(metadata, appTransaction, retries, createCheckpoint);
  }

  public DeltaCommitOptions withCreateCheckpoint(boolean create) {
    return new DeltaCommitOptions(metadata, appTransaction, maxRetries, create);
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("metadata", new TreeMap<>(metadata),
        "app_id", appTransaction == null ? null : appTransaction.appId(),
        "app_version", appTransaction == null ? null : appTransaction.version(),
        "app_last_updated", appTransaction == null ? null : appTransaction.lastUpdated(),
        "max_retries", maxRetries, "create_checkpoint", createCheckpoint);
  }
}
