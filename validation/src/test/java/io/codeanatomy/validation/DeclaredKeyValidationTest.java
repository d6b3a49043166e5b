package io.codeanatomy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codeanatomy.core.arrow.ArrowFields;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.RuntimeProfile;
import io.codeanatomy.engine.Session;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Step 4 of {@code validate_table} (§6.2): the key of a table registered under the spec's name is
 * read from the session's {@code information_schema} and wins over the spec's key fields.
 */
class DeclaredKeyValidationTest {
  /** Rows of (a, b, c): a repeats once, b never, c once, (b, a) never, (a, c) once. */
  private static final String ROWS = "(1, 10, 100), (1, 20, 100), (2, 30, 200)";

  private final BufferAllocator allocator = TestData.allocator();

  @AfterEach
  void closeAllocator() {
    TestData.closeChecked(allocator);
  }

  /** The spec of {@code t(a, b, c)} (all int32) with {@code keyFields} as the spec's own key. */
  private static TableSchemaSpec spec(String name, String... keyFields) {
    return TableSchemaSpec.builder(name).field("a", ArrowFields.INT32, true).field("b", ArrowFields.INT32, true)
        .field("c", ArrowFields.INT32, true).keyFields(keyFields).build();
  }

  /** The violations of validating table {@code t}, created by {@code columns}, holding {@link #ROWS}. */
  private List<ValidationViolation> violations(Session session, String columns, TableSchemaSpec spec) {
    session.execute("CREATE TABLE t (" + columns + ")");
    session.execute("INSERT INTO t VALUES " + ROWS);
    try (DataFrame frame = session.table("t");
        SchemaValidationReport report = SchemaValidator.validateFrame(frame, spec,
            ArrowValidationOptions.DEFAULT, allocator)) {
      return report.violations();
    }
  }

  private List<ValidationViolation> violations(String columns, TableSchemaSpec spec) {
    try (Session session = Session.open()) {
      return violations(session, columns, spec);
    }
  }

  private static List<ValidationViolation> duplicates(long count, String... keys) {
    return List.of(ValidationViolation.duplicateKeys(List.of(keys), count));
  }

  @Test
  void aPrimaryKeyWinsOverTheSpecsKeyFields() {
    assertEquals(duplicates(2, "a"), violations("a INT PRIMARY KEY, b INT, c INT", spec("t", "b")));
  }

  /**
   * DataFusion trusts declared keys when it plans a GROUP BY (a primary key determines every other
   * column, so grouping by c would also group by the unique b): data that breaks its declared keys
   * must still show its duplicates.
   */
  @Test
  void duplicatesOfADeclaredKeyAreFoundWhenTheDataBreaksEveryDeclaredKey() {
    assertEquals(duplicates(2, "c"), violations("a INT, b INT UNIQUE, c INT PRIMARY KEY", spec("t")));
    assertEquals(duplicates(2, "a"), violations("a INT PRIMARY KEY, b INT UNIQUE, c INT", spec("t")));
  }

  @Test
  void aUniqueGroupIsTheKeyOfATableWithoutPrimaryKey() {
    assertEquals(duplicates(2, "c"), violations("a INT, b INT, c INT, UNIQUE (c)", spec("t")));
  }

  /**
   * The violations of validating {@code SELECT a, b} of table {@code t} (created by {@code columns})
   * against the spec of {@code t(a, b, c)}: a chosen key with column c is a missing key field, one
   * without c finds no duplicates in {@link #ROWS}.
   */
  private List<ValidationViolation> withoutColumnC(String columns) {
    try (Session session = Session.open()) {
      session.execute("CREATE TABLE t (" + columns + ")");
      session.execute("INSERT INTO t VALUES " + ROWS);
      try (DataFrame frame = session.sql("SELECT a, b FROM t");
          SchemaValidationReport report = SchemaValidator.validateFrame(frame, spec("t"),
              ArrowValidationOptions.builder().strict(Strictness.STRICT).build(), allocator)) {
        return report.violations();
      }
    }
  }

  private static final List<ValidationViolation> KEY_C_MISSING = List.of(
      ValidationViolation.missingColumn(null, "c", "int32").withCount(3), ValidationViolation.missingKeyField("c", 3));

  @Test
  void thePrimaryKeyWinsOverUniqueGroups() {
    assertEquals(KEY_C_MISSING, withoutColumnC("a INT UNIQUE, b INT UNIQUE, c INT PRIMARY KEY"),
        "t_a_key and t_b_key sort before t_pkey, yet the primary key is chosen");
  }

  @Test
  void ofTwoUniqueGroupsTheSmallestConstraintNameWins() {
    assertEquals(KEY_C_MISSING, withoutColumnC("a INT, b INT, c INT, UNIQUE (b, a), UNIQUE (a, c)"),
        "t_a_c_key < t_b_a_key, although declared second");
  }

  @Test
  void keyColumnsFollowTheirOrdinalPositions() {
    assertEquals(List.of(), violations("a INT, b INT, c INT, PRIMARY KEY (b, a)", spec("t")));
    assertEquals("Duplicate keys for 'c,a'",
        violations("a INT, b INT, c INT, PRIMARY KEY (c, a)", spec("t")).get(0).message());
  }

  @Test
  void aDeclaredKeyColumnTheSpecLacksIsAMissingKeyField() {
    TableSchemaSpec withoutC = TableSchemaSpec.builder("t").field("a", ArrowFields.INT32, true)
        .field("b", ArrowFields.INT32, true).keyFields("a").build();
    assertEquals(List.of(ValidationViolation.missingKeyField("c", 3)),
        violations("a INT, b INT, c INT PRIMARY KEY", withoutC), "alignment drops c, so it cannot be grouped by");
  }

  @Test
  void withoutDeclaredKeysTheSpecsKeyFieldsApply() {
    assertEquals(duplicates(2, "c"), violations("a INT, b INT, c INT", spec("t", "c")), "no constraints");
    assertEquals(duplicates(2, "c"), violations("a INT PRIMARY KEY, b INT, c INT", spec("other", "c")),
        "the spec names no registered table");
    RuntimeProfile noInformationSchema = RuntimeProfile.defaults().toBuilder().informationSchema(false).build();
    try (Session session = Session.open(noInformationSchema)) {
      assertEquals(duplicates(2, "c"), violations(session, "a INT PRIMARY KEY, b INT, c INT", spec("t", "c")),
          "information_schema is off");
    }
    try (Session session = Session.open()) {
      session.execute("CREATE SCHEMA other");
      session.execute("CREATE TABLE other.t (a INT PRIMARY KEY, b INT, c INT)");
      assertEquals(duplicates(2, "c"), violations(session, "a INT, b INT, c INT", spec("t", "c")),
          "only the table in the default schema counts");
    }
  }
}
