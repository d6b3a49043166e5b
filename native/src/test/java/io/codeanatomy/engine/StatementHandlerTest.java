package io.codeanatomy.engine;

import static io.codeanatomy.engine.EngineTestSupport.closeChecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.PlanningException;
import io.codeanatomy.engine.spi.SqlStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Statement handlers on the class path take over their statements; everything else is planned as usual. */
class StatementHandlerTest {
  @BeforeEach
  void clear() {
    RecordingStatementHandler.SEEN.clear();
  }

  @Test
  void handlersReceiveParsedStatementsTheyClaim() {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    try (Session session = Session.open()) {
      session.execute("CREATE EXTERNAL TABLE Events STORED AS recorded LOCATION '/data/events' "
          + "OPTIONS ('version' '4', 'timestampAsOf' '2026-01-01T00:00:00Z')");
      assertEquals(List.of(List.of("/data/events")), EngineTestSupport.rows(session, "SELECT location FROM events", allocator));
      SqlStatement create = RecordingStatementHandler.SEEN.get(0);
      assertEquals(SqlStatement.Kind.CREATE_EXTERNAL_TABLE, create.kind());
      assertEquals(Optional.of("events"), create.table());
      assertEquals(Map.of("version", "4", "timestampAsOf", "2026-01-01T00:00:00Z"), create.options());

      session.execute("CREATE TABLE recorded_sink (id BIGINT)");
      assertEquals(List.of(List.of(2L)),
          EngineTestSupport.rows(session, "INSERT INTO recorded_sink SELECT value FROM generate_series(1, 3)", allocator));
      SqlStatement insert = RecordingStatementHandler.SEEN.get(1);
      assertEquals("SELECT value FROM generate_series(1, 3)", insert.source().orElseThrow());
      assertEquals(0, session.execute("SELECT * FROM recorded_sink"), "the handler, not the engine, took the insert");

      session.execute("CREATE TABLE plain (id BIGINT)");
      session.execute("INSERT INTO plain VALUES (1), (2)");
      assertEquals(2, session.execute("SELECT * FROM plain"));
      assertEquals(2, RecordingStatementHandler.SEEN.size(), "statements no handler claims go to the engine");
      assertThrows(PlanningException.class, () -> session.sql("INSERT INTO"));
    }
    closeChecked(allocator);
    assertTrue(RecordingStatementHandler.SEEN.stream().noneMatch(s -> s.kind() == SqlStatement.Kind.OTHER));
  }
}
