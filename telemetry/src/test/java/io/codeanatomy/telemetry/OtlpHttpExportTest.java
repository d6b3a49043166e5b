package io.codeanatomy.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.context.Scope;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The real bootstrap exports over OTLP/HTTP to a receiver started by the test; the payload is decoded. */
class OtlpHttpExportTest {
  @Test
  void metricsSpansAndLogsArriveOverTheWire() throws Exception {
    try (OtlpHttpReceiver receiver = new OtlpHttpReceiver()) {
      Map<String, String> settings = Map.of(
          "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
          "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
          "OTEL_TRACES_SAMPLER", "always_on",
          "OTEL_SERVICE_NAME", "wire-test");
      try (OtelProviders providers = TelemetryBootstrap.build(settings, BootstrapOptions.DEFAULTS)) {
        Telemetry telemetry = providers.telemetry();
        try (Scope run = RunContext.open("run-wire")) {
          telemetry.recordStageDuration("extract", 0.3, "ok", Map.of("dropped_by_view", "x"));
          telemetry.recordStageDuration("extract", 3.0, "ok", null);
          try (TelemetrySpan span = telemetry.startQuerySpan("substrait", Map.of("view_name", "cpg_nodes"))) {
            telemetry.emitDiagnosticsEvent("diagnostics.wire", Map.of("artifact", "cpg_nodes"), Level.INFO, "artifact");
          }
          telemetry.setScanTelemetry("cpg_nodes", 2, 4);
        }
      } // close flushes every signal to the receiver

      assertTrue(receiver.contentTypes.stream().allMatch("application/x-protobuf"::equals), receiver.contentTypes.toString());

      List<ScopeMetrics> scopeMetrics = receiver.metrics.stream()
          .flatMap(request -> request.getResourceMetricsList().stream())
          .peek(resourceMetrics -> assertEquals("wire-test", serviceName(resourceMetrics.getResource())))
          .flatMap(resourceMetrics -> resourceMetrics.getScopeMetricsList().stream())
          .toList();
      assertTrue(scopeMetrics.stream().allMatch(scope -> scope.getScope().getName().equals(ScopeName.OBS)));
      Map<String, Metric> byName = scopeMetrics.stream().flatMap(scope -> scope.getMetricsList().stream())
          .collect(Collectors.toMap(Metric::getName, metric -> metric, (first, later) -> later));

      Metric stage = byName.get("codeanatomy.stage.duration");
      assertEquals("s", stage.getUnit());
      assertEquals("Stage execution duration (seconds).", stage.getDescription());
      HistogramDataPoint point = stage.getHistogram().getDataPoints(0);
      assertEquals(MetricViews.BUCKET_BOUNDARIES_SECONDS, point.getExplicitBoundsList());
      assertEquals(2, point.getCount());
      assertEquals(3.3, point.getSum(), 1e-9);
      assertEquals(1, point.getBucketCounts(6), "0.3 s falls in (0.25, 0.5]");
      assertEquals(1, point.getBucketCounts(9), "3 s falls in (2, 5]");
      assertEquals(Map.of("stage", "extract", "status", "ok", "codeanatomy.run_id", "run-wire"),
          attributes(point.getAttributesList()));

      Metric execute = byName.get("codeanatomy.datafusion.execute.duration");
      assertEquals(Map.of("status", "ok", "plan_kind", "substrait", "codeanatomy.run_id", "run-wire"),
          attributes(execute.getHistogram().getDataPoints(0).getAttributesList()));
      Metric rowGroups = byName.get("codeanatomy.scan.row_groups");
      assertEquals(4.0, rowGroups.getGauge().getDataPoints(0).getAsDouble());
      assertEquals(Map.of("dataset", "cpg_nodes", "codeanatomy.run_id", "run-wire"),
          attributes(rowGroups.getGauge().getDataPoints(0).getAttributesList()));

      List<Span> spans = receiver.traces.stream()
          .flatMap(request -> request.getResourceSpansList().stream())
          .peek(resourceSpans -> assertEquals("wire-test", serviceName(resourceSpans.getResource())))
          .flatMap(resourceSpans -> resourceSpans.getScopeSpansList().stream())
          .peek(scope -> assertEquals(ScopeName.DATAFUSION, scope.getScope().getName()))
          .flatMap(scope -> scope.getSpansList().stream())
          .toList();
      assertEquals(1, spans.size());
      Span span = spans.get(0);
      assertEquals("datafusion.execute", span.getName());
      Map<String, Object> spanAttributes = attributes(span.getAttributesList());
      assertEquals("datafusion", spanAttributes.get("db.system.name"));
      assertEquals("execute", spanAttributes.get("db.operation.name"));
      assertEquals("cpg_nodes", spanAttributes.get("view_name"));
      assertEquals("run-wire", spanAttributes.get("codeanatomy.run_id"));
      assertEquals("codeanatomy.default", spanAttributes.get("otel.sampling.rule"));
      assertEquals("ok", spanAttributes.get("status"));
      assertEquals("diagnostics.wire", span.getEvents(0).getName());

      List<LogRecord> records = receiver.logs.stream()
          .flatMap(request -> request.getResourceLogsList().stream())
          .flatMap(resourceLogs -> resourceLogs.getScopeLogsList().stream())
          .flatMap(scope -> scope.getLogRecordsList().stream())
          .toList();
      assertEquals(1, records.size());
      LogRecord record = records.get(0);
      assertEquals("diagnostics.wire", record.getBody().getStringValue());
      assertEquals(span.getSpanId(), record.getSpanId());
      assertEquals(Map.of("event.name", "diagnostics.wire", "event.kind", "artifact", "artifact", "cpg_nodes",
          "codeanatomy.run_id", "run-wire"), attributes(record.getAttributesList()));
    }
  }

  private static String serviceName(Resource resource) {
    return (String) attributes(resource.getAttributesList()).get("service.name");
  }

  private static Map<String, Object> attributes(List<KeyValue> keyValues) {
    return keyValues.stream().collect(Collectors.toMap(KeyValue::getKey, keyValue -> value(keyValue.getValue())));
  }

  private static Object value(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      default -> value.toString();
    };
  }
}
