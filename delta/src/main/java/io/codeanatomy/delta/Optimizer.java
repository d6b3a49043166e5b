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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One optimize of a snapshot ({@link DeltaMaintenance#optimize}): plans which files to rewrite
 * (bin-packing per partition, or whole partitions for a z-order), rewrites their rows through the
 * native writer as one stream, and commits the removes and adds with {@code dataChange=false}.
 */
final class Optimizer {

  private final DeltaTable table;
  private final Snapshot base;

  Optimizer(DeltaTable table, Snapshot base) {
    this.table = table;
    this.base = base;
  }

  DeltaOperationReport run(Session session, DeltaOptimizeOptions options) {
    long target = options.targetSize() != null ? options.targetSize() : tableTargetSize();
    List<String> zOrder = zOrderColumns(options.zOrderColumns());

    List<ScanFile> files = ScanPlanner.files(table.engine(), base, null);
    Map<String, List<ScanFile>> byPartition = new TreeMap<>();
    for (ScanFile file : files) {
      byPartition.computeIfAbsent(Json.write(new TreeMap<>(file.partitionValues())), k -> new ArrayList<>()).add(file);
    }
    List<ScanFile> rewrite = new ArrayList<>();
    int bins = 0;
    int partitionsOptimized = 0;
    for (List<ScanFile> partitionFiles : byPartition.values()) {
      List<List<ScanFile>> chosen = zOrder.isEmpty() ? compactionBins(partitionFiles, target)
          : partitionFiles.size() > 1 || partitionFiles.get(0).deletionVector() != null ? List.of(partitionFiles)
          : List.of();
      for (List<ScanFile> bin : chosen) {
        rewrite.addAll(bin);
      }
      bins += chosen.size();
      partitionsOptimized += chosen.isEmpty() ? 0 : 1;
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    if (rewrite.isEmpty()) {
      optimizeMetrics(metrics, List.of(), sizes(List.of()), 0, 0, files.size());
      return new DeltaOperationReport("optimize", base.getVersion(), false, table.info(base), metrics);
    }

    WriteTransaction writer = new WriteTransaction(table, DeltaWriteOptions.overwrite().targetFileSize(target).build());
    List<Map<String, Object>> written = writeOptimized(session, writer, rewrite, zOrder);
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
      optimizeMetrics(metrics, written, sizes(rewrite), partitionsOptimized, bins, files.size());
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
   * {@code target} bytes. A bin is worth rewriting when it merges files or drops deleted rows.
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
    bins.removeIf(b -> b.size() < 2 && b.get(0).deletionVector() == null);
    return bins;
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
   * Writes the rows of {@code files} again through the native writer as one stream, so each
   * partition's rows land in as few files as the target size allows. A compaction reads the files
   * one after another in a private one-partition session, which needs no sort; a z-order sorts by
   * partition and Z-order key in the caller's session.
   */
  private List<Map<String, Object>> writeOptimized(Session session, WriteTransaction writer, List<ScanFile> files,
      List<String> zOrder) {
    if (!zOrder.isEmpty()) {
      return rewrite(session, writer, files, zOrder);
    }
    try (Session sequential = Session.open(RuntimeProfile.builder().targetPartitions(1).build())) {
      return rewrite(sequential, writer, files, zOrder);
    }
  }

  private List<Map<String, Object>> rewrite(Session session, WriteTransaction writer, List<ScanFile> files,
      List<String> zOrder) {
    String tempName = "__delta_optimize_" + UUID.randomUUID().toString().replace("-", "");
    DeltaTables.register(session, tempName, table, DeltaReadOptions.LATEST
        .at(DeltaVersionSpec.atVersion(base.getVersion()))
        .withFiles(files.stream().map(ScanFile::path).toList()));
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
