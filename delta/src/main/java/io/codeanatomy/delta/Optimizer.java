package io.codeanatomy.delta;

import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.delta.internal.DataWriter;
import io.codeanatomy.delta.internal.FileActions;
import io.codeanatomy.delta.internal.Json;
import io.codeanatomy.delta.internal.ScanFile;
import io.codeanatomy.delta.internal.ScanPlanner;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.RuntimeProfile;
import io.codeanatomy.engine.Session;
import io.delta.kernel.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One optimize of a snapshot ({@link DeltaMaintenance#optimize}): plans which files to rewrite
 * (bin-packing per partition, or whole partitions for a z-order), rewrites their rows through the
 * native writer (compaction bins concurrently, each into files of its own; a z-order as one sorted
 * stream), and commits the removes and adds with {@code dataChange=false} in one commit.
 */
final class Optimizer {
  /**
   * A compaction bin's session: one partition, so its files are read one after another without a
   * sort or repartitioning.
   */
  private static final RuntimeProfile BIN_SESSION = RuntimeProfile.builder().targetPartitions(1).build();

  private final DeltaTable table;
  private final Snapshot base;
  private final DeltaSnapshotInfo baseInfo;

  Optimizer(DeltaTable table, Snapshot base) {
    this.table = table;
    this.base = base;
    this.baseInfo = table.info(base);
  }

  DeltaOperationReport run(Session session, DeltaOptimizeOptions options) {
    long target = options.targetSize() != null ? options.targetSize() : tableTargetSize();
    List<String> zOrder = zOrderColumns(options.zOrderColumns());

    List<ScanFile> files = ScanPlanner.files(table.engine(), base, null);
    Map<String, List<ScanFile>> byPartition = new TreeMap<>();
    for (ScanFile file : files) {
      byPartition.computeIfAbsent(Json.write(new TreeMap<>(file.partitionValues())), k -> new ArrayList<>()).add(file);
    }
    List<List<ScanFile>> bins = new ArrayList<>();
    List<ScanFile> rewrite = new ArrayList<>();
    int partitionsOptimized = 0;
    for (List<ScanFile> partitionFiles : byPartition.values()) {
      List<List<ScanFile>> chosen = zOrder.isEmpty() ? compactionBins(partitionFiles, target)
          : partitionFiles.size() > 1 || partitionFiles.get(0).deletionVector() != null ? List.of(partitionFiles)
          : List.of();
      for (List<ScanFile> bin : chosen) {
        rewrite.addAll(bin);
      }
      bins.addAll(chosen);
      partitionsOptimized += chosen.isEmpty() ? 0 : 1;
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    if (rewrite.isEmpty()) {
      optimizeMetrics(metrics, List.of(), sizes(List.of()), 0, 0, files.size());
      return new DeltaOperationReport("optimize", base.getVersion(), false, baseInfo, metrics);
    }

    WriteTransaction writer = new WriteTransaction(table, DeltaWriteOptions.overwrite().targetFileSize(target).build());
    // A z-order sorts each partition as a whole in the caller's session, as one stream.
    List<Map<String, Object>> written = zOrder.isEmpty()
        ? compact(writer, bins, options.effectiveMaxConcurrentTasks(), files.size())
        : rewrite(session, writer, rewrite, zOrder, files.size());
    try {
      long now = System.currentTimeMillis();
      MaintenanceCommit commit = new MaintenanceCommit(table, base, options.commitOptions(), "OPTIMIZE")
          .parameter("targetSize", Long.toString(target))
          .parameter("predicate", "[]")
          .parameter("zOrderBy", Json.write(zOrder));
      Set<String> removed = new LinkedHashSet<>();
      for (ScanFile file : rewrite) {
        commit.action(FileActions.remove(file, now, false));
        removed.add(file.encodedPath());
      }
      for (Map<String, Object> file : written) {
        commit.action(FileActions.add(file, now, false));
      }
      optimizeMetrics(metrics, written, sizes(rewrite), partitionsOptimized, bins.size(), files.size());
      Snapshot after = commit.metrics(metrics).reads(removed, removed).commit();
      return new DeltaOperationReport("optimize", after.getVersion(), true, table.info(after), metrics);
    } catch (RuntimeException e) {
      writer.deleteQuietly(written, e);
      throw e;
    }
  }

  /** delta-rs's optimize metrics (camelCase, §1.5); the size summaries are {avg, max, min, totalFiles, totalSize}. */
  private static void optimizeMetrics(Map<String, Object> metrics, List<Map<String, Object>> written,
      List<Long> removedSizes, int partitionsOptimized, int bins, int considered) {
    List<Long> addedSizes = written.stream().map(f -> ((Number) f.get("size")).longValue()).toList();
    metrics.put("numFilesAdded", addedSizes.size());
    metrics.put("numFilesRemoved", removedSizes.size());
    metrics.put("filesAdded", sizeSummary(addedSizes));
    metrics.put("filesRemoved", sizeSummary(removedSizes));
    metrics.put("partitionsOptimized", partitionsOptimized);
    metrics.put("numBatches", bins);
    metrics.put("totalConsideredFiles", considered);
    metrics.put("totalFilesSkipped", considered - removedSizes.size());
    metrics.put("preserveInsertionOrder", false);
  }

  private static List<Long> sizes(List<ScanFile> files) {
    return files.stream().map(ScanFile::size).toList();
  }

  private static Map<String, Object> sizeSummary(List<Long> sizes) {
    long total = sizes.stream().mapToLong(Long::longValue).sum();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("avg", sizes.isEmpty() ? 0.0 : (double) total / sizes.size());
    summary.put("max", sizes.stream().mapToLong(Long::longValue).max().orElse(0));
    summary.put("min", sizes.stream().mapToLong(Long::longValue).min().orElse(0));
    summary.put("totalFiles", sizes.size());
    summary.put("totalSize", total);
    return summary;
  }

  /**
   * Greedy bin-packing of one partition's small files, smallest first, each bin holding at most
   * {@code target} bytes, then balanced. A bin is worth rewriting when it merges files or drops
   * deleted rows.
   */
  private static List<List<ScanFile>> compactionBins(List<ScanFile> files, long target) {
    List<ScanFile> candidates = new ArrayList<>();
    for (ScanFile file : files) {
      if (file.size() < target || file.deletionVector() != null) {
        candidates.add(file);
      }
    }
    candidates.sort((a, b) -> Long.compare(a.size(), b.size()));
    List<List<ScanFile>> bins = new ArrayList<>();
    List<ScanFile> bin = new ArrayList<>();
    long binSize = 0;
    for (ScanFile file : candidates) {
      if (!bin.isEmpty() && binSize + file.size() > target) {
        bins.add(bin);
        bin = new ArrayList<>();
        binSize = 0;
      }
      bin.add(file);
      binSize += file.size();
    }
    if (!bin.isEmpty()) {
      bins.add(bin);
    }
    bins.removeIf(Optimizer::notWorthRewriting);
    return balanced(bins, target);
  }

  private static boolean notWorthRewriting(List<ScanFile> bin) {
    return bin.size() < 2 && bin.get(0).deletionVector() == null;
  }

  /**
   * The files of {@code bins} spread again over as many bins, largest first onto the lightest, so
   * that bins rewritten concurrently take similar time (greedy packing fills every bin but the last
   * up to the target). The spread is kept only when each of its bins stays within the target and
   * is worth rewriting; the files rewritten and the number of bins do not change.
   */
  private static List<List<ScanFile>> balanced(List<List<ScanFile>> bins, long target) {
    if (bins.size() < 2) {
      return bins;
    }
    List<List<ScanFile>> spread = new ArrayList<>();
    long[] sizes = new long[bins.size()];
    for (int i = 0; i < bins.size(); i++) {
      spread.add(new ArrayList<>());
    }
    List<ScanFile> largestFirst = bins.stream().flatMap(List::stream)
        .sorted(Comparator.comparingLong(ScanFile::size).reversed()).toList();
    for (ScanFile file : largestFirst) {
      int lightest = 0;
      for (int i = 1; i < sizes.length; i++) {
        lightest = sizes[i] < sizes[lightest] ? i : lightest;
      }
      spread.get(lightest).add(file);
      sizes[lightest] += file.size();
    }
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] > target || notWorthRewriting(spread.get(i))) {
        return bins;
      }
    }
    return spread;
  }

  private long tableTargetSize() {
    String configured = base.getMetadata().getConfiguration().get("delta.targetFileSize");
    if (configured == null) {
      return DeltaMaintenance.DEFAULT_TARGET_SIZE;
    }
    try {
      long bytes = Long.parseLong(configured.trim());
      if (bytes > 0) {
        return bytes;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DeltaException(ErrorCode.DELTA_MAINTENANCE, "Delta optimize failed: table " + table.uri()
        + " at version " + base.getVersion() + " has delta.targetFileSize '" + configured
        + "', not a positive number of bytes", null);
  }

  private List<String> zOrderColumns(List<String> requested) {
    List<String> columns = new ArrayList<>();
    for (String column : new LinkedHashSet<>(requested)) {
      String problem = base.getSchema().indexOf(column) < 0 ? "is not a column of the table (columns: "
          + base.getSchema().fieldNames() + ")"
          : base.getPartitionColumnNames().contains(column) ? "is a partition column; z-order applies within partitions"
          : null;
      if (problem != null) {
        throw new DeltaException(ErrorCode.DELTA_MAINTENANCE, "Delta optimize failed: z-order column '" + column
            + "' " + problem + " (table " + table.uri() + " at version " + base.getVersion() + ")", null);
      }
      columns.add(column);
    }
    return columns;
  }

  /**
   * Rewrites each bin into files of its own, as delta-rs does: up to {@code tasks} bins at once
   * (largest first), each worker reading its bins' files one after another in a private
   * one-partition session. Should a bin fail, no further bin starts, the files the other bins
   * wrote are deleted once they finish, and the first failure is thrown. The result lists the
   * written files in bin order.
   */
  private List<Map<String, Object>> compact(WriteTransaction writer, List<List<ScanFile>> bins, int tasks,
      int activeFiles) {
    List<Integer> largestFirst = new ArrayList<>();
    for (int bin = 0; bin < bins.size(); bin++) {
      largestFirst.add(bin);
    }
    largestFirst.sort(Comparator.comparingLong((Integer bin) -> binSize(bins.get(bin))).reversed());
    AtomicReferenceArray<List<Map<String, Object>>> results = new AtomicReferenceArray<>(bins.size());
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    Callable<Void> worker = () -> {
      try (Session sequential = Session.open(BIN_SESSION)) {
        for (int taken = next.getAndIncrement(); taken < bins.size() && !failed.get(); taken = next.getAndIncrement()) {
          int bin = largestFirst.get(taken);
          results.set(bin, rewrite(sequential, writer, bins.get(bin), List.of(), activeFiles));
        }
      } catch (RuntimeException | Error e) {
        failed.set(true);
        throw e;
      }
      return null;
    };
    int workers = Math.min(tasks, bins.size());
    ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
      Thread thread = new Thread(runnable, "delta-optimize-" + table.uri());
      thread.setDaemon(true);
      return thread;
    });
    Throwable failure = null;
    try {
      List<Future<Void>> running = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        running.add(pool.submit(worker));
      }
      for (Future<Void> future : running) {
        failure = firstFailure(failure, awaitUninterruptibly(future));
      }
    } finally {
      pool.shutdown();
    }
    List<Map<String, Object>> written = new ArrayList<>();
    for (int bin = 0; bin < bins.size(); bin++) {
      if (results.get(bin) != null) {
        written.addAll(results.get(bin));
      }
    }
    if (failure != null) {
      RuntimeException thrown = failure instanceof RuntimeException runtime ? runtime
          : new DeltaException(ErrorCode.DELTA_MAINTENANCE, "Delta optimize failed: table " + table.uri()
              + " at version " + base.getVersion() + ": " + failure, failure);
      writer.deleteQuietly(written, thrown);
      throw thrown;
    }
    return written;
  }

  private static long binSize(List<ScanFile> bin) {
    return bin.stream().mapToLong(ScanFile::size).sum();
  }

  /** The failure of a finished task, or null; an interrupt while waiting is kept for the caller. */
  private static Throwable awaitUninterruptibly(Future<Void> future) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          future.get();
          return null;
        } catch (ExecutionException e) {
          return e.getCause();
        } catch (InterruptedException e) {
          interrupted = true; // the bin's files must be known before returning, to delete them
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Throwable firstFailure(Throwable first, Throwable next) {
    if (first == null) {
      return next;
    }
    if (next != null && next != first) {
      first.addSuppressed(next);
    }
    return first;
  }

  /**
   * Writes the rows of {@code files} again through the native writer as one stream, so each
   * partition's rows land in as few files as the target size allows: read as registered without
   * z-order columns, sorted by partition and Z-order key with them. {@code activeFiles}: how many
   * files the snapshot holds.
   */
  private List<Map<String, Object>> rewrite(Session session, WriteTransaction writer, List<ScanFile> files,
      List<String> zOrder, int activeFiles) {
    String tempName = "__delta_optimize_" + UUID.randomUUID().toString().replace("-", "");
    DeltaTables.registerPlanned(session, tempName, table, DeltaReadOptions.LATEST
        .at(DeltaVersionSpec.atVersion(base.getVersion()))
        .withFiles(files.stream().map(ScanFile::path).toList()), base, null, baseInfo, files, activeFiles);
    try (DataFrame rows = session.sql(ZOrder.rewriteSql(tempName, base.getSchema().fieldNames(),
        base.getPartitionColumnNames(), zOrder))) {
      return writer.writeFiles(DataWriter.of(rows), new WriteTransaction.Layout(base.getSchema(),
          base.getPartitionColumnNames(), false, false), base);
    } catch (CodeAnatomyException e) {
      if (e instanceof DeltaException) {
        throw e;
      }
      throw new DeltaException(ErrorCode.DELTA_MAINTENANCE, "Delta optimize failed: table " + table.uri()
          + " at version " + base.getVersion() + ": " + e.getMessage(), e);
    } finally {
      session.deregister(tempName);
    }
  }
}
