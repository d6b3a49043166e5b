package io.codeanatomy.engine;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * What a SQL expression is, as the engine parsed it against a frame: its canonical text, the
 * columns it reads, whether it contains a subquery, and its result type and nullability.
 */
public record ExpressionInfo(String canonical, List<String> columns, boolean containsSubquery, Field result) {
  public ExpressionInfo {
    columns = List.copyOf(columns);
  }

  /** Whether the expression yields a boolean, as a predicate or constraint must. */
  public boolean isBoolean() {
    return result.getType() instanceof org.apache.arrow.vector.types.pojo.ArrowType.Bool;
  }
}
