package io.codeanatomy.delta;

import static io.codeanatomy.delta.RowRewrite.FILE_COLUMN;
import static io.codeanatomy.delta.RowRewrite.identifier;

import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.delta.DeltaMerge.Action;
import io.codeanatomy.delta.DeltaMerge.Clause;
import io.codeanatomy.delta.DeltaMerge.Group;
import io.codeanatomy.delta.internal.ChangeData;
import io.codeanatomy.delta.internal.ScanFile;
import io.codeanatomy.delta.internal.ScanPlanner;
import io.codeanatomy.delta.internal.SchemaConversion;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import io.delta.kernel.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Plans a {@link DeltaMerge} as SQL over the table's snapshot (registered with its file column)
 * joined with the source: each joined row gets the index of the clause that applies to it (or
 * null), one aggregate finds the files holding rows a clause updates or deletes, and the rewrite
 * is those files' rows after the change plus the inserted rows, as one frame. On a change-data-feed
 * table the change rows come from the same relations. Without not-matched-by-source clauses only
 * the files {@link MergeFileSkipping} keeps are registered, so no query reads the others.
 */
final class MergeRewrite {
  static final String SOURCE_ROWS = "num_source_rows";
  static final String INSERTED = "num_target_rows_inserted";
  static final String UPDATED = "num_target_rows_updated";
  static final String DELETED = "num_target_rows_deleted";
  static final String FILES_SCANNED = "num_target_files_scanned";
  static final String FILES_SKIPPED = "num_target_files_skipped_during_scan";

  private static final String FAILED = "Delta merge failed";
  /** Marks a joined row that has a source side. */
  private static final String SOURCE_PRESENT = "__delta_merge_source";
  /** A number per target row, to tell rows a clause applies to apart from their copies in the join. */
  private static final String ROW = "__delta_merge_row";
  private static final String ACTION = "__delta_merge_action";
  private static final String PICK = "__delta_merge_pick";
  /** Prefix of the old values of the table's columns (by position) in {@link #changedRowsSql}. */
  private static final String OLD = "__delta_merge_old_";

  /** A clause with its assignments resolved to the table's columns. */
  private record Resolved(Action action, String condition, Map<String, String> assignments) {}

  private final DeltaMerge merge;
  private final String where;
  private final String tempName;
  private final String sourceName;
  private final List<String> columns;
  private final List<Resolved> clauses;
  /** Whether no table row can match more than one source row (then no row needs telling apart). */
  private final boolean singleMatches;

  private MergeRewrite(DeltaMerge merge, String where, String tempName, String sourceName, List<String> columns,
      List<Resolved> clauses, boolean singleMatches) {
    this.merge = merge;
    this.where = where;
    this.tempName = tempName;
    this.sourceName = sourceName;
    this.columns = columns;
    this.clauses = clauses;
    this.singleMatches = singleMatches;
  }

