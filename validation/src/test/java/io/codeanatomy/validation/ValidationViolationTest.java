package io.codeanatomy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference's message texts (§6.1) for every type and every optional-field form, and the factories. */
class ValidationViolationTest {

  private static String message(ViolationType type, String table, String column, String expected, String actual) {
    return ValidationViolation.of(type, table, column, expected, actual, 7L).message();
  }

  @ParameterizedTest(name = "{0} table={1} column={2}")
  @CsvSource(nullValues = "NULL", delimiter = '|', textBlock = """
      MISSING_TABLE        | t    | NULL | Table 't' not found
      MISSING_TABLE        | NULL | c    | Table not found
      MISSING_TABLE        | ''   | NULL | Table not found
      MISSING_COLUMN       | t    | c    | Column 't.c' not found
      MISSING_COLUMN       | NULL | c    | Missing column 'c'
      MISSING_COLUMN       | ''   | c    | Missing column 'c'
      MISSING_COLUMN       | t    | NULL | Missing column
      MISSING_COLUMN       | t    | ''   | Missing column
      EXTRA_COLUMN         | t    | c    | Unexpected column 't.c'
      EXTRA_COLUMN         | NULL | c    | Unexpected column 'c'
      EXTRA_COLUMN         | t    | NULL | Unexpected column
      NULL_VIOLATION       | t    | c    | Null value in non-nullable column 'c'
      NULL_VIOLATION       | NULL | NULL | Null value in non-nullable column
      MISSING_KEY_FIELD    | t    | k    | Missing key field 'k'
      MISSING_KEY_FIELD    | NULL | ''   | Missing key field
      DUPLICATE_KEYS       | t    | a,b  | Duplicate keys for 'a,b'
      DUPLICATE_KEYS       | NULL | NULL | Duplicate keys
      """)
  void messagesWithoutExpectedOrActual(ViolationType type, String table, String column, String expected) {
    assertEquals(expected, message(type, table, column, "int64", "string"));
  }

  @ParameterizedTest(name = "{0} table={1} column={2}")
  @CsvSource(nullValues = "NULL", delimiter = '|', textBlock = """
      TYPE_MISMATCH        | t    | c    | int64 | string | Type mismatch for 't.c': expected int64, got string
      TYPE_MISMATCH        | NULL | c    | int64 | string | Type mismatch for 'c': expected int64, got string
      TYPE_MISMATCH        | t    | c    | NULL  | NULL   | Type mismatch for 't.c': expected None, got None
      TYPE_MISMATCH        | t    | NULL | int64 | string | Type mismatch
      NULLABILITY_MISMATCH | t    | c    | non-nullable | nullable | Nullability mismatch for 't.c': expected non-nullable, got nullable
      NULLABILITY_MISMATCH | ''   | c    | non-nullable | nullable | Nullability mismatch for 'c': expected non-nullable, got nullable
      NULLABILITY_MISMATCH | t    | ''   | a     | b      | Nullability mismatch
      """)
  void mismatchMessages(ViolationType type, String table, String column, String expected, String actual, String text) {
    assertEquals(text, message(type, table, column, expected, actual));
  }

  @Test
  void metadataMismatchAlwaysUsesTheLongFormWithPythonRepr() {
    assertEquals("Metadata mismatch for 't': key='k' expected='v' actual=None",
        ValidationViolation.metadataMismatch("t", "k", "v", null).message());
    assertEquals("Metadata mismatch for '<unknown>': key=None expected=None actual='x'",
        ValidationViolation.metadataMismatch(null, null, null, "x").message());
    assertEquals("Metadata mismatch for '<unknown>': key='k' expected=\"it's\" actual='a\\\\b'",
        ValidationViolation.metadataMismatch("", "k", "it's", "a\\b").message());
  }

  @Test
  void constraintMessagesNameTheConstraintAndItsDefinition() {
    assertEquals("Constraint 'orders.positive' violated: amount > 0",
        ValidationViolation.constraintViolation("orders", "positive", "amount", "amount > 0", 3, List.of()).message());
    assertEquals("Constraint 'positive' violated: amount > 0",
        ValidationViolation.constraintViolation("", "positive", null, "amount > 0", 3, List.of()).message());
    assertEquals("Constraint 'positive' violated",
        new ValidationViolation(ViolationType.CONSTRAINT_VIOLATION, null, null, null, null, 1L, Severity.ERROR,
            "positive", List.of()).message());
    assertEquals("Constraint violated", message(ViolationType.CONSTRAINT_VIOLATION, "t", "c", null, null));
  }

  @Test
  void countNeverAppearsInMessages() {
    ValidationViolation few = ValidationViolation.nullViolation("c", 1);
    ValidationViolation many = ValidationViolation.nullViolation("c", 1_000_000);
    assertEquals(few.message(), many.message());
  }

  @Test
  void factoriesFillTheReferenceFields() {
    ValidationViolation missing = ValidationViolation.missingColumn("t", "c", "int64");
    assertEquals(List.of(ViolationType.MISSING_COLUMN, "t", "c", "int64"),
        List.of(missing.type(), missing.table(), missing.column(), missing.expected()));
    assertNull(missing.count());
    assertEquals(Severity.ERROR, missing.severity());
    assertEquals(12L, missing.withCount(12).count());
    assertEquals("string", ValidationViolation.extraColumn("t", "x", "string").actual());
    assertEquals("a,b", ValidationViolation.duplicateKeys(List.of("a", "b"), 4).column());
    assertEquals(4L, ValidationViolation.duplicateKeys(List.of("a", "b"), 4).count());
    assertEquals(ViolationType.MISSING_TABLE, ValidationViolation.missingTable("t").type());
    assertEquals(Severity.WARNING, missing.withSeverity(Severity.WARNING).severity());
    ValidationViolation constraint = ValidationViolation.constraintViolation("t", "pk", "id", "PRIMARY KEY (id)", 2,
        List.of(Map.of("id", 1L)));
    assertEquals("pk", constraint.constraintName());
    assertEquals("PRIMARY KEY (id)", constraint.expected());
    assertEquals(List.of(Map.of("id", 1L)), constraint.sampleRows());
  }

  @Test
  void wireValuesAreTheReferenceStrings() {
    assertEquals(List.of("missing_table", "missing_column", "extra_column", "type_mismatch", "nullability_mismatch",
            "metadata_mismatch", "null_violation", "missing_key_field", "duplicate_keys", "constraint_violation"),
        Arrays.stream(ViolationType.values()).map(ViolationType::wireValue).toList());
  }

  @Test
  void sampleRowsAreCopiedAndUnmodifiable() {
    Map<String, Object> row = new HashMap<>();
    row.put("a", null);
    List<Map<String, Object>> rows = new ArrayList<>(List.of(row));
    ValidationViolation violation = ValidationViolation.constraintViolation("t", "c", "a", "a > 0", 1, rows);
    row.put("b", 2);
    rows.clear();
    assertEquals(1, violation.sampleRows().size());
    assertEquals(java.util.Collections.singletonMap("a", null), violation.sampleRows().get(0));
    assertThrows(UnsupportedOperationException.class, () -> violation.sampleRows().get(0).put("c", 1));
    assertThrows(UnsupportedOperationException.class, () -> violation.sampleRows().clear());
  }

  @Test
  void negativeCountsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> ValidationViolation.of(ViolationType.NULL_VIOLATION, null, "c", null, null, -1L));
  }
}
