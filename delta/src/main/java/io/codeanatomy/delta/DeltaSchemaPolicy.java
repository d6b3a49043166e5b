package io.codeanatomy.delta;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;
import java.util.Optional;

/**
 * Schema evolution and column mapping of writes (reference {@code DeltaSchemaPolicy}, §4.4.3):
 * both optional. Applied to a write with {@link DeltaWriteOptions.Builder#schemaPolicy}.
 */
public record DeltaSchemaPolicy(DeltaSchemaMode schemaMode, DeltaColumnMappingMode columnMappingMode)
    implements FingerprintableConfig {

  public static final DeltaSchemaPolicy DEFAULT = new DeltaSchemaPolicy(null, null);

  /** {@code delta_schema_configuration}: the column-mapping table property, or empty. */
  public Optional<Map<String, String>> schemaConfiguration() {
    return columnMappingMode == null ? Optional.empty()
        : Optional.of(Map.of("delta.columnMapping.mode", columnMappingMode.wireValue()));
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    String mode = schemaMode == null ? null : schemaMode.name().toLowerCase(java.util.Locale.ROOT);
    return PayloadMaps.of("schema_mode", mode, "column_mapping_mode", columnMappingMode);
  }
}
