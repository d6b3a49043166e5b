package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.fingerprint.Fingerprints;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named cache behaviour defaults of a pipeline driver (reference: {@code driver_factory.py}); all fields required. */
public record CachePolicyProfile(String name, CacheBehavior defaultBehavior, CacheBehavior defaultLoaderBehavior,
    CacheBehavior defaultSaverBehavior, boolean logToFile) implements FingerprintableConfig {
  private static final int DRIVER_CONFIG_VERSION = 1;

  public CachePolicyProfile {
    PolicyChecks.required("CachePolicyProfile.name", name);
    PolicyChecks.required("CachePolicyProfile.defaultBehavior", defaultBehavior);
    PolicyChecks.required("CachePolicyProfile.defaultLoaderBehavior", defaultLoaderBehavior);
    PolicyChecks.required("CachePolicyProfile.defaultSaverBehavior", defaultSaverBehavior);
  }

  /** {@code driver_config_fingerprint}: the fingerprint of {@code {"version": 1, "config": config}}. */
  public static String driverConfigFingerprint(Map<String, ?> config) {
    return Fingerprints.configFingerprint(PayloadMaps.of("version", DRIVER_CONFIG_VERSION, "config", new LinkedHashMap<>(config)));
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("name", name, "default_behavior", defaultBehavior, "default_loader_behavior",
        defaultLoaderBehavior, "default_saver_behavior", defaultSaverBehavior, "log_to_file", logToFile);
  }
}
