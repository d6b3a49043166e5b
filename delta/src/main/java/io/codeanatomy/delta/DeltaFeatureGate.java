package io.codeanatomy.delta;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import io.codeanatomy.core.policy.PolicyChecks;
import java.util.List;
import java.util.Map;

/**
 * "The table must be at least this protocol and carry these features" (reference §1.3). Checked
 * against the snapshot an operation starts from; features compare as exact, case-sensitive names.
 */
public record DeltaFeatureGate(
    Integer minReaderVersion,
    Integer minWriterVersion,
    List<String> requiredReaderFeatures,
    List<String> requiredWriterFeatures) implements FingerprintableConfig {

  public static final DeltaFeatureGate NONE = new DeltaFeatureGate(null, null, List.of(), List.of());

  public DeltaFeatureGate {
    PolicyChecks.positiveOrNull("DeltaFeatureGate.minReaderVersion", minReaderVersion);
    PolicyChecks.positiveOrNull("DeltaFeatureGate.minWriterVersion", minWriterVersion);
    requiredReaderFeatures = PolicyChecks.listOf("DeltaFeatureGate.requiredReaderFeatures",
        requiredReaderFeatures == null ? List.of() : requiredReaderFeatures);
    requiredWriterFeatures = PolicyChecks.listOf("DeltaFeatureGate.requiredWriterFeatures",
        requiredWriterFeatures == null ? List.of() : requiredWriterFeatures);
  }

  /** Whether the gate checks nothing (the reference then runs no check at all). */
  public boolean isEmpty() {
    return minReaderVersion == null && minWriterVersion == null && requiredReaderFeatures.isEmpty()
        && requiredWriterFeatures.isEmpty();
  }

  /** Throws {@link ErrorCode#DELTA_UNSUPPORTED_FEATURE} at the first failed check, in the reference's order. */
  public void check(DeltaSnapshotInfo snapshot) {
    String failure = null;
    if (minReaderVersion != null && snapshot.minReaderVersion() < minReaderVersion) {
      failure = "Delta reader protocol gate failed.";
    } else if (minWriterVersion != null && snapshot.minWriterVersion() < minWriterVersion) {
      failure = "Delta writer protocol gate failed.";
    } else if (!snapshot.readerFeatures().containsAll(requiredReaderFeatures)) {
      failure = "Delta reader feature gate failed.";
    } else if (!snapshot.writerFeatures().containsAll(requiredWriterFeatures)) {
      failure = "Delta writer feature gate failed.";
    }
    if (failure != null) {
      throw new DeltaException(ErrorCode.DELTA_UNSUPPORTED_FEATURE,
          failure + " (table " + snapshot.tableUri() + " at version " + snapshot.version() + ")", null);
    }
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("min_reader_version", minReaderVersion, "min_writer_version", minWriterVersion,
        "required_reader_features", requiredReaderFeatures, "required_writer_features", requiredWriterFeatures);
  }
}
