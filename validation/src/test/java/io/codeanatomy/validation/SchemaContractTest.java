package io.codeanatomy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.arrow.ArrowFields;
import io.codeanatomy.core.arrow.SchemaIdentity;
import io.codeanatomy.core.arrow.SchemaMetadata;
import io.codeanatomy.engine.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Schema contracts (§6.3): checks against Arrow schemas and the engine's catalog, and the registry. */
class SchemaContractTest {
  private static final ArrowType TIMESTAMP = new ArrowType.Timestamp(TimeUnit.NANOSECOND, null);

  /** events(id int64 not null, name utf8, at timestamp[ns]), no metadata requirements. */
  private static SchemaContract events(EvolutionPolicy policy) {
    return SchemaContract.builder("events").column(FieldSpec.of("id", ArrowFields.INT64, false))
        .column(FieldSpec.of("name", ArrowFields.UTF8, true)).column(FieldSpec.of("at", TIMESTAMP, true))
        .evolutionPolicy(policy).build();
  }

  private static Schema schema(Map<String, String> metadata, Field... fields) {
    return new Schema(List.of(fields), metadata);
  }

  @Test
  void aMatchingSchemaHasNoViolations() {
    Schema actual = schema(null, ArrowFields.field("id", ArrowFields.INT64, false),
        ArrowFields.field("name", ArrowFields.UTF8, true), ArrowFields.field("at", TIMESTAMP, true));
    assertEquals(List.of(), events(EvolutionPolicy.STRICT).validateAgainstSchema(actual));
  }

  @Test
  void missingMismatchedNullableAndExtraColumns() {
    Schema actual = schema(null, ArrowFields.field("id", ArrowFields.INT32, true),
        ArrowFields.field("at", TIMESTAMP, true), ArrowFields.field("extra", ArrowFields.FLOAT64, true));
    List<ValidationViolation> strict = events(EvolutionPolicy.STRICT).validateAgainstSchema(actual);
    assertEquals(List.of(
        ValidationViolation.typeMismatch("events", "id", "Int64", "Int32"),
        ValidationViolation.nullabilityMismatch("events", "id", "non-nullable", "nullable"),
        ValidationViolation.missingColumn("events", "name", "string"),
        ValidationViolation.extraColumn("events", "extra", "Float64")), strict);
    assertEquals(List.of("Type mismatch for 'events.id': expected Int64, got Int32",
            "Nullability mismatch for 'events.id': expected non-nullable, got nullable",
            "Column 'events.name' not found", "Unexpected column 'events.extra'"),
        strict.stream().map(ValidationViolation::message).toList());
    assertEquals(strict.subList(0, 3), events(EvolutionPolicy.ADDITIVE).validateAgainstSchema(actual));
    assertEquals(strict.subList(0, 3), events(EvolutionPolicy.RELAXED).validateAgainstSchema(actual));
    assertEquals(List.of(), events(EvolutionPolicy.STRICT).toBuilder().enforceColumns(false).build()
        .validateAgainstSchema(actual));
  }

  @Test
  void typesOutsideTheFiveEngineNamesComparePyarrowSpellings() {
    SchemaContract contract = SchemaContract.builder("t").column(FieldSpec.of("at", TIMESTAMP, true))
        .column(FieldSpec.of("flag", ArrowFields.BOOL, true)).build();
    Schema actual = schema(null, ArrowFields.field("at", new ArrowType.Timestamp(TimeUnit.NANOSECOND, "UTC"), true),
        ArrowFields.field("flag", ArrowFields.UTF8, true));
    assertEquals(List.of(ValidationViolation.typeMismatch("t", "at", "timestamp[ns]", "timestamp[ns, tz=UTC]"),
        ValidationViolation.typeMismatch("t", "flag", "Boolean", "Utf8")), contract.validateAgainstSchema(actual));
  }

  @Test
  void metadataIsComparedKeyByKey() {
    SchemaContract contract = events(EvolutionPolicy.RELAXED).toBuilder()
        .schemaMetadata(Map.of("schema_name", "events", "owner", "core")).build();
    Schema actual = schema(Map.of("schema_name", "events_v2", "other", "x"),
        ArrowFields.field("id", ArrowFields.INT64, false), ArrowFields.field("name", ArrowFields.UTF8, true),
        ArrowFields.field("at", TIMESTAMP, true));
    List<ValidationViolation> violations = contract.validateAgainstSchema(actual);
    assertEquals(2, violations.size());
    assertTrue(violations.contains(ValidationViolation.metadataMismatch("events", "schema_name", "events", "events_v2")));
    assertTrue(violations.contains(ValidationViolation.metadataMismatch("events", "owner", "core", null)));
    assertTrue(violations.stream().map(ValidationViolation::message).toList()
        .contains("Metadata mismatch for 'events': key='owner' expected='core' actual=None"));
  }

