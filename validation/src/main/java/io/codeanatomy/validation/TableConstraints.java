package io.codeanatomy.validation;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.text.PythonText;
import io.codeanatomy.core.policy.PolicyChecks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The constraints declared on a table (reference: {@code TableConstraints} and the helpers of
 * {@code schema_spec}). Absent parts are empty lists.
 *
 * @param primaryKey primary-key columns: unique together and never null
 * @param notNull columns that must not hold nulls
 * @param checks CHECK constraints (each of type {@link ConstraintType#CHECK})
 * @param unique groups of columns unique together (rows with a null in the group are exempt, as in SQL)
 */
public record TableConstraints(List<String> primaryKey, List<String> notNull, List<ConstraintSpec> checks,
    List<List<String>> unique) {
  public static final TableConstraints NONE = builder().build();

  public TableConstraints {
    primaryKey = PolicyChecks.listOf("TableConstraints.primaryKey", primaryKey);
    notNull = PolicyChecks.listOf("TableConstraints.notNull", notNull);
    checks = PolicyChecks.listOf("TableConstraints.checks", checks);
    List<List<String>> groups = new ArrayList<>();
    for (List<String> group : PolicyChecks.listOf("TableConstraints.unique", unique)) {
      groups.add(PolicyChecks.listOf("TableConstraints.unique group", group));
    }
    unique = Collections.unmodifiableList(groups);
    for (ConstraintSpec check : checks) {
      if (check.type() != ConstraintType.CHECK) {
        throw new ConfigurationException("TableConstraints.checks holds a " + check.type().wireValue()
            + " constraint; use primaryKey, notNull or unique for it");
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Constraints gathered from specs of any type: primary-key specs give {@link #primaryKey} (at
   * most one), not-null specs add to {@link #notNull}, unique specs add a group, CHECK specs are kept.
   */
  public static TableConstraints fromSpecs(Collection<ConstraintSpec> specs) {
    Builder builder = builder();
    boolean sawPrimaryKey = false;
    for (ConstraintSpec spec : specs) {
      switch (spec.type()) {
        case PRIMARY_KEY -> {
          if (sawPrimaryKey) {
            throw new ConfigurationException("a table has at most one primary key, got two");
          }
          sawPrimaryKey = true;
          builder.primaryKey(spec.columns().toArray(String[]::new));
        }
        case NOT_NULL -> builder.notNull.addAll(spec.columns());
        case UNIQUE -> builder.unique(spec.columns().toArray(String[]::new));
        case CHECK -> builder.checks.add(spec);
      }
    }
    return builder.build();
  }

  /** {@code normalize_column_names}: each name stripped; empties and repeats dropped; first-seen order. */
  public static List<String> normalizeColumnNames(Collection<String> names) {
    Set<String> result = new LinkedHashSet<>();
    addStripped(result, names);
    return List.copyOf(result);
  }

  /** {@code merge_constraint_expressions}: every part's expressions stripped; empties and repeats dropped. */
  @SafeVarargs
  public static List<String> mergeConstraintExpressions(Collection<String>... parts) {
    Set<String> result = new LinkedHashSet<>();
    for (Collection<String> part : parts) {
      addStripped(result, part);
    }
    return List.copyOf(result);
  }

  private static void addStripped(Set<String> result, Collection<String> values) {
    for (String value : values) {
      String stripped = value == null ? "" : PythonText.strip(value);
      if (!stripped.isEmpty()) {
        result.add(stripped);
      }
    }
  }

  /** {@code required_non_null()}: the not-null columns then the primary key, normalised. */
  public List<String> requiredNonNull() {
    List<String> columns = new ArrayList<>(notNull);
    columns.addAll(primaryKey);
    return normalizeColumnNames(columns);
  }

  /** {@code check_expressions()}: the CHECK expressions, normalised. */
  public List<String> checkExpressions() {
    List<String> expressions = new ArrayList<>();
    for (ConstraintSpec check : checks) {
      String expression = check.normalizedExpression();
      if (expression != null) {
        expressions.add(expression);
      }
    }
    return mergeConstraintExpressions(expressions);
  }

  /** {@code constraint_key_fields}: the primary key, else the first unique group, else empty. */
  public List<String> keyFields() {
    List<String> key = normalizeColumnNames(primaryKey);
    if (!key.isEmpty()) {
      return key;
    }
    return unique.isEmpty() ? List.of() : normalizeColumnNames(unique.get(0));
  }

  /** {@code delta_check_constraints}: {@code "<column> IS NOT NULL"} per required column, then the CHECKs, without repeats. */
  public List<String> deltaCheckConstraints() {
    List<String> notNullChecks = requiredNonNull().stream().map(column -> column + " IS NOT NULL").toList();
    return mergeConstraintExpressions(notNullChecks, checkExpressions());
  }

  /** {@code table_constraint_definitions}: {@code PRIMARY KEY (...)}, each {@code UNIQUE (...)}, then {@link #deltaCheckConstraints()}. */
  public List<String> tableConstraintDefinitions() {
    List<String> definitions = new ArrayList<>();
    List<String> key = normalizeColumnNames(primaryKey);
    if (!key.isEmpty()) {
      definitions.add("PRIMARY KEY (" + String.join(", ", key) + ")");
    }
    for (List<String> group : unique) {
      List<String> columns = normalizeColumnNames(group);
      if (!columns.isEmpty()) {
        definitions.add("UNIQUE (" + String.join(", ", columns) + ")");
      }
    }
    definitions.addAll(deltaCheckConstraints());
    return List.copyOf(definitions);
  }

  public static final class Builder {
    private List<String> primaryKey = List.of();
    private final List<String> notNull = new ArrayList<>();
    private final List<ConstraintSpec> checks = new ArrayList<>();
    private final List<List<String>> unique = new ArrayList<>();

    private Builder() {}

    public Builder primaryKey(String... columns) {
      this.primaryKey = List.of(columns);
      return this;
    }

    public Builder notNull(String... columns) {
      notNull.addAll(List.of(columns));
      return this;
    }

    public Builder check(String expression) {
      checks.add(ConstraintSpec.check(expression));
      return this;
    }

    public Builder check(String name, String expression) {
      checks.add(ConstraintSpec.check(name, expression));
      return this;
    }

    public Builder unique(String... columns) {
      unique.add(List.of(columns));
      return this;
    }

    public TableConstraints build() {
      return new TableConstraints(primaryKey, notNull, checks, unique);
    }
  }
}
