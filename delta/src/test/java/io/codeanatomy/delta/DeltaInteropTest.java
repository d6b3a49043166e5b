package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.rowsSql;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

  private void assertSameAtEveryVersion(DeltaTable table, int versions) throws Exception {
    Path dump = dir.resolve("dump-" + table.directory().getFileName() + ".json");
    run("dump", table.directory().toString(), dump.toString());
    JsonNode theirs = new ObjectMapper().readTree(Files.readString(dump, StandardCharsets.UTF_8)).get("versions");
    assertEquals(versions, theirs.size(), "delta-rs sees the same number of versions");
    BufferAllocator allocator = new RootAllocator();
    try (Session session = Session.open()) {
      for (int version = 0; version < versions; version++) {
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
