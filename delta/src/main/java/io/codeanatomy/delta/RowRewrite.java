package io.codeanatomy.delta;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.PlanningException;
import io.codeanatomy.delta.internal.ChangeData;
import io.codeanatomy.delta.internal.DataWriter;
import io.codeanatomy.delta.internal.ScanFile;
import io.codeanatomy.delta.internal.ScanPlanner;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.ExpressionInfo;
import io.codeanatomy.engine.Session;
import io.delta.kernel.Snapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The read side of every copy-on-write change (replace-where overwrite, DELETE, UPDATE, MERGE): a
 * predicate checked against the table (boolean, no subquery, only the table's columns), the files
 * holding matching rows (found by running the predicate over the snapshot with a file-path column),
 * and the rows those files hold after the change, to be written again. Deletion vectors are applied
 * by the scan, so a rewritten file drops the rows its vector removed. The snapshot is registered in
 * the session under a temporary name until {@link #close()}.
 */
final class RowRewrite implements AutoCloseable {
  /** The column of the registered snapshot holding each row's data-file path. */
  static final String FILE_COLUMN = "__delta_replace_file";

  /**
   * How the rows of an affected file are written again, given the rows the predicate matches: a
   * replace-where or DELETE keeps the unmatched ones, an UPDATE assigns the matched ones. DELETE
   * and UPDATE record change data on a change-data-feed table; a replace-where commits plain
   * removes and adds, which the feed reads as the files' deletes and inserts.
   */
  private enum Kind {
    REPLACE_WHERE, DELETE, UPDATE;

    boolean keepsUnmatched() {
      return this != UPDATE;
    }
  }

  private final Session session;
  private final String tempName;
  private final List<ScanFile> removed;
  private final long matchedRows;
  private final DataFrame rewritten;
  private final DataFrame changes;
  private final Map<String, Long> rowCounts;

  /**
   * {@code rewritten}: the rows written by the change (those of the removed files after it, and for
   * a merge the inserted ones), null when none; {@code changes}: the change data feed's rows
   * (table columns and {@code _change_type}), null when the table records none; {@code rowCounts}:
   * the change's row metrics under the reference's keys (§1.5).
   */
  RowRewrite(Session session, String tempName, List<ScanFile> removed, long matchedRows, DataFrame rewritten,
      DataFrame changes, Map<String, Long> rowCounts) {
    this.session = session;
    this.tempName = tempName;
    this.removed = removed;
    this.matchedRows = matchedRows;
    this.rewritten = rewritten;
    this.changes = changes;
    this.rowCounts = Map.copyOf(rowCounts);
  }

  /**
   * Replace-where: validates {@code predicate} against the table and the data (every data row must
   * match) and plans the replacement on {@code base} (null: the table is new).
   */
  static RowRewrite replaceWhere(DeltaTable table, Snapshot base, String predicate, DataWriter data) {
    DataFrame frame = data.frame().orElseThrow(() -> new ConfigurationException("Delta table " + table.uri()
        + ": replaceWhere needs a DataFrame write (the engine evaluates the predicate), not an Arrow stream"));
    String label = "replaceWhere predicate";
    if (base == null) {
      validate(table, null, frame, predicate, label);
      requireDataMatches(table, null, frame, predicate, matches(predicate));
      return new RowRewrite(frame.session(), null, List.of(), 0, null, null, Map.of());
    }
    return plan(table, base, frame.session(), predicate, null, label, Kind.REPLACE_WHERE, Map.of(),
        snapshot -> requireDataMatches(table, base, frame, predicate, matches(predicate)));
  }

  /**
   * DELETE: the affected files lose the rows {@code predicate} matches (null: every row);
   * {@code qualifier} (null: none) is the table name the predicate may qualify columns with.
   */
  static RowRewrite delete(DeltaTable table, Snapshot base, Session session, String predicate, String qualifier) {
    return plan(table, base, session, predicate, qualifier, "Delta delete failed: predicate", Kind.DELETE, Map.of(),
        snapshot -> { });
  }

  /**
   * UPDATE: in the affected files, the rows {@code predicate} matches (null: every row) take the
   * assigned values; {@code assignments} maps table columns to SQL expressions over the row, whose
   * columns may be qualified by {@code qualifier} (null: none) as the predicate's may.
   */
  static RowRewrite update(DeltaTable table, Snapshot base, Session session, String predicate,
      Map<String, String> assignments, String qualifier) {
    if (assignments.isEmpty()) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta update failed: Delta update requires at least one "
          + "column assignment (table " + table.uri() + " at version " + base.getVersion() + ")", null);
    }
    Map<String, String> resolved = new LinkedHashMap<>();
    List<String> columns = base.getSchema().fieldNames();
    for (Map.Entry<String, String> assignment : assignments.entrySet()) {
      String column = resolveColumn(assignment.getKey(), columns);
      if (column == null) {
        throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta update failed: " + where(table, base) + " has no column '"
            + assignment.getKey() + "' to assign (columns: " + columns + ")", null);
      }
      if (resolved.put(column, assignment.getValue()) != null) {
        throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta update failed: column '" + column + "' of "
            + where(table, base) + " is assigned twice", null);
      }
    }
    return plan(table, base, session, predicate, qualifier, "Delta update failed: predicate", Kind.UPDATE, resolved,
        snapshot -> resolved.forEach((column, expression) -> validateAssignment("Delta update failed",
            where(table, base), snapshot, column, expression, snapshot.schema().findField(column).getType())));
  }

  private static RowRewrite plan(DeltaTable table, Snapshot base, Session session, String predicate,
      String qualifier, String label, Kind kind, Map<String, String> assignments, Consumer<DataFrame> check) {
    String matches = matches(predicate);
    String tempName = registerSnapshot(session, table, base);
    String source = relation(tempName, qualifier);
    try {
      try (DataFrame snapshot = session.sql("SELECT * FROM " + source)) {
        if (predicate != null) {
          validate(table, base, snapshot, predicate, label);
        }
        check.accept(snapshot); // further checks on the snapshot's columns, before anything runs
      }
      Map<String, Long> matched = new LinkedHashMap<>();
      for (List<Object> row : collect(session, "SELECT \"" + FILE_COLUMN + "\", count(*) FROM " + source
          + " WHERE " + matches + " GROUP BY 1")) {
        matched.put(String.valueOf(row.get(0)), (Long) row.get(1));
      }
      List<ScanFile> removed = filesAmong(table, base, matched.keySet());
      long matchedRows = matched.values().stream().mapToLong(Long::longValue).sum();
      DataFrame rewritten = removed.isEmpty() ? null
          : session.sql(rewriteSql(base, source, removed, matches, kind, assignments));
      DataFrame changes = removed.isEmpty() || kind == Kind.REPLACE_WHERE
          || !ChangeData.enabled(base.getMetadata().getConfiguration()) ? null
          : session.sql(changeSql(base, source, removed, matches, kind, assignments));
      return new RowRewrite(session, tempName, removed, matchedRows, rewritten, changes,
          Map.of(kind == Kind.UPDATE ? "num_updated_rows" : "num_deleted_rows", matchedRows));
    } catch (RuntimeException e) {
      session.deregister(tempName);
      throw e;
    }
  }

  /**
   * Registers {@code base} in the session under a new temporary name, with the {@link #FILE_COLUMN};
   * the caller deregisters it (a RowRewrite built on it does on {@link #close()}).
   */
  static String registerSnapshot(Session session, DeltaTable table, Snapshot base) {
    return registerSnapshot(session, table, base, null);
  }

  /** {@link #registerSnapshot(Session, DeltaTable, Snapshot)} with only {@code files} (null: all) read. */
  static String registerSnapshot(Session session, DeltaTable table, Snapshot base, List<ScanFile> files) {
    String tempName = "__delta_replace_" + UUID.randomUUID().toString().replace("-", "");
    DeltaTables.register(session, tempName, table, DeltaReadOptions.LATEST
        .at(DeltaVersionSpec.atVersion(base.getVersion()))
        .withScan(DeltaScanOptions.DEFAULT.withFileColumn(FILE_COLUMN))
        .withFiles(files == null ? null : files.stream().map(ScanFile::path).toList()));
    return tempName;
  }

  /**
   * The registered snapshot {@code tempName} as a statement names its table ({@code qualifier},
   * null: no name), so qualified columns ({@code t.id}) resolve as against the table itself.
   */
  static String relation(String tempName, String qualifier) {
    return "\"" + tempName + "\"" + (qualifier == null ? "" : " AS " + identifier(qualifier));
  }

  /** The active files of {@code base} whose (decoded) paths are among {@code paths}. */
  static List<ScanFile> filesAmong(DeltaTable table, Snapshot base, java.util.Collection<String> paths) {
    List<ScanFile> files = new ArrayList<>();
    for (ScanFile file : ScanPlanner.files(table.engine(), base, null)) {
      if (paths.contains(file.path())) {
        files.add(file);
      }
    }
    return files;
  }

  /** SQL {@code IN} list of the files' paths, as the {@link #FILE_COLUMN} holds them. */
  static String pathList(List<ScanFile> files) {
    return String.join(", ", files.stream().map(f -> "'" + f.path().replace("'", "''") + "'").toList());
  }

  /** A small query's rows as Java values (text as String). */
  static List<List<Object>> collect(Session session, String sql) {
    List<List<Object>> rows = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator();
        DataFrame result = session.sql(sql);
        ArrowReader reader = result.stream(allocator)) {
      while (reader.loadNextBatch()) {
        List<FieldVector> vectors = reader.getVectorSchemaRoot().getFieldVectors();
        for (int row = 0; row < reader.getVectorSchemaRoot().getRowCount(); row++) {
          List<Object> values = new ArrayList<>();
          for (FieldVector vector : vectors) {
            Object value = vector.getObject(row);
            values.add(value instanceof org.apache.arrow.vector.util.Text text ? text.toString() : value);
          }
          rows.add(values);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("query streams report failures as CodeAnatomyException", e);
    }
    return rows;
  }

  /** A null (unknown) predicate result does not match, as in SQL's WHERE. */
  static String matches(String predicate) {
    return predicate == null ? "true" : "coalesce((" + predicate + "), false)";
  }

  /**
   * All rows of the affected files after the change. An assigned column is a CASE over the match,
   * so each file is read once; the writer casts the result to the column's type.
   */
  private static String rewriteSql(Snapshot base, String source, List<ScanFile> removed, String matches, Kind kind,
      Map<String, String> assignments) {
    List<String> columns = new ArrayList<>();
    for (String name : base.getSchema().fieldNames()) {
      String expression = assignments.get(name);
      columns.add(expression == null ? identifier(name)
          : "CASE WHEN " + matches + " THEN (" + expression + ") ELSE " + identifier(name) + " END AS "
              + identifier(name));
    }
    return "SELECT " + String.join(", ", columns) + " FROM " + source + " WHERE \"" + FILE_COLUMN + "\" IN ("
        + pathList(removed) + ")" + (kind.keepsUnmatched() ? " AND NOT " + matches : "");
  }

  /** The change data of a DELETE (the deleted rows) or an UPDATE (each matched row before and after). */
  private static String changeSql(Snapshot base, String source, List<ScanFile> removed, String matches, Kind kind,
      Map<String, String> assignments) {
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    for (String name : base.getSchema().fieldNames()) {
      before.add(identifier(name));
      String expression = assignments.get(name);
      after.add(expression == null ? identifier(name) : "(" + expression + ") AS " + identifier(name));
    }
    String from = " FROM " + source + " WHERE \"" + FILE_COLUMN + "\" IN (" + pathList(removed) + ") AND "
        + matches;
    String type = " AS " + identifier(ChangeData.CHANGE_TYPE);
    if (kind == Kind.DELETE) {
      return "SELECT " + String.join(", ", before) + ", '" + ChangeData.DELETE + "'" + type + from;
    }
    return "SELECT " + String.join(", ", before) + ", '" + ChangeData.UPDATE_PREIMAGE + "'" + type + from
        + " UNION ALL SELECT " + String.join(", ", after) + ", '" + ChangeData.UPDATE_POSTIMAGE + "'" + type + from;
  }

  private static void validate(DeltaTable table, Snapshot base, DataFrame frame, String predicate, String label) {
    validatePredicate(where(table, base), frame, predicate, label);
  }

  /** A predicate over {@code frame}'s columns: boolean, without subqueries. */
  static void validatePredicate(String where, DataFrame frame, String predicate, String label) {
    ExpressionInfo info;
    try {
      info = frame.describeExpression(predicate);
    } catch (PlanningException e) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, label + " '" + predicate + "' does not apply to "
          + where + ": " + e.getMessage(), e);
    }
    String problem = !info.isBoolean() ? "is not boolean but " + info.result().getType()
        : info.containsSubquery() ? "contains a subquery"
        : info.columns().stream().anyMatch(FILE_COLUMN::equals) ? "names no column of the table" : null;
    if (problem != null) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, label + " '" + predicate + "' " + problem + " (" + where + ")",
          null);
    }
  }

  /**
   * An assignment reads only the row (no subquery) and yields a value of a type {@code target}
   * takes; {@code scope} is the frame whose columns it may read.
   */
  static void validateAssignment(String failure, String where, DataFrame scope, String column, String expression,
      ArrowType target) {
    String prefix = failure + ": assignment " + column + " = " + expression + " (" + where + ")";
    ExpressionInfo info;
    try {
      info = scope.describeExpression(expression);
    } catch (PlanningException e) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, prefix + " does not apply: " + e.getMessage(), e);
    }
    if (info.containsSubquery()) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, prefix + " contains a subquery", null);
    }
    if (info.columns().contains(FILE_COLUMN)) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, prefix + " names no column of the table", null);
    }
    if (!assignable(info.result().getType(), target)) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, prefix + " yields " + info.result().getType()
          + ", which column '" + column + "' of type " + target + " cannot take", null);
    }
  }

  private enum Family { NULL, BOOL, NUMBER, STRING, BINARY, TEMPORAL, OTHER }

  /**
   * Store assignment, as in SQL's UPDATE: the same type, null, numbers into numbers, dates and
   * timestamps into each other, anything scalar into text, and text into a scalar column (parsed
   * when written, a bad value failing the update). Nested types must match exactly.
   */
  static boolean assignable(ArrowType source, ArrowType target) {
    if (source.equals(target)) {
      return true;
    }
    Family from = family(source);
    Family to = family(target);
    if (from == Family.NULL) {
      return true;
    }
    if (from == Family.OTHER || to == Family.OTHER) {
      return false;
    }
    return from == to || to == Family.STRING || (from == Family.STRING && to != Family.BINARY);
  }

  private static Family family(ArrowType type) {
    return switch (type.getTypeID()) {
      case Null -> Family.NULL;
      case Bool -> Family.BOOL;
      case Int, FloatingPoint, Decimal -> Family.NUMBER;
      case Utf8, LargeUtf8, Utf8View -> Family.STRING;
      case Binary, LargeBinary, BinaryView, FixedSizeBinary -> Family.BINARY;
      case Date, Timestamp -> Family.TEMPORAL;
      default -> Family.OTHER;
    };
  }

  /** Delta replaceWhere's constraint: the data may only hold rows the predicate replaces. */
  private static void requireDataMatches(DeltaTable table, Snapshot base, DataFrame data, String predicate,
      String matches) {
    long outside;
    try (DataFrame rows = data.filter("NOT " + matches)) {
      outside = rows.count();
    } catch (PlanningException e) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "replaceWhere predicate '" + predicate + "' does not apply to "
          + "the data written to " + where(table, base) + ": " + e.getMessage(), e);
    }
    if (outside > 0) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, outside + " rows of the data written to " + where(table, base)
          + " do not match the replaceWhere predicate '" + predicate + "'", null);
    }
  }

  static String where(DeltaTable table, Snapshot base) {
    return "Delta table " + table.uri() + (base == null ? " (new)" : " at version " + base.getVersion());
  }

  static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** SQL identifier rules for an assignment target: the exact name first, then the lower-cased one. */
  static String resolveColumn(String name, List<String> columns) {
    if (columns.contains(name)) {
      return name;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return columns.contains(lower) ? lower : null;
  }

  /** Active files of the snapshot holding rows the predicate matches: all of them are removed. */
  List<ScanFile> removed() {
    return removed;
  }

  /** Rows the predicate matched (deleted, replaced or updated). */
  long matchedRows() {
    return matchedRows;
  }

  /** The change's row metrics under the reference's keys (§1.5). */
  Map<String, Long> rowCounts() {
    return rowCounts;
  }

  /** Whether the change removes no file and writes no row: there is nothing to commit. */
  boolean changesNothing() {
    return removed.isEmpty() && rewritten == null;
  }

  /** The change data feed's rows of the change; null when the table records none. */
  DataWriter changeRows() {
    return changes == null ? null : DataWriter.of(changes);
  }

  /** The rows the change writes (see the constructor); null when there are none. */
  DataWriter rewrittenRows() {
    return rewritten == null ? null : DataWriter.of(rewritten);
  }

  @Override
  public void close() {
    if (rewritten != null) {
      rewritten.close();
    }
    if (changes != null) {
      changes.close();
    }
    if (tempName != null) {
      session.deregister(tempName);
    }
  }
}
