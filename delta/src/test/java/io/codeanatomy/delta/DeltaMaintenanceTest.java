package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.rows;
import static io.codeanatomy.delta.DeltaTestSupport.rowsSql;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.delta.internal.CommitLog;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Optimize, restore, properties, features, checkpoints, log cleanup and the maintenance policy. */
class DeltaMaintenanceTest extends SessionTestBase {
  private static final long DAY = 24 * 3_600_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  /** Five appends into three partitions: fifteen small files, ids 1..50. */
  private DeltaTable smallFiles(String name) {
    DeltaTable table = DeltaTable.forPath(dir.resolve(name).toString());
    for (int i = 0; i < 5; i++) {
      writeSql(session, table, rowsSql(1 + i * 10L, 10), DeltaWriteOptions.append().partitionBy("p").build());
    }
    return table;
  }

  private List<List<Object>> latestRows(DeltaTable table) {
    return rowsAt(table, table.snapshotInfo().version());
  }

  /** An append to {@link #smallFiles} (50 rows) still works. */
  private void assertStillWritable(DeltaTable table, String when) {
    writeSql(session, table, rowsSql(500, 3), DeltaWriteOptions.append().build());
    assertEquals(53, latestRows(table).size(), "the table stays writable " + when);
  }

  private static List<JsonNode> actions(DeltaTable table, long version, String kind) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (String line : Files.readAllLines(table.directory().resolve("_delta_log").resolve(
        CommitLog.commitFileName(version)))) {
      JsonNode action = JSON.readTree(line).get(kind);
      if (action != null) {
        found.add(action);
      }
    }
    return found;
  }

  private static DeltaException deltaError(ErrorCode code, org.junit.jupiter.api.function.Executable call) {
    DeltaException error = assertThrows(DeltaException.class, call);
    assertEquals(code, error.errorCode(), error::getMessage);
    return error;
  }

  @Test
  void optimizeBinPacksSmallFilesWithoutChangingData() throws Exception {
    DeltaTable table = smallFiles("compact");
    List<List<Object>> before = latestRows(table);
    assertEquals(15, table.addActions(DeltaVersionSpec.latest()).size());

    DeltaOperationReport report = DeltaMaintenance.of(table).optimize(session, DeltaOptimizeOptions.DEFAULT);

    assertTrue(report.committed());
    assertEquals("optimize", report.operation());
    assertEquals(5, report.version());
    assertEquals(5L, report.payload().get("maintenance_version"));
    assertEquals(15, report.metrics().get("numFilesRemoved"));
    assertEquals(3, report.metrics().get("numFilesAdded"));
    assertEquals(3, report.metrics().get("partitionsOptimized"));
    assertEquals(15, report.metrics().get("totalConsideredFiles"));
    assertEquals(0, report.metrics().get("totalFilesSkipped"));
    assertEquals(3, table.addActions(DeltaVersionSpec.latest()).size());
    assertEquals(before, latestRows(table));
    assertEquals(before, rowsAt(table, 4), "time travel to before the optimize still reads the old files");

    DeltaCommitInfo commit = table.history(1).get(0);
    assertEquals("OPTIMIZE", commit.operation());
    assertEquals(report.metrics().get("numFilesAdded"), commit.operationMetrics().get("numFilesAdded"));
    assertEquals(15, actions(table, 5, "remove").size());
    for (String kind : List.of("add", "remove")) {
      for (JsonNode action : actions(table, 5, kind)) {
        assertFalse(action.get("dataChange").asBoolean(), "optimize rearranges data: dataChange=false");
      }
    }

    DeltaOperationReport again = DeltaMaintenance.of(table).optimize(session, DeltaOptimizeOptions.DEFAULT);
    assertFalse(again.committed(), "one file per partition: nothing left to compact");
    assertEquals(5, again.version());
    assertEquals(3, again.metrics().get("totalFilesSkipped"));
  }

  @Test
  void optimizeCommitsOverAConcurrentAppendButNotOverAConcurrentDelete() throws Exception {
    DeltaTable table = smallFiles("concurrent");
    io.delta.kernel.Snapshot planned = table.load(DeltaVersionSpec.latest());
    writeSql(session, table, rowsSql(100, 5), DeltaWriteOptions.append().build()); // version 5, a blind append
    DeltaOperationReport report = new Optimizer(table, planned).run(session, DeltaOptimizeOptions.DEFAULT);
    assertEquals(6, report.version(), "the compaction lands on top of the append");
    assertEquals(55, latestRows(table).size());

    io.delta.kernel.Snapshot stale = table.load(DeltaVersionSpec.latest());
    table.delete(session, "id = 100"); // version 7 rewrites a file the optimize is about to remove
    List<Path> files = dataFiles(table);
    DeltaException conflict = deltaError(ErrorCode.DELTA_COMMIT_CONFLICT,
        () -> new Optimizer(table, stale).run(session, DeltaOptimizeOptions.DEFAULT));
    assertTrue(conflict.getMessage().contains("ConcurrentDeleteDeleteException"), conflict.getMessage());
    assertEquals(7, table.snapshotInfo().version());
    assertEquals(files, dataFiles(table), "the files the failed optimize wrote were deleted again");
  }

  private static List<Path> dataFiles(DeltaTable table) throws java.io.IOException {
    try (Stream<Path> walk = Files.walk(table.directory())) {
      return walk.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("_delta_log")).sorted()
          .toList();
    }
  }

  @Test
  void optimizeLeavesFilesAtOrAboveTheTargetSize() {
    DeltaTable table = smallFiles("large");
    long smallest = table.addActions(DeltaVersionSpec.latest()).stream().mapToLong(DeltaAddAction::size).min()
        .orElseThrow();
    DeltaOperationReport report = DeltaMaintenance.of(table)
        .optimize(session, DeltaOptimizeOptions.builder().targetSize(smallest).build());
    assertFalse(report.committed());
    assertEquals(15, report.metrics().get("totalFilesSkipped"));
    assertEquals(4, table.snapshotInfo().version());
  }

  @Test
  void binsCompactedConcurrentlyGiveTheSequentialResultInOneCommit() throws Exception {
    List<List<Object>> before = null;
    List<Map<String, Object>> summaries = new ArrayList<>();
    for (int tasks : new int[] {1, 4}) {
      DeltaTable table = smallFiles("bins-" + tasks);
      before = latestRows(table);
      List<DeltaAddAction> files = table.addActions(DeltaVersionSpec.latest());
      long largest = files.stream().mapToLong(DeltaAddAction::size).max().orElseThrow();
      long smallest = files.stream().mapToLong(DeltaAddAction::size).min().orElseThrow();
      // Two files a bin: each partition's five files make bins of 2, 2 and 1, the last left alone.
      long target = 2 * largest + smallest / 2;

      DeltaOperationReport report = DeltaMaintenance.of(table).optimize(session,
          DeltaOptimizeOptions.builder().targetSize(target).maxConcurrentTasks(tasks).build());

      assertEquals(5, report.version(), "one commit, whatever the concurrency");
      assertEquals(6, report.metrics().get("numBatches"));
      assertEquals(12, report.metrics().get("numFilesRemoved"));
      assertEquals(6, report.metrics().get("numFilesAdded"), "every bin is written into a file of its own");
      assertEquals(3, report.metrics().get("totalFilesSkipped"));
      assertEquals(before, latestRows(table));
      List<JsonNode> removes = actions(table, 5, "remove");
      List<JsonNode> adds = actions(table, 5, "add");
      assertEquals(12, removes.size());
      assertEquals(6, adds.size());
      Map<String, Long> removedRows = new java.util.TreeMap<>();
      Map<String, Long> addedRows = new java.util.TreeMap<>();
      for (JsonNode remove : removes) {
        DeltaAddAction removed = files.stream().filter(f -> f.path().equals(remove.get("path").asText())).findFirst()
            .orElseThrow(() -> new AssertionError("removes a file the table did not hold: " + remove));
        removedRows.merge(removed.partitionValues().get("p"), readJson(removed.stats()).get("numRecords").asLong(),
            Long::sum);
      }
      for (JsonNode add : adds) {
        assertTrue(add.get("path").asText().startsWith("p=" + add.get("partitionValues").get("p").asText() + "/"));
        addedRows.merge(add.get("partitionValues").get("p").asText(),
            readJson(add.get("stats").asText()).get("numRecords").asLong(), Long::sum);
      }
      assertEquals(removedRows, addedRows, "each partition's rewritten rows land in its own new files");
      summaries.add(Map.of("removed", removedRows, "metrics", List.of(report.metrics().get("numFilesAdded"),
          report.metrics().get("numFilesRemoved"), report.metrics().get("partitionsOptimized"))));
    }
    assertEquals(summaries.get(0), summaries.get(1));
  }

  @Test
  void compactionSpreadsFilesEvenlyOverTheBinsItNeeds() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("balanced").toString());
    for (int i = 0; i < 6; i++) {
      writeSql(session, table, rowsSql(1 + i * 10L, 10), DeltaWriteOptions.append().build());
    }
    long largest = table.addActions(DeltaVersionSpec.latest()).stream().mapToLong(DeltaAddAction::size).max()
        .orElseThrow();
    List<List<Object>> before = latestRows(table);

    // Packed greedily, a target of four and a half files makes bins of four files and two.
    DeltaOperationReport report = DeltaMaintenance.of(table).optimize(session,
        DeltaOptimizeOptions.builder().targetSize(largest * 9 / 2).build());

    assertEquals(2, report.metrics().get("numBatches"));
    assertEquals(6, report.metrics().get("numFilesRemoved"));
    List<Long> records = new ArrayList<>();
    for (JsonNode add : actions(table, 6, "add")) {
      records.add(readJson(add.get("stats").asText()).get("numRecords").asLong());
    }
    assertEquals(List.of(30L, 30L), records, "three files in each bin");
    assertEquals(before, latestRows(table));
  }

  @Test
  void aFailingBinLeavesTheTableAndItsFilesAsTheyWere() throws Exception {
    for (int tasks : new int[] {1, 2}) {
      DeltaTable table = DeltaTable.forPath(dir.resolve("failing-" + tasks).toString());
      for (int i = 0; i < 4; i++) {
        writeSql(session, table, "SELECT value AS id, 'large' AS p, concat('n', value) AS name FROM generate_series("
            + i * 100 + ", " + (i * 100 + 99) + ")", DeltaWriteOptions.append().partitionBy("p").build());
      }
      for (int i = 0; i < 2; i++) {
        writeSql(session, table, "SELECT " + i + " AS id, 'small' AS p, 'x' AS name",
            DeltaWriteOptions.append().partitionBy("p").build());
      }
      List<Path> files = dataFiles(table);
      for (Path file : files) {
        if (file.getParent().getFileName().toString().equals("p=small")) {
          Files.writeString(file, "not a Parquet file"); // its bin is the smaller one, rewritten last
        }
      }

      DeltaException error = deltaError(ErrorCode.DELTA_MAINTENANCE, () -> DeltaMaintenance.of(table)
          .optimize(session, DeltaOptimizeOptions.builder().maxConcurrentTasks(tasks).build()));

      assertTrue(error.getMessage().startsWith("Delta optimize failed"), error.getMessage());
      assertEquals(5, table.snapshotInfo().version(), "nothing was committed");
      assertEquals(files, dataFiles(table), "the files the other bin wrote were deleted, the old ones kept");
      DeltaTables.register(session, "kept", table);
      assertEquals(List.of(List.of(400L, 79800L)), rows(session,
          "SELECT count(*), sum(id) FROM kept WHERE p = 'large'", allocator));
    }
  }

  @Test
  void concurrencyMustBePositive() {
    assertThrows(io.codeanatomy.core.error.ConfigurationException.class,
        () -> DeltaOptimizeOptions.builder().maxConcurrentTasks(0).build());
    assertEquals(3, DeltaOptimizeOptions.builder().maxConcurrentTasks(3).build().effectiveMaxConcurrentTasks());
    assertEquals(Runtime.getRuntime().availableProcessors(), DeltaOptimizeOptions.DEFAULT.effectiveMaxConcurrentTasks());
  }

  @Test
  void optimizeRewritesAFileWhoseDeletionVectorDropsRows() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("dv").toString());
    writeSql(session, table, rowsSql(1, 20), DeltaWriteOptions.append().build());
    DeltaDeletionVectorTest.commitDeletionVector(table, table.addActions(DeltaVersionSpec.latest()).get(0),
        new long[] {0, 5, 19});
    List<List<Object>> before = latestRows(table);
    assertEquals(17, before.size());

    DeltaOperationReport report = DeltaMaintenance.of(table).optimize(session, DeltaOptimizeOptions.DEFAULT);

    assertEquals(1, report.metrics().get("numFilesRemoved"));
    List<DeltaAddAction> files = table.addActions(DeltaVersionSpec.latest());
    assertEquals(1, files.size());
    assertFalse(files.get(0).hasDeletionVector(), "the rewritten file holds only the live rows");
    assertEquals(before, latestRows(table));
    assertTrue(actions(table, 2, "remove").get(0).has("deletionVector"), "the remove names the vector it drops");
  }

  @Test
  void zOrderLaysRowsOutAlongTheCurve() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("zorder").toString());
    // A 16 x 16 grid in scrambled order, over two files.
    String grid = "SELECT value % 16 AS x, value / 16 AS y, concat('r', value) AS name FROM generate_series(0, 255) "
        + "ORDER BY (value * 97) % 256";
    writeSql(session, table, grid + " LIMIT 128", DeltaWriteOptions.append().build());
    writeSql(session, table, grid + " OFFSET 128", DeltaWriteOptions.append().build());
    session.set("datafusion.execution.batch_size", "16");

    DeltaOperationReport report = DeltaMaintenance.of(table).optimize(session,
        DeltaOptimizeOptions.builder().zOrderBy("x", "y").targetSize(1).build());

    // With one batch of 16 rows a file, Z-order puts each aligned 4 x 4 block of the grid in one file.
    assertEquals(16, report.metrics().get("numFilesAdded"));
    assertEquals("[\"x\",\"y\"]", table.history(1).get(0).commitInfo().get("operationParameters") instanceof Map<?, ?> p
        ? p.get("zOrderBy") : null);
    for (DeltaAddAction file : table.addActions(DeltaVersionSpec.latest())) {
      JsonNode stats = readJson(file.stats());
      for (String column : List.of("x", "y")) {
        long min = stats.get("minValues").get(column).asLong();
        long max = stats.get("maxValues").get(column).asLong();
        assertEquals(3, max - min, () -> "file " + file.path() + " spans " + column + " " + min + ".." + max);
        assertEquals(0, min % 4, "blocks are aligned");
      }
    }
    DeltaTables.register(session, "z", table);
    assertEquals(List.of(List.of(256L, 32640L)), rows(session,
        "SELECT count(*), sum(x + 16 * y) FROM z", allocator));
  }

  @Test
  void zOrderColumnsMustBeDataColumns() {
    DeltaTable table = smallFiles("zbad");
    DeltaMaintenance maintenance = DeltaMaintenance.of(table);
    assertTrue(deltaError(ErrorCode.DELTA_MAINTENANCE, () -> maintenance.optimize(session,
        DeltaOptimizeOptions.builder().zOrderBy("nope").build())).getMessage().contains("'nope' is not a column"));
    assertTrue(deltaError(ErrorCode.DELTA_MAINTENANCE, () -> maintenance.optimize(session,
        DeltaOptimizeOptions.builder().zOrderBy("p").build())).getMessage().contains("partition column"));
    assertEquals(4, table.snapshotInfo().version());
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void restoreBringsBackTheRowsAndMetadataOfAVersion() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("restore").toString());
    writeSql(session, table, rowsSql(1, 10), DeltaWriteOptions.append().build());
    writeSql(session, table, rowsSql(11, 10), DeltaWriteOptions.append().build());
    List<List<Object>> atOne = latestRows(table);
    table.delete(session, "id % 2 = 0");
    writeSql(session, table, "SELECT 100 AS id, 1 AS p, 'x' AS name, true AS extra",
        DeltaWriteOptions.append().schemaMode(DeltaSchemaMode.MERGE).build());

    DeltaOperationReport report = DeltaMaintenance.of(table).restore(DeltaVersionSpec.atVersion(1));

    assertEquals("restore", report.operation());
    assertEquals(4, report.version());
    assertEquals(atOne, latestRows(table));
    assertFalse(report.snapshot().schemaJson().contains("extra"), "the schema of version 1 is back");
    assertEquals(2, report.metrics().get("numRestoredFile"), "the two files the delete rewrote");
    assertEquals(table.addActions(DeltaVersionSpec.atVersion(3)).size(), report.metrics().get("numRemovedFile"),
        "every file of version 3 came from the delete's rewrite or the last append");
    assertEquals("RESTORE", table.history(1).get(0).operation());

    String timestamp = java.time.Instant.ofEpochMilli(table.history(5).get(4).timestamp()).toString();
    DeltaMaintenance.of(table).restore(DeltaVersionSpec.atTimestamp(timestamp));
    assertEquals(rowsAt(table, 0), latestRows(table));
  }

  @Test
  void restoreRefusesTheLatestVersionAndVacuumedFiles() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("restore-bad").toString());
    writeSql(session, table, rowsSql(1, 10), DeltaWriteOptions.append().build());
    writeSql(session, table, rowsSql(1, 5), DeltaWriteOptions.overwrite().build());
    DeltaMaintenance maintenance = DeltaMaintenance.of(table);
    assertTrue(deltaError(ErrorCode.DELTA_MAINTENANCE, () -> maintenance.restore(DeltaVersionSpec.atVersion(1)))
        .getMessage().contains("Version to restore 1 should be less than last available version 1"));
    deltaError(ErrorCode.DELTA_VERSION_NOT_FOUND, () -> maintenance.restore(DeltaVersionSpec.atVersion(7)));

    DeltaMaintenance.of(table).setProperties(Map.of("delta.appendOnly", "true"));
    assertTrue(deltaError(ErrorCode.DELTA_UNSUPPORTED_FEATURE, () -> maintenance.restore(
        DeltaVersionSpec.atVersion(0))).getMessage().contains("append-only"));
    DeltaMaintenance.of(table).setProperties(Map.of("delta.appendOnly", "false"));

    DeltaMaintenance.of(table, () -> System.currentTimeMillis() + 8 * DAY)
        .vacuum(DeltaVacuumOptions.builder().dryRun(false).build());
    long version = table.snapshotInfo().version();
    assertTrue(deltaError(ErrorCode.DELTA_MAINTENANCE, () -> maintenance.restore(DeltaVersionSpec.atVersion(0)))
        .getMessage().contains("vacuumed"));
    assertEquals(version, table.snapshotInfo().version(), "nothing committed");
  }

  @Test
  void setAndUnsetPropertiesUpgradeTheProtocolOnlyAsFarAsTheWriterCanFollow() {
    DeltaTable table = smallFiles("props");
    DeltaMaintenance maintenance = DeltaMaintenance.of(table);

    DeltaOperationReport report = maintenance.setProperties(Map.of("delta.enableChangeDataFeed", "true",
        "delta.logRetentionDuration", "interval 2 days", "team.owner", "ana"));
    assertEquals("set_properties", report.operation());
    assertEquals(Map.of(), report.metrics());
    assertEquals("true", report.snapshot().tableProperties().get("delta.enableChangeDataFeed"));
    assertEquals("ana", report.snapshot().tableProperties().get("team.owner"));
    assertTrue(report.snapshot().minWriterVersion() >= 4 || report.snapshot().writerFeatures()
        .contains("changeDataFeed"), "change data feed raised the protocol: " + report.snapshot());
    assertEquals("SET TBLPROPERTIES", table.history(1).get(0).operation());

    long version = report.version();
    deltaError(ErrorCode.DELTA_MAINTENANCE, () -> maintenance.setProperties(Map.of()));
    deltaError(ErrorCode.DELTA_MAINTENANCE, () -> maintenance.setProperties(Map.of("delta.checkpointInterval", "0")));
    assertTrue(deltaError(ErrorCode.DELTA_MAINTENANCE, () -> maintenance.setProperties(Map.of("delta.bogus", "1")))
        .getMessage().contains("delta.bogus"));
    assertTrue(deltaError(ErrorCode.DELTA_UNSUPPORTED_FEATURE, () -> maintenance.setProperties(
        Map.of("delta.enableRowTracking", "true"))).getMessage().contains("rowTracking"));
    assertTrue(deltaError(ErrorCode.DELTA_UNSUPPORTED_FEATURE, () -> maintenance.setProperties(
        Map.of("delta.columnMapping.mode", "name"))).getMessage().contains("columnMapping"));
    assertEquals(version, table.snapshotInfo().version(), "refused changes commit nothing");

    DeltaOperationReport unset = maintenance.unsetProperties(List.of("team.owner"), DeltaCommitOptions.DEFAULT);
    assertEquals("unset_properties", unset.operation());
    assertNull(unset.snapshot().tableProperties().get("team.owner"));
    assertEquals("true", unset.snapshot().tableProperties().get("delta.enableChangeDataFeed"));
    deltaError(ErrorCode.DELTA_MAINTENANCE, () -> maintenance.unsetProperties(List.of("team.owner"),
        DeltaCommitOptions.DEFAULT));

    assertStillWritable(table, "after property changes");
  }

  @Test
  void addFeaturesUpgradesTheProtocolAndRefusesWhatTheWriterCannotHonour() {
    DeltaTable table = smallFiles("features");
    DeltaMaintenance maintenance = DeltaMaintenance.of(table);
    long version = table.snapshotInfo().version();

    assertTrue(deltaError(ErrorCode.DELTA_MAINTENANCE, () -> maintenance.addFeatures(List.of("deletionVectors"),
        false, DeltaCommitOptions.DEFAULT)).getMessage().contains("Table feature enables"));
    assertTrue(deltaError(ErrorCode.DELTA_MAINTENANCE, () -> maintenance.addFeatures("inCommitTimestamp"))
        .getMessage().contains("Invalid Delta table feature \"inCommitTimestamp\""));
    deltaError(ErrorCode.DELTA_MAINTENANCE, () -> maintenance.addFeatures());
    for (String refused : List.of("rowTracking", "v2Checkpoint")) {
      assertTrue(deltaError(ErrorCode.DELTA_UNSUPPORTED_FEATURE, () -> maintenance.addFeatures(refused))
          .getMessage().contains(refused));
    }
    assertEquals(version, table.snapshotInfo().version(), "refused changes commit nothing");

    DeltaOperationReport report = maintenance.addFeatures("deletionVectors", "columnMapping");
    assertEquals("add_feature", report.operation());
    assertEquals(3, report.snapshot().minReaderVersion());
    assertEquals(7, report.snapshot().minWriterVersion());
    assertTrue(report.snapshot().readerFeatures().containsAll(List.of("deletionVectors", "columnMapping")));
    assertTrue(report.snapshot().writerFeatures().containsAll(List.of("deletionVectors", "columnMapping",
        "appendOnly", "invariants")), "the legacy writer version's features stay: " + report.snapshot());
    assertEquals("ADD FEATURE", table.history(1).get(0).operation());
    assertFalse(maintenance.addFeatures("deletionVectors").committed(), "already there: nothing to commit");

    assertStillWritable(table, "with unused column mapping and deletion vectors");
  }

  @Test
  void compositeEnableAndDisableFollowTheReferenceTable() {
    DeltaTable table = smallFiles("composite");
    DeltaMaintenance maintenance = DeltaMaintenance.of(table);

    DeltaFeatureChange dv = maintenance.enable(DeltaTableFeature.DELETION_VECTORS);
    assertEquals("true", dv.properties().snapshot().tableProperties().get("delta.enableDeletionVectors"));
    assertTrue(dv.properties().snapshot().readerFeatures().contains("deletionVectors"));
    assertFalse(dv.features().committed(), "the property already added the feature");
    assertEquals(2, dv.reports().size());

    long version = table.snapshotInfo().version();
    for (DeltaTableFeature refused : List.of(DeltaTableFeature.ROW_TRACKING, DeltaTableFeature.IN_COMMIT_TIMESTAMPS,
        DeltaTableFeature.COLUMN_MAPPING, DeltaTableFeature.V2_CHECKPOINTS)) {
      deltaError(ErrorCode.DELTA_UNSUPPORTED_FEATURE, () -> maintenance.enable(refused));
    }
    assertEquals(version, table.snapshotInfo().version(), "refused enables commit nothing");
    assertTrue(deltaError(ErrorCode.DELTA_MAINTENANCE, () -> maintenance.disable(DeltaTableFeature.COLUMN_MAPPING))
        .getMessage().startsWith("Delta column mapping cannot be disabled safely once enabled."));

    DeltaFeatureChange off = maintenance.disable(DeltaTableFeature.DELETION_VECTORS);
    assertNull(off.features());
    assertEquals("false", off.properties().snapshot().tableProperties().get("delta.enableDeletionVectors"));
    DeltaFeatureChange cdf = maintenance.enable(DeltaTableFeature.CHANGE_DATA_FEED);
    assertEquals("true", cdf.properties().snapshot().tableProperties().get("delta.enableChangeDataFeed"));
  }

  @Test
  void gateIsCheckedBeforeEveryOperation() {
    DeltaTable table = smallFiles("gated");
    DeltaMaintenance gated = DeltaMaintenance.of(table)
        .withGate(new DeltaFeatureGate(null, 7, List.of(), List.of()));
    deltaError(ErrorCode.DELTA_UNSUPPORTED_FEATURE, () -> gated.optimize(session, DeltaOptimizeOptions.DEFAULT));
    deltaError(ErrorCode.DELTA_UNSUPPORTED_FEATURE, () -> gated.setProperties(Map.of("a", "b")));
    assertEquals(4, table.snapshotInfo().version());
    deltaError(ErrorCode.DELTA_TABLE, () -> DeltaMaintenance.of(DeltaTable.forPath(dir.resolve("none").toString())));
  }

  @Test
  void cleanupDeletesOnlyLogFilesACheckpointMakesUnnecessary() throws Exception {
    DeltaTable table = smallFiles("cleanup");
    DeltaMaintenance.of(table).createCheckpoint();
    writeSql(session, table, rowsSql(100, 2), DeltaWriteOptions.append().build());
    List<List<Object>> latest = latestRows(table);

    DeltaOperationReport fresh = DeltaMaintenance.of(table).cleanupMetadata();
    assertEquals(Map.of("deleted_logs", 0L), fresh.metrics(), "nothing is older than the log retention");

    DeltaOperationReport report = DeltaMaintenance.of(table, () -> System.currentTimeMillis() + 31 * DAY)
        .cleanupMetadata();
    assertEquals("cleanup_metadata", report.operation());
    assertEquals(Map.of("deleted_logs", 4L), report.metrics(), "commits 0-3, before the checkpoint at 4");
    assertEquals(List.of(CommitLog.commitFileName(4), CommitLog.commitFileName(5)), logFiles(table));
    assertEquals(latest, latestRows(table));
    assertEquals(50, rowsAt(table, 4).size(), "the checkpointed version stays readable");
  }

  /** A checkpoint of the latest version also removes expired log files, as Kernel's checkpoints of a latest snapshot do. */
  @Test
  void checkpointOfTheLatestVersionCleansUpExpiredLogs() throws Exception {
    DeltaTable table = smallFiles("expired");
    DeltaMaintenance.of(table).createCheckpoint();
    FileTime longAgo = FileTime.fromMillis(System.currentTimeMillis() - 40 * DAY);
    try (Stream<Path> files = Files.list(table.directory().resolve("_delta_log"))) {
      for (Path file : files.toList()) {
        Files.setLastModifiedTime(file, longAgo);
      }
    }
    writeSql(session, table, rowsSql(100, 2), DeltaWriteOptions.append().build());
    List<List<Object>> latest = latestRows(table);
    DeltaMaintenance.of(table).createCheckpoint();
    assertEquals(List.of(CommitLog.commitFileName(4), CommitLog.commitFileName(5)), logFiles(table),
        "commits 0-3 expired before the checkpoint at 4");
    assertEquals(latest, latestRows(table));
  }

  @Test
  void checkpointsTheVersionAsked() {
    DeltaTable table = smallFiles("checkpoint");
    DeltaOperationReport report = DeltaMaintenance.of(table).createCheckpoint(DeltaVersionSpec.atVersion(2));
    assertEquals("create_checkpoint", report.operation());
    assertEquals(2, report.version());
    assertEquals(Map.of("checkpoint", "created"), report.metrics());
    assertTrue(Files.exists(table.directory().resolve("_delta_log/00000000000000000002.checkpoint.parquet")));
    assertEquals(4, DeltaMaintenance.of(table).createCheckpoint().version());
    assertEquals(50, latestRows(table).size());
  }

  @Test
  void cleanupIsRefusedOnATableWithCheckpointProtection() throws Exception {
    DeltaTable table = smallFiles("protected");
    io.delta.kernel.Snapshot base = table.load(DeltaVersionSpec.latest());
    new MaintenanceCommit(table, base, DeltaCommitOptions.DEFAULT, "UPGRADE PROTOCOL")
        .action(MaintenanceCommit.protocolAction(new io.delta.kernel.internal.actions.Protocol(1, 7, java.util.Set.of(),
            java.util.Set.of("appendOnly", "invariants", "checkpointProtection"))))
        .commit();
    DeltaMaintenance.of(table).createCheckpoint();
    long commits = logFiles(table).size();
    assertTrue(deltaError(ErrorCode.DELTA_UNSUPPORTED_FEATURE, () -> DeltaMaintenance.of(table,
        () -> System.currentTimeMillis() + 31 * DAY).cleanupMetadata()).getMessage().contains("checkpointProtection"));
    assertEquals(commits, logFiles(table).size(), "no log file was deleted");
  }

  private static List<String> logFiles(DeltaTable table) throws java.io.IOException {
    try (Stream<Path> log = Files.list(table.directory().resolve("_delta_log"))) {
      return log.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void policyRunsItsStepsInTheReferenceOrder() {
    DeltaTable table = smallFiles("policy");
    DeltaMaintenancePolicy policy = DeltaMaintenancePolicy.builder()
        .enableDeletionVectors(true)
        .optimizeOnWrite(true)
        .zOrder("after_partition_complete", "id")
        .vacuumOnWrite(true).vacuumRetentionHours(168).vacuumDryRun(true)
        .checkpointOnWrite(true)
        .enableLogCompaction(true)
        .build();
    assertTrue(policy.hasWork());
    List<List<Object>> before = latestRows(table);

    List<DeltaOperationReport> reports = DeltaMaintenance.of(table).run(session, policy);

    assertEquals(List.of("set_properties", "add_feature", "optimize", "vacuum", "create_checkpoint",
        "cleanup_metadata"), reports.stream().map(DeltaOperationReport::operation).toList());
    assertEquals(before, latestRows(table));
    assertEquals("optimize", table.history(1).get(0).commitInfo().get(DeltaMaintenance.STEP_METADATA_KEY));
    assertEquals("[\"id\"]", ((Map<?, ?>) table.history(1).get(0).commitInfo().get("operationParameters"))
        .get("zOrderBy"));
    assertEquals(3, table.addActions(DeltaVersionSpec.latest()).size());
    assertTrue(DeltaMaintenance.of(table).run(session, DeltaMaintenancePolicy.builder().build()).isEmpty());
  }

  @Test
  void policyRefusesUnrunnableStepsBeforeRunningAny() {
    DeltaTable table = smallFiles("policy-bad");
    DeltaMaintenance maintenance = DeltaMaintenance.of(table);
    DeltaException retention = deltaError(ErrorCode.DELTA_VACUUM_RETENTION, () -> maintenance.run(session,
        DeltaMaintenancePolicy.builder().optimizeOnWrite(true).vacuumOnWrite(true).vacuumRetentionHours(24).build()));
    assertTrue(retention.getMessage().startsWith(
        "Delta vacuum retention_hours must be at least 168 when enforcement is enabled."));
    deltaError(ErrorCode.DELTA_UNSUPPORTED_FEATURE, () -> maintenance.run(session,
        DeltaMaintenancePolicy.builder().enableDeletionVectors(true).enableV2Checkpoints(true).build()));
    assertEquals(4, table.snapshotInfo().version(), "no step ran");
    assertEquals(15, table.addActions(DeltaVersionSpec.latest()).size());
  }

  @Test
  void policyFingerprintCoversEveryField() {
    DeltaMaintenancePolicy base = DeltaMaintenancePolicy.builder().build();
    assertEquals(12, base.fingerprintPayload().size());
    assertFalse(base.hasWork());
    assertFalse(base.fingerprint().equals(DeltaMaintenancePolicy.builder().vacuumDryRun(true).build().fingerprint()));
    assertEquals(List.of(), DeltaMaintenancePolicy.builder().zOrder("never", "a").build().effectiveZOrderColumns());
    assertThrows(io.codeanatomy.core.error.ConfigurationException.class,
        () -> DeltaMaintenancePolicy.builder().zOrder("sometimes", "a").build());
  }
}
