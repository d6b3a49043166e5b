package io.codeanatomy.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.telemetry.ExportConfig;
import io.codeanatomy.telemetry.OtelConfig;
import io.opentelemetry.exporter.logging.LoggingMetricExporter;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.logging.SystemOutLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each exporter setting builds the SDK exporter it names: OTLP over gRPC (the default) or HTTP, or logging. */
class ExporterFactoryTest {
  private record Exporters(SpanExporter spans, MetricExporter metrics, LogRecordExporter logs) implements AutoCloseable {
    @Override
    public void close() {
      spans.shutdown();
      metrics.shutdown();
      logs.shutdown();
    }
  }

  private static Exporters build(Map<String, String> settings) {
    ExportConfig export = ExportConfig.resolve(settings);
    return new Exporters(ExporterFactory.spanExporter(export.traces()),
        ExporterFactory.metricExporter(export.metrics(), OtelConfig.resolve(settings)),
        ExporterFactory.logRecordExporter(export.logs()));
  }

  private static void assertExporters(Map<String, String> settings, Class<?> spans, Class<?> metrics, Class<?> logs,
      String spanEndpoint) {
    try (Exporters exporters = build(settings)) {
      assertInstanceOf(spans, exporters.spans());
      assertInstanceOf(metrics, exporters.metrics());
      assertInstanceOf(logs, exporters.logs());
      if (spanEndpoint != null) { // the logging exporters have none
        assertTrue(exporters.spans().toString().contains(spanEndpoint), exporters.spans().toString());
      }
    }
  }

  @Test
  void otlpUsesGrpcByDefaultAndHttpWhenAskedPerSignal() {
    assertExporters(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector.test:4317"),
        OtlpGrpcSpanExporter.class, OtlpGrpcMetricExporter.class, OtlpGrpcLogRecordExporter.class,
        "endpoint=http://collector.test:4317");
    assertExporters(Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
            "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector.test:4318"),
        OtlpHttpSpanExporter.class, OtlpHttpMetricExporter.class, OtlpHttpLogRecordExporter.class,
        "endpoint=http://collector.test:4318/v1/traces");
    assertExporters(Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "grpc"),
        OtlpHttpSpanExporter.class, OtlpGrpcMetricExporter.class, OtlpHttpLogRecordExporter.class,
        "endpoint=http://localhost:4318/v1/traces");
  }

  @Test
  void consoleAndLoggingSelectTheLoggingExporters() {
    assertExporters(Map.of("OTEL_TRACES_EXPORTER", "console", "OTEL_METRICS_EXPORTER", "logging",
            "OTEL_LOGS_EXPORTER", "CONSOLE"),
        LoggingSpanExporter.class, LoggingMetricExporter.class, SystemOutLogRecordExporter.class, null);
  }

  @Test
  void metricExportersFollowTheTemporalityPreference() {
    try (Exporters cumulative = build(Map.of());
        Exporters delta = build(Map.of("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "delta"))) {
      assertEquals(AggregationTemporality.CUMULATIVE,
          cumulative.metrics().getAggregationTemporality(InstrumentType.HISTOGRAM));
      assertEquals(AggregationTemporality.DELTA, delta.metrics().getAggregationTemporality(InstrumentType.HISTOGRAM));
    }
  }
}
