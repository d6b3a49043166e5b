package io.codeanatomy.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.trace.data.EventData;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosticsEventTest {
  @Test
  void eventBecomesALogRecordWithEventAttributesAndTheRunId() {
    try (TestTelemetry test = TestTelemetry.start()) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("artifact", "cpg_nodes");
      payload.put("status", "ok");
      payload.put("skipped", null);
      payload.put("columns", List.of("id", "kind"));
      payload.put("settings", Map.of("b", 2, "a", 1.5));
      try (Scope run = RunContext.open("run-log")) {
        test.telemetry.emitDiagnosticsEvent("diagnostics.test", payload, Level.WARNING, "artifact");
      }
      List<LogRecordData> records = test.exporters.logs().getFinishedLogRecordItems();
      assertEquals(1, records.size());
      LogRecordData record = records.get(0);
      assertEquals(ScopeName.DIAGNOSTICS, record.getInstrumentationScopeInfo().getName());
      assertEquals("diagnostics.test", record.getBodyValue().asString());
      assertEquals("diagnostics.test", record.getEventName());
      assertEquals(Severity.WARN, record.getSeverity());
      assertEquals("WARNING", record.getSeverityText());
      assertEquals(Map.of(
              "event.name", "diagnostics.test",
              "event.kind", "artifact",
              "artifact", "cpg_nodes",
              "status", "ok",
              "columns", "[\"id\", \"kind\"]",
              "settings", "{\"a\": 1.5, \"b\": 2}",
              "codeanatomy.run_id", "run-log"),
          TestTelemetry.asMap(record.getAttributes()));
    }
  }

  @Test
  void eventAlsoLandsOnTheRecordingSpan() {
    try (TestTelemetry test = TestTelemetry.start()) {
      try (TelemetrySpan span = test.telemetry.startStageSpan("extract.files", "extract", ScopeName.EXTRACT, null)) {
        test.telemetry.emitDiagnosticsEvent("diagnostics.span", Map.of("files", 3), Level.INFO, "artifact");
      }
      EventData event = test.span("extract.files").getEvents().stream()
          .filter(candidate -> candidate.getName().equals("diagnostics.span")).findFirst().orElseThrow();
      assertEquals(Map.of("event.kind", "artifact", "files", 3L), TestTelemetry.asMap(event.getAttributes()));
      LogRecordData record = test.exporters.logs().getFinishedLogRecordItems().get(0);
      assertEquals(test.span("extract.files").getSpanId(), record.getSpanContext().getSpanId());
      assertEquals(Severity.INFO, record.getSeverity());
    }
  }

  @Test
  void logLimitsApplyToLogRecordsOnly() {
    Map<String, String> limits = Map.of(
        "OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT", "1",
        "OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT", "4");
    AttributeNormalizer normalizer = AttributeNormalizer.fromSettings(limits);
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("beta", "zz");
    attributes.put("alpha", "abcdefgh");
    assertEquals(Map.of("alpha", "abcd"), TestTelemetry.asMap(normalizer.normalizeForLog(attributes)));
    assertEquals(Map.of("alpha", "abcdefgh", "beta", "zz"), TestTelemetry.asMap(normalizer.normalize(attributes)));
    try (TestTelemetry test = TestTelemetry.start(limits)) {
      test.telemetry.emitDiagnosticsEvent("diagnostics.limited", Map.of("zeta", "abcdefgh"), Level.DEBUG, null);
      LogRecordData record = test.exporters.logs().getFinishedLogRecordItems().get(0);
      assertEquals(Map.of("event.name", "diag"), TestTelemetry.asMap(record.getAttributes()));
      assertEquals(Severity.DEBUG, record.getSeverity());
    }
  }

  @Test
  void withLogsOffTheEventStillReachesTheSpan() {
    try (TestTelemetry test = TestTelemetry.start(Map.of("OTEL_LOGS_EXPORTER", "none"))) {
      assertTrue(test.providers.loggerProvider().isEmpty());
      try (TelemetrySpan span = test.telemetry.startStageSpan("extract.files", "extract", ScopeName.EXTRACT, null)) {
        test.telemetry.emitDiagnosticsEvent("diagnostics.nolog", Map.of("files", 1), Level.ERROR, null);
      }
      assertTrue(test.exporters.logs().getFinishedLogRecordItems().isEmpty());
      assertTrue(test.span("extract.files").getEvents().stream().anyMatch(event -> event.getName().equals("diagnostics.nolog")));
    }
  }
}
