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
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine records its own telemetry: execution durations and spans, errors, scan statistics. */
class EngineTelemetryTest {
  private static final List<String> PROPERTIES = List.of("codeanatomy.otel.test.mode", "otel.traces.sampler");

  @TempDir Path dir;
  private OtelProviders providers;
  private TestExporters exporters;

  @BeforeEach
  void configure() {
    System.setProperty("codeanatomy.otel.test.mode", "true");
    System.setProperty("otel.traces.sampler", "always_on");
    providers = TelemetryBootstrap.configure(BootstrapOptions.DEFAULTS);
    exporters = providers.testExporters().orElseThrow();
  }

  @AfterEach
  void reset() {
    providers.close();
    PROPERTIES.forEach(System::clearProperty);
    GlobalOpenTelemetry.resetForTest();
  }

  private MetricData metric(String name) {
    Collection<MetricData> metrics = exporters.metrics().collectAllMetrics();
    return metrics.stream().filter(m -> m.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " in " + metrics));
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
    MetricData fragments = metric("codeanatomy.scan.fragments");
    assertTrue(fragments.getData().getPoints().stream()
        .anyMatch(point -> value(point) == 1.0 && "numbers".equals(point.getAttributes().get(AttributeKey.stringKey("dataset")))),
        fragments::toString);

    List<SpanData> spans = exporters.spans().getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals("datafusion.execute")).toList();
    assertTrue(spans.size() >= 4, spans::toString); // COPY, the scan, the two failing casts
    assertTrue(spans.stream().anyMatch(span -> span.getStatus().getStatusCode() == io.opentelemetry.api.trace.StatusCode.ERROR));
    assertTrue(spans.stream().anyMatch(span -> "numbers".equals(span.getAttributes().get(AttributeKey.stringKey("view_name")))));
  }
}
