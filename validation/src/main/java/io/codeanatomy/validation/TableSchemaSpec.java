package io.codeanatomy.validation;

import io.codeanatomy.core.arrow.SchemaMetadata;
import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.text.PythonText;
import io.codeanatomy.core.policy.PolicyChecks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The expected shape of a table for {@link SchemaValidator#validateTable} (reference: the
 * {@code TableSchemaSpec} protocol).
 *
 * @param name table name, used in reports
 * @param fields expected columns in output order; names unique
 * @param keyFields columns (of {@code fields}) whose values must be unique together and non-null, or empty
 * @param requiredNonNull further columns that must not hold nulls, or empty
 * @param version the schema's version ({@code schema_version} metadata), or null
 */
public record TableSchemaSpec(String name, List<FieldSpec> fields, List<String> keyFields, List<String> requiredNonNull,
    Integer version) {

  public TableSchemaSpec {
    Objects.requireNonNull(name, "name");
    fields = PolicyChecks.listOf("TableSchemaSpec.fields", fields);
    keyFields = PolicyChecks.listOf("TableSchemaSpec.keyFields", keyFields);
    requiredNonNull = PolicyChecks.listOf("TableSchemaSpec.requiredNonNull", requiredNonNull);
    Set<String> names = new HashSet<>();
    for (FieldSpec field : fields) {
      if (!names.add(field.name())) {
        throw new ConfigurationException("table spec '" + name + "' names column '" + field.name() + "' twice");
      }
    }
    for (String key : keyFields) {
      String normalized = PythonText.strip(key);
      if (!names.contains(normalized)) {
        throw new ConfigurationException("table spec '" + name + "': key field '" + key + "' is not one of its columns");
      }
    }
  }

  /** An unversioned spec. */
  public TableSchemaSpec(String name, List<FieldSpec> fields, List<String> keyFields, List<String> requiredNonNull) {
    this(name, fields, keyFields, requiredNonNull, null);
  }

  /** A spec with the fields of {@code schema} and no keys or extra non-null columns. */
  public static TableSchemaSpec of(String name, Schema schema) {
    return new TableSchemaSpec(name, schema.getFields().stream().map(FieldSpec::fromField).toList(), List.of(), List.of());
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * {@code to_arrow_schema}: the fields, tagged with {@link SchemaMetadata#schemaMetadataForSpec}
   * ({@code schema_name}, {@code schema_version} when versioned, {@code required_non_null} and
   * {@code key_fields} when non-empty).
   */
  public Schema toArrowSchema() {
    return new Schema(fields.stream().map(FieldSpec::toField).toList(),
        SchemaMetadata.schemaMetadataForSpec(name, version, requiredNonNull, keyFields));
  }

  public static final class Builder {
    private final String name;
    private final List<FieldSpec> fields = new ArrayList<>();
    private List<String> keyFields = List.of();
    private List<String> requiredNonNull = List.of();
    private Integer version;

    private Builder(String name) {
      this.name = name;
    }

    public Builder field(FieldSpec field) {
      fields.add(field);
      return this;
    }

    public Builder field(String fieldName, ArrowType type, boolean nullable) {
      return field(FieldSpec.of(fieldName, type, nullable));
    }

    public Builder keyFields(String... columns) {
      this.keyFields = List.of(columns);
      return this;
    }

    public Builder requiredNonNull(String... columns) {
      this.requiredNonNull = List.of(columns);
      return this;
    }

    public Builder version(int value) {
      this.version = value;
      return this;
    }

    public TableSchemaSpec build() {
      return new TableSchemaSpec(name, fields, keyFields, requiredNonNull, version);
    }
  }
}
