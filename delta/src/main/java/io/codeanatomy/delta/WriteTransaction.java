package io.codeanatomy.delta;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.delta.internal.ChangeData;
import io.codeanatomy.delta.internal.CommitLog;
import io.codeanatomy.delta.internal.DataWriter;
import io.codeanatomy.delta.internal.FileActions;
import io.codeanatomy.delta.internal.Json;
import io.codeanatomy.delta.internal.PendingCommit;
import io.codeanatomy.delta.internal.ScanFile;
import io.codeanatomy.delta.internal.ScanPlanner;
import io.codeanatomy.delta.internal.SchemaConversion;
import io.codeanatomy.delta.internal.WriterFeatures;
import io.codeanatomy.engine.Session;
import io.codeanatomy.telemetry.Telemetry;
import io.codeanatomy.telemetry.TelemetrySpan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.internal.types.DataTypeJsonSerDe;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One write (append or overwrite, creating the table when absent): gate and writer-feature checks
 * on the pre-write snapshot, app-transaction idempotency, schema evolution, native data files, then
 * the optimistic commit and a checkpoint when due.
 */
final class WriteTransaction {
  static final String ENGINE_INFO = "codeanatomy-engine-java";
  /** delta-rs's default {@code delta.checkpointInterval}. */
  private static final int DEFAULT_CHECKPOINT_INTERVAL = 100;

  private final DeltaTable table;
  private final DeltaWriteOptions options;
  /** A row-level DELETE, UPDATE or MERGE, or null for a write. */
  private final Mutation mutation;

  /**
   * A row-level change (DELETE, UPDATE, MERGE): the files holding affected rows are rewritten with
   * the change applied. It commits like an overwrite of exactly those files, through the same path
   * as every write.
   */
  interface Mutation {
    /** The report's operation name (§1.5): delete, update or merge. */
    String operation();

    /** commitInfo.operation: DELETE, UPDATE or MERGE. */
    String logOperation();

    /** commitInfo.operationParameters. */
    Map<String, Object> parameters();

    /** Validates the change against {@code base} and plans the rewrite; nothing is written yet. */
    RowRewrite prepare(DeltaTable table, Snapshot base);

    /**
     * The reference's operationMetrics (§1.5), given the files added and removed and the rows
     * written (all of them, from the removed files and new ones).
     */
    Map<String, Object> metrics(RowRewrite rewrite, int addedFiles, int removedFiles, long writtenRows,
        Timings timings);
  }

  /**
   * DELETE ({@code assignments} null) or UPDATE: the files holding rows {@code predicate} matches
   * (null: every row) are rewritten without those rows or with the assigned values. {@code
   * qualifier} (null: none) is the table name predicate and assignments may qualify columns with.
   */
  record RowMutation(Session session, String predicate, Map<String, String> assignments, String qualifier)
      implements Mutation {
    boolean deletes() {
      return assignments == null;
    }

    @Override
    public String operation() {
      return deletes() ? "delete" : "update";
    }

    @Override
    public String logOperation() {
      return deletes() ? "DELETE" : "UPDATE";
    }

    @Override
    public Map<String, Object> parameters() {
      return predicate == null ? Map.of() : Map.of("predicate", predicate);
    }

    @Override
    public RowRewrite prepare(DeltaTable table, Snapshot base) {
      return deletes() ? RowRewrite.delete(table, base, session, predicate, qualifier)
          : RowRewrite.update(table, base, session, predicate, assignments, qualifier);
    }

    /** delta-rs's DeleteMetrics / UpdateMetrics keys (§1.5). */
    @Override
    public Map<String, Object> metrics(RowRewrite rewrite, int addedFiles, int removedFiles, long writtenRows,
        Timings timings) {
      long matched = rewrite.matchedRows();
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("num_added_files", addedFiles);
      metrics.put("num_removed_files", removedFiles);
      metrics.putAll(rewrite.rowCounts());
      metrics.put("num_copied_rows", deletes() ? writtenRows : writtenRows - matched);
      metrics.put("execution_time_ms", timings.executionMillis());
      metrics.put("scan_time_ms", timings.scanMillis());
      if (deletes()) {
        metrics.put("rewrite_time_ms", timings.rewriteMillis());
      }
      return metrics;
    }
  }

  WriteTransaction(DeltaTable table, DeltaWriteOptions options) {
    this(table, options, null);
  }

  WriteTransaction(DeltaTable table, DeltaWriteOptions options, Mutation mutation) {
    this.table = table;
    this.options = options;
    this.mutation = mutation;
  }

