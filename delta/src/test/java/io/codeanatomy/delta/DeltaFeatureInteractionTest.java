package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.count;
import static io.codeanatomy.delta.DeltaTestSupport.rows;
import static io.codeanatomy.delta.DeltaTestSupport.rowsSql;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.codeanatomy.engine.Session;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operations built separately (constraints, merge, change data feed, maintenance) on one table. */
class DeltaFeatureInteractionTest {
  @TempDir Path dir;

  @Test
  void constraintsMergeChangeFeedAndOptimizeWorkTogether() throws Exception {
    BufferAllocator allocator = new RootAllocator();
    try (Session session = Session.open()) {
      DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
      writeSql(session, table, rowsSql(1, 20), DeltaWriteOptions.append().partitionBy("p").build()); // v0
      DeltaConstraints.add(table, "positive", "id > 0"); // v1

      session.execute("CREATE VIEW bad AS SELECT * FROM (VALUES (5, 'five'), (-1, 'minus')) AS v(id, name)");
      DeltaMerge violating = DeltaMerge.builder("bad", "target.id = source.id")
          .whenMatchedUpdate(Map.of("name", "source.name"))
          .whenNotMatchedInsert(Map.of("id", "source.id", "name", "source.name", "p", "0"))
          .build();
      DeltaConstraintViolationException rejected = assertThrows(DeltaConstraintViolationException.class,
          () -> violating.execute(session, table));
      assertEquals(List.of("positive"), rejected.report().constraintNames());
      assertEquals(1, table.snapshotInfo().version(), "a rejected merge commits nothing");

      DeltaMaintenance.of(table).enable(DeltaTableFeature.CHANGE_DATA_FEED); // v2
      long enabledAt = table.snapshotInfo().version();
      session.execute("CREATE VIEW good AS SELECT * FROM (VALUES (5, 'five'), (30, 'thirty')) AS v(id, name)");
      DeltaMerge.builder("good", "target.id = source.id")
          .whenMatchedUpdate(Map.of("name", "source.name"))
          .whenNotMatchedInsert(Map.of("id", "source.id", "name", "source.name", "p", "0"))
          .build().execute(session, table);
      table.delete(session, "id = 7");

      DeltaChanges.register(session, "changes", table, DeltaCdfOptions.fromVersion(enabledAt + 1));
      assertEquals(List.of(
              List.of(5L, "five", "update_postimage"),
              List.of(5L, "n5", "update_preimage"),
              List.of(7L, "n7", "delete"),
              List.of(30L, "thirty", "insert")),
          rows(session, "SELECT id, name, _change_type FROM changes ORDER BY id, _change_type", allocator).stream()
              .map(row -> List.of(((Number) row.get(0)).longValue(), String.valueOf(row.get(1)),
                  String.valueOf(row.get(2))))
              .toList());

      long before = table.snapshotInfo().version();
      DeltaMaintenance.of(table).optimize(session, DeltaOptimizeOptions.DEFAULT);
      assertEquals(before + 1, table.snapshotInfo().version());
      DeltaChanges.register(session, "after_optimize", table, DeltaCdfOptions.fromVersion(before + 1));
      assertEquals(0, count(session, "SELECT count(*) FROM after_optimize", allocator),
          "compaction changes no data, so it has no change rows");
      DeltaTables.register(session, "t", table);
      assertEquals(20, count(session, "SELECT count(*) FROM t", allocator));
    }
    DeltaTestSupport.closeChecked(allocator);
  }
}
