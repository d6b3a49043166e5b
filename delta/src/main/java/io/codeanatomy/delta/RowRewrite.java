package io.codeanatomy.delta;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.PlanningException;
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
 * The read side of every copy-on-write change (replace-where overwrite, DELETE, UPDATE): a
 * predicate checked against the table (boolean, no subquery, only the table's columns), the files
 * holding matching rows (found by running the predicate over the snapshot with a file-path column),
 * and the rows those files hold after the change, to be written again. Deletion vectors are applied
 * by the scan, so a rewritten file drops the rows its vector removed. The snapshot is registered in
 * the session under a temporary name until {@link #close()}.
 */
final class RowRewrite implements AutoCloseable {
  private static final String FILE_COLUMN = "__delta_replace_file";

  /** How the rows of an affected file are written again, given the rows the predicate matches. */
  private enum Kind { KEEP_UNMATCHED, ASSIGN }

  private final Session session;
  private final String tempName;
  private final List<ScanFile> removed;
  private final long matchedRows;
  private final DataFrame rewritten;

  private RowRewrite(Session session, String tempName, List<ScanFile> removed, long matchedRows,
      DataFrame rewritten) {
    this.session = session;
    this.tempName = tempName;
    this.removed = removed;
    this.matchedRows = matchedRows;
    this.rewritten = rewritten;
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
      return new RowRewrite(frame.session(), null, List.of(), 0, null);
    }
    return plan(table, base, frame.session(), predicate, null, label, Kind.KEEP_UNMATCHED, Map.of(),
        snapshot -> requireDataMatches(table, base, frame, predicate, matches(predicate)));
  }

  /**
   * DELETE: the affected files lose the rows {@code predicate} matches (null: every row);
   * {@code qualifier} (null: none) is the table name the predicate may qualify columns with.
   */
  static RowRewrite delete(DeltaTable table, Snapshot base, Session session, String predicate, String qualifier) {
    return plan(table, base, session, predicate, qualifier, "Delta delete failed: predicate", Kind.KEEP_UNMATCHED,
        Map.of(), snapshot -> { });
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
    return plan(table, base, session, predicate, qualifier, "Delta update failed: predicate", Kind.ASSIGN, resolved,
        snapshot -> resolved.forEach((column, expression) -> validateAssignment(table, base, snapshot, column,
            expression)));
  }

  private static RowRewrite plan(DeltaTable table, Snapshot base, Session session, String predicate,
      String qualifier, String label, Kind kind, Map<String, String> assignments, Consumer<DataFrame> check) {
    String matches = matches(predicate);
    String tempName = "__delta_replace_" + UUID.randomUUID().toString().replace("-", "");
    // The snapshot as the statement names it, so `t.id` resolves as it would against the table itself.
    String source = "\"" + tempName + "\"" + (qualifier == null ? "" : " AS " + identifier(qualifier));
    DeltaTables.register(session, tempName, table, DeltaReadOptions.LATEST
        .at(DeltaVersionSpec.atVersion(base.getVersion()))
        .withScan(DeltaScanOptions.DEFAULT.withFileColumn(FILE_COLUMN)));
    try {
      try (DataFrame snapshot = session.sql("SELECT * FROM " + source)) {
        if (predicate != null) {
          validate(table, base, snapshot, predicate, label);
        }
        check.accept(snapshot); // further checks on the snapshot's columns, before anything runs
      }
      Map<String, Long> matched = matchedRowsPerFile(session, source, matches);
      List<ScanFile> removed = new ArrayList<>();
      for (ScanFile file : ScanPlanner.files(table.engine(), base, null)) {
        if (matched.containsKey(file.path())) {
          removed.add(file);
        }
      }
      long matchedRows = matched.values().stream().mapToLong(Long::longValue).sum();
      DataFrame rewritten = removed.isEmpty() ? null
          : session.sql(rewriteSql(base, source, removed, matches, kind, assignments));
      return new RowRewrite(session, tempName, removed, matchedRows, rewritten);
    } catch (RuntimeException e) {
      session.deregister(tempName);
      throw e;
    }
  }

  /** A null (unknown) predicate result does not match, as in SQL's WHERE. */
  private static String matches(String predicate) {
    return predicate == null ? "true" : "coalesce((" + predicate + "), false)";
  }

  /** Files whose rows match the predicate, with how many match; the predicate also prunes the scan. */
  private static Map<String, Long> matchedRowsPerFile(Session session, String source, String matches) {
    Map<String, Long> matched = new LinkedHashMap<>();
    String sql = "SELECT \"" + FILE_COLUMN + "\", count(*) FROM " + source + " WHERE " + matches + " GROUP BY 1";
    try (BufferAllocator allocator = new RootAllocator();
        DataFrame result = session.sql(sql);
        ArrowReader reader = result.stream(allocator)) {
      while (reader.loadNextBatch()) {
        List<FieldVector> vectors = reader.getVectorSchemaRoot().getFieldVectors();
        for (int row = 0; row < reader.getVectorSchemaRoot().getRowCount(); row++) {
          matched.put(String.valueOf(vectors.get(0).getObject(row)), ((BigIntVector) vectors.get(1)).get(row));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("query streams report failures as CodeAnatomyException", e);
    }
    return matched;
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
    List<String> paths = removed.stream().map(f -> "'" + f.path().replace("'", "''") + "'").toList();
    return "SELECT " + String.join(", ", columns) + " FROM " + source + " WHERE \"" + FILE_COLUMN + "\" IN ("
        + String.join(", ", paths) + ")" + (kind == Kind.KEEP_UNMATCHED ? " AND NOT " + matches : "");
  }

  private static void validate(DeltaTable table, Snapshot base, DataFrame frame, String predicate, String label) {
    String where = where(table, base);
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

  /** An assignment reads only the row (no subquery) and yields a value the column's type takes. */
  private static void validateAssignment(DeltaTable table, Snapshot base, DataFrame snapshot, String column,
      String expression) {
    String prefix = "Delta update failed: assignment " + column + " = " + expression + " (" + where(table, base)
        + ")";
    ExpressionInfo info;
    try {
      info = snapshot.describeExpression(expression);
    } catch (PlanningException e) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, prefix + " does not apply: " + e.getMessage(), e);
    }
    if (info.containsSubquery()) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, prefix + " contains a subquery", null);
    }
    if (info.columns().contains(FILE_COLUMN)) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, prefix + " names no column of the table", null);
    }
    Field target = snapshot.schema().findField(column);
    if (!assignable(info.result().getType(), target.getType())) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, prefix + " yields " + info.result().getType()
          + ", which column '" + column + "' of type " + target.getType() + " cannot take", null);
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

  private static String where(DeltaTable table, Snapshot base) {
    return "Delta table " + table.uri() + (base == null ? " (new)" : " at version " + base.getVersion());
  }

  private static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** SQL identifier rules for an assignment target: the exact name first, then the lower-cased one. */
  private static String resolveColumn(String name, List<String> columns) {
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

  /** The rows of the removed files as they are after the change; null when no file is removed. */
  DataWriter rewrittenRows() {
    return rewritten == null ? null : DataWriter.of(rewritten);
  }

  @Override
  public void close() {
    if (rewritten != null) {
      rewritten.close();
    }
    if (tempName != null) {
      session.deregister(tempName);
    }
  }
}
