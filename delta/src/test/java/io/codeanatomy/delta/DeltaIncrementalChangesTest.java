package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.rowsSql;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.engine.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** §4.11: filter policy, change types, cursor store and the cursor-driven incremental read. */
class DeltaIncrementalChangesTest {
  @TempDir Path dir;

  @Test
  void filterPoliciesBecomeChangeTypePredicates() {
    assertEquals(Optional.empty(), CdfFilterPolicy.includeAll().toSqlPredicate());
    assertEquals(Optional.of("FALSE"), new CdfFilterPolicy(false, false, false).toSqlPredicate());
    assertEquals(Optional.of("_change_type = 'insert'"), CdfFilterPolicy.insertsOnly().toSqlPredicate());
    assertEquals(Optional.of("_change_type IN ('insert', 'update_postimage')"),
        CdfFilterPolicy.insertsAndUpdatesOnly().toSqlPredicate());
    assertEquals(Optional.of("_change_type IN ('update_postimage', 'delete')"),
        new CdfFilterPolicy(false, true, true).toSqlPredicate());

    assertEquals(Optional.of(CdfChangeType.UPDATE_POSTIMAGE), CdfChangeType.fromCdfColumn(" Update_Post "));
    assertEquals(Optional.of(CdfChangeType.DELETE), CdfChangeType.fromCdfColumn("DELETE"));
    assertEquals(Optional.empty(), CdfChangeType.fromCdfColumn("update_preimage"));
    assertEquals(Optional.empty(), CdfChangeType.fromCdfColumn(null));
    assertTrue(CdfChangeType.INSERT.isUpsert());
    assertFalse(CdfChangeType.DELETE.isUpsert());
  }

  @Test
  void cursorStoreKeepsOneFilePerDataset() throws Exception {
    CdfCursorStore store = new CdfCursorStore(dir.resolve("cursors"));
    assertEquals(List.of(), store.list());
    assertFalse(store.has("repo/files"));
    store.save(new CdfCursor("repo/files", 3));
    store.save(new CdfCursor("other", 1));
    store.save(new CdfCursor("repo/files", 5));
    assertTrue(Files.isRegularFile(dir.resolve("cursors/repo_files.cursor.json")));
    assertTrue(Files.readString(dir.resolve("cursors/repo_files.cursor.json")).contains("\n"), "pretty-printed");
    assertEquals(Optional.of(new CdfCursor("repo/files", 5)), store.load("repo/files"));
    Files.writeString(dir.resolve("cursors/broken.cursor.json"), "{not json");
    assertEquals(Optional.empty(), store.load("broken"));
    assertEquals(List.of(new CdfCursor("other", 1), new CdfCursor("repo/files", 5)), store.list());
    assertTrue(store.delete("other"));
    assertFalse(store.delete("other"));
    assertEquals(Optional.empty(), store.load("other"));
  }

