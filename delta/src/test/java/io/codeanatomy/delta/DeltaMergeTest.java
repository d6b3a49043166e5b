package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.rows;
import static io.codeanatomy.delta.DeltaTestSupport.rowsSql;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.engine.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MERGE: every clause kind, copy-on-write of only the affected files, metrics, and refused merges. */
class DeltaMergeTest {
  @TempDir Path dir;

  @Test
  void everyClauseKindAppliesAndOnlyAffectedFilesAreRewritten() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("m").toString());
    try (Session session = Session.open()) {
      // Partitions p=0, 1, 2 of ids 1..30 (one file each), then ids 31..33, one file per partition again.
      writeSql(session, table, rowsSql(1, 30), DeltaWriteOptions.append().partitionBy("p").build());
      writeSql(session, table, rowsSql(31, 3), DeltaWriteOptions.append().build());
      Set<String> before = paths(table);
      // Source: 3 and 6 (p=0) match, 6 is deleted; 40, 41 are new; 9 is new data for p=0 too.
      session.execute("CREATE VIEW src AS SELECT * FROM (VALUES (3, 'three', 1), (6, 'six', 0), (9, 'nine', 1), "
          + "(40, 'forty', 1), (41, 'forty-one', 0)) AS v(id, name, keep)");

      DeltaOperationReport report = DeltaMerge.builder("src", "t.id = s.id")
          .targetAlias("t").sourceAlias("s")
          .whenMatchedDelete("s.keep = 0")
          .whenMatchedUpdate(Map.of("name", "concat(s.name, '!')"))
          .whenNotMatchedInsert("s.keep = 1", Map.of("id", "s.id", "name", "s.name", "p", "s.id % 3"))
          .whenNotMatchedBySourceUpdate("t.id = 31", Map.of("name", "'gone?'"))
          .whenNotMatchedBySourceDelete("t.id IN (32, 33)")
          .build()
          .execute(session, table);

      assertEquals("merge", report.operation());
      assertEquals(2, report.version());
      assertTrue(report.committed());
      Map<String, Object> metrics = report.metrics();
      assertEquals(List.of("num_source_rows", "num_target_rows_inserted", "num_target_rows_updated",
          "num_target_rows_deleted", "num_target_rows_copied", "num_output_rows", "num_target_files_scanned",
          "num_target_files_skipped_during_scan", "num_target_files_added", "num_target_files_removed",
          "execution_time_ms", "scan_time_ms", "rewrite_time_ms"), new ArrayList<>(metrics.keySet()));
      assertEquals(5L, metrics.get("num_source_rows"));
      assertEquals(1L, metrics.get("num_target_rows_inserted"), "41 has keep = 0: no insert clause applies");
      assertEquals(3L, metrics.get("num_target_rows_updated"), "3, 9 and 31");
      assertEquals(3L, metrics.get("num_target_rows_deleted"), "6, 32 and 33");
      assertEquals(6L, metrics.get("num_target_files_scanned"));
      assertEquals(4, metrics.get("num_target_files_removed"), "the first p=0 file and those of 31, 32 and 33");
      assertEquals(9L + 1 + 1, metrics.get("num_output_rows"), "p=0 keeps 9 rows, 31 stays, 40 is new");
      assertEquals(7L, metrics.get("num_target_rows_copied"));

      DeltaCommitInfo commit = table.history(1).get(0);
      assertEquals("MERGE", commit.operation());
      Map<?, ?> parameters = (Map<?, ?>) commit.commitInfo().get("operationParameters");
      assertEquals("t.id = s.id", parameters.get("predicate"));
      assertEquals("[{\"actionType\":\"delete\",\"predicate\":\"s.keep = 0\"},{\"actionType\":\"update\"}]",
          parameters.get("matchedPredicates"));
      assertEquals(3, ((Map<?, ?>) commit.commitInfo().get("operationMetrics")).get("num_target_rows_updated"));
      Set<String> after = paths(table);
      Set<String> kept = new TreeSet<>(before);
      kept.retainAll(after);
      assertEquals(2, kept.size(), "the p=1 and p=2 files hold no affected row and stay");
      assertTrue(kept.stream().noneMatch(path -> path.startsWith("p=0/")), kept.toString());

      DeltaTables.register(session, "t", table);
      assertEquals(List.of(List.of(3L, "three!", 0L), List.of(9L, "nine!", 0L), List.of(31L, "gone?", 1L),
              List.of(40L, "forty", 1L)),
          rows(session, "SELECT id, name, p FROM t WHERE id IN (3, 6, 9, 31, 32, 33, 40, 41) ORDER BY id",
              allocator));
      assertEquals(List.of(List.of(30L + 3 - 3 + 1, 10L + 2)), rows(session,
          "SELECT count(*), count(*) FILTER (WHERE p = 1) FROM t", allocator));
      assertEquals(List.of(List.of("n12")), rows(session, "SELECT name FROM t WHERE id = 12", allocator),
          "copied rows keep their values");
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void insertOnlyMergeAddsFilesAndRemovesNone() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("i").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 10), DeltaWriteOptions.append().build());
      session.execute("CREATE VIEW updates AS " + rowsSql(8, 5)); // 8..10 exist, 11 and 12 are new
      DeltaMerge upsertNew = DeltaMerge.builder("updates", "target.id = source.id").whenNotMatchedInsertAll().build();
      DeltaOperationReport report = upsertNew.execute(session, table);
      assertEquals(2L, report.metrics().get("num_target_rows_inserted"));
      assertEquals(0, report.metrics().get("num_target_files_removed"));
      assertTrue((Integer) report.metrics().get("num_target_files_added") >= 1);
      assertEquals(0L, report.metrics().get("num_target_rows_copied"));
      DeltaTables.register(session, "t", table);
      assertEquals(List.of(List.of(12L, 78L)), rows(session, "SELECT count(*), sum(id) FROM t", allocator));

      DeltaOperationReport again = upsertNew.execute(session, table);
      assertFalse(again.committed(), "every source row matches now: nothing to insert, nothing committed");
      assertEquals(report.version(), again.version());
      assertEquals(report.version(), table.snapshotInfo().version());
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void updateAllAndInsertAllUpsertTheSource() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("u").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 6), DeltaWriteOptions.append().partitionBy("p").build());
      session.execute("CREATE VIEW changes AS SELECT id, p, upper(name) AS name FROM (" + rowsSql(5, 3) + ")");
      DeltaMerge.builder("changes", "target.id = source.id")
          .whenMatchedUpdateAll()
          .whenNotMatchedInsertAll()
          .build()
          .execute(session, table);
      DeltaTables.register(session, "t", table);
      assertEquals(List.of(List.of(4L, "n4"), List.of(5L, "N5"), List.of(6L, "N6"), List.of(7L, "N7")),
          rows(session, "SELECT id, name FROM t WHERE id >= 4 ORDER BY id", allocator));
      assertEquals(List.of(List.of(7L)), rows(session, "SELECT count(*) FROM t", allocator));
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void filesWithDeletionVectorsAreRewrittenWithTheVectorApplied() throws Exception {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("dv").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 10), DeltaWriteOptions.append().build());
      DeltaDeletionVectorTest.commitDeletionVector(table, table.addActions(DeltaVersionSpec.latest()).get(0),
          new long[] {0, 1}); // ids 1 and 2 are deleted by the vector
      session.execute("CREATE VIEW src AS SELECT 5 AS id");
      DeltaOperationReport report = DeltaMerge.builder("src", "target.id = source.id")
          .whenMatchedUpdate(Map.of("name", "'five'"))
          .build()
          .execute(session, table);
      assertEquals(7L, report.metrics().get("num_target_rows_copied"), "the vector's rows are not copied");
      assertTrue(table.addActions(DeltaVersionSpec.latest()).stream().noneMatch(DeltaAddAction::hasDeletionVector));
      DeltaTables.register(session, "t", table);
      assertEquals(List.of(List.of(8L, 55L - 1 - 2, 1L)), rows(session,
          "SELECT count(*), sum(id), count(*) FILTER (WHERE name = 'five') FROM t", allocator));
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void invalidMergesFailClearlyAndLeaveTheTableUnchanged() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("bad").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 10), DeltaWriteOptions.append().build());
      session.execute("CREATE VIEW src AS SELECT * FROM (VALUES (1, 'a', 0), (1, 'b', 0), (50, 'c', 0)) AS v(id, "
          + "name, extra)");
      long version = table.snapshotInfo().version();

      assertFails(table, version, "source table 'missing' does not resolve", () -> DeltaMerge.builder("missing",
          "target.id = source.id").whenMatchedDelete().build().execute(session, table));
      assertFails(table, version, "has no column 'nope'", () -> DeltaMerge.builder("src", "target.id = source.id")
          .whenNotMatchedInsert(Map.of("nope", "source.id")).build().execute(session, table));
      assertFails(table, version, "merge predicate 'target.id = source.missing' does not apply", () -> DeltaMerge
          .builder("src", "target.id = source.missing").whenMatchedDelete().build().execute(session, table));
      assertFails(table, version, "is not boolean", () -> DeltaMerge.builder("src", "target.id + source.id")
          .whenMatchedDelete().build().execute(session, table));
      assertFails(table, version, "which column 'id' of type Int(64, true) cannot take", () -> DeltaMerge
          .builder("src", "target.id = source.id").whenMatchedUpdate(Map.of("id", "make_array(1)")).build()
          .execute(session, table));
      assertFails(table, version, "NOT_MATCHED_INSERT clause condition 'target.id > 1' does not apply", () ->
          DeltaMerge.builder("src", "target.id = source.id").whenNotMatchedInsert("target.id > 1",
              Map.of("id", "source.id")).build().execute(session, table));
      assertFails(table, version, "more than one row of source 'src' matches", () -> DeltaMerge
          .builder("src", "target.id = source.id").whenMatchedUpdate(Map.of("name", "source.name")).build()
          .execute(session, table));
      assertFails(table, version, "sets every source column, but Delta table " + table.uri() + " at version "
          + version + " has no column 'extra'",
          () -> DeltaMerge.builder("src", "target.id = source.id").whenNotMatchedInsertAll().build()
              .execute(session, table));
      assertFails(table, version, "can never apply", () -> DeltaMerge.builder("src", "target.id = source.id")
          .whenMatchedDelete().whenMatchedUpdate("source.id > 3", Map.of("name", "'x'")).build());
      assertFails(table, version, "at least one", () -> DeltaMerge.builder("src", "target.id = source.id").build());
      assertFails(table, version, "share the alias", () -> DeltaMerge.builder("src", "a.id = a.id")
          .sourceAlias("a").targetAlias("A").whenMatchedDelete().build());

      // A target row matched twice is fine when no clause changes it.
      DeltaOperationReport untouched = DeltaMerge.builder("src", "target.id = source.id")
          .whenMatchedDelete("source.name = 'zzz'").build().execute(session, table);
      assertFalse(untouched.committed());
      assertEquals(version, table.snapshotInfo().version());
    }
  }

  @Test
  void sqlMergeIntoARegisteredDeltaTable() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("sql").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 6), DeltaWriteOptions.append().partitionBy("p").build());
      session.execute("CREATE EXTERNAL TABLE t STORED AS DELTA LOCATION '" + table.directory() + "'");
      session.execute("CREATE VIEW changes AS SELECT * FROM (VALUES (1, 'one'), (2, NULL), (9, 'nine')) "
          + "AS v(id, name)");
      assertEquals(List.of(List.of(4L)), rows(session, "MERGE INTO t USING changes AS c ON t.id = c.id "
          + "WHEN MATCHED AND c.name IS NULL THEN DELETE "
          + "WHEN MATCHED THEN UPDATE SET name = c.name "
          + "WHEN NOT MATCHED THEN INSERT (id, p, name) VALUES (c.id, c.id % 3, c.name) "
          + "WHEN NOT MATCHED BY SOURCE AND t.id = 6 THEN DELETE", allocator), "1 updated, 2 and 6 deleted, 9 new");
      assertEquals("MERGE", table.history(1).get(0).operation());
      assertEquals(List.of(List.of(1L, "one"), List.of(3L, "n3"), List.of(4L, "n4"), List.of(5L, "n5"),
          List.of(9L, "nine")), rows(session, "SELECT id, name FROM t ORDER BY id", allocator),
          "the table name is registered at the new version");

      assertEquals(List.of(List.of(1L)), rows(session, "MERGE INTO t USING (SELECT 10 AS id) AS s ON t.id = s.id "
          + "WHEN NOT MATCHED THEN INSERT VALUES (s.id, 1, 'ten')", allocator), "a subquery source, all columns");
      assertEquals(List.of(List.of(1L, "ten")), rows(session, "SELECT p, name FROM t WHERE id = 10", allocator));

      long version = table.snapshotInfo().version();
      DeltaException wrongArity = assertThrows(DeltaException.class, () -> session.execute("MERGE INTO t USING "
          + "changes AS c ON t.id = c.id WHEN NOT MATCHED THEN INSERT (id) VALUES (c.id, c.name)"));
      assertTrue(wrongArity.getMessage().contains("INSERT gives 2 values for 1 columns"), wrongArity.getMessage());
      assertEquals(version, table.snapshotInfo().version());
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  private static void assertFails(DeltaTable table, long version, String message, Supplier<Object> merge) {
    DeltaException e = assertThrows(DeltaException.class, merge::get);
    assertEquals(ErrorCode.DELTA_TABLE, e.errorCode());
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertEquals(version, table.snapshotInfo().version(), "a refused merge commits nothing");
  }

  private static Set<String> paths(DeltaTable table) {
    Set<String> paths = new TreeSet<>();
    table.addActions(DeltaVersionSpec.latest()).forEach(action -> paths.add(action.path()));
    return paths;
  }
}
