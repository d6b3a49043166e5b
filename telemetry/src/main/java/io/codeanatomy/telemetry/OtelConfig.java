package io.codeanatomy.telemetry;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.telemetry.internal.SettingsSource;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.ExemplarFilter;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The resolved OpenTelemetry configuration (reference {@code OtelConfig}, spec §5.7), read from
 * environment variables or the matching system properties ({@code OTEL_TRACES_EXPORTER} ↔ {@code
 * otel.traces.exporter}).
 *
 * <p>The fingerprint payload is the reference's, key for key, so fingerprints compare across the two
 * implementations: the sampler, exemplar filter, histogram aggregation and id generator appear as
 * the reference's type names ({@code "opentelemetry.sdk.trace.sampling.ParentBased"}), the
 * temporality as CPython's {@code str()} of the reference enum ({@code "1"} delta, {@code "2"}
 * cumulative) and the log level as the Python level number.
 *
 * <p>Fields kept for the fingerprint that the JVM bootstrap does not act on: {@code
 * enableLogCorrelation} and {@code pythonContext} (no Python logging to correlate), {@code
 * enableSystemMetrics} and {@code autoInstrumentation} (the bootstrap warns when they are set).
 *
 * <p>Departures from the reference, which only warns: an unknown {@code OTEL_TRACES_SAMPLER} and a
 * sampler ratio that is not a number in [0, 1] are {@link ConfigurationException}s.
 */
