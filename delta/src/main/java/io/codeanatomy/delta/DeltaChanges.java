package io.codeanatomy.delta;

import static io.codeanatomy.delta.RowRewrite.identifier;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.delta.internal.ChangeData;
import io.codeanatomy.delta.internal.CommitLog;
import io.codeanatomy.delta.internal.ScanFile;
import io.codeanatomy.delta.internal.SchemaConversion;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import io.delta.kernel.Snapshot;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The change data feed of a Delta table (§2.5): the rows each commit in a window of versions
 * inserted, deleted or updated, as the table's columns plus {@code _change_type} ({@code insert},
 * {@code delete}, {@code update_preimage}, {@code update_postimage}), {@code _commit_version}
 * (BIGINT) and {@code _commit_timestamp} (timestamp, UTC). A commit with change data files is read
 * from them; otherwise its added files are inserts and its removed files deletes (whole files,
 * deletion vectors applied), as delta-rs reads it. Every version read must have the feed enabled
 * ({@code delta.enableChangeDataFeed=true}), else {@link ErrorCode#DELTA_CDF_NOT_ENABLED}.
 */
public final class DeltaChanges {
  private DeltaChanges() {}

  /** The changes as a frame of {@code session}; the files are pinned when this returns. */
  public static DataFrame read(Session session, DeltaTable table, DeltaCdfOptions options) {
    return withParts(session, table, options, session::sql);
  }

  /**
   * Registers the changes as the SQL view {@code name} (replacing one of that name), over the
   * files the window holds now.
   */
  public static void register(Session session, String name, DeltaTable table, DeltaCdfOptions options) {
    Objects.requireNonNull(name, "name");
    withParts(session, table, options, sql -> {
      session.execute("CREATE OR REPLACE VIEW " + identifier(name) + " AS " + sql);
      return null;
    });
  }

  /** One commit's files of one kind: change data files ({@code changeType} null) or added / removed files. */
  private record Part(long version, long timestamp, String changeType, List<ScanFile> files) {}

  private static <T> T withParts(Session session, DeltaTable table, DeltaCdfOptions options,
      java.util.function.Function<String, T> use) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(options, "options");
    Snapshot latest = table.load(DeltaVersionSpec.latest());
    List<Part> parts = parts(table, latest, options);
    Schema tableSchema = SchemaConversion.toArrow(latest.getSchema(), false);
    Schema changeSchema = ChangeData.fileSchema(latest.getSchema());
    List<String> columns = latest.getSchema().fieldNames().stream().map(RowRewrite::identifier).toList();
    String prefix = "__delta_cdf_" + UUID.randomUUID().toString().replace("-", "") + "_";
    List<String> registered = new ArrayList<>();
    try {
      List<String> selects = new ArrayList<>();
      if (parts.isEmpty()) {
        parts = List.of(new Part(latest.getVersion(), 0, ChangeData.INSERT, List.of())); // no files: no rows
      }
      for (Part part : parts) {
        String name = prefix + registered.size();
        List<Map<String, Object>> files = new ArrayList<>();
        for (ScanFile file : part.files()) {
          files.add(DeltaTables.fileEntry(table, file, file.partitionValues(), part.version()));
        }
        DeltaTables.registerFiles(session, name, table, part.changeType() == null ? changeSchema : tableSchema,
            null, latest.getPartitionColumnNames(), DeltaScanOptions.DEFAULT, files, Map.of(), null);
        registered.add(name);
        String changeType = part.changeType() == null ? identifier(ChangeData.CHANGE_TYPE)
            : "'" + part.changeType() + "'";
        selects.add("SELECT " + String.join(", ", columns) + ", CAST(" + changeType + " AS VARCHAR) AS "
            + identifier(ChangeData.CHANGE_TYPE) + ", CAST(" + part.version() + " AS BIGINT) AS "
            + identifier(ChangeData.COMMIT_VERSION) + ", arrow_cast(to_timestamp_millis(" + part.timestamp()
            + "), 'Timestamp(Microsecond, Some(\"UTC\"))') AS " + identifier(ChangeData.COMMIT_TIMESTAMP) + " FROM \"" + name + "\"");
      }
      String changes = selects.stream().map(select -> "(" + select + ")").collect(Collectors.joining(" UNION ALL "));
      String projection = options.columns() == null ? "*"
          : options.columns().stream().map(RowRewrite::identifier).collect(Collectors.joining(", "));
      String sql = "SELECT " + projection + " FROM (" + changes + ") AS changes"
          + (options.predicate() == null ? "" : " WHERE " + options.predicate());
      return use.apply(sql);
    } finally {
      // The plan holds the scans it was built on; the names are no longer needed.
      registered.forEach(session::deregister);
    }
  }

  /** The commits of the window and their files, checked against the range and enablement rules of §2.5. */
  private static List<Part> parts(DeltaTable table, Snapshot latest, DeltaCdfOptions options) {
    long newest = latest.getVersion();
    CommitLog log = new CommitLog(table.location());
    Long start = options.startingVersion();
    if (start == null && options.startingTimestamp() != null) {
      long from = table.parseTimestamp(options.startingTimestamp());
      start = firstAtOrAfter(table, log, newest, from);
      if (start == null) {
        return outOfRange(options, "starting timestamp " + options.startingTimestamp() + " is greater than latest "
            + "commit timestamp (version " + newest + ")", table);
      }
    }
    if (start == null) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta CDF read failed: table " + table.uri()
          + ": no starting version or timestamp provided for CDC", null);
    }
    long end = options.endingVersion() == null ? newest : Math.min(options.endingVersion(), newest);
    if (options.endingTimestamp() != null) {
      long until = table.parseTimestamp(options.endingTimestamp());
      long last = -1;
      for (long version = 0; version <= end; version++) {
        if (commitTimestamp(table, log, version) <= until) {
          last = version;
        }
      }
      end = last;
    }
    if (start > newest) {
      return outOfRange(options, "invalid table version: " + start + " (newest is " + newest + ")", table);
    }
    if (end < start) {
      return outOfRange(options, "invalid version: start version " + start + " is greater than end version " + end,
          table);
    }
    List<Part> parts = new ArrayList<>();
    for (long version = start; version <= end; version++) {
      List<Map<String, Object>> actions = actions(table, log, version);
      requireEnabled(table, actions, version, version == start);
      long timestamp = commitTimestamp(table, version, actions);
      List<ScanFile> cdc = files(table, actions, "cdc", false);
      if (!cdc.isEmpty()) {
        parts.add(new Part(version, timestamp, null, cdc));
        continue;
      }
      List<ScanFile> added = files(table, actions, "add", true);
      List<ScanFile> removed = files(table, actions, "remove", true);
      if (!added.isEmpty()) {
        parts.add(new Part(version, timestamp, ChangeData.INSERT, added));
      }
      if (!removed.isEmpty()) {
        parts.add(new Part(version, timestamp, ChangeData.DELETE, removed));
      }
    }
    return parts;
  }

  private static List<Part> outOfRange(DeltaCdfOptions options, String problem, DeltaTable table) {
    if (options.allowOutOfRange()) {
      return List.of();
    }
    throw new DeltaException(ErrorCode.DELTA_VERSION_NOT_FOUND, "Delta CDF read failed: table " + table.uri() + ": "
        + problem, null);
  }

  /**
   * The feed must be on at the start (by the start commit's own metadata when it has one, else by
   * the snapshot there) and not turned off by any later commit of the window.
   */
  private static void requireEnabled(DeltaTable table, List<Map<String, Object>> actions, long version,
      boolean first) {
    Optional<Map<String, String>> configuration = metadataConfiguration(actions);
    if (configuration.isPresent()) {
      if (!ChangeData.enabled(configuration.get())) {
        throw new DeltaException(ErrorCode.DELTA_CDF_NOT_ENABLED, "Delta CDF read failed: table " + table.uri()
            + (first ? ": reading a table version: " + version + " that does not have change data enabled"
                : ": change data not enabled for version: " + version), null);
      }
    } else if (first && !ChangeData.enabled(
        table.load(DeltaVersionSpec.atVersion(version)).getMetadata().getConfiguration())) {
      throw new DeltaException(ErrorCode.DELTA_CDF_NOT_ENABLED, "Delta CDF read failed: table " + table.uri()
          + ": change data not enabled for version: " + version, null);
    }
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, String>> metadataConfiguration(List<Map<String, Object>> actions) {
    for (Map<String, Object> action : actions) {
      if (action.get("metaData") instanceof Map<?, ?> metadata) {
        Object configuration = metadata.get("configuration");
        Map<String, String> properties = new LinkedHashMap<>();
        if (configuration instanceof Map<?, ?> map) {
          map.forEach((key, value) -> properties.put(String.valueOf(key), String.valueOf(value)));
        }
        return Optional.of(properties);
      }
    }
    return Optional.empty();
  }

  private static List<Map<String, Object>> actions(DeltaTable table, CommitLog log, long version) {
    if (!Files.exists(table.location().logDirectory().resolve(CommitLog.commitFileName(version)))) {
      throw new DeltaException(ErrorCode.DELTA_VERSION_NOT_FOUND, "Delta CDF read failed: table " + table.uri()
          + ": the commit of version " + version + " is no longer in the log", null);
    }
    return log.readWinner(version);
  }

  private static Long firstAtOrAfter(DeltaTable table, CommitLog log, long newest, long timestamp) {
    for (long version = 0; version <= newest; version++) {
      if (Files.exists(table.location().logDirectory().resolve(CommitLog.commitFileName(version)))
          && commitTimestamp(table, log, version) >= timestamp) {
        return version;
      }
    }
    return null;
  }

  private static long commitTimestamp(DeltaTable table, CommitLog log, long version) {
    return commitTimestamp(table, version, actions(table, log, version));
  }

  /** commitInfo.timestamp, else the commit file's modification time. */
  private static long commitTimestamp(DeltaTable table, long version, List<Map<String, Object>> actions) {
    for (Map<String, Object> action : actions) {
      if (action.get("commitInfo") instanceof Map<?, ?> info && info.get("timestamp") instanceof Number timestamp) {
        return timestamp.longValue();
      }
    }
    Path file = table.location().logDirectory().resolve(CommitLog.commitFileName(version));
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new DeltaException(ErrorCode.DELTA_CORRUPT_LOG, "Delta CDF read failed: table " + table.uri()
          + ": cannot read commit " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The files of the actions named {@code kind}; with {@code dataChangeOnly}, only those changing
   * data. A remove without its size (it is optional there) is sized on disk.
   */
  @SuppressWarnings("unchecked")
  private static List<ScanFile> files(DeltaTable table, List<Map<String, Object>> actions, String kind,
      boolean dataChangeOnly) {
    List<ScanFile> files = new ArrayList<>();
    for (Map<String, Object> action : actions) {
      if (!(action.get(kind) instanceof Map<?, ?> raw)) {
        continue;
      }
      Map<String, Object> file = (Map<String, Object>) raw;
      if (dataChangeOnly && Boolean.FALSE.equals(file.get("dataChange"))) {
        continue;
      }
      String encoded = String.valueOf(file.get("path"));
      Map<String, String> partitionValues = new LinkedHashMap<>();
      if (file.get("partitionValues") instanceof Map<?, ?> values) {
        values.forEach((key, value) -> partitionValues.put(String.valueOf(key), value == null ? null
            : String.valueOf(value)));
      }
      String path = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
      long size;
      try {
        size = file.get("size") instanceof Number number ? number.longValue()
            : Files.size(table.directory().resolve(path));
      } catch (IOException e) {
        throw new DeltaException(ErrorCode.DELTA_CORRUPT_LOG, "Delta CDF read failed: table " + table.uri()
            + ": file '" + path + "' of a " + kind + " action is missing: " + e.getMessage(), e);
      }
      files.add(new ScanFile(path, encoded, size,
          0, partitionValues, file.get("stats") instanceof String stats ? stats : null,
          deletionVector(file.get("deletionVector"))));
    }
    return files;
  }

  private static DeletionVectorDescriptor deletionVector(Object value) {
    if (!(value instanceof Map<?, ?> dv)) {
      return null;
    }
    Optional<Integer> offset = dv.get("offset") instanceof Number number ? Optional.of(number.intValue())
        : Optional.empty();
    return new DeletionVectorDescriptor(String.valueOf(dv.get("storageType")), String.valueOf(dv.get("pathOrInlineDv")),
        offset, ((Number) dv.get("sizeInBytes")).intValue(), ((Number) dv.get("cardinality")).longValue());
  }
}