  @Test
  void cursorsMoveOnlyOverChangesRead() {
    BufferAllocator allocator = new RootAllocator();
    CdfCursorStore cursors = new CdfCursorStore(dir.resolve("cursors"));
    DeltaTable table = DeltaTable.forPath(dir.resolve("files").toString());
    DeltaCdfPolicy optional = DeltaCdfPolicy.DEFAULT;
    try (Session session = Session.open()) {
      try (CdfReadResult missing = DeltaIncrementalChanges.read(session, table, "files", cursors, optional, null,
          allocator)) {
        assertEquals(CdfReadResult.Status.UNAVAILABLE, missing.status());
        assertNull(missing.artifact().get("change_counts"));
      }
      DeltaException required = assertThrows(DeltaException.class, () -> DeltaIncrementalChanges.read(session, table,
          "files", cursors, new DeltaCdfPolicy(true, false), null, allocator));
      assertTrue(required.getMessage().contains("Delta CDF is required for dataset 'files' but is unavailable."));

      writeSql(session, table, "SELECT value AS id, concat('f', value % 4) AS file_id FROM generate_series(1, 8)",
          DeltaWriteOptions.append().tableProperties(Map.of("delta.enableChangeDataFeed", "true")).build());
      try (CdfReadResult first = DeltaIncrementalChanges.read(session, table, "files", cursors, optional, null,
          allocator)) {
        assertEquals(CdfReadResult.Status.NO_CHANGES, first.status(), "the first sighting sets the baseline");
        assertEquals(Optional.of(new CdfCursor("files", 0)), cursors.load("files"));
      }
      try (CdfReadResult none = DeltaIncrementalChanges.read(session, table, "files", cursors, optional, null,
          allocator)) {
        assertEquals(CdfReadResult.Status.NO_CHANGES, none.status());
      }

      table.delete(session, "id = 1");                                                      // v1: f1 deleted
      table.update(session, "id = 2", Map.of("id", "200"));                                 // v2: f2 updated
      writeSql(session, table, "SELECT 9 AS id, 'f9' AS file_id", DeltaWriteOptions.append().build()); // v3
      try (CdfReadResult read = DeltaIncrementalChanges.read(session, table, "files", cursors, optional,
          CdfFilterPolicy.includeAll(), allocator)) {
        assertEquals(CdfReadResult.Status.READ, read.status());
        assertEquals(3L, read.updatedVersion());
        assertEquals(1L, read.artifact().get("starting_version"));
        assertEquals(3L, read.artifact().get("ending_version"));
        assertEquals(4L, read.artifact().get("rows"));
        assertEquals(Map.of("delete", 1L, "insert", 1L, "update_postimage", 1L, "update_preimage", 1L),
            read.artifact().get("change_counts"));
        IncrementalFileChanges files = IncrementalFileChanges.fromChanges(read, "file_id");
        assertEquals(List.of("f2", "f9"), files.changedFileIds());
        assertEquals(List.of("f1"), files.deletedFileIds());
        assertEquals(Optional.of(new CdfCursor("files", 3)), cursors.load("files"));
      }

      table.delete(session, "id = 3");
      writeSql(session, table, "SELECT 10 AS id, 'f10' AS file_id", DeltaWriteOptions.append().build());
      try (CdfReadResult upserts = DeltaIncrementalChanges.read(session, table, "files", cursors, optional,
          CdfFilterPolicy.insertsAndUpdatesOnly(), allocator)) {
        assertEquals(List.of(List.of(10L, "insert")), idsAndTypes(upserts));
        assertEquals(Map.of("insert", 1L), upserts.artifact().get("change_counts"));
      }
      assertEquals(IncrementalFileChanges.NONE, IncrementalFileChanges.fromChanges(null, "file_id"));
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void aFeedThatCannotBeReadLeavesTheCursor() {
    BufferAllocator allocator = new RootAllocator();
    CdfCursorStore cursors = new CdfCursorStore(dir.resolve("cursors"));
    DeltaTable table = DeltaTable.forPath(dir.resolve("plain").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 3), DeltaWriteOptions.append().build());
      cursors.save(new CdfCursor("plain", 0));
      writeSql(session, table, rowsSql(4, 3), DeltaWriteOptions.append().build());
      try (CdfReadResult error = DeltaIncrementalChanges.read(session, table, "plain", cursors,
          DeltaCdfPolicy.DEFAULT, null, allocator)) {
        assertEquals(CdfReadResult.Status.ERROR, error.status());
        assertTrue(String.valueOf(error.artifact().get("error")).contains("change data not enabled"));
      }
      assertEquals(Optional.of(new CdfCursor("plain", 0)), cursors.load("plain"));
      DeltaException required = assertThrows(DeltaException.class, () -> DeltaIncrementalChanges.read(session,
          table, "plain", cursors, new DeltaCdfPolicy(true, false), null, allocator));
      assertEquals(ErrorCode.DELTA_CDF_NOT_ENABLED, required.errorCode());
      assertTrue(required.getMessage().contains("registration failed for required dataset 'plain'"));
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  private static List<List<Object>> idsAndTypes(CdfReadResult result) {
    List<List<Object>> rows = new ArrayList<>();
    for (VectorSchemaRoot batch : result.changes().batches()) {
      for (int row = 0; row < batch.getRowCount(); row++) {
        rows.add(List.of(batch.getVector("id").getObject(row), batch.getVector("_change_type").getObject(row)
            .toString()));
      }
    }
    return rows;
  }
}
