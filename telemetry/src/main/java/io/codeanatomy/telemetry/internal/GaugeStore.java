package io.codeanatomy.telemetry.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest value per attribute set of an observable gauge (reference {@code GaugeStore}). Values
 * are never evicted, as in the reference: the attribute sets are datasets (times run ids), a small
 * and slowly growing population.
 */
public final class GaugeStore implements MetricEmitter.MetricSink {
  private final ConcurrentHashMap<Attributes, Double> values = new ConcurrentHashMap<>();

  @Override
  public void record(double value, Attributes attributes) {
    values.put(attributes, value);
  }

  /** The gauge callback: one observation per stored attribute set. */
  public void observe(ObservableDoubleMeasurement measurement) {
    values.forEach((attributes, value) -> measurement.record(value, attributes));
  }
}
