package io.codeanatomy.engine;

import io.codeanatomy.engine.spi.SqlStatement;
import io.codeanatomy.engine.spi.StatementHandler;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test extension: takes over {@code CREATE EXTERNAL TABLE … STORED AS RECORDED} and every
 * {@code INSERT} into a table named {@code recorded_sink}, and remembers what it saw.
 */
public final class RecordingStatementHandler implements StatementHandler {
  static final List<SqlStatement> SEEN = new CopyOnWriteArrayList<>();

  @Override
  public Optional<DataFrame> handle(Session session, SqlStatement statement) {
    boolean mine = switch (statement.kind()) {
      case CREATE_EXTERNAL_TABLE -> statement.fileType().orElse("").equals("RECORDED");
      case INSERT, DELETE, UPDATE -> statement.table().orElse("").equals("recorded_sink");
      default -> false;
    };
    if (!mine) {
      return Optional.empty();
    }
    SEEN.add(statement);
    if (statement.kind() == SqlStatement.Kind.CREATE_EXTERNAL_TABLE) {
      session.execute("CREATE TABLE " + statement.table().orElseThrow() + " AS SELECT '"
          + statement.location().orElseThrow() + "' AS location");
    }
    return Optional.of(session.sql("SELECT CAST(" + SEEN.size() + " AS BIGINT) AS count"));
  }
}
