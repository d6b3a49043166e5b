package io.codeanatomy.validation;

import static io.codeanatomy.validation.TestData.field;
import static io.codeanatomy.validation.TestData.row;
import static io.codeanatomy.validation.TestData.rows;
import static io.codeanatomy.validation.TestData.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.arrow.ArrowFields;
import io.codeanatomy.core.arrow.ArrowTypeNames;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.ValidationException;
import io.codeanatomy.engine.ArrowBatches;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every branch of {@code validate_table} (§6.2), run by the engine over imported Arrow data. */
class SchemaValidatorTest {
  private static final ArrowType INT64 = ArrowFields.INT64;
  private static final ArrowType INT32 = ArrowFields.INT32;
  private static final ArrowType UTF8 = ArrowFields.UTF8;
  private static final ArrowValidationOptions STRICT = ArrowValidationOptions.builder().strict(Strictness.STRICT).build();
  private static final ArrowValidationOptions LENIENT = ArrowValidationOptions.builder().strict(Strictness.LENIENT).build();

  private BufferAllocator allocator;

  @BeforeEach
  void openAllocator() {
    allocator = TestData.allocator();
  }

  @AfterEach
  void closeAllocator() {
    TestData.closeChecked(allocator);
  }

  /** id int64, name utf8: three rows, one null name. */
  private VectorSchemaRoot people() {
    return TestData.table(allocator, List.of(field("id", INT64, true), field("name", UTF8, true)),
        row(1L, "ada"), row(2L, null), row(3L, "cy"));
  }

  private SchemaValidationReport validate(VectorSchemaRoot data, TableSchemaSpec spec, ArrowValidationOptions options) {
    try (data) {
      return SchemaValidator.validateTable(data, spec, options, allocator);
    }
  }

  private static TableSchemaSpec.Builder spec() {
    return TableSchemaSpec.builder("people");
  }

  private List<List<Object>> errorRows(ValidationReport report) {
    try (VectorSchemaRoot errors = report.errorTable(allocator)) {
      assertEquals(List.of("error_code", "error_column", "error_count"),
          errors.getSchema().getFields().stream().map(Field::getName).toList());
      return rows(errors);
    }
  }

  private List<Object> statsRow(ValidationReport report) {
    try (VectorSchemaRoot stats = report.statsTable(allocator)) {
      assertEquals(List.of("valid", "total_errors", "total_error_rows", "total_invalid_rows"),
          stats.getSchema().getFields().stream().map(Field::getName).toList());
      return rows(stats).get(0);
    }
  }

  @Test
  void matchingDataPassesUnchanged() {
    try (SchemaValidationReport report = validate(people(), spec().field("id", INT64, true).field("name", UTF8, true).build(),
        ArrowValidationOptions.DEFAULT)) {
      assertTrue(report.valid());
      assertTrue(report.passed());
      assertEquals(0, report.errorCount());
      assertEquals(List.of(values(1L, "ada"), values(2L, null), values(3L, "cy")), rows(report.validated()));
      assertTrue(report.invalidRows().isEmpty(), "no required column, so no invalid-row predicate");
      assertEquals(List.of(), errorRows(report));
      assertEquals(values(true, 0L, 0L, 0L), statsRow(report));
    }
  }

  @Test
  void missingColumnsAreReportedWithTheRowCountAndAddedAsTypedNulls() {
    TableSchemaSpec spec = spec().field("id", INT64, true).field("score", INT32, true).field("name", UTF8, true).build();
    try (SchemaValidationReport report = validate(people(), spec, ArrowValidationOptions.DEFAULT)) {
      assertEquals(List.of(ValidationViolation.missingColumn(null, "score", "int32").withCount(3)), report.violations());
      assertEquals("Missing column 'score'", report.violations().get(0).message());
      assertEquals(List.of("id: int64", "score: int32", "name: string"), described(report.validated().schema()));
      assertEquals(values(1L, null, "ada"), rows(report.validated()).get(0));
      assertFalse(report.valid());
      assertEquals(List.of(values("missing_column", "score", 3L)), errorRows(report));
      assertEquals(values(false, 1L, 3L, 0L), statsRow(report));
    }
  }

