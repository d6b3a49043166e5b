package io.codeanatomy.delta;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.delta.internal.ArrowExports;
import io.codeanatomy.delta.internal.Json;
import io.codeanatomy.delta.internal.ScanFile;
import io.codeanatomy.delta.internal.ScanPlanner;
import io.codeanatomy.delta.internal.SchemaConversion;
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
   * on a table created with SQL ({@link DeltaSql}).
   */
  public static DeltaRegistration register(Session session, String name, DeltaTable table, DeltaReadOptions options) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(name, "name");
    Snapshot snapshot = table.load(options.snapshot());
    DeltaSnapshotInfo info = table.info(snapshot);
    if (!options.gate().isEmpty()) {
      options.gate().check(info);
    }
    List<ScanFile> all = ScanPlanner.files(table.engine(), snapshot, null);
    List<ScanFile> selected = options.files() == null ? all : pinned(table, info, all, options.files());

    StructType schema = snapshot.getSchema();
    ColumnMappingMode mapping = ColumnMapping.getColumnMappingMode(snapshot.getTableProperties());
    boolean mapped = ColumnMapping.isColumnMappingModeEnabled(mapping);
    List<Map<String, Object>> files = new ArrayList<>();
    List<DeltaAddAction> actions = new ArrayList<>();
    Set<String> paths = new HashSet<>();
    for (ScanFile file : selected) {
      Path data = table.directory().resolve(file.path());
      if (!Files.isRegularFile(data)) {
        throw new DeltaException(ErrorCode.DELTA_CORRUPT_LOG, "Delta table " + table.uri() + " at version "
            + info.version() + ": data file '" + file.path() + "' is missing", null);
      }
      Map<String, String> partitionValues = mapped ? logicalPartitionValues(schema, snapshot, file)
          : file.partitionValues();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("path", file.path());
      entry.put("size", file.size());
      entry.put("partition_values", partitionValues);
      entry.put("stats", file.stats());
      entry.put("deleted_rows", ScanPlanner.deletedRanges(table.engine(), table.location().kernelPath(), file,
          table.uri(), info.version()));
      files.add(entry);
      paths.add(file.path());
      actions.add(new DeltaAddAction(file.path(), file.size(), file.modificationTime(), partitionValues,
          file.stats(), file.deletionVector() != null));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("table_root", table.directory().toString());
    spec.put("partition_columns", snapshot.getPartitionColumnNames());
    spec.put("file_column", options.scan().fileColumnName());
    spec.put("pushdown_filters", options.scan().enableParquetPushdown());
    spec.put("wrap_partition_values", options.scan().wrapPartitionValues());
    spec.put("files", files);
    boolean viewTypes = options.scan().schemaForceViewTypes() != null ? options.scan().schemaForceViewTypes()
        : !"false".equalsIgnoreCase(session.settings().get("datafusion.execution.parquet.schema_force_view_types"));
    String specJson = Json.write(spec);
    RegisteredTable registered = new RegisteredTable(table, options, snapshot, paths);
    ArrowExports.withExportedSchema(SchemaConversion.toArrow(schema, viewTypes),
        schemaAddress -> ArrowExports.withExportedSchema(
            SchemaConversion.toArrow(ColumnMapping.convertToPhysicalSchema(schema, schema, mapping), viewTypes),
            physicalAddress -> EngineInternals.withSession(session,
                address -> {
                  DeltaNative.registerPinnedTable(address, name, schemaAddress, mapped ? physicalAddress : 0,
                      specJson, registered);
                  return null;
                })));
    return new DeltaRegistration(name, info, all.size(), actions);
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
