package io.codeanatomy.validation;

import io.codeanatomy.core.text.PythonText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One validation finding, shared by schema validation, schema contracts and constraint checks
 * (reference: {@code validation/violations.py}).
 *
 * @param type what went wrong
 * @param table the table, or null
 * @param column the column (for keys, the key columns joined by {@code ","}; for metadata, the key), or null
 * @param expected what the contract expects (a type name, a constraint definition...), or null
 * @param actual what was found, or null
 * @param count rows affected, or null when not row-based; never part of {@link #message()}
 * @param severity {@link Severity#ERROR} unless stated otherwise
 * @param constraintName the violated constraint, for {@link ViolationType#CONSTRAINT_VIOLATION}; else null
 * @param sampleRows a bounded sample of offending rows (column name to value), possibly empty
 */
public record ValidationViolation(ViolationType type, String table, String column, String expected, String actual,
    Long count, Severity severity, String constraintName, List<Map<String, Object>> sampleRows) {

  public ValidationViolation {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    if (count != null && count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> row : Objects.requireNonNull(sampleRows, "sampleRows")) {
      rows.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
    }
    sampleRows = Collections.unmodifiableList(rows);
  }

  /** A violation of {@code type} with the given fields, severity {@link Severity#ERROR} and no samples. */
  public static ValidationViolation of(ViolationType type, String table, String column, String expected, String actual,
      Long count) {
    return new ValidationViolation(type, table, column, expected, actual, count, Severity.ERROR, null, List.of());
  }

  public static ValidationViolation missingTable(String table) {
    return of(ViolationType.MISSING_TABLE, table, null, null, null, null);
  }

  public static ValidationViolation missingColumn(String table, String column, String expectedType) {
    return of(ViolationType.MISSING_COLUMN, table, column, expectedType, null, null);
  }

  public static ValidationViolation extraColumn(String table, String column, String actualType) {
    return of(ViolationType.EXTRA_COLUMN, table, column, null, actualType, null);
  }

  public static ValidationViolation typeMismatch(String table, String column, String expectedType, String actualType) {
    return of(ViolationType.TYPE_MISMATCH, table, column, expectedType, actualType, null);
  }

  public static ValidationViolation nullabilityMismatch(String table, String column, String expected, String actual) {
    return of(ViolationType.NULLABILITY_MISMATCH, table, column, expected, actual, null);
  }

  /** A schema-metadata difference: {@code key} is held in {@link #column()}, as in the reference. */
  public static ValidationViolation metadataMismatch(String table, String key, String expected, String actual) {
    return of(ViolationType.METADATA_MISMATCH, table, key, expected, actual, null);
  }

  public static ValidationViolation nullViolation(String column, long nullRows) {
    return of(ViolationType.NULL_VIOLATION, null, column, null, null, nullRows);
  }

  public static ValidationViolation missingKeyField(String column, long rows) {
    return of(ViolationType.MISSING_KEY_FIELD, null, column, null, null, rows);
  }

  /** Duplicate key tuples: {@code keys} joined by {@code ","}; {@code rows} counts every row of a repeated key. */
  public static ValidationViolation duplicateKeys(List<String> keys, long rows) {
    return of(ViolationType.DUPLICATE_KEYS, null, String.join(",", keys), null, null, rows);
  }

  /**
   * A declared constraint that {@code violatingRows} rows break.
   *
   * @param columns the columns the constraint reads, joined by {@code ","}, or null
   * @param definition the constraint as written, e.g. {@code PRIMARY KEY (id)} or {@code amount > 0}
   */
  public static ValidationViolation constraintViolation(String table, String constraintName, String columns,
      String definition, long violatingRows, List<Map<String, Object>> sampleRows) {
    Objects.requireNonNull(constraintName, "constraintName");
    return new ValidationViolation(ViolationType.CONSTRAINT_VIOLATION, table, columns, definition, null, violatingRows,
        Severity.ERROR, constraintName, sampleRows);
  }

  /** This violation with {@code count} replaced. */
  public ValidationViolation withCount(long rows) {
    return new ValidationViolation(type, table, column, expected, actual, rows, severity, constraintName, sampleRows);
  }

  public ValidationViolation withSeverity(Severity newSeverity) {
    return new ValidationViolation(type, table, column, expected, actual, count, newSeverity, constraintName, sampleRows);
  }

  /**
   * The reference's text ({@code str(violation)}). Two-part {@code 'table.column'} forms need both
   * names non-empty; {@code expected}/{@code actual} print as Python would ({@code None} when null).
   */
  public String message() {
    boolean hasColumn = present(column);
    boolean qualified = present(table) && hasColumn;
    String target = qualified ? table + "." + column : column;
    return switch (type) {
      case MISSING_TABLE -> present(table) ? "Table '" + table + "' not found" : "Table not found";
      case MISSING_COLUMN -> qualified ? "Column '" + target + "' not found"
          : hasColumn ? "Missing column '" + column + "'" : "Missing column";
      case EXTRA_COLUMN -> hasColumn ? "Unexpected column '" + target + "'" : "Unexpected column";
      case TYPE_MISMATCH -> mismatch("Type mismatch", hasColumn, target);
      case NULLABILITY_MISMATCH -> mismatch("Nullability mismatch", hasColumn, target);
      case METADATA_MISMATCH -> "Metadata mismatch for '" + (present(table) ? table : "<unknown>") + "': key="
          + PythonText.repr(column) + " expected=" + PythonText.repr(expected) + " actual=" + PythonText.repr(actual);
      case NULL_VIOLATION -> hasColumn ? "Null value in non-nullable column '" + column + "'"
          : "Null value in non-nullable column";
      case MISSING_KEY_FIELD -> hasColumn ? "Missing key field '" + column + "'" : "Missing key field";
      case DUPLICATE_KEYS -> hasColumn ? "Duplicate keys for '" + column + "'" : "Duplicate keys";
      case CONSTRAINT_VIOLATION -> constraintMessage();
    };
  }

  private String mismatch(String label, boolean hasColumn, String target) {
    return hasColumn ? label + " for '" + target + "': expected " + PythonText.str(expected) + ", got "
        + PythonText.str(actual) : label;
  }

  /** Our addition, in the reference's style: {@code Constraint 'orders.positive' violated: amount > 0}. */
  private String constraintMessage() {
    if (!present(constraintName)) {
      return "Constraint violated";
    }
    String name = present(table) ? table + "." + constraintName : constraintName;
    return "Constraint '" + name + "' violated" + (present(expected) ? ": " + expected : "");
  }

  /** Python truthiness of an optional string. */
  private static boolean present(String text) {
    return text != null && !text.isEmpty();
  }
}
