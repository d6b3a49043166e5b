package io.codeanatomy.delta.internal;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Delta (Kernel) types to Arrow and back, following the Delta protocol's type table: timestamps are
 * microseconds (UTC-adjusted for {@code timestamp}, local for {@code timestamp_ntz}), strings Utf8
 * (Utf8View when view types are asked for), decimals 128-bit.
 */
public final class SchemaConversion {
  private SchemaConversion() {}

  public static Schema toArrow(StructType schema, boolean viewTypes) {
    List<Field> fields = new ArrayList<>();
    for (StructField field : schema.fields()) {
      fields.add(toArrow(field.getName(), field.getDataType(), field.isNullable(), viewTypes));
    }
    return new Schema(fields);
  }

  private static Field toArrow(String name, DataType type, boolean nullable, boolean viewTypes) {
    if (type instanceof StructType struct) {
      List<Field> children = new ArrayList<>();
      for (StructField child : struct.fields()) {
        children.add(toArrow(child.getName(), child.getDataType(), child.isNullable(), viewTypes));
      }
      return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null), children);
    }
    if (type instanceof ArrayType array) {
      Field element = toArrow("element", array.getElementType(), array.containsNull(), viewTypes);
      return new Field(name, new FieldType(nullable, ArrowType.List.INSTANCE, null), List.of(element));
    }
    if (type instanceof MapType map) {
      Field key = toArrow("key", map.getKeyType(), false, viewTypes);
      Field value = toArrow("value", map.getValueType(), map.isValueContainsNull(), viewTypes);
      Field entries = new Field("key_value", new FieldType(false, ArrowType.Struct.INSTANCE, null), List.of(key, value));
      return new Field(name, new FieldType(nullable, new ArrowType.Map(false), null), List.of(entries));
    }
    return new Field(name, new FieldType(nullable, primitive(type, viewTypes), null), List.of());
  }

  private static ArrowType primitive(DataType type, boolean viewTypes) {
    if (type instanceof BooleanType) {
      return ArrowType.Bool.INSTANCE;
    } else if (type instanceof ByteType) {
      return new ArrowType.Int(8, true);
    } else if (type instanceof ShortType) {
      return new ArrowType.Int(16, true);
    } else if (type instanceof IntegerType) {
      return new ArrowType.Int(32, true);
    } else if (type instanceof LongType) {
      return new ArrowType.Int(64, true);
    } else if (type instanceof FloatType) {
      return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    } else if (type instanceof DoubleType) {
      return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    } else if (type instanceof StringType) {
      return viewTypes ? ArrowType.Utf8View.INSTANCE : ArrowType.Utf8.INSTANCE;
    } else if (type instanceof BinaryType) {
      return viewTypes ? ArrowType.BinaryView.INSTANCE : ArrowType.Binary.INSTANCE;
    } else if (type instanceof DateType) {
      return new ArrowType.Date(DateUnit.DAY);
    } else if (type instanceof TimestampType) {
      return new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
    } else if (type instanceof TimestampNTZType) {
      return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
    } else if (type instanceof DecimalType decimal) {
      return new ArrowType.Decimal(decimal.getPrecision(), decimal.getScale(), 128);
    }
    throw new DeltaException(ErrorCode.DELTA_UNSUPPORTED_FEATURE, "Delta type " + type + " has no Arrow form here",
        null);
  }

  /** The Delta schema for Arrow data; {@code table} names the table in errors. */
  public static StructType toDelta(Schema schema, String table) {
    StructType result = new StructType();
    for (Field field : schema.getFields()) {
      result = result.add(field.getName(), toDelta(field, table), field.isNullable());
    }
    return result;
  }

  private static DataType toDelta(Field field, String table) {
    ArrowType type = field.getType();
    switch (type.getTypeID()) {
      case Struct -> {
        StructType struct = new StructType();
        for (Field child : field.getChildren()) {
          struct = struct.add(child.getName(), toDelta(child, table), child.isNullable());
        }
        return struct;
      }
      case List, LargeList, FixedSizeList, ListView, LargeListView -> {
        Field element = field.getChildren().get(0);
        return new ArrayType(toDelta(element, table), element.isNullable());
      }
      case Map -> {
        List<Field> entry = field.getChildren().get(0).getChildren();
        return new MapType(toDelta(entry.get(0), table), toDelta(entry.get(1), table), entry.get(1).isNullable());
      }
      case Bool -> {
        return BooleanType.BOOLEAN;
      }
      case Int -> {
        ArrowType.Int integer = (ArrowType.Int) type;
        int width = integer.getIsSigned() ? integer.getBitWidth() : integer.getBitWidth() * 2;
        return width <= 8 ? ByteType.BYTE : width <= 16 ? ShortType.SHORT : width <= 32 ? IntegerType.INTEGER
            : LongType.LONG;
      }
      case FloatingPoint -> {
        return ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE
            ? DoubleType.DOUBLE : FloatType.FLOAT;
      }
      case Utf8, LargeUtf8, Utf8View -> {
        return StringType.STRING;
      }
      case Binary, LargeBinary, BinaryView, FixedSizeBinary -> {
        return BinaryType.BINARY;
      }
      case Date -> {
        return DateType.DATE;
      }
      case Timestamp -> {
        return ((ArrowType.Timestamp) type).getTimezone() == null ? TimestampNTZType.TIMESTAMP_NTZ
            : TimestampType.TIMESTAMP;
      }
      case Decimal -> {
        ArrowType.Decimal decimal = (ArrowType.Decimal) type;
        return new DecimalType(decimal.getPrecision(), decimal.getScale());
      }
      default -> throw new DeltaException(ErrorCode.DELTA_UNSUPPORTED_FEATURE, "column '" + field.getName()
          + "' of Delta table " + table + ": Arrow type " + type + " has no Delta type", null);
    }
  }
}
