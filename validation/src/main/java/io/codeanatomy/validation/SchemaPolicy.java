package io.codeanatomy.validation;

import io.codeanatomy.core.arrow.SchemaIdentity;
import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import io.codeanatomy.core.policy.EncodingPolicy;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * How a table is brought to a schema: target schema, dictionary encoding, metadata, validation
 * and casting rules (reference: {@code schema/policy.py}, §2.4 item 8).
 *
 * @param schema the target schema (required)
 * @param encoding dictionary encoding, or null
 * @param metadata metadata to apply, or null
 * @param validation validation options, or null for none
 * @param safeCast reject lossy casts
 * @param keepExtraColumns keep columns the schema does not name
 * @param onError what a failed cast does
 */
public record SchemaPolicy(Schema schema, EncodingPolicy encoding, SchemaMetadataSpec metadata,
    ArrowValidationOptions validation, boolean safeCast, boolean keepExtraColumns, CastErrorPolicy onError)
    implements FingerprintableConfig {

  public SchemaPolicy {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(onError, "onError");
  }

  /** A builder with the reference defaults: no encoding, metadata or validation; safe casts; extras dropped; {@code on_error="unsafe"}. */
  public static Builder builder(Schema schema) {
    return new Builder(schema);
  }

  /**
   * {@code schema_identity_hash} of the schema, the encoding's fingerprint, the metadata payload
   * ({@link SchemaMetadataSpec#payload()}), the validation payload ({@link ArrowValidationOptions#payload()}),
   * {@code safe_cast}, {@code keep_extra_columns} and {@code on_error}.
   */
  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("schema_identity_hash", SchemaIdentity.schemaIdentityHash(schema),
        "encoding", encoding == null ? null : encoding.fingerprint(),
        "metadata", metadata == null ? null : metadata.payload(),
        "validation", validation == null ? null : validation.payload(),
        "safe_cast", safeCast, "keep_extra_columns", keepExtraColumns, "on_error", onError.wireValue());
  }

  public static final class Builder {
    private final Schema schema;
    private EncodingPolicy encoding;
    private SchemaMetadataSpec metadata;
    private ArrowValidationOptions validation;
    private boolean safeCast = true;
    private boolean keepExtraColumns;
    private CastErrorPolicy onError = CastErrorPolicy.UNSAFE;

    private Builder(Schema schema) {
      this.schema = schema;
    }

    public Builder encoding(EncodingPolicy value) {
      this.encoding = value;
      return this;
    }

    public Builder metadata(SchemaMetadataSpec value) {
      this.metadata = value;
      return this;
    }

    public Builder validation(ArrowValidationOptions value) {
      this.validation = value;
      return this;
    }

    public Builder safeCast(boolean value) {
      this.safeCast = value;
      return this;
    }

    public Builder keepExtraColumns(boolean value) {
      this.keepExtraColumns = value;
      return this;
    }

    public Builder onError(CastErrorPolicy value) {
      this.onError = value;
      return this;
    }

    public SchemaPolicy build() {
      return new SchemaPolicy(schema, encoding, metadata, validation, safeCast, keepExtraColumns, onError);
    }
  }
}
