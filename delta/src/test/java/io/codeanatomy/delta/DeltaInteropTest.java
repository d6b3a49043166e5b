package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.rowsSql;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables written here read back identically through delta-rs, and tables delta-rs writes read back
 * identically here, at every version. delta-rs runs from {@code delta/interop/.venv} (created on
 * first use with {@code pip install deltalake pyarrow}); skipped only when python3 is absent.
 */
class DeltaInteropTest {
  private static final Path SCRIPT = Path.of("interop", "ensure_venv.sh").toAbsolutePath();

  @TempDir Path dir;

  @BeforeAll
  static void requirePython() {
    boolean python;
    try {
      python = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      python = false;
    }
    Assumptions.assumeTrue(python, "python3 is not installed: the delta-rs interoperability suite cannot run");
  }

  @Test
  void tablesWrittenHereReadBackThroughDeltaRs() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("ours").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 100), DeltaWriteOptions.append().partitionBy("p").build());
      writeSql(session, table, rowsSql(101, 50), DeltaWriteOptions.append().build());
      writeSql(session, table, rowsSql(1000, 10), DeltaWriteOptions.overwrite().build());
      writeSql(session, table, rowsSql(2000, 5), DeltaWriteOptions.append().build());
      writeSql(session, table, rowsSql(2003, 4), DeltaWriteOptions.overwrite().replaceWhere("id >= 2003").build());
      table.checkpoint();
    }
    assertSameAtEveryVersion(table, 5);
  }

  @Test
  void tablesDeltaRsWritesReadBackHere() throws Exception {
    Path path = dir.resolve("theirs");
    run("write", path.toString());
    assertSameAtEveryVersion(DeltaTable.open(path.toString()), 4);
  }

  @Test
  void sqlInsertsIntoADeltaRsTableReadBackThroughDeltaRs() throws Exception {
    Path path = dir.resolve("theirs-sql");
    run("write", path.toString()); // versions 0-3, with a checkpoint
    try (Session session = Session.open()) {
      session.execute("CREATE EXTERNAL TABLE theirs STORED AS DELTA LOCATION '" + path + "'");
      assertEquals(1L, session.execute("INSERT INTO theirs SELECT value AS id, value % 3 AS p, concat('s', value) "
          + "AS name FROM generate_series(3000, 3006)"), "INSERT returns one count row");
      session.execute("INSERT OVERWRITE theirs SELECT * FROM theirs WHERE id >= 2000");
    }
    assertSameAtEveryVersion(DeltaTable.open(path.toString()), 6);
  }

  @Test
  void rowsOurDeleteAndUpdateLeaveReadBackThroughDeltaRs() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("mutated").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 60), DeltaWriteOptions.append().partitionBy("p").build());
      writeSql(session, table, rowsSql(61, 20), DeltaWriteOptions.append().build());
      table.delete(session, "id % 5 = 0 AND id > 30");
      table.update(session, "p = 2 AND id < 70", java.util.Map.of("name", "concat(name, '-u')", "p", "p + 10"));
      table.delete(session, null);
    }
    assertSameAtEveryVersion(table, 5);
  }

  @Test
  void sqlDeleteAndUpdateOnADeltaRsTableReadBackThroughDeltaRs() throws Exception {
    Path path = dir.resolve("theirs-mutated");
    run("write", path.toString()); // versions 0-3, with a checkpoint
    try (Session session = Session.open()) {
      session.execute("CREATE EXTERNAL TABLE theirs STORED AS DELTA LOCATION '" + path + "'");
      assertEquals(1L, session.execute("DELETE FROM theirs WHERE id IN (1000, 1001, 2004)"));
      assertEquals(1L, session.execute("UPDATE theirs SET name = upper(name) WHERE p <> 1"));
    }
    assertSameAtEveryVersion(DeltaTable.open(path.toString()), 6);
  }

  @Test
  void rowsDeltaRsDeletesAndUpdatesReadBackHere() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("theirs-dml").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 40), DeltaWriteOptions.append().partitionBy("p").build());
    }
    run("mutate", table.directory().toString());
    assertEquals("UPDATE", table.history(1).get(0).operation());
    assertSameAtEveryVersion(table, 3);
  }

  @Test
  void commitsDeltaRsMakesAfterARegistrationAreSeenByTheNextOne() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("theirs-after-registration").toString());
    BufferAllocator allocator = new RootAllocator();
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 40), DeltaWriteOptions.append().partitionBy("p").build());
      writeSql(session, table, rowsSql(41, 20), DeltaWriteOptions.append().build());
      assertEquals(1, DeltaTables.register(session, "t", table).snapshot().version());
      String sorted = "SELECT id, p, name FROM t ORDER BY id, name";
      List<List<Object>> atOne = DeltaTestSupport.rows(session, sorted, allocator);

      run("mutate", table.directory().toString()); // delete and update: versions 2-3
      assertEquals(3, DeltaTables.register(session, "t", table).snapshot().version());
      assertSameAtEveryVersion(table, 4);

      run("maintain", table.directory().toString()); // compaction, z-order, restore to 1, vacuum
      long latest;
      try (var log = Files.list(table.directory().resolve("_delta_log"))) {
        latest = log.map(file -> file.getFileName().toString()).filter(name -> name.matches("\\d{20}\\.json"))
            .mapToLong(name -> Long.parseLong(name.substring(0, 20))).max().orElseThrow();
      }
      assertTrue(latest > 4, "delta-rs committed its maintenance");
      assertEquals(latest, DeltaTables.register(session, "t", table).snapshot().version());
      assertEquals(atOne, DeltaTestSupport.rows(session, sorted, allocator), "restored to version 1's rows");
      assertSameFromVersion(table, (int) latest - 2, (int) latest + 1);
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void tablesOurMaintenanceLeavesReadBackThroughDeltaRs() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("maintained").toString());
    long restoredAt;
    try (Session session = Session.open()) {
      for (int i = 0; i < 4; i++) {
        writeSql(session, table, rowsSql(1 + i * 25L, 25), DeltaWriteOptions.append().partitionBy("p").build());
      }
      table.delete(session, "id % 7 = 0");
      DeltaMaintenance maintenance = DeltaMaintenance.of(table);
      maintenance.optimize(session, DeltaOptimizeOptions.DEFAULT); // version 5
      maintenance.optimize(session, DeltaOptimizeOptions.builder().zOrderBy("id", "name").build());
      maintenance.enable(DeltaTableFeature.CHANGE_DATA_FEED);
      restoredAt = maintenance.restore(DeltaVersionSpec.atVersion(2)).version();
      writeSql(session, table, rowsSql(500, 10), DeltaWriteOptions.append().build());
      maintenance.optimize(session, DeltaOptimizeOptions.DEFAULT);
    }
    // Vacuum with the retention ending just before the restore: versions from the one it replaced on are kept.
    long cutoff = table.history(20).stream().filter(c -> c.version() == restoredAt).findFirst().orElseThrow()
        .timestamp() - 1;
    DeltaVacuumResult vacuum = DeltaMaintenance.of(table, () -> cutoff + 3_600_000L).vacuum(DeltaVacuumOptions
        .builder().retentionHours(1).enforceRetentionDuration(false).dryRun(false).build());
    assertTrue(!vacuum.files().isEmpty(), "files only versions before the cutoff needed were deleted");
    assertSameFromVersion(table, (int) restoredAt - 1, (int) table.snapshotInfo().version() + 1);
  }

  @Test
  void tablesDeltaRsMaintainsReadBackHere() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("theirs-maintained").toString());
    try (Session session = Session.open()) {
      for (int i = 0; i < 3; i++) {
        writeSql(session, table, rowsSql(1 + i * 20L, 20), DeltaWriteOptions.append().partitionBy("p").build());
      }
      table.delete(session, "id % 3 = 0");
    }
    run("maintain", table.directory().toString()); // compaction, z-order, restore, vacuum: versions 4-8
    List<String> operations = table.history(5).stream().map(DeltaCommitInfo::operation).toList();
    assertEquals(List.of("VACUUM END", "VACUUM START", "RESTORE"), operations.subList(0, 3));
    int latest = (int) table.snapshotInfo().version();
    assertSameFromVersion(table, latest - 2, latest + 1);
  }

  @Test
  void constraintsAddedHereAreEnforcedByDeltaRs() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("constrained").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 10), DeltaWriteOptions.append().partitionBy("p").build());
    }
    DeltaConstraints.add(table, "positive", "id > 0"); // version 1
    table.checkpoint(); // delta-rs finds the constraint in our checkpoint
    assertTrue(Files.exists(table.directory().resolve("_delta_log/00000000000000000001.checkpoint.parquet")));
    Path out = dir.resolve("enforce.json");
    run("enforce", table.directory().toString(), out.toString());
    JsonNode result = new ObjectMapper().readTree(Files.readString(out, StandardCharsets.UTF_8));
    assertTrue(result.get("rejected").asBoolean(), "delta-rs must refuse id -5: " + result);
    assertEquals(2, result.get("version").asInt(), "only delta-rs's valid append committed");
    assertEquals("id > 0", result.get("constraints").get("delta.constraints.positive").asText());
    assertSameAtEveryVersion(table, 3);
  }

  @Test
  void constraintsDeltaRsAddsAreEnforcedHere() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("theirs-constrained").toString());
    run("constrain", table.directory().toString()); // versions 0-1
    assertEquals(java.util.Map.of("rs_positive", "id > 0"), DeltaConstraints.list(table));
    try (Session session = Session.open()) {
      DeltaConstraintViolationException rejected = assertThrows(DeltaConstraintViolationException.class,
          () -> writeSql(session, table, rowsSql(-3, 2), DeltaWriteOptions.append().build()));
      assertEquals(List.of("rs_positive"), rejected.report().constraintNames());
      assertThrows(DeltaConstraintViolationException.class,
          () -> table.update(session, "id = 1", java.util.Map.of("id", "0")));
      writeSql(session, table, rowsSql(100, 5), DeltaWriteOptions.append().build()); // version 2
    }
    assertEquals(2, table.snapshotInfo().version());
    assertSameAtEveryVersion(table, 3);
  }

  @Test
  void rowsOurMergeLeavesReadBackThroughDeltaRs() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("merged").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 60), DeltaWriteOptions.append().partitionBy("p").build());
      writeSql(session, table, rowsSql(61, 20), DeltaWriteOptions.append().build());
      session.execute("CREATE VIEW src AS SELECT value AS id, concat('m', value) AS name FROM generate_series(50, 99)");
      DeltaMerge.builder("src", "t.id = s.id").targetAlias("t").sourceAlias("s")
          .whenMatchedDelete("t.id % 7 = 0")
          .whenMatchedUpdate(java.util.Map.of("name", "s.name"))
          .whenNotMatchedInsert(java.util.Map.of("id", "s.id", "name", "s.name", "p", "s.id % 3"))
          .whenNotMatchedBySourceUpdate("t.id < 5", java.util.Map.of("name", "'old'"))
          .whenNotMatchedBySourceDelete("t.id % 11 = 0")
          .build().execute(session, table);
      session.execute("CREATE VIEW more AS SELECT id + 1000 AS id, id % 3 AS p, name FROM src");
      DeltaMerge.builder("more", "t.id = s.id").targetAlias("t").sourceAlias("s")
          .whenNotMatchedInsertAll("s.id < 1053").build().execute(session, table); // an insert-only merge
    }
    assertSameAtEveryVersion(table, 4);
  }

  @Test
  void rowsDeltaRsMergeLeavesReadBackHere() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("theirs-merge").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 30), DeltaWriteOptions.append().partitionBy("p").build());
    }
    run("merge", table.directory().toString());
    assertEquals("MERGE", table.history(1).get(0).operation());
    assertSameAtEveryVersion(table, 2);
  }

  @Test
  void deltaRsReadsTheChangeDataFeedWeWrite() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("cdf-ours").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 30), DeltaWriteOptions.append().partitionBy("p")
          .tableProperties(java.util.Map.of("delta.enableChangeDataFeed", "true")).build());
      table.delete(session, "id % 7 = 0");
      table.update(session, "id < 5", java.util.Map.of("name", "upper(name)"));
      writeSql(session, table, rowsSql(40, 4), DeltaWriteOptions.append().build());
      session.execute("CREATE VIEW src AS SELECT value AS id, concat('m', value) AS name FROM generate_series(1, 3) "
          + "UNION ALL SELECT 50 AS id, 'm50' AS name");
      DeltaMerge.builder("src", "t.id = s.id").targetAlias("t").sourceAlias("s")
          .whenMatchedDelete("s.id = 2")
          .whenMatchedUpdate(java.util.Map.of("name", "s.name"))
          .whenNotMatchedInsert(java.util.Map.of("id", "s.id", "name", "s.name", "p", "s.id % 3"))
          .whenNotMatchedBySourceUpdate("t.id = 40", java.util.Map.of("name", "'old'"))
          .build().execute(session, table);
      writeSql(session, table, rowsSql(41, 3), DeltaWriteOptions.overwrite().replaceWhere("id >= 41").build());
    }
    assertSameChanges(table);
  }

  @Test
  void theChangeDataFeedDeltaRsWritesReadsTheSameHere() throws Exception {
    Path path = dir.resolve("cdf-theirs");
    run("cdf-write", path.toString());
    DeltaTable table = DeltaTable.open(path.toString());
    assertSameChanges(table);
    try (Session session = Session.open()) {
      table.update(session, "id = 7", java.util.Map.of("name", "'seven'")); // our change files on their table
    }
    assertSameChanges(table);
  }

  @Test
  void columnMappedTablesDeltaRsWritesReadBackWithLogicalNames() throws Exception {
    for (String mode : List.of("name", "id")) {
      Path path = dir.resolve("mapped-" + mode);
      run("columnmap", path.toString(), mode);
      DeltaTable table = DeltaTable.open(path.toString());
      assertEquals(mode, table.snapshotInfo().tableProperties().get("delta.columnMapping.mode"));
      assertSameAtEveryVersion(table, 4);

      BufferAllocator allocator = new RootAllocator();
      try (Session session = Session.open()) {
        DeltaTables.register(session, "m", table);
        try (DataFrame all = session.sql("SELECT * FROM m")) {
          assertEquals("Schema<id: Int(64, true), p: Int(64, true), name: Utf8View, "
              + "info: Struct<rank: Int(64, true), tag: Utf8View>>", all.schema().toString());
        }
        // Filters on logical names reach Kernel (which maps them to physical statistics and
        // partition values) and the Parquet scan alike; the rows are those of the unfiltered scan.
        String filtered = "SELECT id, name, info['rank'], info['tag'] FROM m WHERE p = 1 AND id > 30 ORDER BY id";
        String unpushed = "SELECT id, name, info['rank'], info['tag'] FROM m WHERE p + 0 = 1 AND id + 0 > 30 "
            + "ORDER BY id";
        List<List<Object>> rows = DeltaTestSupport.rows(session, filtered, allocator);
        assertEquals(DeltaTestSupport.rows(session, unpushed, allocator), rows);
        assertEquals(List.of(List.of(31L, "n31-rs", 310L, "t3"), List.of(34L, "n34-rs", 340L, "t2"),
            List.of(37L, "n37-rs", 370L, "t1")), rows);
        DeltaScanReport scan = DeltaTables.lastScan(session, "m").orElseThrow();
        assertTrue(scan.plannedFiles() < scan.registeredFiles(), scan.toString());
      }
      DeltaTestSupport.closeChecked(allocator);
    }
  }

  /** delta-rs's load_cdf and {@link DeltaChanges} return the same change rows, from version 0. */
  private void assertSameChanges(DeltaTable table) throws Exception {
    Path dump = dir.resolve("cdf-" + table.directory().getFileName() + ".json");
    run("cdf", table.directory().toString(), dump.toString());
    JsonNode theirs = new ObjectMapper().readTree(Files.readString(dump, StandardCharsets.UTF_8));
    List<String> columns = new ArrayList<>();
    theirs.get("columns").forEach(c -> columns.add(c.asText()));
    List<List<String>> expected = new ArrayList<>();
    theirs.get("rows").forEach(row -> {
      List<String> values = new ArrayList<>();
      row.forEach(v -> values.add(v.asText()));
      expected.add(values);
    });
    expected.sort(Comparator.comparing(Object::toString));
    BufferAllocator allocator = new RootAllocator();
    try (Session session = Session.open()) {
      DeltaChanges.register(session, "changes", table, DeltaCdfOptions.DEFAULT);
      List<List<String>> ours = new ArrayList<>();
      for (List<Object> row : DeltaTestSupport.rows(session, "SELECT " + String.join(", ", columns)
          + " FROM changes", allocator)) {
        ours.add(row.stream().map(String::valueOf).toList());
      }
      ours.sort(Comparator.comparing(Object::toString));
      assertEquals(expected, ours, "change rows of " + table.uri());
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  private void assertSameAtEveryVersion(DeltaTable table, int versions) throws Exception {
    assertSameFromVersion(table, 0, versions);
  }

  /** Versions {@code first} to {@code versions - 1} (older ones may have been vacuumed) read the same on both sides. */
  private void assertSameFromVersion(DeltaTable table, int first, int versions) throws Exception {
    Path dump = dir.resolve("dump-" + table.directory().getFileName() + ".json");
    run("dump", table.directory().toString(), dump.toString(), Integer.toString(first));
    JsonNode theirs = new ObjectMapper().readTree(Files.readString(dump, StandardCharsets.UTF_8)).get("versions");
    assertEquals(versions - first, theirs.size(), "delta-rs sees the same number of versions");
    BufferAllocator allocator = new RootAllocator();
    try (Session session = Session.open()) {
      for (int version = first; version < versions; version++) {
        DeltaTables.register(session, "t", table, DeltaReadOptions.LATEST.at(DeltaVersionSpec.atVersion(version)));
        JsonNode expected = theirs.get(String.valueOf(version));
        List<String> columns = new ArrayList<>();
        expected.get("columns").forEach(c -> columns.add(fieldReference(c.asText())));
        List<List<String>> ours = new ArrayList<>();
        for (List<Object> row : DeltaTestSupport.rows(session, "SELECT " + String.join(", ", columns) + " FROM t",
            allocator)) {
          ours.add(row.stream().map(String::valueOf).toList());
        }
        ours.sort(Comparator.comparing(Object::toString));
        List<List<String>> rows = new ArrayList<>();
        for (Iterator<JsonNode> it = expected.get("rows").elements(); it.hasNext(); ) {
          List<String> row = new ArrayList<>();
          it.next().forEach(v -> row.add(v.asText()));
          rows.add(row);
        }
        rows.sort(Comparator.comparing(Object::toString));
        assertEquals(rows, ours, "rows of version " + version);
      }
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  /** delta-rs's flattened {@code column.field} as a SQL field access. */
  private static String fieldReference(String flattened) {
    String[] parts = flattened.split("\\.");
    StringBuilder reference = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      reference.append("['").append(parts[i]).append("']");
    }
    return reference.toString();
  }

  private static void run(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError("interop script failed: " + command + "\n" + output);
    }
  }
}
