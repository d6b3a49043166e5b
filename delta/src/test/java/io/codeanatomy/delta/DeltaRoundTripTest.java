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
import io.codeanatomy.engine.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Create, append (frame and stream), overwrite, time travel, pruning, file pinning, schema merge. */
class DeltaRoundTripTest {
  @TempDir Path dir;

  @Test
  void partitionedWritesReadBackAtEveryVersion() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    try (Session session = Session.open()) {
      DeltaOperationReport created = writeSql(session, table, rowsSql(1, 100),
          DeltaWriteOptions.append().partitionBy("p").build());
      assertEquals(0, created.version());
      assertEquals(List.of("p"), created.snapshot().partitionColumns());
      assertEquals(100L, created.metrics().get("num_added_rows"));
      assertEquals(3, created.metrics().get("num_partitions"));

      DeltaOperationReport appended = DeltaTestSupport.appendStream(session, table, rowsSql(101, 50), allocator,
          DeltaWriteOptions.append().build());
      assertEquals(1, appended.version());
      DeltaOperationReport overwritten = writeSql(session, table, rowsSql(1000, 10),
          DeltaWriteOptions.overwrite().build());
      assertEquals(2, overwritten.version());
      assertEquals(6, overwritten.metrics().get("num_removed_files"));

      long[] expected = {100, 150, 10};
      for (int version = 0; version < 3; version++) {
        DeltaTables.register(session, "v" + version, table,
            DeltaReadOptions.LATEST.at(DeltaVersionSpec.atVersion(version)));
        assertEquals(expected[version], count(session, "SELECT count(*) FROM v" + version, allocator));
      }
      assertEquals(List.of(List.of(150L, 11325L)),
          rows(session, "SELECT count(*), sum(id) FROM v1", allocator));
      assertEquals(List.of(List.of(34L)), rows(session, "SELECT count(*) FROM v0 WHERE p = 1", allocator));
      assertEquals(List.of(List.of("n1000", 1L)),
          rows(session, "SELECT name, p FROM v2 WHERE id = 1000", allocator));

      List<DeltaCommitInfo> history = table.history(10);
      assertEquals(List.of(2L, 1L, 0L), history.stream().map(DeltaCommitInfo::version).toList());
      assertEquals("WRITE", history.get(0).operation());
      assertEquals("Overwrite", ((Map<?, ?>) history.get(0).commitInfo().get("operationParameters")).get("mode"));
      assertEquals("CREATE TABLE", history.get(2).operation());
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void filePinningScansExactlyTheNamedFiles() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("pinned").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 90), DeltaWriteOptions.append().partitionBy("p").build());
      List<DeltaAddAction> files = table.addActions(DeltaVersionSpec.latest());
      assertEquals(3, files.size());
      DeltaAddAction first = files.get(0);
      DeltaRegistration registration = DeltaTables.register(session, "one", table, DeltaReadOptions.LATEST
          .withFiles(List.of(first.path())).withScan(DeltaScanOptions.DEFAULT.withFileColumn("__file")));
      assertEquals(3, registration.totalFiles());
      assertEquals(1, registration.files().size());
      assertEquals(List.of(List.of(30L, first.path())),
          rows(session, "SELECT count(*), min(__file) FROM one", allocator));
      assertTrue(first.path().startsWith("p=" + first.partitionValues().get("p") + "/"));

      DeltaException missing = assertThrows(DeltaException.class, () -> DeltaTables.register(session, "x", table,
          DeltaReadOptions.LATEST.withFiles(List.of("p=9/nope.parquet"))));
      assertTrue(missing.getMessage().startsWith("Delta pruning file list not found in table: [p=9/nope.parquet]"),
          missing.getMessage());
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void schemaMergeAddsColumns() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("merge").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, "SELECT 1 AS id", DeltaWriteOptions.append().build());
      DeltaException refused = assertThrows(DeltaException.class, () -> writeSql(session, table,
          "SELECT 2 AS id, 'x' AS extra", DeltaWriteOptions.append().build()));
      assertTrue(refused.getMessage().contains("extra"), refused.getMessage());
      writeSql(session, table, "SELECT 2 AS id, 'x' AS extra",
          DeltaWriteOptions.append().schemaMode(DeltaSchemaMode.MERGE).build());
      DeltaTables.register(session, "m", table);
      assertEquals(List.of(List.of(1L, "null"), List.of(2L, "x")),
          rows(session, "SELECT id, coalesce(extra, 'null') FROM m ORDER BY id", allocator));
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void appTransactionMakesWritesIdempotent() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("idem").toString());
    DeltaWriteOptions once = DeltaWriteOptions.append()
        .commitOptions(DeltaCommitOptions.DEFAULT.withAppTransaction(new DeltaAppTransaction("job-7", 3))
            .withMetadata(Map.of("run", "r1")))
        .build();
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 5), DeltaWriteOptions.append().build());
      DeltaOperationReport first = writeSql(session, table, rowsSql(6, 5), once);
      DeltaOperationReport again = writeSql(session, table, rowsSql(6, 5), once);
      assertTrue(first.committed());
      assertFalse(again.committed());
      assertEquals(first.version(), again.version());
      assertEquals("r1", table.history(1).get(0).commitInfo().get("run"));
      DeltaTables.register(session, "t", table);
      assertEquals(10L, count(session, "SELECT count(*) FROM t", allocator));
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void checkpointsAreReadBack() throws Exception {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("ckpt").toString());
    try (Session session = Session.open()) {
      for (int i = 0; i < 3; i++) {
        writeSql(session, table, rowsSql(i * 10 + 1, 10), DeltaWriteOptions.append().partitionBy("p").build());
      }
      DeltaOperationReport checkpoint = table.checkpoint();
      assertEquals("create_checkpoint", checkpoint.operation());
      assertTrue(Files.exists(table.directory().resolve("_delta_log/00000000000000000002.checkpoint.parquet")));
      writeSql(session, table, rowsSql(100, 10), DeltaWriteOptions.append().build());
      DeltaTables.register(session, "t", table);
      assertEquals(40L, count(session, "SELECT count(*) FROM t", allocator));
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void typedErrorsNameTableAndVersion() throws Exception {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("errors").toString());
    try (Session session = Session.open()) {
      DeltaException notTable = assertThrows(DeltaException.class, () -> DeltaTable.open(dir.toString()));
      assertEquals(ErrorCode.DELTA_TABLE, notTable.errorCode());

      writeSql(session, table, rowsSql(1, 10), DeltaWriteOptions.append().build());
      DeltaException noVersion = assertThrows(DeltaException.class,
          () -> table.snapshotInfo(DeltaVersionSpec.atVersion(5)));
      assertEquals(ErrorCode.DELTA_VERSION_NOT_FOUND, noVersion.errorCode());
      assertTrue(noVersion.getMessage().contains(table.uri()), noVersion.getMessage());
      DeltaException early = assertThrows(DeltaException.class,
          () -> table.snapshotInfo(DeltaVersionSpec.atTimestamp("2001-01-01T00:00:00Z")));
      assertEquals(ErrorCode.DELTA_VERSION_NOT_FOUND, early.errorCode());
      assertTrue(early.getMessage().contains("2001-01-01T00:00:00Z"), early.getMessage());

      DeltaAddAction file = table.addActions(DeltaVersionSpec.latest()).get(0);
      Files.delete(table.directory().resolve(file.path()));
      DeltaException missingFile = assertThrows(DeltaException.class,
          () -> DeltaTables.register(session, "t", table));
      assertEquals(ErrorCode.DELTA_CORRUPT_LOG, missingFile.errorCode());
      assertTrue(missingFile.getMessage().contains(file.path()) && missingFile.getMessage().contains("version 0"),
          missingFile.getMessage());

      Files.writeString(table.directory().resolve("_delta_log/00000000000000000001.json"), "{not json\n");
      DeltaException corrupt = assertThrows(DeltaException.class, () -> table.snapshotInfo());
      assertEquals(ErrorCode.DELTA_CORRUPT_LOG, corrupt.errorCode());
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void unsupportedFeaturesAreRefusedUpFront() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("features").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, "SELECT 1 AS id", DeltaWriteOptions.append().build());
      Files.writeString(table.directory().resolve("_delta_log/00000000000000000001.json"),
          "{\"commitInfo\":{\"timestamp\":1,\"operation\":\"UPGRADE PROTOCOL\"}}\n"
              + "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":7,\"writerFeatures\":[\"rowTracking\","
              + "\"domainMetadata\"]}}\n");
      DeltaException refused = assertThrows(DeltaException.class,
          () -> writeSql(session, table, "SELECT 2 AS id", DeltaWriteOptions.append().build()));
      assertEquals(ErrorCode.DELTA_UNSUPPORTED_FEATURE, refused.errorCode());
      assertTrue(refused.getMessage().contains("rowTracking") && refused.getMessage().contains("version 1"),
          refused.getMessage());
      assertEquals(1, table.history(10).get(0).version());

      Files.writeString(table.directory().resolve("_delta_log/00000000000000000002.json"),
          "{\"commitInfo\":{\"timestamp\":2,\"operation\":\"UPGRADE PROTOCOL\"}}\n"
              + "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"futureFeature\"],"
              + "\"writerFeatures\":[\"futureFeature\"]}}\n");
      DeltaException unreadable = assertThrows(DeltaException.class, () -> DeltaTables.register(session, "f", table));
      assertEquals(ErrorCode.DELTA_UNSUPPORTED_FEATURE, unreadable.errorCode());
    }
  }

  @Test
  void gateChecksThePreWriteSnapshot() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("gate").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, "SELECT 1 AS id", DeltaWriteOptions.append().build());
      DeltaFeatureGate gate = new DeltaFeatureGate(null, null, List.of(), List.of("changeDataFeed"));
      DeltaException failed = assertThrows(DeltaException.class,
          () -> writeSql(session, table, "SELECT 2 AS id", DeltaWriteOptions.append().gate(gate).build()));
      assertTrue(failed.getMessage().startsWith("Delta writer feature gate failed."), failed.getMessage());
      DeltaSnapshotInfo info = table.snapshotInfo();
      assertEquals(0, info.version());
      assertEquals(1, info.minReaderVersion());
      assertEquals(2, info.minWriterVersion());
      assertTrue(info.payload().containsKey("snapshot_timestamp"));
    }
  }
}
