package io.codeanatomy.delta;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;

/**
 * How a dataset's change data feed is consumed (§4.4.6): whether the feed is {@code required}
 * (an unavailable feed or a failed read is then an error rather than "no changes") and whether a
 * window outside the table's versions reads as empty ({@code allowOutOfRange}).
 */
public record DeltaCdfPolicy(boolean required, boolean allowOutOfRange) implements FingerprintableConfig {
  public static final DeltaCdfPolicy DEFAULT = new DeltaCdfPolicy(false, false);

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("required", required, "allow_out_of_range", allowOutOfRange);
  }
}
