package io.codeanatomy.udf;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * A scalar function written in Java: its SQL name, its parameters and result declared as Arrow
 * fields (so nested types work), its volatility and its vectorised body. Build with
 * {@link #builder(String)}.
 */
public record JavaScalarFunction(String name, List<Field> parameters, Field result, Volatility volatility,
    VectorFunction body) {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public JavaScalarFunction {
    Objects.requireNonNull(name, "name");
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "function name '" + name + "' is not an identifier ([A-Za-z_][A-Za-z0-9_]*)", null);
    }
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(volatility, "volatility");
    Objects.requireNonNull(body, "body");
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builder of {@link JavaScalarFunction}; volatility defaults to {@link Volatility#IMMUTABLE}. */
  public static final class Builder {
    private final String name;
    private final List<Field> parameters = new ArrayList<>();
    private Field result;
    private Volatility volatility = Volatility.IMMUTABLE;
    private VectorFunction body;

    private Builder(String name) {
      this.name = name;
    }

    /** Adds a nullable parameter of {@code type}. */
    public Builder parameter(String parameterName, ArrowType type) {
      return parameter(new Field(parameterName, FieldType.nullable(type), null));
    }

    /** Adds a parameter declared as a full field (for nested types with children). */
    public Builder parameter(Field field) {
      parameters.add(Objects.requireNonNull(field, "field"));
      return this;
    }

    public Builder returns(ArrowType type) {
      return returns(new Field("result", FieldType.nullable(type), null));
    }

    public Builder returns(Field field) {
      this.result = field;
      return this;
    }

    public Builder volatility(Volatility volatility) {
      this.volatility = volatility;
      return this;
    }

    public Builder body(VectorFunction body) {
      this.body = body;
      return this;
    }

    public JavaScalarFunction build() {
      return new JavaScalarFunction(name, parameters, result, volatility, body);
    }
  }
}
