package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.rows;
import static io.codeanatomy.delta.DeltaTestSupport.rowsSql;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Vacuum: retention, enforcement, dry runs, and never deleting a file a retained version needs. */
class DeltaVacuumTest extends SessionTestBase {
  private static final long HOUR = 3_600_000L;
  private static final long WEEK = 168 * HOUR;

  @TempDir Path dir;
  /** Version 0: ids 1..10; version 1 overwrites them with ids 1..5. */
  private DeltaTable overwritten(String name) {
    DeltaTable table = DeltaTable.forPath(dir.resolve(name).toString());
    writeSql(session, table, rowsSql(1, 10), DeltaWriteOptions.append().partitionBy("p").build());
    writeSql(session, table, rowsSql(1, 5), DeltaWriteOptions.overwrite().build());
    return table;
  }

  private static DeltaMaintenance at(DeltaTable table, long nowMillis) {
    return DeltaMaintenance.of(table, () -> nowMillis);
  }

  @Test
  void dryRunListsFilesWhoseRemovalOutlivedTheRetention() {
    DeltaTable table = overwritten("dry");
    List<String> versionZeroFiles = table.addActions(DeltaVersionSpec.atVersion(0)).stream()
        .map(DeltaAddAction::path).sorted().toList();

    DeltaVacuumResult fresh = DeltaMaintenance.of(table).vacuum(DeltaVacuumOptions.DEFAULT);
    assertTrue(fresh.dryRun());
    assertEquals(List.of(), fresh.files(), "removed moments ago: within the 7-day default retention");
    assertEquals(168, fresh.retentionHours());

    DeltaVacuumResult later = at(table, System.currentTimeMillis() + WEEK + HOUR).vacuum(DeltaVacuumOptions.DEFAULT);
    assertEquals(versionZeroFiles, later.files());
    assertFalse(later.report().committed());
    assertEquals("vacuum", later.report().operation());
    assertEquals(3, later.report().metrics().get("numFilesToDelete"));
    for (String file : versionZeroFiles) {
      assertTrue(Files.exists(table.directory().resolve(file)), "a dry run deletes nothing");
    }
    assertEquals(1, table.snapshotInfo().version(), "a dry run commits nothing");
  }

  @Test
  void vacuumDeletesBetweenStartAndEndCommits() {
    DeltaTable table = overwritten("real");
    List<List<Object>> latest = rowsAt(table, 1);

    DeltaVacuumResult result = at(table, System.currentTimeMillis() + WEEK + HOUR)
        .vacuum(DeltaVacuumOptions.builder().dryRun(false).build());

    assertEquals(3, result.files().size());
    for (String file : result.files()) {
      assertFalse(Files.exists(table.directory().resolve(file)));
    }
    assertTrue(result.report().committed());
    assertEquals(3, result.report().version());
    assertEquals(Map.of("numDeletedFiles", 3, "numVacuumedDirectories", 0), result.report().metrics());
    List<DeltaCommitInfo> history = table.history(2);
    assertEquals(List.of("VACUUM END", "VACUUM START"), history.stream().map(DeltaCommitInfo::operation).toList());
    assertEquals(3, history.get(1).operationMetrics().get("numFilesToDelete"));
    assertEquals(latest, rowsAt(table, 3));

    DeltaVacuumResult again = at(table, System.currentTimeMillis() + WEEK + HOUR)
        .vacuum(DeltaVacuumOptions.builder().dryRun(false).build());
    assertEquals(List.of(), again.files());
    assertFalse(again.report().committed(), "nothing to delete: no commit");
  }

  @Test
  void retentionBelowTheTableMinimumIsRefusedWhileEnforced() {
    DeltaTable table = overwritten("enforce");
    DeltaMaintenance inTwoHours = at(table, System.currentTimeMillis() + 2 * HOUR);
    DeltaException error = assertThrows(DeltaException.class, () -> inTwoHours.vacuum(
        DeltaVacuumOptions.builder().retentionHours(1).dryRun(false).build()));
    assertEquals(ErrorCode.DELTA_VACUUM_RETENTION, error.errorCode());
    assertTrue(error.getMessage().contains("greater than 168 hours, got 1 hours"), error.getMessage());
    assertEquals(1, table.snapshotInfo().version());

    DeltaVacuumResult unenforced = inTwoHours.vacuum(DeltaVacuumOptions.builder().retentionHours(1)
        .enforceRetentionDuration(false).dryRun(false).build());
    assertEquals(3, unenforced.files().size());
    assertEquals(1, unenforced.retentionHours());

    DeltaMaintenance.of(table).setProperties(Map.of("delta.deletedFileRetentionDuration", "interval 1 hours"));
    writeSql(session, table, rowsSql(1, 2), DeltaWriteOptions.overwrite().build());
    DeltaVacuumResult shorter = inTwoHours.vacuum(DeltaVacuumOptions.builder().retentionHours(1).build());
    assertEquals(3, shorter.files().size(), "version 1's files: the table's own minimum is one hour now");
  }