  @Test
  void extraColumnsDependOnStrictness() {
    TableSchemaSpec spec = spec().field("id", INT64, true).build();
    try (SchemaValidationReport strict = validate(people(), spec, STRICT)) {
      assertEquals(List.of(ValidationViolation.extraColumn(null, "name", "string").withCount(3)), strict.violations());
      assertEquals(List.of("id"), names(strict.validated().schema()));
    }
    try (SchemaValidationReport lenient = validate(people(), spec, LENIENT)) {
      assertTrue(lenient.passed());
      assertEquals(List.of("id", "name"), names(lenient.validated().schema()));
      assertEquals(values(2L, null), rows(lenient.validated()).get(1));
    }
    try (SchemaValidationReport filter = validate(people(), spec, ArrowValidationOptions.DEFAULT)) {
      assertTrue(filter.passed());
      assertEquals(List.of("id"), names(filter.validated().schema()));
    }
  }

  @Test
  void typeMismatchWithoutCoercionReportsEveryRowAndCasts() {
    VectorSchemaRoot data = TestData.table(allocator, List.of(field("id", INT32, true), field("code", UTF8, true)),
        row(1, "10"), row(2, "20"));
    TableSchemaSpec spec = spec().field("id", INT64, true).field("code", INT64, true).build();
    try (SchemaValidationReport report = validate(data, spec, ArrowValidationOptions.DEFAULT)) {
      assertEquals(List.of(ValidationViolation.typeMismatch(null, "id", "int64", "int32").withCount(2),
          ValidationViolation.typeMismatch(null, "code", "int64", "string").withCount(2)), report.violations());
      assertEquals("Type mismatch for 'id': expected int64, got int32", report.violations().get(0).message());
      assertEquals(List.of(values(1L, 10L), values(2L, 20L)), rows(report.validated()));
      assertEquals(INT64, report.validated().schema().getFields().get(1).getType());
    }
  }

  @Test
  void valuesThatCannotBeCastFailNamingTheColumnWithoutCoercion() {
    VectorSchemaRoot data = TestData.table(allocator, List.of(field("id", INT64, true), field("code", UTF8, true)),
        row(1L, "10"), row(2L, "ten"));
    TableSchemaSpec spec = spec().field("id", INT64, true).field("code", INT64, true).build();
    ValidationException error = assertThrows(ValidationException.class, () -> validate(data, spec,
        ArrowValidationOptions.DEFAULT).close());
    assertEquals(ErrorCode.VALIDATION, error.errorCode());
    assertTrue(error.getMessage().startsWith("column 'code' cannot be cast from string to int64"), error.getMessage());
  }

  @Test
  void coercionCountsOnlyTheValuesThatFailToCast() {
    VectorSchemaRoot data = TestData.table(allocator, List.of(field("id", INT64, true), field("code", UTF8, true)),
        row(1L, "10"), row(2L, "ten"), row(3L, null), row(4L, "x"));
    ArrowValidationOptions coerce = ArrowValidationOptions.builder().coerce(true).strict(Strictness.STRICT).build();
    TableSchemaSpec lenientCode = spec().field("id", INT64, true).field("code", INT64, true).build();
    try (SchemaValidationReport report = validate(data, lenientCode, coerce)) {
      assertEquals(List.of(ValidationViolation.typeMismatch(null, "code", "int64", "string").withCount(2)),
          report.violations());
      assertEquals(List.of(values(1L, 10L), values(2L, null), values(3L, null), values(4L, null)),
          rows(report.validated()));
    }
    VectorSchemaRoot again = TestData.table(allocator, List.of(field("id", INT64, true), field("code", UTF8, true)),
        row(1L, "10"), row(2L, "ten"), row(3L, null));
    TableSchemaSpec requiredCode = spec().field("id", INT64, true).field("code", INT64, false).build();
    try (SchemaValidationReport report = validate(again, requiredCode, coerce.toBuilder().strict(Strictness.FILTER).build())) {
      assertEquals(List.of(ValidationViolation.typeMismatch(null, "code", "int64", "string").withCount(1),
          ValidationViolation.nullViolation("code", 2)), report.violations());
      assertEquals(List.of(values(1L, 10L)), rows(report.validated()));
      assertEquals(List.of(values(2L, null), values(3L, null)), rows(report.invalidRows().orElseThrow()));
      assertEquals(2, report.invalidRowCount());
    }
    VectorSchemaRoot clean = TestData.table(allocator, List.of(field("id", INT64, true), field("code", UTF8, true)),
        row(1L, "10"));
    try (SchemaValidationReport report = validate(clean, lenientCode, coerce)) {
      assertTrue(report.passed(), "a mismatched type whose values all cast is no violation under coercion");
    }
  }

