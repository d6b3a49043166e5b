package io.codeanatomy.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.fingerprint.Fingerprints;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtelConfigTest {
  /** The reference's payload for an empty environment. */
  private static Map<String, Object> defaultPayload() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("enable_traces", true);
    payload.put("enable_metrics", true);
    payload.put("enable_logs", true);
    payload.put("enable_log_correlation", true);
    payload.put("enable_system_metrics", false);
    payload.put("sampler", "opentelemetry.sdk.trace.sampling.ParentBased");
    payload.put("metric_export_interval_ms", 60000);
    payload.put("metric_export_timeout_ms", 30000);
    payload.put("bsp_schedule_delay_ms", 5000);
    payload.put("bsp_export_timeout_ms", 30000);
    payload.put("bsp_max_queue_size", 2048);
    payload.put("bsp_max_export_batch_size", 512);
    payload.put("blrp_schedule_delay_ms", 5000);
    payload.put("blrp_export_timeout_ms", 30000);
    payload.put("blrp_max_queue_size", 2048);
    payload.put("blrp_max_export_batch_size", 512);
    for (String key : new String[] {"attribute_count_limit", "attribute_value_length_limit",
        "log_record_attribute_count_limit", "log_record_attribute_value_length_limit", "span_attribute_count_limit",
        "span_attribute_length_limit", "span_event_count_limit", "span_link_count_limit",
        "span_event_attribute_count_limit", "span_link_attribute_count_limit", "metrics_exemplar_filter",
        "metrics_temporality_preference", "metrics_histogram_aggregation", "otel_log_level", "python_context",
        "id_generator"}) {
      payload.put(key, null);
    }
    payload.put("test_mode", false);
    payload.put("auto_instrumentation", false);
    payload.put("config_file", null);
    return payload;
  }

  @Test
  void anEmptyEnvironmentGivesTheReferenceDefaults() {
    OtelConfig config = OtelConfig.resolve(Map.of());
    assertEquals(defaultPayload(), config.fingerprintPayload());
    assertEquals(35, config.fingerprintPayload().size());
    assertEquals(OtelConfig.TraceSampler.traceIdRatio(0.1, true), config.sampler());
    assertEquals("ParentBased{root:TraceIdRatioBased{0.100000},remoteParentSampled:AlwaysOnSampler,"
        + "remoteParentNotSampled:AlwaysOffSampler,localParentSampled:AlwaysOnSampler,"
        + "localParentNotSampled:AlwaysOffSampler}", config.sampler().toSampler().getDescription());
  }

  @Test
  void fingerprintIsTheCanonicalHashOfThePayload() {
    OtelConfig config = OtelConfig.resolve(Map.of());
    assertEquals(Fingerprints.configFingerprint(defaultPayload()), config.fingerprint());
    assertTrue(config.fingerprint().matches("[0-9a-f]{64}"));
    assertEquals(config.fingerprint(), OtelConfig.resolve(Map.of()).fingerprint());
    assertNotEquals(config.fingerprint(), OtelConfig.resolve(Map.of("OTEL_BSP_MAX_QUEUE_SIZE", "4096")).fingerprint());
  }

  @Test
  void sdkDisabledOnlyWhenStrictlyTrue() {
    OtelConfig disabled = OtelConfig.resolve(Map.of("OTEL_SDK_DISABLED", "TRUE", "OTEL_LOG_LEVEL", "debug",
        "CODEANATOMY_OTEL_TEST_MODE", "yes", "OTEL_BSP_MAX_QUEUE_SIZE", "9"));
    assertFalse(disabled.enableTraces() || disabled.enableMetrics() || disabled.enableLogs()
        || disabled.enableLogCorrelation());
    assertEquals(OtelConfig.TraceSampler.alwaysOff(false), disabled.sampler());
    assertEquals("opentelemetry.sdk.trace.sampling.StaticSampler", disabled.fingerprintPayload().get("sampler"));
    assertEquals(OtelConfig.BatchSettings.DEFAULT, disabled.spanBatch());
    assertEquals(OtelConfig.LogLevel.DEBUG, disabled.otelLogLevel(), "still read when disabled");
    assertTrue(disabled.testMode(), "still read when disabled");
    assertTrue(OtelConfig.resolve(Map.of("OTEL_SDK_DISABLED", "1")).enableTraces(), "1 is not strictly true");
  }

  @Test
  void exporterNoneTurnsASignalOff() {
    OtelConfig config = OtelConfig.resolve(Map.of("OTEL_TRACES_EXPORTER", "NONE", "OTEL_LOGS_EXPORTER", "otlp"));
    assertFalse(config.enableTraces());
    assertTrue(config.enableMetrics());
    assertTrue(config.enableLogs());
  }

  @Test
  void samplersParseLikeTheReference() {
    assertEquals(OtelConfig.TraceSampler.alwaysOn(false), sampler("always_on", null));
    assertEquals(OtelConfig.TraceSampler.alwaysOn(true), sampler("parentbased_always_on", null));
    assertEquals(OtelConfig.TraceSampler.alwaysOff(true), sampler("ParentBased_Always_Off", null));
    assertEquals(OtelConfig.TraceSampler.traceIdRatio(0.25, false), sampler("traceidratio", "0.25"));
    assertEquals(OtelConfig.TraceSampler.traceIdRatio(1.0, true), sampler("parentbased_traceidratio", "1"));
    assertEquals("opentelemetry.sdk.trace.sampling.TraceIdRatioBased",
        sampler("traceidratio", null).referenceTypeName());
    assertEquals("opentelemetry.sdk.trace.sampling.StaticSampler", sampler("always_on", null).referenceTypeName());
    assertEquals("AlwaysOnSampler", sampler("always_on", "not used").toSampler().getDescription());
  }

  private static OtelConfig.TraceSampler sampler(String name, String arg) {
    Map<String, String> settings = new HashMap<>();
    settings.put("OTEL_TRACES_SAMPLER", name);
    if (arg != null) {
      settings.put("OTEL_TRACES_SAMPLER_ARG", arg);
    }
    return OtelConfig.resolve(settings).sampler();
  }

  @Test
  void batchSizesAreSanitised() {
    OtelConfig config = OtelConfig.resolve(Map.of(
        "OTEL_BSP_MAX_QUEUE_SIZE", "100", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "500",
        "OTEL_BLRP_MAX_QUEUE_SIZE", "0", "OTEL_BLRP_MAX_EXPORT_BATCH_SIZE", "-1",
        "OTEL_BSP_SCHEDULE_DELAY", "250", "OTEL_BLRP_EXPORT_TIMEOUT", "oops"));
    assertEquals(new OtelConfig.BatchSettings(250, 30000, 100, 100), config.spanBatch());
    assertEquals(new OtelConfig.BatchSettings(5000, 30000, 2048, 512), config.logBatch());
  }

  @Test
  void limitsAreReadAsIntegers() {
    OtelConfig config = OtelConfig.resolve(Map.of(
        "OTEL_ATTRIBUTE_COUNT_LIMIT", "64", "OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT", "128",
        "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "256", "OTEL_SPAN_EVENT_COUNT_LIMIT", "16",
        "OTEL_LINK_ATTRIBUTE_COUNT_LIMIT", "4", "OTEL_SPAN_LINK_COUNT_LIMIT", "x"));
    assertEquals(new AttributeLimits(64, null), config.attributeLimits());
    assertEquals(new AttributeLimits(null, 128), config.logRecordAttributeLimits());
    assertEquals(new OtelConfig.SpanLimitSettings(null, 256, 16, null, null, 4), config.spanLimits());
    assertEquals(256, config.fingerprintPayload().get("span_attribute_length_limit"));
  }

  @Test
  void metricPreferencesParseToReferenceTypes() {
    OtelConfig config = OtelConfig.resolve(Map.of(
        "OTEL_METRICS_EXEMPLAR_FILTER", "always_on",
        "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "delta",
        "OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION", "explicit_bucket_histogram"));
    assertEquals(OtelConfig.ExemplarFilterKind.ALWAYS_ON, config.metricsExemplarFilter());
    assertEquals(AggregationTemporality.DELTA, config.metricsTemporalityPreference());
    assertEquals(OtelConfig.HistogramAggregationKind.EXPLICIT_BUCKET_HISTOGRAM, config.metricsHistogramAggregation());
    Map<String, Object> payload = config.fingerprintPayload();
    assertEquals("opentelemetry.sdk.metrics._internal.exemplar.exemplar_filter.AlwaysOnExemplarFilter",
        payload.get("metrics_exemplar_filter"));
    assertEquals("1", payload.get("metrics_temporality_preference"));
    assertEquals("opentelemetry.sdk.metrics._internal.aggregation.ExplicitBucketHistogramAggregation",
        payload.get("metrics_histogram_aggregation"));

    OtelConfig other = OtelConfig.resolve(Map.of(
        "OTEL_METRICS_EXEMPLAR_FILTER", "TraceBased",
        "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "LowMemory",
        "OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION", "base2_exponential_bucket_histogram"));
    assertEquals(OtelConfig.ExemplarFilterKind.TRACE_BASED, other.metricsExemplarFilter());
    assertEquals(AggregationTemporality.DELTA, other.metricsTemporalityPreference());
    assertEquals(OtelConfig.HistogramAggregationKind.BASE2_EXPONENTIAL_BUCKET_HISTOGRAM,
        other.metricsHistogramAggregation());
    assertEquals("2", OtelConfig.resolve(Map.of("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "cumulative"))
        .fingerprintPayload().get("metrics_temporality_preference"));

    OtelConfig invalid = OtelConfig.resolve(Map.of(
        "OTEL_METRICS_EXEMPLAR_FILTER", "sometimes",
        "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "sideways",
        "OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION", "sum"));
    assertNull(invalid.metricsExemplarFilter());
    assertNull(invalid.metricsTemporalityPreference());
    assertNull(invalid.metricsHistogramAggregation());
  }

  @Test
  void remainingFieldsFollowTheirVariables() {
    OtelConfig config = OtelConfig.resolve(Map.of(
        "OTEL_LOG_LEVEL", "warn",
        "OTEL_PYTHON_CONTEXT", "contextvars_context",
        "OTEL_PYTHON_ID_GENERATOR", "random",
        "OTEL_PYTHON_LOG_CORRELATION", "false",
        "CODEANATOMY_OTEL_SYSTEM_METRICS", "y",
        "CODEANATOMY_OTEL_AUTO_INSTRUMENTATION", "maybe",
        "OTEL_EXPERIMENTAL_CONFIG_FILE", "/etc/otel.yaml",
        "OTEL_METRIC_EXPORT_INTERVAL", "1000"));
    assertEquals(OtelConfig.LogLevel.WARNING, config.otelLogLevel());
    assertEquals(30, config.fingerprintPayload().get("otel_log_level"));
    assertEquals("contextvars_context", config.pythonContext());
    assertEquals("opentelemetry.sdk.trace.id_generator.RandomIdGenerator", config.fingerprintPayload().get("id_generator"));
    assertFalse(config.enableLogCorrelation());
    assertTrue(config.enableSystemMetrics());
    assertFalse(config.autoInstrumentation(), "an unrecognised boolean counts as false");
    assertEquals("/etc/otel.yaml", config.configFile());
    assertEquals(1000, config.metricExportIntervalMs());
    assertEquals(10, OtelConfig.resolve(Map.of("OTEL_LOG_LEVEL", "DEBUG")).fingerprintPayload().get("otel_log_level"));
    assertEquals(50, OtelConfig.resolve(Map.of("OTEL_LOG_LEVEL", "fatal")).otelLogLevel().pythonLevel());
    assertNull(OtelConfig.resolve(Map.of("OTEL_PYTHON_ID_GENERATOR", "xray")).idGenerator());
    assertTrue(OtelConfig.resolve(Map.of("OTEL_PYTHON_LOG_CORRELATION", "yes")).enableLogCorrelation(),
        "strict boolean: anything but true/false keeps the default");
  }

  @Test
  void systemPropertiesAreReadUnderTheirDottedNames() {
    String property = "otel.bsp.max.queue.size";
    System.setProperty(property, "1024");
    try {
      assertEquals(1024, OtelConfig.resolve().spanBatch().maxQueueSize());
    } finally {
      System.clearProperty(property);
    }
  }
}
