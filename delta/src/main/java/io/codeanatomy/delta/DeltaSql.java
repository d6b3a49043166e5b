package io.codeanatomy.delta;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.PlanningException;
import io.codeanatomy.core.storage.StorageOptions;
import io.codeanatomy.delta.internal.Json;
import io.codeanatomy.delta.internal.SchemaConversion;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import io.codeanatomy.engine.internal.DeltaNative;
import io.codeanatomy.engine.internal.EngineInternals;
import io.codeanatomy.engine.internal.StructAllocator;
import io.codeanatomy.engine.spi.SqlStatement;
import io.codeanatomy.engine.spi.StatementHandler;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.Data;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Delta tables with SQL alone (found by {@link java.util.ServiceLoader} through the engine's
 * statement-handler SPI):
 *
 * <ul>
 *   <li>{@code CREATE [OR REPLACE] EXTERNAL TABLE [IF NOT EXISTS] t [(columns)] STORED AS DELTA
 *       LOCATION '…' [PARTITIONED BY (…)] [OPTIONS (…)]} registers the table at its latest version,
 *       or at {@code OPTIONS ('version' 'N')} / {@code ('timestamp' 'RFC 3339')}; every other option
 *       is a storage option. Declared columns must match an existing table; when the location holds
 *       no Delta table, declared columns create an empty one (as DataFusion does for listing tables)
 *       and no columns is a {@link DeltaException} naming the location.
 *   <li>{@code INSERT INTO t …} / {@code INSERT OVERWRITE t …} into a table registered so runs the
 *       query, commits its rows (append / overwrite), re-registers {@code t} at the new version and
 *       returns one row {@code count} (BIGINT). Query columns go to the table's columns by position,
 *       or to the listed columns ({@code INSERT INTO t (b, a) …}), the others being null.
 *   <li>{@code DELETE FROM t [WHERE …]} / {@code UPDATE t SET c = expr, … [WHERE …]} on such a table
 *       rewrites the files holding matching rows ({@link DeltaTable#delete}, {@link
 *       DeltaTable#update}), re-registers {@code t} at the new version and returns one row {@code
 *       count} (BIGINT), the rows deleted or updated. Predicates may qualify columns with the
 *       table's name ({@code WHERE t.id = 1}).
 *   <li>{@code ALTER TABLE t ADD [CONSTRAINT name] CHECK (expr)} / {@code ALTER TABLE t DROP
 *       CONSTRAINT [IF EXISTS] name} on such a table adds (existing rows checked first; unnamed:
 *       {@code ck_<sha256[:10]>}) or drops a CHECK constraint ({@link DeltaConstraints}), which every
 *       later write, update and merge enforces.
 *   <li>{@code MERGE INTO t [AS a] USING source [AS b] ON … WHEN MATCHED [AND …] THEN UPDATE SET … |
 *       DELETE, WHEN NOT MATCHED [AND …] THEN INSERT [(columns)] VALUES (…), WHEN NOT MATCHED BY
 *       SOURCE [AND …] THEN UPDATE SET … | DELETE} into such a table runs a {@link DeltaMerge}
 *       (source: a table or a subquery), re-registers {@code t} and returns one row {@code count}
 *       (BIGINT), the rows inserted, updated and deleted.
 * </ul>
 *
 * <p>INSERT, DELETE, UPDATE, ALTER TABLE and MERGE apply to every Delta table the session's catalog holds, whether SQL
 * or {@link DeltaTables#register} registered it; a name dropped or replaced by plain SQL since is
 * no longer a Delta table.
 */
public final class DeltaSql implements StatementHandler {
  private static final String DELTA = "DELTA";
  private static final String VERSION_OPTION = "version";
  private static final String TIMESTAMP_OPTION = "timestamp";

  /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
  public DeltaSql() {}

  @Override
  public Optional<DataFrame> handle(Session session, SqlStatement statement) {
    return switch (statement.kind()) {
      case CREATE_EXTERNAL_TABLE -> DELTA.equals(statement.fileType().orElse(""))
          ? Optional.of(create(session, statement)) : Optional.empty();
      case INSERT -> registered(session, statement).map(table -> insert(session, statement, table));
      case DELETE, UPDATE -> registered(session, statement).map(table -> mutate(session, statement, table));
      case ALTER_TABLE -> registered(session, statement).map(table -> alter(session, statement, table));
      case MERGE -> registered(session, statement).map(table -> merge(session, statement, table));
      default -> Optional.empty();
    };
  }

  /** Whether {@code name} is currently registered in {@code session} through this handler. */
  public static boolean isDeltaTable(Session session, String name) {
    return DeltaTables.registered(session, quoted(name)).isPresent();
  }

  private DataFrame create(Session session, SqlStatement statement) {
    String name = statement.table().orElseThrow();
    String location = statement.location().filter(l -> !l.isBlank()).orElseThrow(() ->
        new PlanningException(ErrorCode.PLAN, "CREATE EXTERNAL TABLE " + name + " STORED AS DELTA needs a LOCATION",
            null));
    if (describe(session, name).isPresent()) {
      if (statement.ifNotExists()) {
        return emptyFrame(session);
      }
      if (!statement.orReplace()) {
        throw new PlanningException(ErrorCode.PLAN, "table '" + name + "' already exists", null);
      }
    }
    Map<String, String> storage = new LinkedHashMap<>();
    String version = null;
    String timestamp = null;
    for (Map.Entry<String, String> option : statement.options().entrySet()) {
      switch (option.getKey().toLowerCase(Locale.ROOT)) {
        case VERSION_OPTION -> version = option.getValue();
        case TIMESTAMP_OPTION -> timestamp = option.getValue();
        default -> storage.put(option.getKey(), option.getValue());
      }
    }
    DeltaVersionSpec snapshot = snapshot(name, version, timestamp);
    DeltaTable table = DeltaTable.forPath(location, StorageOptions.of(storage, Map.of()));
    Schema declared = declaredSchema(session, statement.sql());
    if (table.exists()) {
      checkDeclared(name, table, declared, statement.partitionColumns());
    } else {
      if (declared.getFields().isEmpty()) {
        throw new DeltaException(ErrorCode.DELTA_TABLE, "CREATE EXTERNAL TABLE " + name + ": no Delta table at '"
            + location + "' (no _delta_log); declare the columns to create an empty table there", null);
      }
      if (!snapshot.isLatest()) {
        throw new DeltaException(ErrorCode.DELTA_VERSION_NOT_FOUND, "CREATE EXTERNAL TABLE " + name + ": no Delta "
            + "table at '" + location + "' to read at " + snapshot.describe(), null);
      }
      table.create(declared, DeltaWriteOptions.append().partitionBy(statement.partitionColumns()).build());
    }
    DeltaTables.register(session, quoted(name), table, DeltaReadOptions.LATEST.at(snapshot));
    return emptyFrame(session);
  }

  private static DeltaVersionSpec snapshot(String name, String version, String timestamp) {
    if (version != null && timestamp != null) {
      throw new ConfigurationException("CREATE EXTERNAL TABLE " + name + ": specify either OPTIONS 'version' or "
          + "'timestamp', not both");
    }
    if (version != null) {
      try {
        return DeltaVersionSpec.atVersion(Long.parseLong(version.trim()));
      } catch (NumberFormatException e) {
        throw new ConfigurationException("CREATE EXTERNAL TABLE " + name + ": OPTIONS 'version' must be a "
            + "non-negative integer, got '" + version + "'", e);
      }
    }
    return timestamp != null ? DeltaVersionSpec.atTimestamp(timestamp.trim()) : DeltaVersionSpec.latest();
  }

  /** Declared columns (if any) and PARTITIONED BY (if any) must describe the existing table. */
  private static void checkDeclared(String name, DeltaTable table, Schema declared, List<String> partitionColumns) {
    if (declared.getFields().isEmpty() && partitionColumns.isEmpty()) {
      return;
    }
    var snapshot = table.load(DeltaVersionSpec.latest());
    if (!declared.getFields().isEmpty()) {
      StructType actual = snapshot.getSchema();
      StructType wanted = SchemaConversion.toDelta(declared, table.uri());
      if (!sameColumns(actual, wanted)) {
        throw new DeltaException(ErrorCode.DELTA_TABLE, "CREATE EXTERNAL TABLE " + name + " declares "
            + columnsText(wanted) + " but Delta table " + table.uri() + " at version " + snapshot.getVersion() + " has "
            + columnsText(actual), null);
      }
    }
    if (!partitionColumns.isEmpty() && !partitionColumns.equals(snapshot.getPartitionColumnNames())) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "CREATE EXTERNAL TABLE " + name + " declares PARTITIONED BY "
          + partitionColumns + " but Delta table " + table.uri() + " at version " + snapshot.getVersion()
          + " is partitioned by " + snapshot.getPartitionColumnNames(), null);
    }
  }

  /** Same names in the same order with the same types; nullability is the writer's business. */
  private static boolean sameColumns(StructType actual, StructType wanted) {
    if (actual.length() != wanted.length()) {
      return false;
    }
    for (int i = 0; i < actual.length(); i++) {
      StructField a = actual.at(i);
      StructField w = wanted.at(i);
      if (!a.getName().equals(w.getName()) || !a.getDataType().equivalent(w.getDataType())) {
        return false;
      }
    }
    return true;
  }

  private static String columnsText(StructType schema) {
    List<String> columns = new ArrayList<>();
    schema.fields().forEach(f -> columns.add(f.getName() + " " + f.getDataType()));
    return "(" + String.join(", ", columns) + ")";
  }

  private DataFrame insert(Session session, SqlStatement statement, RegisteredTable registered) {
    String name = statement.table().orElseThrow();
    DeltaTable table = registered.table();
    requireLatest("INSERT into", name, registered);
    List<String> tableColumns = table.load(DeltaVersionSpec.latest()).getSchema().fieldNames();
    List<String> targets = targetColumns(name, tableColumns, statement.columns());
    DeltaWriteOptions options = (statement.overwrite() ? DeltaWriteOptions.overwrite() : DeltaWriteOptions.append())
        .build();
    DeltaOperationReport report;
    try (DataFrame source = session.sql(statement.source().orElseThrow())) {
      int produced = source.schema().getFields().size();
      if (produced != targets.size()) {
        throw new PlanningException(ErrorCode.PLAN, "INSERT into Delta table '" + name + "': the query yields "
            + produced + " columns but " + targets.size() + " are inserted " + targets, null);
      }
      // Positional, as in SQL: the query's columns are renamed to their target columns (the derived
      // table's column aliases work even when the query repeats a column name); the writer then
      // matches by name, casts to the table's types and fills unlisted columns with nulls.
      List<String> aliases = targets.stream().map(DeltaSql::quoteIdentifier).toList();
      try (DataFrame aligned = session.sql("SELECT * FROM (" + statement.source().orElseThrow()
          + ") AS __delta_insert(" + String.join(", ", aliases) + ")")) {
        report = table.write(aligned, options);
      }
    }
    reregister(session, name, registered);
    long rows = ((Number) report.metrics().getOrDefault("num_added_rows", 0L)).longValue();
    return session.sql("SELECT CAST(" + rows + " AS BIGINT) AS count");
  }

  private DataFrame mutate(Session session, SqlStatement statement, RegisteredTable registered) {
    String name = statement.table().orElseThrow();
    requireLatest(statement.kind() + " on", name, registered);
    String predicate = statement.predicate().orElse(null);
    String[] parts = name.split("\\.", -1);
    DeltaOperationReport report = registered.table().mutate(session, parts[parts.length - 1], predicate,
        statement.kind() == SqlStatement.Kind.DELETE ? null : statement.assignments());
    reregister(session, name, registered);
    Object rows = report.metrics().getOrDefault(report.operation().equals("delete") ? "num_deleted_rows"
        : "num_updated_rows", 0L);
    return session.sql("SELECT CAST(" + ((Number) rows).longValue() + " AS BIGINT) AS count");
  }

  /** Adds or drops the statement's CHECK constraint ({@link DeltaConstraints}) and re-registers the table. */
  private DataFrame alter(Session session, SqlStatement statement, RegisteredTable registered) {
    String name = statement.table().orElseThrow();
    requireLatest("ALTER TABLE on", name, registered);
    SqlStatement.ConstraintChange change = statement.constraint().orElseThrow();
    if (change.add()) {
      String expression = change.expression().orElseThrow();
      String constraint = change.name().orElseGet(() -> DeltaConstraints.referenceName(expression));
      DeltaConstraints.add(registered.table(), Map.of(constraint, expression), DeltaCommitOptions.DEFAULT);
    } else {
      DeltaConstraints.drop(registered.table(), List.of(change.name().orElseThrow()), !change.ifExists(),
          DeltaCommitOptions.DEFAULT);
    }
    reregister(session, name, registered);
    return emptyFrame(session);
  }

  private DataFrame merge(Session session, SqlStatement statement, RegisteredTable registered) {
    String name = statement.table().orElseThrow();
    requireLatest("MERGE into", name, registered);
    String source = "__delta_merge_source_" + java.util.UUID.randomUUID().toString().replace("-", "");
    session.execute("CREATE VIEW \"" + source + "\" AS " + statement.source().orElseThrow());
    DeltaOperationReport report;
    try {
      DeltaMerge.Builder merge = DeltaMerge.builder(source, statement.predicate().orElseThrow())
          .targetAlias(statement.targetAlias().orElse(DeltaMerge.DEFAULT_TARGET_ALIAS))
          .sourceAlias(statement.sourceAlias().orElse(DeltaMerge.DEFAULT_SOURCE_ALIAS));
      List<String> columns = registered.table().load(DeltaVersionSpec.latest()).getSchema().fieldNames();
      for (SqlStatement.MergeClause clause : statement.mergeClauses()) {
        merge.when(mergeClause(name, columns, clause));
      }
      report = merge.build().execute(session, registered.table());
    } finally {
      session.deregister(source);
    }
    reregister(session, name, registered);
    long rows = 0;
    for (String metric : List.of("num_target_rows_inserted", "num_target_rows_updated", "num_target_rows_deleted")) {
      rows += ((Number) report.metrics().getOrDefault(metric, 0L)).longValue();
    }
    return session.sql("SELECT CAST(" + rows + " AS BIGINT) AS count");
  }

  /** A SQL WHEN clause as a merge clause; an INSERT without columns fills the table's columns in order. */
  private static DeltaMerge.Clause mergeClause(String name, List<String> columns, SqlStatement.MergeClause clause) {
    String predicate = clause.predicate().orElse(null);
    String kind = clause.when() + " " + clause.action();
    return switch (kind) {
      case "matched update" -> new DeltaMerge.Clause(DeltaMerge.Action.MATCHED_UPDATE, predicate,
          clause.assignments(), false);
      case "matched delete" -> new DeltaMerge.Clause(DeltaMerge.Action.MATCHED_DELETE, predicate, Map.of(), false);
      case "not_matched_by_source update" -> new DeltaMerge.Clause(DeltaMerge.Action.NOT_MATCHED_BY_SOURCE_UPDATE,
          predicate, clause.assignments(), false);
      case "not_matched_by_source delete" -> new DeltaMerge.Clause(DeltaMerge.Action.NOT_MATCHED_BY_SOURCE_DELETE,
          predicate, Map.of(), false);
      case "not_matched insert" -> {
        List<String> targets = targetColumns(name, columns, clause.columns());
        if (targets.size() != clause.values().size()) {
          throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta merge failed: MERGE into Delta table '" + name
              + "': INSERT gives " + clause.values().size() + " values for " + targets.size() + " columns "
              + targets, null);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
          values.put(targets.get(i), clause.values().get(i));
        }
        yield new DeltaMerge.Clause(DeltaMerge.Action.NOT_MATCHED_INSERT, predicate, values, false);
      }
      default -> throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta merge failed: MERGE into Delta table '"
          + name + "': WHEN " + clause.when().replace('_', ' ').toUpperCase(Locale.ROOT) + " THEN "
          + clause.action().toUpperCase(Locale.ROOT) + " is not a clause Delta merges take", null);
    };
  }

  /** Registers {@code name} again as it was, at the table's new latest version. */
  private static void reregister(Session session, String name, RegisteredTable registered) {
    synchronized (registered.table()) { // concurrent writes each re-register; the latest snapshot wins either way
      DeltaTables.register(session, quoted(name), registered.table(), registered.read());
    }
  }

  /** Writes go to the latest version, so a name pinned to an older one cannot take them. */
  private static void requireLatest(String what, String name, RegisteredTable registered) {
    if (!registered.read().snapshot().isLatest()) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, what + " Delta table '" + name + "' ("
          + registered.table().uri() + "): it is registered at " + registered.read().snapshot().describe()
          + ", and writes go to the latest version; register it without 'version' or 'timestamp' to write", null);
    }
  }

  private static List<String> targetColumns(String name, List<String> tableColumns, List<String> listed) {
    if (listed.isEmpty()) {
      return tableColumns;
    }
    List<String> targets = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String column : listed) {
      String resolved = resolveColumn(column, tableColumns);
      if (resolved == null) {
        throw new PlanningException(ErrorCode.PLAN, "INSERT into Delta table '" + name + "': no column " + column
            + " (columns: " + tableColumns + ")", null);
      }
      if (!seen.add(resolved)) {
        throw new PlanningException(ErrorCode.PLAN, "INSERT into Delta table '" + name + "': column " + column
            + " is listed twice", null);
      }
      targets.add(resolved);
    }
    return targets;
  }

  /** SQL identifier rules: a quoted name is exact, an unquoted one is lower-cased. */
  private static String resolveColumn(String identifier, List<String> columns) {
    String name = identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")
        ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
        : identifier.toLowerCase(Locale.ROOT);
    return columns.contains(name) ? name : null;
  }

  /** The Delta table registered under the statement's table name, if it still is one. */
  private static Optional<RegisteredTable> registered(Session session, SqlStatement statement) {
    return statement.table().flatMap(name -> DeltaTables.registered(session, quoted(name)));
  }

  private static Optional<Map<String, Object>> describe(Session session, String name) {
    String json = EngineInternals.withSession(session, address -> DeltaNative.describeTable(address, quoted(name)));
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.readObject(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the engine describes tables as JSON objects", e);
    }
  }

  private static Schema declaredSchema(Session session, String sql) {
    try (ArrowSchema schema = ArrowSchema.allocateNew(StructAllocator.get())) {
      EngineInternals.withSession(session, address -> {
        DeltaNative.declaredSchema(address, sql, schema.memoryAddress());
        return null;
      });
      return Data.importSchema(StructAllocator.get(), schema, null);
    }
  }

  private static DataFrame emptyFrame(Session session) {
    return EngineInternals.adoptFrame(session, EngineInternals.withSession(session, DeltaNative::emptyFrame));
  }

  /** A normalised table name ({@code t} or {@code s.t}) quoted part by part, so the catalog keeps its case. */
  static String quoted(String name) {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("\\.", -1)) {
      parts.add(quoteIdentifier(part));
    }
    return String.join(".", parts);
  }

  private static String quoteIdentifier(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
