package io.codeanatomy.delta;

import io.codeanatomy.core.policy.PolicyChecks;
import java.util.List;
import java.util.Objects;

/**
 * What to register (§2.2, §2.3): the snapshot, the scan options, the gate checked against the
 * snapshot, and optionally the exact data files to scan (paths relative to the table root, or
 * under it; each must be an active file of the snapshot). Null {@code files} means all files.
 */
public record DeltaReadOptions(DeltaVersionSpec snapshot, DeltaScanOptions scan, DeltaFeatureGate gate,
    List<String> files) {

  public static final DeltaReadOptions LATEST =
      new DeltaReadOptions(DeltaVersionSpec.latest(), DeltaScanOptions.DEFAULT, DeltaFeatureGate.NONE, null);

  public DeltaReadOptions {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(scan, "scan");
    Objects.requireNonNull(gate, "gate");
    files = files == null ? null : PolicyChecks.listOf("DeltaReadOptions.files", files);
  }

  public DeltaReadOptions at(DeltaVersionSpec value) {
    return new DeltaReadOptions(value, scan, gate, files);
  }

  public DeltaReadOptions withScan(DeltaScanOptions value) {
    return new DeltaReadOptions(snapshot, value, gate, files);
  }

  public DeltaReadOptions withGate(DeltaFeatureGate value) {
    return new DeltaReadOptions(snapshot, scan, value, files);
  }

  public DeltaReadOptions withFiles(List<String> value) {
    return new DeltaReadOptions(snapshot, scan, gate, value);
  }
}
