package io.codeanatomy.validation;

import static io.codeanatomy.validation.TestData.field;
import static io.codeanatomy.validation.TestData.row;
import static io.codeanatomy.validation.TestData.rows;
import static io.codeanatomy.validation.TestData.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.arrow.ArrowFields;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.core.error.ValidationException;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Primary-key, NOT NULL, UNIQUE and CHECK constraints evaluated by the engine, and hostile CHECK strings. */
class ConstraintValidatorTest {
  private BufferAllocator allocator;

  @BeforeEach
  void openAllocator() {
    allocator = TestData.allocator();
  }

  @AfterEach
  void closeAllocator() {
    TestData.closeChecked(allocator);
  }

  /** orders(id int64, sku utf8, amount int64): ids 1,2,2,null; one null sku; amounts 5,-1,0,null. */
  private VectorSchemaRoot orders() {
    return TestData.table(allocator,
        List.of(field("id", ArrowFields.INT64, true), field("sku", ArrowFields.UTF8, true),
            field("amount", ArrowFields.INT64, true)),
        row(1L, "a", 5L), row(2L, "b", -1L), row(2L, null, 0L), row(null, "a", null));
  }

  private ConstraintValidationReport check(TableConstraints constraints, ConstraintValidationOptions options) {
    try (VectorSchemaRoot data = orders()) {
      return ConstraintValidator.validate(data, "orders", constraints, options, allocator);
    }
  }

  private ConstraintValidationReport check(TableConstraints constraints) {
    return check(constraints, ConstraintValidationOptions.DEFAULT);
  }

  private static Map<String, Object> order(Long id, String sku, Long amount) {
    java.util.LinkedHashMap<String, Object> row = new java.util.LinkedHashMap<>();
    row.put("id", id);
    row.put("sku", sku);
    row.put("amount", amount);
    return row;
  }

  @Test
  void satisfiedConstraintsPass() {
    ConstraintValidationReport report = check(TableConstraints.builder().check("amount > -5").unique("id", "sku").build());
    assertTrue(report.passed());
    assertEquals(List.of(), report.constraintNames());
    assertEquals(4, report.rowCount());
    assertEquals(0, report.invalidRowCount());
  }

  @Test
  void checksCountFalseRowsAndLetNullPass() {
    ConstraintValidationReport report = check(TableConstraints.builder().check("positive", "amount > 0").build());
    assertEquals(List.of("positive"), report.constraintNames());
    ValidationViolation violation = report.violations().get(0);
    assertEquals(ViolationType.CONSTRAINT_VIOLATION, violation.type());
    assertEquals(2L, violation.count());
    assertEquals("amount", violation.column());
    assertEquals("Constraint 'orders.positive' violated: amount > 0", violation.message());
    assertEquals(List.of(order(2L, "b", -1L), order(2L, null, 0L)), violation.sampleRows());
    assertEquals(2, report.invalidRowCount());
  }

  @Test
  void notNullPrimaryKeyAndUniqueConstraints() {
    ConstraintValidationReport report = check(TableConstraints.builder().primaryKey("id").notNull("sku")
        .unique("sku").build());
    assertEquals(List.of("primary_key", "not_null_sku", "unique_sku"), report.constraintNames());
    List<ValidationViolation> violations = report.violations();
    assertEquals(List.of(3L, 1L, 2L), violations.stream().map(ValidationViolation::count).toList(),
        "key: one null id plus two rows sharing id 2; one null sku; two rows sharing sku 'a'");
    assertEquals(List.of("PRIMARY KEY (id)", "sku IS NOT NULL", "UNIQUE (sku)"),
        violations.stream().map(ValidationViolation::expected).toList());
    assertEquals(List.of(order(2L, "b", -1L), order(2L, null, 0L), order(null, "a", null)),
        sorted(violations.get(0).sampleRows()));
    assertEquals(List.of(order(1L, "a", 5L), order(null, "a", null)), sorted(violations.get(2).sampleRows()));
    assertEquals(4, report.invalidRowCount(), "every row breaks something; each is counted once");
    assertEquals(3, report.errorCount());
  }

