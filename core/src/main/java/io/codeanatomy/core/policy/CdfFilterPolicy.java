package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;

/** Which change-data-feed change types incremental processing keeps (reference: {@code incremental/cdf_filters.py}). */
public record CdfFilterPolicy(boolean includeInsert, boolean includeUpdatePostimage, boolean includeDelete)
    implements FingerprintableConfig {
  public static final CdfFilterPolicy DEFAULT = new CdfFilterPolicy(true, true, true);

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("include_insert", includeInsert, "include_update_postimage", includeUpdatePostimage,
        "include_delete", includeDelete);
  }
}
