package io.codeanatomy.validation.internal;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.engine.ArrowBatches;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.ExpressionInfo;
import io.codeanatomy.engine.JoinType;
import io.codeanatomy.validation.ConstraintSpec;
import io.codeanatomy.validation.ConstraintType;
import io.codeanatomy.validation.ConstraintValidationReport;
import io.codeanatomy.validation.TableConstraints;
import io.codeanatomy.validation.ValidationViolation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Evaluates table constraints in the engine. Row rules (NOT NULL, CHECK, null primary-key columns)
 * are counted in one pass of conditional aggregates; each key rule (primary key, UNIQUE) takes one
 * grouped pass. Only when something failed does more run: the count of distinct offending rows
 * when key rules failed (anti-joins against the repeated keys), and a bounded sample per broken
 * constraint.
 */
public final class ConstraintEvaluation {
  private static final String ROW = "__row";
  private static final String REPEATED = "__repeated";

  /**
   * One constraint to check.
   *
   * @param rowPredicate true for a row that breaks the constraint by itself, or null
   * @param keys columns that must be unique together among rows without nulls in them, or null
   */
  private record Rule(String name, ConstraintType type, String columns, String definition, String rowPredicate,
      List<String> keys) {}

  private final DataFrame source;
  private final String table;
  private final BufferAllocator allocator;
  private final List<String> sourceColumns;
  private final List<Rule> rules = new ArrayList<>();
  /** The source plus one boolean column per CHECK. */
  private DataFrame checked;

  private ConstraintEvaluation(DataFrame source, String table, BufferAllocator allocator) {
    this.source = source;
    this.table = table;
    this.allocator = allocator;
    this.sourceColumns = source.schema().getFields().stream().map(Field::getName).toList();
  }

  public static ConstraintValidationReport run(DataFrame source, String table, TableConstraints constraints,
      int sampleRows, BufferAllocator allocator) {
    ConstraintEvaluation evaluation = new ConstraintEvaluation(source, table, allocator);
    try (FrameScope scope = new FrameScope()) {
      evaluation.plan(scope, constraints);
      return evaluation.evaluate(scope, sampleRows);
    }
  }

