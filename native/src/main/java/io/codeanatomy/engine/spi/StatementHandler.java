package io.codeanatomy.engine.spi;

import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import java.util.Optional;

/**
 * Takes over SQL statements the engine cannot run by itself, such as {@code CREATE EXTERNAL TABLE
 * … STORED AS DELTA} or an {@code INSERT} into a Delta table. Implementations are found with
 * {@link java.util.ServiceLoader}; {@link Session#sql} offers each statement to every handler, in
 * class-name order, before planning it itself.
 */
public interface StatementHandler {
  /** Runs {@code statement} and returns its result, or empty to leave it to the engine. */
  Optional<DataFrame> handle(Session session, SqlStatement statement);
}
