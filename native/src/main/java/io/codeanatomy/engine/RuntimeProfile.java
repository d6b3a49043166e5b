package io.codeanatomy.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.Secrets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * How a {@link Session} is configured: parallelism, batch size, memory and spill budgets, and any
 * DataFusion configuration key ({@code datafusion.execution.*}, {@code datafusion.optimizer.*},
 * {@code datafusion.runtime.*}, …). Immutable; build with {@link #builder()}.
 */
public final class RuntimeProfile implements FingerprintableConfig {
  private static final RuntimeProfile DEFAULTS = builder().build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Integer targetPartitions;
  private final Integer batchSize;
  private final Long memoryLimitBytes;
  private final MemoryPoolKind memoryPool;
  private final Path spillDirectory;
  private final Long maxSpillBytes;
  private final boolean informationSchema;
  private final String defaultCatalog;
  private final String defaultSchema;
  private final Map<String, String> settings;

  private RuntimeProfile(Builder builder) {
    this.targetPartitions = positive("targetPartitions", builder.targetPartitions);
    this.batchSize = positive("batchSize", builder.batchSize);
    this.memoryLimitBytes = positive("memoryLimitBytes", builder.memoryLimitBytes);
    this.memoryPool = Objects.requireNonNull(builder.memoryPool, "memoryPool");
    this.spillDirectory = builder.spillDirectory;
    this.maxSpillBytes = positive("maxSpillBytes", builder.maxSpillBytes);
    this.informationSchema = builder.informationSchema;
    this.defaultCatalog = identifier("defaultCatalog", builder.defaultCatalog);
    this.defaultSchema = identifier("defaultSchema", builder.defaultSchema);
    this.settings = Collections.unmodifiableMap(new TreeMap<>(builder.settings));
  }

  /** The profile with every default: one partition per core, 8192-row batches, no memory limit. */
  public static RuntimeProfile defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.targetPartitions = targetPartitions;
    builder.batchSize = batchSize;
    builder.memoryLimitBytes = memoryLimitBytes;
    builder.memoryPool = memoryPool;
    builder.spillDirectory = spillDirectory;
    builder.maxSpillBytes = maxSpillBytes;
    builder.informationSchema = informationSchema;
    builder.defaultCatalog = defaultCatalog;
    builder.defaultSchema = defaultSchema;
    builder.settings.putAll(settings);
    return builder;
  }

  public OptionalInt targetPartitions() {
    return targetPartitions == null ? OptionalInt.empty() : OptionalInt.of(targetPartitions);
  }

  public OptionalInt batchSize() {
    return batchSize == null ? OptionalInt.empty() : OptionalInt.of(batchSize);
  }

  public OptionalLong memoryLimitBytes() {
    return memoryLimitBytes == null ? OptionalLong.empty() : OptionalLong.of(memoryLimitBytes);
  }

  public MemoryPoolKind memoryPool() {
    return memoryPool;
  }

  public Optional<Path> spillDirectory() {
    return Optional.ofNullable(spillDirectory);
  }

  public OptionalLong maxSpillBytes() {
    return maxSpillBytes == null ? OptionalLong.empty() : OptionalLong.of(maxSpillBytes);
  }

  public boolean informationSchema() {
    return informationSchema;
  }

  public String defaultCatalog() {
    return defaultCatalog;
  }

  public String defaultSchema() {
    return defaultSchema;
  }

  /** Extra configuration keys, sorted by key. */
  public Map<String, String> settings() {
    return settings;
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("target_partitions", targetPartitions);
    payload.put("batch_size", batchSize);
    payload.put("memory_limit_bytes", memoryLimitBytes);
    payload.put("memory_pool", memoryPool);
    payload.put("spill_dir", spillDirectory == null ? null : spillDirectory.toString());
    payload.put("max_spill_bytes", maxSpillBytes);
    payload.put("enable_information_schema", informationSchema);
    payload.put("default_catalog", defaultCatalog);
    payload.put("default_schema", defaultSchema);
    payload.put("settings", settings);
    return payload;
  }

  /** The form the native engine reads (see native/src/main/rust/profile.rs). */
  public String toNativeJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("targetPartitions", targetPartitions);
    json.put("batchSize", batchSize);
    json.put("memoryLimitBytes", memoryLimitBytes);
    json.put("memoryPool", memoryPool.wireValue());
    json.put("spillDirectory", spillDirectory == null ? null : spillDirectory.toAbsolutePath().toString());
    json.put("maxSpillBytes", maxSpillBytes);
    json.put("informationSchema", informationSchema);
    json.put("defaultCatalog", defaultCatalog);
    json.put("defaultSchema", defaultSchema);
    json.put("settings", settings);
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and numbers always serialises", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RuntimeProfile profile && fingerprintPayload().equals(profile.fingerprintPayload());
  }

  @Override
  public int hashCode() {
    return fingerprintPayload().hashCode();
  }

  /** The payload, with the values of settings whose keys name credentials shown as {@code ***}. */
  @Override
  public String toString() {
    return "RuntimeProfile" + Secrets.redact(fingerprintPayload());
  }

  private static <N extends Number> N positive(String field, N value) {
    if (value != null && value.longValue() <= 0) {
      throw new ConfigurationException("RuntimeProfile." + field + " must be positive, got " + value);
    }
    return value;
  }

  private static String identifier(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigurationException("RuntimeProfile." + field + " must be a non-blank name");
    }
    return value;
  }

  /** Builder of {@link RuntimeProfile}; values are validated by {@link #build()}. */
  public static final class Builder {
    private Integer targetPartitions;
    private Integer batchSize;
    private Long memoryLimitBytes;
    private MemoryPoolKind memoryPool = MemoryPoolKind.GREEDY;
    private Path spillDirectory;
    private Long maxSpillBytes;
    private boolean informationSchema = true;
    private String defaultCatalog = "datafusion";
    private String defaultSchema = "public";
    private final Map<String, String> settings = new TreeMap<>();

    private Builder() {}

    /** Partitions each query is split into; default: the number of cores. */
    public Builder targetPartitions(int targetPartitions) {
      this.targetPartitions = targetPartitions;
      return this;
    }

    /** Rows per record batch; default 8192. */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** Memory budget of the session's queries; exceeding it spills or fails with resources-exhausted. */
    public Builder memoryLimitBytes(long memoryLimitBytes) {
      this.memoryLimitBytes = memoryLimitBytes;
      return this;
    }

    public Builder memoryPool(MemoryPoolKind memoryPool) {
      this.memoryPool = memoryPool;
      return this;
    }

    /** Directory for spill files; default: the system temporary directory. */
    public Builder spillDirectory(Path spillDirectory) {
      this.spillDirectory = spillDirectory;
      return this;
    }

    /** Cap on the total size of spill files. */
    public Builder maxSpillBytes(long maxSpillBytes) {
      this.maxSpillBytes = maxSpillBytes;
      return this;
    }

    /** Whether {@code information_schema} and {@code SHOW} are available; default true. */
    public Builder informationSchema(boolean informationSchema) {
      this.informationSchema = informationSchema;
      return this;
    }

    public Builder defaultCatalog(String defaultCatalog) {
      this.defaultCatalog = defaultCatalog;
      return this;
    }

    public Builder defaultSchema(String defaultSchema) {
      this.defaultSchema = defaultSchema;
      return this;
    }

    /** Any engine configuration key, e.g. {@code datafusion.execution.parquet.pushdown_filters}. */
    public Builder setting(String key, String value) {
      if (key == null || key.isBlank()) {
        throw new ConfigurationException("RuntimeProfile setting key must be non-blank");
      }
      settings.put(key, Objects.requireNonNull(value, () -> "value of setting " + key));
      return this;
    }

    public Builder settings(Map<String, String> values) {
      values.forEach(this::setting);
      return this;
    }

    public RuntimeProfile build() {
      return new RuntimeProfile(this);
    }
  }
}
