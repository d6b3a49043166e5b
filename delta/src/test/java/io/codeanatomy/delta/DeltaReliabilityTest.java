package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.count;
import static io.codeanatomy.delta.DeltaTestSupport.rowsSql;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.engine.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent writers and writers that die before committing. */
class DeltaReliabilityTest {
  private static final int THREADS = 8;
  private static final int COMMITS_PER_THREAD = 25;
  private static final int ROWS_PER_COMMIT = 7;

  @TempDir Path dir;

  @Test
  void concurrentAppendsLandExactlyOnce() throws Exception {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("concurrent").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, "SELECT CAST(-1 AS BIGINT) AS id, CAST(0 AS BIGINT) AS writer",
          DeltaWriteOptions.append().build());
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int thread = 0; thread < THREADS; thread++) {
        int writer = thread;
        results.add(pool.submit(() -> {
          List<Long> versions = new ArrayList<>();
          for (int commit = 0; commit < COMMITS_PER_THREAD; commit++) {
            long first = ((long) writer * COMMITS_PER_THREAD + commit) * ROWS_PER_COMMIT;
            String sql = "SELECT value AS id, CAST(" + writer + " AS BIGINT) AS writer FROM generate_series("
                + first + ", " + (first + ROWS_PER_COMMIT - 1) + ")";
            DeltaWriteOptions options = DeltaWriteOptions.append()
                .commitOptions(DeltaCommitOptions.DEFAULT.withMaxRetries(1000)).build();
            versions.add(writeSql(session, table, sql, options).version());
          }
          return versions;
        }));
      }
      Set<Long> versions = new HashSet<>();
      for (Future<List<Long>> result : results) {
        versions.addAll(result.get(5, TimeUnit.MINUTES));
      }
      pool.shutdown();
      int commits = THREADS * COMMITS_PER_THREAD;
      assertEquals(commits, versions.size(), "every commit got its own version");
      assertEquals(commits, table.snapshotInfo().version());
      try (Stream<Path> log = Files.list(table.directory().resolve("_delta_log"))) {
        assertEquals(commits + 1, log.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).count());
      }
      DeltaTables.register(session, "t", table);
      long expectedRows = (long) commits * ROWS_PER_COMMIT;
      assertEquals(expectedRows + 1, count(session, "SELECT count(*) FROM t", allocator));
      assertEquals(expectedRows, count(session, "SELECT count(DISTINCT id) FROM t WHERE id >= 0", allocator));
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void writerKilledBeforeCommitLeavesTableReadable() throws Exception {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("crash").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 20), DeltaWriteOptions.append().build());
      // What a killed writer leaves: data files nobody references and a half-written temporary commit.
      session.execute("COPY (" + rowsSql(100, 50) + ") TO '" + table.directory().resolve("part-orphan.parquet")
          + "' STORED AS PARQUET");
      Files.writeString(table.directory().resolve("_delta_log/.00000000000000000001.json.123.tmp"), "{\"add\":");

      DeltaTables.register(session, "t", table);
      assertEquals(20L, count(session, "SELECT count(*) FROM t", allocator));
      assertEquals(0, table.snapshotInfo().version());
      DeltaOperationReport next = writeSql(session, table, rowsSql(21, 5), DeltaWriteOptions.append().build());
      assertEquals(1, next.version());
      DeltaTables.register(session, "t", table);
      assertEquals(25L, count(session, "SELECT count(*) FROM t", allocator));
      assertTrue(Files.exists(table.directory().resolve("part-orphan.parquet")));
    }
    DeltaTestSupport.closeChecked(allocator);
  }
}
