package io.codeanatomy.core.arrow;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import java.util.StringJoiner;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * pyarrow's {@code str(DataType)} spelling of Arrow types ({@code int32}, {@code string},
 * {@code timestamp[us, tz=UTC]}, {@code list<item: int32>}, {@code struct<a: int32 not null>}...).
 * Reference payloads (encoding policies, schema ABI payloads) embed these strings, so they are part
 * of fingerprints. Nested types need the {@link Field} because Arrow Java keeps children there.
 */
public final class ArrowTypeNames {
  private ArrowTypeNames() {}

  /**
   * The type of {@code field}, including children. A dictionary-encoded field (schema/message
   * format: the field type is the value type) is spelled {@code dictionary<values=..., indices=..., ordered=0>}.
   */
  public static String of(Field field) {
    DictionaryEncoding dictionary = field.getDictionary();
    String type = nested(field);
    if (dictionary == null) {
      return type;
    }
    ArrowType.Int index = dictionary.getIndexType() == null ? new ArrowType.Int(32, true) : dictionary.getIndexType();
    return "dictionary<values=" + type + ", indices=" + of(index) + ", ordered=" + (dictionary.isOrdered() ? 1 : 0) + ">";
  }

  /**
   * The spelling of a type without children; nested types (list, struct, map, union, run-end
   * encoded) need {@link #of(Field)}.
   */
  public static String of(ArrowType type) {
    if (type instanceof ArrowType.ExtensionType extension) {
      return "extension<" + extension.extensionName() + ">";
    }
    return switch (type.getTypeID()) {
      case Null -> "null";
      case Bool -> "bool";
      case Int -> {
        ArrowType.Int integer = (ArrowType.Int) type;
        yield (integer.getIsSigned() ? "int" : "uint") + integer.getBitWidth();
      }
      case FloatingPoint -> switch (((ArrowType.FloatingPoint) type).getPrecision()) {
        case HALF -> "halffloat";
        case SINGLE -> "float";
        case DOUBLE -> "double";
      };
      case Utf8 -> "string";
      case LargeUtf8 -> "large_string";
      case Utf8View -> "string_view";
      case Binary -> "binary";
      case LargeBinary -> "large_binary";
      case BinaryView -> "binary_view";
      case FixedSizeBinary -> "fixed_size_binary[" + ((ArrowType.FixedSizeBinary) type).getByteWidth() + "]";
      case Decimal -> {
        ArrowType.Decimal decimal = (ArrowType.Decimal) type;
        yield "decimal" + decimal.getBitWidth() + "(" + decimal.getPrecision() + ", " + decimal.getScale() + ")";
      }
      case Date -> switch (((ArrowType.Date) type).getUnit()) {
        case DAY -> "date32[day]";
        case MILLISECOND -> "date64[ms]";
      };
      case Time -> {
        ArrowType.Time time = (ArrowType.Time) type;
        yield "time" + time.getBitWidth() + "[" + unit(time.getUnit()) + "]";
      }
      case Timestamp -> {
        ArrowType.Timestamp timestamp = (ArrowType.Timestamp) type;
        String zone = timestamp.getTimezone();
        yield "timestamp[" + unit(timestamp.getUnit()) + (zone == null ? "" : ", tz=" + zone) + "]";
      }
      case Duration -> "duration[" + unit(((ArrowType.Duration) type).getUnit()) + "]";
      case Interval -> switch (((ArrowType.Interval) type).getUnit()) {
        case YEAR_MONTH -> "month_interval";
        case DAY_TIME -> "day_time_interval";
        case MONTH_DAY_NANO -> "month_day_nano_interval";
      };
      default -> throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "Arrow type " + type + " has children; name it through its Field", null);
    };
  }

  private static String nested(Field field) {
    ArrowType type = field.getType();
    if (type instanceof ArrowType.ExtensionType) {
      return of(type);
    }
    return switch (type.getTypeID()) {
      case List -> "list<" + child(field, 0) + ">";
      case LargeList -> "large_list<" + child(field, 0) + ">";
      case ListView -> "list_view<" + child(field, 0) + ">";
      case LargeListView -> "large_list_view<" + child(field, 0) + ">";
      case FixedSizeList -> "fixed_size_list<" + child(field, 0) + ">[" + ((ArrowType.FixedSizeList) type).getListSize() + "]";
      case Struct -> {
        StringJoiner children = new StringJoiner(", ", "struct<", ">");
        field.getChildren().forEach(child -> children.add(describe(child)));
        yield children.toString();
      }
      case Map -> {
        Field entries = field.getChildren().get(0);
        String keysSorted = ((ArrowType.Map) type).getKeysSorted() ? ", keys_sorted" : "";
        yield "map<" + mapChild(entries.getChildren().get(0), "key") + ", " + mapChild(entries.getChildren().get(1), "value")
            + keysSorted + ">";
      }
      case Union -> {
        ArrowType.Union union = (ArrowType.Union) type;
        StringJoiner children = new StringJoiner(", ", union.getMode().name().toLowerCase(java.util.Locale.ROOT) + "_union<", ">");
        for (int index = 0; index < field.getChildren().size(); index++) {
          int typeId = union.getTypeIds() == null ? index : union.getTypeIds()[index];
          children.add(describe(field.getChildren().get(index)) + "=" + typeId);
        }
        yield children.toString();
      }
      case RunEndEncoded -> "run_end_encoded<run_ends: " + of(field.getChildren().get(0)) + ", values: "
          + of(field.getChildren().get(1)) + ">";
      default -> of(type);
    };
  }

  /** pyarrow names a map's key/item field only when it is not the default {@code key}/{@code value}. */
  private static String mapChild(Field field, String defaultName) {
    return of(field) + (field.getName().equals(defaultName) ? "" : " ('" + field.getName() + "')");
  }

  private static String child(Field field, int index) {
    return describe(field.getChildren().get(index));
  }

  /** pyarrow's {@code str(Field)} inside a nested type: {@code name: type}, plus {@code not null}. */
  private static String describe(Field field) {
    return field.getName() + ": " + of(field) + (field.isNullable() ? "" : " not null");
  }

  private static String unit(org.apache.arrow.vector.types.TimeUnit unit) {
    return switch (unit) {
      case SECOND -> "s";
      case MILLISECOND -> "ms";
      case MICROSECOND -> "us";
      case NANOSECOND -> "ns";
    };
  }
}
