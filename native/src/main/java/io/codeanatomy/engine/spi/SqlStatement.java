package io.codeanatomy.engine.spi;

import io.codeanatomy.core.internal.Secrets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One SQL statement as the engine's parser sees it, for {@link StatementHandler}s. Table names are
 * normalised as in planning (unquoted names lower-cased). Fields that do not apply to the kind are
 * empty.
 *
 * @param sql the statement's text
 * @param table the table it creates or changes
 * @param fileType {@code STORED AS} of {@code CREATE EXTERNAL TABLE}, upper-case
 * @param location its {@code LOCATION}
 * @param options its {@code OPTIONS}, values without quotes
 * @param partitionColumns its {@code PARTITIONED BY} columns
 * @param overwrite {@code INSERT OVERWRITE}
 * @param columns the column list of an {@code INSERT}
 * @param source the query of an {@code INSERT}, or the source of a {@code MERGE} as a query
 * @param predicate the {@code WHERE} of a {@code DELETE} or {@code UPDATE}, the {@code ON} of a
 *     {@code MERGE}
 * @param assignments column to expression of an {@code UPDATE}
 * @param constraint the CHECK constraint an {@code ALTER TABLE} adds or drops
 * @param targetAlias the alias of a {@code MERGE}'s target (its table name when it has none)
 * @param sourceAlias the alias of a {@code MERGE}'s source (its table name when it has none)
 * @param mergeClauses the {@code WHEN} clauses of a {@code MERGE}, in order
 */
public record SqlStatement(Kind kind, String sql, Optional<String> table, Optional<String> fileType,
    Optional<String> location, Map<String, String> options, List<String> partitionColumns, boolean ifNotExists,
    boolean orReplace, boolean overwrite, List<String> columns, Optional<String> source, Optional<String> predicate,
    Map<String, String> assignments, Optional<ConstraintChange> constraint, Optional<String> targetAlias,
    Optional<String> sourceAlias, List<MergeClause> mergeClauses) {

  /** The statements handlers may take over; everything else is {@link #OTHER}. */
  public enum Kind {
    CREATE_EXTERNAL_TABLE,
    INSERT,
    DELETE,
    UPDATE,
    /** {@code ALTER TABLE} adding or dropping one CHECK constraint ({@link #constraint}). */
    ALTER_TABLE,
    MERGE,
    OTHER
  }

  /**
   * {@code ALTER TABLE t ADD [CONSTRAINT name] CHECK (expression)} or {@code ALTER TABLE t DROP
   * CONSTRAINT [IF EXISTS] name}.
   *
   * @param add true to add, false to drop
   * @param name the constraint's name (normalised like table names); empty for an unnamed CHECK
   * @param expression the CHECK expression as parsed, for an add
   * @param ifExists {@code IF EXISTS} of a drop
   */
  public record ConstraintChange(boolean add, Optional<String> name, Optional<String> expression,
      boolean ifExists) {}

  /**
   * One {@code WHEN [NOT] MATCHED [BY SOURCE] [AND predicate] THEN action} of a {@code MERGE}.
   *
   * @param when {@code matched}, {@code not_matched} or {@code not_matched_by_source}
   * @param action {@code update}, {@code delete} or {@code insert}
   * @param assignments column to expression of an {@code UPDATE SET}
   * @param columns the column list of an {@code INSERT} (empty: all, in order)
   * @param values the {@code VALUES} row of an {@code INSERT}
   */
  public record MergeClause(String when, Optional<String> predicate, String action, Map<String, String> assignments,
      List<String> columns, List<String> values) {
    public MergeClause {
      assignments = Map.copyOf(assignments);
      columns = List.copyOf(columns);
      values = List.copyOf(values);
    }
  }

  public SqlStatement {
    options = Map.copyOf(options);
    partitionColumns = List.copyOf(partitionColumns);
    columns = List.copyOf(columns);
    assignments = Map.copyOf(assignments);
    mergeClauses = List.copyOf(mergeClauses);
  }

  /**
   * The statement for logs and messages: the values of options whose keys name credentials are
   * {@code ***}, in {@code options} and wherever they occur in the statement's text. Every component
   * is shown, in declaration order, as a record's own {@code toString} would.
   */
  @Override
  public String toString() {
    String shownSql = sql;
    for (Map.Entry<String, String> option : options.entrySet()) {
      if (Secrets.isSecretKey(option.getKey()) && !option.getValue().isEmpty()) {
        // The text holds the value as a quoted literal, with any quote doubled.
        shownSql = shownSql.replace(option.getValue().replace("'", "''"), Secrets.REDACTED)
            .replace(option.getValue(), Secrets.REDACTED);
      }
    }
    return "SqlStatement[kind=" + kind + ", sql=" + shownSql + ", table=" + table + ", fileType=" + fileType
        + ", location=" + location + ", options=" + Secrets.redact(new TreeMap<>(options))
        + ", partitionColumns=" + partitionColumns + ", ifNotExists=" + ifNotExists + ", orReplace=" + orReplace
        + ", overwrite=" + overwrite + ", columns=" + columns + ", source=" + source + ", predicate=" + predicate
        + ", assignments=" + assignments + ", constraint=" + constraint + ", targetAlias=" + targetAlias
        + ", sourceAlias=" + sourceAlias + ", mergeClauses=" + mergeClauses + "]";
  }
}
