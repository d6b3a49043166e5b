package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;

/** How Arrow tables are re-chunked after normalisation (reference: {@code arrow/chunking.py}). */
public record ChunkPolicy(boolean unifyDictionaries, boolean combineChunks) implements FingerprintableConfig {
  public static final ChunkPolicy DEFAULT = new ChunkPolicy(true, true);

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("unify_dictionaries", unifyDictionaries, "combine_chunks", combineChunks);
  }
}
