package io.codeanatomy.delta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a mutation or maintenance operation did (§1.5): the operation name, the table version
 * after it, the post-operation snapshot and the operation's own metrics. {@code committed} is
 * false when nothing was committed (an app transaction already applied).
 */
public record DeltaOperationReport(
    String operation,
    long version,
    boolean committed,
    DeltaSnapshotInfo snapshot,
    Map<String, Object> metrics) {

  private static final java.util.Set<String> MUTATIONS = java.util.Set.of("write", "delete", "update", "merge");

  public DeltaOperationReport {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** The reference's flat report: snapshot keys, {@code operation}, the version key and {@code metrics}. */
  public Map<String, Object> payload() {
    Map<String, Object> payload = new LinkedHashMap<>(snapshot.payload());
    payload.put("operation", operation);
    payload.put(MUTATIONS.contains(operation) ? "mutation_version" : "maintenance_version", version);
    payload.put("metrics", metrics);
    return Collections.unmodifiableMap(payload);
  }
}
