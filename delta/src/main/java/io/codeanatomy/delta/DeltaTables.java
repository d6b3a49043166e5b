package io.codeanatomy.delta;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.delta.internal.ArrowExports;
import io.codeanatomy.delta.internal.Json;
import io.codeanatomy.delta.internal.ScanFile;
import io.codeanatomy.delta.internal.ScanPlanner;
import io.codeanatomy.delta.internal.SchemaConversion;
import io.codeanatomy.delta.internal.VersionState;
import io.codeanatomy.engine.Session;
import io.codeanatomy.engine.internal.DeltaNative;
import io.codeanatomy.engine.internal.EngineInternals;
import io.delta.kernel.Snapshot;
import io.delta.kernel.internal.util.ColumnMapping;
import io.delta.kernel.internal.util.ColumnMapping.ColumnMappingMode;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.arrow.vector.types.pojo.Schema;

/** Registers Delta tables in a {@link Session} as SQL tables over a pinned snapshot. */
public final class DeltaTables {
  private DeltaTables() {}

  /**
   * Registers (or replaces) {@code name} as the table's snapshot: Kernel plans the file list (log
   * replay, deletion vectors), the native engine scans exactly those files with projection and
   * filter pushdown. A query's filters go to Kernel's scan planning (partition pruning and data
   * skipping, see {@link #lastScan}), and the engine prunes files by partition values and
   * statistics again, then row groups and pages. Column-mapped tables ({@code
   * delta.columnMapping.mode} name or id) read their physical columns under the logical names, nested
   * fields included. A data file missing on disk, a missing pinned file or a failed gate is a {@link
   * DeltaException} naming table and version; a failure of Kernel's planning during a query is one
   * with code {@code DELTA_SCAN_PLANNING}. SQL INSERT, DELETE and UPDATE work on {@code name} as
   * on a table created with SQL ({@link DeltaSql}). The snapshot's CHECK constraints appear in
   * {@code information_schema.table_constraints} and {@code information_schema.check_constraints}
   * under the name. Registering a version again in this process (the latest is found by listing
   * the log each time) reuses its protocol, metadata, file list and deletion vectors instead of
   * replaying the log; only the data files' presence is checked anew.
   */
  public static DeltaRegistration register(Session session, String name, DeltaTable table, DeltaReadOptions options) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(name, "name");
    DeltaTable.LoadedVersion loaded = table.loadVersion(options.snapshot());
    Snapshot snapshot = loaded.snapshot();
    DeltaSnapshotInfo info = table.info(loaded);
    if (!options.gate().isEmpty()) {
      options.gate().check(info);
    }
    List<ScanFile> all = table.activeFiles(loaded);
    List<ScanFile> selected = options.files() == null ? all : pinned(table, info, all, options.files());
    return registerPlanned(session, name, table, options, snapshot, loaded.state(), info, selected, all.size());
  }

  /**
   * Registers {@code selected}, files of {@code snapshot} (described by {@code info}) that the
   * caller has already loaded and planned, as {@link #register} does. {@code options} (the scan
   * options, and what a re-registration of the name reads) must describe {@code snapshot} and
   * {@code selected}; they are not resolved again.
   * {@code state}: the snapshot's cached version state (null: none; deletion vectors are then read
   * anew). {@code activeFiles}: how many files the snapshot holds, for the registration's report.
   */
  static DeltaRegistration registerPlanned(Session session, String name, DeltaTable table, DeltaReadOptions options,
      Snapshot snapshot, VersionState state, DeltaSnapshotInfo info, List<ScanFile> selected, int activeFiles) {
    StructType schema = snapshot.getSchema();
    ColumnMappingMode mapping = ColumnMapping.getColumnMappingMode(snapshot.getTableProperties());
    boolean mapped = ColumnMapping.isColumnMappingModeEnabled(mapping);
    List<Map<String, Object>> files = new ArrayList<>();
    List<DeltaAddAction> actions = new ArrayList<>();
    Set<String> paths = new HashSet<>();
    for (ScanFile file : selected) {
      Map<String, String> partitionValues = mapped ? logicalPartitionValues(schema, snapshot, file)
          : file.partitionValues();
      files.add(fileEntry(table, file, partitionValues, info.version(), state));
      paths.add(file.path());
      actions.add(new DeltaAddAction(file.path(), file.size(), file.modificationTime(), partitionValues,
          file.stats(), file.deletionVector() != null));
    }
    Schema physicalSchema = mapped
        ? arrowSchema(session, ColumnMapping.convertToPhysicalSchema(schema, schema, mapping), options.scan())
        : null;
    registerFiles(session, name, table, arrowSchema(session, schema, options.scan()), physicalSchema,
        snapshot.getPartitionColumnNames(), options.scan(), files,
        DeltaConstraints.of(snapshot.getMetadata().getConfiguration()),
        new RegisteredTable(table, options, snapshot, paths));
    return new DeltaRegistration(name, info, activeFiles, actions);
  }

  /** The Arrow schema the native scan reads {@code schema} as (string view types unless turned off). */
  static Schema arrowSchema(Session session, StructType schema, DeltaScanOptions scan) {
    boolean viewTypes = scan.schemaForceViewTypes() != null ? scan.schemaForceViewTypes()
        : !"false".equalsIgnoreCase(session.settings().get("datafusion.execution.parquet.schema_force_view_types"));
    return SchemaConversion.toArrow(schema, viewTypes);
  }

  /**
   * A file as the native scan takes it, with {@code partitionValues} under the table's logical
   * column names; a data file missing on disk is a {@link DeltaException} naming table and version.
   */
  static Map<String, Object> fileEntry(DeltaTable table, ScanFile file, Map<String, String> partitionValues,
      long version) {
    return fileEntry(table, file, partitionValues, version, null);
  }

  /**
   * {@link #fileEntry(DeltaTable, ScanFile, Map, long)} of a committed file of {@code state}'s
   * version (null: not one), whose deletion vector is then read once per cached version. The
   * file's presence on disk is checked every time: a vacuum may remove files of older versions.
   */
  static Map<String, Object> fileEntry(DeltaTable table, ScanFile file, Map<String, String> partitionValues,
      long version, VersionState state) {
    Path data = table.directory().resolve(file.path());
    if (!Files.isRegularFile(data)) {
      throw new DeltaException(ErrorCode.DELTA_CORRUPT_LOG, "Delta table " + table.uri() + " at version "
          + version + ": data file '" + file.path() + "' is missing", null);
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("path", file.path());
    entry.put("size", file.size());
    entry.put("partition_values", partitionValues);
    entry.put("stats", file.stats());
    Function<ScanFile, List<long[]>> deletedRows = dv -> ScanPlanner.deletedRanges(table.engine(),
        table.location().kernelPath(), dv, table.uri(), version);
    entry.put("deleted_rows", state == null ? deletedRows.apply(file) : state.deletedRows(file, deletedRows));
    return entry;
  }

  /**
   * Registers (or replaces) {@code name} as a native scan of exactly {@code files} (entries of
   * {@link #fileEntry}), committed or not. {@code physicalSchema} (null: the files use the logical
   * names) is {@code schema} under its column-mapping physical names; {@code planner} (null: none,
   * every registered file is read) narrows each query's files with Kernel's scan planning.
   * {@code checkConstraints} (name to expression) are listed by {@code
   * information_schema.table_constraints} and {@code check_constraints} for the name.
   */
  static void registerFiles(Session session, String name, DeltaTable table, Schema schema, Schema physicalSchema,
      List<String> partitionColumns, DeltaScanOptions scan, List<Map<String, Object>> files,
      Map<String, String> checkConstraints, RegisteredTable planner) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("table_root", table.directory().toString());
    spec.put("partition_columns", partitionColumns);
    spec.put("file_column", scan.fileColumnName());
    spec.put("pushdown_filters", scan.enableParquetPushdown());
    spec.put("wrap_partition_values", scan.wrapPartitionValues());
    spec.put("check_constraints", checkConstraints);
    spec.put("files", files);
    String specJson = Json.write(spec);
    ArrowExports.withExportedSchema(schema,
        schemaAddress -> ArrowExports.withExportedSchema(physicalSchema == null ? schema : physicalSchema,
            physicalAddress -> EngineInternals.withSession(session,
                address -> {
                  DeltaNative.registerPinnedTable(address, name, schemaAddress,
                      physicalSchema == null ? 0 : physicalAddress, specJson, planner);
                  return null;
                })));
  }

  /**
   * The latest Kernel scan planning of a query over {@code name} (a name as given to {@link
   * #register}), if a query's filters reached Kernel since the table was registered.
   */
  public static Optional<DeltaScanReport> lastScan(Session session, String name) {
    return registered(session, name).flatMap(RegisteredTable::lastScan);
  }

  /** The Delta table registered under {@code name} now, if it is one (it may have been dropped or replaced). */
  static Optional<RegisteredTable> registered(Session session, String name) {
    Object planner = EngineInternals.withSession(session, address -> DeltaNative.registeredPlanner(address, name));
    return planner instanceof RegisteredTable registered ? Optional.of(registered) : Optional.empty();
  }

  /** Column mapping logs partition values under the physical names; the engine takes logical ones. */
  private static Map<String, String> logicalPartitionValues(StructType schema, Snapshot snapshot, ScanFile file) {
    Map<String, String> values = new HashMap<>();
    for (String column : snapshot.getPartitionColumnNames()) {
      StructField field = schema.get(column);
      values.put(column, file.partitionValues().get(ColumnMapping.getPhysicalName(field)));
    }
    return values;
  }

  public static DeltaRegistration register(Session session, String name, DeltaTable table) {
    return register(session, name, table, DeltaReadOptions.LATEST);
  }

  /** §2.3: each requested file made relative to the table root and looked up among the active files. */
  private static List<ScanFile> pinned(DeltaTable table, DeltaSnapshotInfo info, List<ScanFile> all,
      List<String> requested) {
    Map<String, ScanFile> byPath = new LinkedHashMap<>();
    all.forEach(file -> byPath.put(file.path(), file));
    String root = table.directory().toString();
    String rootUri = table.directory().toUri().toString();
    List<ScanFile> selected = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String path : requested) {
      String relative = path;
      for (String prefix : List.of(rootUri, root + "/", table.uri() + "/", table.uri())) {
        if (relative.startsWith(prefix)) {
          relative = relative.substring(prefix.length());
          break;
        }
      }
      relative = relative.replaceFirst("^/+", "");
      ScanFile file = byPath.get(relative);
      if (file == null) {
        missing.add(path);
      } else {
        selected.add(file);
      }
    }
    if (!missing.isEmpty()) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta pruning file list not found in table: " + missing
          + " (table " + table.uri() + " at version " + info.version() + ")", null);
    }
    return selected;
  }
}
