package io.codeanatomy.delta;

import io.codeanatomy.engine.ArrowBatches;
import java.util.Map;
import java.util.Optional;

/**
 * What an incremental change read did (§4.11): its status, the change rows read (status {@link
 * Status#READ} only; closed with this result), the version the cursor now stands at, and the
 * {@code incremental_cdf_read_v1} artifact it recorded.
 */
public record CdfReadResult(Status status, ArrowBatches changes, Long updatedVersion, Map<String, Object> artifact)
    implements AutoCloseable {

  /** The artifact's {@code status}. */
  public enum Status {
    UNAVAILABLE("unavailable"),
    NO_CHANGES("no_changes"),
    ERROR("error"),
    READ("read");

    private final String value;

    Status(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  public CdfReadResult {
    artifact = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(artifact));
  }

  public Optional<ArrowBatches> changesRead() {
    return Optional.ofNullable(changes);
  }

  @Override
  public void close() {
    if (changes != null) {
      changes.close();
    }
  }
}
