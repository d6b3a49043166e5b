package io.codeanatomy.delta;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.core.error.PlanningException;
import io.codeanatomy.core.error.ValidationException;
import io.codeanatomy.delta.internal.CommitLog;
import io.codeanatomy.delta.internal.Json;
import io.codeanatomy.delta.internal.PendingCommit;
import io.codeanatomy.delta.internal.ScanFile;
import io.codeanatomy.delta.internal.ScanPlanner;
import io.codeanatomy.delta.internal.WriterFeatures;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import io.codeanatomy.validation.ConstraintSpec;
import io.codeanatomy.validation.ConstraintValidationOptions;
import io.codeanatomy.validation.ConstraintValidationReport;
import io.codeanatomy.validation.ConstraintValidator;
import io.codeanatomy.validation.TableConstraints;
import io.delta.kernel.Snapshot;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * CHECK constraints of Delta tables, stored as Delta Spark and delta-rs store them: table property
 * {@code delta.constraints.<name>} holding a SQL boolean expression over the table's columns, with
 * the {@code checkConstraints} writer feature (legacy writer version 3, or the named feature on
 * table-features protocols).
 *
 * <ul>
 *   <li>{@link #add} validates the existing rows first (§2.16); {@link #apply} adds plain
 *       expressions under reference names {@code ck_<sha256[:10]>} (§4.6); {@link #drop} removes
 *       them, one commit per name.
 *   <li>Every write, overwrite, update and merge enforces them on the rows it commits; a violating
 *       one fails with a {@link DeltaConstraintViolationException} and the table is unchanged.
 *   <li>{@link #check} is the standalone data checker (§2.6): it reports, without writing.
 * </ul>
 *
 * Expressions run in the engine through the validation module's {@link ConstraintValidator}; NULL
 * passes a CHECK, as in SQL. An expression that is not one boolean SQL expression over the table's
 * columns (no subquery) is a {@link DeltaException} ({@link ErrorCode#DELTA_CONSTRAINT}) and
 * nothing is written.
 */
public final class DeltaConstraints {
  /** Table properties with this prefix hold the CHECK constraints, keyed by name. */
  public static final String PROPERTY_PREFIX = "delta.constraints.";
  static final String FEATURE = "checkConstraints";
  /** The legacy writer version that introduced CHECK constraints. */
  private static final int LEGACY_WRITER_VERSION = 3;
  private static final int TABLE_FEATURES_WRITER_VERSION = 7;
  private static final int TABLE_FEATURES_READER_VERSION = 3;
  private static final String ENGINE_INFO = "codeanatomy-engine-java";
  private static final ConstraintValidationOptions REPORT_OPTIONS = ConstraintValidationOptions.DEFAULT;

  private DeltaConstraints() {}

  /** The CHECK constraints of the latest version, name to expression, sorted by name. */
  public static Map<String, String> list(DeltaTable table) {
    return list(table, DeltaVersionSpec.latest());
  }

  public static Map<String, String> list(DeltaTable table, DeltaVersionSpec version) {
    return of(table.load(version).getMetadata().getConfiguration());
  }

  /** The CHECK constraints among table properties, name to expression, sorted by name. */
  static Map<String, String> of(Map<String, String> properties) {
    Map<String, String> constraints = new TreeMap<>();
    properties.forEach((key, value) -> {
      if (key.startsWith(PROPERTY_PREFIX)) {
        constraints.put(key.substring(PROPERTY_PREFIX.length()), value);
      }
    });
    return constraints;
  }

  /** §4.6's name for an unnamed expression: {@code ck_} and the first 10 hex digits of its SHA-256. */
  public static String referenceName(String expression) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(expression.strip().getBytes(StandardCharsets.UTF_8));
      return "ck_" + HexFormat.of().formatHex(digest).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  public static DeltaOperationReport add(DeltaTable table, String name, String expression) {
    return add(table, Map.of(name, expression), DeltaCommitOptions.DEFAULT);
  }

  /**
   * Adds CHECK constraints (name to expression) in one commit, after checking that every existing
   * row satisfies them (a {@link DeltaConstraintViolationException} otherwise). Names are stored
   * as given (trimmed, without dots) and compared ignoring case, as in SQL. A name the table
   * already has is skipped when its expression is the same (as the engine parses it) and refused
   * otherwise. Nothing is committed when every constraint is present ({@code committed} false).
   */
  public static DeltaOperationReport add(DeltaTable table, Map<String, String> constraints,
      DeltaCommitOptions commitOptions) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(constraints, "constraints");
    Objects.requireNonNull(commitOptions, "commitOptions");
    String failed = "Delta add-constraints failed: ";
    if (constraints.isEmpty()) {
      throw new DeltaException(ErrorCode.DELTA_CONSTRAINT, failed + "Delta add-constraints requires at least one "
          + "constraint.", null);
    }
    Snapshot base = table.load(DeltaVersionSpec.latest());
    WriterFeatures.check(base, table.uri(), false);
    String where = where(table, base);
    Map<String, String> requested = new LinkedHashMap<>();
    constraints.forEach((name, expression) -> {
      String key = constraintName(failed, where, name);
      if (expression == null || expression.isBlank()) {
        throw new DeltaException(ErrorCode.DELTA_CONSTRAINT, failed + "constraint '" + key + "' of " + where
            + " has an empty expression", null);
      }
      if (stored(requested, key) != null || requested.put(key, expression.strip()) != null) {
        throw new DeltaException(ErrorCode.DELTA_CONSTRAINT, failed + "constraint '" + key + "' is given twice ("
            + where + ")", null);
      }
    });
    Map<String, String> existing = of(base.getMetadata().getConfiguration());
    Map<String, String> added = new LinkedHashMap<>();
    List<String> present = new ArrayList<>();
    withSnapshot(table, base, frame -> {
      requested.forEach((name, expression) -> {
        String existingName = stored(existing, name);
        String current = existingName == null ? null : existing.get(existingName);
        if (current == null) {
          added.put(name, expression);
        } else if (sameExpression(frame, current, expression)) {
          present.add(existingName);
        } else {
          throw new DeltaException(ErrorCode.DELTA_CONSTRAINT, failed + "Cannot add constraint '" + existingName
              + "': a constraint with this name already exists with a different expression. Existing: '" + current
              + "', New: '" + expression + "' (" + where + ")", null);
        }
      });
      if (!added.isEmpty()) {
        ConstraintValidationReport report = validate(frame, table, checks(added), failed + where);
        requirePassed(report, failed + "existing rows of " + where + " violate the new constraints");
      }
      return null;
    });
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("constraints_added", List.copyOf(added.keySet()));
    metrics.put("constraints_present", List.copyOf(present));
    if (added.isEmpty()) {
      return new DeltaOperationReport("add_constraints", base.getVersion(), false, table.info(base), metrics);
    }
    Map<String, String> configuration = new LinkedHashMap<>(base.getMetadata().getConfiguration());
    added.forEach((name, expression) -> configuration.put(PROPERTY_PREFIX + name, expression));
    List<Map<String, String>> described = new ArrayList<>();
    added.forEach((name, expression) -> described.add(Map.of("name", name, "expr", expression)));
    Map<String, Object> parameters = Map.of("constraints", Json.write(described)); // as delta-rs records them
    return commit(table, base, configuration, "ADD CONSTRAINT", parameters, commitOptions, "add_constraints", metrics);
  }

  /**
   * §4.6: adds {@code expressions} (trimmed; blanks and repeats dropped) under reference names
   * ({@link #referenceName}), skipping those the table already holds by value or by name.
   * Metrics {@code constraint_status}: {@code skipped} (no expression), {@code present} (nothing
   * new) or {@code added}.
   */
  public static DeltaOperationReport apply(DeltaTable table, List<String> expressions,
      DeltaCommitOptions commitOptions) {
    Objects.requireNonNull(table, "table");
    List<String> wanted = TableConstraints.mergeConstraintExpressions(expressions);
    Snapshot base = table.load(DeltaVersionSpec.latest());
    Map<String, String> existing = of(base.getMetadata().getConfiguration());
    Set<String> existingValues = new LinkedHashSet<>();
    existing.values().forEach(value -> existingValues.add(value.strip()));
    Map<String, String> missing = new LinkedHashMap<>();
    for (String expression : wanted) {
      String name = referenceName(expression);
      if (!existingValues.contains(expression) && !expression.equals(existing.getOrDefault(name, "").strip())) {
        missing.put(name, expression);
      }
    }
    String status = wanted.isEmpty() ? "skipped" : missing.isEmpty() ? "present" : "added";
    if (missing.isEmpty()) {
      return new DeltaOperationReport("add_constraints", base.getVersion(), false, table.info(base),
          Map.of("constraint_status", status));
    }
    DeltaOperationReport report = add(table, missing, commitOptions);
    Map<String, Object> metrics = new LinkedHashMap<>(report.metrics());
    metrics.put("constraint_status", status);
    return new DeltaOperationReport(report.operation(), report.version(), report.committed(), report.snapshot(),
        metrics);
  }

  /** §4.6 for declared table constraints: {@code <column> IS NOT NULL} per required column, then the CHECKs. */
  public static DeltaOperationReport apply(DeltaTable table, TableConstraints constraints,
      DeltaCommitOptions commitOptions) {
    return apply(table, constraints.deltaCheckConstraints(), commitOptions);
  }

  public static DeltaOperationReport drop(DeltaTable table, String name) {
    return drop(table, List.of(name), true, DeltaCommitOptions.DEFAULT);
  }

  /**
   * Drops CHECK constraints by name, one commit per name, in order. A name the table does not have
   * fails when {@code raiseIfNotExists} ({@code Constraint with name '…' does not exist.}) and is
   * skipped otherwise. The report describes the final state.
   */
  public static DeltaOperationReport drop(DeltaTable table, List<String> names, boolean raiseIfNotExists,
      DeltaCommitOptions commitOptions) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(commitOptions, "commitOptions");
    String failed = "Delta drop-constraints failed: ";
    if (names.isEmpty()) {
      throw new DeltaException(ErrorCode.DELTA_CONSTRAINT, failed + "Delta drop-constraints requires at least one "
          + "constraint name.", null);
    }
    Snapshot base = table.load(DeltaVersionSpec.latest());
    WriterFeatures.check(base, table.uri(), false);
    DeltaOperationReport last = null;
    List<String> dropped = new ArrayList<>();
    for (String requested : names) {
      String name = stored(of(base.getMetadata().getConfiguration()), constraintName(failed, where(table, base),
          requested));
      Map<String, String> configuration = new LinkedHashMap<>(base.getMetadata().getConfiguration());
      String expression = name == null ? null : configuration.remove(PROPERTY_PREFIX + name);
      if (expression == null) {
        if (raiseIfNotExists) {
          name = requested.strip();
          throw new DeltaException(ErrorCode.DELTA_CONSTRAINT, failed + "Constraint with name '" + name
              + "' does not exist. (" + where(table, base) + ")", null);
        }
        continue;
      }
      dropped.add(name);
      Map<String, Object> parameters = new LinkedHashMap<>();
      parameters.put("name", name);
      parameters.put("expr", expression);
      last = commit(table, base, configuration, "DROP CONSTRAINT", parameters, commitOptions, "drop_constraints",
          Map.of());
      base = table.load(DeltaVersionSpec.atVersion(last.version()));
    }
    Map<String, Object> metrics = Map.of("constraints_dropped", List.copyOf(dropped));
    return new DeltaOperationReport("drop_constraints", base.getVersion(), last != null, table.info(base), metrics);
  }

  /**
   * The data checker (§2.6): checks {@code data} (a frame of {@code session}) against the table's
   * non-nullable columns and CHECK constraints at {@code version}, and against {@code
   * extraConstraints} (blank entries skipped; the others named {@code extra_<index>} by their
   * position), in {@code session} so its functions can be used. Nothing is written; a failed
   * check is a report that did not pass, not an exception.
   */
  public static ConstraintValidationReport check(Session session, DeltaTable table, DeltaVersionSpec version,
      DataFrame data, List<String> extraConstraints) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(data, "data");
    Snapshot snapshot = table.load(version);
    return validate(data, table, checkerConstraints(snapshot, extraConstraints),
        "Delta data check failed: " + where(table, snapshot));
  }

  /** {@link #check(Session, DeltaTable, DeltaVersionSpec, DataFrame, List)} for an Arrow stream (read and closed). */
  public static ConstraintValidationReport check(Session session, DeltaTable table, DeltaVersionSpec version,
      ArrowReader data, List<String> extraConstraints) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(data, "data");
    String name = "__delta_check_" + UUID.randomUUID().toString().replace("-", "");
    session.registerArrow(name, data);
    try (DataFrame frame = session.table(name)) {
      return check(session, table, version, frame, extraConstraints);
    } finally {
      session.deregister(name);
    }
  }

  private static TableConstraints checkerConstraints(Snapshot snapshot, List<String> extraConstraints) {
    TableConstraints.Builder builder = TableConstraints.builder();
    for (StructField field : snapshot.getSchema().fields()) {
      if (!field.isNullable()) {
        builder.notNull(field.getName());
      }
    }
    of(snapshot.getMetadata().getConfiguration()).forEach(builder::check);
    List<String> extras = extraConstraints == null ? List.of() : extraConstraints;
    for (int index = 0; index < extras.size(); index++) {
      String extra = extras.get(index);
      if (extra != null && !extra.isBlank()) {
        builder.check("extra_" + index, extra.strip());
      }
    }
    return builder.build();
  }

  /**
   * The commit path's check: the rows {@code operation} is about to commit ({@code files} just
   * written, with {@code schema} and {@code partitionColumns}) must satisfy the CHECK constraints
   * among {@code properties}, the table properties the commit carries ({@code base} null: the
   * table is new).
   * Reading back the written files checks exactly what is committed, whatever produced it.
   */
  static void enforce(DeltaTable table, String operation, Snapshot base, Map<String, String> properties,
      StructType schema, List<String> partitionColumns, List<Map<String, Object>> files) {
    Map<String, String> constraints = of(properties);
    if (constraints.isEmpty()) {
      return;
    }
    String where = where(table, base);
    String name = "__delta_constraint_check_" + UUID.randomUUID().toString().replace("-", "");
    try (Session session = Session.open()) {
      DeltaTables.registerFiles(session, name, table, DeltaTables.arrowSchema(session, schema,
          DeltaScanOptions.DEFAULT), null, partitionColumns, DeltaScanOptions.DEFAULT, files, constraints, null);
      try (DataFrame written = session.table(name)) {
        String failed = "Delta " + operation + " failed: ";
        ConstraintValidationReport report = validate(written, table, checks(constraints),
            failed + "the CHECK constraints of " + where + " cannot be evaluated on the written rows");
        requirePassed(report, failed + "rows written to " + where + " violate its CHECK constraints");
      }
    }
  }

  private static TableConstraints checks(Map<String, String> constraints) {
    List<ConstraintSpec> checks = new ArrayList<>();
    constraints.forEach((name, expression) -> checks.add(ConstraintSpec.check(name, expression)));
    return new TableConstraints(List.of(), List.of(), checks, List.of());
  }

  /** Runs the validator; an expression it cannot evaluate is a {@link ErrorCode#DELTA_CONSTRAINT} error. */
  private static ConstraintValidationReport validate(DataFrame frame, DeltaTable table, TableConstraints constraints,
      String context) {
    try (BufferAllocator allocator = new RootAllocator()) {
      return ConstraintValidator.validateFrame(frame, table.uri(), constraints, REPORT_OPTIONS, allocator);
    } catch (InvalidInputException e) {
      throw new DeltaException(ErrorCode.DELTA_CONSTRAINT, context + ": " + e.getMessage(), e);
    }
  }

  private static void requirePassed(ConstraintValidationReport report, String summary) {
    try {
      report.requirePassed();
    } catch (ValidationException e) {
      throw new DeltaConstraintViolationException(summary + ": " + e.getMessage(), report, e);
    }
  }

  /** Whether two expressions parse to the same expression over the table's columns. */
  private static boolean sameExpression(DataFrame frame, String current, String expression) {
    if (current.strip().equals(expression)) {
      return true;
    }
    try {
      return frame.describeExpression(current).canonical().equals(frame.describeExpression(expression).canonical());
    } catch (PlanningException e) {
      return false; // one of them does not even parse: they differ
    }
  }

  /** The key among {@code constraints} equal to {@code name} ignoring case, or null. */
  private static String stored(Map<String, String> constraints, String name) {
    for (String key : constraints.keySet()) {
      if (key.equalsIgnoreCase(name)) {
        return key;
      }
    }
    return null;
  }

  /** A constraint name trimmed; blank or dotted names are refused. */
  private static String constraintName(String failed, String where, String name) {
    String key = name == null ? "" : name.strip();
    if (key.isEmpty()) {
      throw new DeltaException(ErrorCode.DELTA_CONSTRAINT, failed + "a constraint name is blank (" + where + ")",
          null);
    }
    if (key.contains(".")) {
      throw new DeltaException(ErrorCode.DELTA_CONSTRAINT, failed + "constraint name '" + name + "' contains '.': "
          + "delta constraints for nested columns are not supported at the moment. (" + where + ")", null);
    }
    return key;
  }

  /** Runs {@code body} on the snapshot, registered in a session of its own (built-in functions only). */
  private static <T> T withSnapshot(DeltaTable table, Snapshot snapshot, Function<DataFrame, T> body) {
    String name = "__delta_constraints_" + UUID.randomUUID().toString().replace("-", "");
    try (Session session = Session.open()) {
      DeltaTables.register(session, name, table, DeltaReadOptions.LATEST
          .at(DeltaVersionSpec.atVersion(snapshot.getVersion())));
      try (DataFrame frame = session.table(name)) {
        return body.apply(frame);
      }
    }
  }

  /** One metadata commit: the new configuration, and the protocol raised to CHECK constraints when needed. */
  private static DeltaOperationReport commit(DeltaTable table, Snapshot base, Map<String, String> configuration,
      String operation, Map<String, Object> parameters, DeltaCommitOptions commitOptions, String reportOperation,
      Map<String, Object> metrics) {
    List<Map<String, Object>> actions = new ArrayList<>();
    if (!of(configuration).isEmpty()) {
      protocolWithConstraints(base.getProtocol()).ifPresent(protocol -> actions.add(Map.of("protocol", protocol)));
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("id", base.getMetadata().getId());
    base.getMetadata().getName().ifPresent(name -> metadata.put("name", name));
    base.getMetadata().getDescription().ifPresent(description -> metadata.put("description", description));
    metadata.put("format", Map.of("provider", base.getMetadata().getFormat().getProvider(), "options",
        base.getMetadata().getFormat().getOptions()));
    metadata.put("schemaString", base.getMetadata().getSchemaString());
    metadata.put("partitionColumns", base.getPartitionColumnNames());
    metadata.put("configuration", configuration);
    base.getMetadata().getCreatedTime().ifPresent(created -> metadata.put("createdTime", created));
    actions.add(Map.of("metaData", metadata));
    DeltaAppTransaction txn = commitOptions.appTransaction();
    if (txn != null) {
      Map<String, Object> action = new LinkedHashMap<>();
      action.put("appId", txn.appId());
      action.put("version", txn.version());
      action.put("lastUpdated", txn.lastUpdated() == null ? System.currentTimeMillis() : txn.lastUpdated());
      actions.add(Map.of("txn", action));
    }
    Map<String, Object> info = new LinkedHashMap<>(commitOptions.metadata());
    info.put("operation", operation);
    info.put("operationParameters", parameters);
    info.put("isBlindAppend", false);
    info.put("engineInfo", ENGINE_INFO);
    info.put("txnId", UUID.randomUUID().toString());
    // The constraints were checked against every file of the snapshot: data committed meanwhile conflicts.
    Set<String> read = new LinkedHashSet<>();
    for (ScanFile file : ScanPlanner.files(table.engine(), base, null)) {
      read.add(file.encodedPath());
    }
    PendingCommit pending = new PendingCommit(info, actions, txn == null ? null : txn.appId(), true, read, Set.of());
    long version = new CommitLog(table.location()).commit(pending, base.getVersion(),
        commitOptions.effectiveMaxRetries());
    Snapshot after = table.load(DeltaVersionSpec.atVersion(version));
    if (commitOptions.effectiveCreateCheckpoint() && version % WriteTransaction.interval(after) == 0) {
      table.writeCheckpoint(after);
    }
    return new DeltaOperationReport(reportOperation, version, true, table.info(after), metrics);
  }

  /**
   * The protocol action a table needs to hold CHECK constraints, or empty when it has them: legacy
   * protocols go to writer version 3, table-features protocols list {@code checkConstraints}.
   */
  static java.util.Optional<Map<String, Object>> protocolWithConstraints(Protocol protocol) {
    Map<String, Object> action = new LinkedHashMap<>();
    action.put("minReaderVersion", protocol.getMinReaderVersion());
    if (protocol.getMinWriterVersion() < TABLE_FEATURES_WRITER_VERSION) {
      if (protocol.getMinWriterVersion() >= LEGACY_WRITER_VERSION) {
        return java.util.Optional.empty();
      }
      action.put("minWriterVersion", LEGACY_WRITER_VERSION);
      return java.util.Optional.of(action);
    }
    if (protocol.getWriterFeatures().contains(FEATURE)) {
      return java.util.Optional.empty();
    }
    action.put("minWriterVersion", TABLE_FEATURES_WRITER_VERSION);
    if (protocol.getMinReaderVersion() >= TABLE_FEATURES_READER_VERSION) {
      action.put("readerFeatures", new ArrayList<>(new TreeSet<>(protocol.getReaderFeatures())));
    }
    Set<String> writerFeatures = new TreeSet<>(protocol.getWriterFeatures());
    writerFeatures.add(FEATURE);
    action.put("writerFeatures", new ArrayList<>(writerFeatures));
    return java.util.Optional.of(action);
  }

  private static String where(DeltaTable table, Snapshot snapshot) {
    return "Delta table " + table.uri() + (snapshot == null ? " (new)" : " at version " + snapshot.getVersion());
  }
}
