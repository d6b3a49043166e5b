package io.codeanatomy.delta;

import io.codeanatomy.core.fingerprint.WireValue;

/** Table features a write policy may ask to enable after a write (reference {@code enable_features}, §4.5.5). */
public enum DeltaTableFeature implements WireValue {
  CHANGE_DATA_FEED("change_data_feed"),
  DELETION_VECTORS("deletion_vectors"),
  ROW_TRACKING("row_tracking"),
  IN_COMMIT_TIMESTAMPS("in_commit_timestamps"),
  COLUMN_MAPPING("column_mapping"),
  V2_CHECKPOINTS("v2_checkpoints");

  private final String wireValue;

  DeltaTableFeature(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }
}
