package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.rowsSql;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.engine.Session;
import io.codeanatomy.telemetry.BootstrapOptions;
import io.codeanatomy.telemetry.OtelProviders;
import io.codeanatomy.telemetry.TelemetryBootstrap;
import io.codeanatomy.telemetry.TestExporters;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delta writes report through the process telemetry: a datafusion.write span and the write duration metric. */
class DeltaTelemetryTest {
  private static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");
  private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("destination");

  @TempDir Path dir;

  @Test
  void writesRecordTheirDurationStatusAndDestination() {
    try (OtelProviders providers = TelemetryBootstrap.configure(
        Map.of("CODEANATOMY_OTEL_TEST_MODE", "true", "OTEL_TRACES_SAMPLER", "always_on"), BootstrapOptions.DEFAULTS)) {
      assertWriteTelemetry(providers.testExporters().orElseThrow());
    } finally {
      GlobalOpenTelemetry.resetForTest();
    }
  }

  private void assertWriteTelemetry(TestExporters exporters) {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 10), DeltaWriteOptions.append().build());
      assertThrows(DeltaException.class, () -> writeSql(session, table, "SELECT 2 AS id, 'x' AS extra",
          DeltaWriteOptions.append().build())); // refused: the schema would change
    }

    List<HistogramPointData> points = exporters.metric("codeanatomy.datafusion.write.duration").orElseThrow()
        .getHistogramData().getPoints().stream()
        .sorted(Comparator.comparing(point -> point.getAttributes().get(STATUS))).toList();
    assertEquals(List.of("error", "ok"), points.stream().map(point -> point.getAttributes().get(STATUS)).toList());
    for (HistogramPointData point : points) {
      assertEquals(1, point.getCount());
      assertEquals(table.uri(), point.getAttributes().get(DESTINATION));
    }
    List<DoublePointData> errors = exporters.metric("codeanatomy.error.count").orElseThrow()
        .getDoubleSumData().getPoints().stream()
        .filter(point -> "DeltaException".equals(point.getAttributes().get(AttributeKey.stringKey("error_type"))))
        .toList();
    assertEquals(1, errors.size());
    assertEquals("datafusion", errors.get(0).getAttributes().get(AttributeKey.stringKey("stage")));

    List<SpanData> spans = exporters.spans().getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals("datafusion.write")).toList();
    assertEquals(2, spans.size(), spans::toString);
    Map<String, String> expected = Map.of("db.system.name", "datafusion", "db.operation.name", "write",
        "destination", table.uri(), "mode", "append", "format", "delta");
    for (SpanData span : spans) {
      expected.forEach((key, value) -> assertEquals(value, span.getAttributes().get(AttributeKey.stringKey(key)), key));
    }
    assertEquals(List.of(StatusCode.UNSET, StatusCode.ERROR),
        spans.stream().map(span -> span.getStatus().getStatusCode()).toList());
  }
}