  @Test
  void requiredColumnsSplitOffInvalidRowsByStrictness() {
    TableSchemaSpec spec = spec().field("id", INT64, true).field("name", UTF8, false).build();
    try (SchemaValidationReport filter = validate(people(), spec, ArrowValidationOptions.DEFAULT)) {
      assertEquals(List.of(ValidationViolation.nullViolation("name", 1)), filter.violations());
      assertEquals("Null value in non-nullable column 'name'", filter.violations().get(0).message());
      assertEquals(List.of(values(1L, "ada"), values(3L, "cy")), rows(filter.validated()));
      assertEquals(List.of(values(2L, null)), rows(filter.invalidRows().orElseThrow()));
      assertEquals(1, filter.invalidRowCount());
      assertEquals(values(false, 1L, 1L, 1L), statsRow(filter));
    }
    try (SchemaValidationReport strict = validate(people(), spec, STRICT)) {
      assertEquals(3, strict.validated().rowCount(), "only FILTER removes invalid rows");
      assertEquals(1, strict.invalidRows().orElseThrow().rowCount());
    }
    ArrowValidationOptions quiet = ArrowValidationOptions.builder().strict(Strictness.STRICT).emitInvalidRows(false).build();
    try (SchemaValidationReport strict = validate(people(), spec, quiet)) {
      assertTrue(strict.invalidRows().isEmpty());
      assertEquals(1, strict.invalidRowCount());
    }
    ArrowValidationOptions filterQuiet = ArrowValidationOptions.builder().emitInvalidRows(false).build();
    try (SchemaValidationReport filter = validate(people(), spec, filterQuiet)) {
      assertEquals(1, filter.invalidRows().orElseThrow().rowCount(), "FILTER always returns the rows it removed");
    }
  }

  @Test
  void requiredNonNullAndKeyFieldsAreRequiredToo() {
    VectorSchemaRoot data = TestData.table(allocator,
        List.of(field("id", INT64, true), field("name", UTF8, true), field("team", UTF8, true)),
        row(null, "a", null), row(2L, null, "x"), row(3L, "c", "y"));
    TableSchemaSpec spec = spec().field("id", INT64, true).field("name", UTF8, true).field("team", UTF8, true)
        .keyFields("id").requiredNonNull(" team", "absent").build();
    assertEquals(List.of("id", "team"), SchemaValidator.requiredFieldNames(spec));
    try (SchemaValidationReport report = validate(data, spec, ArrowValidationOptions.DEFAULT)) {
      assertEquals(List.of(ValidationViolation.nullViolation("id", 1), ValidationViolation.nullViolation("team", 1)),
          report.violations());
      assertEquals(List.of(values(2L, null, "x"), values(3L, "c", "y")), rows(report.validated()));
      assertEquals(1, report.invalidRowCount());
    }
  }

  @Test
  void missingKeyFieldsAreReportedInsteadOfDuplicates() {
    TableSchemaSpec spec = spec().field("id", INT64, true).field("team", UTF8, true).field("name", UTF8, true)
        .keyFields("team", "id").build();
    try (SchemaValidationReport report = validate(people(), spec, STRICT)) {
      assertEquals(List.of(ValidationViolation.missingColumn(null, "team", "string").withCount(3),
          ValidationViolation.missingKeyField("team", 3)), report.violations());
      assertEquals("Missing key field 'team'", report.violations().get(1).message());
      assertEquals(List.of("team"), SchemaValidator.missingKeyFields(List.of("team", "id"), List.of("x", "team")));
    }
  }

