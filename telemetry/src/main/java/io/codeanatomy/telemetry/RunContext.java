package io.codeanatomy.telemetry;

import io.codeanatomy.telemetry.internal.RunIdContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Objects;
import java.util.Optional;

/**
 * The current run id (reference {@code run_context.py}), carried by the OpenTelemetry {@link
 * Context} so it follows the work rather than a thread: metrics get it as {@value
 * AttributeName#RUN_ID}, and so do spans and log records through the bootstrap's processors. Tasks
 * submitted to {@link io.codeanatomy.core.runtime.RuntimeExecutor} inherit it; for other executors
 * use {@link Context#taskWrapping(java.util.concurrent.ExecutorService)} or {@link
 * Context#wrap(Runnable)}.
 *
 * <pre>{@code
 * try (Scope run = RunContext.open(runId)) {
 *   ... everything here, and tasks it submits, reports runId
 * }
 * }</pre>
 */
public final class RunContext {
  private RunContext() {}

  /**
   * Makes {@code runId} current until the returned scope is closed, which restores the previous run
   * id. Scopes must be closed on the thread that opened them, innermost first.
   *
   * @throws IllegalArgumentException if {@code runId} is blank (a blank run id would be dropped)
   */
  public static Scope open(String runId) {
    Objects.requireNonNull(runId, "runId");
    if (runId.isBlank()) {
      throw new IllegalArgumentException("runId must not be blank");
    }
    return RunIdContext.with(Context.current(), runId).makeCurrent();
  }

  /** The run id of the current context. */
  public static Optional<String> current() {
    return Optional.ofNullable(RunIdContext.get(Context.current()));
  }
}
