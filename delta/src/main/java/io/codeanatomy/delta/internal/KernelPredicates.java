package io.codeanatomy.delta.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Or;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;

/**
 * The engine's pushed-down filters (JSON, see the Rust module {@code delta::pushdown}) as a Kernel
 * {@link Predicate} over the table's logical columns, typed by the table's schema.
 */
public final class KernelPredicates {
  private static final Set<String> COMPARISONS = Set.of("=", "<", "<=", ">", ">=");

  private KernelPredicates() {}

  /** Malformed JSON, an unknown column or a value of the wrong kind is an {@link InvalidInputException}. */
  public static Predicate fromJson(String json, StructType schema) {
    try {
      return predicate(Json.MAPPER.readTree(json), schema);
    } catch (JsonProcessingException e) {
      throw invalid("is not JSON: " + e.getOriginalMessage());
    }
  }

  private static Predicate predicate(JsonNode node, StructType schema) {
    String op = node.path("op").asText("");
    switch (op) {
      case "and", "or" -> {
        JsonNode args = node.path("args");
        if (!args.isArray() || args.isEmpty()) {
          throw invalid("'" + op + "' needs arguments");
        }
        Predicate result = predicate(args.get(0), schema);
        for (int i = 1; i < args.size(); i++) {
          Predicate next = predicate(args.get(i), schema);
          result = op.equals("and") ? new And(result, next) : new Or(result, next);
        }
        return result;
      }
      case "not" -> {
        return new Predicate("NOT", predicate(node.path("arg"), schema));
      }
      case "is_null" -> {
        return new Predicate("IS_NULL", column(node, schema));
      }
      case "is_not_null" -> {
        return new Predicate("IS_NOT_NULL", column(node, schema));
      }
      default -> {
        if (!COMPARISONS.contains(op)) {
          throw invalid("has the unknown operator '" + op + "'");
        }
        String name = node.path("column").asText();
        return new Predicate(op, column(node, schema), literal(node.path("value"), type(name, schema), name));
      }
    }
  }

  private static Column column(JsonNode node, StructType schema) {
    String name = node.path("column").asText();
    type(name, schema);
    return new Column(name);
  }

  private static DataType type(String name, StructType schema) {
    int index = schema.indexOf(name);
    if (index < 0) {
      throw invalid("names '" + name + "', which is not a column of the table");
    }
    return schema.at(index).getDataType();
  }

  private static Literal literal(JsonNode value, DataType type, String column) {
    boolean integral = value.isIntegralNumber();
    if (type instanceof BooleanType && value.isBoolean()) {
      return Literal.ofBoolean(value.booleanValue());
    } else if (type instanceof ByteType && integral && value.canConvertToInt()) {
      return Literal.ofByte((byte) value.intValue());
    } else if (type instanceof ShortType && integral && value.canConvertToInt()) {
      return Literal.ofShort((short) value.intValue());
    } else if (type instanceof IntegerType && integral && value.canConvertToInt()) {
      return Literal.ofInt(value.intValue());
    } else if (type instanceof LongType && integral && value.canConvertToLong()) {
      return Literal.ofLong(value.longValue());
    } else if (type instanceof FloatType && value.isNumber()) {
      return Literal.ofFloat(value.floatValue());
    } else if (type instanceof DoubleType && value.isNumber()) {
      return Literal.ofDouble(value.doubleValue());
    } else if (type instanceof StringType && value.isTextual()) {
      return Literal.ofString(value.textValue());
    } else if (type instanceof DateType && integral && value.canConvertToInt()) {
      return Literal.ofDate(value.intValue());
    } else if (type instanceof TimestampType && integral && value.canConvertToLong()) {
      return Literal.ofTimestamp(value.longValue());
    } else if (type instanceof TimestampNTZType && integral && value.canConvertToLong()) {
      return Literal.ofTimestampNtz(value.longValue());
    } else if (type instanceof DecimalType decimal && value.isTextual()) {
      try {
        return Literal.ofDecimal(new BigDecimal(new BigInteger(value.textValue()), decimal.getScale()),
            decimal.getPrecision(), decimal.getScale());
      } catch (NumberFormatException e) {
        throw invalid("compares decimal column '" + column + "' with '" + value.textValue() + "'");
      }
    }
    throw invalid("compares column '" + column + "' of type " + type + " with " + value);
  }

  private static InvalidInputException invalid(String problem) {
    return new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "the pushed-down scan filter " + problem, null);
  }
}
