package io.codeanatomy.core.runtime;

import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The one shared executor for JVM-side asynchronous work (the native engine has its own runtime).
 * Threads are daemons so an application that forgets to shut it down still exits. Every task is
 * wrapped by the registered {@link TaskContextPropagator}s so thread-bound context travels with it.
 *
 * <p>Size: the system property {@value #THREADS_PROPERTY}, else the number of available processors.
 */
public final class RuntimeExecutor implements Executor {
  public static final String THREADS_PROPERTY = "codeanatomy.executor.threads";

  private static final class Holder {
    static final RuntimeExecutor SHARED = new RuntimeExecutor(configuredThreads());
  }

  private final ExecutorService delegate;
  private final List<TaskContextPropagator> propagators;

  private RuntimeExecutor(int threads) {
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory = runnable -> {
      Thread thread = new Thread(runnable, "codeanatomy-executor-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.delegate = Executors.newFixedThreadPool(threads, factory);
    this.propagators = ServiceLoader.load(TaskContextPropagator.class, RuntimeExecutor.class.getClassLoader())
        .stream().map(ServiceLoader.Provider::get).toList();
  }

  /** The process-wide executor. */
  public static RuntimeExecutor shared() {
    return Holder.SHARED;
  }

  @Override
  public void execute(Runnable task) {
    delegate.execute(propagate(Objects.requireNonNull(task, "task")));
  }

  /** Runs {@code supplier} on the executor. */
  public <T> CompletableFuture<T> supply(Supplier<T> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return CompletableFuture.supplyAsync(supplier, this);
  }

  /** Runs {@code task} on the executor. */
  public CompletableFuture<Void> run(Runnable task) {
    Objects.requireNonNull(task, "task");
    return CompletableFuture.runAsync(task, this);
  }

  private Runnable propagate(Runnable task) {
    Runnable wrapped = task;
    for (TaskContextPropagator propagator : propagators) {
      wrapped = propagator.wrap(wrapped);
    }
    return wrapped;
  }

  static int configuredThreads() {
    String configured = System.getProperty(THREADS_PROPERTY);
    if (configured == null || configured.isBlank()) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int threads = Integer.parseInt(configured.trim());
      if (threads > 0) {
        return threads;
      }
    } catch (NumberFormatException ignored) {
      // fall through to the error below, which names the property
    }
    throw new io.codeanatomy.core.error.ConfigurationException(
        THREADS_PROPERTY + " must be a positive integer, got '" + configured + "'");
  }
}