  @Test
  void uniqueGroupsIgnoreRowsWithNullsButPrimaryKeysDoNot() {
    TableConstraints constraints = TableConstraints.builder().unique("id", "amount").build();
    assertTrue(check(constraints).passed());
    VectorSchemaRoot data = TestData.table(allocator, List.of(field("k", ArrowFields.INT64, true)),
        row((Object) null), row((Object) null), row(1L));
    try (data) {
      ConstraintValidationReport unique = ConstraintValidator.validate(data, "t",
          TableConstraints.builder().unique("k").build(), ConstraintValidationOptions.DEFAULT, allocator);
      assertTrue(unique.passed());
      ConstraintValidationReport key = ConstraintValidator.validate(data, "t",
          TableConstraints.builder().primaryKey("k").build(), ConstraintValidationOptions.DEFAULT, allocator);
      assertEquals(List.of(2L), key.violations().stream().map(ValidationViolation::count).toList());
    }
  }

  @Test
  void invalidRowsCombineRowAndKeyRulesWithoutDoubleCounting() {
    ConstraintValidationReport report = check(TableConstraints.builder().unique("id").check("amount >= 0").build());
    assertEquals(List.of(2L, 1L), report.violations().stream().map(ValidationViolation::count).toList());
    assertEquals(2, report.invalidRowCount(), "the row with amount -1 also repeats id 2");
    assertEquals(3, report.totalErrorRows());
    try (VectorSchemaRoot stats = report.statsTable(allocator); VectorSchemaRoot errors = report.errorTable(allocator)) {
      assertEquals(List.of(values(false, 2L, 3L, 2L)), rows(stats));
      assertEquals(List.of(values("constraint_violation", "id", 2L), values("constraint_violation", "amount", 1L)),
          rows(errors));
    }
  }

  @Test
  void samplesAreBounded() {
    ConstraintValidationReport report = check(TableConstraints.builder().check("amount > 100").build(),
        new ConstraintValidationOptions(1));
    assertEquals(3L, report.violations().get(0).count());
    assertEquals(1, report.violations().get(0).sampleRows().size());
    ConstraintValidationReport none = check(TableConstraints.builder().primaryKey("id").build(),
        new ConstraintValidationOptions(0));
    assertEquals(List.of(), none.violations().get(0).sampleRows());
    assertThrows(io.codeanatomy.core.error.ConfigurationException.class, () -> new ConstraintValidationOptions(-1));
  }

  @Test
  void checksMayQualifyColumnsAndUseFunctions() {
    ConstraintValidationReport report = check(TableConstraints.builder()
        .check("orders.amount IS NULL OR abs(orders.amount) < 3 -- a trailing comment").check("length(sku) = 1")
        .build());
    assertEquals(List.of("check_1"), report.constraintNames());
    assertEquals(1L, report.violations().get(0).count());
  }

  @Test
  void emptyAndAllNullTables() {
    VectorSchemaRoot empty = TestData.table(allocator, List.of(field("id", ArrowFields.INT64, true)));
    TableConstraints constraints = TableConstraints.builder().primaryKey("id").notNull("id").check("id > 0").build();
    try (empty) {
      ConstraintValidationReport report = ConstraintValidator.validate(empty, "t", constraints,
          ConstraintValidationOptions.DEFAULT, allocator);
      assertTrue(report.passed());
      assertEquals(0, report.rowCount());
    }
    VectorSchemaRoot nulls = TestData.table(allocator, List.of(field("id", ArrowFields.INT64, true)),
        row((Object) null), row((Object) null), row((Object) null));
    try (nulls) {
      ConstraintValidationReport report = ConstraintValidator.validate(nulls, "t", constraints,
          ConstraintValidationOptions.DEFAULT, allocator);
      assertEquals(List.of("primary_key", "not_null_id"), report.constraintNames(), "NULL passes the CHECK");
      assertEquals(List.of(3L, 3L), report.violations().stream().map(ValidationViolation::count).toList());
      assertEquals(3, report.invalidRowCount());
    }
  }

