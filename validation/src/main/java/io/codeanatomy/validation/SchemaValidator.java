package io.codeanatomy.validation;

import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.RuntimeProfile;
import io.codeanatomy.validation.internal.PrivateSession;
import io.codeanatomy.validation.internal.TableValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Validation of a table against a {@link TableSchemaSpec} (reference: {@code validate_table},
 * §6.2), executed by the engine.
 *
 * <p>Steps, in order: align the data to the spec (cast mismatched columns, add missing ones as
 * nulls, drop or keep extras); report missing columns, extra columns ({@link Strictness#STRICT}
 * only), type mismatches (every mismatched column, or with {@code coerce} only the values that fail
 * to cast), nulls in required columns; split off the rows holding such nulls
 * ({@link Strictness#FILTER}); report missing key columns or else duplicate keys; keep the first
 * {@code maxErrors} violations. The key is the one the session's {@code information_schema}
 * declares for a table registered as the spec's name in its default catalog and schema (a primary
 * key before unique groups, then the smallest constraint name; see {@code
 * information_schema.key_column_usage}), else {@link #keyFields}. Every count is computed by the engine: one pass of conditional
 * aggregates, plus one grouped pass for the key columns.
 */
public final class SchemaValidator {
  /** The name the data is registered under in the private session of the Arrow entry points. */
  private static final String SOURCE_TABLE = "schema_validate_src";

  private SchemaValidator() {}

  /**
   * Validates Arrow data in a private session: the engine defaults, with at least 32 partitions
   * so that key checks over millions of rows group in cache-sized hash tables.
   *
   * @param data an {@code ArrowReader} (consumed and closed), {@code VectorSchemaRoot}, Arrow IPC
   *     bytes, stream or file (see {@link io.codeanatomy.core.coercion.ArrowStreams#toReader})
   * @param allocator allocates the imported data and the report's tables; the data stays
   *     referenced by the report until it is closed
   */
  public static SchemaValidationReport validateTable(Object data, TableSchemaSpec spec, ArrowValidationOptions options,
      BufferAllocator allocator) {
    return validateTable(data, spec, options, PrivateSession.DEFAULT_PROFILE, allocator);
  }

  /** As {@link #validateTable(Object, TableSchemaSpec, ArrowValidationOptions, BufferAllocator)} with a session of {@code profile}. */
  public static SchemaValidationReport validateTable(Object data, TableSchemaSpec spec, ArrowValidationOptions options,
      RuntimeProfile profile, BufferAllocator allocator) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    return PrivateSession.withTable(data, SOURCE_TABLE, profile, allocator,
        frame -> TableValidation.run(frame, spec, options, allocator));
  }

  /** Validates a data frame (e.g. a registered table) in the frame's session, registering nothing there. */
  public static SchemaValidationReport validateFrame(DataFrame frame, TableSchemaSpec spec,
      ArrowValidationOptions options, BufferAllocator allocator) {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(allocator, "allocator");
    return TableValidation.run(frame, spec, options, allocator);
  }

  /**
   * {@code validate_schema_contract}: {@link #validateTable} against the contract seen as a spec
   * ({@link SchemaContract#toTableSchemaSpec()}).
   */
  public static SchemaValidationReport validateSchemaContract(Object data, SchemaContract contract,
      ArrowValidationOptions options, BufferAllocator allocator) {
    return validateTable(data, contract.toTableSchemaSpec(), options, allocator);
  }

  /**
   * {@code required_field_names}: spec fields that must not hold nulls — those named by
   * {@code requiredNonNull} or {@code keyFields} (normalised), and the non-nullable ones — in spec order.
   */
  public static List<String> requiredFieldNames(TableSchemaSpec spec) {
    Set<String> required = Set.copyOf(constraintsOf(spec).requiredNonNull());
    return spec.fields().stream().filter(field -> required.contains(field.name()) || !field.nullable())
        .map(FieldSpec::name).toList();
  }

  /** The key columns: the spec's key fields, normalised ({@code constraint_key_fields} of its constraints). */
  public static List<String> keyFields(TableSchemaSpec spec) {
    List<String> keys = constraintsOf(spec).keyFields();
    return keys.isEmpty() ? spec.keyFields() : keys;
  }

  /** {@code missing_key_fields}: the keys among {@code missingColumns}, in key order. */
  public static List<String> missingKeyFields(List<String> keys, List<String> missingColumns) {
    Set<String> missing = Set.copyOf(missingColumns);
    List<String> result = new ArrayList<>();
    keys.stream().filter(missing::contains).forEach(result::add);
    return List.copyOf(result);
  }

  private static TableConstraints constraintsOf(TableSchemaSpec spec) {
    return new TableConstraints(spec.keyFields(), spec.requiredNonNull(), List.of(), List.of());
  }
}
