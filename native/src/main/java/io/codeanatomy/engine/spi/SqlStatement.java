package io.codeanatomy.engine.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * @param source the query of an {@code INSERT}
 * @param predicate the {@code WHERE} of a {@code DELETE} or {@code UPDATE}
 * @param assignments column to expression of an {@code UPDATE}
 * @param constraint the CHECK constraint an {@code ALTER TABLE} adds or drops
 */
public record SqlStatement(Kind kind, String sql, Optional<String> table, Optional<String> fileType,
    Optional<String> location, Map<String, String> options, List<String> partitionColumns, boolean ifNotExists,
    boolean orReplace, boolean overwrite, List<String> columns, Optional<String> source, Optional<String> predicate,
    Map<String, String> assignments, Optional<ConstraintChange> constraint) {

  /** The statements handlers may take over; everything else is {@link #OTHER}. */
  public enum Kind {
    CREATE_EXTERNAL_TABLE,
    INSERT,
    DELETE,
    UPDATE,
    /** {@code ALTER TABLE} adding or dropping one CHECK constraint ({@link #constraint}). */
    ALTER_TABLE,
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

  public SqlStatement {
    options = Map.copyOf(options);
    partitionColumns = List.copyOf(partitionColumns);
    columns = List.copyOf(columns);
    assignments = Map.copyOf(assignments);
  }
}
