package io.codeanatomy.telemetry.internal;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.telemetry.ExportConfig.Protocol;
import io.codeanatomy.telemetry.ExportConfig.SignalExport;
import io.codeanatomy.telemetry.OtelConfig;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.logging.LoggingMetricExporter;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.logging.SystemOutLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.DefaultAggregationSelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds the SDK exporter of a signal from its {@link SignalExport}: OTLP over gRPC or HTTP/protobuf,
 * or the SDK's logging exporters. Only called for signals that export ({@code none} never gets here).
 * The OTLP exporters' own self-metrics are off: by default they would look up {@code
 * GlobalOpenTelemetry}, which pins the global instance as a side effect of building.
 */
public final class ExporterFactory {
  private ExporterFactory() {}

  public static SpanExporter spanExporter(SignalExport export) {
    return switch (export.exporter()) {
      case LOGGING -> LoggingSpanExporter.create();
      case OTLP -> build("traces", () -> {
        if (export.protocol() == Protocol.HTTP_PROTOBUF) {
          OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder().setMeterProvider(MeterProvider.noop());
          configure(export, null, builder::setEndpoint, builder::addHeader, builder::setTimeout, builder::setCompression);
          return builder.build();
        }
        OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder().setMeterProvider(MeterProvider.noop());
        configure(export, null, builder::setEndpoint, builder::addHeader, builder::setTimeout, builder::setCompression);
        return builder.build();
      });
      case NONE -> throw new IllegalArgumentException("traces are not exported");
    };
  }

  /**
   * The metric exporter, with the configured temporality preference and default histogram
   * aggregation; its timeout falls back to {@code OTEL_METRIC_EXPORT_TIMEOUT} (the SDK's periodic
   * reader has no timeout of its own).
   */
  public static MetricExporter metricExporter(SignalExport export, OtelConfig config) {
    AggregationTemporalitySelector temporality = config.metricsTemporalityPreference() == AggregationTemporality.DELTA
        ? AggregationTemporalitySelector.deltaPreferred()
        : AggregationTemporalitySelector.alwaysCumulative();
    DefaultAggregationSelector aggregation = config.metricsHistogramAggregation() == null
        ? DefaultAggregationSelector.getDefault()
        : DefaultAggregationSelector.getDefault().with(InstrumentType.HISTOGRAM,
            config.metricsHistogramAggregation().toAggregation());
    Duration fallbackTimeout = Duration.ofMillis(config.metricExportTimeoutMs());
    return switch (export.exporter()) {
      case LOGGING -> LoggingMetricExporter.create(temporality.getAggregationTemporality(InstrumentType.HISTOGRAM));
      case OTLP -> build("metrics", () -> {
        if (export.protocol() == Protocol.HTTP_PROTOBUF) {
          OtlpHttpMetricExporterBuilder builder = OtlpHttpMetricExporter.builder().setMeterProvider(MeterProvider.noop())
              .setAggregationTemporalitySelector(temporality)
              .setDefaultAggregationSelector(aggregation);
          configure(export, fallbackTimeout, builder::setEndpoint, builder::addHeader, builder::setTimeout,
              builder::setCompression);
          return builder.build();
        }
        OtlpGrpcMetricExporterBuilder builder = OtlpGrpcMetricExporter.builder().setMeterProvider(MeterProvider.noop())
            .setAggregationTemporalitySelector(temporality)
            .setDefaultAggregationSelector(aggregation);
        configure(export, fallbackTimeout, builder::setEndpoint, builder::addHeader, builder::setTimeout,
            builder::setCompression);
        return builder.build();
      });
      case NONE -> throw new IllegalArgumentException("metrics are not exported");
    };
  }

  public static LogRecordExporter logRecordExporter(SignalExport export) {
    return switch (export.exporter()) {
      case LOGGING -> SystemOutLogRecordExporter.create();
      case OTLP -> build("logs", () -> {
        if (export.protocol() == Protocol.HTTP_PROTOBUF) {
          OtlpHttpLogRecordExporterBuilder builder = OtlpHttpLogRecordExporter.builder().setMeterProvider(MeterProvider.noop());
          configure(export, null, builder::setEndpoint, builder::addHeader, builder::setTimeout, builder::setCompression);
          return builder.build();
        }
        OtlpGrpcLogRecordExporterBuilder builder = OtlpGrpcLogRecordExporter.builder().setMeterProvider(MeterProvider.noop());
        configure(export, null, builder::setEndpoint, builder::addHeader, builder::setTimeout, builder::setCompression);
        return builder.build();
      });
      case NONE -> throw new IllegalArgumentException("logs are not exported");
    };
  }

  /** The builders share no interface, so their setters come in as method references. */
  private static void configure(SignalExport export, Duration fallbackTimeout,
      Consumer<String> endpoint,
      BiConsumer<String, String> header,
      Consumer<Duration> timeout,
      Consumer<String> compression) {
    if (export.endpoint() != null) {
      endpoint.accept(export.endpoint());
    }
    export.headers().forEach(header);
    Duration effectiveTimeout = export.timeout() != null ? export.timeout() : fallbackTimeout;
    if (effectiveTimeout != null) {
      timeout.accept(effectiveTimeout);
    }
    if (export.compression() != null) {
      compression.accept(export.compression());
    }
  }

  /** The SDK builders validate too (endpoint syntax, compression); their rejections are configuration errors. */
  private static <T> T build(String signal, Supplier<T> factory) {
    try {
      return factory.get();
    } catch (IllegalArgumentException | IllegalStateException rejected) {
      throw new ConfigurationException("invalid OTLP " + signal + " exporter settings: " + rejected.getMessage(), rejected);
    }
  }
}
