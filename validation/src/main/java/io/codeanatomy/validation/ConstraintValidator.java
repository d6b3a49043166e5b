package io.codeanatomy.validation;

import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.RuntimeProfile;
import io.codeanatomy.engine.Session;
import io.codeanatomy.validation.internal.ConstraintEvaluation;
import io.codeanatomy.validation.internal.PrivateSession;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Checks {@link TableConstraints} — primary key, NOT NULL, UNIQUE and CHECK — against data, in the
 * engine. A CHECK is broken by rows where its expression is false (NULL passes, as in SQL and
 * Delta); a primary key by rows with a null key column or a repeated key; a UNIQUE group by rows
 * sharing a key without nulls. CHECK expressions must be single boolean SQL expressions over the
 * table's columns; anything else is rejected with an
 * {@link io.codeanatomy.core.error.InvalidInputException} naming the constraint.
 */
public final class ConstraintValidator {
  private ConstraintValidator() {}

  /**
   * Checks Arrow data, registered as {@code table} (so CHECK expressions may qualify columns with
   * it) in a private session: the engine defaults with at least 32 partitions, as for
   * {@link SchemaValidator#validateTable(Object, TableSchemaSpec, ArrowValidationOptions, BufferAllocator)}.
   *
   * @param data an {@code ArrowReader} (consumed and closed), {@code VectorSchemaRoot}, Arrow IPC
   *     bytes, stream or file (see {@link io.codeanatomy.core.coercion.ArrowStreams#toReader})
   */
  public static ConstraintValidationReport validate(Object data, String table, TableConstraints constraints,
      ConstraintValidationOptions options, BufferAllocator allocator) {
    return validate(data, table, constraints, options, PrivateSession.DEFAULT_PROFILE, allocator);
  }

  public static ConstraintValidationReport validate(Object data, String table, TableConstraints constraints,
      ConstraintValidationOptions options, RuntimeProfile profile, BufferAllocator allocator) {
    Objects.requireNonNull(constraints, "constraints");
    Objects.requireNonNull(options, "options");
    return PrivateSession.withTable(data, table, profile, allocator,
        frame -> ConstraintEvaluation.run(frame, table, constraints, options.sampleRows(), allocator));
  }

  /** Checks a table registered in {@code session}, e.g. staged data a Delta write is about to commit. */
  public static ConstraintValidationReport validateTable(Session session, String table, TableConstraints constraints,
      ConstraintValidationOptions options, BufferAllocator allocator) {
    Objects.requireNonNull(session, "session");
    try (DataFrame frame = session.table(table)) {
      return validateFrame(frame, table, constraints, options, allocator);
    }
  }

  /** Checks the rows of {@code frame}, reported under the name {@code table}. */
  public static ConstraintValidationReport validateFrame(DataFrame frame, String table, TableConstraints constraints,
      ConstraintValidationOptions options, BufferAllocator allocator) {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(constraints, "constraints");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(allocator, "allocator");
    return ConstraintEvaluation.run(frame, table, constraints, options.sampleRows(), allocator);
  }
}