  @Test
  void fromArrowSchemaDerivesFieldSpecsAndTheAbiFingerprint() {
    Map<String, String> idMetadata = Map.of(SchemaMetadata.ENCODING, SchemaMetadata.ENCODING_DICTIONARY,
        SchemaMetadata.DEFAULT_VALUE, "0");
    Schema schema = new Schema(List.of(new Field("id", new FieldType(false, ArrowFields.INT64, null, idMetadata), null),
        ArrowFields.field("name", ArrowFields.UTF8, true)), Map.of("schema_name", "events"));
    SchemaContract contract = SchemaContract.fromArrowSchema("events", schema);
    FieldSpec id = contract.columns().get(0);
    assertEquals("dictionary", id.encoding());
    assertEquals("0", id.defaultValue());
    assertFalse(id.nullable());
    assertEquals(null, contract.columns().get(1).encoding());
    assertEquals(Map.of("schema_name", "events", "schema_abi_fingerprint", SchemaIdentity.schemaIdentityHash(schema)),
        contract.schemaMetadata());
    assertEquals(schema.getFields(), contract.toArrowSchema().getFields());
    assertEquals(contract.schemaMetadata(), contract.toArrowSchema().getCustomMetadata());
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("schema_abi_fingerprint", "pinned");
    assertEquals("pinned", SchemaContract.fromArrowSchema("events", schema, overrides).schemaMetadata()
        .get("schema_abi_fingerprint"));
    assertEquals(List.of(), contract.toBuilder().schemaMetadata(Map.of()).build().validateAgainstSchema(schema));
    assertEquals(List.of(ValidationViolation.metadataMismatch("events", "schema_abi_fingerprint",
        SchemaIdentity.schemaIdentityHash(schema), null)), contract.validateAgainstSchema(new Schema(schema.getFields(),
        Map.of("schema_name", "events"))).stream().filter(v -> v.type() == ViolationType.METADATA_MISMATCH).toList());
  }

  @Test
  void theContractAsATableSpecRequiresItsNonNullableColumns() {
    TableSchemaSpec spec = events(EvolutionPolicy.STRICT).toTableSchemaSpec();
    assertEquals("events", spec.name());
    assertEquals(List.of("id"), spec.requiredNonNull());
    assertEquals(List.of(), spec.keyFields());
    assertEquals(List.of("id", "name", "at"), spec.fields().stream().map(FieldSpec::name).toList());
  }

  @Test
  void introspectionComparesAgainstTheEnginesCatalog() {
    try (Session session = Session.open()) {
      session.execute("CREATE TABLE events (id BIGINT NOT NULL, name VARCHAR, at TIMESTAMP, extra DOUBLE)");
      session.execute("CREATE VIEW empty_view AS SELECT 1 AS one");
      IntrospectionSnapshot snapshot = IntrospectionSnapshot.capture(session);
      assertTrue(snapshot.hasTable("events"));
      assertTrue(snapshot.hasTable("empty_view"));
      assertEquals(List.of(new IntrospectionSnapshot.CatalogColumn("id", "Int64", false),
              new IntrospectionSnapshot.CatalogColumn("name", "Utf8View", true),
              new IntrospectionSnapshot.CatalogColumn("at", "Timestamp(ns)", true)),
          snapshot.columns("events").orElseThrow().subList(0, 3));

      assertEquals(List.of(ValidationViolation.extraColumn("events", "extra", "Float64")),
          events(EvolutionPolicy.STRICT).validateAgainstIntrospection(snapshot),
          "Utf8View holds the declared utf8 and Timestamp(ns) is the engine's spelling of timestamp[ns]");
      SchemaContract wrongTypes = SchemaContract.builder("events").column(FieldSpec.of("id", ArrowFields.INT32, true))
          .column(FieldSpec.of("missing", ArrowFields.UTF8, true)).evolutionPolicy(EvolutionPolicy.ADDITIVE).build();
      assertEquals(List.of(ValidationViolation.typeMismatch("events", "id", "Int32", "Int64"),
          ValidationViolation.missingColumn("events", "missing", "string")), wrongTypes.validateAgainstIntrospection(snapshot));
      SchemaContract absent = SchemaContract.builder("nowhere").enforceColumns(false).build();
      assertEquals(List.of(ValidationViolation.missingTable("nowhere")), absent.validateAgainstIntrospection(snapshot));
      assertEquals("Table 'nowhere' not found", absent.validateAgainstIntrospection(snapshot).get(0).message());
      assertEquals(List.of(), wrongTypes.toBuilder().enforceColumns(false).build().validateAgainstIntrospection(snapshot));
    }
  }

  @Test
  void theRegistryValidatesEveryContract() {
    ContractRegistry registry = new ContractRegistry();
    registry.register(events(EvolutionPolicy.RELAXED));
    registry.register("alias", SchemaContract.builder("nowhere").build());
    assertEquals(2, registry.size());
    assertTrue(registry.contains("events"));
    assertFalse(registry.contains("nowhere"));
    assertEquals("nowhere", registry.get("alias").orElseThrow().tableName());
    assertEquals(List.of("events", "alias"), List.copyOf(registry.snapshot().keySet()));
    List<String> names = new java.util.ArrayList<>();
    registry.forEach(names::add);
    assertEquals(List.of("events", "alias"), names);
    IntrospectionSnapshot snapshot = new IntrospectionSnapshot(Map.of("events", List.of(
        new IntrospectionSnapshot.CatalogColumn("id", "Int64", false),
        new IntrospectionSnapshot.CatalogColumn("name", "Utf8", true))));
    Map<String, List<ValidationViolation>> results = registry.validateAll(snapshot);
    assertEquals(List.of(ValidationViolation.missingColumn("events", "at", "timestamp[ns]")), results.get("events"));
    assertEquals(List.of(ValidationViolation.missingTable("nowhere")), results.get("alias"));
    assertEquals(List.of(ValidationViolation.missingColumn("events", "at", "timestamp[ns]"),
        ValidationViolation.missingTable("nowhere")), registry.violations(snapshot));
    registry.register("alias", events(EvolutionPolicy.STRICT));
    assertEquals(2, registry.size(), "registering a name again replaces its contract");
  }
}
