package io.codeanatomy.core.policy;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.fingerprint.Fingerprints;
import io.codeanatomy.core.internal.PayloadMaps;
import io.codeanatomy.core.text.PythonText;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Disk cache settings per {@link DiskCacheKind}: a root directory, base settings, per-kind overrides
 * and per-kind time-to-live (reference: {@code DiskCacheProfile} in {@code cache/diskcache_factory.py}).
 *
 * <p>Identity is per kind, {@link #fingerprint(DiskCacheKind)}, because each kind opens its own
 * cache; the profile therefore does not implement {@code FingerprintableConfig} (spec open
 * question 10, settled: keep the reference's per-kind signature).
 *
 * <p>TTLs are {@link Long} or {@link Double} seconds and stay that way: the reference payload writes
 * {@code 86400} as a MessagePack integer but {@code 2.5} as a float64, so collapsing them to one
 * Java type would change fingerprints.
 *
 * @param root directory holding one sub-directory per kind
 * @param baseSettings settings of every kind without an override
 * @param overrides settings replacing {@code baseSettings} for some kinds
 * @param ttlSeconds expiry of entries per kind; kinds without one never expire
 */
public record DiskCacheProfile(Path root, DiskCacheSettings baseSettings, Map<DiskCacheKind, DiskCacheSettings> overrides,
    Map<DiskCacheKind, Number> ttlSeconds) {
  /** Environment variable naming the cache root (reference: {@code _default_cache_root}). */
  public static final String ROOT_ENV = "CODEANATOMY_DISKCACHE_DIR";
  private static final long MIB = 1024L * 1024;
  private static final long BASE_SIZE_LIMIT = 2048 * MIB;

  public DiskCacheProfile {
    PolicyChecks.required("DiskCacheProfile.root", root);
    PolicyChecks.required("DiskCacheProfile.baseSettings", baseSettings);
    overrides = immutableEnumMap(PolicyChecks.mapOf("DiskCacheProfile.overrides", overrides));
    Map<DiskCacheKind, Number> ttls = PolicyChecks.mapOf("DiskCacheProfile.ttlSeconds", ttlSeconds);
    ttls.forEach((kind, ttl) -> checkTtl("DiskCacheProfile.ttlSeconds[" + kind.wireValue() + "]", ttl));
    ttlSeconds = immutableEnumMap(ttls);
  }

  /** {@code DiskCacheProfile()}: default root, 2 GiB base settings, no overrides, no TTLs. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code default_diskcache_profile()}: base 2 GiB; plan 512 MiB; extract 8 GiB in 8 shards with
   * 512 KiB minimum file size and a 1-day TTL; schema 256 MiB, 5 min; repo_scan 512 MiB, 30 min;
   * runtime 256 MiB, 1 day; queue 128 MiB, index 128 MiB and coordination 64 MiB without eviction.
   */
  public static DiskCacheProfile defaults() {
    return defaults(defaultRoot());
  }

  /** {@link #defaults()} under another root, e.g. a test's temporary directory. */
  public static DiskCacheProfile defaults(Path root) {
    long day = 24 * 60 * 60;
    return builder().root(root)
        .override(DiskCacheKind.PLAN, DiskCacheSettings.builder(512 * MIB).build())
        .override(DiskCacheKind.EXTRACT, DiskCacheSettings.builder(8192 * MIB).shards(8).diskMinFileSize(512 * 1024L).build())
        .override(DiskCacheKind.SCHEMA, DiskCacheSettings.builder(256 * MIB).build())
        .override(DiskCacheKind.REPO_SCAN, DiskCacheSettings.builder(512 * MIB).build())
        .override(DiskCacheKind.RUNTIME, DiskCacheSettings.builder(256 * MIB).build())
        .override(DiskCacheKind.QUEUE, DiskCacheSettings.builder(128 * MIB).evictionPolicy("none").build())
        .override(DiskCacheKind.INDEX, DiskCacheSettings.builder(128 * MIB).evictionPolicy("none").build())
        .override(DiskCacheKind.COORDINATION, DiskCacheSettings.builder(64 * MIB).evictionPolicy("none").build())
        .ttlSeconds(DiskCacheKind.EXTRACT, day)
        .ttlSeconds(DiskCacheKind.SCHEMA, 5 * 60L)
        .ttlSeconds(DiskCacheKind.REPO_SCAN, 30 * 60L)
        .ttlSeconds(DiskCacheKind.RUNTIME, day)
        .build();
  }

  /** {@code $CODEANATOMY_DISKCACHE_DIR} (with {@code ~} expanded) or {@code ~/.cache/codeanatomy/diskcache}. */
  public static Path defaultRoot() {
    return defaultRoot(System.getenv(ROOT_ENV), System.getProperty("user.home"));
  }

  /** {@link #defaultRoot()} for a given variable value (null or blank = unset) and home directory. */
  static Path defaultRoot(String configured, String userHome) {
    String value = configured == null ? "" : configured.strip();
    if (value.isEmpty()) {
      return Path.of(userHome, ".cache", "codeanatomy", "diskcache");
    }
    // Path.expanduser(): only a leading "~" or "~/" refers to the home directory.
    if (value.equals("~")) {
      return Path.of(userHome);
    }
    return value.startsWith("~/") ? Path.of(userHome, value.substring(2)) : Path.of(value);
  }

  /** {@code settings_for(kind)}: the kind's override, else the base settings. */
  public DiskCacheSettings settingsFor(DiskCacheKind kind) {
    return overrides.getOrDefault(PolicyChecks.required("kind", kind), baseSettings);
  }

  /** {@code ttl_for(kind)}: seconds as a {@link Long} or {@link Double}, empty when entries never expire. */
  public Optional<Number> ttlFor(DiskCacheKind kind) {
    return Optional.ofNullable(ttlSeconds.get(PolicyChecks.required("kind", kind)));
  }

  /** The directory of one kind's cache, {@code root / kind}. */
  public Path directoryFor(DiskCacheKind kind) {
    return root.resolve(PolicyChecks.required("kind", kind).wireValue());
  }

  /** The payload of {@link #fingerprint(DiskCacheKind)}: root, kind, the settings' fingerprint and the TTL. */
  public Map<String, Object> fingerprintPayload(DiskCacheKind kind) {
    return PayloadMaps.of("root", PythonText.pathStr(root), "kind", PolicyChecks.required("kind", kind).wireValue(),
        "settings", settingsFor(kind).fingerprint(), "ttl_seconds", ttlFor(kind).orElse(null));
  }

  /** {@code fingerprint(kind)}: identifies the cache one kind opens. */
  public String fingerprint(DiskCacheKind kind) {
    return Fingerprints.configFingerprint(fingerprintPayload(kind));
  }

  private static void checkTtl(String field, Number ttl) {
    boolean integral = ttl instanceof Long || ttl instanceof Integer;
    boolean floating = ttl instanceof Double;
    if (!integral && !floating) {
      throw new ConfigurationException(field + " must be a Long or Double number of seconds, got "
          + ttl.getClass().getName());
    }
    if (integral ? ttl.longValue() <= 0 : !(Double.isFinite(ttl.doubleValue()) && ttl.doubleValue() > 0)) {
      throw new ConfigurationException(field + " must be a finite number of seconds > 0, got " + ttl);
    }
  }

  private static <V> Map<DiskCacheKind, V> immutableEnumMap(Map<DiskCacheKind, V> values) {
    return values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
  }

  /** Builder starting from the reference's {@code DiskCacheProfile()} defaults. */
  public static final class Builder {
    private Path root;
    private DiskCacheSettings baseSettings = DiskCacheSettings.builder(BASE_SIZE_LIMIT).build();
    private final Map<DiskCacheKind, DiskCacheSettings> overrides = new EnumMap<>(DiskCacheKind.class);
    private final Map<DiskCacheKind, Number> ttlSeconds = new EnumMap<>(DiskCacheKind.class);

    private Builder() {}

    public Builder root(Path value) {
      this.root = PolicyChecks.required("DiskCacheProfile.root", value);
      return this;
    }

    public Builder baseSettings(DiskCacheSettings value) {
      this.baseSettings = value;
      return this;
    }

    public Builder override(DiskCacheKind kind, DiskCacheSettings settings) {
      overrides.put(PolicyChecks.required("DiskCacheProfile.overrides key", kind), settings);
      return this;
    }

    /** Whole seconds, fingerprinted as an integer. */
    public Builder ttlSeconds(DiskCacheKind kind, long seconds) {
      ttlSeconds.put(PolicyChecks.required("DiskCacheProfile.ttlSeconds key", kind), seconds);
      return this;
    }

    /** Fractional seconds, fingerprinted as a float even when whole ({@code 60.0}). */
    public Builder ttlSeconds(DiskCacheKind kind, double seconds) {
      ttlSeconds.put(PolicyChecks.required("DiskCacheProfile.ttlSeconds key", kind), seconds);
      return this;
    }

    /** Entries of {@code kind} never expire. */
    public Builder noTtl(DiskCacheKind kind) {
      ttlSeconds.remove(kind);
      return this;
    }

    public DiskCacheProfile build() {
      return new DiskCacheProfile(root == null ? defaultRoot() : root, baseSettings, overrides, ttlSeconds);
    }
  }
}
