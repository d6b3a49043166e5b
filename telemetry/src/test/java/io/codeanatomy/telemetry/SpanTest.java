package io.codeanatomy.telemetry;

import static io.codeanatomy.telemetry.TestTelemetry.attribute;
import static io.codeanatomy.telemetry.TestTelemetry.pointAttributes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.QueryExecutionException;
import io.codeanatomy.core.error.ErrorCode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpanTest {
  private static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");
  private static final AttributeKey<Double> DURATION = AttributeKey.doubleKey("duration_s");
  private static final AttributeKey<String> PLAN_KIND = AttributeKey.stringKey("plan_kind");

  private TestTelemetry test;
  private Telemetry telemetry;

  @BeforeEach
  void start() {
    test = TestTelemetry.start();
    telemetry = test.telemetry;
  }

  @AfterEach
  void stop() {
    test.close();
  }

  @Test
  void stageSpanCarriesStageEventsDurationAndRecordsTheStageMetric() {
    try (Scope run = RunContext.open("run-s");
        TelemetrySpan span = telemetry.startStageSpan("planning.plan_bundle", "planning", ScopeName.PLANNING,
            Map.of("codeanatomy.plan_kind", "bundle"))) {
      assertTrue(span.span().isRecording());
    }
    SpanData span = test.span("planning.plan_bundle");
    assertEquals(ScopeName.PLANNING, span.getInstrumentationScopeInfo().getName());
    assertEquals("planning", attribute(span, AttributeKey.stringKey("codeanatomy.stage")));
    assertEquals("bundle", attribute(span, AttributeKey.stringKey("codeanatomy.plan_kind")));
    assertEquals("run-s", attribute(span, AttributeKey.stringKey("codeanatomy.run_id")));
    assertEquals("ok", attribute(span, STATUS));
    double duration = attribute(span, DURATION);
    assertTrue(duration >= 0 && duration < 60, "duration_s " + duration);
    List<EventData> events = span.getEvents();
    assertEquals(List.of("stage.start", "stage.end"), events.stream().map(EventData::getName).toList());
    assertEquals(Map.of("stage", "planning"), TestTelemetry.asMap(events.get(0).getAttributes()));
    assertEquals(Map.of("stage", "planning", "status", "ok", "duration_s", duration),
        TestTelemetry.asMap(events.get(1).getAttributes()));
    assertEquals(List.of(Map.of("stage", "planning", "status", "ok", "codeanatomy.run_id", "run-s")),
        pointAttributes(test.metric("codeanatomy.stage.duration")));
  }

  @Test
  void failedStageSpanIsAnErrorWithTheExceptionButCountsNoError() {
    IllegalStateException failure = new IllegalStateException("no input");
    assertThrows(IllegalStateException.class, () -> {
      try (TelemetrySpan span = telemetry.startStageSpan("extract.files", "extract", ScopeName.EXTRACT, null)) {
        span.fail(failure);
        throw failure;
      }
    });
    SpanData span = test.span("extract.files");
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("error", attribute(span, STATUS));
    assertTrue(span.getEvents().stream().anyMatch(event -> event.getName().equals("exception")));
    assertEquals(List.of(Map.of("stage", "extract", "status", "error")),
        pointAttributes(test.metric("codeanatomy.stage.duration")));
    assertTrue(test.metrics().stream().noneMatch(metric -> metric.getName().equals("codeanatomy.error.count")));
  }

  @Test
  void querySpanHasTheDataFusionAttributesAndRecordsTheExecuteMetric() {
    try (TelemetrySpan span = telemetry.startQuerySpan("substrait",
        Map.of("view_name", "cpg_nodes", "plan_fingerprint", "abc123"))) {
      assertTrue(span.span().isRecording());
    }
    SpanData span = test.span("datafusion.execute");
    assertEquals(ScopeName.DATAFUSION, span.getInstrumentationScopeInfo().getName());
    assertEquals(Map.of(
            "db.system.name", "datafusion", "db.operation.name", "execute", "plan_kind", "substrait",
            "view_name", "cpg_nodes", "plan_fingerprint", "abc123", "status", "ok",
            "duration_s", attribute(span, DURATION), "otel.sampling.rule", "codeanatomy.default"),
        TestTelemetry.asMap(span.getAttributes()));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    assertEquals(List.of(Map.of("status", "ok", "plan_kind", "substrait")),
        pointAttributes(test.metric("codeanatomy.datafusion.execute.duration")));
  }

  @Test
  void settingThePlanKindRelabelsTheMetric() {
    try (TelemetrySpan span = telemetry.startQuerySpan("substrait", null)) {
      span.setAttribute("plan_kind", "fallback");
    }
    assertEquals("fallback", attribute(test.span("datafusion.execute"), PLAN_KIND));
    assertEquals(List.of(Map.of("status", "ok", "plan_kind", "fallback")),
        pointAttributes(test.metric("codeanatomy.datafusion.execute.duration")));
  }

  @Test
  void failedQueryCountsAnErrorUnderDatafusionOnce() {
    QueryExecutionException failure = new QueryExecutionException(ErrorCode.EXECUTION, "division by zero", null);
    try (TelemetrySpan span = telemetry.startQuerySpan("substrait", null)) {
      span.fail(failure);
      span.fail(failure);
    }
    SpanData span = test.span("datafusion.execute");
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("error", attribute(span, STATUS));
    EventData exception = span.getEvents().stream().filter(event -> event.getName().equals("exception")).findFirst()
        .orElseThrow();
    assertEquals(QueryExecutionException.class.getName(),
        exception.getAttributes().get(AttributeKey.stringKey("exception.type")));
    assertEquals(List.of(Map.of("status", "error", "plan_kind", "substrait")),
        pointAttributes(test.metric("codeanatomy.datafusion.execute.duration")));
    assertEquals(List.of(Map.of("stage", "datafusion", "error_type", "QueryExecutionException")),
        pointAttributes(test.metric("codeanatomy.error.count")));
    assertEquals(1.0, test.metric("codeanatomy.error.count").getDoubleSumData().getPoints().iterator().next().getValue());
  }

  @Test
  void planCompileAndWriteSpansRecordTheirMetrics() {
    try (TelemetrySpan compile = telemetry.startPlanCompileSpan(Map.of("compute_execution_plan", true))) {
      assertTrue(compile.span().isRecording());
    }
    try (TelemetrySpan write = telemetry.startWriteSpan("s3://bucket/cpg", Map.of("mode", "append", "format", "delta"))) {
      assertTrue(write.span().isRecording());
    }
    SpanData compile = test.span("datafusion.plan.compile");
    assertEquals("plan.compile", attribute(compile, AttributeKey.stringKey("db.operation.name")));
    assertEquals("compile", attribute(compile, PLAN_KIND));
    assertEquals(true, attribute(compile, AttributeKey.booleanKey("compute_execution_plan")));
    SpanData write = test.span("datafusion.write");
    assertEquals("write", attribute(write, AttributeKey.stringKey("db.operation.name")));
    assertEquals("s3://bucket/cpg", attribute(write, AttributeKey.stringKey("destination")));
    assertEquals("append", attribute(write, AttributeKey.stringKey("mode")));
    assertEquals(List.of(Map.of("status", "ok", "plan_kind", "compile")),
        pointAttributes(test.metric("codeanatomy.datafusion.execute.duration")));
    assertEquals(List.of(Map.of("status", "ok", "destination", "s3://bucket/cpg")),
        pointAttributes(test.metric("codeanatomy.datafusion.write.duration")));
  }

  @Test
  void taskSpanUsesTheReferenceHamiltonNamesAndRecordsTheTaskMetric() {
    try (TelemetrySpan span = telemetry.startTaskSpan("scan", "scan_repo_files", null)) {
      span.fail(new IllegalArgumentException("bad path"));
    }
    SpanData span = test.span("hamilton.task");
    assertEquals(ScopeName.HAMILTON, span.getInstrumentationScopeInfo().getName());
    assertEquals("scan", attribute(span, AttributeKey.stringKey("hamilton.task_kind")));
    assertEquals("scan_repo_files", attribute(span, AttributeKey.stringKey("hamilton.task_name")));
    assertEquals(List.of(Map.of("task_kind", "scan", "status", "error")),
        pointAttributes(test.metric("codeanatomy.task.duration")));
    assertEquals(List.of(Map.of("stage", "hamilton", "error_type", "IllegalArgumentException")),
        pointAttributes(test.metric("codeanatomy.error.count")));
  }

  @Test
  void spansNestThroughTheCurrentContext() {
    try (TelemetrySpan stage = telemetry.startStageSpan("cpg.build", "cpg", ScopeName.CPG, null);
        TelemetrySpan query = telemetry.startQuerySpan("substrait", null)) {
      assertTrue(query.span().isRecording());
    }
    SpanData stage = test.span("cpg.build");
    SpanData query = test.span("datafusion.execute");
    assertEquals(stage.getSpanId(), query.getParentSpanId());
    assertEquals(stage.getTraceId(), query.getTraceId());
  }

  @Test
  void spanAttributesAreNormalisedAndRedacted() {
    try (TelemetrySpan span = telemetry.startWriteSpan("delta", Map.of("api_token", "s3cr3t", "partitions", List.of(1, 2)))) {
      span.setAttribute("Authorization", "Bearer x");
      span.setAttribute("options", Map.of("b", 1, "a", "x"));
    }
    SpanData span = test.span("datafusion.write");
    assertEquals("[redacted]", attribute(span, AttributeKey.stringKey("api_token")));
    assertEquals("[redacted]", attribute(span, AttributeKey.stringKey("Authorization")));
    assertEquals(List.of(1L, 2L), attribute(span, AttributeKey.longArrayKey("partitions")));
    assertEquals("{\"a\": \"x\", \"b\": 1}", attribute(span, AttributeKey.stringKey("options")));
  }

  @Test
  void theSamplingRuleIsConfigurable() {
    try (TestTelemetry custom = TestTelemetry.start(Map.of("CODEANATOMY_OTEL_SAMPLING_RULE", "nightly"))) {
      custom.telemetry.startQuerySpan("substrait", null).close();
      assertEquals("nightly", attribute(custom.span("datafusion.execute"), AttributeKey.stringKey("otel.sampling.rule")));
      assertTrue(custom.providers.tracerProvider().orElseThrow().getSampler().getDescription()
          .startsWith("SamplingRuleSampler(AlwaysOnSampler"));
    }
  }

  @Test
  void unsampledSpansStillRecordMetrics() {
    try (TestTelemetry unsampled = TestTelemetry.start(Map.of("OTEL_TRACES_SAMPLER", "always_off"))) {
      try (TelemetrySpan span = unsampled.telemetry.startQuerySpan("substrait", null)) {
        assertFalse(span.span().isRecording());
      }
      assertTrue(unsampled.spans().isEmpty());
      assertEquals(List.of(Map.of("status", "ok", "plan_kind", "substrait")),
          pointAttributes(unsampled.metric("codeanatomy.datafusion.execute.duration")));
    }
  }
}
