package io.codeanatomy.delta;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.delta.internal.FileActions;
import io.codeanatomy.delta.internal.Json;
import io.codeanatomy.delta.internal.ScanFile;
import io.codeanatomy.delta.internal.ScanPlanner;
import io.codeanatomy.delta.internal.WriterFeatures;
import io.codeanatomy.engine.Session;
import io.delta.kernel.Snapshot;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.internal.TableConfig;
import io.delta.kernel.internal.actions.Metadata;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.internal.snapshot.MetadataCleanup;
import io.delta.kernel.internal.tablefeatures.TableFeature;
import io.delta.kernel.internal.tablefeatures.TableFeatures;
import io.delta.kernel.internal.util.Tuple2;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Table maintenance (§2.11-§2.17, §2.20, §4.8): optimize (bin-packing compaction or z-order),
 * vacuum, restore, table properties, table features and their enable/disable composites,
 * checkpoints and expired-log cleanup, and a {@link DeltaMaintenancePolicy} run in the reference
 * order. Every committing operation goes through the table's commit path with the reference's
 * commitInfo operation and metrics, and returns a {@link DeltaOperationReport} named like the
 * reference's ({@code optimize}, {@code vacuum}, …). An operation that would leave the table
 * needing a writer feature this module's writer cannot honour is refused before anything is
 * committed. Errors are {@link DeltaException}s naming table and version; the table is unchanged.
 */
public final class DeltaMaintenance {
  /** delta-rs's default optimize target when the table sets no {@code delta.targetFileSize}: 100 MiB. */
  public static final long DEFAULT_TARGET_SIZE = 100L * 1024 * 1024;
  /** Feature names add-features accepts: delta-rs's {@code TableFeatures::from_str} spellings (§2.15). */
  public static final Set<String> ADDABLE_FEATURES = Set.of("columnMapping", "deletionVectors", "timestampNtz",
      "v2Checkpoint", "appendOnly", "invariants", "checkConstraints", "changeDataFeed", "generatedColumns",
      "identityColumns", "rowTracking", "domainMetadata", "icebergCompatV1", "materializePartitionColumns");
  private static final long HOUR_MILLIS = 3_600_000L;
  /** commitInfo key naming the maintenance step of a policy run (the reference's commit metadata). */
  static final String STEP_METADATA_KEY = "codeanatomy.maintenanceStep";

  private final DeltaTable table;
  private final DeltaFeatureGate gate;
  private final LongSupplier clock;

  private DeltaMaintenance(DeltaTable table, DeltaFeatureGate gate, LongSupplier clock) {
    this.table = table;
    this.gate = gate;
    this.clock = clock;
  }

  /** Maintenance of an existing table; fails with {@link ErrorCode#DELTA_TABLE} when there is none. */
  public static DeltaMaintenance of(DeltaTable table) {
    return of(table, System::currentTimeMillis);
  }

