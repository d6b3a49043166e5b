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
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.PlanningException;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delta tables through SQL alone: CREATE EXTERNAL TABLE … STORED AS DELTA, INSERT, time travel, COPY. */
class DeltaSqlTest {
  @TempDir Path dir;

  @Test
  void createInsertOverwriteAndTimeTravelWithSqlAlone() throws Exception {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("events").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 10), DeltaWriteOptions.append().partitionBy("p").build()); // version 0

      assertEquals(0, session.execute("CREATE EXTERNAL TABLE Events STORED AS DELTA LOCATION '" + table.uri() + "'"));
      assertTrue(DeltaSql.isDeltaTable(session, "events"));
      assertEquals(10L, count(session, "SELECT count(*) FROM events", allocator));

      try (DataFrame inserted = session.sql("INSERT INTO events SELECT value AS id, value % 3 AS p, "
          + "concat('n', value) AS name FROM generate_series(11, 15)")) {
        assertEquals(new ArrowType.Int(64, true), inserted.schema().findField("count").getType());
      }
      assertEquals(List.of(List.of(15L, 120L)), rows(session, "SELECT count(*), sum(id) FROM events", allocator),
          "the insert (version 1) is visible without registering the table again");

      // A column list maps the query's columns by position onto the listed columns.
      assertEquals(List.of(List.of(1L)),
          rows(session, "INSERT INTO events (name, p, id) VALUES ('x', 1, 100)", allocator));
      assertEquals(List.of(List.of(100L, 1L, "x")),
          rows(session, "SELECT id, p, name FROM events WHERE id = 100", allocator));
      PlanningException required = assertThrows(PlanningException.class,
          () -> session.execute("INSERT INTO events (name, id) VALUES ('y', 101)"));
      assertTrue(required.getMessage().contains("'p'"), "p is not nullable: " + required.getMessage());
      // A moment strictly between versions 2 and 3 (timestamps resolve by commit time, in milliseconds).
      Thread.sleep(5);
      String beforeOverwrite = Instant.now().toString();
      Thread.sleep(5);

      // The overwrite reads the table it replaces (the registered snapshot) in the same statement.
      assertEquals(List.of(List.of(3L)),
          rows(session, "INSERT OVERWRITE events SELECT * FROM events WHERE id <= 3", allocator));
      assertEquals(List.of(List.of(1L), List.of(2L), List.of(3L)),
          rows(session, "SELECT id FROM events ORDER BY id", allocator));
      assertEquals(3, table.snapshotInfo().version());
      assertEquals("Overwrite",
          ((java.util.Map<?, ?>) table.history(1).get(0).commitInfo().get("operationParameters")).get("mode"));

      session.execute("CREATE EXTERNAL TABLE events_v1 STORED AS DELTA LOCATION '" + table.uri()
          + "' OPTIONS ('version' '1')");
      assertEquals(15L, count(session, "SELECT count(*) FROM events_v1", allocator));
      session.execute("CREATE EXTERNAL TABLE events_at STORED AS DELTA LOCATION '" + table.uri()
          + "' OPTIONS ('timestamp' '" + beforeOverwrite + "')");
      assertEquals(16L, count(session, "SELECT count(*) FROM events_at", allocator));

      DeltaException pinned = assertThrows(DeltaException.class,
          () -> session.execute("INSERT INTO events_v1 VALUES (1, 1, 'a')"));
      assertTrue(pinned.getMessage().contains("version 1") && pinned.getMessage().contains(table.uri()),
          pinned.getMessage());
      DeltaException noVersion = assertThrows(DeltaException.class, () -> session.execute(
          "CREATE EXTERNAL TABLE events_v9 STORED AS DELTA LOCATION '" + table.uri() + "' OPTIONS ('version' '9')"));
      assertEquals(ErrorCode.DELTA_VERSION_NOT_FOUND, noVersion.errorCode());
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void declaredColumnsCreateAnEmptyTableAndMustMatchAnExistingOne() {
    BufferAllocator allocator = new RootAllocator();
    Path location = dir.resolve("fresh");
    String create = "CREATE EXTERNAL TABLE fresh (id BIGINT, name VARCHAR, p INT) STORED AS DELTA "
        + "PARTITIONED BY (p) LOCATION '" + location + "'";
    try (Session session = Session.open()) {
      DeltaException missing = assertThrows(DeltaException.class, () -> session.execute(
          "CREATE EXTERNAL TABLE fresh STORED AS DELTA LOCATION '" + location + "'"));
      assertEquals(ErrorCode.DELTA_TABLE, missing.errorCode());
      assertTrue(missing.getMessage().contains(location.toString()), missing.getMessage());
      assertFalse(Files.exists(location), "a failed CREATE leaves nothing behind");

      session.execute(create);
      DeltaTable table = DeltaTable.open(location.toString());
      assertEquals(0, table.snapshotInfo().version());
      assertEquals(List.of("p"), table.snapshotInfo().partitionColumns());
      assertEquals(0L, count(session, "SELECT count(*) FROM fresh", allocator));

      assertEquals(List.of(List.of(3L)),
          rows(session, "INSERT INTO fresh VALUES (1, 'a', 7), (2, 'b', 7), (3, 'c', 8)", allocator));
      assertEquals(List.of(List.of(7, 2L), List.of(8, 1L)),
          rows(session, "SELECT p, count(*) FROM fresh GROUP BY p ORDER BY p", allocator));
      // Columns left out of the list are null (declared columns are nullable).
      assertEquals(List.of(List.of(1L)), rows(session, "INSERT INTO fresh (p, id) VALUES (9, 4)", allocator));
      assertEquals(List.of(Arrays.asList(4L, null, 9)),
          rows(session, "SELECT id, name, p FROM fresh WHERE id = 4", allocator));

      // Declared columns over an existing table: they must be the table's.
      assertEquals(0, session.execute("CREATE EXTERNAL TABLE IF NOT EXISTS fresh (x INT) STORED AS DELTA LOCATION '"
          + location + "'"), "IF NOT EXISTS leaves the registered table alone");
      PlanningException twice = assertThrows(PlanningException.class, () -> session.execute(create));
      assertTrue(twice.getMessage().contains("fresh"), twice.getMessage());
      DeltaException mismatch = assertThrows(DeltaException.class, () -> session.execute(
          "CREATE OR REPLACE EXTERNAL TABLE fresh (id BIGINT, name VARCHAR) STORED AS DELTA LOCATION '" + location
              + "'"));
      assertTrue(mismatch.getMessage().contains("version 2"), mismatch.getMessage());
      session.execute(create.replace("CREATE EXTERNAL", "CREATE OR REPLACE EXTERNAL"));
      assertEquals(4L, count(session, "SELECT count(*) FROM fresh", allocator));
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void otherTablesAndUnsupportedStatementsAreLeftAloneOrRefused() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 4), DeltaWriteOptions.append().build());
      session.execute("CREATE EXTERNAL TABLE t STORED AS DELTA LOCATION '" + table.uri() + "'");

      PlanningException arity = assertThrows(PlanningException.class,
          () -> session.execute("INSERT INTO t VALUES (1)"));
      assertTrue(arity.getMessage().contains("1 columns but 3"), arity.getMessage());
      PlanningException unknown = assertThrows(PlanningException.class,
          () -> session.execute("INSERT INTO t (nope) VALUES (1)"));
      assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
      DeltaException delete = assertThrows(DeltaException.class,
          () -> session.execute("DELETE FROM t WHERE nope = 1"));
      assertTrue(delete.getMessage().contains(table.uri()) && delete.getMessage().contains("nope"),
          delete.getMessage());
      assertEquals(0, table.snapshotInfo().version(), "nothing was committed");

      // Dropped and re-created as a plain table, the name is no longer a Delta table.
      session.execute("DROP TABLE t");
      session.execute("CREATE TABLE t (id BIGINT)");
      assertFalse(DeltaSql.isDeltaTable(session, "t"));
      assertEquals(1L, session.execute("INSERT INTO t VALUES (5)"));
      assertEquals(List.of(List.of(5L)), rows(session, "SELECT id FROM t", allocator));
      assertEquals(0, table.snapshotInfo().version());
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void deleteAndUpdateWithSqlAlone() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("m").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 12), DeltaWriteOptions.append().partitionBy("p").build()); // version 0
      session.execute("CREATE EXTERNAL TABLE m STORED AS DELTA LOCATION '" + table.uri() + "'");
      session.execute("CREATE EXTERNAL TABLE m_v0 STORED AS DELTA LOCATION '" + table.uri()
          + "' OPTIONS ('version' '0')");

      assertEquals(List.of(List.of(3L)), rows(session, "DELETE FROM m WHERE id > 9", allocator));
      assertEquals("DELETE", table.history(1).get(0).operation());
      assertEquals(List.of(List.of(9L, 45L)), rows(session, "SELECT count(*), sum(id) FROM m", allocator),
          "the delete (version 1) is visible without registering the table again");

      assertEquals(List.of(List.of(2L)),
          rows(session, "UPDATE m SET name = concat(name, '!'), id = id + 100 WHERE p = 1 AND id < 5", allocator));
      assertEquals(2, table.snapshotInfo().version());
      assertEquals("UPDATE", table.history(1).get(0).operation());
      assertEquals(List.of(List.of(101L, "n1!"), List.of(104L, "n4!"), List.of(7L, "n7")),
          rows(session, "SELECT id, name FROM m WHERE p = 1 ORDER BY name", allocator));
      assertEquals(List.of(List.of(9L)), rows(session, "UPDATE m SET name = 'all'", allocator));
      assertEquals(List.of(List.of(12L, 78L)), rows(session, "SELECT count(*), sum(id) FROM m_v0", allocator),
          "the registration pinned to version 0 still shows the old rows");

      DeltaException pinned = assertThrows(DeltaException.class, () -> session.execute("DELETE FROM m_v0"));
      assertTrue(pinned.getMessage().contains("version 0"), pinned.getMessage());
      DeltaException unknown = assertThrows(DeltaException.class,
          () -> session.execute("UPDATE m SET nope = 1 WHERE id = 1"));
      assertTrue(unknown.getMessage().contains("nope") && unknown.getMessage().contains("version 3"),
          unknown.getMessage());
      assertEquals(List.of(List.of(0L)), rows(session, "DELETE FROM m WHERE id < 0", allocator));
      assertEquals(List.of(List.of(9L)), rows(session, "DELETE FROM m", allocator));
      assertEquals(0L, count(session, "SELECT count(*) FROM m", allocator));
      assertEquals(4, table.snapshotInfo().version());
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void tablesRegisteredFromJavaTakeSqlWritesAndQualifiedPredicates() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("j").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 12), DeltaWriteOptions.append().partitionBy("p").build()); // version 0
      DeltaTables.register(session, "j", table);
      assertTrue(DeltaSql.isDeltaTable(session, "j"));

      assertEquals(List.of(List.of(3L)), rows(session, "INSERT INTO j " + rowsSql(13, 3), allocator));
      assertEquals(1, table.snapshotInfo().version());
      assertEquals(List.of(List.of(1L)), rows(session, "DELETE FROM j WHERE j.id = 1", allocator));
      assertEquals("DELETE", table.history(1).get(0).operation());
      assertEquals(List.of(List.of(5L)),
          rows(session, "UPDATE j SET name = concat(j.name, '!') WHERE j.p = 2", allocator));
      assertEquals(List.of(List.of(2L, "n2!"), List.of(5L, "n5!"), List.of(8L, "n8!"), List.of(11L, "n11!"),
          List.of(14L, "n14!")), rows(session, "SELECT id, name FROM j WHERE p = 2 ORDER BY id", allocator));
      assertEquals(List.of(List.of(14L, 119L)), rows(session, "SELECT count(*), sum(id) FROM j", allocator));

      session.execute("CREATE EXTERNAL TABLE m STORED AS DELTA LOCATION '" + table.uri() + "'");
      assertEquals(List.of(List.of(1L)), rows(session, "DELETE FROM m WHERE m.id = 15 AND p = m.p", allocator));
      assertEquals(List.of(List.of(4L)), rows(session, "UPDATE m SET name = 'x' WHERE m.p = 1", allocator));
      assertEquals(List.of(List.of(0L)), rows(session, "SELECT count(*) FROM j WHERE name = 'x'", allocator),
          "j stays at the snapshot it was registered at: m's writes re-register m only");
      DeltaTables.register(session, "j", table);
      assertEquals(List.of(List.of(4L)), rows(session, "SELECT count(*) FROM j WHERE name = 'x'", allocator));
      DeltaException other = assertThrows(DeltaException.class,
          () -> session.execute("DELETE FROM m WHERE j.id = 2"));
      assertTrue(other.getMessage().contains("j.id"), other.getMessage());
      assertEquals(5, table.snapshotInfo().version());

      session.execute("DROP TABLE j");
      assertFalse(DeltaSql.isDeltaTable(session, "j"));
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void copyWritesParquetCsvAndJsonFromADeltaTable() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("src").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 20), DeltaWriteOptions.append().partitionBy("p").build());
      session.execute("CREATE EXTERNAL TABLE src STORED AS DELTA LOCATION '" + table.uri() + "'");
      for (String format : List.of("PARQUET", "CSV", "JSON")) {
        Path out = dir.resolve("out." + format.toLowerCase(java.util.Locale.ROOT));
        assertEquals(List.of(List.of(7L)), rows(session, "COPY (SELECT id, name FROM src WHERE p = 1) TO '" + out
            + "' STORED AS " + format, allocator).stream().map(r -> List.<Object>of(((Number) r.get(0)).longValue()))
            .toList(), format);
        String options = format.equals("CSV") ? " OPTIONS ('format.has_header' 'true')" : "";
        session.execute("CREATE EXTERNAL TABLE back_" + format + " STORED AS " + format + " LOCATION '" + out + "'"
            + options);
        assertEquals(List.of(List.of(7L, 70L)),
            rows(session, "SELECT count(*), sum(id) FROM back_" + format, allocator), format);
      }
    }
    DeltaTestSupport.closeChecked(allocator);
  }
}