public record OtelConfig(
    boolean enableTraces,
    boolean enableMetrics,
    boolean enableLogs,
    boolean enableLogCorrelation,
    boolean enableSystemMetrics,
    TraceSampler sampler,
    int metricExportIntervalMs,
    int metricExportTimeoutMs,
    BatchSettings spanBatch,
    BatchSettings logBatch,
    AttributeLimits attributeLimits,
    AttributeLimits logRecordAttributeLimits,
    SpanLimitSettings spanLimits,
    ExemplarFilterKind metricsExemplarFilter,
    AggregationTemporality metricsTemporalityPreference,
    HistogramAggregationKind metricsHistogramAggregation,
    LogLevel otelLogLevel,
    String pythonContext,
    IdGeneratorKind idGenerator,
    boolean testMode,
    boolean autoInstrumentation,
    String configFile)
    implements FingerprintableConfig {

  public static final int DEFAULT_METRIC_EXPORT_INTERVAL_MS = 60_000;
  public static final int DEFAULT_METRIC_EXPORT_TIMEOUT_MS = 30_000;

  public OtelConfig {
    Objects.requireNonNull(sampler, "sampler");
    Objects.requireNonNull(spanBatch, "spanBatch");
    Objects.requireNonNull(logBatch, "logBatch");
    Objects.requireNonNull(attributeLimits, "attributeLimits");
    Objects.requireNonNull(logRecordAttributeLimits, "logRecordAttributeLimits");
    Objects.requireNonNull(spanLimits, "spanLimits");
  }

  /** {@code resolve_otel_config()} from the process environment and system properties. */
  public static OtelConfig resolve() {
    return read(SettingsSource.system());
  }

  /** {@code resolve_otel_config()} from settings keyed by environment-variable name. */
  public static OtelConfig resolve(Map<String, String> settings) {
    return read(SettingsSource.of(settings));
  }

  static OtelConfig read(SettingsSource settings) {
    if (settings.strictFlag("OTEL_SDK_DISABLED", false)) {
      return disabled(settings);
    }
    return new OtelConfig(
        exporterEnabled(settings, "OTEL_TRACES_EXPORTER"),
        exporterEnabled(settings, "OTEL_METRICS_EXPORTER"),
        exporterEnabled(settings, "OTEL_LOGS_EXPORTER"),
        settings.strictFlag("OTEL_PYTHON_LOG_CORRELATION", true),
        settings.flag("CODEANATOMY_OTEL_SYSTEM_METRICS"),
        TraceSampler.read(settings),
        settings.integer("OTEL_METRIC_EXPORT_INTERVAL", DEFAULT_METRIC_EXPORT_INTERVAL_MS),
        settings.integer("OTEL_METRIC_EXPORT_TIMEOUT", DEFAULT_METRIC_EXPORT_TIMEOUT_MS),
        BatchSettings.read(settings, "OTEL_BSP_", "BatchSpanProcessor"),
        BatchSettings.read(settings, "OTEL_BLRP_", "BatchLogRecordProcessor"),
        new AttributeLimits(
            settings.integer("OTEL_ATTRIBUTE_COUNT_LIMIT", null),
            settings.integer("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", null)),
        new AttributeLimits(
            settings.integer("OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT", null),
            settings.integer("OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT", null)),
        SpanLimitSettings.read(settings),
        ExemplarFilterKind.read(settings),
        readTemporality(settings),
        HistogramAggregationKind.read(settings),
        LogLevel.read(settings),
        settings.value("OTEL_PYTHON_CONTEXT"),
        IdGeneratorKind.read(settings),
        settings.flag("CODEANATOMY_OTEL_TEST_MODE"),
        settings.flag("CODEANATOMY_OTEL_AUTO_INSTRUMENTATION"),
        settings.value("OTEL_EXPERIMENTAL_CONFIG_FILE"));
  }

  /** The configuration under {@code OTEL_SDK_DISABLED=true}: every signal off, sampler always-off. */
  private static OtelConfig disabled(SettingsSource settings) {
    return new OtelConfig(false, false, false, false, false,
        TraceSampler.alwaysOff(false),
        DEFAULT_METRIC_EXPORT_INTERVAL_MS,
        DEFAULT_METRIC_EXPORT_TIMEOUT_MS,
        BatchSettings.DEFAULT,
        BatchSettings.DEFAULT,
        AttributeLimits.NONE,
        AttributeLimits.NONE,
        SpanLimitSettings.NONE,
        null, null, null,
        LogLevel.read(settings),
        settings.value("OTEL_PYTHON_CONTEXT"),
        IdGeneratorKind.read(settings),
        settings.flag("CODEANATOMY_OTEL_TEST_MODE"),
        settings.flag("CODEANATOMY_OTEL_AUTO_INSTRUMENTATION"),
        settings.value("OTEL_EXPERIMENTAL_CONFIG_FILE"));
  }

  /** A signal is off only when its exporter setting is {@code none}. */
  private static boolean exporterEnabled(SettingsSource settings, String name) {
    String value = settings.value(name);
    return value == null || !value.toLowerCase(Locale.ROOT).equals("none");
  }

  private static AggregationTemporality readTemporality(SettingsSource settings) {
    String name = "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE";
    String value = settings.value(name);
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "lowmemory", "delta" -> AggregationTemporality.DELTA;
      case "cumulative" -> AggregationTemporality.CUMULATIVE;
      default -> {
        SettingsSource.warn("Invalid %s: '%s'", name, value);
        yield null;
      }
    };
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("enable_traces", enableTraces);
    payload.put("enable_metrics", enableMetrics);
    payload.put("enable_logs", enableLogs);
    payload.put("enable_log_correlation", enableLogCorrelation);
    payload.put("enable_system_metrics", enableSystemMetrics);
    payload.put("sampler", sampler.referenceTypeName());
    payload.put("metric_export_interval_ms", metricExportIntervalMs);
    payload.put("metric_export_timeout_ms", metricExportTimeoutMs);
    payload.put("bsp_schedule_delay_ms", spanBatch.scheduleDelayMs());
    payload.put("bsp_export_timeout_ms", spanBatch.exportTimeoutMs());
    payload.put("bsp_max_queue_size", spanBatch.maxQueueSize());
    payload.put("bsp_max_export_batch_size", spanBatch.maxExportBatchSize());
    payload.put("blrp_schedule_delay_ms", logBatch.scheduleDelayMs());
    payload.put("blrp_export_timeout_ms", logBatch.exportTimeoutMs());
    payload.put("blrp_max_queue_size", logBatch.maxQueueSize());
    payload.put("blrp_max_export_batch_size", logBatch.maxExportBatchSize());
    payload.put("attribute_count_limit", attributeLimits.countLimit());
    payload.put("attribute_value_length_limit", attributeLimits.valueLengthLimit());
    payload.put("log_record_attribute_count_limit", logRecordAttributeLimits.countLimit());
    payload.put("log_record_attribute_value_length_limit", logRecordAttributeLimits.valueLengthLimit());
    payload.put("span_attribute_count_limit", spanLimits.attributeCountLimit());
    payload.put("span_attribute_length_limit", spanLimits.attributeValueLengthLimit());
    payload.put("span_event_count_limit", spanLimits.eventCountLimit());
    payload.put("span_link_count_limit", spanLimits.linkCountLimit());
    payload.put("span_event_attribute_count_limit", spanLimits.eventAttributeCountLimit());
    payload.put("span_link_attribute_count_limit", spanLimits.linkAttributeCountLimit());
    payload.put("metrics_exemplar_filter", metricsExemplarFilter == null ? null : metricsExemplarFilter.referenceTypeName());
    payload.put("metrics_temporality_preference", temporalityText(metricsTemporalityPreference));
    payload.put("metrics_histogram_aggregation",
        metricsHistogramAggregation == null ? null : metricsHistogramAggregation.referenceTypeName());
    payload.put("otel_log_level", otelLogLevel == null ? null : otelLogLevel.pythonLevel());
    payload.put("python_context", pythonContext);
    payload.put("id_generator", idGenerator == null ? null : idGenerator.referenceTypeName());
    payload.put("test_mode", testMode);
    payload.put("auto_instrumentation", autoInstrumentation);
    payload.put("config_file", configFile);
    return payload;
  }

  /** CPython ≥ 3.11 {@code str()} of the reference's {@code AggregationTemporality} IntEnum: its number. */
  private static String temporalityText(AggregationTemporality temporality) {
    if (temporality == null) {
      return null;
    }
    return temporality == AggregationTemporality.DELTA ? "1" : "2";
  }

  /**
   * The trace sampler ({@code OTEL_TRACES_SAMPLER}, {@code OTEL_TRACES_SAMPLER_ARG}).
   *
   * @param kind the root decision
   * @param ratio the sampled fraction of traces, in [0, 1] (1 for always-on, 0 for always-off)
   * @param parentBased whether a span with a parent follows its parent's decision
   */
  public record TraceSampler(Kind kind, double ratio, boolean parentBased) {
    public static final double DEFAULT_RATIO = 0.1;

    public enum Kind { ALWAYS_ON, ALWAYS_OFF, TRACE_ID_RATIO }

    public TraceSampler {
      Objects.requireNonNull(kind, "kind");
      if (!(ratio >= 0 && ratio <= 1)) {
        throw new ConfigurationException("sampler ratio must be a number in [0, 1], got " + ratio);
      }
    }

    public static TraceSampler alwaysOn(boolean parentBased) {
      return new TraceSampler(Kind.ALWAYS_ON, 1, parentBased);
    }

    public static TraceSampler alwaysOff(boolean parentBased) {
      return new TraceSampler(Kind.ALWAYS_OFF, 0, parentBased);
    }

    public static TraceSampler traceIdRatio(double ratio, boolean parentBased) {
      return new TraceSampler(Kind.TRACE_ID_RATIO, ratio, parentBased);
    }

    static TraceSampler read(SettingsSource settings) {
      String name = settings.value("OTEL_TRACES_SAMPLER", "parentbased_traceidratio").toLowerCase(Locale.ROOT);
      boolean parentBased = name.startsWith("parentbased");
      return switch (name) {
        case "always_on", "parentbased_always_on" -> alwaysOn(parentBased);
        case "always_off", "parentbased_always_off" -> alwaysOff(parentBased);
        default -> {
          if (!name.contains("traceidratio")) {
            throw new ConfigurationException("OTEL_TRACES_SAMPLER '" + name + "' is not supported; use always_on, "
                + "always_off, traceidratio, parentbased_always_on, parentbased_always_off or parentbased_traceidratio");
          }
          yield traceIdRatio(readRatio(settings), parentBased);
        }
      };
    }

    private static double readRatio(SettingsSource settings) {
      String value = settings.value("OTEL_TRACES_SAMPLER_ARG");
      if (value == null) {
        return DEFAULT_RATIO;
      }
      double ratio;
      try {
        ratio = Double.parseDouble(value);
      } catch (NumberFormatException invalid) {
        ratio = Double.NaN;
      }
      if (!(ratio >= 0 && ratio <= 1)) {
        throw new ConfigurationException("OTEL_TRACES_SAMPLER_ARG must be a number in [0, 1], got '" + value + "'");
      }
      return ratio;
    }

    /** The SDK sampler. */
    public Sampler toSampler() {
      Sampler root = switch (kind) {
        case ALWAYS_ON -> Sampler.alwaysOn();
        case ALWAYS_OFF -> Sampler.alwaysOff();
        case TRACE_ID_RATIO -> Sampler.traceIdRatioBased(ratio);
      };
      return parentBased ? Sampler.parentBased(root) : root;
    }

    /** The reference's sampler class: ParentBased, TraceIdRatioBased or StaticSampler (always on/off). */
    public String referenceTypeName() {
      if (parentBased) {
        return "opentelemetry.sdk.trace.sampling.ParentBased";
      }
      return kind == Kind.TRACE_ID_RATIO
          ? "opentelemetry.sdk.trace.sampling.TraceIdRatioBased"
          : "opentelemetry.sdk.trace.sampling.StaticSampler";
    }
  }

  /** Batch processor settings ({@code OTEL_BSP_*} for spans, {@code OTEL_BLRP_*} for log records). */
  public record BatchSettings(int scheduleDelayMs, int exportTimeoutMs, int maxQueueSize, int maxExportBatchSize) {
    public static final BatchSettings DEFAULT = new BatchSettings(5000, 30_000, 2048, 512);

    /** Reads the four settings; a non-positive queue or batch size and a batch above the queue are corrected with a warning. */
    static BatchSettings read(SettingsSource settings, String prefix, String label) {
      int queue = settings.integer(prefix + "MAX_QUEUE_SIZE", DEFAULT.maxQueueSize);
      int batch = settings.integer(prefix + "MAX_EXPORT_BATCH_SIZE", DEFAULT.maxExportBatchSize);
      if (queue <= 0) {
        SettingsSource.warn("%s max queue size must be positive; defaulting to %d.", label, DEFAULT.maxQueueSize);
        queue = DEFAULT.maxQueueSize;
      }
      if (batch <= 0) {
        SettingsSource.warn("%s max export batch size must be positive; defaulting to %d.", label, DEFAULT.maxExportBatchSize);
        batch = DEFAULT.maxExportBatchSize;
      }
      if (batch > queue) {
        SettingsSource.warn("%s max export batch size (%d) exceeds max queue size (%d); using queue size.", label, batch, queue);
        batch = queue;
      }
      return new BatchSettings(
          settings.integer(prefix + "SCHEDULE_DELAY", DEFAULT.scheduleDelayMs),
          settings.integer(prefix + "EXPORT_TIMEOUT", DEFAULT.exportTimeoutMs),
          queue,
          batch);
    }
  }

  /** Span limits ({@code OTEL_SPAN_*}, {@code OTEL_EVENT_*}, {@code OTEL_LINK_*}); null = SDK default. */
  public record SpanLimitSettings(
      Integer attributeCountLimit,
      Integer attributeValueLengthLimit,
      Integer eventCountLimit,
      Integer linkCountLimit,
      Integer eventAttributeCountLimit,
      Integer linkAttributeCountLimit) {
    public static final SpanLimitSettings NONE = new SpanLimitSettings(null, null, null, null, null, null);

    static SpanLimitSettings read(SettingsSource settings) {
      return new SpanLimitSettings(
          settings.integer("OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", null),
          settings.integer("OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", null),
          settings.integer("OTEL_SPAN_EVENT_COUNT_LIMIT", null),
          settings.integer("OTEL_SPAN_LINK_COUNT_LIMIT", null),
          settings.integer("OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT", null),
          settings.integer("OTEL_LINK_ATTRIBUTE_COUNT_LIMIT", null));
    }
  }

  /** {@code OTEL_METRICS_EXEMPLAR_FILTER}. */
  public enum ExemplarFilterKind {
    ALWAYS_ON("AlwaysOnExemplarFilter"),
    ALWAYS_OFF("AlwaysOffExemplarFilter"),
    TRACE_BASED("TraceBasedExemplarFilter");

    private final String referenceClass;

    ExemplarFilterKind(String referenceClass) {
      this.referenceClass = referenceClass;
    }

    static ExemplarFilterKind read(SettingsSource settings) {
      String value = settings.value("OTEL_METRICS_EXEMPLAR_FILTER");
      if (value == null) {
        return null;
      }
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "always_on" -> ALWAYS_ON;
        case "always_off" -> ALWAYS_OFF;
        case "trace_based", "tracebased" -> TRACE_BASED;
        default -> {
          SettingsSource.warn("Invalid OTEL_METRICS_EXEMPLAR_FILTER: '%s'", value);
          yield null;
        }
      };
    }

    public ExemplarFilter toExemplarFilter() {
      return switch (this) {
        case ALWAYS_ON -> ExemplarFilter.alwaysOn();
        case ALWAYS_OFF -> ExemplarFilter.alwaysOff();
        case TRACE_BASED -> ExemplarFilter.traceBased();
      };
    }

    public String referenceTypeName() {
      return "opentelemetry.sdk.metrics._internal.exemplar.exemplar_filter." + referenceClass;
    }
  }

  /** {@code OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION}. */
  public enum HistogramAggregationKind {
    EXPLICIT_BUCKET_HISTOGRAM("ExplicitBucketHistogramAggregation"),
    BASE2_EXPONENTIAL_BUCKET_HISTOGRAM("ExponentialBucketHistogramAggregation");

    private final String referenceClass;

    HistogramAggregationKind(String referenceClass) {
      this.referenceClass = referenceClass;
    }

    static HistogramAggregationKind read(SettingsSource settings) {
      String name = "OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION";
      String value = settings.value(name);
      if (value == null) {
        return null;
      }
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "explicit_bucket_histogram" -> EXPLICIT_BUCKET_HISTOGRAM;
        case "base2_exponential_bucket_histogram", "exponential_bucket_histogram" -> BASE2_EXPONENTIAL_BUCKET_HISTOGRAM;
        default -> {
          SettingsSource.warn("Invalid %s: '%s'", name, value);
          yield null;
        }
      };
    }

    public Aggregation toAggregation() {
      return this == EXPLICIT_BUCKET_HISTOGRAM
          ? Aggregation.explicitBucketHistogram()
          : Aggregation.base2ExponentialBucketHistogram();
    }

    public String referenceTypeName() {
      return "opentelemetry.sdk.metrics._internal.aggregation." + referenceClass;
    }
  }

  /** {@code OTEL_LOG_LEVEL}, applied to the SDK's own {@code java.util.logging} loggers. */
  public enum LogLevel {
    CRITICAL(50, java.util.logging.Level.SEVERE),
    ERROR(40, java.util.logging.Level.SEVERE),
    WARNING(30, java.util.logging.Level.WARNING),
    INFO(20, java.util.logging.Level.INFO),
    DEBUG(10, java.util.logging.Level.FINE),
    NOTSET(0, java.util.logging.Level.ALL);

    private final int pythonLevel;
    private final java.util.logging.Level julLevel;

    LogLevel(int pythonLevel, java.util.logging.Level julLevel) {
      this.pythonLevel = pythonLevel;
      this.julLevel = julLevel;
    }

    /** The Python {@code logging} level number (CRITICAL 50 … NOTSET 0). */
    public int pythonLevel() {
      return pythonLevel;
    }

    public java.util.logging.Level julLevel() {
      return julLevel;
    }

    static LogLevel read(SettingsSource settings) {
      String value = settings.value("OTEL_LOG_LEVEL");
      if (value == null) {
        return null;
      }
      return switch (value.toUpperCase(Locale.ROOT)) {
        case "CRITICAL", "FATAL" -> CRITICAL;
        case "ERROR" -> ERROR;
        case "WARNING", "WARN" -> WARNING;
        case "INFO" -> INFO;
        case "DEBUG" -> DEBUG;
        case "NOTSET" -> NOTSET;
        default -> {
          SettingsSource.warn("Invalid OTEL_LOG_LEVEL: '%s'", value);
          yield null;
        }
      };
    }
  }

  /** The trace id generator ({@code OTEL_PYTHON_ID_GENERATOR}: {@code random} or {@code default}). */
  public enum IdGeneratorKind {
    RANDOM;

    static IdGeneratorKind read(SettingsSource settings) {
      String value = settings.value("OTEL_PYTHON_ID_GENERATOR");
      if (value == null) {
        return null;
      }
      String name = value.toLowerCase(Locale.ROOT);
      if (name.equals("random") || name.equals("default")) {
        return RANDOM;
      }
      SettingsSource.warn(name.equals("xray")
          ? "OTEL_PYTHON_ID_GENERATOR=xray requested but no X-Ray id generator is available; using the default."
          : "Invalid OTEL_PYTHON_ID_GENERATOR: '%s'", value);
      return null;
    }

    public IdGenerator toIdGenerator() {
      return IdGenerator.random();
    }

    public String referenceTypeName() {
      return "opentelemetry.sdk.trace.id_generator.RandomIdGenerator";
    }
  }
}