  private String operation() {
    return mutation == null ? "write" : mutation.operation();
  }

  /** Runs the mutation this transaction was made for (it writes no new data of its own). */
  DeltaOperationReport mutate() {
    return run(null);
  }

  /** {@code data}: the rows a write adds; null for a mutation. */
  DeltaOperationReport run(DataWriter data) {
    Map<String, Object> attributes = Map.of("mode", mutation != null ? mutation.operation()
        : options.mode().name().toLowerCase(java.util.Locale.ROOT), "format", "delta");
    try (TelemetrySpan span = Telemetry.global().startWriteSpan(table.uri(), attributes)) {
      try {
        return write(data);
      } catch (RuntimeException e) {
        span.fail(e);
        try {
          if (data != null) {
            data.discard(); // an Arrow stream is the write's to close, written or not
          }
        } catch (RuntimeException closing) {
          e.addSuppressed(closing);
        }
        throw e;
      }
    }
  }

  private DeltaOperationReport write(DataWriter data) {
    long started = System.nanoTime();
    Snapshot base = table.exists() ? table.load(DeltaVersionSpec.latest()) : null;
    if (base == null && mutation != null) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta " + mutation.operation() + " failed: not a Delta table: "
          + table.uri() + " (no _delta_log)", null);
    }
    if (base != null) {
      if (!options.gate().isEmpty()) {
        options.gate().check(table.info(base));
      }
      WriterFeatures.check(base, table.uri(), options.mode() == DeltaSaveMode.OVERWRITE);
      Optional<DeltaOperationReport> applied = alreadyApplied(base);
      if (applied.isPresent()) {
        if (data != null) {
          data.discard();
        }
        return applied.get();
      }
    }
    if (mutation != null) {
      // A mutation adds no rows besides the ones it rewrites, which have the table's schema.
      data = DataWriter.empty(SchemaConversion.toArrow(base.getSchema(), false));
    }
    Layout layout = layout(base, data.schema());
    if (options.mode() == DeltaSaveMode.OVERWRITE && !options.zorderBy().isEmpty()) {
      // §4.5.4: overwrites are laid out sorted by partition then z-order columns (lexicographically).
      List<String> keys = new ArrayList<>();
      for (String column : new LinkedHashSet<>(concat(layout.partitionColumns(), options.zorderBy()))) {
        keys.add("\"" + column.replace("\"", "\"\"") + "\" ASC NULLS LAST");
      }
      data = data.sortedBy(keys);
    }
    long scanStarted = System.nanoTime();
    try (RowRewrite replace = mutation != null ? mutation.prepare(table, base)
        : options.replaceWhere() == null ? null : RowRewrite.replaceWhere(table, base, options.replaceWhere(), data)) {
      Timings timings = new Timings(started, System.nanoTime() - scanStarted);
      if (mutation != null && replace.changesNothing()) {
        // No row is affected: no file needs rewriting, so nothing is committed and the version stays.
        return new DeltaOperationReport(mutation.operation(), base.getVersion(), false, table.info(base),
            mutation.metrics(replace, 0, 0, 0, timings));
      }
      List<Map<String, Object>> written = new ArrayList<>(writeFiles(data, layout, base));
      List<Map<String, Object>> changes = new ArrayList<>();
      long rewrittenRows = 0;
      try {
        DataWriter kept = replace == null ? null : replace.rewrittenRows();
        if (kept != null) {
          long rewriteStarted = System.nanoTime();
          List<Map<String, Object>> rewritten = writeFiles(kept, layout, base);
          timings.rewriteNanos = System.nanoTime() - rewriteStarted;
          written.addAll(rewritten);
          rewrittenRows = rewritten.stream().mapToLong(f -> ((Number) f.get("num_records")).longValue()).sum();
        }
        // Every commit that adds rows passes here: the rows must satisfy the table's CHECK constraints.
        DeltaConstraints.enforce(table, operation(), base, base == null ? options.tableProperties()
            : base.getMetadata().getConfiguration(), layout.schema(), layout.partitionColumns(), written);
        DataWriter changeRows = replace == null ? null : replace.changeRows();
        if (changeRows != null) {
          changes.addAll(writeChangeFiles(changeRows, layout, base));
        }
        return commit(base, layout, written, changes, replace, rewrittenRows, timings);
      } catch (RuntimeException e) {
        deleteQuietly(written, e);
        deleteQuietly(changes, e);
        throw e;
      }
    }
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** The report for a write whose app transaction the table already holds: nothing is written. */
  private Optional<DeltaOperationReport> alreadyApplied(Snapshot base) {
    DeltaAppTransaction txn = options.commitOptions().appTransaction();
    if (txn == null) {
      return Optional.empty();
    }
    Optional<Long> applied = base.getLatestTransactionVersion(table.engine(), txn.appId());
    if (applied.isEmpty() || applied.get() < txn.version()) {
      return Optional.empty();
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("num_added_files", 0);
    metrics.put("num_added_rows", 0);
    metrics.put("skipped", "app transaction " + txn.appId() + " version " + txn.version()
        + " already applied (table holds version " + applied.get() + ")");
    return Optional.of(new DeltaOperationReport(operation(), base.getVersion(), false, table.info(base), metrics));
  }

  /** The schema and partitioning the data is written with, and whether the commit changes metadata. */
  record Layout(StructType schema, List<String> partitionColumns, boolean creates, boolean changesMetadata) {}

  private Layout layout(Snapshot base, Schema dataSchema) {
    StructType incoming = SchemaConversion.toDelta(dataSchema, table.uri());
    if (base == null) {
      requireColumns(incoming, options.partitionBy());
      return new Layout(incoming, options.partitionBy(), true, true);
    }
    StructType current = base.getSchema();
    List<String> partitions = base.getPartitionColumnNames();
    if (options.schemaMode() == DeltaSchemaMode.OVERWRITE) {
      List<String> newPartitions = options.partitionBy().isEmpty() ? partitions : options.partitionBy();
      requireColumns(incoming, newPartitions);
      return new Layout(incoming, newPartitions, false, true);
    }
    if (!options.partitionBy().isEmpty() && !options.partitionBy().equals(partitions)) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta table " + table.uri() + " at version "
          + base.getVersion() + " is partitioned by " + partitions + ", not " + options.partitionBy(), null);
    }
    if (options.schemaMode() == DeltaSchemaMode.MERGE) {
      StructType merged = current;
      for (StructField field : incoming.fields()) {
        if (current.indexOf(field.getName()) < 0) {
          merged = merged.add(field.getName(), field.getDataType(), true);
        }
      }
      return new Layout(merged, partitions, false, merged.length() != current.length());
    }
    List<String> unknown = incoming.fieldNames().stream().filter(name -> current.indexOf(name) < 0).toList();
    if (!unknown.isEmpty()) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta table " + table.uri() + " at version "
          + base.getVersion() + " has no columns " + unknown + "; write with schema mode merge to add them", null);
    }
    return new Layout(current, partitions, false, false);
  }

  private void requireColumns(StructType schema, List<String> columns) {
    for (String column : columns) {
      if (schema.indexOf(column) < 0) {
        throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta table " + table.uri() + ": partition column '"
            + column + "' is not in the data's schema " + schema.fieldNames(), null);
      }
    }
  }

  List<Map<String, Object>> writeFiles(DataWriter data, Layout layout, Snapshot base) {
    return writeFiles(data, SchemaConversion.toArrow(layout.schema(), false), layout, base, "");
  }

  /**
   * Change data files (§2.5): the change's rows with their {@code _change_type}, laid out like data
   * files (partitioned the same way) under {@value ChangeData#DIRECTORY}; their paths are the
   * table-relative ones the cdc actions log.
   */
  private List<Map<String, Object>> writeChangeFiles(DataWriter rows, Layout layout, Snapshot base) {
    return writeFiles(rows, ChangeData.fileSchema(layout.schema()), layout, base, ChangeData.DIRECTORY + "/");
  }

  /** Writes {@code data} with {@code schema} under {@code subdirectory} (empty: the table root). */
  private List<Map<String, Object>> writeFiles(DataWriter data, Schema schema, Layout layout, Snapshot base,
      String subdirectory) {
    Map<String, String> properties = base == null ? options.tableProperties() : base.getMetadata().getConfiguration();
    ParquetWriterPolicy parquet = options.parquetWriterPolicy();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("table_root", table.directory().resolve(subdirectory).toString());
    spec.put("partition_columns", layout.partitionColumns());
    spec.put("file_prefix", "part-" + UUID.randomUUID());
    spec.put("target_file_size", options.targetFileSize());
    spec.put("compression", options.compression());
    spec.put("max_row_group_rows", options.maxRowGroupRows());
    spec.put("statistics_level", parquet.statisticsLevel());
    spec.put("statistics_columns", parquet.statisticsEnabled());
    spec.put("dictionary_columns", parquet.dictionaryEnabled());
    spec.put("bloom_filter_columns", parquet.bloomFilterEnabled());
    spec.put("bloom_filter_fpp", parquet.bloomFilterFpp());
    spec.put("bloom_filter_ndv", parquet.bloomFilterNdv());
    String statsColumns = properties.get("delta.dataSkippingStatsColumns");
    if (statsColumns != null && !statsColumns.isBlank()) {
      spec.put("stats_columns", List.of(statsColumns.split("\\s*,\\s*")));
    }
    spec.put("stats_max_columns", Integer.parseInt(properties.getOrDefault("delta.dataSkippingNumIndexedCols", "32")));
    String result = data.write(schema, Json.write(spec));
    try {
      Object files = Json.readObject(result).get("files");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> list = (List<Map<String, Object>>) files;
      List<Map<String, Object>> placed = new ArrayList<>();
      for (Map<String, Object> file : list) {
        Map<String, Object> entry = new LinkedHashMap<>(file);
        entry.put("path", subdirectory + file.get("path"));
        placed.add(entry);
      }
      return placed;
    } catch (JsonProcessingException | ClassCastException e) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta table " + table.uri()
          + ": the native writer returned an unreadable result: " + e.getMessage(), e);
    }
  }

  /** Phase durations for the metrics (§1.5): the whole operation, the scan for affected files, the rewrite. */
  static final class Timings {
    private final long started;
    private final long scanNanos;
    private long rewriteNanos;

    Timings(long started, long scanNanos) {
      this.started = started;
      this.scanNanos = scanNanos;
    }

    long executionMillis() {
      return (System.nanoTime() - started) / 1_000_000;
    }

    long scanMillis() {
      return scanNanos / 1_000_000;
    }

    long rewriteMillis() {
      return rewriteNanos / 1_000_000;
    }
  }

  /**
   * {@code rewrittenRows}: rows written again from the files a replace-where or mutation removes
   * (for an update, the updated rows among them).
   */
  private DeltaOperationReport commit(Snapshot base, Layout layout, List<Map<String, Object>> written,
      List<Map<String, Object>> changes, RowRewrite replace, long rewrittenRows, Timings timings) {
    long now = System.currentTimeMillis();
    List<Map<String, Object>> actions = new ArrayList<>();
    if (layout.creates()) {
      actions.add(Map.of("protocol", protocol(layout.schema(), !DeltaConstraints.of(options.tableProperties()).isEmpty(),
          ChangeData.enabled(options.tableProperties()))));
    }
    if (layout.changesMetadata()) {
      actions.add(Map.of("metaData", metadata(base, layout, now)));
    }
    DeltaAppTransaction txn = options.commitOptions().appTransaction();
    if (txn != null) {
      actions.add(FileActions.txn(txn.appId(), txn.version(), txn.lastUpdated() == null ? now : txn.lastUpdated()));
    }
    Set<String> removed = new LinkedHashSet<>();
    Set<String> read = new LinkedHashSet<>();
    if (base != null && options.mode() == DeltaSaveMode.OVERWRITE) {
      List<ScanFile> active = ScanPlanner.files(table.engine(), base, null);
      active.forEach(file -> read.add(file.encodedPath()));
      for (ScanFile file : replace == null ? active : replace.removed()) {
        actions.add(FileActions.remove(file, now, true));
        removed.add(file.encodedPath());
      }
    }
    long rows = 0;
    Set<Object> partitions = new HashSet<>();
    for (Map<String, Object> file : written) {
      actions.add(FileActions.add(file, now, true));
      rows += ((Number) file.get("num_records")).longValue();
      partitions.add(file.get("partition_values"));
    }
    for (Map<String, Object> file : changes) {
      actions.add(Map.of("cdc", ChangeData.cdcAction(FileActions.encodePath((String) file.get("path")), file)));
    }
    Map<String, Object> metrics;
    Map<String, Object> parameters = new LinkedHashMap<>();
    Map<String, Object> info = new LinkedHashMap<>();
    options.commitOptions().metadata().forEach(info::put);
    if (mutation != null) {
      metrics = mutation.metrics(replace, written.size(), removed.size(), rewrittenRows, timings);
      info.put("operation", mutation.logOperation());
      parameters.putAll(mutation.parameters());
    } else {
      metrics = new LinkedHashMap<>();
      metrics.put("num_added_files", written.size());
      metrics.put("num_removed_files", removed.size());
      metrics.put("num_partitions", layout.partitionColumns().isEmpty() ? 0 : partitions.size());
      metrics.put("num_added_rows", rows - rewrittenRows);
      if (replace != null) {
        metrics.put("num_deleted_rows", replace.matchedRows());
        metrics.put("num_copied_rows", rewrittenRows);
      }
      metrics.put("execution_time_ms", timings.executionMillis());
      info.put("operation", layout.creates() ? "CREATE TABLE" : "WRITE");
      parameters.put("mode", options.mode().logName());
      parameters.put("partitionBy", Json.write(layout.partitionColumns()));
      if (options.replaceWhere() != null) {
        parameters.put("predicate", options.replaceWhere());
      }
    }
    info.put("operationParameters", parameters);
    info.put("operationMetrics", metrics);
    boolean blindAppend = mutation == null && options.mode() == DeltaSaveMode.APPEND && !layout.changesMetadata();
    info.put("isBlindAppend", blindAppend);
    info.put("engineInfo", ENGINE_INFO);
    info.put("txnId", UUID.randomUUID().toString());

    // An overwrite read the whole snapshot (a replace-where evaluated its predicate on every file).
    PendingCommit pending = new PendingCommit(info, actions, txn == null ? null : txn.appId(),
        options.mode() == DeltaSaveMode.OVERWRITE, read, removed);
    long readVersion = base == null ? -1 : base.getVersion();
    long version = new CommitLog(table.location()).commit(pending, readVersion,
        options.commitOptions().effectiveMaxRetries());

    Snapshot after = table.load(DeltaVersionSpec.atVersion(version));
    if (options.commitOptions().effectiveCreateCheckpoint() && version > 0 && version % interval(after) == 0) {
      table.writeCheckpoint(after);
    }
    return new DeltaOperationReport(operation(), version, true, table.info(after), metrics);
  }

  static int interval(Snapshot snapshot) {
    String configured = snapshot.getMetadata().getConfiguration().get("delta.checkpointInterval");
    try {
      return configured == null ? DEFAULT_CHECKPOINT_INTERVAL : Math.max(1, Integer.parseInt(configured.trim()));
    } catch (NumberFormatException e) {
      return DEFAULT_CHECKPOINT_INTERVAL;
    }
  }

  /**
   * Legacy (1, 2) unless the schema needs a table feature (timestamp without time zone); (1, 3)
   * when the table is created with CHECK constraints, (1, 4) for a change-data-feed table; with
   * table features, {@code checkConstraints} and {@code changeDataFeed} are listed instead.
   */
  private static Map<String, Object> protocol(StructType schema, boolean checkConstraints, boolean changeDataFeed) {
    boolean ntz = schema.fields().stream().anyMatch(f -> f.getDataType() instanceof TimestampNTZType);
    Map<String, Object> protocol = new LinkedHashMap<>();
    if (ntz) {
      protocol.put("minReaderVersion", 3);
      protocol.put("minWriterVersion", 7);
      protocol.put("readerFeatures", List.of("timestampNtz"));
      List<String> writerFeatures = new ArrayList<>();
      if (checkConstraints) {
        writerFeatures.add(DeltaConstraints.FEATURE);
      }
      writerFeatures.add("timestampNtz");
      if (changeDataFeed) {
        writerFeatures.add("changeDataFeed");
      }
      protocol.put("writerFeatures", writerFeatures);
    } else {
      protocol.put("minReaderVersion", 1);
      protocol.put("minWriterVersion", changeDataFeed ? 4 : checkConstraints ? 3 : 2);
    }
    return protocol;
  }

  private Map<String, Object> metadata(Snapshot base, Layout layout, long now) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("id", base == null ? UUID.randomUUID().toString() : base.getMetadata().getId());
    metadata.put("format", Map.of("provider", "parquet", "options", Map.of()));
    metadata.put("schemaString", DataTypeJsonSerDe.serializeStructType(layout.schema()));
    metadata.put("partitionColumns", layout.partitionColumns());
    metadata.put("configuration", base == null ? options.tableProperties() : base.getMetadata().getConfiguration());
    metadata.put("createdTime", base == null ? now : base.getMetadata().getCreatedTime().orElse(now));
    return metadata;
  }

  /** A failed commit leaves its data files unreferenced; they are removed so no garbage stays behind. */
  void deleteQuietly(List<Map<String, Object>> written, RuntimeException failure) {
    for (Map<String, Object> file : written) {
      try {
        Files.deleteIfExists(table.directory().resolve((String) file.get("path")));
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
