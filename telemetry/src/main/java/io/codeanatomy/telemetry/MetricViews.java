package io.codeanatomy.telemetry;

import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.ExplicitBucketHistogramOptions;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.ViewBuilder;
import java.util.List;

/**
 * The catalogue's metric views (reference {@code metric_views()}), installed on every meter provider
 * the bootstrap builds: the four duration histograms get the reference bucket boundaries, and every
 * metric with a view keeps only its {@link MetricName#viewAttributeKeys() allowed attributes}, so
 * extra caller attributes never reach an exporter. Gauges have no view.
 */
public final class MetricViews {
  /** Explicit histogram bucket boundaries, in seconds. */
  public static final List<Double> BUCKET_BOUNDARIES_SECONDS =
      List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0);

  private MetricViews() {}

  /** Registers the views on {@code builder} and returns it. */
  public static SdkMeterProviderBuilder register(SdkMeterProviderBuilder builder) {
    for (MetricName metric : MetricName.values()) {
      metric.viewAttributeKeys().ifPresent(keys -> {
        ViewBuilder view = View.builder().setAttributeFilter(keys);
        if (metric.instrument() == MetricName.Instrument.HISTOGRAM) {
          view.setAggregation(Aggregation.explicitBucketHistogram(
              ExplicitBucketHistogramOptions.builder().setBucketBoundaries(BUCKET_BOUNDARIES_SECONDS).build()));
        }
        builder.registerView(InstrumentSelector.builder().setName(metric.metricName()).build(), view.build());
      });
    }
    return builder;
  }
}
