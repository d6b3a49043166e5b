package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.List;
import java.util.Map;

/**
 * Settings of one disk cache (reference: {@code cache/diskcache_factory.py}). Sizes and limits must be
 * >= 0, {@code shards} >= 1, the timeout a finite number > 0, and the eviction policy one diskcache knows.
 */
public record DiskCacheSettings(long sizeLimitBytes, long cullLimit, String evictionPolicy, boolean statistics,
    boolean tagIndex, Integer shards, double timeoutSeconds, Long diskMinFileSize, String sqliteJournalMode,
    Long sqliteMmapSize, String sqliteSynchronous) implements FingerprintableConfig {
  public static final List<String> EVICTION_POLICIES =
      List.of("least-recently-stored", "least-recently-used", "least-frequently-used", "none");

  public DiskCacheSettings {
    PolicyChecks.nonNegative("DiskCacheSettings.sizeLimitBytes", sizeLimitBytes);
    PolicyChecks.nonNegative("DiskCacheSettings.cullLimit", cullLimit);
    PolicyChecks.oneOf("DiskCacheSettings.evictionPolicy", evictionPolicy, EVICTION_POLICIES);
    PolicyChecks.positiveOrNull("DiskCacheSettings.shards", shards);
    PolicyChecks.positiveFloatOrNull("DiskCacheSettings.timeoutSeconds", timeoutSeconds);
    PolicyChecks.nonNegativeOrNull("DiskCacheSettings.diskMinFileSize", diskMinFileSize);
    PolicyChecks.nonNegativeOrNull("DiskCacheSettings.sqliteMmapSize", sqliteMmapSize);
  }

  /** A builder with the reference defaults and the required size limit. */
  public static Builder builder(long sizeLimitBytes) {
    return new Builder(sizeLimitBytes);
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("size_limit_bytes", sizeLimitBytes, "cull_limit", cullLimit, "eviction_policy", evictionPolicy,
        "statistics", statistics, "tag_index", tagIndex, "shards", shards, "timeout_seconds", timeoutSeconds,
        "disk_min_file_size", diskMinFileSize, "sqlite_journal_mode", sqliteJournalMode,
        "sqlite_mmap_size", sqliteMmapSize, "sqlite_synchronous", sqliteSynchronous);
  }

  /** Builder: cull limit 10, least-recently-used, statistics and tag index on, 60 s timeout, WAL journal. */
  public static final class Builder {
    private final long sizeLimitBytes;
    private long cullLimit = 10;
    private String evictionPolicy = "least-recently-used";
    private boolean statistics = true;
    private boolean tagIndex = true;
    private Integer shards;
    private double timeoutSeconds = 60.0;
    private Long diskMinFileSize;
    private String sqliteJournalMode = "wal";
    private Long sqliteMmapSize;
    private String sqliteSynchronous;

    private Builder(long sizeLimitBytes) {
      this.sizeLimitBytes = sizeLimitBytes;
    }

    public Builder cullLimit(long value) {
      this.cullLimit = value;
      return this;
    }

    public Builder evictionPolicy(String value) {
      this.evictionPolicy = value;
      return this;
    }

    public Builder statistics(boolean value) {
      this.statistics = value;
      return this;
    }

    public Builder tagIndex(boolean value) {
      this.tagIndex = value;
      return this;
    }

    public Builder shards(Integer value) {
      this.shards = value;
      return this;
    }

    public Builder timeoutSeconds(double value) {
      this.timeoutSeconds = value;
      return this;
    }

    public Builder diskMinFileSize(Long value) {
      this.diskMinFileSize = value;
      return this;
    }

    public Builder sqliteJournalMode(String value) {
      this.sqliteJournalMode = value;
      return this;
    }

    public Builder sqliteMmapSize(Long value) {
      this.sqliteMmapSize = value;
      return this;
    }

    public Builder sqliteSynchronous(String value) {
      this.sqliteSynchronous = value;
      return this;
    }

    public DiskCacheSettings build() {
      return new DiskCacheSettings(sizeLimitBytes, cullLimit, evictionPolicy, statistics, tagIndex, shards,
          timeoutSeconds, diskMinFileSize, sqliteJournalMode, sqliteMmapSize, sqliteSynchronous);
    }
  }
}
