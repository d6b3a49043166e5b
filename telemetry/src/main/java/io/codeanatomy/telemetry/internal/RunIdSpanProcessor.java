package io.codeanatomy.telemetry.internal;

import io.codeanatomy.telemetry.AttributeName;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/** Stamps every started span with the run id of the context it starts in (reference {@code RunIdSpanProcessor}). */
public final class RunIdSpanProcessor implements SpanProcessor {
  private static final AttributeKey<String> RUN_ID = AttributeKey.stringKey(AttributeName.RUN_ID);

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    String runId = RunIdContext.get(parentContext);
    if (runId != null && !runId.isEmpty()) {
      span.setAttribute(RUN_ID, runId);
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    // Nothing to do when a span ends; isEndRequired() tells the SDK not to call this.
  }

  @Override
  public boolean isEndRequired() {
    return false;
  }
}
