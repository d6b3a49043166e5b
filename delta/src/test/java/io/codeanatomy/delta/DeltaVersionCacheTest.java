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
import io.codeanatomy.delta.internal.ScanPlanner;
import io.codeanatomy.delta.internal.VersionCache;
import io.codeanatomy.engine.Session;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process-wide cache of what was derived from a table version ({@code VersionCache}): a
 * registration after any later commit sees the new version, time travel sees the old one, a table
 * written again at the same path is never served from the old table's entries, and concurrent
 * registrations agree with the log. Each registration's file list is compared with Kernel's own
 * replay of that version, bypassing the cache.
 */
class DeltaVersionCacheTest extends SessionTestBase {
  @TempDir Path dir;

  /** The version's active files as Kernel replays them without the cache: path and whether a DV applies. */
  private static List<String> uncachedFiles(DeltaTable table, long version) {
    Snapshot snapshot = TableManager.loadSnapshot(table.location().kernelPath()).atVersion(version)
        .build(table.engine());
    return ScanPlanner.files(table.engine(), snapshot, null).stream()
        .map(file -> file.path() + (file.deletionVector() == null ? "" : " +dv")).sorted().toList();
  }

  private static List<String> registeredFiles(DeltaRegistration registration) {
    return registration.files().stream()
        .map(file -> file.path() + (file.hasDeletionVector() ? " +dv" : "")).sorted().toList();
  }

  /** Registers the spec's version as {@code t}; checks its files against Kernel's and its rows' ids. */
  private DeltaRegistration assertRegistered(DeltaTable table, DeltaVersionSpec spec, long version,
      TreeSet<Long> ids) {
    DeltaRegistration registration = DeltaTables.register(session, "t", table, DeltaReadOptions.LATEST.at(spec));
    assertEquals(version, registration.snapshot().version(), spec.describe());
    assertEquals(uncachedFiles(table, version), registeredFiles(registration), "files of version " + version);
    assertEquals(uncachedFiles(table, version).size(), table.addActions(spec).size());
    List<Long> read = rows(session, "SELECT id FROM t ORDER BY id", allocator).stream()
        .map(row -> (Long) row.get(0)).toList();
    assertEquals(new ArrayList<>(ids), read, "rows of version " + version);
    return registration;
  }

  private static TreeSet<Long> ids(long first, long count) {
    TreeSet<Long> ids = new TreeSet<>();
    for (long id = first; id < first + count; id++) {
      ids.add(id);
    }
    return ids;
  }

  private static TreeSet<Long> without(TreeSet<Long> ids, LongPredicate removed) {
    TreeSet<Long> kept = new TreeSet<>(ids);
    kept.removeIf(removed::test);
    return kept;
  }

