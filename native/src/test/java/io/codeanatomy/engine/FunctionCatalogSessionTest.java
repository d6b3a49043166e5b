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
