package io.codeanatomy.core.runtime;

/**
 * Service-provider hook through which other modules (telemetry) carry thread-bound context, such
 * as the current run id, from the submitting thread into tasks of the {@link RuntimeExecutor}.
 * Implementations are found with {@link java.util.ServiceLoader}.
 */
public interface TaskContextPropagator {
  /**
   * Called on the submitting thread; returns a task that restores the captured context around
   * {@code task} when it runs.
   */
  Runnable wrap(Runnable task);
}
