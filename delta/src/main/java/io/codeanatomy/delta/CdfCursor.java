package io.codeanatomy.delta;

import io.codeanatomy.core.policy.PolicyChecks;
import java.util.Objects;

/** How far a dataset's change data feed has been consumed: the last table version read (§4.11). */
public record CdfCursor(String datasetName, long lastVersion) {
  public CdfCursor {
    Objects.requireNonNull(datasetName, "datasetName");
    PolicyChecks.nonNegative("CdfCursor.lastVersion", lastVersion);
  }
}
