package io.codeanatomy.delta;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.storage.StorageOptions;
import io.codeanatomy.delta.internal.Checkpoints;
import io.codeanatomy.delta.internal.CommitLog;
import io.codeanatomy.delta.internal.DataWriter;
import io.codeanatomy.delta.internal.KernelEngines;
import io.codeanatomy.delta.internal.ScanFile;
import io.codeanatomy.delta.internal.ScanPlanner;
import io.codeanatomy.delta.internal.TableLocation;
import io.codeanatomy.delta.internal.VersionCache;
import io.codeanatomy.delta.internal.VersionState;
import io.codeanatomy.delta.internal.WriterFeatures;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import io.delta.kernel.CommitActions;
import io.delta.kernel.Snapshot;
import io.delta.kernel.SnapshotBuilder;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.CheckpointAlreadyExistsException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.exceptions.UnsupportedProtocolVersionException;
import io.delta.kernel.exceptions.UnsupportedTableFeatureException;
import io.delta.kernel.internal.DeltaLogActionUtils;
import io.delta.kernel.internal.DeltaLogActionUtils.DeltaAction;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.actions.Metadata;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.internal.snapshot.LogSegment;
import io.delta.kernel.internal.snapshot.SnapshotManager;
import io.delta.kernel.internal.util.FileNames;
import io.delta.kernel.internal.util.Tuple2;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A Delta table at a location, with its merged storage options (§1.1). Reads go through Delta
 * Kernel (snapshots, log replay, checkpoints, scan planning); data files are written by the native
 * engine and every write commits through this module's optimistic commit path. Thread-safe:
 * instances hold no snapshot state; every call lists the log for the version it needs, and what
 * was derived from a version before (protocol, metadata, active files) is shared process-wide
 * through {@link VersionCache}.
 */
public final class DeltaTable {
  private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

  private final TableLocation location;
  private final Map<String, String> storageOptions;
  private final Engine engine;

  private DeltaTable(TableLocation location, Map<String, String> storageOptions) {
    this.location = location;
    this.storageOptions = storageOptions;
    this.engine = KernelEngines.create(storageOptions);
  }

