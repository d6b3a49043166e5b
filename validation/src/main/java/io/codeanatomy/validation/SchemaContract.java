package io.codeanatomy.validation;

import io.codeanatomy.core.arrow.ArrowTypeNames;
import io.codeanatomy.core.arrow.SchemaIdentity;
import io.codeanatomy.core.arrow.SchemaMetadata;
import io.codeanatomy.core.policy.PolicyChecks;
import io.codeanatomy.validation.internal.DataFusionTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The agreed shape of a table (reference: {@code schema/contracts.py}), checked against an Arrow
 * schema or against the engine's catalog. Checks are on schemas only; to check data, see
 * {@link SchemaValidator#validateSchemaContract}.
 *
 * @param tableName the table
 * @param columns the declared columns, in order
 * @param partitionCols partition columns
 * @param ordering ordering columns
 * @param evolutionPolicy whether undeclared columns are violations ({@link EvolutionPolicy#STRICT})
 * @param schemaMetadata schema metadata the actual schema must carry
 * @param enforceColumns false turns every check off
 */
public record SchemaContract(String tableName, List<FieldSpec> columns, List<String> partitionCols, List<String> ordering,
    EvolutionPolicy evolutionPolicy, Map<String, String> schemaMetadata, boolean enforceColumns) {

  /** Type names the reference spells the engine's way for comparisons; other types keep pyarrow's name. */
  private static final Map<String, String> ENGINE_TYPE_NAMES = Map.of("int64", "Int64", "int32", "Int32",
      "string", "Utf8", "double", "Float64", "bool", "Boolean");
  private static final Map<String, String> STORAGE_VARIANTS = Map.of("utf8view", "utf8", "largeutf8", "utf8",
      "binaryview", "binary", "largebinary", "binary");

  public SchemaContract {
    Objects.requireNonNull(tableName, "tableName");
    columns = PolicyChecks.listOf("SchemaContract.columns", columns);
    partitionCols = PolicyChecks.listOf("SchemaContract.partitionCols", partitionCols);
    ordering = PolicyChecks.listOf("SchemaContract.ordering", ordering);
    Objects.requireNonNull(evolutionPolicy, "evolutionPolicy");
    schemaMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(PolicyChecks.mapOf("SchemaContract.schemaMetadata",
        schemaMetadata)));
  }

  public static Builder builder(String tableName) {
    return new Builder(tableName);
  }

  public Builder toBuilder() {
    Builder builder = new Builder(tableName);
    builder.columns.addAll(columns);
    return builder.partitionCols(partitionCols).ordering(ordering).evolutionPolicy(evolutionPolicy)
        .schemaMetadata(schemaMetadata).enforceColumns(enforceColumns);
  }

  /** {@link #fromArrowSchema(String, Schema, Map)} without metadata overrides. */
  public static SchemaContract fromArrowSchema(String tableName, Schema schema) {
    return fromArrowSchema(tableName, schema, Map.of());
  }

  /**
   * {@code from_arrow_schema}: columns from the fields ({@link FieldSpec#fromField}), the schema's
   * metadata plus {@code schema_abi_fingerprint} (its identity hash) unless present, then
   * {@code metadataOverrides} on top.
   */
  public static SchemaContract fromArrowSchema(String tableName, Schema schema, Map<String, String> metadataOverrides) {
    Map<String, String> metadata = new LinkedHashMap<>(schema.getCustomMetadata() == null ? Map.of()
        : schema.getCustomMetadata());
    metadata.putIfAbsent(SchemaMetadata.SCHEMA_ABI_FINGERPRINT, SchemaIdentity.schemaIdentityHash(schema));
    metadata.putAll(metadataOverrides);
    return builder(tableName).columns(schema.getFields().stream().map(FieldSpec::fromField).toList())
        .schemaMetadata(metadata).build();
  }

  /** The columns as an Arrow schema, with their metadata and the contract's schema metadata. */
  public Schema toArrowSchema() {
    return new Schema(columns.stream().map(FieldSpec::toField).toList(), schemaMetadata.isEmpty() ? null : schemaMetadata);
  }

  /** The contract as a spec for {@link SchemaValidator}: no keys; the non-nullable columns required. */
  public TableSchemaSpec toTableSchemaSpec() {
    List<String> required = columns.stream().filter(column -> !column.nullable()).map(FieldSpec::name).toList();
    return new TableSchemaSpec(tableName, columns, List.of(), required);
  }

  /**
   * {@code validate_against_schema}: per declared column, MISSING_COLUMN when absent, else
   * TYPE_MISMATCH when the types differ and NULLABILITY_MISMATCH when a non-nullable column is
   * nullable; under {@link EvolutionPolicy#STRICT}, EXTRA_COLUMN per undeclared column; then
   * METADATA_MISMATCH per expected metadata key absent or different. Empty when columns are not enforced.
   */
  public List<ValidationViolation> validateAgainstSchema(Schema actual) {
    if (!enforceColumns) {
      return List.of();
    }
    Map<String, Field> actualFields = new HashMap<>();
    actual.getFields().forEach(field -> actualFields.putIfAbsent(field.getName(), field));
    List<ValidationViolation> violations = new ArrayList<>();
    for (FieldSpec column : columns) {
      Field field = actualFields.get(column.name());
      if (field == null) {
        violations.add(ValidationViolation.missingColumn(tableName, column.name(), column.typeName()));
        continue;
      }
      String expectedType = engineTypeName(column.toField());
      String actualType = engineTypeName(field);
      if (!normalizedType(expectedType).equals(normalizedType(actualType))) {
        violations.add(ValidationViolation.typeMismatch(tableName, column.name(), expectedType, actualType));
      }
      if (!column.nullable() && field.isNullable()) {
        violations.add(ValidationViolation.nullabilityMismatch(tableName, column.name(), "non-nullable", "nullable"));
      }
    }
    if (evolutionPolicy == EvolutionPolicy.STRICT) {
      Set<String> declared = declaredNames();
      actual.getFields().stream().filter(field -> !declared.contains(field.getName())).forEach(field ->
          violations.add(ValidationViolation.extraColumn(tableName, field.getName(), engineTypeName(field))));
    }
    Map<String, String> actualMetadata = actual.getCustomMetadata() == null ? Map.of() : actual.getCustomMetadata();
    schemaMetadata.forEach((key, expected) -> {
      String found = actualMetadata.get(key);
      if (!expected.equals(found)) {
        violations.add(ValidationViolation.metadataMismatch(tableName, key, expected, found));
      }
    });
    return List.copyOf(violations);
  }

  /**
   * {@code validate_against_introspection}: MISSING_TABLE alone when the catalog lacks the table;
   * else, when columns are enforced, MISSING_COLUMN and TYPE_MISMATCH against the catalog's types
   * (no nullability or metadata checks) and, under {@link EvolutionPolicy#STRICT}, EXTRA_COLUMN.
   * A catalog type matches when it equals the reference's type name or the engine's own name for
   * the declared type, ignoring spaces, case, and whether strings or binaries are stored as views
   * or large arrays.
   */
  public List<ValidationViolation> validateAgainstIntrospection(IntrospectionSnapshot snapshot) {
    Optional<List<IntrospectionSnapshot.CatalogColumn>> catalogColumns = snapshot.columns(tableName);
    if (catalogColumns.isEmpty()) {
      return List.of(ValidationViolation.missingTable(tableName));
    }
    if (!enforceColumns) {
      return List.of();
    }
    Map<String, IntrospectionSnapshot.CatalogColumn> byName = new HashMap<>();
    catalogColumns.get().forEach(column -> byName.putIfAbsent(column.name(), column));
    List<ValidationViolation> violations = new ArrayList<>();
    for (FieldSpec column : columns) {
      IntrospectionSnapshot.CatalogColumn found = byName.get(column.name());
      if (found == null) {
        violations.add(ValidationViolation.missingColumn(tableName, column.name(), column.typeName()));
        continue;
      }
      Field field = column.toField();
      String catalogType = storageNeutral(normalizedType(found.dataType()));
      if (!catalogType.equals(storageNeutral(normalizedType(engineTypeName(field))))
          && !catalogType.equals(storageNeutral(normalizedType(DataFusionTypes.display(field))))) {
        violations.add(ValidationViolation.typeMismatch(tableName, column.name(), engineTypeName(field), found.dataType()));
      }
    }
    if (evolutionPolicy == EvolutionPolicy.STRICT) {
      Set<String> declared = declaredNames();
      catalogColumns.get().stream().filter(column -> !declared.contains(column.name())).forEach(column ->
          violations.add(ValidationViolation.extraColumn(tableName, column.name(), column.dataType())));
    }
    return List.copyOf(violations);
  }

  private Set<String> declaredNames() {
    return columns.stream().map(FieldSpec::name).collect(Collectors.toSet());
  }

  /** The reference's {@code _arrow_type_to_sql}: five types by the engine's name, the rest by pyarrow's. */
  static String engineTypeName(Field field) {
    String pyarrowName = ArrowTypeNames.of(field);
    return ENGINE_TYPE_NAMES.getOrDefault(pyarrowName, pyarrowName);
  }

  private static String normalizedType(String typeName) {
    return typeName.toLowerCase(Locale.ROOT).replace(" ", "");
  }

  /**
   * A normalised engine type name with the string and binary storage variants folded together:
   * the engine holds strings as {@code Utf8View} (SQL DDL, Parquet scans) where Arrow data says
   * {@code Utf8}, and the catalog reports whichever it holds.
   */
  private static String storageNeutral(String normalizedName) {
    return STORAGE_VARIANTS.getOrDefault(normalizedName, normalizedName);
  }

  public static final class Builder {
    private final String tableName;
    private final List<FieldSpec> columns = new ArrayList<>();
    private List<String> partitionCols = List.of();
    private List<String> ordering = List.of();
    private EvolutionPolicy evolutionPolicy = EvolutionPolicy.STRICT;
    private Map<String, String> schemaMetadata = Map.of();
    private boolean enforceColumns = true;

    private Builder(String tableName) {
      this.tableName = tableName;
    }

    public Builder column(FieldSpec column) {
      columns.add(column);
      return this;
    }

    public Builder columns(List<FieldSpec> values) {
      columns.addAll(values);
      return this;
    }

    public Builder partitionCols(List<String> values) {
      this.partitionCols = values;
      return this;
    }

    public Builder ordering(List<String> values) {
      this.ordering = values;
      return this;
    }

    public Builder evolutionPolicy(EvolutionPolicy value) {
      this.evolutionPolicy = value;
      return this;
    }

    public Builder schemaMetadata(Map<String, String> values) {
      this.schemaMetadata = values;
      return this;
    }

    public Builder enforceColumns(boolean value) {
      this.enforceColumns = value;
      return this;
    }

    public SchemaContract build() {
      return new SchemaContract(tableName, columns, partitionCols, ordering, evolutionPolicy, schemaMetadata,
          enforceColumns);
    }
  }
}
