package io.codeanatomy.delta;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import io.codeanatomy.core.text.Utf8Order;
import io.codeanatomy.core.policy.PolicyChecks;
import io.codeanatomy.core.storage.StorageOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Default object-store options for every Delta table a profile opens, and whether remote tables
 * are allowed at all (reference {@code DeltaStorePolicy}, §4.2). Explicit options given with a
 * table win over the policy's, key by key; see {@link #resolve}.
 */
public record DeltaStorePolicy(Map<String, String> storageOptions, Map<String, String> logStorageOptions,
    boolean requireLocalPaths) implements FingerprintableConfig {

  public static final DeltaStorePolicy DEFAULT = new DeltaStorePolicy(Map.of(), Map.of(), false);

  public DeltaStorePolicy {
    storageOptions = PolicyChecks.mapOf("DeltaStorePolicy.storageOptions",
        storageOptions == null ? Map.of() : storageOptions);
    logStorageOptions = PolicyChecks.mapOf("DeltaStorePolicy.logStorageOptions",
        logStorageOptions == null ? Map.of() : logStorageOptions);
  }

  /**
   * {@code resolve_delta_store_policy}: the policy's options overlaid by {@code explicit} (storage
   * and log store separately). A URI with {@code ://} is refused when {@link #requireLocalPaths}.
   */
  public StorageOptions resolve(String tableUri, StorageOptions explicit) {
    Objects.requireNonNull(tableUri, "tableUri");
    Objects.requireNonNull(explicit, "explicit");
    if (requireLocalPaths && tableUri.contains("://")) {
      throw new ConfigurationException("Remote Delta tables are disallowed by policy. (table " + tableUri + ")");
    }
    return StorageOptions.of(storageOptions, logStorageOptions).overlaidWith(explicit);
  }

  /** {@code delta_store_policy_hash}: the policy's fingerprint, or null for no policy. */
  public static String hash(DeltaStorePolicy policy) {
    return policy == null ? null : policy.fingerprint();
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("storage_options", sortedPairs(storageOptions), "log_storage_options",
        sortedPairs(logStorageOptions), "require_local_paths", requireLocalPaths);
  }

  /** Credentials stay out of logs: values under secret-looking keys are shown as {@code ***}. */
  @Override
  public String toString() {
    return "DeltaStorePolicy[storageOptions=" + StorageOptions.redacted(storageOptions) + ", logStorageOptions="
        + StorageOptions.redacted(logStorageOptions) + ", requireLocalPaths=" + requireLocalPaths + "]";
  }

  /** Python's {@code sorted(mapping.items())}: pairs in code-point order of their keys. */
  private static List<List<String>> sortedPairs(Map<String, String> options) {
    List<List<String>> pairs = new ArrayList<>();
    options.forEach((key, value) -> pairs.add(List.of(key, value)));
    pairs.sort((a, b) -> Utf8Order.INSTANCE.compare(a.get(0), b.get(0)));
    return pairs;
  }
}
