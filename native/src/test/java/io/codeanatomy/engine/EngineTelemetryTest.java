package io.codeanatomy.engine;

import static io.codeanatomy.engine.EngineTestSupport.closeChecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.telemetry.BootstrapOptions;
import io.codeanatomy.telemetry.OtelProviders;
import io.codeanatomy.telemetry.TelemetryBootstrap;
import io.codeanatomy.telemetry.TestExporters;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine records its own telemetry: execution durations and spans, errors, scan statistics. */
class EngineTelemetryTest {
  /** Test mode, every span sampled. */
  static final Map<String, String> TEST_SETTINGS =
      Map.of("CODEANATOMY_OTEL_TEST_MODE", "true", "OTEL_TRACES_SAMPLER", "always_on");

  @TempDir Path dir;
  private OtelProviders providers;
  private TestExporters exporters;

  @BeforeEach
  void configure() {
    providers = TelemetryBootstrap.configure(TEST_SETTINGS, BootstrapOptions.DEFAULTS);
    exporters = providers.testExporters().orElseThrow();
  }

  @AfterEach
  void reset() {
    providers.close();
    GlobalOpenTelemetry.resetForTest();
  }

  private MetricData metric(String name) {
    return exporters.metric(name).orElseThrow(() -> new AssertionError("no metric " + name));
  }

  private static List<String> statuses(MetricData metric) {
    return metric.getData().getPoints().stream()
        .map(PointData::getAttributes)
        .map(attributes -> attributes.get(AttributeKey.stringKey("status")))
        .sorted().toList();
  }

  private static double value(PointData point) {
    if (point instanceof LongPointData longPoint) {
      return longPoint.getValue();
    }
    return ((DoublePointData) point).getValue();
  }

  /** A scan gauge's value for {@code dataset}. */
  private static double datasetValue(MetricData gauge, String dataset) {
    return gauge.getData().getPoints().stream()
        .filter(point -> dataset.equals(point.getAttributes().get(AttributeKey.stringKey("dataset"))))
        .mapToDouble(EngineTelemetryTest::value).findFirst()
        .orElseThrow(() -> new AssertionError("no point for " + dataset + " in " + gauge));
  }

  @Test
  void queriesRecordDurationSpansErrorsAndScans() {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    Path parquet = dir.resolve("t.parquet");
    try (Session session = Session.open()) {
      session.execute("COPY (SELECT value FROM generate_series(1, 100)) TO '" + parquet + "' STORED AS PARQUET");
      session.registerFiles("numbers", parquet.toString());
      try (DataFrame frame = session.table("numbers")) {
        assertEquals(List.of(List.of(5050L)), EngineTestSupport.rows(frame.aggregate(List.of(), List.of("sum(value)")), allocator));
      }
      assertThrows(CodeAnatomyException.class, () -> session.execute("SELECT CAST('x' AS INT)")); // fails planning
      assertThrows(CodeAnatomyException.class,
          () -> session.execute("SELECT CAST(column1 AS INT) FROM (VALUES ('1'), ('x'))")); // fails running
    }
    closeChecked(allocator);

    MetricData duration = metric("codeanatomy.datafusion.execute.duration");
    assertEquals("s", duration.getUnit());
    assertEquals(List.of("error", "ok"), statuses(duration));
    MetricData errors = metric("codeanatomy.error.count");
    assertEquals(2.0, errors.getData().getPoints().stream()
        .filter(point -> "datafusion".equals(point.getAttributes().get(AttributeKey.stringKey("stage"))))
        .mapToDouble(EngineTelemetryTest::value).sum(), errors::toString);
    assertEquals(1.0, datasetValue(metric("codeanatomy.scan.fragments"), "numbers"), "one file");
    assertEquals(1.0, datasetValue(metric("codeanatomy.scan.row_groups"), "numbers"), "one row group");

    List<SpanData> spans = exporters.spans().getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals("datafusion.execute")).toList();
    assertTrue(spans.size() >= 4, spans::toString); // COPY, the scan, the two failing casts
    assertTrue(spans.stream().anyMatch(span -> span.getStatus().getStatusCode() == StatusCode.ERROR));
    assertTrue(spans.stream().anyMatch(span -> "numbers".equals(span.getAttributes().get(AttributeKey.stringKey("view_name")))));
  }

  @Test
  void countsAndTextRenderingsAreTimedExecutionsToo() {
    try (Session session = Session.open()) {
      try (DataFrame frame = session.sql("SELECT value FROM generate_series(1, 10)")) {
        assertEquals(10, frame.count());
        assertTrue(frame.toText(TextFormat.CSV).contains("10"));
      }
      try (DataFrame failing = session.sql("SELECT column1 FROM (VALUES ('1'), ('x')) WHERE CAST(column1 AS INT) > 0")) {
        assertThrows(CodeAnatomyException.class, failing::count);
      }
    }

    MetricData duration = metric("codeanatomy.datafusion.execute.duration");
    assertEquals(Map.of("ok", 2L, "error", 1L), duration.getHistogramData().getPoints().stream()
        .collect(Collectors.toMap(point -> point.getAttributes().get(AttributeKey.stringKey("status")),
            HistogramPointData::getCount)));
    List<SpanData> spans = exporters.spans().getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals("datafusion.execute")).toList();
    assertEquals(3, spans.size(), spans::toString);
    assertEquals(1, spans.stream()
        .filter(span -> span.getStatus().getStatusCode() == StatusCode.ERROR).count());
  }
}
