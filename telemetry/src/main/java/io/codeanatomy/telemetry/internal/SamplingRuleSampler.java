package io.codeanatomy.telemetry.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Delegates the sampling decision and tags sampled spans with {@code otel.sampling.rule} unless the
 * delegate already set it (reference {@code SamplingRuleSampler}).
 */
public final class SamplingRuleSampler implements Sampler {
  /** The attribute naming the rule that sampled a span. */
  public static final AttributeKey<String> SAMPLING_RULE = AttributeKey.stringKey("otel.sampling.rule");

  private final Sampler delegate;
  private final Attributes ruleAttributes;

  private SamplingRuleSampler(Sampler delegate, String rule) {
    this.delegate = delegate;
    this.ruleAttributes = Attributes.of(SAMPLING_RULE, rule);
  }

  /** {@code wrap_sampler}: {@code base} itself when {@code rule} is null or blank. */
  public static Sampler wrap(Sampler base, String rule) {
    return rule == null || rule.isBlank() ? base : new SamplingRuleSampler(base, rule);
  }

  @Override
  public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
      Attributes attributes, List<LinkData> parentLinks) {
    SamplingResult result = delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    Attributes merged = ruleAttributes.toBuilder().putAll(result.getAttributes()).build();
    return new SamplingResult() {
      @Override
      public SamplingDecision getDecision() {
        return result.getDecision();
      }

      @Override
      public Attributes getAttributes() {
        return merged;
      }

      @Override
      public TraceState getUpdatedTraceState(TraceState parentTraceState) {
        return result.getUpdatedTraceState(parentTraceState);
      }
    };
  }

  @Override
  public String getDescription() {
    return "SamplingRuleSampler(" + delegate.getDescription() + ")";
  }
}
