package io.codeanatomy.engine;

import static io.codeanatomy.engine.EngineTestSupport.closeChecked;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampNanoTZVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ViewVarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.complex.impl.UnionMapWriter;
import org.apache.arrow.vector.complex.writer.BaseWriter.StructWriter;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Every common Arrow type survives import into the engine, SQL, and export back unchanged. */
class ArrowTypesRoundTripTest {
  private static final int ROWS = 4;

  private static Field nullable(String name, ArrowType type, Field... children) {
    return new Field(name, FieldType.nullable(type), children.length == 0 ? null : List.of(children));
  }

  private static Schema schema() {
    return new Schema(List.of(
        nullable("i8", new ArrowType.Int(8, true)),
        nullable("i16", new ArrowType.Int(16, true)),
        nullable("i32", new ArrowType.Int(32, true)),
        nullable("i64", new ArrowType.Int(64, true)),
        nullable("u32", new ArrowType.Int(32, false)),
        nullable("u64", new ArrowType.Int(64, false)),
        nullable("f32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
        nullable("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        nullable("dec", new ArrowType.Decimal(38, 10, 128)),
        nullable("flag", ArrowType.Bool.INSTANCE),
        nullable("text", ArrowType.Utf8.INSTANCE),
        nullable("large_text", ArrowType.LargeUtf8.INSTANCE),
        nullable("view_text", ArrowType.Utf8View.INSTANCE),
        nullable("bytes", ArrowType.Binary.INSTANCE),
        nullable("fixed", new ArrowType.FixedSizeBinary(3)),
        nullable("day", new ArrowType.Date(DateUnit.DAY)),
        nullable("ts_utc", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
        nullable("ts_ny", new ArrowType.Timestamp(TimeUnit.NANOSECOND, "America/New_York")),
        nullable("ints", ArrowType.List.INSTANCE, nullable("item", new ArrowType.Int(32, true))),
        nullable("point", ArrowType.Struct.INSTANCE,
            nullable("x", new ArrowType.Int(64, true)), nullable("label", ArrowType.Utf8.INSTANCE)),
        new Field("attrs", FieldType.nullable(new ArrowType.Map(false)), List.of(
            new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
                new Field("key", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                nullable("value", new ArrowType.Int(64, true))))))));
  }

  private static void fill(VectorSchemaRoot root) {
    root.allocateNew();
    for (int row = 0; row < ROWS; row++) {
      boolean isNull = row == 2; // one all-null row exercises every validity buffer
      if (isNull) {
        for (FieldVector vector : root.getFieldVectors()) {
          if (!(vector instanceof ListVector) && !(vector instanceof StructVector)) {
            vector.setNull(row);
          }
        }
        continue;
      }
      ((TinyIntVector) root.getVector("i8")).setSafe(row, (byte) (row - 1));
      ((SmallIntVector) root.getVector("i16")).setSafe(row, (short) (row * -300));
      ((IntVector) root.getVector("i32")).setSafe(row, Integer.MIN_VALUE + row);
      ((BigIntVector) root.getVector("i64")).setSafe(row, Long.MAX_VALUE - row);
      ((UInt4Vector) root.getVector("u32")).setSafe(row, -1 - row); // 4294967295 - row
      ((UInt8Vector) root.getVector("u64")).setSafe(row, row * 1_000_000_007L);
      ((Float4Vector) root.getVector("f32")).setSafe(row, row == 3 ? Float.NaN : row * 1.5f);
      ((Float8Vector) root.getVector("f64")).setSafe(row, row == 3 ? Double.NEGATIVE_INFINITY : -row / 3.0);
      ((DecimalVector) root.getVector("dec")).setSafe(row, new BigDecimal("12345678901234567890.0123456789").negate().add(BigDecimal.valueOf(row)));
      ((BitVector) root.getVector("flag")).setSafe(row, row % 2);
      byte[] text = ("näme-" + row + " ✓").getBytes(StandardCharsets.UTF_8);
      ((VarCharVector) root.getVector("text")).setSafe(row, text);
      ((LargeVarCharVector) root.getVector("large_text")).setSafe(row, text);
      ((ViewVarCharVector) root.getVector("view_text")).setSafe(row,
          ("a view string longer than twelve bytes #" + row).getBytes(StandardCharsets.UTF_8));
      ((VarBinaryVector) root.getVector("bytes")).setSafe(row, new byte[] {0, (byte) row, (byte) 0xff});
      ((FixedSizeBinaryVector) root.getVector("fixed")).setSafe(row, new byte[] {1, 2, (byte) row});
      ((DateDayVector) root.getVector("day")).setSafe(row, 19_000 + row);
      ((TimeStampMicroTZVector) root.getVector("ts_utc")).setSafe(row, 1_700_000_000_000_000L + row);
      ((TimeStampNanoTZVector) root.getVector("ts_ny")).setSafe(row, -1_000_000_000L * row);
    }
    UnionListWriter ints = ((ListVector) root.getVector("ints")).getWriter();
    StructVector point = (StructVector) root.getVector("point");
    StructWriter pointWriter = point.getWriter();
    UnionMapWriter attrs = ((MapVector) root.getVector("attrs")).getWriter();
    for (int row = 0; row < ROWS; row++) {
      ints.setPosition(row);
      pointWriter.setPosition(row);
      attrs.setPosition(row);
      if (row == 2) {
        continue; // left null
      }
      ints.startList();
      for (int i = 0; i < row; i++) {
        ints.integer().writeInt(i * 10);
      }
      ints.endList();
      pointWriter.start();
      pointWriter.bigInt("x").writeBigInt(row);
      pointWriter.end();
      attrs.startMap();
      for (int i = 0; i <= row; i++) {
        attrs.startEntry();
        attrs.key().varChar().writeVarChar("k" + i);
        attrs.value().bigInt().writeBigInt(i);
        attrs.endEntry();
      }
      attrs.endMap();
    }
    ((ListVector) root.getVector("ints")).setLastSet(ROWS - 1);
    root.setRowCount(ROWS);
    ((ListVector) root.getVector("ints")).setValueCount(ROWS);
    point.setValueCount(ROWS);
    ((MapVector) root.getVector("attrs")).setValueCount(ROWS);
  }

  private static List<List<Object>> rowsOf(VectorSchemaRoot root) {
    List<List<Object>> rows = new ArrayList<>();
    for (int row = 0; row < root.getRowCount(); row++) {
      List<Object> values = new ArrayList<>();
      for (FieldVector vector : root.getFieldVectors()) {
        Object value = vector.getObject(row);
        values.add(value instanceof byte[] bytes ? java.util.Arrays.toString(bytes) : String.valueOf(value));
      }
      rows.add(values);
    }
    return rows;
  }

  @Test
  void everyTypeSurvivesImportSqlAndExport() throws IOException {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    Schema schema = schema();
    VectorSchemaRoot source = VectorSchemaRoot.create(schema, allocator);
    fill(source);
    List<List<Object>> expected = rowsOf(source);
    try (Session session = Session.open()) {
      session.registerArrow("everything", EngineTestSupport.readerOf(allocator, schema, List.of(source)));
      try (DataFrame frame = session.sql("SELECT * FROM everything");
          ArrowReader reader = frame.stream(allocator)) {
        assertEquals(schema.getFields(), reader.getVectorSchemaRoot().getSchema().getFields());
        List<List<Object>> actual = new ArrayList<>();
        while (reader.loadNextBatch()) {
          actual.addAll(rowsOf(reader.getVectorSchemaRoot()));
        }
        assertEquals(stringify(expected), stringify(actual));
      }
      try (DataFrame frame = session.sql(
          "SELECT i64, text, point['x'] AS x, attrs['k0'] AS k0, ints[1] AS first FROM everything WHERE i32 IS NOT NULL ORDER BY i64")) {
        List<List<Object>> actual = EngineTestSupport.rows(frame, allocator);
        assertEquals(3, actual.size());
        assertEquals(List.of(Long.MAX_VALUE - 3, "näme-3 ✓", 3L, 0L, 0), actual.get(0));
      }
    }
    closeChecked(allocator);
  }

  @Test
  void dictionaryEncodedColumnsRoundTrip() throws IOException {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    DictionaryEncoding encoding = new DictionaryEncoding(7L, false, new ArrowType.Int(32, true));
    try (VarCharVector dictionaryValues = new VarCharVector("dict", allocator);
        VarCharVector plain = new VarCharVector("color", allocator)) {
      dictionaryValues.allocateNew();
      String[] colors = {"red", "green", "blue"};
      for (int i = 0; i < colors.length; i++) {
        dictionaryValues.setSafe(i, colors[i].getBytes(StandardCharsets.UTF_8));
      }
      dictionaryValues.setValueCount(colors.length);
      plain.allocateNew();
      String[] values = {"blue", "red", null, "blue", "green"};
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          plain.setNull(i);
        } else {
          plain.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
        }
      }
      plain.setValueCount(values.length);
      Dictionary dictionary = new Dictionary(dictionaryValues, encoding);
      FieldVector encoded = (FieldVector) DictionaryEncoder.encode(plain, dictionary);
      Schema schema = new Schema(List.of(encoded.getField()));
      VectorSchemaRoot root = new VectorSchemaRoot(List.of(encoded.getField()), List.of(encoded), values.length);
      try (Session session = Session.open()) {
        session.registerArrow("colors", new DictionaryReader(allocator, schema, root, dictionary));
        List<List<Object>> rows = EngineTestSupport.rows(session,
            "SELECT CAST(color AS VARCHAR) AS c, COUNT(*) AS n FROM colors GROUP BY c ORDER BY c NULLS FIRST", allocator);
        List<List<Object>> expected = new ArrayList<>();
        expected.add(java.util.Arrays.asList(null, 1L));
        expected.add(List.of("blue", 2L));
        expected.add(List.of("green", 1L));
        expected.add(List.of("red", 1L));
        assertEquals(expected, rows);
        try (DataFrame frame = session.sql("SELECT color FROM colors");
            ArrowReader reader = frame.stream(allocator)) {
          Field field = reader.getVectorSchemaRoot().getSchema().getFields().get(0);
          // Arrow Java types a dictionary-encoded field by its index type
          assertEquals(new ArrowType.Int(32, true), field.getDictionary().getIndexType());
          assertEquals(new ArrowType.Int(32, true), field.getType());
          long rowsRead = 0;
          while (reader.loadNextBatch()) {
            rowsRead += reader.getVectorSchemaRoot().getRowCount();
          }
          assertEquals(values.length, rowsRead);
        }
      }
    }
    closeChecked(allocator);
  }