  static RowRewrite plan(DeltaMerge merge, DeltaTable table, Snapshot base, Session session) {
    String where = RowRewrite.where(table, base);
    List<String> sourceColumns;
    try (DataFrame source = session.table(merge.source())) {
      sourceColumns = source.schema().getFields().stream().map(f -> f.getName()).toList();
    } catch (CodeAnatomyException e) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, FAILED + ": source table '" + merge.source()
          + "' does not resolve in the session (merging into " + where + "): " + e.getMessage(), e);
    }
    String sourceName = qualifiedName(merge.source());
    List<String> columns = base.getSchema().fieldNames();
    List<Resolved> resolved = new ArrayList<>();
    for (Clause clause : merge.clauses()) {
      resolved.add(resolve(merge, clause, columns, sourceColumns, where));
    }
    MergeFileSkipping.Bounds bounds = MergeFileSkipping.bounds(session, merge, sourceName, sourceColumns,
        base.getSchema());
    List<ScanFile> active = ScanPlanner.files(table.engine(), base, null);
    List<ScanFile> scanned = scannedFiles(merge, table, base, bounds, active);
    String tempName = RowRewrite.registerSnapshot(session, table, base, scanned == active ? null : scanned);
    try {
      MergeRewrite rewrite = new MergeRewrite(merge, where, tempName, sourceName, columns, resolved,
          bounds.singleMatches());
      rewrite.validate(session, SchemaConversion.toArrow(base.getSchema(), false));
      Map<String, Long> rows = new LinkedHashMap<>();
      rows.put(SOURCE_ROWS, bounds.sourceRows());
      rows.put(FILES_SCANNED, (long) scanned.size());
      rows.put(FILES_SKIPPED, (long) (active.size() - scanned.size()));
      return rewrite.run(session, table, base, scanned, rows);
    } catch (RuntimeException e) {
      session.deregister(tempName);
      throw e;
    }
  }

  /**
   * The files a source row may match, when the merge reads only those (no clause reads the rows no
   * source row matches); {@code active} itself when every file is read.
   */
  private static List<ScanFile> scannedFiles(DeltaMerge merge, DeltaTable table, Snapshot base,
      MergeFileSkipping.Bounds bounds, List<ScanFile> active) {
    if (merge.clauses().stream().anyMatch(c -> c.action().group() == Group.NOT_MATCHED_BY_SOURCE)) {
      return active;
    }
    if (bounds.impossible()) {
      return List.of();
    }
    return bounds.predicate() == null ? active : ScanPlanner.files(table.engine(), base, bounds.predicate());
  }

  /**
   * Each assigned name resolved to a table column; an all-columns clause assigns every source
   * column to the table's column of that name (§2.10), the others keep their value (update) or are
   * null (insert).
   */
  private static Resolved resolve(DeltaMerge merge, Clause clause, List<String> columns, List<String> sourceColumns,
      String where) {
    Map<String, String> assignments = new LinkedHashMap<>();
    if (clause.allColumns()) {
      for (String sourceColumn : sourceColumns) {
        String column = RowRewrite.resolveColumn(sourceColumn, columns);
        if (column == null) {
          throw new DeltaException(ErrorCode.DELTA_TABLE, FAILED + ": clause " + clause.action() + " sets every "
              + "source column, but " + where + " has no column '" + sourceColumn + "' (columns: " + columns
              + ")", null);
        }
        assignments.put(column, merge.sourceAlias() + "." + identifier(sourceColumn));
      }
    }
    Set<String> explicit = new LinkedHashSet<>();
    for (Map.Entry<String, String> assignment : clause.assignments().entrySet()) {
      String column = RowRewrite.resolveColumn(assignment.getKey(), columns);
      if (column == null) {
        throw new DeltaException(ErrorCode.DELTA_TABLE, FAILED + ": " + where + " has no column '"
            + assignment.getKey() + "' to assign in clause " + clause.action() + " (columns: " + columns + ")", null);
      }
      if (!explicit.add(column)) {
        throw new DeltaException(ErrorCode.DELTA_TABLE, FAILED + ": column '" + column + "' of " + where
            + " is assigned twice in clause " + clause.action(), null);
      }
      assignments.put(column, assignment.getValue());
    }
    return new Resolved(clause.action(), clause.condition(), assignments);
  }

  /**
   * The predicate and match conditions see both rows, not-matched clauses only the source row and
   * not-matched-by-source clauses only the table's row; values must suit their columns' types.
   */
  private void validate(Session session, Schema tableSchema) {
    String bothSql = "SELECT * FROM " + targetRelation(null, false) + " CROSS JOIN " + sourceRelation();
    try (DataFrame both = session.sql(bothSql);
        DataFrame sourceOnly = session.sql("SELECT * FROM " + sourceName + " AS " + merge.sourceAlias());
        DataFrame targetOnly = session.sql("SELECT * FROM \"" + tempName + "\" AS " + merge.targetAlias())) {
      RowRewrite.validatePredicate(where, both, merge.predicate(), FAILED + ": merge predicate");
      for (Resolved clause : clauses) {
        DataFrame scope = switch (clause.action().group()) {
          case MATCHED -> both;
          case NOT_MATCHED -> sourceOnly;
          case NOT_MATCHED_BY_SOURCE -> targetOnly;
        };
        String label = FAILED + ": " + clause.action() + " clause";
        if (clause.condition() != null) {
          RowRewrite.validatePredicate(where, scope, clause.condition(), label + " condition");
        }
        clause.assignments().forEach((column, expression) -> RowRewrite.validateAssignment(label, where, scope,
            column, expression, tableSchema.findField(column).getType()));
      }
    }
  }

  /** {@code scanned}: the files registered under {@link #tempName}; {@code rows}: the metrics so far. */
  private RowRewrite run(Session session, DeltaTable table, Snapshot base, List<ScanFile> scanned,
      Map<String, Long> rows) {
    requireSingleMatches(session);

    Set<String> affected = new LinkedHashSet<>();
    long inserted = 0;
    long updated = 0;
    long deleted = 0;
    String file = identifier(FILE_COLUMN);
    String countSql = "SELECT " + file + ", " + ACTION + ", count(*) FROM (SELECT " + merge.targetAlias() + "." + file
        + " AS " + file + ", " + action() + " AS " + ACTION + " FROM " + targetRelation(null, false) + " "
        + joinType() + " JOIN " + sourceRelation() + " ON (" + merge.predicate() + ")) AS __delta_merge_joined WHERE "
        + ACTION + " IS NOT NULL GROUP BY 1, 2";
    for (List<Object> row : RowRewrite.collect(session, countSql)) {
      Action action = clauses.get(((Number) row.get(1)).intValue()).action();
      long count = (Long) row.get(2);
      switch (action.type()) {
        case "insert" -> inserted += count;
        case "update" -> updated += count;
        default -> deleted += count;
      }
      if (row.get(0) != null) {
        affected.add(String.valueOf(row.get(0)));
      }
    }
    rows.put(INSERTED, inserted);
    rows.put(UPDATED, updated);
    rows.put(DELETED, deleted);

    List<ScanFile> removed = scanned.stream().filter(scanFile -> affected.contains(scanFile.path())).toList();
    List<String> rewrites = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    String type = " AS " + identifier(ChangeData.CHANGE_TYPE);
    if (!removed.isEmpty()) {
      String changed = changedRowsSql(removed);
      List<String> deletes = actionsOf(false);
      rewrites.add("SELECT " + columnList("") + " FROM " + changed + (deletes.isEmpty() ? "" : " WHERE " + ACTION
          + " IS NULL OR " + ACTION + " NOT IN (" + String.join(", ", deletes) + ")"));
      if (!deletes.isEmpty()) {
        changes.add("SELECT " + columnList(OLD) + ", '" + ChangeData.DELETE + "'" + type + " FROM " + changed
            + " WHERE " + ACTION + " IN (" + String.join(", ", deletes) + ")");
      }
      List<String> updates = actionsOf(true);
      if (!updates.isEmpty()) {
        String updatedRows = " FROM " + changed + " WHERE " + ACTION + " IN (" + String.join(", ", updates) + ")";
        changes.add("SELECT " + columnList(OLD) + ", '" + ChangeData.UPDATE_PREIMAGE + "'" + type + updatedRows);
        changes.add("SELECT " + columnList("") + ", '" + ChangeData.UPDATE_POSTIMAGE + "'" + type + updatedRows);
      }
    }
    if (inserted > 0) {
      rewrites.add(insertedRowsSql());
      changes.add("SELECT *, '" + ChangeData.INSERT + "'" + type + " FROM (" + insertedRowsSql()
          + ") AS __delta_merge_inserted");
    }
    DataFrame rewritten = rewrites.isEmpty() ? null : session.sql(unionAll(rewrites));
    DataFrame changeRows = null;
    try {
      changeRows = changes.isEmpty() || !ChangeData.enabled(base.getMetadata().getConfiguration()) ? null
          : session.sql(unionAll(changes));
    } catch (RuntimeException e) {
      if (rewritten != null) {
        rewritten.close();
      }
      throw e;
    }
    return new RowRewrite(session, tempName, removed, updated + deleted, rewritten, changeRows, rows);
  }

  private static String unionAll(List<String> queries) {
    return queries.stream().map(query -> "(" + query + ")").collect(Collectors.joining(" UNION ALL "));
  }

  /** Indices of the target-side clauses that update ({@code updates}) or delete rows. */
  private List<String> actionsOf(boolean updates) {
    List<String> indices = new ArrayList<>();
    for (int i = 0; i < clauses.size(); i++) {
      Action action = clauses.get(i).action();
      if (action.group() != Group.NOT_MATCHED && action.assigns() == updates) {
        indices.add(String.valueOf(i));
      }
    }
    return indices;
  }

  /** The table's columns as named in {@link #changedRowsSql}: new values, or old ones with {@link #OLD}. */
  private String columnList(String prefix) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      names.add(prefix.isEmpty() ? identifier(columns.get(i)) : prefix + i + " AS " + identifier(columns.get(i)));
    }
    return String.join(", ", names);
  }

  /** Delta's rule: a table row that a clause would change may be matched by only one source row. */
  private void requireSingleMatches(Session session) {
    if (singleMatches || clauses.stream().noneMatch(c -> c.action().group() == Group.MATCHED)) {
      return;
    }
    String sql = "SELECT count(*) - count(DISTINCT " + merge.targetAlias() + "." + ROW + ") FROM "
        + targetRelation(null, true) + " JOIN " + sourceRelation() + " ON (" + merge.predicate() + ") WHERE "
        + group(Group.MATCHED) + " IS NOT NULL";
    long repeated = (Long) RowRewrite.collect(session, sql).get(0).get(0);
    if (repeated > 0) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, FAILED + ": " + where + " has rows that more than one row "
          + "of source '" + merge.source() + "' matches and a when-matched clause would change (" + repeated
          + " extra matches); the source must be unique per target row", null);
    }
  }

  /**
   * The removed files' rows, each table row once (the copy a clause applies to, if any), as a
   * relation of the new values under the column names, the old ones as {@link #OLD}{@code <i>} and
   * the applying clause's index as {@link #ACTION}.
   */
  private String changedRowsSql(List<ScanFile> removed) {
    String target = merge.targetAlias();
    List<String> values = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      String column = columns.get(c);
      StringBuilder value = new StringBuilder();
      for (int i = 0; i < clauses.size(); i++) {
        String expression = clauses.get(i).assignments().get(column);
        if (expression != null && clauses.get(i).action().group() != Group.NOT_MATCHED) {
          value.append(" WHEN ").append(i).append(" THEN (").append(expression).append(')');
        }
      }
      String old = target + "." + identifier(column);
      values.add((value.isEmpty() ? old : "CASE " + action() + value + " ELSE " + old + " END") + " AS "
          + identifier(column));
      values.add(old + " AS " + OLD + c);
    }
    if (singleMatches) {
      return "(SELECT " + String.join(", ", values) + ", " + action() + " AS " + ACTION + " FROM "
          + targetRelation(removed, false) + " LEFT JOIN " + sourceRelation() + " ON (" + merge.predicate()
          + ")) AS __delta_merge_changed";
    }
    String joined = "SELECT " + String.join(", ", values) + ", " + action() + " AS " + ACTION + ", " + target + "."
        + ROW + " AS " + ROW + " FROM " + targetRelation(removed, true) + " LEFT JOIN " + sourceRelation() + " ON ("
        + merge.predicate() + ")";
    String picked = "SELECT *, row_number() OVER (PARTITION BY " + ROW + " ORDER BY " + ACTION + " IS NULL) AS "
        + PICK + " FROM (" + joined + ") AS __delta_merge_joined";
    return "(SELECT * FROM (" + picked + ") AS __delta_merge_picked WHERE " + PICK + " = 1) AS __delta_merge_changed";
  }

  /** Source rows no table row matches, as the insert clause that applies to each makes them. */
  private String insertedRowsSql() {
    String inserting = group(Group.NOT_MATCHED);
    List<String> values = new ArrayList<>();
    for (String column : columns) {
      StringBuilder value = new StringBuilder();
      for (int i = 0; i < clauses.size(); i++) {
        String expression = clauses.get(i).assignments().get(column);
        if (expression != null && clauses.get(i).action().group() == Group.NOT_MATCHED) {
          value.append(" WHEN ").append(i).append(" THEN (").append(expression).append(')');
        }
      }
      values.add((value.isEmpty() ? "NULL" : "CASE " + inserting + value + " END") + " AS " + identifier(column));
    }
    return "SELECT " + String.join(", ", values) + " FROM " + targetRelation(null, false) + " RIGHT JOIN "
        + sourceRelation() + " ON (" + merge.predicate() + ") WHERE " + merge.targetAlias() + "."
        + identifier(FILE_COLUMN) + " IS NULL AND " + inserting + " IS NOT NULL";
  }

  /**
   * The index of the clause that applies to a joined row, or null: the first of its group whose
   * condition holds (a null condition result does not hold).
   */
  private String action() {
    return "CASE WHEN " + merge.targetAlias() + "." + identifier(FILE_COLUMN) + " IS NOT NULL AND "
        + merge.sourceAlias() + "." + SOURCE_PRESENT + " IS NOT NULL THEN " + group(Group.MATCHED)
        + " WHEN " + merge.targetAlias() + "." + identifier(FILE_COLUMN) + " IS NULL THEN "
        + group(Group.NOT_MATCHED) + " ELSE " + group(Group.NOT_MATCHED_BY_SOURCE) + " END";
  }

  private String group(Group group) {
    StringBuilder choice = new StringBuilder();
    for (int i = 0; i < clauses.size(); i++) {
      if (clauses.get(i).action().group() == group) {
        choice.append(" WHEN ").append(RowRewrite.matches(clauses.get(i).condition())).append(" THEN ").append(i);
      }
    }
    return choice.isEmpty() ? "CAST(NULL AS INT)" : "(CASE" + choice + " END)";
  }

  /** Only the sides the clauses need: source-only rows for inserts, table-only rows for by-source clauses. */
  private String joinType() {
    boolean inserts = clauses.stream().anyMatch(c -> c.action().group() == Group.NOT_MATCHED);
    boolean bySource = clauses.stream().anyMatch(c -> c.action().group() == Group.NOT_MATCHED_BY_SOURCE);
    return inserts && bySource ? "FULL" : inserts ? "RIGHT" : bySource ? "LEFT" : "INNER";
  }

  /** The table's snapshot under the target alias, optionally only some files and with row numbers. */
  private String targetRelation(List<ScanFile> files, boolean rowNumbers) {
    return "(SELECT *" + (rowNumbers ? ", row_number() OVER () AS " + ROW : "") + " FROM \"" + tempName + "\""
        + (files == null ? "" : " WHERE " + identifier(FILE_COLUMN) + " IN (" + RowRewrite.pathList(files) + ")")
        + ") AS " + merge.targetAlias();
  }

  private String sourceRelation() {
    return "(SELECT *, true AS " + SOURCE_PRESENT + " FROM " + sourceName + ") AS " + merge.sourceAlias();
  }

  /** A session table name as SQL: each dot-separated part quoted, so it names exactly what was registered. */
  private static String qualifiedName(String name) {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("\\.", -1)) {
      parts.add(identifier(part));
    }
    return String.join(".", parts);
  }
}
