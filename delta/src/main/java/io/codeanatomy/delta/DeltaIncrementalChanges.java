package io.codeanatomy.delta;

import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.delta.internal.ChangeData;
import io.codeanatomy.engine.ArrowBatches;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import io.codeanatomy.telemetry.Telemetry;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Incremental consumption of a dataset's change data feed with a cursor (§4.11): the first sight
 * of a dataset only records its current version; later reads return the changes since the cursor
 * and move it to the version read, only once the rows are read. Every read records an {@value
 * #ARTIFACT} diagnostics event (and artifact count) with its status.
 */
public final class DeltaIncrementalChanges {
  public static final String ARTIFACT = "incremental_cdf_read_v1";

  private DeltaIncrementalChanges() {}

  /**
   * Reads the changes of {@code table} for {@code dataset} since its cursor in {@code cursors},
   * filtered by {@code filter}, into {@code allocator}. A missing table is {@link
   * CdfReadResult.Status#UNAVAILABLE} (a {@link DeltaException} when the policy requires the feed);
   * a read that cannot be planned (feed not enabled, window out of range) is {@link
   * CdfReadResult.Status#ERROR} (a {@link DeltaException} when required), the cursor left as it was.
   */
  public static CdfReadResult read(Session session, DeltaTable table, String dataset, CdfCursorStore cursors,
      DeltaCdfPolicy policy, CdfFilterPolicy filter, BufferAllocator allocator) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(cursors, "cursors");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(allocator, "allocator");
    Map<String, Object> artifact = new LinkedHashMap<>();
    artifact.put("event_time_unix_ms", System.currentTimeMillis());
    artifact.put("dataset", dataset);
    artifact.put("path", table.uri());
    artifact.put("status", null);
    artifact.put("required", policy.required());
    artifact.put("current_version", null);
    artifact.put("starting_version", null);
    artifact.put("ending_version", null);
    artifact.put("rows", null);
    artifact.put("change_counts", null);
    artifact.put("filter_policy", filter == null ? null : Map.of("include_insert", filter.includeInsert(),
        "include_update_postimage", filter.includeUpdatePostimage(), "include_delete", filter.includeDelete()));
    artifact.put("error", null);

    long current;
    try {
      current = table.snapshotInfo().version();
    } catch (DeltaException e) {
      String message = "Delta CDF is required for dataset '" + dataset + "' but is unavailable.";
      artifact.put("error", policy.required() ? message : e.getMessage());
      CdfReadResult result = record(artifact, CdfReadResult.Status.UNAVAILABLE, null, null);
      if (policy.required()) {
        throw new DeltaException(ErrorCode.DELTA_CDF_NOT_ENABLED, message + " (" + e.getMessage() + ")", e);
      }
      return result;
    }
    artifact.put("current_version", current);
    CdfCursor cursor = cursors.load(dataset).orElse(null);
    if (cursor == null) {
      cursors.save(new CdfCursor(dataset, current)); // the first sighting sets the baseline
      return record(artifact, CdfReadResult.Status.NO_CHANGES, null, current);
    }
    if (cursor.lastVersion() >= current) {
      return record(artifact, CdfReadResult.Status.NO_CHANGES, null, cursor.lastVersion());
    }
    long start = cursor.lastVersion() + 1;
    artifact.put("starting_version", start);
    artifact.put("ending_version", current);
    DeltaCdfOptions options = DeltaCdfOptions.fromVersion(start).withEndingVersion(current)
        .withAllowOutOfRange(policy.allowOutOfRange())
        .withPredicate(filter == null ? null : filter.toSqlPredicate().orElse(null));
    DataFrame changes;
    try {
      changes = DeltaChanges.read(session, table, options);
    } catch (CodeAnatomyException e) {
      artifact.put("error", e.getMessage());
      CdfReadResult result = record(artifact, CdfReadResult.Status.ERROR, null, cursor.lastVersion());
      if (policy.required()) {
        throw new DeltaException(ErrorCode.DELTA_CDF_NOT_ENABLED, "Delta CDF provider registration failed for "
            + "required dataset '" + dataset + "'. (" + e.getMessage() + ")", e);
      }
      return result;
    }
    ArrowBatches rows;
    try (changes) {
      rows = changes.collect(allocator);
    }
    try {
      artifact.put("rows", rows.rowCount());
      artifact.put("change_counts", changeCounts(rows));
      cursors.save(new CdfCursor(dataset, current));
      return record(artifact, CdfReadResult.Status.READ, rows, current);
    } catch (RuntimeException e) {
      rows.close();
      throw e;
    }
  }

  /** Rows per {@code _change_type} value (sorted); empty when the column is absent. */
  private static Map<String, Long> changeCounts(ArrowBatches rows) {
    Map<String, Long> counts = new TreeMap<>();
    if (rows.schema().getFields().stream().noneMatch(f -> f.getName().equals(ChangeData.CHANGE_TYPE))) {
      return counts;
    }
    for (VectorSchemaRoot batch : rows.batches()) {
      FieldVector types = batch.getVector(ChangeData.CHANGE_TYPE);
      for (int row = 0; row < batch.getRowCount(); row++) {
        Object value = types.getObject(row);
        counts.merge(value == null ? "null" : value.toString(), 1L, Long::sum);
      }
    }
    return counts;
  }

  private static CdfReadResult record(Map<String, Object> artifact, CdfReadResult.Status status, ArrowBatches rows,
      Long version) {
    artifact.put("status", status.value());
    Telemetry telemetry = Telemetry.global();
    telemetry.emitDiagnosticsEvent(ARTIFACT, artifact, Level.INFO, "artifact");
    telemetry.recordArtifactCount(ARTIFACT, status.value(), Map.of("dataset", artifact.get("dataset")));
    return new CdfReadResult(status, rows, version, artifact);
  }
}
