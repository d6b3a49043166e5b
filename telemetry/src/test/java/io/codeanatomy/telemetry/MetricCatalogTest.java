package io.codeanatomy.telemetry;

import static io.codeanatomy.telemetry.TestTelemetry.pointAttributes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricCatalogTest {
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

  private void recordOneOfEach() {
    telemetry.recordStageDuration("extract", 12.5, "ok", null);
    telemetry.recordTaskDuration("scan", 7.0, "ok", null);
    telemetry.recordDatafusionDuration(0.02, "ok", "substrait", null);
    telemetry.recordWriteDuration(0.3, "ok", "delta", null);
    telemetry.recordArtifactCount("cpg_nodes", "ok", null);
    telemetry.recordError("datafusion", "QueryExecutionException", null);
    telemetry.setDatasetStats("cpg_nodes", 100, 5);
    telemetry.setScanTelemetry("cpg_nodes", 2, 4);
  }

  @Test
  void everyInstrumentHasTheReferenceNameKindUnitAndDescription() {
    recordOneOfEach();
    for (MetricName expected : MetricName.values()) {
      MetricData metric = test.metric(expected.metricName());
      assertEquals(expected.unit(), metric.getUnit(), expected.metricName());
      assertEquals(expected.description(), metric.getDescription(), expected.metricName());
      assertEquals(ScopeName.OBS, metric.getInstrumentationScopeInfo().getName());
      MetricDataType type = switch (expected.instrument()) {
        case HISTOGRAM -> MetricDataType.HISTOGRAM;
        case COUNTER -> MetricDataType.DOUBLE_SUM;
        case OBSERVABLE_GAUGE -> MetricDataType.DOUBLE_GAUGE;
      };
      assertEquals(type, metric.getType(), expected.metricName());
      if (type == MetricDataType.DOUBLE_SUM) {
        assertTrue(metric.getDoubleSumData().isMonotonic());
      }
    }
  }

  @Test
  void catalogueMatchesTheReferenceTable() {
    assertEquals(List.of(
            "codeanatomy.stage.duration", "codeanatomy.task.duration", "codeanatomy.datafusion.execute.duration",
            "codeanatomy.datafusion.write.duration", "codeanatomy.artifact.count", "codeanatomy.error.count",
            "codeanatomy.dataset.rows", "codeanatomy.dataset.columns", "codeanatomy.scan.row_groups",
            "codeanatomy.scan.fragments"),
        Arrays.stream(MetricName.values()).map(MetricName::metricName).toList());
    assertEquals("Row group counts observed during scans.", MetricName.SCAN_ROW_GROUPS.description());
    assertEquals("Hamilton task execution duration (seconds).", MetricName.TASK_DURATION.description());
  }

  @Test
  void histogramsUseTheReferenceBucketBoundaries() {
    recordOneOfEach();
    for (MetricName histogram : List.of(MetricName.STAGE_DURATION, MetricName.TASK_DURATION,
        MetricName.DATAFUSION_DURATION, MetricName.WRITE_DURATION)) {
      HistogramPointData point = test.metric(histogram.metricName()).getHistogramData().getPoints().iterator().next();
      assertEquals(List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0), point.getBoundaries());
    }
    HistogramPointData stage = test.metric("codeanatomy.stage.duration").getHistogramData().getPoints().iterator().next();
    assertEquals(1, stage.getCount());
    assertEquals(12.5, stage.getSum());
    assertEquals(1, stage.getCounts().get(11), "12.5 s falls in (10, 20]");
  }

  @Test
  void baseAttributesAndRunIdAreRecorded() {
    try (Scope run = RunContext.open("run-1")) {
      telemetry.recordStageDuration("extract", 0.5, "ok", null);
      telemetry.recordDatafusionDuration(0.5, "error", "fallback", null);
      telemetry.recordWriteDuration(0.5, "ok", "s3://bucket/table", null);
      telemetry.recordTaskDuration("scan", 0.5, "ok", null);
      telemetry.recordArtifactCount("cpg_nodes", "ok", null);
      telemetry.recordError("extract", "ValueError", null);
    }
    assertEquals(List.of(Map.of("stage", "extract", "status", "ok", "codeanatomy.run_id", "run-1")),
        pointAttributes(test.metric("codeanatomy.stage.duration")));
    assertEquals(List.of(Map.of("status", "error", "plan_kind", "fallback", "codeanatomy.run_id", "run-1")),
        pointAttributes(test.metric("codeanatomy.datafusion.execute.duration")));
    assertEquals(List.of(Map.of("status", "ok", "destination", "s3://bucket/table", "codeanatomy.run_id", "run-1")),
        pointAttributes(test.metric("codeanatomy.datafusion.write.duration")));
    assertEquals(List.of(Map.of("task_kind", "scan", "status", "ok", "codeanatomy.run_id", "run-1")),
        pointAttributes(test.metric("codeanatomy.task.duration")));
    assertEquals(List.of(Map.of("artifact_kind", "cpg_nodes", "status", "ok", "codeanatomy.run_id", "run-1")),
        pointAttributes(test.metric("codeanatomy.artifact.count")));
    assertEquals(List.of(Map.of("stage", "extract", "error_type", "ValueError", "codeanatomy.run_id", "run-1")),
        pointAttributes(test.metric("codeanatomy.error.count")));
  }

  @Test
  void withoutARunThereIsNoRunIdAttribute() {
    telemetry.recordStageDuration("extract", 0.5, "ok", null);
    assertEquals(List.of(Map.of("stage", "extract", "status", "ok")),
        pointAttributes(test.metric("codeanatomy.stage.duration")));
  }

  @Test
  void viewsDropAttributesOutsideTheAllowList() {
    Map<String, Object> extra = Map.of("artifact.type", "table", "rows", 10, "view_name", "v");
    telemetry.recordStageDuration("extract", 0.5, "ok", extra);
    telemetry.recordTaskDuration("scan", 0.5, "ok", extra);
    telemetry.recordDatafusionDuration(0.5, "ok", "compile", extra);
    telemetry.recordWriteDuration(0.5, "ok", "delta", extra);
    telemetry.recordArtifactCount("cpg_nodes", "ok", extra);
    telemetry.recordError("extract", "ValueError", extra);
    for (MetricName metric : MetricName.values()) {
      metric.viewAttributeKeys().ifPresent(allowed -> {
        for (Map<String, Object> attributes : pointAttributes(test.metric(metric.metricName()))) {
          assertTrue(allowed.containsAll(attributes.keySet()), metric + " kept " + attributes);
          assertEquals(2, attributes.size(), metric + " kept " + attributes);
        }
      });
    }
  }

  @Test
  void callerAttributesReplaceBaseOnesButNeverTheRunId() {
    try (Scope run = RunContext.open("real-run")) {
      telemetry.recordStageDuration("extract", 0.5, "ok", Map.of("status", "error", "codeanatomy.run_id", "forged"));
    }
    assertEquals(List.of(Map.of("stage", "extract", "status", "error", "codeanatomy.run_id", "real-run")),
        pointAttributes(test.metric("codeanatomy.stage.duration")));
  }

  @Test
  void countersAddOnePerCall() {
    telemetry.recordError("datafusion", "QueryExecutionException", null);
    telemetry.recordError("datafusion", "QueryExecutionException", null);
    telemetry.recordError("datafusion", "PlanningException", null);
    assertEquals(Map.of("QueryExecutionException", 2.0, "PlanningException", 1.0),
        valuesBy("codeanatomy.error.count", "error_type"));
  }

  @Test
  void gaugesReportTheLatestValuePerDataset() {
    telemetry.setDatasetStats("cpg_nodes", 100, 5);
    telemetry.setScanTelemetry("cpg_nodes", 2, 4);
    telemetry.setDatasetStats("cpg_nodes", 120, 6);
    telemetry.setDatasetStats("cpg_edges", 7, 3);
    assertEquals(Map.of("cpg_nodes", 120.0, "cpg_edges", 7.0), valuesBy("codeanatomy.dataset.rows", "dataset"));
    assertEquals(Map.of("cpg_nodes", 6.0, "cpg_edges", 3.0), valuesBy("codeanatomy.dataset.columns", "dataset"));
    assertEquals(Map.of("cpg_nodes", 2.0), valuesBy("codeanatomy.scan.fragments", "dataset"));
    assertEquals(Map.of("cpg_nodes", 4.0), valuesBy("codeanatomy.scan.row_groups", "dataset"));
  }

  @Test
  void gaugesCarryTheRunIdSinceTheyHaveNoView() {
    try (Scope run = RunContext.open("run-g")) {
      telemetry.setScanTelemetry("cpg_nodes", 3, 9);
    }
    assertEquals(List.of(Map.of("dataset", "cpg_nodes", "codeanatomy.run_id", "run-g")),
        pointAttributes(test.metric("codeanatomy.scan.row_groups")));
  }

  /** A counter's or gauge's values keyed by one string attribute. */
  private Map<String, Double> valuesBy(String metricName, String key) {
    MetricData metric = test.metric(metricName);
    Collection<DoublePointData> points = metric.getType() == MetricDataType.DOUBLE_SUM
        ? metric.getDoubleSumData().getPoints()
        : metric.getDoubleGaugeData().getPoints();
    return points.stream()
        .collect(Collectors.toMap(point -> point.getAttributes().get(AttributeKey.stringKey(key)), DoublePointData::getValue));
  }

  @Test
  void statusAndTheOtherBaseArgumentsAreRequiredEvenWhenTelemetryIsOff() {
    for (Telemetry facade : List.of(telemetry, Telemetry.disabled())) {
      assertThrows(NullPointerException.class, () -> facade.recordStageDuration("extract", 1, null, null));
      assertThrows(NullPointerException.class, () -> facade.recordTaskDuration("scan", 1, null, null));
      assertThrows(NullPointerException.class, () -> facade.recordDatafusionDuration(1, null, "compile", null));
      assertThrows(NullPointerException.class, () -> facade.recordWriteDuration(1, null, "delta", null));
      assertThrows(NullPointerException.class, () -> facade.recordArtifactCount("kind", null, null));
      assertThrows(NullPointerException.class, () -> facade.recordError(null, "ValueError", null));
      assertThrows(NullPointerException.class, () -> facade.setScanTelemetry(null, 1, 1));
    }
  }

  @Test
  void aFacadeWithoutProvidersHasEverySignalOffAndInertSpans() {
    Telemetry disabled = Telemetry.disabled();
    assertFalse(disabled.metricsEnabled());
    assertFalse(disabled.tracesEnabled());
    assertFalse(disabled.logsEnabled());
    TelemetrySpan span = disabled.startQuerySpan("substrait", Map.of("view_name", "v"));
    assertFalse(span.span().getSpanContext().isValid());
    span.fail(new IllegalStateException("boom"));
    span.close();
  }
}
