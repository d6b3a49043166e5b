package io.codeanatomy.core.storage;

import io.codeanatomy.core.internal.Secrets;
import io.codeanatomy.core.text.PythonText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Object-store options for a table and for its Delta log store, normalised to text (reference:
 * {@code utils/storage_options.py}); the single place options are stringified, layered and merged.
 * Immutable. {@link #toString()} and {@link #redacted(Map)} hide the values of secret-looking keys
 * (containing {@code secret}, {@code token}, {@code password}, {@code key}, {@code credential}...).
 */
public final class StorageOptions {
  private static final StorageOptions EMPTY = new StorageOptions(Map.of(), Map.of());

  private final Map<String, String> storage;
  private final Map<String, String> logStorage;

  private StorageOptions(Map<String, String> storage, Map<String, String> logStorage) {
    this.storage = storage;
    this.logStorage = logStorage;
  }

  public static StorageOptions empty() {
    return EMPTY;
  }

  /**
   * {@code normalize_storage_options}: both maps stringified with Python's {@code str()} (so
   * {@code true} → {@code "True"}, {@code null} → {@code "None"}); with {@code fallbackLogToStorage},
   * empty log options become a copy of non-empty storage options. Null maps read as empty.
   */
  public static StorageOptions normalize(Map<?, ?> storageOptions, Map<?, ?> logStorageOptions,
      boolean fallbackLogToStorage) {
    Map<String, String> storage = stringify(storageOptions);
    Map<String, String> log = stringify(logStorageOptions);
    if (fallbackLogToStorage && !storage.isEmpty() && log.isEmpty()) {
      log = storage;
    }
    return new StorageOptions(storage, log);
  }

  /** {@link #normalize(Map, Map, boolean)} without log-store fallback. */
  public static StorageOptions of(Map<?, ?> storageOptions, Map<?, ?> logStorageOptions) {
    return normalize(storageOptions, logStorageOptions, false);
  }

  /** The storage options, or empty when there are none. */
  public Optional<Map<String, String>> storage() {
    return storage.isEmpty() ? Optional.empty() : Optional.of(storage);
  }

  /** The log-store options, or empty when there are none. */
  public Optional<Map<String, String>> logStorage() {
    return logStorage.isEmpty() ? Optional.empty() : Optional.of(logStorage);
  }

  /** {@code merged_storage_options}: storage overlaid by log-store options (the log store wins); empty when both are. */
  public Optional<Map<String, String>> merged() {
    Map<String, String> merged = new LinkedHashMap<>(storage);
    merged.putAll(logStorage);
    return merged.isEmpty() ? Optional.empty() : Optional.of(Collections.unmodifiableMap(merged));
  }

  /**
   * Policy layering ({@code resolve_delta_store_policy}): this instance holds the policy defaults and
   * {@code explicit} options overlay them key by key, for storage and log store separately.
   */
  public StorageOptions overlaidWith(StorageOptions explicit) {
    return new StorageOptions(overlay(storage, explicit.storage), overlay(logStorage, explicit.logStorage));
  }

  /** Whether a key names a credential whose value must not be shown. */
  public static boolean isSecretKey(String key) {
    return Secrets.isSecretKey(key);
  }

  /** A copy of {@code options} with secret values replaced by {@code ***}, for logs and messages. */
  public static Map<String, String> redacted(Map<String, String> options) {
    Map<String, String> copy = new LinkedHashMap<>();
    options.forEach((key, value) -> copy.put(key, isSecretKey(key) ? Secrets.REDACTED : value));
    return copy;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StorageOptions that && storage.equals(that.storage) && logStorage.equals(that.logStorage);
  }

  @Override
  public int hashCode() {
    return 31 * storage.hashCode() + logStorage.hashCode();
  }

  @Override
  public String toString() {
    return "StorageOptions{storage=" + redacted(storage) + ", logStorage=" + redacted(logStorage) + "}";
  }

  private static Map<String, String> overlay(Map<String, String> base, Map<String, String> top) {
    Map<String, String> result = new LinkedHashMap<>(base);
    result.putAll(top);
    return Collections.unmodifiableMap(result);
  }

  /** {@code _stringify_mapping}: keys and values through {@code str()}; null reads as empty. */
  private static Map<String, String> stringify(Map<?, ?> values) {
    if (values == null || values.isEmpty()) {
      return Map.of();
    }
    Map<String, String> result = new LinkedHashMap<>();
    values.forEach((key, value) -> result.put(PythonText.str(key), PythonText.str(value)));
    return Collections.unmodifiableMap(result);
  }
}
