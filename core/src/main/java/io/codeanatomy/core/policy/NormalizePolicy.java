package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;

/** Encoding and chunking applied when normalising tables (reference: {@code encoding/policy.py}). */
public record NormalizePolicy(EncodingPolicy encoding, ChunkPolicy chunk) implements FingerprintableConfig {
  public NormalizePolicy {
    PolicyChecks.required("NormalizePolicy.encoding", encoding);
    PolicyChecks.required("NormalizePolicy.chunk", chunk);
  }

  /** With the default {@link ChunkPolicy}. */
  public NormalizePolicy(EncodingPolicy encoding) {
    this(encoding, ChunkPolicy.DEFAULT);
  }

  /** Children are embedded as their fingerprints. */
  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("encoding", encoding.fingerprint(), "chunk", chunk.fingerprint());
  }
}