  @Test
  void nestedColumnsInChecksAndSamples() {
    try (Session session = Session.open()) {
      session.execute("CREATE TABLE docs AS SELECT * FROM (VALUES (1, [1, 2], named_struct('x', 1)),"
          + " (2, [], named_struct('x', -1)), (3, NULL, NULL)) AS t(id, tags, point)");
      ConstraintValidationReport report = ConstraintValidator.validateTable(session, "docs", TableConstraints.builder()
          .check("tagged", "array_length(tags) >= 1").check("right", "point['x'] > 0").build(),
          ConstraintValidationOptions.DEFAULT, allocator);
      assertEquals(List.of("tagged", "right"), report.constraintNames());
      assertEquals(List.of(1L, 1L), report.violations().stream().map(ValidationViolation::count).toList(),
          "row 3's NULL tags and point pass both checks");
      assertEquals(report.violations().get(0).sampleRows(), report.violations().get(1).sampleRows());
      Map<String, Object> sample = report.violations().get(1).sampleRows().get(0);
      assertEquals(2L, sample.get("id"));
      assertEquals(List.of(), sample.get("tags"));
      assertEquals(Map.of("x", -1L), sample.get("point"));
      assertThrows(UnsupportedOperationException.class, () -> ((List<?>) sample.get("tags")).clear());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "amount > 0; DROP TABLE orders",
      "amount > 0;",
      "amount > 0 OR id IN (SELECT id FROM orders)",
      "amount > 0) OR (true",
      "(SELECT count(*) FROM orders) > 0",
      "EXISTS (SELECT 1)",
      "amount IN (SELECT 1)",
      "(SELECT 1) = 1",
      "amount",
      "NULL",
      "sku || 'x'",
      "nope > 0",
      "'unterminated",
      "amount > 0 /* open comment",
      "DROP TABLE orders",
      "CREATE TABLE x AS SELECT 1",
      "   ",
      ""})
  void hostileOrMalformedChecksAreRejectedNamingTheConstraint(String expression) {
    InvalidInputException error = assertThrows(InvalidInputException.class,
        () -> check(TableConstraints.builder().check("guard", expression).build()));
    assertEquals(ErrorCode.INVALID_ARGUMENT, error.errorCode());
    assertTrue(error.getMessage().startsWith("CHECK constraint 'guard' of table 'orders'"), error.getMessage());
  }

  @Test
  void constraintsOnUnknownColumnsOrWithRepeatedNamesAreRejected() {
    InvalidInputException unknown = assertThrows(InvalidInputException.class,
        () -> check(TableConstraints.builder().notNull("missing").build()));
    assertTrue(unknown.getMessage().startsWith("constraint 'not_null_missing' of table 'orders' refers to column"
        + " 'missing'"), unknown.getMessage());
    InvalidInputException repeated = assertThrows(InvalidInputException.class,
        () -> check(TableConstraints.builder().check("primary_key", "amount > 0").primaryKey("id").build()));
    assertTrue(repeated.getMessage().contains("declares constraint 'primary_key' twice"), repeated.getMessage());
  }

  @Test
  void tablesOfACallersSessionAndRequirePassed() {
    try (Session session = Session.open()) {
      session.execute("CREATE TABLE staged AS SELECT column1 AS \"Id\", column2 AS \"ünï code\" FROM (VALUES (1, 'x'), (1, NULL))");
      ConstraintValidationReport report = ConstraintValidator.validateTable(session, "staged",
          TableConstraints.builder().primaryKey("Id").check("\"ünï code\" <> 'x'").build(),
          ConstraintValidationOptions.DEFAULT, allocator);
      assertEquals(List.of("primary_key", "check_1"), report.constraintNames());
      assertEquals(List.of(2L, 1L), report.violations().stream().map(ValidationViolation::count).toList());
      ValidationException error = assertThrows(ValidationException.class, report::requirePassed);
      assertEquals(ErrorCode.CONSTRAINT_VIOLATION, error.errorCode());
      assertTrue(error.getMessage().startsWith("table 'staged' violates 2 constraint(s) [primary_key, check_1]: "
          + "Constraint 'staged.primary_key' violated: PRIMARY KEY (Id) (2 row(s))"), error.getMessage());
      try (DataFrame frame = session.sql("SELECT * FROM staged WHERE \"ünï code\" IS NOT NULL")) {
        ConstraintValidationReport filtered = ConstraintValidator.validateFrame(frame, "staged",
            TableConstraints.builder().primaryKey("Id").build(), ConstraintValidationOptions.DEFAULT, allocator);
        filtered.requirePassed();
      }
      assertEquals(List.of("staged"), session.tables(), "validation registers nothing in the caller's session");
    }
  }

  private static List<Map<String, Object>> sorted(List<Map<String, Object>> rows) {
    return rows.stream().sorted(java.util.Comparator.comparing((Map<String, Object> row) -> String.valueOf(row.get("id")))
        .thenComparing(row -> String.valueOf(row.get("sku")))).toList();
  }
}