  @Test
  void duplicateKeysCountEveryRowOfARepeatedKey() {
    VectorSchemaRoot data = TestData.table(allocator, List.of(field("a", INT64, true), field("b", UTF8, true)),
        row(1L, "x"), row(1L, "x"), row(2L, "y"), row(2L, "y"), row(2L, "y"), row(3L, "x"), row(1L, "y"));
    TableSchemaSpec spec = TableSchemaSpec.builder("t").field("a", INT64, true).field("b", UTF8, true)
        .keyFields("a", "b").build();
    try (SchemaValidationReport report = validate(data, spec, STRICT)) {
      assertEquals(List.of(ValidationViolation.duplicateKeys(List.of("a", "b"), 5)), report.violations());
      assertEquals("Duplicate keys for 'a,b'", report.violations().get(0).message());
      assertEquals(7, report.validated().rowCount(), "duplicates are reported, not filtered");
      assertEquals(values(false, 1L, 5L, 0L), statsRow(report));
    }
  }

  @Test
  void integerKeysAreGroupedExactlyEvenWhenFingerprintsCollide() {
    List<Field> fields = List.of(field("a", INT64, true), field("b", INT32, true));
    TableSchemaSpec spec = TableSchemaSpec.builder("t").field("a", INT64, true).field("b", INT64, true)
        .keyFields("a", "b").build();
    try (SchemaValidationReport unique = validate(TestData.table(allocator, fields,
        row(1L, 0), row(0L, 10), row(0L, 0), row(1L, 10), row(-5L, -3), row(Long.MAX_VALUE, 1), row(Long.MIN_VALUE, 1)),
        spec, LENIENT)) {
      assertEquals(List.of(ViolationType.TYPE_MISMATCH), unique.violations().stream().map(ValidationViolation::type).toList());
    }
    try (SchemaValidationReport repeated = validate(TestData.table(allocator, fields,
        row(-5L, 1), row(-5L, 1), row(7L, -3), row(7L, 2), row(0L, 2), row(7L, 2), row(7L, 2)), spec, LENIENT)) {
      assertEquals(ValidationViolation.duplicateKeys(List.of("a", "b"), 5), repeated.violations().get(1));
    }
    // 0 * M + 0 == 1 * M + (-M) in wrapping arithmetic: one fingerprint, two distinct tuples
    long mixer = 0x9E3779B97F4A7C15L;
    List<Field> wide = List.of(field("a", INT64, true), field("b", INT64, true));
    try (SchemaValidationReport colliding = validate(TestData.table(allocator, wide, row(0L, 0L), row(1L, -mixer)),
        spec, LENIENT)) {
      assertTrue(colliding.passed(), colliding.violations().toString());
    }
    try (SchemaValidationReport withNulls = validate(TestData.table(allocator, fields,
        row(null, 1), row(null, 1), row(null, 2), row(3L, null)), spec, LENIENT)) {
      assertEquals(ValidationViolation.duplicateKeys(List.of("a", "b"), 2),
          withNulls.violations().get(withNulls.violations().size() - 1), "null keys group like values");
    }
  }

  @Test
  void aKeyNamedLikeTheGroupSizeColumnStillWorks() {
    VectorSchemaRoot data = TestData.table(allocator, List.of(field("group_rows", INT64, true)), row(1L), row(1L));
    TableSchemaSpec spec = TableSchemaSpec.builder("t").field("group_rows", INT64, true).keyFields("group_rows").build();
    try (SchemaValidationReport report = validate(data, spec, STRICT)) {
      assertEquals(List.of(ValidationViolation.duplicateKeys(List.of("group_rows"), 2)), report.violations());
    }
  }

  @Test
  void maxErrorsKeepsTheFirstViolations() {
    TableSchemaSpec spec = spec().field("id", INT32, true).field("name", UTF8, false).field("extra", UTF8, true).build();
    try (SchemaValidationReport all = validate(people(), spec, STRICT)) {
      assertEquals(List.of(ViolationType.MISSING_COLUMN, ViolationType.TYPE_MISMATCH, ViolationType.NULL_VIOLATION),
          all.violations().stream().map(ValidationViolation::type).toList());
    }
    try (SchemaValidationReport two = validate(people(), spec, STRICT.toBuilder().maxErrors(2).build())) {
      assertEquals(List.of(ViolationType.MISSING_COLUMN, ViolationType.TYPE_MISMATCH),
          two.violations().stream().map(ValidationViolation::type).toList());
    }
    TableSchemaSpec nullsOnly = spec().field("id", INT64, true).field("name", UTF8, false).build();
    try (SchemaValidationReport none = validate(people(), nullsOnly, STRICT.toBuilder().maxErrors(0).build())) {
      assertEquals(List.of(), none.violations());
      assertFalse(none.valid(), "invalid rows keep the report invalid after truncation");
      assertEquals(values(false, 0L, 0L, 1L), statsRow(none));
    }
  }

