package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.rows;
import static io.codeanatomy.delta.DeltaTestSupport.rowsSql;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.DeltaException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MERGE's early filter: the source's key ranges narrow the table files read, and never drop a
 * file holding a row some clause applies to. The table: ids 1..100 in five appended files of 20
 * consecutive ids each ({@code (id, p = id % 3, name = 'n' || id)}).
 */
class DeltaMergeFileSkippingTest extends SessionTestBase {
  @TempDir Path dir;
  private DeltaTable table;

  @BeforeEach
  void fiveFiles() {
    table = DeltaTable.forPath(dir.resolve("t").toString());
    for (int file = 0; file < 5; file++) {
      writeSql(session, table, rowsSql(1 + 20L * file, 20), DeltaWriteOptions.append().build());
    }
  }

  private static DeltaMerge upsert(String predicate) {
    return DeltaMerge.builder("src", predicate).targetAlias("t").sourceAlias("s")
        .whenMatchedUpdate(Map.of("name", "s.name"))
        .whenNotMatchedInsert(Map.of("id", "s.id", "p", "s.id % 3", "name", "s.name"))
        .build();
  }

  private List<List<Object>> changed() {
    DeltaTables.register(session, "merged", table);
    return rows(session, "SELECT id, name FROM merged WHERE name NOT LIKE 'n%' ORDER BY id NULLS FIRST", allocator);
  }

  private long total() {
    DeltaTables.register(session, "merged", table);
    return DeltaTestSupport.count(session, "SELECT count(*) FROM merged", allocator);
  }

  private static void assertFiles(DeltaOperationReport report, long scanned, long skipped) {
    assertEquals(scanned, report.metrics().get("num_target_files_scanned"), report.metrics().toString());
    assertEquals(skipped, report.metrics().get("num_target_files_skipped_during_scan"), report.metrics().toString());
  }

  @Test
  void aSourceTouchingOnlyTheLastIdsScansOnlyTheLastFile() {
    session.execute("CREATE VIEW src AS SELECT * FROM (VALUES (95, 'u95'), (99, 'u99'), (150, 'ins')) AS v(id, name)");
    DeltaOperationReport report = upsert("t.id = s.id").execute(session, table);
    assertFiles(report, 1, 4);
    assertEquals(1, report.metrics().get("num_target_files_removed"));
    assertEquals(2L, report.metrics().get("num_target_rows_updated"));
    assertEquals(1L, report.metrics().get("num_target_rows_inserted"));
    assertEquals(18L, report.metrics().get("num_target_rows_copied"));
    assertEquals(List.of(List.of(95L, "u95"), List.of(99L, "u99"), List.of(150L, "ins")), changed());
    assertEquals(101L, total());
  }

  @Test
  void matchesAtBothEndsOfTheRangeReachEveryFileBetween() {
    // The range 5..95 spans every file; the first and last hold matches the other keys' files do not.
    session.execute("CREATE VIEW src AS SELECT * FROM (VALUES (5, 'u5'), (95, 'u95')) AS v(id, name)");
    DeltaOperationReport report = upsert("t.id = s.id").execute(session, table);
    assertFiles(report, 5, 0);
    assertEquals(2, report.metrics().get("num_target_files_removed"));
    assertEquals(List.of(List.of(5L, "u5"), List.of(95L, "u95")), changed());
  }

  @Test
  void notMatchedBySourceClausesReadEveryFile() {
    session.execute("CREATE VIEW src AS SELECT * FROM (VALUES (95, 'u95')) AS v(id, name)");
    DeltaOperationReport report = DeltaMerge.builder("src", "t.id = s.id").targetAlias("t").sourceAlias("s")
        .whenMatchedUpdate(Map.of("name", "s.name"))
        .whenNotMatchedBySourceUpdate("t.id < 3", Map.of("name", "'gone'"))
        .build()
        .execute(session, table);
    assertFiles(report, 5, 0);
    assertEquals(List.of(List.of(1L, "gone"), List.of(2L, "gone"), List.of(95L, "u95")), changed());
  }

  @Test
  void nullKeysMatchNothingAndAnAllNullSourceReadsNoFile() {
    DeltaMerge update = DeltaMerge.builder("src", "t.id = s.id").targetAlias("t").sourceAlias("s")
        .whenMatchedUpdate(Map.of("name", "s.name"))
        .build();
    session.execute("CREATE VIEW src AS SELECT * FROM (VALUES (CAST(NULL AS BIGINT), 'z-null')) AS v(id, name)");
    DeltaOperationReport report = update.execute(session, table);
    assertFalse(report.committed());
    assertFiles(report, 0, 5);

    session.execute("CREATE OR REPLACE VIEW src AS SELECT * FROM (VALUES (CAST(NULL AS BIGINT), 'z-null'), "
        + "(42, 'u42')) AS v(id, name)");
    DeltaOperationReport mixed = update.execute(session, table);
    assertFiles(mixed, 1, 4);
    assertEquals(1L, mixed.metrics().get("num_target_rows_updated"));
    assertEquals(List.of(List.of(42L, "u42")), changed());
    assertEquals(100L, total());
  }

