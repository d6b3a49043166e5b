package io.codeanatomy.validation;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.text.PythonText;
import java.util.List;
import java.util.Objects;

/**
 * One declared constraint (reference: {@code ConstraintSpec}). CHECK constraints carry a SQL
 * boolean expression over the table's columns; the others carry columns.
 *
 * @param type the kind of constraint
 * @param name the constraint's name in reports, or null to let {@link TableConstraints} derive one
 * @param columns the constrained columns (empty for CHECK)
 * @param expression the CHECK expression, else null
 */
public record ConstraintSpec(ConstraintType type, String name, List<String> columns, String expression) {

  public ConstraintSpec {
    Objects.requireNonNull(type, "type");
    columns = List.copyOf(columns);
    if (type == ConstraintType.CHECK && expression == null) {
      throw new ConfigurationException("CHECK constraint" + (name == null ? "" : " '" + name + "'") + " needs an expression");
    }
    if (type != ConstraintType.CHECK && expression != null) {
      throw new ConfigurationException(type.wireValue() + " constraint takes columns, not an expression");
    }
  }

  public static ConstraintSpec primaryKey(String... columns) {
    return new ConstraintSpec(ConstraintType.PRIMARY_KEY, null, List.of(columns), null);
  }

  public static ConstraintSpec notNull(String... columns) {
    return new ConstraintSpec(ConstraintType.NOT_NULL, null, List.of(columns), null);
  }

  public static ConstraintSpec unique(String... columns) {
    return new ConstraintSpec(ConstraintType.UNIQUE, null, List.of(columns), null);
  }

  public static ConstraintSpec check(String expression) {
    return check(null, expression);
  }

  public static ConstraintSpec check(String name, String expression) {
    return new ConstraintSpec(ConstraintType.CHECK, name, List.of(), expression);
  }

  /** The columns stripped, without empties or repeats, in first-seen order. */
  public List<String> normalizedColumns() {
    return TableConstraints.normalizeColumnNames(columns);
  }

  /** The expression stripped of surrounding whitespace; null when absent or blank. */
  public String normalizedExpression() {
    if (expression == null) {
      return null;
    }
    String stripped = PythonText.strip(expression);
    return stripped.isEmpty() ? null : stripped;
  }
}