  /** An existing table; fails with {@link ErrorCode#DELTA_TABLE} when there is no Delta log at the path. */
  public static DeltaTable open(String path, StorageOptions options) {
    DeltaTable table = forPath(path, options);
    if (!table.exists()) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "not a Delta table: " + path + " (no _delta_log)", null);
    }
    return table;
  }

  public static DeltaTable open(String path) {
    return open(path, StorageOptions.empty());
  }

  /** A table that may not exist yet (a write creates it). Nothing is created on disk by this call. */
  public static DeltaTable forPath(String path, StorageOptions options) {
    Objects.requireNonNull(options, "options");
    return new DeltaTable(TableLocation.parse(path), options.merged().orElse(Map.of()));
  }

  public static DeltaTable forPath(String path) {
    return forPath(path, StorageOptions.empty());
  }

  /**
   * A table that may not exist yet, with the store policy's options overlaid by {@code explicit}
   * ({@link DeltaStorePolicy#resolve}); a remote URI fails when the policy requires local paths.
   */
  public static DeltaTable forPath(String path, DeltaStorePolicy policy, StorageOptions explicit) {
    Objects.requireNonNull(policy, "policy");
    return forPath(path, policy.resolve(path, explicit));
  }

  /** The caller's path or URI, as given. */
  public String uri() {
    return location.uri();
  }

  public Path directory() {
    return location.directory();
  }

  public Map<String, String> storageOptions() {
    return storageOptions;
  }

  public boolean exists() {
    try (Stream<Path> files = Files.list(location.logDirectory())) {
      return files.anyMatch(f -> COMMIT_FILE.matcher(f.getFileName().toString()).matches());
    } catch (IOException e) {
      return false;
    }
  }

  Engine engine() {
    return engine;
  }

  TableLocation location() {
    return location;
  }

  /** Loads a snapshot with typed errors naming the table and the requested version or timestamp. */
  Snapshot load(DeltaVersionSpec spec) {
    return loadVersion(spec).snapshot();
  }

  /** A snapshot and what this process derived from its version before ({@link VersionCache}). */
  record LoadedVersion(Snapshot snapshot, VersionState state) {}

  /**
   * {@link #load} through the {@link VersionCache}: Kernel lists the log (so the latest version is
   * always seen), and a version listed with the same log files as before reuses its protocol and
   * metadata instead of replaying the log for them; a version that only adds commits to a cached
   * one reads just those commits for them.
   */
  LoadedVersion loadVersion(DeltaVersionSpec spec) {
    try {
      String path = Utils.resolvePath(engine, location.kernelPath());
      if (spec.timestamp() != null) {
        long millis = parseTimestamp(spec.timestamp());
        Snapshot latest = loadVersion(DeltaVersionSpec.latest()).snapshot();
        return remember(path, TableManager.loadSnapshot(path).atTimestamp(millis, latest).build(engine));
      }
      LogSegment segment = new SnapshotManager(new io.delta.kernel.internal.fs.Path(path))
          .getLogSegmentForVersion(engine, java.util.Optional.ofNullable(spec.version()));
      VersionCache.Key key = VersionCache.Key.of(path, storageOptions, segment);
      SnapshotBuilder builder = TableManager.loadSnapshot(path).atVersion(segment.getVersion());
      java.util.Optional<VersionState> cached = VersionCache.get(key);
      if (cached.isPresent()) {
        VersionState state = cached.get();
        return new LoadedVersion(builder.withProtocolAndMetadata(state.protocol(), state.metadata()).build(engine),
            state);
      }
      java.util.Optional<Map.Entry<VersionCache.Key, VersionState>> predecessor = VersionCache.predecessor(key);
      if (predecessor.isPresent()) {
        long since = predecessor.get().getKey().version();
        List<FileStatus> newer = segment.getDeltas().stream()
            .filter(delta -> FileNames.deltaVersion(delta.getPath()) > since).toList();
        Tuple2<Protocol, Metadata> current = protocolAndMetadataAfter(path, predecessor.get().getValue(), newer);
        return new LoadedVersion(builder.withProtocolAndMetadata(current._1, current._2).build(engine),
            VersionCache.put(key, current._1, current._2));
      }
      return remember(path, builder.build(engine));
    } catch (TableNotFoundException e) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "not a Delta table: " + uri() + " (" + e.getMessage() + ")", e);
    } catch (UnsupportedTableFeatureException | UnsupportedProtocolVersionException e) {
      throw new DeltaException(ErrorCode.DELTA_UNSUPPORTED_FEATURE, "Delta table " + uri() + " at "
          + spec.describe() + " cannot be read: " + e.getMessage(), e);
    } catch (KernelException e) {
      throw classify(e, spec);
    } catch (UncheckedIOException | io.delta.kernel.exceptions.KernelEngineException e) {
      throw new DeltaException(ErrorCode.DELTA_CORRUPT_LOG, "Delta table " + uri() + " at " + spec.describe()
          + ": cannot read the log: " + e.getMessage(), e);
    }
  }

  /**
   * The protocol and metadata after {@code commits} (the commits following {@code earlier}'s
   * version, in order), read through Kernel with its protocol check of each commit: a table
   * grown by a few commits since a cached version reads only those, not its whole log.
   */
  private Tuple2<Protocol, Metadata> protocolAndMetadataAfter(String path, VersionState earlier,
      List<FileStatus> commits) {
    Protocol protocol = earlier.protocol();
    Metadata metadata = earlier.metadata();
    try (CloseableIterator<CommitActions> actions = DeltaLogActionUtils.getActionsFromCommitFilesWithProtocolValidation(
        engine, path, commits, Set.of(DeltaAction.PROTOCOL, DeltaAction.METADATA))) {
      while (actions.hasNext()) {
        try (CommitActions commit = actions.next(); CloseableIterator<ColumnarBatch> batches = commit.getActions()) {
          while (batches.hasNext()) {
            ColumnarBatch batch = batches.next();
            ColumnVector protocols = batch.getColumnVector(batch.getSchema().indexOf(DeltaAction.PROTOCOL.colName));
            ColumnVector metadatas = batch.getColumnVector(batch.getSchema().indexOf(DeltaAction.METADATA.colName));
            for (int row = 0; row < batch.getSize(); row++) {
              if (!protocols.isNullAt(row)) {
                protocol = Protocol.fromColumnVector(protocols, row);
              }
              if (!metadatas.isNullAt(row)) {
                metadata = Metadata.fromColumnVector(metadatas, row);
              }
            }
          }
        }
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) { // reading or closing a commit's actions
      throw new UncheckedIOException(e instanceof IOException io ? io : new IOException(e));
    }
    return new Tuple2<>(protocol, metadata);
  }

  /**
   * Caches what Kernel loaded under the log files its snapshot was built from (a table rewritten
   * since the listing gives another key, so nothing stale is kept).
   */
  private LoadedVersion remember(String path, Snapshot snapshot) {
    SnapshotImpl loaded = (SnapshotImpl) snapshot;
    VersionCache.Key key = VersionCache.Key.of(path, storageOptions, loaded.getLogSegment());
    return new LoadedVersion(snapshot, VersionCache.put(key, loaded.getProtocol(), loaded.getMetadata()));
  }

  private DeltaException classify(KernelException e, DeltaVersionSpec spec) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String lower = message.toLowerCase(java.util.Locale.ROOT);
    boolean notFound = spec.version() != null || spec.timestamp() != null
        ? lower.contains("version") || lower.contains("timestamp") || lower.contains("commit") : false;
    if (notFound && !lower.contains("corrupt") && !lower.contains("missing")) {
      return new DeltaException(ErrorCode.DELTA_VERSION_NOT_FOUND, "Delta table " + uri() + " has no "
          + spec.describe() + ": " + message, e);
    }
    return new DeltaException(ErrorCode.DELTA_CORRUPT_LOG, "Delta table " + uri() + " at " + spec.describe()
        + ": invalid log: " + message, e);
  }

  long parseTimestamp(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new DeltaException(ErrorCode.DELTA_VERSION_NOT_FOUND, "Delta table " + uri() + ": timestamp '" + text
          + "' is not RFC 3339: " + e.getMessage(), e);
    }
  }

  public DeltaSnapshotInfo snapshotInfo() {
    return snapshotInfo(DeltaVersionSpec.latest());
  }

  public DeltaSnapshotInfo snapshotInfo(DeltaVersionSpec spec) {
    return info(load(spec));
  }

  DeltaSnapshotInfo info(Snapshot snapshot) {
    return info(snapshot, commitTimestamp(snapshot.getVersion()));
  }

  /** {@link #info(Snapshot)}, the commit timestamp read once per cached version. */
  DeltaSnapshotInfo info(LoadedVersion loaded) {
    long version = loaded.snapshot().getVersion();
    return info(loaded.snapshot(),
        loaded.state().commitTimestamp(() -> java.util.Optional.ofNullable(commitTimestamp(version))).orElse(null));
  }

  /** The version's active files, planned by Kernel once per cached version. */
  List<ScanFile> activeFiles(LoadedVersion loaded) {
    return loaded.state().activeFiles(() -> ScanPlanner.files(engine, loaded.snapshot(), null));
  }

  private DeltaSnapshotInfo info(Snapshot snapshot, Long timestamp) {
    Protocol protocol = snapshot.getProtocol();
    List<String> readerFeatures = protocol.supportsReaderFeatures()
        ? new ArrayList<>(protocol.getReaderFeatures()) : List.of();
    List<String> writerFeatures = protocol.supportsWriterFeatures()
        ? new ArrayList<>(protocol.getWriterFeatures()) : List.of();
    return new DeltaSnapshotInfo(uri(), snapshot.getVersion(), timestamp, protocol.getMinReaderVersion(),
        protocol.getMinWriterVersion(), readerFeatures, writerFeatures, snapshot.getMetadata().getConfiguration(),
        snapshot.getMetadata().getSchemaString(), snapshot.getPartitionColumnNames());
  }

  /** commitInfo.timestamp of a version (the reference's {@code snapshot_timestamp}); null when absent. */
  private Long commitTimestamp(long version) {
    return commitInfo(version).map(DeltaCommitInfo::timestamp).orElse(null);
  }

  java.util.Optional<DeltaCommitInfo> commitInfo(long version) {
    Path file = location.logDirectory().resolve(CommitLog.commitFileName(version));
    if (!Files.exists(file)) {
      return java.util.Optional.empty(); // compacted away behind a checkpoint
    }
    for (Map<String, Object> action : new CommitLog(location).readWinner(version)) {
      if (action.get("commitInfo") instanceof Map<?, ?> info) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) info;
        Long timestamp = fields.get("timestamp") instanceof Number n ? n.longValue() : null;
        String operation = fields.get("operation") instanceof String s ? s : null;
        return java.util.Optional.of(new DeltaCommitInfo(version, timestamp, operation, fields));
      }
    }
    return java.util.Optional.empty();
  }

  /** The newest {@code limit} commits, newest first (commits without commitInfo are left out). */
  public List<DeltaCommitInfo> history(int limit) {
    long latest = load(DeltaVersionSpec.latest()).getVersion();
    List<DeltaCommitInfo> history = new ArrayList<>();
    for (long version = latest; version >= 0 && history.size() < limit; version--) {
      commitInfo(version).ifPresent(history::add);
    }
    return history;
  }

  /** Active data files at the given snapshot (§2.4). */
  public List<DeltaAddAction> addActions(DeltaVersionSpec spec) {
    List<DeltaAddAction> actions = new ArrayList<>();
    for (ScanFile file : activeFiles(loadVersion(spec))) {
      actions.add(new DeltaAddAction(file.path(), file.size(), file.modificationTime(), file.partitionValues(),
          file.stats(), file.deletionVector() != null));
    }
    return actions;
  }

  /** Writes an Arrow stream (read to its end and closed); creates the table when it does not exist. */
  public DeltaOperationReport write(ArrowReader data, DeltaWriteOptions options) {
    Objects.requireNonNull(data, "data");
    return new WriteTransaction(this, options).run(DataWriter.of(data));
  }

  /** Executes the frame and writes its rows; creates the table when it does not exist. */
  public DeltaOperationReport write(DataFrame data, DeltaWriteOptions options) {
    Objects.requireNonNull(data, "data");
    return new WriteTransaction(this, options).run(DataWriter.of(data));
  }

  /**
   * Deletes the rows {@code predicate} matches (a SQL boolean over the table's columns, without
   * subqueries; null deletes every row), copy-on-write: only the files holding matching rows are
   * rewritten without them. The predicate runs in {@code session}, so its functions can be used.
   * An invalid predicate is a {@link DeltaException} naming the table and version, and nothing is
   * written. When no row matches nothing is committed ({@link DeltaOperationReport#committed()}
   * is false).
   */
  public DeltaOperationReport delete(Session session, String predicate, DeltaCommitOptions commitOptions) {
    Objects.requireNonNull(session, "session");
    return mutate(rowMutation(session, predicate, null, null), commitOptions);
  }

  public DeltaOperationReport delete(Session session, String predicate) {
    return delete(session, predicate, DeltaCommitOptions.DEFAULT);
  }

  /** {@link #delete(Session, String)} evaluated in a session of its own (built-in functions only). */
  public DeltaOperationReport delete(String predicate) {
    try (Session session = Session.open()) {
      return delete(session, predicate);
    }
  }

  /**
   * Sets {@code assignments} (column to SQL expression over the row's old values) on the rows
   * {@code predicate} matches (null: every row), copy-on-write like {@link #delete}. Each column
   * must be the table's, each expression free of subqueries and of a type the column takes
   * (numbers into numbers, text parsed into scalars, …); otherwise a {@link DeltaException} names
   * table, version and column, and nothing is written. No assignment at all is refused too.
   */
  public DeltaOperationReport update(Session session, String predicate, Map<String, String> assignments,
      DeltaCommitOptions commitOptions) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(assignments, "assignments");
    return mutate(rowMutation(session, predicate, new LinkedHashMap<>(assignments), null), commitOptions);
  }

  /**
   * SQL's DELETE ({@code assignments} null) or UPDATE on the table named {@code qualifier}, by
   * which predicate and assignments may qualify its columns ({@code t.id}).
   */
  DeltaOperationReport mutate(Session session, String qualifier, String predicate, Map<String, String> assignments) {
    return mutate(rowMutation(session, predicate, assignments == null ? null : new LinkedHashMap<>(assignments),
        qualifier), DeltaCommitOptions.DEFAULT);
  }

  public DeltaOperationReport update(Session session, String predicate, Map<String, String> assignments) {
    return update(session, predicate, assignments, DeltaCommitOptions.DEFAULT);
  }

  /** {@link #update(Session, String, Map)} evaluated in a session of its own (built-in functions only). */
  public DeltaOperationReport update(String predicate, Map<String, String> assignments) {
    try (Session session = Session.open()) {
      return update(session, predicate, assignments);
    }
  }

  private WriteTransaction.RowMutation rowMutation(Session session, String predicate, Map<String, String> assignments,
      String qualifier) {
    WriteTransaction.RowMutation mutation = new WriteTransaction.RowMutation(session, predicate, assignments,
        qualifier);
    if (predicate != null && predicate.isBlank()) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta " + mutation.operation() + " failed: table " + uri()
          + ": the predicate is blank (pass null to change every row)", null);
    }
    return mutation;
  }

  /**
   * Commits a row-level change (delete, update, merge) through the write path. When a concurrent
   * commit conflicts with it (it removed or rewrote files the change read), the change is planned
   * again on the new snapshot, up to the commit options' retries; then the conflict is thrown
   * ({@link ErrorCode#DELTA_COMMIT_CONFLICT}). A failed attempt leaves no files behind.
   */
  DeltaOperationReport mutate(WriteTransaction.Mutation mutation, DeltaCommitOptions commitOptions) {
    Objects.requireNonNull(commitOptions, "commitOptions");
    // The rewrite commits as an overwrite of exactly the affected files (removes + adds).
    DeltaWriteOptions options = DeltaWriteOptions.overwrite().commitOptions(commitOptions).build();
    for (int attempt = 0; ; attempt++) {
      try {
        return new WriteTransaction(this, options, mutation).mutate();
      } catch (DeltaException e) {
        if (e.errorCode() != ErrorCode.DELTA_COMMIT_CONFLICT || attempt >= commitOptions.effectiveMaxRetries()) {
          throw e;
        }
      }
    }
  }

  /**
   * Creates the table with {@code schema} and no rows (version 0): partition columns, table
   * properties and commit options come from {@code options}. Fails with {@link
   * ErrorCode#DELTA_TABLE} when a Delta table already exists at the location.
   */
  public DeltaOperationReport create(Schema schema, DeltaWriteOptions options) {
    Objects.requireNonNull(schema, "schema");
    if (exists()) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "cannot create Delta table " + uri()
          + ": a Delta table already exists there (version " + load(DeltaVersionSpec.latest()).getVersion() + ")",
          null);
    }
    return new WriteTransaction(this, options).run(DataWriter.empty(schema));
  }

  /**
   * {@code snapshot} as Kernel's latest snapshot when it still is the latest version: Kernel cleans
   * up expired log files only when it checkpoints a snapshot built as the latest, and snapshots
   * loaded at a version (every one the {@link VersionCache} serves) are not.
   */
  private Snapshot asLatest(Snapshot snapshot) {
    if (((SnapshotImpl) snapshot).wasBuiltAsLatest()) {
      return snapshot;
    }
    Snapshot latest = TableManager.loadSnapshot(Utils.resolvePath(engine, location.kernelPath())).build(engine);
    return latest.getVersion() == snapshot.getVersion() ? latest : snapshot;
  }

  /** Writes a classic checkpoint for the latest version. */
  public DeltaOperationReport checkpoint() {
    Snapshot snapshot = load(DeltaVersionSpec.latest());
    writeCheckpoint(snapshot);
    return new DeltaOperationReport("create_checkpoint", snapshot.getVersion(), false, info(snapshot),
        Map.of("checkpoint", "created"));
  }

  void writeCheckpoint(Snapshot loaded) {
    try {
      Snapshot snapshot = asLatest(loaded);
      if (DeltaConstraints.of(snapshot.getMetadata().getConfiguration()).isEmpty()) {
        snapshot.writeCheckpoint(engine);
      } else { // Kernel's writer gate refuses CHECK constraints, which this module enforces itself
        WriterFeatures.check(snapshot, uri(), false);
        Checkpoints.writeWithoutKernelWriterGate(engine, snapshot);
      }
    } catch (CheckpointAlreadyExistsException e) {
      // Another writer checkpointed the same version; the table is in the state asked for.
    } catch (IOException | KernelException e) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta checkpoint failed: table " + uri() + " at version "
          + loaded.getVersion() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "DeltaTable{" + uri() + ", storageOptions=" + StorageOptions.redacted(storageOptions) + "}";
  }
}
