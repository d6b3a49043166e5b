package io.codeanatomy.delta.internal;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.delta.kernel.Snapshot;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The writer features this module's commit path honours. A table that needs any other feature is
 * refused before anything is written, so no write can leave it wrong. Features whose only duty is
 * to respect metadata the path never produces (invariants, generated and identity columns, column
 * mapping) are refused only when the table actually uses them. CHECK constraints are enforced on
 * every commit that adds rows.
 */
public final class WriterFeatures {
  /** Features whose writer rules the commit path follows (appendOnly: overwrite is refused). */
  public static final Set<String> SUPPORTED = Set.of("appendOnly", "changeDataFeed", "deletionVectors",
      "timestampNtz", "domainMetadata", "vacuumProtocolCheck", "checkpointProtection", "checkConstraints");
  private static final Set<String> SUPPORTED_WHEN_UNUSED =
      Set.of("invariants", "generatedColumns", "identityColumns", "columnMapping");

  private WriterFeatures() {}

  /** Throws {@link ErrorCode#DELTA_UNSUPPORTED_FEATURE} naming what the table needs that the path cannot honour. */
  public static void check(Snapshot snapshot, String table, boolean overwrites) {
    Map<String, String> properties = snapshot.getMetadata().getConfiguration();
    Set<String> refused = refused(snapshot.getProtocol(), properties, snapshot.getSchema());
    if (!refused.isEmpty()) {
      throw new DeltaException(ErrorCode.DELTA_UNSUPPORTED_FEATURE, "Delta table " + table + " at version "
          + snapshot.getVersion() + " needs writer features this writer does not support: " + refused
          + " (supported: " + new TreeSet<>(SUPPORTED) + ")", null);
    }
    if (overwrites && "true".equalsIgnoreCase(properties.get("delta.appendOnly"))) {
      throw new DeltaException(ErrorCode.DELTA_UNSUPPORTED_FEATURE, "Delta table " + table + " at version "
          + snapshot.getVersion() + " is append-only (delta.appendOnly=true); overwrite is not allowed", null);
    }
  }

  /**
   * The writer features a table with this protocol, configuration and schema needs that the commit
   * path cannot honour (empty: it can write the table). Also asked of a protocol or configuration
   * a maintenance operation is about to commit, so no table is left unwritable here.
   */
  public static Set<String> refused(Protocol protocol, Map<String, String> properties, StructType schema) {
    Set<String> refused = new TreeSet<>();
    Set<String> required = protocol.supportsWriterFeatures() ? protocol.getWriterFeatures()
        : legacyFeatures(protocol.getMinWriterVersion());
    for (String feature : required) {
      if (SUPPORTED.contains(feature)) {
        continue;
      }
      if (!SUPPORTED_WHEN_UNUSED.contains(feature) || inUse(feature, schema, properties)) {
        refused.add(feature);
      }
    }
    return refused;
  }

  private static Set<String> legacyFeatures(int writerVersion) {
    Set<String> features = new TreeSet<>();
    if (writerVersion >= 2) {
      features.add("appendOnly");
      features.add("invariants");
    }
    if (writerVersion >= 3) {
      features.add("checkConstraints");
    }
    if (writerVersion >= 4) {
      features.add("changeDataFeed");
      features.add("generatedColumns");
    }
    if (writerVersion >= 5) {
      features.add("columnMapping");
    }
    if (writerVersion >= 6) {
      features.add("identityColumns");
    }
    return features;
  }

  private static boolean inUse(String feature, StructType schema, Map<String, String> properties) {
    return switch (feature) {
      case "columnMapping" -> !"none".equalsIgnoreCase(properties.getOrDefault("delta.columnMapping.mode", "none"));
      case "invariants" -> anyFieldHas(schema, "delta.invariants");
      case "generatedColumns" -> anyFieldHas(schema, "delta.generationExpression");
      case "identityColumns" -> anyFieldHas(schema, "delta.identity.start");
      default -> true;
    };
  }

  private static boolean anyFieldHas(StructType schema, String key) {
    for (StructField field : schema.fields()) {
      if (field.getMetadata().contains(key)) {
        return true;
      }
    }
    return false;
  }
}
