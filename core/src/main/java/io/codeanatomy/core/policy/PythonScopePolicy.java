package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.List;
import java.util.Map;

/**
 * Which files count as Python sources during extraction (reference: {@code extract/python/scope.py}).
 * {@code maxDiscoveryFiles} (default 50,000; null for no limit) must be >= 0.
 */
public record PythonScopePolicy(List<String> extraExtensions, boolean discoverExtensions, boolean discoverShebang,
    Integer maxDiscoveryFiles) implements FingerprintableConfig {
  public static final int DEFAULT_MAX_DISCOVERY_FILES = 50_000;
  public static final PythonScopePolicy DEFAULT = new PythonScopePolicy(List.of(), true, true, DEFAULT_MAX_DISCOVERY_FILES);

  public PythonScopePolicy {
    extraExtensions = PolicyChecks.listOf("PythonScopePolicy.extraExtensions", extraExtensions);
    PolicyChecks.nonNegativeOrNull("PythonScopePolicy.maxDiscoveryFiles", maxDiscoveryFiles);
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("extra_extensions", extraExtensions, "discover_extensions", discoverExtensions,
        "discover_shebang", discoverShebang, "max_discovery_files", maxDiscoveryFiles);
  }
}
