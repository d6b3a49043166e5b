package io.codeanatomy.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Telemetry built by the real bootstrap in test mode: the SDK's in-memory span exporter, metric
 * reader and log exporter behind the production views, processors and sampler.
 */
final class TestTelemetry implements AutoCloseable {
  final OtelProviders providers;
  final Telemetry telemetry;
  final TestExporters exporters;

  private TestTelemetry(OtelProviders providers) {
    this.providers = providers;
    this.telemetry = providers.telemetry();
    this.exporters = providers.testExporters().orElseThrow();
  }

  /** Test mode, every span sampled, plus {@code extraSettings}. */
  static TestTelemetry start(Map<String, String> extraSettings) {
    Map<String, String> settings = new HashMap<>();
    settings.put("CODEANATOMY_OTEL_TEST_MODE", "true");
    settings.put("OTEL_TRACES_SAMPLER", "always_on");
    settings.put("OTEL_SERVICE_NAME", "codeanatomy-tests");
    settings.putAll(extraSettings);
    return new TestTelemetry(TelemetryBootstrap.build(settings, BootstrapOptions.DEFAULTS));
  }

  static TestTelemetry start() {
    return start(Map.of());
  }

  Collection<MetricData> metrics() {
    return exporters.metrics().collectAllMetrics();
  }

  /** The only metric called {@code name} in a fresh collection. */
  MetricData metric(String name) {
    List<MetricData> matching = metrics().stream().filter(metric -> metric.getName().equals(name)).toList();
    assertEquals(1, matching.size(), () -> "metrics named " + name + " in " + metrics());
    return matching.get(0);
  }

  /** The attribute sets of a metric's points, each as a plain key → value map. */
  static List<Map<String, Object>> pointAttributes(MetricData metric) {
    return metric.getData().getPoints().stream().map(PointData::getAttributes).map(TestTelemetry::asMap).toList();
  }

  static Map<String, Object> asMap(Attributes attributes) {
    return attributes.asMap().entrySet().stream()
        .collect(Collectors.toMap(entry -> entry.getKey().getKey(), Map.Entry::getValue));
  }

  List<SpanData> spans() {
    return exporters.spans().getFinishedSpanItems();
  }

  SpanData span(String name) {
    List<SpanData> matching = spans().stream().filter(span -> span.getName().equals(name)).toList();
    assertEquals(1, matching.size(), () -> "spans named " + name + " in " + spans());
    return matching.get(0);
  }

  static <T> T attribute(SpanData span, AttributeKey<T> key) {
    return span.getAttributes().get(key);
  }

  @Override
  public void close() {
    providers.close();
  }
}
