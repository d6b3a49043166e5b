package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.rows;
import static io.codeanatomy.delta.DeltaTestSupport.rowsSql;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Change data feed: change files written by delete, update and merge; reading windows of versions. */
class DeltaChangesTest {
  private static final String CHANGES = "SELECT id, name, _change_type, _commit_version FROM changes "
      + "ORDER BY _commit_version, id, _change_type";

  @TempDir Path dir;

  /** Versions 0-4: create (ids 1..9), append (10..12), delete 3, update 4, merge (update 5, delete 6, insert 20). */
  private DeltaTable changedTable(Session session) {
    DeltaTable table = DeltaTable.forPath(dir.resolve("cdf").toString());
    writeSql(session, table, rowsSql(1, 9), DeltaWriteOptions.append().partitionBy("p")
        .tableProperties(Map.of("delta.enableChangeDataFeed", "true")).build());
    writeSql(session, table, rowsSql(10, 3), DeltaWriteOptions.append().build());
    table.delete(session, "id = 3");
    table.update(session, "id = 4", Map.of("name", "'four'"));
    session.execute("CREATE VIEW src AS SELECT * FROM (VALUES (5, 'five'), (6, 'six'), (20, 'twenty')) AS v(id, name)");
    DeltaMerge.builder("src", "target.id = source.id")
        .whenMatchedDelete("source.id = 6")
        .whenMatchedUpdate(Map.of("name", "source.name"))
        .whenNotMatchedInsert(Map.of("id", "source.id", "name", "source.name", "p", "source.id % 3"))
        .build().execute(session, table);
    return table;
  }

