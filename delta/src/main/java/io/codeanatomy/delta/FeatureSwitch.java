package io.codeanatomy.delta;

import java.util.Map;

/**
 * What the composite enable and disable of §2.20 do for one feature: the properties enabling it,
 * its protocol feature, the property disabling it (null: it cannot be disabled, {@code
 * disableRefusal} says why), and, for features this module's writer cannot honour, why enabling is
 * refused ({@code refusal}; null when it can).
 */
record FeatureSwitch(Map<String, String> enableProperties, String protocolFeature, String disableProperty,
    String disableRefusal, String refusal) {

  boolean writable() {
    return refusal == null;
  }

  static FeatureSwitch of(DeltaTableFeature feature) {
    return switch (feature) {
      case CHANGE_DATA_FEED -> new FeatureSwitch(Map.of("delta.enableChangeDataFeed", "true"), "changeDataFeed",
          "delta.enableChangeDataFeed", null, null);
      case DELETION_VECTORS -> new FeatureSwitch(Map.of("delta.enableDeletionVectors", "true"), "deletionVectors",
          "delta.enableDeletionVectors", null, null);
      case ROW_TRACKING -> new FeatureSwitch(Map.of("delta.enableRowTracking", "true"), "rowTracking",
          "delta.enableRowTracking", null, "row tracking needs every commit to assign row ids and commit versions "
              + "(baseRowId, defaultRowCommitVersion and the delta.rowTracking domain), which this writer does not do");
      case IN_COMMIT_TIMESTAMPS -> new FeatureSwitch(Map.of("delta.enableInCommitTimestamps", "true"),
          "inCommitTimestamp", "delta.enableInCommitTimestamps", null, "in-commit timestamps need every commit to "
              + "carry a monotonic commitInfo.inCommitTimestamp, which this writer does not write");
      case COLUMN_MAPPING -> new FeatureSwitch(Map.of("delta.columnMapping.mode", "name", "delta.minReaderVersion",
          "2", "delta.minWriterVersion", "5"), "columnMapping", null,
          "Delta column mapping cannot be disabled safely once enabled.", "column mapping needs physical column "
              + "names and ids in the schema and in every data file, which this writer does not produce");
      case V2_CHECKPOINTS -> new FeatureSwitch(Map.of("delta.checkpointPolicy", "v2"), "v2Checkpoint", null,
          "Delta v2 checkpoints cannot be disabled safely once enabled.", "v2 checkpoints need every checkpoint "
              + "in the v2 format (checkpointMetadata, sidecars), and this module writes classic checkpoints");
    };
  }
}