  @Test
  void aTableRowMatchedTwiceInANarrowedScanStillFailsTheMerge() {
    session.execute("CREATE VIEW src AS SELECT * FROM (VALUES (95, 'a'), (95, 'b')) AS v(id, name)");
    long version = table.snapshotInfo().version();
    DeltaException e = assertThrows(DeltaException.class, () -> upsert("t.id = s.id").execute(session, table));
    assertTrue(e.getMessage().contains("more than one row of source 'src' matches"), e.getMessage());
    assertEquals(version, table.snapshotInfo().version());
  }

  @Test
  void anEmptySourceReadsNoFileAndCommitsNothing() {
    session.execute("CREATE VIEW src AS SELECT * FROM (VALUES (1, 'x')) AS v(id, name) WHERE id > 1");
    DeltaOperationReport report = upsert("t.id = s.id").execute(session, table);
    assertFalse(report.committed());
    assertEquals(100L, total());
  }

  @Test
  void sourceExpressionsBoundTheTableColumn() {
    // id = x + 1: x 94 and 98 match ids 95 and 99, in the last file only.
    session.execute("CREATE VIEW src AS SELECT * FROM (VALUES (94, 'u95'), (98, 'u99')) AS v(x, name)");
    DeltaOperationReport report = DeltaMerge.builder("src", "t.id = s.x + 1").targetAlias("t").sourceAlias("s")
        .whenMatchedUpdate(Map.of("name", "s.name"))
        .build()
        .execute(session, table);
    assertFiles(report, 1, 4);
    assertEquals(List.of(List.of(95L, "u95"), List.of(99L, "u99")), changed());
  }

  @Test
  void everyKeyOfAMultiColumnPredicateNarrowsTheFiles() {
    // ids 41..90 may be in files 3 to 5; names 'n41'..'n45' (text order) in files 1 ('n1'..'n9'), 3
    // ('n41'..'n60') and 5 ('n100'..'n99'): only files 3 and 5 may hold both.
    session.execute("CREATE VIEW src AS SELECT * FROM (VALUES (41, 'n41', 'u41'), (90, 'n45', 'no match')) "
        + "AS v(id, key, name)");
    DeltaOperationReport report = DeltaMerge.builder("src", "t.id = s.id AND s.key = t.name AND t.p = 2")
        .targetAlias("t").sourceAlias("s")
        .whenMatchedUpdate(Map.of("name", "s.name"))
        .build()
        .execute(session, table);
    assertFiles(report, 2, 3);
    assertEquals(List.of(List.of(41L, "u41")), changed());
  }

  @Test
  void partitionValuesNarrowThePartitionsRead() {
    DeltaTable partitioned = DeltaTable.forPath(dir.resolve("p").toString());
    writeSql(session, partitioned, rowsSql(1, 30), DeltaWriteOptions.append().partitionBy("p").build());
    session.execute("CREATE VIEW src AS SELECT * FROM (VALUES (4, 1, 'u4'), (7, 1, 'u7'), (50, 1, 'ins')) "
        + "AS v(id, p, name)");
    DeltaOperationReport report = DeltaMerge.builder("src", "t.p = s.p AND t.id = s.id")
        .targetAlias("t").sourceAlias("s")
        .whenMatchedUpdate(Map.of("name", "s.name"))
        .whenNotMatchedInsertAll()
        .build()
        .execute(session, partitioned);
    assertFiles(report, 1, 2);
    DeltaTables.register(session, "merged", partitioned);
    assertEquals(List.of(List.of(4L, 1L, "u4"), List.of(7L, 1L, "u7"), List.of(50L, 1L, "ins")), rows(session,
        "SELECT id, p, name FROM merged WHERE name NOT LIKE 'n%' ORDER BY id", allocator));
    assertEquals(31L, DeltaTestSupport.count(session, "SELECT count(*) FROM merged", allocator));
  }

  @Test
  void filesWithoutStatisticsAreNeverSkipped() {
    // From here on, appended files carry statistics for name only.
    DeltaMaintenance.of(table).setProperties(Map.of("delta.dataSkippingStatsColumns", "name"));
    writeSql(session, table, rowsSql(101, 20), DeltaWriteOptions.append().build());
    writeSql(session, table, rowsSql(121, 20), DeltaWriteOptions.append().build());
    session.execute("CREATE VIEW src AS SELECT * FROM (VALUES (105, 'u105')) AS v(id, name)");
    DeltaOperationReport report = upsert("t.id = s.id").execute(session, table);
    assertFiles(report, 2, 5);
    assertEquals(List.of(List.of(105L, "u105")), changed());
  }
}