  @Test
  void theErrorTableCanBeSuppressed() {
    TableSchemaSpec spec = spec().field("id", INT64, true).field("name", UTF8, false).build();
    try (SchemaValidationReport report = validate(people(), spec,
        ArrowValidationOptions.builder().emitErrorTable(false).build())) {
      assertEquals(1, report.violations().size());
      assertEquals(List.of(), errorRows(report));
      assertEquals(values(false, 1L, 1L, 1L), statsRow(report));
    }
  }

  @Test
  void emptyTablesAndAllNullColumns() {
    VectorSchemaRoot empty = TestData.table(allocator, List.of(field("id", INT64, true)));
    TableSchemaSpec spec = spec().field("id", INT64, false).field("name", UTF8, true).keyFields("id").build();
    try (SchemaValidationReport report = validate(empty, spec, STRICT)) {
      assertEquals(List.of(ValidationViolation.missingColumn(null, "name", "string").withCount(0)), report.violations());
      assertEquals(0, report.validated().rowCount());
      assertEquals(0, report.invalidRows().orElseThrow().rowCount());
      assertEquals(List.of("id", "name"), names(report.validated().schema()));
    }
    VectorSchemaRoot nulls = TestData.table(allocator, List.of(field("id", INT64, true)), row((Object) null),
        row((Object) null));
    try (SchemaValidationReport report = validate(nulls, spec().field("id", INT64, false).build(),
        ArrowValidationOptions.DEFAULT)) {
      assertEquals(List.of(ValidationViolation.nullViolation("id", 2)), report.violations());
      assertEquals(0, report.validated().rowCount());
      assertEquals(2, report.invalidRows().orElseThrow().rowCount());
    }
  }

  @Test
  void nestedTypesPassThroughAndCastByChildren() {
    try (Session session = Session.open();
        DataFrame frame = session.sql("SELECT * FROM (VALUES (1, [1, 2], named_struct('x', 1, 'y', 'a')),"
            + " (2, NULL, named_struct('x', 2, 'y', NULL))) AS t(id, tags, point)");
        ArrowBatches input = frame.collect(allocator)) {
      Schema schema = input.schema();
      Field tags = schema.findField("tags");
      Field point = schema.findField("point");
      Field int32Tags = new Field("tags", tags.getFieldType(), List.of(new Field(tags.getChildren().get(0).getName(),
          new org.apache.arrow.vector.types.pojo.FieldType(true, INT32, null), null)));
      TableSchemaSpec spec = TableSchemaSpec.builder("nested").field(FieldSpec.fromField(schema.findField("id")))
          .field(FieldSpec.fromField(int32Tags)).field(FieldSpec.fromField(point).withNullable(false)).build();
      try (SchemaValidationReport report = SchemaValidator.validateTable(input.batches().get(0), spec, STRICT, allocator)) {
        assertEquals(List.of(ValidationViolation.typeMismatch(null, "tags", "list<item: int32>", "list<item: int64>")
            .withCount(2)), report.violations());
        assertEquals(List.of("id: int64", "tags: list<item: int32>", "point: struct<x: int64, y: string>"),
            described(report.validated().schema()));
        List<List<Object>> result = rows(report.validated());
        assertEquals(List.of(1, 2), result.get(0).get(1));
        assertEquals(Map.of("x", 2L), withoutNulls(result.get(1).get(2)));
      }
    }
  }

  @Test
  void unicodeAndQuotedColumnNames() {
    VectorSchemaRoot data = TestData.table(allocator,
        List.of(field("größe", INT64, true), field("na\"me", UTF8, true), field("日本 語", INT32, true)),
        row(1L, "a", 1), row(1L, null, 2));
    TableSchemaSpec spec = TableSchemaSpec.builder("ユニコード").field("größe", INT64, true).field("na\"me", UTF8, false)
        .field("日本 語", INT64, true).keyFields("größe").build();
    try (SchemaValidationReport report = validate(data, spec, STRICT)) {
      assertEquals(List.of(ValidationViolation.typeMismatch(null, "日本 語", "int64", "int32").withCount(2),
          ValidationViolation.nullViolation("na\"me", 1), ValidationViolation.duplicateKeys(List.of("größe"), 2)),
          report.violations());
      assertEquals(List.of("größe", "na\"me", "日本 語"), names(report.validated().schema()));
    }
  }

