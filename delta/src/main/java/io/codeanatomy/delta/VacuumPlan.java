package io.codeanatomy.delta;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.delta.internal.CommitLog;
import io.codeanatomy.delta.internal.ScanFile;
import io.codeanatomy.delta.internal.ScanPlanner;
import io.delta.kernel.Snapshot;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files a vacuum deletes: those that removes older than the cutoff made unreferenced (data
 * files and their deletion vectors), minus every file a retained version needs. The retained
 * versions are the latest and every older one the table was still at after the cutoff; they need
 * the files active at the oldest of them plus every file a later commit added. A file re-added
 * after its removal (by a restore) is therefore kept however old its removal is. Removes are read
 * from the commit files in the log; those whose commits a log cleanup already deleted are not
 * seen, so their files stay (never the unsafe direction).
 */
final class VacuumPlan {
  private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");
  private static final Pattern ABSOLUTE_URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:/.*");

  private final DeltaTable table;
  /** Relative path (to the table root) to absolute path, sorted by relative path. */
  private final Map<String, Path> files;
  private final long totalSize;

  private VacuumPlan(DeltaTable table, Map<String, Path> files, long totalSize) {
    this.table = table;
    this.files = files;
    this.totalSize = totalSize;
  }

  static VacuumPlan of(DeltaTable table, Snapshot latest, long cutoffMillis) {
    CommitLog log = new CommitLog(table.location());
    long oldestRetained = latest.getVersion();
    while (oldestRetained > 0) {
      Optional<Long> supersededAt = commitTimestamp(table, oldestRetained);
      if (supersededAt.isEmpty() || supersededAt.get() <= cutoffMillis) {
        break;
      }
      oldestRetained--;
    }
    Set<Path> needed = new HashSet<>();
    Snapshot oldest = table.load(DeltaVersionSpec.atVersion(oldestRetained));
    for (ScanFile file : ScanPlanner.files(table.engine(), oldest, null)) {
      needed.addAll(referencedFiles(table, file));
    }
    for (long version = oldestRetained + 1; version <= latest.getVersion(); version++) {
      for (Map<String, Object> action : log.readWinner(version)) {
        if (action.get("add") instanceof Map<?, ?> add) {
          needed.addAll(referencedFiles(table, add));
        }
      }
    }
    Map<String, Path> candidates = new TreeMap<>();
    for (long version : loggedVersions(table, latest.getVersion())) {
      for (Map<String, Object> action : log.readWinner(version)) {
        if (action.get("remove") instanceof Map<?, ?> remove && expired(remove, cutoffMillis)) {
          for (Path file : referencedFiles(table, remove)) {
            if (!needed.contains(file) && file.startsWith(table.directory()) && Files.isRegularFile(file)) {
              candidates.put(table.directory().relativize(file).toString(), file);
            }
          }
        }
      }
    }
    long size = 0;
    for (Path file : candidates.values()) {
      try {
        size += Files.size(file);
      } catch (IOException e) {
        throw failure(table, "cannot read the size of " + file, e);
      }
    }
    return new VacuumPlan(table, candidates, size);
  }

  /** When {@code version} was committed: commitInfo's timestamp, else the commit file's time; empty if gone. */
  private static Optional<Long> commitTimestamp(DeltaTable table, long version) {
    Path file = table.location().logDirectory().resolve(CommitLog.commitFileName(version));
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Optional<Long> logged = table.commitInfo(version).map(DeltaCommitInfo::timestamp);
    if (logged.isPresent()) {
      return logged;
    }
    try {
      return Optional.of(Files.getLastModifiedTime(file).toMillis());
    } catch (IOException e) {
      throw failure(table, "cannot read the time of commit " + version, e);
    }
  }

  /** Versions whose commit files are still in the log (older ones may have been cleaned up). */
  private static List<Long> loggedVersions(DeltaTable table, long latest) {
    List<Long> versions = new ArrayList<>();
    try (Stream<Path> entries = Files.list(table.location().logDirectory())) {
      entries.map(p -> p.getFileName().toString()).filter(name -> COMMIT_FILE.matcher(name).matches())
          .map(name -> Long.parseLong(name.substring(0, 20))).filter(v -> v <= latest).sorted()
          .forEach(versions::add);
    } catch (IOException e) {
      throw failure(table, "cannot list the log", e);
    }
    return versions;
  }

  /** A remove without a deletion time counts as expired, as in delta-rs. */
  private static boolean expired(Map<?, ?> remove, long cutoffMillis) {
    return !(remove.get("deletionTimestamp") instanceof Number time) || time.longValue() <= cutoffMillis;
  }

  /** The data file and the on-disk deletion vector file a snapshot's file refers to. */
  static List<Path> referencedFiles(DeltaTable table, ScanFile file) {
    List<Path> paths = new ArrayList<>();
    paths.add(resolve(table, file.encodedPath()));
    if (file.deletionVector() != null && file.deletionVector().isOnDisk()) {
      paths.add(location(file.deletionVector().getAbsolutePath(table.location().kernelPath())));
    }
    return paths;
  }

  /** The same for an add or remove action as logged. */
  private static List<Path> referencedFiles(DeltaTable table, Map<?, ?> action) {
    List<Path> paths = new ArrayList<>();
    paths.add(resolve(table, String.valueOf(action.get("path"))));
    if (action.get("deletionVector") instanceof Map<?, ?> dv) {
      DeletionVectorDescriptor descriptor = new DeletionVectorDescriptor(String.valueOf(dv.get("storageType")),
          String.valueOf(dv.get("pathOrInlineDv")),
          dv.get("offset") instanceof Number offset ? Optional.of(offset.intValue()) : Optional.empty(),
          ((Number) dv.get("sizeInBytes")).intValue(), ((Number) dv.get("cardinality")).longValue());
      if (descriptor.isOnDisk()) {
        paths.add(location(descriptor.getAbsolutePath(table.location().kernelPath())));
      }
    }
    return paths;
  }

  /** A logged path: a URI-encoded path relative to the table root, or an absolute URI. */
  private static Path resolve(DeltaTable table, String encoded) {
    if (ABSOLUTE_URI.matcher(encoded).matches()) {
      return location(encoded);
    }
    return table.directory().resolve(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8))
        .normalize();
  }

  private static Path location(String uriOrPath) {
    return (uriOrPath.startsWith("file:") ? Paths.get(URI.create(uriOrPath)) : Path.of(uriOrPath)).normalize();
  }

  /** Relative paths of the files to delete, sorted. */
  List<String> files() {
    return List.copyOf(files.keySet());
  }

  long totalSize() {
    return totalSize;
  }

  /** Deletes the files; returns how many were there to delete (a concurrent vacuum may have taken some). */
  int delete() {
    int deleted = 0;
    for (Path file : files.values()) {
      try {
        deleted += Files.deleteIfExists(file) ? 1 : 0;
      } catch (IOException e) {
        throw failure(table, "cannot delete " + file, e);
      }
    }
    return deleted;
  }

  private static DeltaException failure(DeltaTable table, String what, IOException e) {
    return new DeltaException(ErrorCode.DELTA_TABLE, "Delta vacuum failed: table " + table.uri() + ": " + what + ": "
        + e.getMessage(), e);
  }
}
