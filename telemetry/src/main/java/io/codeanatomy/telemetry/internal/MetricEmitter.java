package io.codeanatomy.telemetry.internal;

import io.codeanatomy.telemetry.AttributeName;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import java.util.Map;

/**
 * The one path every metric recorder goes through (reference {@code _emit_metric}): base
 * attributes, then caller attributes (which may replace base ones), then the current run id (which
 * no caller can replace), each normalised, then handed to the instrument. Base attributes come as
 * key/value arguments rather than a map because this path runs on every record call.
 */
public final class MetricEmitter {
  /** Where a metric value goes: a histogram, a counter or a gauge store. */
  @FunctionalInterface
  public interface MetricSink {
    void record(double value, Attributes attributes);
  }

  private final AttributeNormalization normalization;

  public MetricEmitter(AttributeNormalization normalization) {
    this.normalization = normalization;
  }

  /** Emits with one base attribute. */
  public void emit(MetricSink sink, double value, String baseKey, String baseValue, Map<String, ?> attributes) {
    emit(sink, value, baseKey, baseValue, null, null, attributes);
  }

  /** Emits with two base attributes ({@code secondKey} null for none). */
  public void emit(MetricSink sink, double value, String firstKey, String firstValue, String secondKey,
      String secondValue, Map<String, ?> attributes) {
    AttributesBuilder builder = Attributes.builder();
    normalization.put(builder, firstKey, firstValue);
    if (secondKey != null) {
      normalization.put(builder, secondKey, secondValue);
    }
    normalization.putAll(builder, attributes);
    String runId = RunIdContext.get(Context.current());
    if (runId != null && !runId.isEmpty()) {
      normalization.put(builder, AttributeName.RUN_ID, runId);
    }
    sink.record(value, normalization.build(builder));
  }
}
