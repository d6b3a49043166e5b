package io.codeanatomy.delta;

import io.codeanatomy.delta.internal.CommitLog;
import io.codeanatomy.delta.internal.FileActions;
import io.codeanatomy.delta.internal.PendingCommit;
import io.delta.kernel.Snapshot;
import io.delta.kernel.internal.actions.Metadata;
import io.delta.kernel.internal.actions.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A maintenance commit through the table's one commit path ({@link CommitLog}): commitInfo with the
 * reference's operation name, parameters and metrics plus the caller's commit options, the
 * operation's actions, then a checkpoint when the interval is due, as after every write.
 */
final class MaintenanceCommit {
  private final DeltaTable table;
  private final Snapshot base;
  private final DeltaCommitOptions options;
  private final String operation;
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private final List<Map<String, Object>> actions = new ArrayList<>();
  private Map<String, Object> metrics;
  private Set<String> readPaths = Set.of();
  private Set<String> removedPaths = Set.of();
  private boolean readsTable;

  /** {@code operation}: the commitInfo operation (e.g. {@code OPTIMIZE}); {@code base}: the snapshot read. */
  MaintenanceCommit(DeltaTable table, Snapshot base, DeltaCommitOptions options, String operation) {
    this.table = table;
    this.base = base;
    this.options = options;
    this.operation = operation;
  }

  MaintenanceCommit parameter(String key, Object value) {
    parameters.put(key, value);
    return this;
  }

  MaintenanceCommit metrics(Map<String, Object> values) {
    this.metrics = values;
    return this;
  }

  MaintenanceCommit action(Map<String, Object> action) {
    actions.add(action);
    return this;
  }

  /**
   * The commit depends on these files still being there: a concurrent commit removing one of them,
   * or adding data files, conflicts (the protocol's rules for a transaction that read the table).
   */
  MaintenanceCommit reads(Set<String> encodedPaths, Set<String> removedEncodedPaths) {
    this.readsTable = true;
    this.readPaths = encodedPaths;
    this.removedPaths = removedEncodedPaths;
    return this;
  }

  /** Commits on top of the base snapshot (retrying past non-conflicting winners); returns the new snapshot. */
  Snapshot commit() {
    long now = System.currentTimeMillis();
    List<Map<String, Object>> all = new ArrayList<>();
    DeltaAppTransaction txn = options.appTransaction();
    if (txn != null) {
      all.add(FileActions.txn(txn.appId(), txn.version(), txn.lastUpdated() == null ? now : txn.lastUpdated()));
    }
    all.addAll(actions);
    Map<String, Object> info = new LinkedHashMap<>(options.metadata());
    info.put("operation", operation);
    info.put("operationParameters", parameters);
    info.put("operationMetrics", metrics);
    info.put("isBlindAppend", false);
    info.put("engineInfo", WriteTransaction.ENGINE_INFO);
    info.put("txnId", UUID.randomUUID().toString());
    PendingCommit pending = new PendingCommit(info, all, txn == null ? null : txn.appId(), readsTable, readPaths,
        removedPaths);
    long version = new CommitLog(table.location()).commit(pending, base.getVersion(), options.effectiveMaxRetries());
    Snapshot after = table.load(DeltaVersionSpec.atVersion(version));
    if (options.effectiveCreateCheckpoint() && version % WriteTransaction.interval(after) == 0) {
      table.writeCheckpoint(after);
    }
    return after;
  }

  /** A metaData action carrying {@code metadata} as the log holds it. */
  static Map<String, Object> metadataAction(Metadata metadata) {
    Map<String, Object> action = new LinkedHashMap<>();
    action.put("id", metadata.getId());
    metadata.getName().ifPresent(name -> action.put("name", name));
    metadata.getDescription().ifPresent(description -> action.put("description", description));
    action.put("format", Map.of("provider", metadata.getFormat().getProvider(), "options",
        metadata.getFormat().getOptions()));
    action.put("schemaString", metadata.getSchemaString());
    action.put("partitionColumns", partitionColumns(metadata));
    action.put("configuration", metadata.getConfiguration());
    metadata.getCreatedTime().ifPresent(created -> action.put("createdTime", created));
    return Map.of("metaData", action);
  }

  private static List<String> partitionColumns(Metadata metadata) {
    List<String> columns = new ArrayList<>();
    io.delta.kernel.data.ColumnVector elements = metadata.getPartitionColumns().getElements();
    for (int i = 0; i < metadata.getPartitionColumns().getSize(); i++) {
      columns.add(elements.getString(i));
    }
    return columns;
  }

  /** A protocol action; feature lists only where the versions support them (reader 3, writer 7). */
  static Map<String, Object> protocolAction(Protocol protocol) {
    Map<String, Object> action = new LinkedHashMap<>();
    action.put("minReaderVersion", protocol.getMinReaderVersion());
    action.put("minWriterVersion", protocol.getMinWriterVersion());
    if (protocol.supportsReaderFeatures()) {
      action.put("readerFeatures", new TreeSet<>(protocol.getReaderFeatures()));
    }
    if (protocol.supportsWriterFeatures()) {
      action.put("writerFeatures", new TreeSet<>(protocol.getWriterFeatures()));
    }
    return Map.of("protocol", action);
  }
}