  @Test
  void everyLaterCommitIsSeenAndEveryOlderVersionStaysAsItWas() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("ops").toString());
    Map<Long, TreeSet<Long>> history = new TreeMap<>();
    TreeSet<Long> ids = ids(1, 30);
    history.put(writeSql(session, table, rowsSql(1, 30), DeltaWriteOptions.append().partitionBy("p").build())
        .version(), ids);
    DeltaMaintenance maintenance = DeltaMaintenance.of(table);
    List<java.util.function.Supplier<DeltaOperationReport>> operations = List.of(
        () -> writeSql(session, table, rowsSql(31, 10), DeltaWriteOptions.append().build()),
        () -> table.delete(session, "id % 4 = 0"),
        () -> table.update(session, "id = 5", Map.of("id", "id + 1000")),
        () -> maintenance.optimize(session, DeltaOptimizeOptions.DEFAULT),
        () -> writeSql(session, table, rowsSql(100, 7), DeltaWriteOptions.overwrite().build()),
        () -> maintenance.restore(DeltaVersionSpec.atVersion(2)),
        () -> { table.checkpoint(); return writeSql(session, table, rowsSql(200, 3), DeltaWriteOptions.append()
            .build()); });
    List<java.util.function.UnaryOperator<TreeSet<Long>>> effects = List.of(
        before -> { TreeSet<Long> after = new TreeSet<>(before); after.addAll(ids(31, 10)); return after; },
        before -> without(before, id -> id % 4 == 0),
        before -> { TreeSet<Long> after = without(before, id -> id == 5); after.add(1005L); return after; },
        before -> before,
        before -> ids(100, 7),
        before -> history.get(2L),
        before -> { TreeSet<Long> after = new TreeSet<>(before); after.addAll(ids(200, 3)); return after; });
    for (int i = 0; i < operations.size(); i++) {
      long latestBefore = history.keySet().stream().max(Comparator.naturalOrder()).orElseThrow();
      assertRegistered(table, DeltaVersionSpec.latest(), latestBefore, history.get(latestBefore)); // cached
      DeltaOperationReport report = operations.get(i).get();
      assertTrue(report.version() > latestBefore, "operation " + i + " committed");
      history.put(report.version(), effects.get(i).apply(history.get(latestBefore)));
      assertRegistered(table, DeltaVersionSpec.latest(), report.version(), history.get(report.version()));
    }
    for (Map.Entry<Long, TreeSet<Long>> version : history.entrySet()) {
      assertRegistered(table, DeltaVersionSpec.atVersion(version.getKey()), version.getKey(), version.getValue());
    }
  }

  @Test
  void protocolAndMetadataThatLaterCommitsChangeAreSeen() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("evolving").toString());
    writeSql(session, table, "SELECT 1 AS id", DeltaWriteOptions.append().build());
    DeltaSnapshotInfo before = DeltaTables.register(session, "t", table).snapshot();
    assertFalse(before.writerFeatures().contains("deletionVectors"));

    DeltaMaintenance maintenance = DeltaMaintenance.of(table);
    maintenance.addFeatures(List.of("deletionVectors"), true, DeltaCommitOptions.DEFAULT); // protocol
    maintenance.setProperties(Map.of("delta.logRetentionDuration", "interval 60 days")); // metadata
    writeSql(session, table, "SELECT 2 AS id, 'x' AS extra",
        DeltaWriteOptions.append().schemaMode(DeltaSchemaMode.MERGE).build()); // schema
    writeSql(session, table, "SELECT 3 AS id, 'y' AS extra", DeltaWriteOptions.append().build());

    DeltaSnapshotInfo after = DeltaTables.register(session, "t", table).snapshot();
    assertEquals(4, after.version());
    assertTrue(after.writerFeatures().contains("deletionVectors"), after.writerFeatures().toString());
    assertEquals("interval 60 days", after.tableProperties().get("delta.logRetentionDuration"));
    assertEquals(List.of(List.of(1L, "-"), List.of(2L, "x"), List.of(3L, "y")),
        rows(session, "SELECT id, coalesce(extra, '-') FROM t ORDER BY id", allocator));
    DeltaSnapshotInfo uncached = table.info(TableManager.loadSnapshot(table.location().kernelPath())
        .build(table.engine()));
    assertEquals(uncached.writerFeatures(), after.writerFeatures());
    assertEquals(uncached.tableProperties(), after.tableProperties());
    assertEquals(uncached.schemaJson(), after.schemaJson());
  }

  @Test
  void aTableWrittenAgainAtTheSamePathIsNotServedFromTheOldOne() throws IOException {
    Path path = dir.resolve("again");
    DeltaTable first = DeltaTable.forPath(path.toString());
    for (int i = 0; i < 3; i++) {
      writeSql(session, first, rowsSql(1 + 10L * i, 10), DeltaWriteOptions.append().build());
    }
    assertRegistered(first, DeltaVersionSpec.latest(), 2, ids(1, 30));
    assertRegistered(first, DeltaVersionSpec.atVersion(1), 1, ids(1, 20));
    assertRegistered(first, DeltaVersionSpec.atVersion(0), 0, ids(1, 10));

    deleteTree(path);
    DeltaTable second = DeltaTable.forPath(path.toString());
    writeSql(session, second, rowsSql(500, 4), DeltaWriteOptions.append().build());
    assertRegistered(second, DeltaVersionSpec.latest(), 0, ids(500, 4)); // the version went backwards
    assertRegistered(first, DeltaVersionSpec.atVersion(0), 0, ids(500, 4)); // same version, other content
    writeSql(session, second, rowsSql(600, 2), DeltaWriteOptions.append().build());
    writeSql(session, second, rowsSql(700, 1), DeltaWriteOptions.append().build());
    TreeSet<Long> now = ids(500, 4);
    now.addAll(ids(600, 2));
    now.add(700L);
    assertRegistered(first, DeltaVersionSpec.latest(), 2, now); // the old table's latest version number again
  }

  @Test
  void aVersionWhoseFilesWereVacuumedFailsAlthoughItsFileListIsCached() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("vacuumed").toString());
    writeSql(session, table, rowsSql(1, 10), DeltaWriteOptions.append().build());
    writeSql(session, table, rowsSql(20, 5), DeltaWriteOptions.overwrite().build());
    assertRegistered(table, DeltaVersionSpec.atVersion(0), 0, ids(1, 10));
    DeltaVacuumResult vacuum = DeltaMaintenance.of(table, () -> System.currentTimeMillis() + 8 * 24 * 3_600_000L)
        .vacuum(DeltaVacuumOptions.builder().dryRun(false).build()); // a day past the 7-day retention
    assertEquals(1, vacuum.files().size());
    DeltaException missing = assertThrows(DeltaException.class, () -> DeltaTables.register(session, "t", table,
        DeltaReadOptions.LATEST.at(DeltaVersionSpec.atVersion(0))));
    assertEquals(ErrorCode.DELTA_CORRUPT_LOG, missing.errorCode());
    assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
    assertRegistered(table, DeltaVersionSpec.latest(), vacuum.report().version(), ids(20, 5));
  }

  @Test
  void aSecondRegistrationOfAVersionIsServedFromTheCache() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("hits").toString());
    writeSql(session, table, rowsSql(1, 10), DeltaWriteOptions.append().build());
    DeltaTables.register(session, "t", table);
    long[] before = VersionCache.hitsAndMisses();
    DeltaTables.register(session, "t", table);
    long[] after = VersionCache.hitsAndMisses();
    assertEquals(before[0] + 1, after[0], "one lookup answered from the cache");
    assertEquals(before[1], after[1], "no lookup missed");

    writeSql(session, table, rowsSql(11, 10), DeltaWriteOptions.append().build());
    assertRegistered(table, DeltaVersionSpec.latest(), 1, ids(1, 20));
  }

  @Test
  void concurrentRegistrationsAgreeWithTheLogWhileCommitsLand() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("concurrent").toString());
    int rowsPerCommit = 5;
    int commits = 8;
    writeSql(session, table, rowsSql(0, rowsPerCommit), DeltaWriteOptions.append().build());
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch started = new CountDownLatch(threads);
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    List<Future<Integer>> readers = new ArrayList<>();
    try (BufferAllocator shared = new RootAllocator()) {
      for (int t = 0; t < threads; t++) {
        readers.add(pool.submit(() -> {
          int registrations = 0;
          try (Session own = Session.open()) {
            started.countDown();
            do {
              DeltaRegistration registration = DeltaTables.register(own, "t", table);
              long version = registration.snapshot().version();
              long count = DeltaTestSupport.count(own, "SELECT count(*) FROM t", shared);
              if (count != (version + 1) * rowsPerCommit || registration.totalFiles() != version + 1) {
                failures.add("version " + version + ": " + count + " rows in " + registration.totalFiles() + " files");
              }
              registrations++;
            } while (writing.get());
          }
          return registrations;
        }));
      }
      assertTrue(started.await(1, TimeUnit.MINUTES));
      for (int commit = 1; commit < commits; commit++) {
        writeSql(session, table, rowsSql((long) commit * rowsPerCommit, rowsPerCommit),
            DeltaWriteOptions.append().build());
      }
      writing.set(false);
      for (Future<Integer> reader : readers) {
        assertTrue(reader.get(5, TimeUnit.MINUTES) > 0);
      }
      assertEquals(List.of(), new ArrayList<>(failures));
      assertEquals(0, shared.getAllocatedMemory());
    } finally {
      pool.shutdownNow();
    }
    assertRegistered(table, DeltaVersionSpec.latest(), commits - 1, ids(0, (long) commits * rowsPerCommit));
  }

  private static void deleteTree(Path path) throws IOException {
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Test
  void keysDoNotPrintTheirStorageOptions() {
    VersionCache.Key key = new VersionCache.Key("/tables/t", Map.of("aws_secret_access_key", "s3cr3t"), 3, List.of());
    assertFalse(key.toString().contains("s3cr3t"), key.toString());
    assertTrue(key.toString().contains("/tables/t"), key.toString());
  }
}