  private void plan(FrameScope scope, TableConstraints constraints) {
    checked = source;
    List<String> primaryKey = requireColumns("primary_key", TableConstraints.normalizeColumnNames(constraints.primaryKey()));
    if (!primaryKey.isEmpty()) {
      rules.add(new Rule("primary_key", ConstraintType.PRIMARY_KEY, String.join(",", primaryKey),
          "PRIMARY KEY (" + String.join(", ", primaryKey) + ")", Sql.anyNull(primaryKey), primaryKey));
    }
    for (String column : TableConstraints.normalizeColumnNames(constraints.notNull())) {
      String name = "not_null_" + column;
      requireColumns(name, List.of(column));
      rules.add(new Rule(name, ConstraintType.NOT_NULL, column, column + " IS NOT NULL", Sql.anyNull(List.of(column)),
          null));
    }
    for (List<String> group : constraints.unique()) {
      List<String> columns = TableConstraints.normalizeColumnNames(group);
      String name = "unique_" + String.join("_", columns);
      requireColumns(name, columns);
      rules.add(new Rule(name, ConstraintType.UNIQUE, String.join(",", columns),
          "UNIQUE (" + String.join(", ", columns) + ")", null, columns));
    }
    Set<String> taken = new HashSet<>(sourceColumns);
    for (int index = 0; index < constraints.checks().size(); index++) {
      ConstraintSpec check = constraints.checks().get(index);
      String name = check.name() != null ? check.name() : "check_" + (index + 1);
      String expression = check.normalizedExpression();
      ExpressionInfo info = ConstraintExpressions.vet(source, table, name, expression);
      String column = Sql.freshName("__check_" + (index + 1), taken);
      taken.add(column);
      checked = scope.track(checked.withColumn(column, expression));
      // "NOT coalesce(c, TRUE)" is "c IS FALSE"; DataFusion 55 mis-plans IS FALSE shared by two aggregates.
      rules.add(new Rule(name, ConstraintType.CHECK, info.columns().isEmpty() ? null : String.join(",", info.columns()),
          expression, "NOT coalesce(" + Sql.column(column) + ", TRUE)", null));
    }
    Set<String> names = new HashSet<>();
    for (Rule rule : rules) {
      if (!names.add(rule.name())) {
        throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "table '" + table + "' declares constraint '"
            + rule.name() + "' twice", null);
      }
    }
  }

  private List<String> requireColumns(String constraint, List<String> columns) {
    for (String column : columns) {
      if (!sourceColumns.contains(column)) {
        throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "constraint '" + constraint + "' of table '" + table
            + "' refers to column '" + column + "', which the table does not have (columns: " + sourceColumns + ")", null);
      }
    }
    return columns;
  }

  private ConstraintValidationReport evaluate(FrameScope scope, int sampleRows) {
    List<String> rowPredicates = rules.stream().map(Rule::rowPredicate).filter(Objects::nonNull).toList();
    List<String> counts = new ArrayList<>();
    counts.add("count(*)");
    rowPredicates.forEach(predicate -> counts.add("count(*) FILTER (WHERE " + predicate + ")"));
    counts.add("count(*) FILTER (WHERE " + Sql.anyOf(rowPredicates) + ")");
    long[] row = scope.aggregateRow(checked, counts, allocator);
    long rowCount = row[0];
    long rowLevelInvalid = row[row.length - 1];

    List<ValidationViolation> violations = new ArrayList<>();
    List<Rule> brokenKeyRules = new ArrayList<>();
    int next = 1;
    for (Rule rule : rules) {
      long rowBreaks = rule.rowPredicate() == null ? 0 : row[next++];
      long repeated = rule.keys() == null ? 0 : DuplicateKeys.repeatedRows(scope, withoutNullKeys(scope, rule), rule.keys(),
          allocator);
      if (repeated > 0) {
        brokenKeyRules.add(rule);
      }
      if (rowBreaks + repeated > 0) {
        List<Map<String, Object>> sample = sampleRows == 0 ? List.of()
            : sample(scope, rule, rowBreaks > 0, repeated > 0, sampleRows);
        violations.add(ValidationViolation.constraintViolation(table, rule.name(), rule.columns(), rule.definition(),
            rowBreaks + repeated, sample));
      }
    }
    long invalidRows = brokenKeyRules.isEmpty() ? rowLevelInvalid
        : rowCount - cleanRows(scope, rowPredicates, brokenKeyRules).count();
    return new ConstraintValidationReport(table, violations, rowCount, invalidRows);
  }

  private DataFrame withoutNullKeys(FrameScope scope, Rule rule) {
    return scope.track(source.filter(Sql.noneNull(rule.keys())));
  }

  /** Rows breaking no row rule and holding no repeated key of a broken key rule. */
  private DataFrame cleanRows(FrameScope scope, List<String> rowPredicates, List<Rule> brokenKeyRules) {
    DataFrame clean = rowPredicates.isEmpty() ? checked
        : scope.track(checked.filter("NOT (" + Sql.anyOf(rowPredicates) + ")"));
    for (Rule rule : brokenKeyRules) {
      clean = scope.track(scope.track(clean.alias(ROW)).joinOn(repeatedKeys(scope, rule), JoinType.LEFT_ANTI,
          Sql.sameKeys(ROW, REPEATED, rule.keys())));
    }
    return clean;
  }

  private DataFrame repeatedKeys(FrameScope scope, Rule rule) {
    return scope.track(DuplicateKeys.repeatedKeys(scope, withoutNullKeys(scope, rule), rule.keys()).alias(REPEATED));
  }

  /** Up to {@code limit} offending rows, with the table's columns: row-rule breaks first, then repeated keys. */
  private List<Map<String, Object>> sample(FrameScope scope, Rule rule, boolean rowBreaks, boolean repeated, int limit) {
    String[] columns = Sql.columns(sourceColumns).toArray(String[]::new);
    DataFrame offending = null;
    if (rowBreaks) {
      offending = scope.track(scope.track(checked.filter(rule.rowPredicate())).select(columns));
    }
    if (repeated) {
      DataFrame withRepeatedKeys = scope.track(scope.track(scope.track(source.alias(ROW))
          .joinOn(repeatedKeys(scope, rule), JoinType.LEFT_SEMI, Sql.sameKeys(ROW, REPEATED, rule.keys())))
          .select(columns));
      offending = offending == null ? withRepeatedKeys : scope.track(offending.union(withRepeatedKeys));
    }
    try (ArrowBatches rows = scope.track(offending.limit(limit)).collect(allocator)) {
      return SampleRows.read(rows);
    }
  }
}
