package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.appendStream;
import static io.codeanatomy.delta.DeltaTestSupport.closeChecked;
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
import io.codeanatomy.delta.internal.CommitLog;
import io.codeanatomy.delta.internal.PendingCommit;
import io.codeanatomy.delta.internal.TableLocation;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import io.codeanatomy.validation.ConstraintValidationReport;
import io.codeanatomy.validation.TableConstraints;
import io.codeanatomy.validation.ValidationViolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** CHECK constraints: add (existing rows first), drop, enforcement on every commit path, the data checker. */
class DeltaConstraintsTest {
  @TempDir Path dir;

  @Test
  void addedConstraintIsStoredWithTheFeatureAndEnforcedOnAppends() throws IOException {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 20), DeltaWriteOptions.append().partitionBy("p").build());
      DeltaOperationReport added = DeltaConstraints.add(table, "Positive", "id > 0");
      assertTrue(added.committed());
      assertEquals("add_constraints", added.operation());
      assertEquals(1, added.version());
      assertEquals(Map.of("Positive", "id > 0"), DeltaConstraints.list(table));
      assertEquals("id > 0", added.snapshot().tableProperties().get("delta.constraints.Positive"));
      assertEquals(3, added.snapshot().minWriterVersion(), "legacy protocols go to writer version 3");
      assertEquals("ADD CONSTRAINT", table.history(1).get(0).operation());

      Set<String> files = dataFiles(table);
      DeltaConstraintViolationException rejected = assertThrows(DeltaConstraintViolationException.class,
          () -> writeSql(session, table, "SELECT value - 5 AS id, value % 3 AS p, 'z' AS name "
              + "FROM generate_series(1, 10)", DeltaWriteOptions.append().build()));
      assertEquals(ErrorCode.CONSTRAINT_VIOLATION, rejected.errorCode());
      assertTrue(rejected.getMessage().contains("Positive"), rejected.getMessage());
      ConstraintValidationReport report = rejected.report();
      assertFalse(report.passed());
      assertEquals(List.of("Positive"), report.constraintNames());
      assertEquals(5L, report.violations().get(0).count(), "ids -4..0 break id > 0");
      assertEquals(10, report.rowCount());
      assertEquals(1, table.snapshotInfo().version(), "the table is unchanged");
      assertEquals(files, dataFiles(table), "the rejected write's files are removed");

      // The Arrow-stream path is checked the same way.
      assertThrows(DeltaConstraintViolationException.class, () -> appendStream(session, table,
          "SELECT CAST(-1 AS BIGINT) AS id, CAST(1 AS BIGINT) AS p, 'x' AS name", allocator,
          DeltaWriteOptions.append().build()));
      assertEquals(1, table.snapshotInfo().version());

      DeltaOperationReport ok = writeSql(session, table, rowsSql(100, 5), DeltaWriteOptions.append().build());
      assertEquals(2, ok.version());
      table.checkpoint(); // constraints survive log compaction
      assertEquals(Map.of("Positive", "id > 0"), DeltaConstraints.list(table));
      DeltaTables.register(session, "t", table);
      assertEquals(25L, count(session, "SELECT count(*) FROM t", allocator));
    }
    closeChecked(allocator);
  }

  @Test
  void overwritesUpdatesAndReplaceWhereAreEnforcedToo() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 20), DeltaWriteOptions.append().build());
      DeltaConstraints.add(table, "small", "id < 100 AND name <> 'bad'");
      long version = table.snapshotInfo().version();

      assertThrows(DeltaConstraintViolationException.class,
          () -> writeSql(session, table, rowsSql(95, 10), DeltaWriteOptions.overwrite().build()));
      assertThrows(DeltaConstraintViolationException.class, () -> writeSql(session, table,
          "SELECT value AS id, value % 3 AS p, 'bad' AS name FROM generate_series(1, 3)",
          DeltaWriteOptions.overwrite().replaceWhere("id <= 3").build()));
      DeltaConstraintViolationException update = assertThrows(DeltaConstraintViolationException.class,
          () -> table.update(session, "id > 10", Map.of("id", "id * 10")));
      assertEquals(10L, update.report().violations().get(0).count(), "ids 11..20 become 110..200");
      assertTrue(update.getMessage().startsWith("Delta update failed: rows written to Delta table "),
          update.getMessage());
      assertEquals(version, table.snapshotInfo().version(), "nothing was committed");
      DeltaTables.register(session, "t", table);
      assertEquals(210L, count(session, "SELECT sum(id) FROM t", allocator));

      // Changes that keep the rows valid commit; a delete never adds rows that could break a constraint.
      assertTrue(table.update(session, "id > 10", Map.of("id", "id + 1")).committed());
      assertTrue(table.delete(session, "id < 5").committed());
      assertTrue(writeSql(session, table, rowsSql(1, 4), DeltaWriteOptions.overwrite().replaceWhere("id <= 4")
          .build()).committed());
    }
    closeChecked(allocator);
  }

  @Test
  void existingRowsAreValidatedBeforeAConstraintIsAdded() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 20), DeltaWriteOptions.append().build());
    }
    DeltaConstraintViolationException violated = assertThrows(DeltaConstraintViolationException.class,
        () -> DeltaConstraints.add(table, Map.of("low", "id <= 15", "fine", "id > 0"), DeltaCommitOptions.DEFAULT));
    assertTrue(violated.getMessage().startsWith("Delta add-constraints failed: existing rows of Delta table "),
        violated.getMessage());
    ValidationViolation violation = violated.report().violations().get(0);
    assertEquals("low", violation.constraintName());
    assertEquals(5L, violation.count());
    assertEquals(5, violation.sampleRows().size());
    assertEquals(0, table.snapshotInfo().version());
    assertEquals(Map.of(), DeltaConstraints.list(table), "no constraint of the failed call is stored");
  }

  @Test
  void badConstraintsAreClearErrorsAndLeaveTheTableUnchanged() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 5), DeltaWriteOptions.append().build());
    }
    DeltaConstraints.add(table, "positive", "id > 0");
    long version = table.snapshotInfo().version();
    assertConstraintError("is not a single SQL expression", () -> DeltaConstraints.add(table, "c", "id >"));
    assertConstraintError("is not a single SQL expression", () -> DeltaConstraints.add(table, "c", "nope > 1"));
    assertConstraintError("must be a boolean expression", () -> DeltaConstraints.add(table, "c", "id + 1"));
    assertConstraintError("must not contain a subquery",
        () -> DeltaConstraints.add(table, "c", "id IN (SELECT 1)"));
    assertConstraintError("is not a single SQL expression",
        () -> DeltaConstraints.add(table, "c", "id > 0; DROP TABLE x"));
    assertConstraintError("has an empty expression", () -> DeltaConstraints.add(table, "c", "  "));
    assertConstraintError("a constraint name is blank", () -> DeltaConstraints.add(table, " ", "id > 0"));
    assertConstraintError("nested columns are not supported", () -> DeltaConstraints.add(table, "a.b", "id > 0"));
    assertConstraintError("requires at least one constraint.",
        () -> DeltaConstraints.add(table, Map.of(), DeltaCommitOptions.DEFAULT));
    assertConstraintError("Cannot add constraint 'positive': a constraint with this name already exists with a "
        + "different expression. Existing: 'id > 0', New: 'id > 1'", () -> DeltaConstraints.add(table, "POSITIVE",
        "id > 1"));
    assertConstraintError("Constraint with name 'missing' does not exist.", () -> DeltaConstraints.drop(table,
        "missing"));
    assertConstraintError("requires at least one constraint name.",
        () -> DeltaConstraints.drop(table, List.of(), true, DeltaCommitOptions.DEFAULT));
    assertEquals(version, table.snapshotInfo().version(), "no failed call committed anything");

    DeltaOperationReport same = DeltaConstraints.add(table, "Positive", " (id > 0) ");
    assertFalse(same.committed(), "the same expression under the same name is already present");
    assertEquals(List.of("positive"), same.metrics().get("constraints_present"));
  }

  @Test
  void droppedConstraintsAreNoLongerEnforced() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 5), DeltaWriteOptions.append().build());
      DeltaConstraints.add(table, Map.of("a", "id > 0", "b", "id < 100"), DeltaCommitOptions.DEFAULT);
      assertEquals(1, table.snapshotInfo().version(), "several constraints are added in one commit");

      DeltaOperationReport dropped = DeltaConstraints.drop(table, List.of("A", "gone", "b"), false,
          DeltaCommitOptions.DEFAULT);
      assertEquals("drop_constraints", dropped.operation());
      assertEquals(3, dropped.version(), "one commit per dropped name");
      assertEquals(List.of("a", "b"), dropped.metrics().get("constraints_dropped"));
      assertEquals(Map.of(), DeltaConstraints.list(table));
      assertEquals("DROP CONSTRAINT", table.history(1).get(0).operation());
      assertFalse(DeltaConstraints.drop(table, List.of("a"), false, DeltaCommitOptions.DEFAULT).committed());

      assertTrue(writeSql(session, table, "SELECT CAST(-1 AS BIGINT) AS id, CAST(0 AS BIGINT) AS p, 'x' AS name",
          DeltaWriteOptions.append().build()).committed());
    }
  }

  @Test
  void applyAddsUnnamedChecksUnderReferenceNames() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 5), DeltaWriteOptions.append().build());
    }
    DeltaOperationReport skipped = DeltaConstraints.apply(table, List.of(" ", ""), DeltaCommitOptions.DEFAULT);
    assertEquals("skipped", skipped.metrics().get("constraint_status"));

    TableConstraints declared = TableConstraints.builder().notNull("name").check("id > 0").build();
    DeltaOperationReport added = DeltaConstraints.apply(table, declared, DeltaCommitOptions.DEFAULT);
    assertEquals("added", added.metrics().get("constraint_status"));
    assertEquals(Map.of(DeltaConstraints.referenceName("name IS NOT NULL"), "name IS NOT NULL",
        DeltaConstraints.referenceName("id > 0"), "id > 0"), DeltaConstraints.list(table));

    DeltaOperationReport present = DeltaConstraints.apply(table, List.of("id > 0 ", "name IS NOT NULL"),
        DeltaCommitOptions.DEFAULT);
    assertEquals("present", present.metrics().get("constraint_status"));
    assertFalse(present.committed());
    assertEquals(1, table.snapshotInfo().version());
  }

  @Test
  void referenceNamesAreTheFirstTenHexDigitsOfTheSha256() throws Exception {
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
        .digest("a > 1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("ck_" + java.util.HexFormat.of().formatHex(digest).substring(0, 10),
        DeltaConstraints.referenceName("  a > 1 "));
    assertEquals(13, DeltaConstraints.referenceName("x").length());
  }

  @Test
  void dataCheckerReportsWithoutWriting() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 5), DeltaWriteOptions.append().build());
      DeltaConstraints.add(table, "positive", "id > 0");
      String data = "SELECT * FROM (VALUES (CAST(-1 AS BIGINT), CAST(1 AS BIGINT), 'a'), (5, NULL, 'b'), "
          + "(7, 2, 'c')) AS v(id, p, name)";
      try (DataFrame frame = session.sql(data)) {
        ConstraintValidationReport report = DeltaConstraints.check(session, table, DeltaVersionSpec.latest(), frame,
            Arrays.asList(" ", null, "id < 6"));
        assertFalse(report.passed());
        assertEquals(List.of("not_null_p", "positive", "extra_2"), report.constraintNames(),
            "non-nullable columns, the table's constraints, then the extra ones by position");
        assertEquals(3, report.rowCount());
        assertEquals(3, report.invalidRowCount(), "each row breaks one check");
      }
      try (DataFrame frame = session.sql("SELECT * FROM (VALUES (CAST(3 AS BIGINT), CAST(1 AS BIGINT), 'a')) "
          + "AS v(id, p, name)")) {
        assertTrue(DeltaConstraints.check(session, table, DeltaVersionSpec.latest(), frame, List.of()).passed());
      }
      // Arrow streams are registered in the caller's session for the check, then dropped.
      try (DataFrame frame = session.sql(data)) {
        ConstraintValidationReport report = DeltaConstraints.check(session, table, DeltaVersionSpec.latest(),
            frame.stream(allocator), List.of());
        assertTrue(report.constraintNames().contains("positive"));
      }
      // The pre-constraint version has no CHECK constraint, only non-nullable columns.
      try (DataFrame frame = session.sql("SELECT * FROM (VALUES (CAST(-1 AS BIGINT), CAST(1 AS BIGINT), 'a')) "
          + "AS v(id, p, name)")) {
        assertTrue(DeltaConstraints.check(session, table, DeltaVersionSpec.atVersion(0), frame, null).passed());
      }
      try (DataFrame frame = session.sql(data)) {
        DeltaException bad = assertThrows(DeltaException.class, () -> DeltaConstraints.check(session, table,
            DeltaVersionSpec.latest(), frame, List.of("nope = 1")));
        assertEquals(ErrorCode.DELTA_CONSTRAINT, bad.errorCode());
        assertTrue(bad.getMessage().startsWith("Delta data check failed: "), bad.getMessage());
      }
      assertEquals(1, table.snapshotInfo().version());
    }
    closeChecked(allocator);
  }

  @Test
  void tablesCreatedWithConstraintsCheckTheirFirstRows() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    DeltaWriteOptions create = DeltaWriteOptions.append()
        .tableProperties(Map.of("delta.constraints.positive", "id > 0")).build();
    try (Session session = Session.open()) {
      assertThrows(DeltaConstraintViolationException.class, () -> writeSql(session, table,
          "SELECT CAST(0 AS BIGINT) AS id", create));
      assertFalse(table.exists(), "no table is created from rows that break its constraints");
      DeltaOperationReport created = writeSql(session, table, "SELECT CAST(1 AS BIGINT) AS id", create);
      assertEquals(3, created.snapshot().minWriterVersion());
      assertEquals(Map.of("positive", "id > 0"), DeltaConstraints.list(table));

      DeltaTable ntz = DeltaTable.forPath(dir.resolve("ntz").toString());
      DeltaOperationReport features = writeSql(session, ntz, "SELECT CAST(1 AS BIGINT) AS id, "
          + "CAST('2026-01-01 00:00:00' AS TIMESTAMP) AS at", create);
      assertEquals(List.of("checkConstraints", "timestampNtz"), features.snapshot().writerFeatures());
    }
  }

  @Test
  void tableFeatureProtocolsGainTheNamedFeature() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, "SELECT CAST(1 AS BIGINT) AS id, CAST('2026-01-01 00:00:00' AS TIMESTAMP) AS at",
          DeltaWriteOptions.append().build());
    }
    DeltaSnapshotInfo info = DeltaConstraints.add(table, "positive", "id > 0").snapshot();
    assertEquals(7, info.minWriterVersion());
    assertEquals(List.of("checkConstraints", "timestampNtz"), info.writerFeatures());
    assertEquals(List.of("timestampNtz"), info.readerFeatures());
    String row = ", CAST('2026-01-02 00:00:00' AS TIMESTAMP) AS at";
    try (Session session = Session.open()) {
      // The writer takes tables whose checkConstraints feature is in use, and enforces it.
      assertTrue(writeSql(session, table, "SELECT CAST(2 AS BIGINT) AS id" + row, DeltaWriteOptions.append().build())
          .committed());
      assertThrows(DeltaConstraintViolationException.class, () -> writeSql(session, table,
          "SELECT CAST(-2 AS BIGINT) AS id" + row, DeltaWriteOptions.append().build()));
    }
    assertEquals(2, table.snapshotInfo().version());
  }

  @Test
  void alterTableAddsAndDropsConstraintsThroughSql() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 5), DeltaWriteOptions.append().build());
      session.execute("CREATE EXTERNAL TABLE t STORED AS DELTA LOCATION '" + table.uri() + "'");
      assertEquals(0, session.execute("ALTER TABLE t ADD CONSTRAINT Positive CHECK (id > 0)"));
      session.execute("ALTER TABLE t ADD CHECK (name <> 'bad')");
      assertEquals(Map.of("positive", "id > 0", DeltaConstraints.referenceName("name <> 'bad'"), "name <> 'bad'"),
          DeltaConstraints.list(table), "unquoted names are lower-cased; unnamed checks get reference names");

      String unnamed = DeltaConstraints.referenceName("name <> 'bad'");
      assertEquals(List.of(List.of("datafusion", "public", "t", "CHECK", "YES", unnamed, "name <> 'bad'"),
          List.of("datafusion", "public", "t", "CHECK", "YES", "positive", "id > 0")), rows(session,
          "SELECT tc.table_catalog, tc.table_schema, table_name, constraint_type, enforced, tc.constraint_name, "
              + "check_clause FROM information_schema.table_constraints tc JOIN information_schema.check_constraints "
              + "USING (constraint_catalog, constraint_schema, constraint_name) ORDER BY tc.constraint_name",
          allocator), "the registered snapshot's constraints, through SQL");
      DeltaTables.register(session, "other", table, DeltaReadOptions.LATEST.at(DeltaVersionSpec.atVersion(0)));
      assertEquals(2L, count(session, "SELECT count(*) FROM datafusion.INFORMATION_SCHEMA.table_constraints",
          allocator), "a name pinned before the constraints were added has none");

      DeltaConstraintViolationException rejected = assertThrows(DeltaConstraintViolationException.class,
          () -> session.execute("INSERT INTO t VALUES (-3, 0, 'x')"));
      assertEquals(List.of("positive"), rejected.report().constraintNames());
      assertThrows(DeltaConstraintViolationException.class,
          () -> session.execute("UPDATE t SET name = 'bad' WHERE id = 1"));
      DeltaConstraintViolationException existing = assertThrows(DeltaConstraintViolationException.class,
          () -> session.execute("ALTER TABLE t ADD CONSTRAINT few CHECK (id < 3)"));
      assertEquals(3L, existing.report().violations().get(0).count());
      DeltaException bad = assertThrows(DeltaException.class,
          () -> session.execute("ALTER TABLE t ADD CONSTRAINT odd CHECK (missing > 1)"));
      assertEquals(ErrorCode.DELTA_CONSTRAINT, bad.errorCode());

      session.execute("ALTER TABLE t DROP CONSTRAINT positive");
      session.execute("ALTER TABLE t DROP CONSTRAINT IF EXISTS positive");
      assertEquals(ErrorCode.DELTA_CONSTRAINT, assertThrows(DeltaException.class,
          () -> session.execute("ALTER TABLE t DROP CONSTRAINT positive")).errorCode());
      session.execute("INSERT INTO t VALUES (-3, 0, 'x')");
      assertEquals(6L, count(session, "SELECT count(*) FROM t", allocator), "the table is re-registered");
      assertEquals(List.of(List.of(unnamed)), rows(session,
          "SELECT constraint_name FROM information_schema.table_constraints", allocator));
    }
    closeChecked(allocator);
  }

  /** A constraint validated against a snapshot must not commit over rows appended since, even blind ones. */
  @Test
  void metadataChangesConflictWithConcurrentBlindAppends() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 5), DeltaWriteOptions.append().build());
      writeSql(session, table, rowsSql(6, 5), DeltaWriteOptions.append().build()); // a blind append at version 1
    }
    assertTrue((Boolean) table.history(1).get(0).commitInfo().get("isBlindAppend"));
    CommitLog log = new CommitLog(TableLocation.parse(table.uri()));
    Map<String, Object> metadata = Map.of("metaData", Map.of("id", "x"));
    DeltaException conflict = assertThrows(DeltaException.class, () -> log.commit(new PendingCommit(Map.of(),
        List.of(metadata), null, true, Set.of(), Set.of()), 0, 3));
    assertEquals(ErrorCode.DELTA_COMMIT_CONFLICT, conflict.errorCode());
    assertTrue(conflict.getMessage().contains("ConcurrentAppendException"), conflict.getMessage());
    assertEquals(1, table.snapshotInfo().version());
  }

  private static void assertConstraintError(String expected, Executable call) {
    DeltaException error = assertThrows(DeltaException.class, call);
    assertEquals(ErrorCode.DELTA_CONSTRAINT, error.errorCode(), error::getMessage);
    assertTrue(error.getMessage().contains(expected), error.getMessage());
  }

  private static Set<String> dataFiles(DeltaTable table) throws IOException {
    try (Stream<Path> files = Files.walk(table.directory())) {
      return files.filter(f -> f.toString().endsWith(".parquet")).map(Path::toString)
          .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
  }
}
