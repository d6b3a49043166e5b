package io.codeanatomy.engine.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlStatementTest {
  private static SqlStatement createExternal(String sql, Map<String, String> options) {
    return new SqlStatement(SqlStatement.Kind.CREATE_EXTERNAL_TABLE, sql, Optional.of("t"), Optional.of("DELTATABLE"),
        Optional.of("s3://bucket/t"), options, List.of(), false, false, false, List.of(), Optional.empty(),
        Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  @Test
  void textHidesSecretOptionValuesInTheOptionsAndTheSql() {
    String sql = "CREATE EXTERNAL TABLE t STORED AS DELTATABLE LOCATION 's3://bucket/t' OPTIONS "
        + "('aws.secret_access_key' 'it''s-secret', 'aws.session_token' 'tok123', 'aws.region' 'eu-west-1')";
    SqlStatement statement = createExternal(sql,
        Map.of("aws.secret_access_key", "it's-secret", "aws.session_token", "tok123", "aws.region", "eu-west-1"));
    String text = statement.toString();
    assertFalse(text.contains("secret'"), text);
    assertFalse(text.contains("it''s-secret"), text);
    assertFalse(text.contains("it's-secret"), text);
    assertFalse(text.contains("tok123"), text);
    assertTrue(text.contains("'aws.secret_access_key' '***'"), text);
    assertTrue(text.contains("aws.session_token=***"), text);
    assertTrue(text.contains("aws.region=eu-west-1"), text);
    assertTrue(text.contains("'aws.region' 'eu-west-1'"), text);
    assertTrue(text.startsWith("SqlStatement[kind=CREATE_EXTERNAL_TABLE, sql=CREATE EXTERNAL TABLE t"), text);
    // The record itself keeps the real values for handlers.
    assertEquals("tok123", statement.options().get("aws.session_token"));
    assertEquals(sql, statement.sql());
  }

  @Test
  void statementsWithoutSecretsShowEveryComponent() {
    SqlStatement statement = createExternal("CREATE EXTERNAL TABLE t", Map.of("b", "2", "a", "1"));
    String text = statement.toString();
    assertTrue(text.contains("sql=CREATE EXTERNAL TABLE t,"), text);
    assertTrue(text.contains("options={a=1, b=2}"), text);
    assertTrue(text.contains("location=Optional[s3://bucket/t]"), text);
    assertTrue(text.endsWith("mergeClauses=[]]"), text);
  }
}
