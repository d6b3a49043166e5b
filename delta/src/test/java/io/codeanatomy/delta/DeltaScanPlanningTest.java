package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.rows;
import static io.codeanatomy.delta.DeltaTestSupport.rowsSql;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.engine.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query's filters reach Kernel's scan planning (partition pruning and data skipping) for tables
 * registered in a session: files Kernel rules out are not read, and the rows are those of the
 * same query with filters Kernel cannot use.
 */
class DeltaScanPlanningTest {
  @TempDir Path dir;

  /** Three appends of 100 ids each, partitioned by p = id % 3: nine files, each one id range and one p. */
  private DeltaTable nineFiles(Session session) {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    for (int append = 0; append < 3; append++) {
      writeSql(session, table, rowsSql(1 + 100L * append, 100), DeltaWriteOptions.append().partitionBy("p").build());
    }
    return table;
  }

  @Test
  void partitionAndDataFiltersPruneFilesInKernel() {
    BufferAllocator allocator = new RootAllocator();
    try (Session session = Session.open()) {
      DeltaTable table = nineFiles(session);
      DeltaTables.register(session, "t", table);
      assertEquals(Optional.empty(), DeltaTables.lastScan(session, "t"));
      assertEquals(List.of(List.of(300L)), rows(session, "SELECT count(*) FROM t", allocator));
      assertEquals(Optional.empty(), DeltaTables.lastScan(session, "t"), "no filter, no Kernel planning");

      // Each filter against the same one with an expression Kernel cannot plan with (p + 0): same
      // rows, while Kernel planned only the files named.
      assertPruned(session, allocator, "p = 1", "p + 0 = 1", 3);
      assertPruned(session, allocator, "id > 250", "id + 0 > 250", 3);
      assertPruned(session, allocator, "p = 1 AND id BETWEEN 101 AND 150", "p + 0 = 1 AND id + 0 BETWEEN 101 AND 150",
          1);
      assertPruned(session, allocator, "p IN (0, 2) AND id <= 100", "p + 0 IN (0, 2) AND id + 0 <= 100", 2);
      assertPruned(session, allocator, "NOT (p = 1) OR id < 5", "NOT (p + 0 = 1) OR id + 0 < 5", 9);
      assertPruned(session, allocator, "p <> 1 AND (id < 50 OR id > 280)", "p + 0 <> 1 AND (id + 0 < 50 OR id + 0 > 280)",
          4);
      assertPruned(session, allocator, "name IS NULL", "name || '' IS NULL", 0);
      assertPruned(session, allocator, "p IS NOT NULL AND id = 300", "p + 0 IS NOT NULL AND id + 0 = 300", 1);
      // A predicate planned before is answered from the registration's plans, still with its own files.
      assertPruned(session, allocator, "p = 1", "p + 0 = 1", 3);
      assertPruned(session, allocator, "id > 250", "id + 0 > 250", 3);
      // Only the part Kernel can use is planned with; the rest is applied above the scan.
      assertPruned(session, allocator, "p = 2 AND id % 7 = 0", "p + 0 = 2 AND id % 7 = 0", 3);

      DeltaScanReport report = DeltaTables.lastScan(session, "t").orElseThrow();
      assertEquals(9, report.registeredFiles());
      assertTrue(report.predicate().contains("p") && report.predicate().contains("2"), report.predicate());
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  private static void assertPruned(Session session, BufferAllocator allocator, String filter, String unpushable,
      int plannedFiles) {
    String query = "SELECT id, p, name FROM t WHERE %s ORDER BY id";
    List<List<Object>> pruned = rows(session, query.formatted(filter), allocator);
    DeltaScanReport report = DeltaTables.lastScan(session, "t").orElseThrow();
    assertEquals(plannedFiles, report.plannedFiles(), filter + ": " + report);
    assertEquals(rows(session, query.formatted(unpushable), allocator), pruned, filter);
  }

  @Test
  void pinnedFilesAndSqlTablesArePlannedTheSameWay() {
    BufferAllocator allocator = new RootAllocator();
    try (Session session = Session.open()) {
      DeltaTable table = nineFiles(session);
      List<String> pinned = table.addActions(DeltaVersionSpec.latest()).stream()
          .filter(file -> "1".equals(file.partitionValues().get("p")))
          .map(DeltaAddAction::path)
          .toList();
      assertEquals(3, pinned.size());
      DeltaTables.register(session, "pinned", table, DeltaReadOptions.LATEST.withFiles(pinned));
      assertEquals(List.of(List.of(33L)), rows(session, "SELECT count(*) FROM pinned WHERE id > 200", allocator));
      DeltaScanReport report = DeltaTables.lastScan(session, "pinned").orElseThrow();
      assertEquals(3, report.registeredFiles());
      assertEquals(1, report.plannedFiles(), "Kernel's plan never adds files the registration left out");
      assertEquals(List.of(), rows(session, "SELECT id FROM pinned WHERE p = 0", allocator));
      assertEquals(0, DeltaTables.lastScan(session, "pinned").orElseThrow().plannedFiles());

      session.execute("CREATE EXTERNAL TABLE s STORED AS DELTA LOCATION '" + table.uri() + "'");
      assertEquals(List.of(List.of(33L)), rows(session, "SELECT count(*) FROM s WHERE p = 2 AND id < 100", allocator));
      assertEquals(1, DeltaTables.lastScan(session, "s").orElseThrow().plannedFiles());
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void wrappedPartitionValuesAreDictionaryEncodedAndStillPruned() {
    BufferAllocator allocator = new RootAllocator();
    try (Session session = Session.open()) {
      DeltaTable table = nineFiles(session);
      DeltaTables.register(session, "w", table,
          DeltaReadOptions.LATEST.withScan(DeltaScanOptions.DEFAULT.withWrappedPartitionValues(true)));
      DeltaTables.register(session, "t", table);
      assertEquals(List.of(List.of("Dictionary(UInt16, Int64)", "Int64")),
          rows(session, "SELECT arrow_typeof(p), arrow_typeof(id) FROM w LIMIT 1", allocator));
      String query = "SELECT id, CAST(p AS BIGINT), name FROM %s WHERE p = 2 AND id > 150 ORDER BY id";
      List<List<Object>> wrapped = rows(session, query.formatted("w"), allocator);
      assertEquals(rows(session, query.formatted("t"), allocator), wrapped);
      assertEquals(50, wrapped.size());
      assertEquals(2, DeltaTables.lastScan(session, "w").orElseThrow().plannedFiles());
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void kernelPlanningFailuresAreTypedErrors() throws Exception {
    BufferAllocator allocator = new RootAllocator();
    try (Session session = Session.open()) {
      DeltaTable table = nineFiles(session);
      DeltaTables.register(session, "t", table);
      // The log Kernel replays when it plans a scan is damaged after registration.
      Files.writeString(table.directory().resolve("_delta_log").resolve("00000000000000000001.json"), "{not json");

      DeltaException error = assertThrows(DeltaException.class,
          () -> rows(session, "SELECT count(*) FROM t WHERE p = 1", allocator));
      assertEquals(ErrorCode.DELTA_SCAN_PLANNING, error.errorCode());
      assertTrue(error.getMessage().contains(table.directory().toString()), error.getMessage());
      DeltaException cause = assertInstanceOf(DeltaException.class, error.getCause());
      assertEquals(ErrorCode.DELTA_SCAN_PLANNING, cause.errorCode());
      assertTrue(cause.getMessage().contains("version 2"), cause.getMessage());
      assertEquals(List.of(List.of(300L)), rows(session, "SELECT count(*) FROM t", allocator),
          "the files planned at registration are still read when no filter goes to Kernel");
    }
    DeltaTestSupport.closeChecked(allocator);
  }
}