  @Test
  void specFieldMetadataIsAppliedToTheValidatedData() {
    FieldSpec id = FieldSpec.of("id", INT64, true).withMetadata(Map.of("semantic_type", "id", "note", "it's"));
    try (SchemaValidationReport report = validate(people(), spec().field(id).field("name", UTF8, true).build(),
        ArrowValidationOptions.DEFAULT)) {
      assertEquals(Map.of("semantic_type", "id", "note", "it's"), report.validated().schema().findField("id").getMetadata());
    }
  }

  @Test
  void framesInACallersSessionAndOtherInputs() throws IOException {
    TableSchemaSpec spec = spec().field("id", INT64, true).field("name", UTF8, false).build();
    try (Session session = Session.open()) {
      session.execute("CREATE TABLE people AS VALUES (1, 'a'), (2, NULL)");
      try (DataFrame frame = session.sql("SELECT column1 AS id, column2 AS name FROM people");
          SchemaValidationReport report = SchemaValidator.validateFrame(frame, spec, STRICT, allocator)) {
        assertEquals(List.of(ValidationViolation.nullViolation("name", 1)), report.violations());
      }
      assertEquals(List.of("people"), session.tables(), "validating a frame registers nothing");
    }
    byte[] ipc;
    try (VectorSchemaRoot data = people(); ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ArrowStreamWriter writer = new ArrowStreamWriter(data, null, Channels.newChannel(bytes))) {
      writer.writeBatch();
      writer.end();
      ipc = bytes.toByteArray();
    }
    try (SchemaValidationReport report = SchemaValidator.validateTable(ipc, spec, STRICT, allocator)) {
      assertEquals(List.of(ValidationViolation.nullViolation("name", 1)), report.violations());
    }
  }

  @Test
  void requirePassedThrowsWithTheMessages() {
    TableSchemaSpec spec = spec().field("id", INT64, true).field("name", UTF8, false).build();
    try (SchemaValidationReport report = validate(people(), spec, ArrowValidationOptions.DEFAULT)) {
      ValidationException error = assertThrows(ValidationException.class, report::requirePassed);
      assertEquals(ErrorCode.VALIDATION, error.errorCode());
      assertEquals("table 'people' does not match its schema: Null value in non-nullable column 'name' (1 row(s))",
          error.getMessage());
    }
  }

  @Test
  void schemaContractsValidateDataAsASpec() {
    SchemaContract contract = SchemaContract.builder("people").column(FieldSpec.of("id", INT64, false))
        .column(FieldSpec.of("name", UTF8, true)).build();
    try (VectorSchemaRoot data = people();
        SchemaValidationReport report = SchemaValidator.validateSchemaContract(data, contract, STRICT, allocator)) {
      assertTrue(report.passed());
    }
    VectorSchemaRoot nullIds = TestData.table(allocator, List.of(field("id", INT64, true)), row((Object) null));
    try (nullIds; SchemaValidationReport report = SchemaValidator.validateSchemaContract(nullIds,
        SchemaContract.builder("ids").column(FieldSpec.of("id", INT64, false)).build(), STRICT, allocator)) {
      assertEquals(List.of(ValidationViolation.nullViolation("id", 1)), report.violations());
    }
  }

  private static List<String> described(Schema schema) {
    return schema.getFields().stream().map(field -> field.getName() + ": " + ArrowTypeNames.of(field)).toList();
  }

  private static List<String> names(Schema schema) {
    return schema.getFields().stream().map(Field::getName).toList();
  }

  /** A struct value without its null members, for comparing with Map.of. */
  private static Map<Object, Object> withoutNulls(Object struct) {
    Map<Object, Object> result = new java.util.HashMap<>();
    ((Map<?, ?>) struct).forEach((key, value) -> {
      if (value != null) {
        result.put(key, value);
      }
    });
    return result;
  }
}
