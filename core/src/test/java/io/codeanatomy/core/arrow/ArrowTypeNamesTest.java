package io.codeanatomy.core.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.codeanatomy.core.error.InvalidInputException;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.UnionMode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Expected spellings were printed by pyarrow 26 ({@code str(type)}). */
class ArrowTypeNamesTest {
  static List<Arguments> primitives() {
    return List.of(
        Arguments.of(ArrowType.Null.INSTANCE, "null"),
        Arguments.of(ArrowType.Bool.INSTANCE, "bool"),
        Arguments.of(new ArrowType.Int(64, false), "uint64"),
        Arguments.of(new ArrowType.Int(8, true), "int8"),
        Arguments.of(new ArrowType.FloatingPoint(FloatingPointPrecision.HALF), "halffloat"),
        Arguments.of(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), "float"),
        Arguments.of(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), "double"),
        Arguments.of(ArrowType.LargeUtf8.INSTANCE, "large_string"),
        Arguments.of(ArrowType.Utf8View.INSTANCE, "string_view"),
        Arguments.of(ArrowType.LargeBinary.INSTANCE, "large_binary"),
        Arguments.of(ArrowType.BinaryView.INSTANCE, "binary_view"),
        Arguments.of(new ArrowType.FixedSizeBinary(16), "fixed_size_binary[16]"),
        Arguments.of(new ArrowType.Decimal(10, 2, 128), "decimal128(10, 2)"),
        Arguments.of(new ArrowType.Decimal(5, 1, 32), "decimal32(5, 1)"),
        Arguments.of(new ArrowType.Date(DateUnit.DAY), "date32[day]"),
        Arguments.of(new ArrowType.Date(DateUnit.MILLISECOND), "date64[ms]"),
        Arguments.of(new ArrowType.Time(TimeUnit.SECOND, 32), "time32[s]"),
        Arguments.of(new ArrowType.Time(TimeUnit.NANOSECOND, 64), "time64[ns]"),
        Arguments.of(new ArrowType.Duration(TimeUnit.MILLISECOND), "duration[ms]"),
        Arguments.of(new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO), "month_day_nano_interval"),
        Arguments.of(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), "timestamp[us, tz=UTC]"),
        Arguments.of(new ArrowType.Timestamp(TimeUnit.NANOSECOND, null), "timestamp[ns]"));
  }

  @ParameterizedTest
  @MethodSource("primitives")
  void primitiveTypesUsePyarrowSpelling(ArrowType type, String expected) {
    assertEquals(expected, ArrowTypeNames.of(type));
  }

  @Test
  void nestedTypesUseChildFields() {
    Field element = ArrowFields.field("element", ArrowFields.INT32, false);
    assertEquals("list<element: int32 not null>",
        ArrowTypeNames.of(new Field("l", FieldType.nullable(ArrowType.List.INSTANCE), List.of(element))));
    assertEquals("list<item: int32 not null>", ArrowTypeNames.of(ArrowFields.listField("l", element, true)));
    Field fixed = new Field("f", FieldType.nullable(new ArrowType.FixedSizeList(3)),
        List.of(ArrowFields.field("item", ArrowFields.INT32, true)));
    assertEquals("fixed_size_list<item: int32>[3]", ArrowTypeNames.of(fixed));
    Field entries = ArrowFields.structField("entries", List.of(ArrowFields.stringField("k", false),
        ArrowFields.int32Field("v", false)), false);
    assertEquals("map<string ('k'), int32 ('v')>",
        ArrowTypeNames.of(new Field("m", FieldType.nullable(new ArrowType.Map(false)), List.of(entries))));
    Field sorted = ArrowFields.structField("entries", List.of(ArrowFields.stringField("key", false),
        ArrowFields.int32Field("value")), false);
    assertEquals("map<string, int32, keys_sorted>",
        ArrowTypeNames.of(new Field("m", FieldType.nullable(new ArrowType.Map(true)), List.of(sorted))));
    Field union = new Field("u", FieldType.nullable(new ArrowType.Union(UnionMode.Sparse, new int[] {0, 1})),
        List.of(ArrowFields.int32Field("a"), ArrowFields.stringField("b")));
    assertEquals("sparse_union<a: int32=0, b: string=1>", ArrowTypeNames.of(union));
    Field ree = new Field("r", FieldType.nullable(ArrowType.RunEndEncoded.INSTANCE),
        List.of(ArrowFields.int32Field("run_ends", false), ArrowFields.stringField("values")));
    assertEquals("run_end_encoded<run_ends: int32, values: string>", ArrowTypeNames.of(ree));
    Field dictionary = new Field("d", new FieldType(true, ArrowFields.UTF8,
        new DictionaryEncoding(1, true, new ArrowType.Int(8, true))), null);
    assertEquals("dictionary<values=string, indices=int8, ordered=1>", ArrowTypeNames.of(dictionary));
  }

  @Test
  void nestedTypeWithoutItsFieldIsRejected() {
    InvalidInputException error = assertThrows(InvalidInputException.class,
        () -> ArrowTypeNames.of(ArrowType.Struct.INSTANCE));
    assertEquals(true, error.getMessage().contains("name it through its Field"));
  }
}
