package io.codeanatomy.delta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One entry of a table's history: the version and its commitInfo action as logged. */
public record DeltaCommitInfo(long version, Long timestamp, String operation, Map<String, Object> commitInfo) {
  public DeltaCommitInfo {
    commitInfo = Collections.unmodifiableMap(new LinkedHashMap<>(commitInfo));
  }

  /** {@code operationMetrics}, or an empty map when the commit has none. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> operationMetrics() {
    return commitInfo.get("operationMetrics") instanceof Map<?, ?> metrics
        ? (Map<String, Object>) metrics : Map.of();
  }
}
