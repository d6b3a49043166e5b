package io.codeanatomy.validation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.engine.ArrowBatches;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import io.codeanatomy.engine.internal.SqlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/** The engine's type spelling, checked against the engine itself: arrow_cast parses it and arrow_typeof prints it back. */
class DataFusionTypesTest {
  private static final ArrowType INT32 = new ArrowType.Int(32, true);
  private static final ArrowType INT64 = new ArrowType.Int(64, true);

  private static Field leaf(String name, ArrowType type, boolean nullable) {
    return new Field(name, new FieldType(nullable, type, null), null);
  }

  private static Field parent(ArrowType type, Field... children) {
    return named("column", type, children);
  }

  private static Field named(String name, ArrowType type, Field... children) {
    return new Field(name, FieldType.nullable(type), List.of(children));
  }

  private static Map<String, Field> cases() {
    Map<String, Field> cases = new LinkedHashMap<>();
    cases.put("Boolean", leaf("c", ArrowType.Bool.INSTANCE, true));
    cases.put("Int8", leaf("c", new ArrowType.Int(8, true), true));
    cases.put("UInt64", leaf("c", new ArrowType.Int(64, false), true));
    cases.put("Float32", leaf("c", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), true));
    cases.put("Float64", leaf("c", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), true));
    cases.put("Utf8", leaf("c", ArrowType.Utf8.INSTANCE, true));
    cases.put("LargeUtf8", leaf("c", ArrowType.LargeUtf8.INSTANCE, true));
    cases.put("Utf8View", leaf("c", ArrowType.Utf8View.INSTANCE, true));
    cases.put("Binary", leaf("c", ArrowType.Binary.INSTANCE, true));
    cases.put("LargeBinary", leaf("c", ArrowType.LargeBinary.INSTANCE, true));
    cases.put("FixedSizeBinary(4)", leaf("c", new ArrowType.FixedSizeBinary(4), true));
    cases.put("Decimal128(10, 2)", leaf("c", new ArrowType.Decimal(10, 2, 128), true));
    cases.put("Decimal256(40, 3)", leaf("c", new ArrowType.Decimal(40, 3, 256), true));
    cases.put("Date32", leaf("c", new ArrowType.Date(DateUnit.DAY), true));
    cases.put("Date64", leaf("c", new ArrowType.Date(DateUnit.MILLISECOND), true));
    cases.put("Time32(ms)", leaf("c", new ArrowType.Time(TimeUnit.MILLISECOND, 32), true));
    cases.put("Time64(ns)", leaf("c", new ArrowType.Time(TimeUnit.NANOSECOND, 64), true));
    cases.put("Timestamp(µs)", leaf("c", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), true));
    cases.put("Timestamp(ns, \"UTC\")", leaf("c", new ArrowType.Timestamp(TimeUnit.NANOSECOND, "UTC"), true));
    cases.put("Duration(s)", leaf("c", new ArrowType.Duration(TimeUnit.SECOND), true));
    cases.put("Interval(MonthDayNano)", leaf("c", new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO), true));
    cases.put("List(Int64)", parent(ArrowType.List.INSTANCE, leaf("item", INT64, true)));
    cases.put("List(non-null Utf8, field: 'x')", parent(ArrowType.List.INSTANCE, leaf("x", ArrowType.Utf8.INSTANCE, false)));
    cases.put("LargeList(Int32)", parent(ArrowType.LargeList.INSTANCE, leaf("item", INT32, true)));
    cases.put("FixedSizeList(3 x Int32)", parent(new ArrowType.FixedSizeList(3), leaf("item", INT32, true)));
    cases.put("Struct(\"a\": non-null Int32, \"b c\": List(Utf8), \"ü\": Int64)", parent(ArrowType.Struct.INSTANCE,
        leaf("a", INT32, false), named("b c", ArrowType.List.INSTANCE, leaf("item", ArrowType.Utf8.INSTANCE, true)),
        leaf("ü", INT64, true)));
    cases.put("Map(\"entries\": non-null Struct(\"key\": non-null Utf8, \"value\": Int64), unsorted)",
        parent(new ArrowType.Map(false), new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE),
            List.of(leaf("key", ArrowType.Utf8.INSTANCE, false), leaf("value", INT64, true)))));
    cases.put("Dictionary(Int32, Utf8)", new Field("c",
        new FieldType(true, ArrowType.Utf8.INSTANCE, new DictionaryEncoding(0, false, new ArrowType.Int(32, true))), null));
    return cases;
  }

  @Test
  void displayMatchesTheEnginesOwnSpelling() {
    Map<String, Field> cases = cases();
    List<String> casts = new ArrayList<>();
    cases.forEach((expected, field) -> {
      assertEquals(expected, DataFusionTypes.display(field));
      casts.add("arrow_typeof(arrow_cast(NULL, " + SqlText.literal(DataFusionTypes.castTarget("c", field)) + "))");
    });
    try (RootAllocator allocator = new RootAllocator(); Session session = Session.open();
        DataFrame frame = session.sql("SELECT " + String.join(", ", casts));
        ArrowBatches result = frame.collect(allocator)) {
      List<String> printed = new ArrayList<>();
      result.batches().get(0).getFieldVectors().forEach(vector -> printed.add(vector.getObject(0).toString()));
      assertEquals(List.copyOf(cases.keySet()), printed);
    }
  }

  @Test
  void namesTheEngineCannotParseAreRejectedForCasts() {
    Field quoted = parent(ArrowType.Struct.INSTANCE, leaf("a\"b", INT32, true));
    assertEquals("Struct(\"a\\\"b\": Int32)", DataFusionTypes.display(quoted));
    for (String name : List.of("a\"b", "it's", "back\\slash", "")) {
      InvalidInputException error = assertThrows(InvalidInputException.class,
          () -> DataFusionTypes.castTarget("col", parent(ArrowType.Struct.INSTANCE, leaf(name, INT32, true))));
      assertTrue(error.getMessage().startsWith("column 'col' cannot be cast"), error.getMessage());
    }
  }

  @Test
  void debugStringsEscapeLikeRust() {
    assertEquals("\"tab\\tnew\\nline\\u{1}\"", DataFusionTypes.debugString("tab\tnew\nline\u0001"));
  }
}
