package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.rows;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codeanatomy.engine.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deletes, updates and merges racing appends and each other. Each change touches its own rows, so
 * whatever order the commits land in, the table must end up as the model computed here says: no
 * appended row lost, no deleted row back, no row doubled by two rewrites of one file.
 */
class DeltaMutationConcurrencyTest {
  private static final int BASE_ROWS = 200;
  private static final int ROUNDS = 8;
  private static final int APPENDERS = 2;
  private static final int ROWS_PER_APPEND = 5;

  @TempDir Path dir;

  @Test
  void concurrentMutationsAndAppendsEndAsTheModelSays() throws Exception {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("race").toString());
    Map<Long, String> model = new TreeMap<>();
    try (Session session = Session.open()) {
      String base = "SELECT value AS id, concat('n', value) AS name FROM generate_series(1, " + BASE_ROWS + ")";
      writeSql(session, table, base + " WHERE value <= 100", DeltaWriteOptions.append().build());
      writeSql(session, table, base + " WHERE value > 100", DeltaWriteOptions.append().build());
      for (long id = 1; id <= BASE_ROWS; id++) {
        model.put(id, "n" + id);
      }

      DeltaCommitOptions retries = DeltaCommitOptions.DEFAULT.withMaxRetries(1000);
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int appender = 0; appender < APPENDERS; appender++) {
        long first = 10_000L + appender * 1_000L;
        tasks.add(() -> {
          for (int round = 0; round < ROUNDS; round++) {
            long from = first + (long) round * ROWS_PER_APPEND;
            writeSql(session, table, "SELECT value AS id, 'a' AS name FROM generate_series(" + from + ", "
                + (from + ROWS_PER_APPEND - 1) + ")", DeltaWriteOptions.append().commitOptions(retries).build());
          }
          return null;
        });
        for (int round = 0; round < ROUNDS; round++) {
          long from = first + (long) round * ROWS_PER_APPEND;
          for (long id = from; id < from + ROWS_PER_APPEND; id++) {
            model.put(id, "a");
          }
        }
      }
      tasks.add(() -> {
        for (int round = 0; round < ROUNDS; round++) {
          table.delete(session, "id = " + (1 + 20 * round), retries);
        }
        return null;
      });
      tasks.add(() -> {
        for (int round = 0; round < ROUNDS; round++) {
          table.update(session, "id = " + (2 + 20 * round), Map.of("name", "'u'"), retries);
        }
        return null;
      });
      tasks.add(() -> {
        for (int round = 0; round < ROUNDS; round++) {
          String source = "merge_src_" + round;
          session.execute("CREATE VIEW " + source + " AS SELECT * FROM (VALUES (" + (3 + 20 * round) + ", 'm'), ("
              + (5_000 + round) + ", 'i')) AS v(id, name)");
          DeltaMerge.builder(source, "target.id = source.id").commitOptions(retries)
              .whenMatchedUpdate(Map.of("name", "source.name"))
              .whenNotMatchedInsertAll()
              .build().execute(session, table);
        }
        return null;
      });
      for (int round = 0; round < ROUNDS; round++) {
        model.remove(1L + 20 * round);
        model.put(2L + 20 * round, "u");
        model.put(3L + 20 * round, "m");
        model.put(5_000L + round, "i");
      }

      ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
      List<Future<Void>> results = new ArrayList<>();
      tasks.forEach(task -> results.add(pool.submit(task)));
      for (Future<Void> result : results) {
        result.get(10, TimeUnit.MINUTES);
      }
      pool.shutdown();

      DeltaTables.register(session, "t", table);
      List<List<Object>> expected = new ArrayList<>();
      model.forEach((id, name) -> expected.add(List.of(id, name)));
      assertEquals(expected, rows(session, "SELECT id, name FROM t ORDER BY id, name", allocator));
      assertEquals(1 + APPENDERS * ROUNDS + 3 * ROUNDS, table.snapshotInfo().version(),
          "every append and every change committed exactly once");
    }
    DeltaTestSupport.closeChecked(allocator);
  }
}
