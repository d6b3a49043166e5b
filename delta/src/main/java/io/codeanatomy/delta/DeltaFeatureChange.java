package io.codeanatomy.delta;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of a composite enable or disable (§2.20): the set-properties report and the
 * add-features report, each null when that step did not run. Properties always go first.
 */
public record DeltaFeatureChange(DeltaOperationReport properties, DeltaOperationReport features) {

  /** The reports of the steps that ran, in order. */
  public List<DeltaOperationReport> reports() {
    List<DeltaOperationReport> reports = new ArrayList<>();
    if (properties != null) {
      reports.add(properties);
    }
    if (features != null) {
      reports.add(features);
    }
    return reports;
  }
}
