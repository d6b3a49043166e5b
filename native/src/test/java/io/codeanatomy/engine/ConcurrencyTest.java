package io.codeanatomy.engine;

import static io.codeanatomy.engine.EngineTestSupport.closeChecked;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;

/** Eight threads querying one shared session, and eight threads with a session each. */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int QUERIES_PER_THREAD = 20;

  /** sum(value * k) over 1..n for each k, checked against the closed form. */
  private static void runQueries(Session session, int thread, BufferAllocator allocator) {
    for (int q = 0; q < QUERIES_PER_THREAD; q++) {
      long n = 1_000 + thread * 100L + q;
      long k = thread + 1;
      List<List<Object>> rows = EngineTestSupport.rows(session,
          "SELECT sum(value * " + k + "), count(*) FROM generate_series(1, " + n + ")", allocator);
      assertEquals(List.of(k * n * (n + 1) / 2, n), rows.get(0));
    }
  }

  @Test
  void oneSessionManyThreads() throws Exception {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (Session session = Session.open()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          try (BufferAllocator child = allocator.newChildAllocator("thread-" + thread, 0, Long.MAX_VALUE)) {
            runQueries(session, thread, child);
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    closeChecked(allocator);
  }

  @Test
  void sessionPerThread() throws Exception {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          try (BufferAllocator child = allocator.newChildAllocator("thread-" + thread, 0, Long.MAX_VALUE);
              Session session = Session.open()) {
            session.execute("CREATE TABLE mine AS SELECT " + thread + " AS owner");
            runQueries(session, thread, child);
            assertEquals(List.of(List.of((long) thread)), EngineTestSupport.rows(session, "SELECT owner FROM mine", child));
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    closeChecked(allocator);
  }
}