  @Test
  void mutationsWriteChangeFilesAndEveryCommitReadsBack() throws Exception {
    BufferAllocator allocator = new RootAllocator();
    try (Session session = Session.open()) {
      DeltaTable table = changedTable(session);
      DeltaSnapshotInfo info = table.snapshotInfo();
      assertEquals(4, info.version());
      assertEquals(4, info.minWriterVersion(), "a change-data-feed table needs writer version 4");
      for (long version = 0; version <= 4; version++) {
        boolean mutation = version >= 2;
        assertEquals(mutation, cdcActions(table, version) > 0, "cdc actions of version " + version);
      }
      try (Stream<Path> files = Files.walk(table.directory().resolve("_change_data"))) {
        assertTrue(files.anyMatch(file -> file.getFileName().toString().endsWith(".parquet")));
      }

      DeltaChanges.register(session, "changes", table, DeltaCdfOptions.DEFAULT);
      List<List<Object>> expected = new ArrayList<>();
      for (long id = 1; id <= 9; id++) {
        expected.add(List.of(id, "n" + id, "insert", 0L));
      }
      for (long id = 10; id <= 12; id++) {
        expected.add(List.of(id, "n" + id, "insert", 1L));
      }
      expected.add(List.of(3L, "n3", "delete", 2L));
      expected.add(List.of(4L, "four", "update_postimage", 3L));
      expected.add(List.of(4L, "n4", "update_preimage", 3L));
      expected.add(List.of(5L, "five", "update_postimage", 4L));
      expected.add(List.of(5L, "n5", "update_preimage", 4L));
      expected.add(List.of(6L, "n6", "delete", 4L));
      expected.add(List.of(20L, "twenty", "insert", 4L));
      assertEquals(expected, rows(session, CHANGES, allocator));

      try (DataFrame frame = DeltaChanges.read(session, table, DeltaCdfOptions.DEFAULT)) {
        List<String> names = frame.schema().getFields().stream().map(f -> f.getName()).toList();
        assertEquals(List.of("id", "p", "name", "_change_type", "_commit_version", "_commit_timestamp"), names);
        assertEquals(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"),
            frame.schema().findField("_commit_timestamp").getType());
      }
      long committed = table.history(1).get(0).timestamp();
      assertEquals(List.of(List.of(committed * 1000)), rows(session,
          "SELECT DISTINCT _commit_timestamp FROM changes WHERE _commit_version = 4", allocator),
          "microseconds of the commit's commitInfo.timestamp");
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void windowsColumnsPredicatesAndTimestampsSelectChanges() {
    BufferAllocator allocator = new RootAllocator();
    try (Session session = Session.open()) {
      DeltaTable table = changedTable(session);
      DeltaChanges.register(session, "changes", table, DeltaCdfOptions.fromVersion(2).withEndingVersion(3));
      assertEquals(List.of(List.of(3L, "n3", "delete", 2L), List.of(4L, "four", "update_postimage", 3L),
          List.of(4L, "n4", "update_preimage", 3L)), rows(session, CHANGES, allocator));

      DeltaChanges.register(session, "changes", table, DeltaCdfOptions.fromVersion(3).withEndingVersion(99)
          .withColumns(List.of("id", "_change_type")).withPredicate("_change_type <> 'update_preimage'"));
      assertEquals(List.of(List.of(4L, "update_postimage"), List.of(5L, "update_postimage"), List.of(6L, "delete"),
          List.of(20L, "insert")), rows(session, "SELECT * FROM changes ORDER BY id", allocator),
          "the end is clamped to the newest version");

      String second = Instant.ofEpochMilli(table.history(3).get(2).timestamp()).atOffset(ZoneOffset.UTC).toString();
      String third = Instant.ofEpochMilli(table.history(2).get(1).timestamp()).atOffset(ZoneOffset.UTC).toString();
      DeltaChanges.register(session, "changes", table, DeltaCdfOptions.DEFAULT.withStartingTimestamp(second)
          .withEndingTimestamp(third).withColumns(List.of("_commit_version")));
      List<List<Object>> versions = rows(session, "SELECT DISTINCT _commit_version FROM changes ORDER BY 1",
          allocator);
      assertEquals(versions.get(0), List.of(2L), versions.toString());
      assertEquals(versions.get(versions.size() - 1), List.of(3L), versions.toString());
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void outOfRangeWindowsFailUnlessAllowed() {
    BufferAllocator allocator = new RootAllocator();
    try (Session session = Session.open()) {
      DeltaTable table = changedTable(session);
      DeltaException beyond = assertThrows(DeltaException.class,
          () -> DeltaChanges.read(session, table, DeltaCdfOptions.fromVersion(5)));
      assertEquals(ErrorCode.DELTA_VERSION_NOT_FOUND, beyond.errorCode());
      assertTrue(beyond.getMessage().contains("invalid table version: 5"), beyond.getMessage());
      DeltaException reversed = assertThrows(DeltaException.class,
          () -> DeltaChanges.read(session, table, DeltaCdfOptions.fromVersion(3).withEndingVersion(2)));
      assertTrue(reversed.getMessage().contains("start version 3 is greater than end version 2"),
          reversed.getMessage());
      DeltaException late = assertThrows(DeltaException.class, () -> DeltaChanges.read(session, table,
          DeltaCdfOptions.DEFAULT.withStartingTimestamp("2999-01-01T00:00:00Z")));
      assertTrue(late.getMessage().contains("greater than latest commit timestamp"), late.getMessage());

      DeltaChanges.register(session, "changes", table, DeltaCdfOptions.fromVersion(5).withAllowOutOfRange(true));
      assertEquals(List.of(List.of(0L)), rows(session, "SELECT count(*) FROM changes", allocator));
      DeltaChanges.register(session, "changes", table, DeltaCdfOptions.fromVersion(3).withEndingVersion(2)
          .withAllowOutOfRange(true));
      assertEquals(List.of(List.of(0L)), rows(session, "SELECT count(*) FROM changes", allocator));
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void tablesWithoutTheFeedAreRefused() {
    try (Session session = Session.open()) {
      DeltaTable table = DeltaTable.forPath(dir.resolve("plain").toString());
      writeSql(session, table, rowsSql(1, 3), DeltaWriteOptions.append().build());
      table.delete(session, "id = 1");
      assertEquals(0, cdcActions(table, 1), "no change data without the feed");
      DeltaException refused = assertThrows(DeltaException.class,
          () -> DeltaChanges.read(session, table, DeltaCdfOptions.DEFAULT));
      assertEquals(ErrorCode.DELTA_CDF_NOT_ENABLED, refused.errorCode());
      assertTrue(refused.getMessage().contains("version: 0 that does not have change data enabled"),
          refused.getMessage());
      refused = assertThrows(DeltaException.class,
          () -> DeltaChanges.read(session, table, DeltaCdfOptions.fromVersion(1)));
      assertTrue(refused.getMessage().contains("change data not enabled for version: 1"), refused.getMessage());
    }
  }

  static long cdcActions(DeltaTable table, long version) {
    return new io.codeanatomy.delta.internal.CommitLog(table.location()).readWinner(version).stream()
        .filter(action -> action.containsKey("cdc")).count();
  }
}
