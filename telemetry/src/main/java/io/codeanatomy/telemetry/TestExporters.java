package io.codeanatomy.telemetry;

import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Optional;

/**
 * The in-memory exporters of test mode ({@code CODEANATOMY_OTEL_TEST_MODE}), fed synchronously.
 * They come from {@code io.opentelemetry:opentelemetry-sdk-testing}, an optional dependency an
 * application that turns test mode on must add itself.
 */
public final class TestExporters {
  /** A class of the optional artifact, probed before this class is loaded (loading it needs the artifact). */
  static final String REQUIRED_CLASS = "io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter";

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();

  TestExporters() {}

  /** Finished spans. */
  public InMemorySpanExporter spans() {
    return spans;
  }

  /** Collects the current metric points on demand. */
  public InMemoryMetricReader metrics() {
    return metrics;
  }

  /** The metric called {@code name} in a fresh collection, if it has points. */
  public Optional<MetricData> metric(String name) {
    return metrics.collectAllMetrics().stream().filter(metric -> metric.getName().equals(name)).findFirst();
  }

  /** Emitted log records. */
  public InMemoryLogRecordExporter logs() {
    return logs;
  }

  SpanProcessor spanProcessor() {
    return SimpleSpanProcessor.create(spans);
  }

  MetricReader metricReader() {
    return metrics;
  }

  LogRecordProcessor logRecordProcessor() {
    return SimpleLogRecordProcessor.create(logs);
  }
}
