package io.codeanatomy.validation;

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
 */
public record TableSchemaSpec(String name, List<FieldSpec> fields, List<String> keyFields, List<String> requiredNonNull) {

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

  /** A spec with the fields of {@code schema} and no keys or extra non-null columns. */
  public static TableSchemaSpec of(String name, Schema schema) {
    return new TableSchemaSpec(name, schema.getFields().stream().map(FieldSpec::fromField).toList(), List.of(), List.of());
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public Schema toArrowSchema() {
    return new Schema(fields.stream().map(FieldSpec::toField).toList());
  }

  public static final class Builder {
    private final String name;
    private final List<FieldSpec> fields = new ArrayList<>();
    private List<String> keyFields = List.of();
    private List<String> requiredNonNull = List.of();

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

    public TableSchemaSpec build() {
      return new TableSchemaSpec(name, fields, keyFields, requiredNonNull);
    }
  }
}
