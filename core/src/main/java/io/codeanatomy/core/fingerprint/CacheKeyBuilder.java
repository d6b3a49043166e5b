package io.codeanatomy.core.fingerprint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Accumulates named components and builds a cache key: {@code prefix:digest}, or just the digest
 * for an empty prefix, where the digest is {@link Hashing#hashMsgpackCanonical} of the components.
 * Mutable and not thread-safe, like the reference's builder.
 */
public final class CacheKeyBuilder {
  private final String prefix;
  private final Map<String, Object> components = new LinkedHashMap<>();

  public CacheKeyBuilder() {
    this("");
  }

  public CacheKeyBuilder(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  /** Stores (or overwrites) a component; values follow {@link CanonicalMsgpack#encode}'s rules. */
  public CacheKeyBuilder add(String name, Object value) {
    components.put(Objects.requireNonNull(name, "name"), value);
    return this;
  }

  public String build() {
    String digest = Hashing.hashMsgpackCanonical(components);
    return prefix.isEmpty() ? digest : prefix + ":" + digest;
  }
}
