package io.codeanatomy.validation.internal;

import io.codeanatomy.core.arrow.ArrowTypeNames;
import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.ExpressionInfo;

/**
 * Vets CHECK expressions before they run. An expression is accepted only if the engine parses it,
 * by itself, as one SQL expression over the table's columns (anything after it — a semicolon, a
 * second statement, an unbalanced parenthesis — is a syntax error), it holds no subquery, and it
 * yields a boolean. Accepted expressions are evaluated as a column of their own
 * ({@link DataFrame#withColumn}), never spliced into other SQL text.
 */
final class ConstraintExpressions {
  private ConstraintExpressions() {}

  static ExpressionInfo vet(DataFrame table, String tableName, String constraint, String expression) {
    String subject = "CHECK constraint '" + constraint + "' of table '" + tableName + "'";
    if (expression == null) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, subject + " has an empty expression", null);
    }
    ExpressionInfo info;
    try {
      info = table.describeExpression(expression);
    } catch (CodeAnatomyException e) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, subject + " is not a single SQL expression over the"
          + " table's columns: " + expression + " (" + e.getMessage() + ")", e);
    }
    if (info.containsSubquery()) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, subject + " must not contain a subquery: "
          + expression, null);
    }
    if (!info.isBoolean()) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, subject + " must be a boolean expression, but "
          + expression + " yields " + ArrowTypeNames.of(info.result()), null);
    }
    return info;
  }
}
