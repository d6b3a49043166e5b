package io.codeanatomy.validation.internal;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The engine's spelling of Arrow types (arrow-rs {@code DataType} display, e.g. {@code Int64},
 * {@code Timestamp(µs, "UTC")}, {@code List(non-null Utf8)}, {@code Struct("a": Int32)}): what
 * {@code information_schema.columns.data_type} reports and what {@code arrow_cast} parses.
 */
public final class DataFusionTypes {
  private static final String DEFAULT_LIST_ITEM = "item";

  private DataFusionTypes() {}

  /** The display name of {@code field}'s type, children and dictionary encoding included. */
  public static String display(Field field) {
    DictionaryEncoding dictionary = field.getDictionary();
    String values = valueType(field);
    if (dictionary == null) {
      return values;
    }
    ArrowType.Int index = dictionary.getIndexType() == null ? new ArrowType.Int(32, true) : dictionary.getIndexType();
    return "Dictionary(" + primitive(index) + ", " + values + ")";
  }

  /**
   * The type name to pass to {@code arrow_cast}. arrow-rs's parser reads nested field names
   * verbatim between quotes, so names holding quotes or backslashes, and empty names, cannot be
   * cast to; those are rejected naming the column.
   */
  public static String castTarget(String column, Field field) {
    requireParseableNames(column, field.getChildren());
    return display(field);
  }

  private static void requireParseableNames(String column, List<Field> children) {
    for (Field child : children) {
      String name = child.getName();
      if (name.isEmpty() || name.indexOf('"') >= 0 || name.indexOf('\'') >= 0 || name.indexOf('\\') >= 0) {
        throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "column '" + column
            + "' cannot be cast to its target type: the engine cannot name nested field '" + name
            + "' (empty, or containing a quote or backslash)", null);
      }
      requireParseableNames(column, child.getChildren());
    }
  }

  private static String valueType(Field field) {
    ArrowType type = field.getType();
    if (type instanceof ArrowType.ExtensionType extension) {
      return primitive(extension.storageType());
    }
    return switch (type.getTypeID()) {
      case List -> list("List", field);
      case LargeList -> list("LargeList", field);
      case ListView -> list("ListView", field);
      case LargeListView -> list("LargeListView", field);
      case FixedSizeList -> {
        Field item = field.getChildren().get(0);
        yield "FixedSizeList(" + ((ArrowType.FixedSizeList) type).getListSize() + " x " + nullability(item)
            + display(item) + itemName(item) + ")";
      }
      case Struct -> {
        StringJoiner children = new StringJoiner(", ", "Struct(", ")");
        field.getChildren().forEach(child -> children.add(namedField(child)));
        yield children.toString();
      }
      case Map -> "Map(" + namedField(field.getChildren().get(0)) + ", "
          + (((ArrowType.Map) type).getKeysSorted() ? "sorted" : "unsorted") + ")";
      case Union -> {
        ArrowType.Union union = (ArrowType.Union) type;
        StringBuilder text = new StringBuilder("Union(").append(union.getMode() == org.apache.arrow.vector.types.UnionMode.Sparse
            ? "Sparse" : "Dense");
        List<Field> children = field.getChildren();
        for (int index = 0; index < children.size(); index++) {
          int typeId = union.getTypeIds() == null ? index : union.getTypeIds()[index];
          text.append(", ").append(typeId).append(": (").append(namedField(children.get(index))).append(')');
        }
        yield text.append(')').toString();
      }
      case RunEndEncoded -> "RunEndEncoded(" + namedField(field.getChildren().get(0)) + ", "
          + namedField(field.getChildren().get(1)) + ")";
      default -> primitive(type);
    };
  }

  private static String list(String kind, Field field) {
    Field item = field.getChildren().get(0);
    return kind + "(" + nullability(item) + display(item) + itemName(item) + ")";
  }

  private static String itemName(Field item) {
    return item.getName().equals(DEFAULT_LIST_ITEM) ? "" : ", field: '" + item.getName() + "'";
  }

  private static String namedField(Field field) {
    return debugString(field.getName()) + ": " + nullability(field) + display(field);
  }

  private static String nullability(Field field) {
    return field.isNullable() ? "" : "non-null ";
  }

  private static String primitive(ArrowType type) {
    Objects.requireNonNull(type, "type");
    return switch (type.getTypeID()) {
      case Null -> "Null";
      case Bool -> "Boolean";
      case Int -> {
        ArrowType.Int integer = (ArrowType.Int) type;
        yield (integer.getIsSigned() ? "Int" : "UInt") + integer.getBitWidth();
      }
      case FloatingPoint -> switch (((ArrowType.FloatingPoint) type).getPrecision()) {
        case HALF -> "Float16";
        case SINGLE -> "Float32";
        case DOUBLE -> "Float64";
      };
      case Utf8 -> "Utf8";
      case LargeUtf8 -> "LargeUtf8";
      case Utf8View -> "Utf8View";
      case Binary -> "Binary";
      case LargeBinary -> "LargeBinary";
      case BinaryView -> "BinaryView";
      case FixedSizeBinary -> "FixedSizeBinary(" + ((ArrowType.FixedSizeBinary) type).getByteWidth() + ")";
      case Decimal -> {
        ArrowType.Decimal decimal = (ArrowType.Decimal) type;
        yield "Decimal" + decimal.getBitWidth() + "(" + decimal.getPrecision() + ", " + decimal.getScale() + ")";
      }
      case Date -> ((ArrowType.Date) type).getUnit() == org.apache.arrow.vector.types.DateUnit.DAY ? "Date32" : "Date64";
      case Time -> {
        ArrowType.Time time = (ArrowType.Time) type;
        yield "Time" + time.getBitWidth() + "(" + unit(time.getUnit()) + ")";
      }
      case Timestamp -> {
        ArrowType.Timestamp timestamp = (ArrowType.Timestamp) type;
        String zone = timestamp.getTimezone();
        yield "Timestamp(" + unit(timestamp.getUnit()) + (zone == null ? "" : ", " + debugString(zone)) + ")";
      }
      case Duration -> "Duration(" + unit(((ArrowType.Duration) type).getUnit()) + ")";
      case Interval -> switch (((ArrowType.Interval) type).getUnit()) {
        case YEAR_MONTH -> "Interval(YearMonth)";
        case DAY_TIME -> "Interval(DayTime)";
        case MONTH_DAY_NANO -> "Interval(MonthDayNano)";
      };
      default -> throw new IllegalArgumentException("nested Arrow type " + type + " needs its Field");
    };
  }

  private static String unit(TimeUnit unit) {
    return switch (unit) {
      case SECOND -> "s";
      case MILLISECOND -> "ms";
      case MICROSECOND -> "µs";
      case NANOSECOND -> "ns";
    };
  }

  /** Rust's {@code {:?}} of a string: double quotes, with quotes, backslashes and controls escaped. */
  static String debugString(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    text.codePoints().forEach(codePoint -> {
      switch (codePoint) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        case 0 -> quoted.append("\\0");
        default -> {
          if (Character.isISOControl(codePoint)) {
            quoted.append("\\u{").append(Integer.toHexString(codePoint)).append('}');
          } else {
            quoted.appendCodePoint(codePoint);
          }
        }
      }
    });
    return quoted.append('"').toString();
  }
}
