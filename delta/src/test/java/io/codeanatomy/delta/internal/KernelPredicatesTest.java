package io.codeanatomy.delta.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.delta.kernel.expressions.Expression;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's pushed-down filter JSON becomes Kernel predicates with literals of the columns' types. */
class KernelPredicatesTest {
  private static final StructType SCHEMA = new StructType()
      .add("i", IntegerType.INTEGER)
      .add("s", StringType.STRING)
      .add("d", DateType.DATE)
      .add("ts", TimestampType.TIMESTAMP)
      .add("amount", new DecimalType(10, 2));

  @Test
  void literalsTakeTheColumnsTypes() {
    Predicate predicate = KernelPredicates.fromJson("""
        {"op": "and", "args": [
          {"op": "=", "column": "i", "value": 7},
          {"op": "or", "args": [{"op": "<", "column": "d", "value": 19000}, {"op": "is_null", "column": "s"}]},
          {"op": "not", "arg": {"op": ">=", "column": "ts", "value": 1700000000000000}},
          {"op": "<=", "column": "amount", "value": "12345"}
        ]}""", SCHEMA);
    assertEquals("((((column(`i`) = 7) AND ((column(`d`) < 19000) OR IS_NULL(column(`s`)))) AND "
        + "NOT((column(`ts`) >= 1700000000000000))) AND (column(`amount`) <= 123.45))", predicate.toString());
    List<DataType> literalTypes = new ArrayList<>();
    collectLiteralTypes(predicate, literalTypes);
    assertEquals(List.of(IntegerType.INTEGER, DateType.DATE, TimestampType.TIMESTAMP, new DecimalType(10, 2)),
        literalTypes);
  }

  private static void collectLiteralTypes(Expression expression, List<DataType> types) {
    if (expression instanceof Literal literal) {
      types.add(literal.getDataType());
    }
    expression.getChildren().forEach(child -> collectLiteralTypes(child, types));
  }

  @Test
  void unknownColumnsAndMismatchedValuesAreInvalidInput() {
    for (String json : new String[] {
        "{\"op\": \"=\", \"column\": \"nope\", \"value\": 1}",
        "{\"op\": \"=\", \"column\": \"i\", \"value\": \"seven\"}",
        "{\"op\": \"=\", \"column\": \"i\", \"value\": 9999999999}",
        "{\"op\": \"like\", \"column\": \"s\", \"value\": \"a%\"}",
        "{\"op\": \"and\", \"args\": []}",
        "{not json"}) {
      InvalidInputException error = assertThrows(InvalidInputException.class,
          () -> KernelPredicates.fromJson(json, SCHEMA), json);
      assertEquals(ErrorCode.INVALID_ARGUMENT, error.errorCode());
    }
  }
}