  @Test
  void vacuumProtocolCheckCanBeRequired() {
    DeltaTable table = overwritten("protocol-check");
    DeltaException error = assertThrows(DeltaException.class, () -> DeltaMaintenance.of(table)
        .vacuum(DeltaVacuumOptions.builder().requireVacuumProtocolCheck(true).build()));
    assertEquals(ErrorCode.DELTA_UNSUPPORTED_FEATURE, error.errorCode());
    assertTrue(error.getMessage().contains("does not advertise vacuumProtocolCheck"));
  }

  @Test
  void filesARestoreBroughtBackAreKept() {
    DeltaTable table = overwritten("restored");
    DeltaMaintenance.of(table).restore(DeltaVersionSpec.atVersion(0)); // version 2: version 0's files again
    List<List<Object>> restored = rowsAt(table, 2);
    List<String> versionOneFiles = table.addActions(DeltaVersionSpec.atVersion(1)).stream()
        .map(DeltaAddAction::path).sorted().toList();

    DeltaVacuumResult result = at(table, System.currentTimeMillis() + WEEK + HOUR)
        .vacuum(DeltaVacuumOptions.builder().dryRun(false).build());

    assertEquals(versionOneFiles, result.files(), "version 0's files were removed long ago but are live again");
    assertEquals(restored, rowsAt(table, result.report().version()));
  }

  /**
   * Random histories of writes, deletes, updates, optimizes, restores and property changes, then a
   * vacuum with a retention ending at a random commit: every retained version (the latest, and each
   * one the table was still at after the cutoff) reads exactly as before.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void vacuumNeverRemovesAFileARetainedVersionReferences(long seed) {
    Random random = new Random(seed);
    DeltaTable table = DeltaTable.forPath(dir.resolve("history-" + seed).toString());
    writeSql(session, table, rowsSql(1, 20), DeltaWriteOptions.append().partitionBy("p").build());
    int steps = 6 + random.nextInt(5);
    for (int step = 0; step < steps; step++) {
      long version = table.snapshotInfo().version();
      long first = 1 + random.nextInt(100);
      switch (random.nextInt(7)) {
        case 0 -> writeSql(session, table, rowsSql(first, 1 + random.nextInt(10)), DeltaWriteOptions.append().build());
        case 1 -> writeSql(session, table, rowsSql(first, 1 + random.nextInt(10)),
            DeltaWriteOptions.overwrite().build());
        case 2 -> table.delete(session, "id % " + (2 + random.nextInt(4)) + " = 0");
        case 3 -> table.update(session, "p = " + random.nextInt(3), Map.of("name", "concat(name, 'u')"));
        case 4 -> DeltaMaintenance.of(table).optimize(session, DeltaOptimizeOptions.DEFAULT);
        case 5 -> {
          if (version > 0) {
            DeltaMaintenance.of(table).restore(DeltaVersionSpec.atVersion(random.nextLong(version)));
          }
        }
        default -> DeltaMaintenance.of(table).setProperties(Map.of("step", Integer.toString(step)));
      }
    }
    long latest = table.snapshotInfo().version();
    Map<Long, List<List<Object>>> before = new HashMap<>();
    for (long version = 0; version <= latest; version++) {
      before.put(version, rowsAt(table, version));
    }
    Map<Long, Long> committedAt = table.history((int) latest + 1).stream()
        .collect(Collectors.toMap(DeltaCommitInfo::version, DeltaCommitInfo::timestamp));
    long cutoff = committedAt.get((long) random.nextInt((int) latest + 1)) + random.nextInt(3) - 1;

    DeltaVacuumResult result = at(table, cutoff + HOUR).vacuum(DeltaVacuumOptions.builder().retentionHours(1)
        .enforceRetentionDuration(false).dryRun(false).build());

    List<Long> retained = new ArrayList<>();
    for (long version = 0; version <= latest; version++) {
      if (version == latest || committedAt.get(version + 1) > cutoff) {
        retained.add(version);
        assertEquals(before.get(version), rowsAt(table, version), "version " + version + " after deleting "
            + result.files() + " (cutoff " + cutoff + ", commits " + committedAt + ")");
      }
    }
    assertEquals(List.of(), leftovers(table, retained.get(0)),
        "a file whose removal expired and that no retained version needs is vacuumed");
  }

  /**
   * Files of versions before {@code firstRetained} that no version from it on references and that
   * still exist. Each was removed at or before {@code firstRetained}, so its removal is expired.
   */
  private static List<String> leftovers(DeltaTable table, long firstRetained) {
    List<String> live = new ArrayList<>();
    long latest = table.snapshotInfo().version();
    for (long version = firstRetained; version <= latest; version++) {
      table.addActions(DeltaVersionSpec.atVersion(version)).forEach(file -> live.add(file.path()));
    }
    List<String> left = new ArrayList<>();
    for (long version = 0; version < firstRetained; version++) {
      for (DeltaAddAction file : table.addActions(DeltaVersionSpec.atVersion(version))) {
        if (!live.contains(file.path()) && !left.contains(file.path())
            && Files.exists(table.directory().resolve(file.path()))) {
          left.add(file.path());
        }
      }
    }
    return left;
  }
}
