package io.codeanatomy.telemetry.internal;

import io.codeanatomy.core.runtime.TaskContextPropagator;
import io.opentelemetry.context.Context;

/**
 * Carries the submitting thread's OpenTelemetry {@link Context} (run id, current span, baggage)
 * into {@link io.codeanatomy.core.runtime.RuntimeExecutor} tasks. Registered in {@code
 * META-INF/services}.
 */
public final class ContextTaskPropagator implements TaskContextPropagator {
  @Override
  public Runnable wrap(Runnable task) {
    return Context.current().wrap(task);
  }
}
