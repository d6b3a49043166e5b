package io.codeanatomy.delta;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.delta.internal.Json;
import io.codeanatomy.engine.Session;
import io.delta.kernel.Snapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A MERGE of a source table into a Delta table (§2.10), copy-on-write: the source and the table
 * are joined on {@link #predicate()} in the native engine and only the table's files holding rows
 * that a clause updates or deletes are rewritten (files with deletion vectors are rewritten with
 * the vector applied); inserted rows go to new files. All of it commits at once through the table's
 * commit path, with delta-rs's merge metrics keys. As delta-rs does, the table files are first
 * narrowed by the source: the predicate's equalities between a table column and a source
 * expression bound the column to the source's range, and files whose statistics or partition
 * values lie outside are not read (counted in {@code num_target_files_skipped_during_scan}),
 * unless a not-matched-by-source clause needs every row.
 *
 * <p>Clauses, each with an optional condition, in three groups: when matched (update or delete),
 * when not matched (insert, reading only the source row) and when not matched by source (update or
 * delete, reading only the table's row). In each group the first clause whose condition holds
 * applies, as in Delta; a clause without condition must be its group's last. A table row that
 * more than one source row matches and a clause would change fails the merge. In expressions the
 * table is {@link #targetAlias()} (default {@code target}) and the source {@link #sourceAlias()}
 * (default {@code source}); the source is a table registered in the session the merge runs in.
 *
 * <pre>{@code
 * DeltaMerge.builder("updates", "target.id = source.id")
 *     .whenMatchedUpdateAll()
 *     .whenNotMatchedInsertAll()
 *     .whenNotMatchedBySourceDelete()
 *     .build()
 *     .execute(session, table);
 * }</pre>
 */
public final class DeltaMerge {
  public static final String DEFAULT_TARGET_ALIAS = "target";
  public static final String DEFAULT_SOURCE_ALIAS = "source";
  private static final Pattern ALIAS = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** What a clause does, and to which rows it may apply. */
  public enum Action {
    MATCHED_UPDATE(Group.MATCHED, "update"),
    MATCHED_DELETE(Group.MATCHED, "delete"),
    NOT_MATCHED_INSERT(Group.NOT_MATCHED, "insert"),
    NOT_MATCHED_BY_SOURCE_UPDATE(Group.NOT_MATCHED_BY_SOURCE, "update"),
    NOT_MATCHED_BY_SOURCE_DELETE(Group.NOT_MATCHED_BY_SOURCE, "delete");

    private final Group group;
    private final String type;

    Action(Group group, String type) {
      this.group = group;
      this.type = type;
    }

    Group group() {
      return group;
    }

    /** delta-rs's actionType in the commit's operation parameters: update, delete or insert. */
    String type() {
      return type;
    }

    boolean assigns() {
      return !"delete".equals(type);
    }
  }

  /** The rows a clause may apply to: a joined pair, a source row alone, a table row alone. */
  enum Group {
    MATCHED("matchedPredicates"),
    NOT_MATCHED("notMatchedPredicates"),
    NOT_MATCHED_BY_SOURCE("notMatchedBySourcePredicates");

    private final String parameter;

    Group(String parameter) {
      this.parameter = parameter;
    }
  }

  /**
   * One clause. {@code condition}: a SQL boolean, null for none. {@code assignments}: table column
   * to SQL expression (insert: over the source row; update: over the pair or the table row), empty
   * for a delete; with {@code allColumns}, every source column is assigned to the table's column of
   * the same name (which must exist), before the explicit assignments, which win.
   */
  public record Clause(Action action, String condition, Map<String, String> assignments, boolean allColumns) {
    public Clause {
      Objects.requireNonNull(action, "action");
      assignments = Collections.unmodifiableMap(new LinkedHashMap<>(
          Objects.requireNonNull(assignments, "assignments")));
    }
  }

  private final String source;
  private final String predicate;
  private final String sourceAlias;
  private final String targetAlias;
  private final List<Clause> clauses;
  private final DeltaCommitOptions commitOptions;

  private DeltaMerge(Builder builder) {
    this.source = builder.source;
    this.predicate = builder.predicate;
    this.sourceAlias = builder.sourceAlias;
    this.targetAlias = builder.targetAlias;
    this.clauses = List.copyOf(builder.clauses);
    this.commitOptions = builder.commitOptions;
  }

  /** A merge of the session table {@code source} into the target on {@code predicate} (a SQL boolean). */
  public static Builder builder(String source, String predicate) {
    return new Builder(source, predicate);
  }

  public String source() {
    return source;
  }

  public String predicate() {
    return predicate;
  }

  public String sourceAlias() {
    return sourceAlias;
  }

  public String targetAlias() {
    return targetAlias;
  }

  public List<Clause> clauses() {
    return clauses;
  }

  public DeltaCommitOptions commitOptions() {
    return commitOptions;
  }

  /**
   * Runs the merge into {@code table} with {@code session}'s tables and functions. A source that
   * does not resolve, an invalid predicate, condition or assignment (unknown column, wrong type,
   * subquery, a side the clause cannot see) or a table row matched more than once is a {@link
   * DeltaException} naming table and version, and nothing is written. When no row is inserted,
   * updated or deleted nothing is committed ({@link DeltaOperationReport#committed()} false).
   */
  public DeltaOperationReport execute(Session session, DeltaTable table) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(table, "table");
    return table.mutate(new Mutation(session), commitOptions);
  }

  /** The merge as the write path runs it. */
  private final class Mutation implements WriteTransaction.Mutation {
    private final Session session;

    Mutation(Session session) {
      this.session = session;
    }

    @Override
    public String operation() {
      return "merge";
    }

    @Override
    public String logOperation() {
      return "MERGE";
    }

    /** delta-rs's MERGE parameters: the predicate and, per group, the clauses as a JSON list. */
    @Override
    public Map<String, Object> parameters() {
      Map<String, Object> parameters = new LinkedHashMap<>();
      parameters.put("predicate", predicate);
      for (Group group : Group.values()) {
        List<Map<String, String>> entries = new ArrayList<>();
        for (Clause clause : clauses) {
          if (clause.action().group() == group) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("actionType", clause.action().type());
            if (clause.condition() != null) {
              entry.put("predicate", clause.condition());
            }
            entries.add(entry);
          }
        }
        parameters.put(group.parameter, Json.write(entries));
      }
      return parameters;
    }

    @Override
    public RowRewrite prepare(DeltaTable table, Snapshot base) {
      return MergeRewrite.plan(DeltaMerge.this, table, base, session);
    }

    /** delta-rs's MergeMetrics keys (§1.5). */
    @Override
    public Map<String, Object> metrics(RowRewrite rewrite, int addedFiles, int removedFiles, long writtenRows,
        WriteTransaction.Timings timings) {
      Map<String, Long> rows = rewrite.rowCounts();
      long inserted = rows.getOrDefault(MergeRewrite.INSERTED, 0L);
      long updated = rows.getOrDefault(MergeRewrite.UPDATED, 0L);
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("num_source_rows", rows.getOrDefault(MergeRewrite.SOURCE_ROWS, 0L));
      metrics.put(MergeRewrite.INSERTED, inserted);
      metrics.put(MergeRewrite.UPDATED, updated);
      metrics.put(MergeRewrite.DELETED, rows.getOrDefault(MergeRewrite.DELETED, 0L));
      metrics.put("num_target_rows_copied", Math.max(0, writtenRows - inserted - updated));
      metrics.put("num_output_rows", writtenRows);
      metrics.put("num_target_files_scanned", rows.getOrDefault(MergeRewrite.FILES_SCANNED, 0L));
      metrics.put(MergeRewrite.FILES_SKIPPED, rows.getOrDefault(MergeRewrite.FILES_SKIPPED, 0L));
      metrics.put("num_target_files_added", addedFiles);
      metrics.put("num_target_files_removed", removedFiles);
      metrics.put("execution_time_ms", timings.executionMillis());
      metrics.put("scan_time_ms", timings.scanMillis());
      metrics.put("rewrite_time_ms", timings.rewriteMillis());
      return metrics;
    }
  }

  /** Builds a {@link DeltaMerge}; {@link #build()} checks what can be checked without the table. */
  public static final class Builder {
    private final String source;
    private final String predicate;
    private String sourceAlias = DEFAULT_SOURCE_ALIAS;
    private String targetAlias = DEFAULT_TARGET_ALIAS;
    private final List<Clause> clauses = new ArrayList<>();
    private DeltaCommitOptions commitOptions = DeltaCommitOptions.DEFAULT;

    private Builder(String source, String predicate) {
      this.source = Objects.requireNonNull(source, "source");
      this.predicate = Objects.requireNonNull(predicate, "predicate");
    }

    public Builder sourceAlias(String alias) {
      this.sourceAlias = Objects.requireNonNull(alias, "alias");
      return this;
    }

    public Builder targetAlias(String alias) {
      this.targetAlias = Objects.requireNonNull(alias, "alias");
      return this;
    }

    public Builder commitOptions(DeltaCommitOptions options) {
      this.commitOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Adds a clause as is; the named methods below are shorthands for it. */
    public Builder when(Clause clause) {
      clauses.add(Objects.requireNonNull(clause, "clause"));
      return this;
    }

    public Builder whenMatchedUpdate(String condition, Map<String, String> assignments) {
      return when(new Clause(Action.MATCHED_UPDATE, condition, assignments, false));
    }

    public Builder whenMatchedUpdate(Map<String, String> assignments) {
      return whenMatchedUpdate(null, assignments);
    }

    public Builder whenMatchedUpdateAll(String condition) {
      return when(new Clause(Action.MATCHED_UPDATE, condition, Map.of(), true));
    }

    public Builder whenMatchedUpdateAll() {
      return whenMatchedUpdateAll(null);
    }

    public Builder whenMatchedDelete(String condition) {
      return when(new Clause(Action.MATCHED_DELETE, condition, Map.of(), false));
    }

    public Builder whenMatchedDelete() {
      return whenMatchedDelete(null);
    }

    public Builder whenNotMatchedInsert(String condition, Map<String, String> values) {
      return when(new Clause(Action.NOT_MATCHED_INSERT, condition, values, false));
    }

    public Builder whenNotMatchedInsert(Map<String, String> values) {
      return whenNotMatchedInsert(null, values);
    }

    public Builder whenNotMatchedInsertAll(String condition) {
      return when(new Clause(Action.NOT_MATCHED_INSERT, condition, Map.of(), true));
    }

    public Builder whenNotMatchedInsertAll() {
      return whenNotMatchedInsertAll(null);
    }

    public Builder whenNotMatchedBySourceUpdate(String condition, Map<String, String> assignments) {
      return when(new Clause(Action.NOT_MATCHED_BY_SOURCE_UPDATE, condition, assignments, false));
    }

    public Builder whenNotMatchedBySourceUpdate(Map<String, String> assignments) {
      return whenNotMatchedBySourceUpdate(null, assignments);
    }

    public Builder whenNotMatchedBySourceDelete(String condition) {
      return when(new Clause(Action.NOT_MATCHED_BY_SOURCE_DELETE, condition, Map.of(), false));
    }

    public Builder whenNotMatchedBySourceDelete() {
      return whenNotMatchedBySourceDelete(null);
    }

    /** Fails with {@link ErrorCode#DELTA_TABLE} on a merge that cannot be valid whatever the table. */
    public DeltaMerge build() {
      if (source.isBlank()) {
        throw invalid("the source table name is blank");
      }
      if (predicate.isBlank()) {
        throw invalid("the merge predicate is blank");
      }
      for (String alias : List.of(sourceAlias, targetAlias)) {
        if (!ALIAS.matcher(alias).matches()) {
          throw invalid("alias '" + alias + "' is not a plain SQL identifier");
        }
      }
      if (sourceAlias.equalsIgnoreCase(targetAlias)) {
        throw invalid("source and target share the alias '" + sourceAlias + "'");
      }
      if (clauses.isEmpty()) {
        throw invalid("a merge needs at least one when-matched, when-not-matched or when-not-matched-by-source "
            + "clause");
      }
      Map<Group, Clause> unconditional = new LinkedHashMap<>();
      for (Clause clause : clauses) {
        Clause before = unconditional.get(clause.action().group());
        if (before != null) {
          throw invalid("clause " + describe(clause) + " can never apply: the " + describe(before)
              + " clause before it has no condition");
        }
        if (clause.condition() != null && clause.condition().isBlank()) {
          throw invalid("clause " + describe(clause) + " has a blank condition (pass null for none)");
        }
        if (clause.action().assigns() && clause.assignments().isEmpty() && !clause.allColumns()) {
          throw invalid("clause " + describe(clause) + " assigns no column");
        }
        if (!clause.action().assigns() && (!clause.assignments().isEmpty() || clause.allColumns())) {
          throw invalid("clause " + describe(clause) + " deletes rows, so it takes no assignments");
        }
        if (clause.condition() == null) {
          unconditional.put(clause.action().group(), clause);
        }
      }
      return new DeltaMerge(this);
    }

    private static String describe(Clause clause) {
      return clause.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static DeltaException invalid(String problem) {
      return new DeltaException(ErrorCode.DELTA_TABLE, "Delta merge failed: " + problem, null);
    }
  }
}
