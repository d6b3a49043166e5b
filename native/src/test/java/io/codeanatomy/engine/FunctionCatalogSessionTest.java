package io.codeanatomy.engine;

import static io.codeanatomy.engine.EngineTestSupport.closeChecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.ErrorCode;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;

/**
 * Every session comes with the CodeAnatomy function catalog: callable from SQL and DataFrame
 * expressions, configured by {@code codeanatomy_udf.*} through SET and the runtime profile.
 * (The functions themselves are tested in the Rust crate {@code native/functions}.)
 */
class FunctionCatalogSessionTest {
  @Test
  void catalogFunctionsWorkInSqlAndDataFrames() {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    try (Session session = Session.open()) {
      assertEquals(List.of(List.of(5982700193828047002L, 5982700193828047002L)),
          EngineTestSupport.rows(session, "SELECT stable_hash64('alpha'), hash64('alpha')", allocator));
      try (DataFrame names = session.sql("SELECT 'alpha' AS name");
          DataFrame hashed = names.select("stable_hash64(name) AS h")) {
        assertEquals(List.of(List.of(5982700193828047002L)), EngineTestSupport.rows(hashed, allocator));
      }
      assertTrue(session.execute("SELECT * FROM information_schema.routines WHERE routine_name = 'stable_id'") > 0);
      session.execute("CREATE FUNCTION double_it(x BIGINT) RETURNS BIGINT RETURN $1 * 2");
      try (DataFrame numbers = session.sql("SELECT 21 AS n"); DataFrame doubled = numbers.select("double_it(n)")) {
        assertEquals(List.of(List.of(42L)), EngineTestSupport.rows(doubled, allocator));
      }
    }
    closeChecked(allocator);
  }

  @Test
  void everyExpressionTransformationResolvesSessionFunctions() {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    try (Session session = Session.open();
        DataFrame createdBeforeTheFunction = session.sql("SELECT value AS n FROM generate_series(1, 6)")) {
      session.execute("CREATE FUNCTION double_it(x BIGINT) RETURNS BIGINT RETURN $1 * 2");
      try (DataFrame numbers = session.sql("SELECT value AS n FROM generate_series(1, 6)").alias("l");
          DataFrame others = session.sql("SELECT value AS m FROM generate_series(1, 12)").alias("r");
          DataFrame filtered = numbers.filter("double_it(n) > 6");
          DataFrame widened = filtered.withColumn("d", "double_it(n)");
          DataFrame sorted = widened.sort("double_it(n) DESC");
          DataFrame grouped = numbers.aggregate(List.of("double_it(n) % 4 AS k"), List.of("sum(double_it(n)) AS s"));
          DataFrame groupedSorted = grouped.sort("k");
          DataFrame joined = numbers.joinOn(others, JoinType.INNER, "double_it(l.n) = r.m");
          DataFrame late = createdBeforeTheFunction.select("double_it(n) AS d")) {
        assertEquals(List.of(List.of(6L, 12L), List.of(5L, 10L), List.of(4L, 8L)), EngineTestSupport.rows(sorted, allocator));
        assertEquals(EngineTestSupport.rows(session, "SELECT double_it(value) % 4 AS k, sum(double_it(value)) AS s "
            + "FROM generate_series(1, 6) GROUP BY 1 ORDER BY k", allocator), EngineTestSupport.rows(groupedSorted, allocator));
        assertEquals(6, joined.count());
        assertEquals(42L, EngineTestSupport.rows(late, allocator).stream().mapToLong(row -> (Long) row.get(0)).sum(),
            "a frame created before the function still resolves it");
      }
    }
    closeChecked(allocator);
  }

  @Test
  void udfConfigThroughSetAndProfile() {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    String sql = "SELECT utf8_normalize('  Straße  Café ')";
    try (Session defaults = Session.open();
        Session configured = Session.open(RuntimeProfile.builder()
            .setting("codeanatomy_udf.utf8_normalize_casefold", "false").build())) {
      List<List<Object>> folded = EngineTestSupport.rows(defaults, sql, allocator);
      List<List<Object>> unfolded = EngineTestSupport.rows(configured, sql, allocator);
      assertTrue(!folded.equals(unfolded), folded + " vs " + unfolded);
      defaults.execute("SET codeanatomy_udf.utf8_normalize_casefold = false");
      assertEquals(unfolded, EngineTestSupport.rows(defaults, sql, allocator));
      assertEquals("false", defaults.settings().get("codeanatomy_udf.utf8_normalize_casefold"));
      CodeAnatomyException unknown = assertThrows(CodeAnatomyException.class,
          () -> defaults.execute("SET codeanatomy_udf.no_such_key = 1"));
      assertTrue(unknown.getMessage().contains("no_such_key"), unknown.getMessage());
      CodeAnatomyException badValue = assertThrows(CodeAnatomyException.class,
          () -> defaults.execute("SET codeanatomy_udf.utf8_normalize_casefold = perhaps"));
      assertEquals(ErrorCode.CONFIGURATION, badValue.errorCode(), badValue::toString);
      assertThrows(CodeAnatomyException.class, () -> Session.open(RuntimeProfile.builder()
          .setting("codeanatomy_udf.span_default_line_base", "one").build()));
    }
    closeChecked(allocator);
  }
}
