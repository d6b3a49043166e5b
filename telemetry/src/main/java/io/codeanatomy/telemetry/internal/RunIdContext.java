package io.codeanatomy.telemetry.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/** The run id's slot in the OpenTelemetry {@link Context}, shared by the facade and the processors. */
public final class RunIdContext {
  private static final ContextKey<String> RUN_ID = ContextKey.named("codeanatomy.run_id");

  private RunIdContext() {}

  /** {@code context} with the run id set. */
  public static Context with(Context context, String runId) {
    return context.with(RUN_ID, runId);
  }

  /** The run id of {@code context}, or null. */
  public static String get(Context context) {
    return context.get(RUN_ID);
  }
}