  private static String stringify(List<List<Object>> rows) {
    return rows.toString();
  }

  /** A one-batch reader that provides its dictionary to the C stream exporter. */
  private static final class DictionaryReader extends ArrowReader {
    private final Schema schema;
    private final VectorSchemaRoot batch;
    private final Dictionary dictionary;
    private boolean done;

    DictionaryReader(BufferAllocator allocator, Schema schema, VectorSchemaRoot batch, Dictionary dictionary) {
      super(allocator);
      this.schema = schema;
      this.batch = batch;
      this.dictionary = dictionary;
    }

    @Override
    public VectorSchemaRoot getVectorSchemaRoot() {
      return batch;
    }

    @Override
    public Map<Long, Dictionary> getDictionaryVectors() {
      return Map.of(dictionary.getEncoding().getId(), dictionary);
    }

    @Override
    public Dictionary lookup(long id) {
      return id == dictionary.getEncoding().getId() ? dictionary : null;
    }

    @Override
    public java.util.Set<Long> getDictionaryIds() {
      return java.util.Set.of(dictionary.getEncoding().getId());
    }

    @Override
    public boolean loadNextBatch() {
      boolean first = !done;
      done = true;
      return first;
    }

    @Override
    public long bytesRead() {
      return 0;
    }

    @Override
    protected void closeReadSource() {
      batch.close();
      dictionary.getVector().close();
    }

    @Override
    protected Schema readSchema() {
      return schema;
    }
  }
}