  /** {@code clock}: "now" in epoch milliseconds, for retention decisions (tests move it forward). */
  static DeltaMaintenance of(DeltaTable table, LongSupplier clock) {
    Objects.requireNonNull(table, "table");
    if (!table.exists()) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "not a Delta table: " + table.uri() + " (no _delta_log)", null);
    }
    return new DeltaMaintenance(table, DeltaFeatureGate.NONE, clock);
  }

  /** The same maintenance, with every operation first checking {@code value} against the table (§1.3). */
  public DeltaMaintenance withGate(DeltaFeatureGate value) {
    return new DeltaMaintenance(table, Objects.requireNonNull(value, "gate"), clock);
  }

  public DeltaTable table() {
    return table;
  }

  // ---------------------------------------------------------------------------------------------
  // Optimize

  /** {@link #optimize(Session, DeltaOptimizeOptions)} in a session of its own. */
  public DeltaOperationReport optimize(DeltaOptimizeOptions options) {
    try (Session session = Session.open()) {
      return optimize(session, options);
    }
  }

  /**
   * Compacts the table (§2.11), reading and writing rows with the native engine. Without z-order
   * columns, per partition the files smaller than the target size (and files with deletion
   * vectors) are bin-packed: bins of two or more files, or a file whose deletion vector drops rows,
   * are rewritten into files of about the target size, each bin into files of its own, up to
   * {@link DeltaOptimizeOptions#effectiveMaxConcurrentTasks} bins at once (each in a private
   * session). With z-order columns, every partition holding more than one file (or a deletion
   * vector) is rewritten in {@code session}, sorted along a Z-order curve of those columns. Removes
   * and adds commit with {@code dataChange=false} in one commit; when nothing needs rewriting
   * nothing is committed, and when a bin fails nothing is committed and the files written are
   * deleted.
   */
  public DeltaOperationReport optimize(Session session, DeltaOptimizeOptions options) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(options, "options");
    return new Optimizer(table, start("Delta optimize failed", true)).run(session, options);
  }

  // ---------------------------------------------------------------------------------------------
  // Vacuum

  /**
   * Deletes data and deletion-vector files that removes in the log made unreferenced longer ago
   * than the retention (§2.12, delta-rs's "lite" mode: files the log never referenced are left
   * alone), except any file a retained version still references: a version is retained when the
   * table was at it at some moment within the retention, or it is the latest. With enforcement on,
   * a retention below the table's {@code delta.deletedFileRetentionDuration} is refused. A dry run
   * only lists the files. A real run commits VACUUM START, deletes, then commits VACUUM END.
   */
  public DeltaVacuumResult vacuum(DeltaVacuumOptions options) {
    Objects.requireNonNull(options, "options");
    Snapshot base = start("Delta vacuum failed", !options.dryRun());
    if (options.requireVacuumProtocolCheck() && !(base.getProtocol().supportsWriterFeatures()
        && base.getProtocol().getWriterFeatures().contains("vacuumProtocolCheck"))) {
      throw new DeltaException(ErrorCode.DELTA_UNSUPPORTED_FEATURE, "Delta vacuum failed: Delta table does not "
          + "advertise vacuumProtocolCheck writer feature. (table " + table.uri() + " at version "
          + base.getVersion() + ")", null);
    }
    long minimumMillis = TableConfig.TOMBSTONE_RETENTION.fromMetadata(base.getMetadata());
    long retentionMillis = options.explicitRetentionHours().isPresent()
        ? options.explicitRetentionHours().getAsLong() * HOUR_MILLIS : minimumMillis;
    if (options.enforceRetentionDuration() && retentionMillis < minimumMillis) {
      throw new DeltaException(ErrorCode.DELTA_VACUUM_RETENTION, "Delta vacuum failed: Invalid retention period, "
          + "minimum retention for vacuum is configured to be greater than " + minimumMillis / HOUR_MILLIS
          + " hours, got " + retentionMillis / HOUR_MILLIS + " hours (table " + table.uri() + " at version "
          + base.getVersion() + "; disable enforceRetentionDuration to vacuum sooner)", null);
    }
    VacuumPlan plan = VacuumPlan.of(table, base, clock.getAsLong() - retentionMillis);
    long retentionHours = retentionMillis / HOUR_MILLIS;
    Map<String, Object> metrics = new LinkedHashMap<>();
    if (options.dryRun() || plan.files().isEmpty()) {
      metrics.put("numFilesToDelete", plan.files().size());
      metrics.put("sizeOfDataToDelete", plan.totalSize());
      metrics.put("dryRun", options.dryRun());
      return new DeltaVacuumResult(plan.files(), options.dryRun(), retentionHours,
          new DeltaOperationReport("vacuum", base.getVersion(), false, table.info(base), metrics));
    }
    Map<String, Object> startMetrics = new LinkedHashMap<>();
    startMetrics.put("numFilesToDelete", plan.files().size());
    startMetrics.put("sizeOfDataToDelete", plan.totalSize());
    Snapshot started = new MaintenanceCommit(table, base, options.commitOptions(), "VACUUM START")
        .parameter("retentionCheckEnabled", options.enforceRetentionDuration())
        .parameter("specifiedRetentionMillis", retentionMillis)
        .parameter("defaultRetentionMillis", minimumMillis)
        .metrics(startMetrics)
        .commit();
    int deleted = plan.delete();
    metrics.put("numDeletedFiles", deleted);
    // Lite vacuum deletes files only; directories stay (a concurrent writer may be filling one).
    metrics.put("numVacuumedDirectories", 0);
    Snapshot ended = new MaintenanceCommit(table, started, options.commitOptions(), "VACUUM END")
        .parameter("status", "COMPLETED")
        .metrics(metrics)
        .commit();
    return new DeltaVacuumResult(plan.files(), false, retentionHours,
        new DeltaOperationReport("vacuum", ended.getVersion(), true, table.info(ended), metrics));
  }

  // ---------------------------------------------------------------------------------------------
  // Restore

  /**
   * Brings the table back to the snapshot {@code target} names (§2.13): files active now but not
   * then are removed, files active then but not now are added back (with their deletion vectors),
   * and the metadata of then is restored when it differs. Every file to add back must still exist;
   * a vacuumed one fails the restore. The target must be older than the latest version.
   */
  public DeltaOperationReport restore(DeltaVersionSpec target, DeltaCommitOptions commitOptions) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(commitOptions, "commitOptions");
    if (target.isLatest()) {
      throw new DeltaException(ErrorCode.DELTA_MAINTENANCE, "Delta restore failed: table " + table.uri()
          + ": give the version or timestamp to restore", null);
    }
    Snapshot base = start("Delta restore failed", true);
    Snapshot old = table.load(target);
    if (old.getVersion() >= base.getVersion()) {
      throw new DeltaException(ErrorCode.DELTA_MAINTENANCE, "Delta restore failed: Version to restore "
          + old.getVersion() + " should be less than last available version " + base.getVersion() + " (table "
          + table.uri() + ")", null);
    }
    Map<String, ScanFile> current = byIdentity(ScanPlanner.files(table.engine(), base, null));
    Map<String, ScanFile> wanted = byIdentity(ScanPlanner.files(table.engine(), old, null));
    List<ScanFile> removes = current.entrySet().stream().filter(e -> !wanted.containsKey(e.getKey()))
        .map(Map.Entry::getValue).toList();
    List<ScanFile> adds = wanted.entrySet().stream().filter(e -> !current.containsKey(e.getKey()))
        .map(Map.Entry::getValue).toList();
    if (!removes.isEmpty()) {
      // Removing data is what an append-only table forbids (delta.appendOnly=true).
      WriterFeatures.check(base, table.uri(), true);
    }
    List<String> missing = new ArrayList<>();
    for (ScanFile file : adds) {
      if (!VacuumPlan.referencedFiles(table, file).stream().allMatch(java.nio.file.Files::isRegularFile)) {
        missing.add(file.path());
      }
    }
    if (!missing.isEmpty()) {
      throw new DeltaException(ErrorCode.DELTA_MAINTENANCE, "Delta restore failed: table " + table.uri()
          + " cannot be restored to version " + old.getVersion() + ": files it needs were vacuumed: " + missing,
          null);
    }
    Metadata oldMetadata = old.getMetadata();
    boolean metadataChanges = !oldMetadata.getSchemaString().equals(base.getMetadata().getSchemaString())
        || !old.getPartitionColumnNames().equals(base.getPartitionColumnNames())
        || !oldMetadata.getConfiguration().equals(base.getMetadata().getConfiguration());
    if (metadataChanges) {
      refuseUnwritable("Delta restore failed", base, base.getProtocol(), oldMetadata);
    }
    long now = System.currentTimeMillis();
    MaintenanceCommit commit = new MaintenanceCommit(table, base, commitOptions, "RESTORE");
    if (target.version() != null) {
      commit.parameter("version", target.version());
    } else {
      commit.parameter("timestamp", target.timestamp());
    }
    if (metadataChanges) {
      commit.action(MaintenanceCommit.metadataAction(oldMetadata));
    }
    Set<String> removedPaths = new LinkedHashSet<>();
    for (ScanFile file : removes) {
      commit.action(FileActions.remove(file, now, true));
      removedPaths.add(file.encodedPath());
    }
    for (ScanFile file : adds) {
      commit.action(FileActions.add(file, now, true));
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("numRemovedFile", removes.size());
    metrics.put("numRestoredFile", adds.size());
    Set<String> read = new LinkedHashSet<>();
    current.values().forEach(file -> read.add(file.encodedPath()));
    Snapshot after = commit.metrics(metrics).reads(read, removedPaths).commit();
    return new DeltaOperationReport("restore", after.getVersion(), true, table.info(after), metrics);
  }

  public DeltaOperationReport restore(DeltaVersionSpec target) {
    return restore(target, DeltaCommitOptions.DEFAULT);
  }

  /** A file's identity in a snapshot: its path and deletion vector (the same file with another vector differs). */
  private static Map<String, ScanFile> byIdentity(List<ScanFile> files) {
    Map<String, ScanFile> map = new LinkedHashMap<>();
    for (ScanFile file : files) {
      map.put(file.path() + "|" + (file.deletionVector() == null ? "" : file.deletionVector().getUniqueId()), file);
    }
    return map;
  }

  // ---------------------------------------------------------------------------------------------
  // Properties and features

  /**
   * Merges {@code properties} into the table configuration (§2.14). Known {@code delta.*} keys are
   * validated by Delta Kernel; a property that enables a table feature (change data feed, deletion
   * vectors, …) also upgrades the protocol. Refused when the result would need a writer feature
   * this module's writer cannot honour (row tracking, in-commit timestamps, column mapping in use,
   * v2 checkpoints).
   */
  public DeltaOperationReport setProperties(Map<String, String> properties, DeltaCommitOptions commitOptions) {
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(commitOptions, "commitOptions");
    String failure = "Delta set-properties failed";
    requireSome(properties.isEmpty(), failure, "Delta property update requires at least one key/value pair.");
    Snapshot base = start(failure, true);
    Map<String, String> normalized;
    Metadata metadata;
    Protocol protocol;
    try {
      normalized = TableConfig.validateAndNormalizeDeltaProperties(new TreeMap<>(properties));
      metadata = base.getMetadata().withMergedConfiguration(normalized);
      protocol = TableFeatures.autoUpgradeProtocolBasedOnMetadata(metadata, List.of(), base.getProtocol())
          .map(upgrade -> upgrade._1).orElse(base.getProtocol());
    } catch (KernelException | IllegalArgumentException e) {
      throw new DeltaException(ErrorCode.DELTA_MAINTENANCE, failure + ": table " + table.uri() + " at version "
          + base.getVersion() + ": " + e.getMessage(), e);
    }
    refuseUnwritable(failure, base, protocol, metadata);
    MaintenanceCommit commit = new MaintenanceCommit(table, base, commitOptions, "SET TBLPROPERTIES")
        .parameter("properties", Json.write(new TreeMap<>(normalized)));
    if (!protocol.equals(base.getProtocol())) {
      commit.action(MaintenanceCommit.protocolAction(protocol));
    }
    Snapshot after = commit.action(MaintenanceCommit.metadataAction(metadata)).commit();
    return new DeltaOperationReport("set_properties", after.getVersion(), true, table.info(after), Map.of());
  }

  public DeltaOperationReport setProperties(Map<String, String> properties) {
    return setProperties(properties, DeltaCommitOptions.DEFAULT);
  }

  /** Removes {@code keys} from the table configuration; every key must be set (like UNSET TBLPROPERTIES). */
  public DeltaOperationReport unsetProperties(Collection<String> keys, DeltaCommitOptions commitOptions) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(commitOptions, "commitOptions");
    String failure = "Delta unset-properties failed";
    requireSome(keys.isEmpty(), failure, "Delta property removal requires at least one key.");
    Snapshot base = start(failure, true);
    Set<String> absent = new TreeSet<>(keys);
    absent.removeAll(base.getMetadata().getConfiguration().keySet());
    if (!absent.isEmpty()) {
      throw new DeltaException(ErrorCode.DELTA_MAINTENANCE, failure + ": table " + table.uri() + " at version "
          + base.getVersion() + " has no properties " + absent, null);
    }
    Metadata metadata = base.getMetadata().withConfigurationKeysUnset(new TreeSet<>(keys));
    Snapshot after = new MaintenanceCommit(table, base, commitOptions, "UNSET TBLPROPERTIES")
        .parameter("properties", Json.write(new TreeSet<>(keys)))
        .action(MaintenanceCommit.metadataAction(metadata))
        .commit();
    return new DeltaOperationReport("unset_properties", after.getVersion(), true, table.info(after), Map.of());
  }

  /**
   * Adds table features to the protocol (§2.15), by their protocol names ({@link
   * #ADDABLE_FEATURES}). A legacy protocol is upgraded to table features (reader 3 / writer 7 as
   * needed) only when {@code allowProtocolVersionsIncrease}. Features this module's writer cannot
   * honour are refused ({@code rowTracking}, {@code v2Checkpoint}, {@code icebergCompatV1}, {@code
   * materializePartitionColumns}); features it honours while unused ({@code columnMapping} with mode
   * none, {@code checkConstraints} without constraints, …) are accepted. When the protocol already
   * has them all nothing is committed.
   */
  public DeltaOperationReport addFeatures(List<String> features, boolean allowProtocolVersionsIncrease,
      DeltaCommitOptions commitOptions) {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(commitOptions, "commitOptions");
    String failure = "Delta add-features failed";
    requireSome(features.isEmpty(), failure, "Delta add-features requires at least one feature name.");
    List<TableFeature> kernelFeatures = new ArrayList<>();
    for (String name : features) {
      if (!ADDABLE_FEATURES.contains(name)) {
        throw new DeltaException(ErrorCode.DELTA_MAINTENANCE, failure + ": Invalid Delta table feature \"" + name
            + "\" (table " + table.uri() + "; accepted: " + new TreeSet<>(ADDABLE_FEATURES) + ")", null);
      }
      kernelFeatures.add(kernelFeature(failure, name));
    }
    Snapshot base = start(failure, true);
    Protocol current = base.getProtocol();
    Protocol protocol = withFeatures(current, kernelFeatures);
    if (protocol.equals(current)) {
      return new DeltaOperationReport("add_feature", base.getVersion(), false, table.info(base), Map.of());
    }
    if (!allowProtocolVersionsIncrease && (protocol.getMinReaderVersion() > current.getMinReaderVersion()
        || protocol.getMinWriterVersion() > current.getMinWriterVersion())) {
      throw new DeltaException(ErrorCode.DELTA_MAINTENANCE, failure + ": Table feature enables " + features
          + " which require protocol (" + protocol.getMinReaderVersion() + ", " + protocol.getMinWriterVersion()
          + ") but table " + table.uri() + " at version " + base.getVersion() + " is at (" + current.getMinReaderVersion()
          + ", " + current.getMinWriterVersion() + ") and protocol version increases are not allowed", null);
    }
    refuseUnwritable(failure, base, protocol, base.getMetadata());
    Snapshot after = new MaintenanceCommit(table, base, commitOptions, "ADD FEATURE")
        .parameter("name", Json.write(features))
        .parameter("allowProtocolVersionsIncrease", allowProtocolVersionsIncrease)
        .action(MaintenanceCommit.protocolAction(protocol))
        .commit();
    return new DeltaOperationReport("add_feature", after.getVersion(), true, table.info(after), Map.of());
  }

  public DeltaOperationReport addFeatures(String... features) {
    return addFeatures(List.of(features), true, DeltaCommitOptions.DEFAULT);
  }

  /**
   * {@code current} with {@code features} added: at least the versions they all need (a legacy
   * protocol becoming a table-features one keeps its implied features), then normalized back to
   * legacy versions where those express the same features.
   */
  private static Protocol withFeatures(Protocol current, List<TableFeature> features) {
    Set<TableFeature> all = new LinkedHashSet<>(current.getImplicitlyAndExplicitlySupportedFeatures());
    all.addAll(features);
    Tuple2<Integer, Integer> required = TableFeatures.minimumRequiredVersions(all);
    return new Protocol(Math.max(current.getMinReaderVersion(), required._1),
        Math.max(current.getMinWriterVersion(), required._2)).withFeatures(all).normalized();
  }

  private TableFeature kernelFeature(String failure, String name) {
    try {
      return TableFeatures.getTableFeature(name);
    } catch (KernelException | IllegalArgumentException e) {
      throw new DeltaException(ErrorCode.DELTA_UNSUPPORTED_FEATURE, failure + ": table feature \"" + name
          + "\" is unknown to Delta Kernel (table " + table.uri() + ")", e);
    }
  }

  /**
   * The composite enable of §2.20: the feature's properties (one commit), then its protocol feature
   * (another, skipped when the properties already added it). Refused, with nothing committed, for
   * features this module's writer cannot honour: row tracking, in-commit timestamps, column mapping
   * and v2 checkpoints.
   */
  public DeltaFeatureChange enable(DeltaTableFeature feature, DeltaCommitOptions commitOptions) {
    Objects.requireNonNull(feature, "feature");
    FeatureSwitch spec = FeatureSwitch.of(feature);
    if (!spec.writable()) {
      Snapshot base = start("Delta enable " + feature.wireValue() + " failed", false);
      throw new DeltaException(ErrorCode.DELTA_UNSUPPORTED_FEATURE, "Delta enable " + feature.wireValue()
          + " failed: table " + table.uri() + " at version " + base.getVersion() + ": " + spec.refusal(), null);
    }
    DeltaOperationReport properties = setProperties(spec.enableProperties(), commitOptions);
    DeltaOperationReport features = addFeatures(List.of(spec.protocolFeature()), true, commitOptions);
    return new DeltaFeatureChange(properties, features);
  }

  public DeltaFeatureChange enable(DeltaTableFeature feature) {
    return enable(feature, DeltaCommitOptions.DEFAULT);
  }

  /**
   * The composite disable of §2.20: the feature's enabling property set to false (the protocol
   * keeps the feature). Column mapping and v2 checkpoints cannot be disabled safely once enabled.
   */
  public DeltaFeatureChange disable(DeltaTableFeature feature, DeltaCommitOptions commitOptions) {
    Objects.requireNonNull(feature, "feature");
    FeatureSwitch spec = FeatureSwitch.of(feature);
    if (spec.disableProperty() == null) {
      throw new DeltaException(ErrorCode.DELTA_MAINTENANCE, spec.disableRefusal() + " (table " + table.uri() + ")",
          null);
    }
    return new DeltaFeatureChange(setProperties(Map.of(spec.disableProperty(), "false"), commitOptions), null);
  }

  public DeltaFeatureChange disable(DeltaTableFeature feature) {
    return disable(feature, DeltaCommitOptions.DEFAULT);
  }

  private void requireSome(boolean empty, String failure, String message) {
    if (empty) {
      throw new DeltaException(ErrorCode.DELTA_MAINTENANCE, failure + ": " + message + " (table " + table.uri() + ")",
          null);
    }
  }

  /** Refuses a protocol and metadata this module's writer could not write afterwards. */
  private void refuseUnwritable(String failure, Snapshot base, Protocol protocol, Metadata metadata) {
    Set<String> refused = WriterFeatures.refused(protocol, metadata.getConfiguration(), metadata.getSchema());
    if (!refused.isEmpty()) {
      throw new DeltaException(ErrorCode.DELTA_UNSUPPORTED_FEATURE, failure + ": table " + table.uri()
          + " at version " + base.getVersion() + " would need writer features this writer does not support: "
          + refused + " (supported: " + new TreeSet<>(WriterFeatures.SUPPORTED) + "); the table is unchanged", null);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Checkpoint and log cleanup

  /**
   * Writes a classic checkpoint of the version {@code at} names (§2.17, the reference checkpoints the
   * loaded version); metrics {@code {"checkpoint": "created"}}.
   */
  public DeltaOperationReport createCheckpoint(DeltaVersionSpec at) {
    Objects.requireNonNull(at, "at");
    Snapshot snapshot = table.load(at);
    DeltaSnapshotInfo info = table.info(snapshot);
    if (!gate.isEmpty()) {
      gate.check(info);
    }
    table.writeCheckpoint(snapshot);
    return new DeltaOperationReport("create_checkpoint", snapshot.getVersion(), false, info,
        Map.of("checkpoint", "created"));
  }

  public DeltaOperationReport createCheckpoint() {
    return createCheckpoint(DeltaVersionSpec.latest());
  }

  /**
   * Deletes expired log files (§2.17) with Delta Kernel's metadata cleanup: commits and checkpoints
   * older than {@code delta.logRetentionDuration} (default 30 days) that a later checkpoint makes
   * unnecessary, so every version within the retention stays readable. Metrics {@code {"deleted_logs": n}}.
   */
  public DeltaOperationReport cleanupMetadata() {
    Snapshot base = start("Delta metadata cleanup failed", false);
    if (base.getProtocol().supportsWriterFeatures()
        && base.getProtocol().getWriterFeatures().contains("checkpointProtection")) {
      // The feature bounds which commits and checkpoints may be cleaned; Kernel's cleanup does not honour it.
      throw new DeltaException(ErrorCode.DELTA_UNSUPPORTED_FEATURE, "Delta metadata cleanup failed: table "
          + table.uri() + " at version " + base.getVersion() + " has the checkpointProtection writer feature, "
          + "which this log cleanup does not honour; the log is left as it is", null);
    }
    long retention = TableConfig.LOG_RETENTION.fromMetadata(base.getMetadata());
    long deleted;
    try {
      deleted = MetadataCleanup.cleanupExpiredLogs(table.engine(), clock::getAsLong,
          new io.delta.kernel.internal.fs.Path(table.location().kernelPath()), retention);
    } catch (IOException | KernelException e) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta metadata cleanup failed: table " + table.uri()
          + " at version " + base.getVersion() + ": " + e.getMessage(), e);
    }
    return new DeltaOperationReport("cleanup_metadata", base.getVersion(), false, table.info(base),
        Map.of("deleted_logs", deleted));
  }

  // ---------------------------------------------------------------------------------------------
  // Policy

  /**
   * Runs {@code policy} in the reference order (§4.8): enable deletion vectors, enable v2
   * checkpoints, optimize (z-order columns unless {@code zOrderWhen} is never), vacuum, checkpoint,
   * expired-log cleanup. Each committing step carries commit metadata {@value #STEP_METADATA_KEY}
   * naming the step. Steps that cannot run (v2 checkpoints this writer cannot honour, a vacuum
   * retention under 168 hours with enforcement on) are refused before the first step runs.
   * Returns the reports in order; empty when the policy has nothing to do.
   */
  public List<DeltaOperationReport> run(Session session, DeltaMaintenancePolicy policy) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(policy, "policy");
    if (policy.vacuumOnWrite() && policy.enforceRetentionDuration() && (policy.vacuumRetentionHours() == null
        || policy.vacuumRetentionHours() < DeltaMaintenancePolicy.MIN_ENFORCED_RETENTION_HOURS)) {
      throw new DeltaException(ErrorCode.DELTA_VACUUM_RETENTION, "Delta vacuum retention_hours must be at least "
          + DeltaMaintenancePolicy.MIN_ENFORCED_RETENTION_HOURS + " when enforcement is enabled. (table "
          + table.uri() + ", got " + policy.vacuumRetentionHours() + ")", null);
    }
    if (policy.enableV2Checkpoints()) {
      FeatureSwitch v2 = FeatureSwitch.of(DeltaTableFeature.V2_CHECKPOINTS);
      throw new DeltaException(ErrorCode.DELTA_UNSUPPORTED_FEATURE, "Delta maintenance policy for table "
          + table.uri() + " enables v2 checkpoints: " + v2.refusal(), null);
    }
    List<DeltaOperationReport> reports = new ArrayList<>();
    if (policy.enableDeletionVectors()) {
      reports.addAll(enable(DeltaTableFeature.DELETION_VECTORS, step("enable_deletion_vectors")).reports());
    }
    if (policy.optimizeOnWrite()) {
      DeltaOptimizeOptions.Builder optimize = DeltaOptimizeOptions.builder()
          .zOrderBy(policy.effectiveZOrderColumns())
          .commitOptions(step("optimize"));
      if (policy.optimizeTargetSize() != null) {
        optimize.targetSize(policy.optimizeTargetSize());
      }
      reports.add(optimize(session, optimize.build()));
    }
    if (policy.vacuumOnWrite()) {
      reports.add(vacuum(DeltaVacuumOptions.builder()
          .retentionHours(policy.vacuumRetentionHours())
          .dryRun(policy.vacuumDryRun())
          .enforceRetentionDuration(policy.enforceRetentionDuration())
          .commitOptions(step("vacuum"))
          .build()).report());
    }
    if (policy.checkpointOnWrite()) {
      reports.add(createCheckpoint());
    }
    if (policy.enableLogCompaction()) {
      reports.add(cleanupMetadata());
    }
    return reports;
  }

  private static DeltaCommitOptions step(String name) {
    return DeltaCommitOptions.DEFAULT.withMetadata(Map.of(STEP_METADATA_KEY, name));
  }

  /** The latest snapshot, after the gate and (for operations that commit) the writer-feature check. */
  private Snapshot start(String failure, boolean commits) {
    Snapshot base = table.load(DeltaVersionSpec.latest());
    if (!gate.isEmpty()) {
      gate.check(table.info(base));
    }
    if (commits) {
      try {
        WriterFeatures.check(base, table.uri(), false);
      } catch (DeltaException e) {
        throw new DeltaException(e.errorCode(), failure + ": " + e.getMessage(), e);
      }
    }
    return base;
  }
}
