package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.count;
import static io.codeanatomy.delta.DeltaTestSupport.rows;
import static io.codeanatomy.delta.DeltaTestSupport.rowsSql;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.engine.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row-level DELETE and UPDATE: copy-on-write of the affected files only, through the commit path. */
class DeltaMutationTest {
  @TempDir Path dir;

  @Test
  void deleteRewritesOnlyFilesWithMatchingRows() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("d").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 30), DeltaWriteOptions.append().partitionBy("p").build()); // 10 rows per p
      Set<String> before = paths(table, 0);

      // ids 3, 6 and 9 are in partition p=0 only: one file is rewritten, the others stay.
      DeltaOperationReport report = table.delete(session, "id <= 10 AND p = 0");
      assertEquals("delete", report.operation());
      assertEquals(1, report.version());
      assertTrue(report.committed());
      assertEquals(1, report.metrics().get("num_removed_files"));
      assertEquals(1, report.metrics().get("num_added_files"));
      assertEquals(3L, report.metrics().get("num_deleted_rows"));
      assertEquals(7L, report.metrics().get("num_copied_rows"));
      assertTrue(report.metrics().keySet().containsAll(List.of("execution_time_ms", "scan_time_ms",
          "rewrite_time_ms")), report.metrics().toString());
      assertEquals(1L, report.payload().get("mutation_version"));

      DeltaCommitInfo commit = table.history(1).get(0);
      assertEquals("DELETE", commit.operation());
      assertEquals("id <= 10 AND p = 0",
          ((Map<?, ?>) commit.commitInfo().get("operationParameters")).get("predicate"));
      assertEquals(3, ((Map<?, ?>) commit.commitInfo().get("operationMetrics")).get("num_deleted_rows"));
      List<String> removed = actionPaths(table, 1, "remove");
      List<String> added = actionPaths(table, 1, "add");
      assertEquals(1, removed.size());
      assertTrue(removed.get(0).startsWith("p=0/"), removed.toString());
      assertTrue(added.get(0).startsWith("p=0/"), added.toString());
      Set<String> after = paths(table, 1);
      Set<String> untouched = new TreeSet<>(before);
      untouched.remove(removed.get(0));
      assertTrue(after.containsAll(untouched), "files without matching rows are kept as they were");

      DeltaTables.register(session, "t", table);
      assertEquals(List.of(List.of(27L, 465L - 3 - 6 - 9)), rows(session, "SELECT count(*), sum(id) FROM t", allocator));
      DeltaTables.register(session, "v0", table, DeltaReadOptions.LATEST.at(DeltaVersionSpec.atVersion(0)));
      assertEquals(List.of(List.of(3L), List.of(6L), List.of(9L)),
          rows(session, "SELECT id FROM v0 WHERE id IN (3, 6, 9) ORDER BY id", allocator),
          "time travel to the pre-delete version still shows the rows");

      DeltaOperationReport none = table.delete(session, "id > 1000");
      assertFalse(none.committed(), "no matching row: nothing to commit");
      assertEquals(1, none.version());
      assertEquals(1, table.snapshotInfo().version());

      DeltaOperationReport all = table.delete(session, null);
      assertEquals(3, all.metrics().get("num_removed_files"));
      assertEquals(0, all.metrics().get("num_added_files"));
      assertEquals(27L, all.metrics().get("num_deleted_rows"));
      DeltaTables.register(session, "t", table);
      assertEquals(0L, count(session, "SELECT count(*) FROM t", allocator));
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void updateAssignsMatchingRowsAndCopiesTheRest() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("u").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 10), DeltaWriteOptions.append().build());
      writeSql(session, table, rowsSql(11, 10), DeltaWriteOptions.append().build()); // a second file, untouched

      DeltaOperationReport report = table.update(session, "id % 2 = 0 AND id <= 10",
          Map.of("name", "upper(name)", "ID", "id * 100"));
      assertEquals("update", report.operation());
      assertEquals(2, report.version());
      assertEquals(5L, report.metrics().get("num_updated_rows"));
      assertEquals(5L, report.metrics().get("num_copied_rows"));
      assertEquals(1, report.metrics().get("num_removed_files"));
      assertEquals(1, report.metrics().get("num_added_files"));
      assertTrue(report.metrics().containsKey("scan_time_ms"));
      assertEquals("UPDATE", table.history(1).get(0).operation());
      assertEquals(1, actionPaths(table, 2, "remove").size());

      DeltaTables.register(session, "t", table);
      assertEquals(List.of(List.of(1L, "n1"), List.of(11L, "n11"), List.of(200L, "N2"), List.of(1000L, "N10")),
          rows(session, "SELECT id, name FROM t WHERE id IN (1, 11, 200, 1000) ORDER BY id", allocator));
      assertEquals(List.of(List.of(20L)), rows(session, "SELECT count(*) FROM t", allocator));

      // A text value for a BIGINT column is parsed when written; a double is cast.
      table.update(session, "id = 1", Map.of("id", "'7'", "p", "2.0"));
      DeltaTables.register(session, "t", table);
      assertEquals(List.of(List.of(7L, 2L)), rows(session, "SELECT id, p FROM t WHERE name = 'n1'", allocator));

      DeltaTables.register(session, "v1", table, DeltaReadOptions.LATEST.at(DeltaVersionSpec.atVersion(1)));
      assertEquals(List.of(List.of(2L, "n2")), rows(session, "SELECT id, name FROM v1 WHERE id = 2", allocator),
          "time travel to the pre-update version still shows the old values");
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void invalidPredicatesAndAssignmentsLeaveTheTableUnchanged() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("bad").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 9), DeltaWriteOptions.append().partitionBy("p").build());
      for (String predicate : List.of("id + 1", "id IN (SELECT 1)", "nope = 1")) {
        DeltaException delete = assertThrows(DeltaException.class, () -> table.delete(session, predicate), predicate);
        assertTrue(delete.getMessage().contains(predicate) && delete.getMessage().contains("version 0")
            && delete.getMessage().contains(table.uri()), delete.getMessage());
        assertThrows(DeltaException.class, () -> table.update(session, predicate, Map.of("name", "'x'")), predicate);
      }
      DeltaException unknown = assertThrows(DeltaException.class,
          () -> table.update(session, "id = 1", Map.of("nope", "1")));
      assertTrue(unknown.getMessage().contains("'nope'") && unknown.getMessage().contains("version 0"),
          unknown.getMessage());
      DeltaException unknownInExpression = assertThrows(DeltaException.class,
          () -> table.update(session, "id = 1", Map.of("id", "missing + 1")));
      assertTrue(unknownInExpression.getMessage().contains("missing"), unknownInExpression.getMessage());
      DeltaException type = assertThrows(DeltaException.class,
          () -> table.update(session, "id = 1", Map.of("id", "make_array(1, 2)")));
      assertTrue(type.getMessage().contains("column 'id'") && type.getMessage().contains("version 0"),
          type.getMessage());
      DeltaException subquery = assertThrows(DeltaException.class,
          () -> table.update(session, "id = 1", Map.of("id", "(SELECT 1)")));
      assertTrue(subquery.getMessage().contains("subquery"), subquery.getMessage());
      DeltaException empty = assertThrows(DeltaException.class, () -> table.update(session, "id = 1", Map.of()));
      assertTrue(empty.getMessage().contains("at least one column assignment"), empty.getMessage());
      // A value that does not parse fails while the rows are written: the written files are removed.
      RuntimeException unparsable = assertThrows(RuntimeException.class,
          () -> table.update(session, "id = 1", Map.of("id", "'abc'")));
      assertTrue(unparsable.getMessage().contains("abc"), unparsable.getClass() + ": " + unparsable.getMessage());

      assertEquals(0, table.snapshotInfo().version(), "nothing was committed");
      assertEquals(3, paths(table, 0).size());
      assertEquals(3, dataFiles(table), "no data file was left behind");
      assertEquals(List.of(), session.tables().stream().filter(t -> t.startsWith("__delta_replace")).toList(),
          "the temporary registration is gone");
      DeltaTables.register(session, "t", table);
      assertEquals(List.of(List.of(9L, 45L)), rows(session, "SELECT count(*), sum(id) FROM t", allocator));
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void filesWithDeletionVectorsAreRewrittenWithTheVectorApplied() throws Exception {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("dv").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 20), DeltaWriteOptions.append().build());
      DeltaAddAction file = table.addActions(DeltaVersionSpec.latest()).get(0);
      DeltaDeletionVectorTest.commitDeletionVector(table, file, new long[] {0, 1, 2}); // ids 1, 2, 3

      DeltaOperationReport report = table.delete(session, "id = 10");
      assertEquals(1L, report.metrics().get("num_deleted_rows"));
      assertEquals(16L, report.metrics().get("num_copied_rows"), "the vector's rows are not copied");
      Map<?, ?> remove = action(table, 2, "remove");
      assertTrue(remove.get("deletionVector") instanceof Map<?, ?>, "the remove carries the file's vector");
      assertFalse(table.addActions(DeltaVersionSpec.latest()).get(0).hasDeletionVector());
      DeltaTables.register(session, "t", table);
      assertEquals(List.of(List.of(16L, 210L - 1 - 2 - 3 - 10)), rows(session, "SELECT count(*), sum(id) FROM t",
          allocator));
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  private static Set<String> paths(DeltaTable table, long version) {
    Set<String> paths = new TreeSet<>();
    table.addActions(DeltaVersionSpec.atVersion(version)).forEach(a -> paths.add(a.path()));
    return paths;
  }

  private static List<String> actionPaths(DeltaTable table, long version, String kind) {
    List<String> paths = new ArrayList<>();
    for (Map<String, Object> action : new io.codeanatomy.delta.internal.CommitLog(table.location())
        .readWinner(version)) {
      if (action.get(kind) instanceof Map<?, ?> fields) {
        paths.add(java.net.URLDecoder.decode(String.valueOf(fields.get("path")), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return paths;
  }

  private static Map<?, ?> action(DeltaTable table, long version, String kind) {
    for (Map<String, Object> action : new io.codeanatomy.delta.internal.CommitLog(table.location())
        .readWinner(version)) {
      if (action.get(kind) instanceof Map<?, ?> fields) {
        return fields;
      }
    }
    throw new AssertionError("no " + kind + " action in version " + version);
  }

  private static long dataFiles(DeltaTable table) {
    try (var files = java.nio.file.Files.walk(table.directory())) {
      return files.filter(f -> f.toString().endsWith(".parquet")).count();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
