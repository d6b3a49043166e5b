package io.codeanatomy.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.ConfigurationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared JVM-side executor: one instance, daemon workers, and a size that is validated. */
class RuntimeExecutorTest {
  @AfterEach
  void clearProperty() {
    System.clearProperty(RuntimeExecutor.THREADS_PROPERTY);
  }

  @Test
  void tasksRunOnSharedDaemonWorkers() throws Exception {
    assertSame(RuntimeExecutor.shared(), RuntimeExecutor.shared());
    Thread worker = RuntimeExecutor.shared().supply(Thread::currentThread).get(30, TimeUnit.SECONDS);
    assertTrue(worker.isDaemon(), "workers must not keep the JVM alive");
    assertTrue(worker.getName().startsWith("codeanatomy-executor-"), worker.getName());
    assertTrue(worker != Thread.currentThread());
  }

  @Test
  void sizeComesFromThePropertyOrTheProcessorCount() {
    assertEquals(Runtime.getRuntime().availableProcessors(), RuntimeExecutor.configuredThreads());
    System.setProperty(RuntimeExecutor.THREADS_PROPERTY, " 3 ");
    assertEquals(3, RuntimeExecutor.configuredThreads());
    for (String bad : new String[] {"0", "-2", "many"}) {
      System.setProperty(RuntimeExecutor.THREADS_PROPERTY, bad);
      ConfigurationException error = assertThrows(ConfigurationException.class, RuntimeExecutor::configuredThreads);
      assertTrue(error.getMessage().startsWith(RuntimeExecutor.THREADS_PROPERTY), error.getMessage());
    }
  }
}
