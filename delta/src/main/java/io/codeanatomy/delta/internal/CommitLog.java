package io.codeanatomy.delta.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The table's one commit path: the Delta protocol's optimistic commit. A commit is the file
 * {@code _delta_log/<version>.json}, created only if absent (hard link of a fully written temporary
 * file, so readers never see a partial commit). When another writer won the version, the winning
 * commits are checked for conflicts by the protocol's rules (WriteSerializable isolation) and the
 * commit is retried on top of them, a bounded number of times.
 */
public final class CommitLog {
  private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

  private final TableLocation location;

  public CommitLog(TableLocation location) {
    this.location = location;
  }

  public static String commitFileName(long version) {
    return String.format("%020d.json", version);
  }

  /**
   * Commits {@code transaction} on top of {@code readVersion} (-1 when creating the table); returns
   * the version it landed at.
   */
  public long commit(PendingCommit transaction, long readVersion, int maxRetries) {
    Path log = location.logDirectory();
    try {
      Files.createDirectories(log);
    } catch (IOException e) {
      throw failure("cannot create the log directory", readVersion + 1, e);
    }
    long attemptVersion = readVersion + 1;
    for (int attempt = 0; ; attempt++) {
      byte[] content = transaction.encode(attemptVersion).getBytes(StandardCharsets.UTF_8);
      if (putIfAbsent(log, attemptVersion, content)) {
        return attemptVersion;
      }
      if (attempt >= maxRetries) {
        throw new DeltaException(ErrorCode.DELTA_COMMIT_CONFLICT, "Delta table " + location.uri()
            + ": commit gave up after " + maxRetries + " retries; version " + attemptVersion
            + " was taken by another writer", null);
      }
      long latest = latestVersion(attemptVersion);
      for (long winner = attemptVersion; winner <= latest; winner++) {
        checkConflicts(transaction, winner, readWinner(winner));
      }
      attemptVersion = latest + 1;
    }
  }

  private boolean putIfAbsent(Path log, long version, byte[] content) {
    Path target = log.resolve(commitFileName(version));
    if (Files.exists(target)) {
      return false;
    }
    Path temporary = null;
    try {
      temporary = Files.createTempFile(log, "." + commitFileName(version) + ".", ".tmp");
      Files.write(temporary, content);
      try {
        Files.createLink(target, temporary);
      } catch (UnsupportedOperationException noHardLinks) {
        Files.write(target, content, java.nio.file.StandardOpenOption.CREATE_NEW);
      }
      return true;
    } catch (FileAlreadyExistsException taken) {
      return false;
    } catch (IOException e) {
      throw failure("cannot write commit " + target.getFileName(), version, e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // A stray temporary file is not part of the log; leaving it is harmless.
        }
      }
    }
  }

  /** The newest commit version at or after {@code from} (which is known to exist). */
  private long latestVersion(long from) {
    long latest = from;
    try (Stream<Path> files = Files.list(location.logDirectory())) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (COMMIT_FILE.matcher(name).matches()) {
          latest = Math.max(latest, Long.parseLong(name.substring(0, 20)));
        }
      }
    } catch (IOException e) {
      throw failure("cannot list the log", from, e);
    }
    return latest;
  }

  /** The actions of a committed version, one map per line. */
  public List<Map<String, Object>> readWinner(long version) {
    Path file = location.logDirectory().resolve(commitFileName(version));
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw failure("cannot read commit " + file.getFileName(), version, e);
    }
    List<Map<String, Object>> actions = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      try {
        actions.add(Json.readObject(line));
      } catch (JsonProcessingException e) {
        throw new DeltaException(ErrorCode.DELTA_CORRUPT_LOG, "Delta table " + location.uri() + ": commit "
            + file.getFileName() + " (version " + version + ") is not valid JSON: " + e.getOriginalMessage(), e);
      }
    }
    return actions;
  }

  /**
   * WriteSerializable conflict rules: a winner that changed protocol or metadata, or applied the
   * same app transaction, always conflicts; for a transaction that read the table (overwrite), a
   * winner's non-blind-append data files conflict, and so does a winner removing a file it read.
   * Blind appends only conflict on the first two, unless the transaction that read the table also
   * changes its metadata (as Delta does: a new CHECK constraint was validated without their rows).
   */
  private void checkConflicts(PendingCommit transaction, long winnerVersion, List<Map<String, Object>> winner) {
    boolean winnerBlindAppend = false;
    for (Map<String, Object> action : winner) {
      if (action.get("commitInfo") instanceof Map<?, ?> info) {
        winnerBlindAppend = Boolean.TRUE.equals(info.get("isBlindAppend"));
      }
    }
    for (Map<String, Object> action : winner) {
      if (action.containsKey("metaData")) {
        throw conflict(winnerVersion, "the table metadata changed (MetadataChangedException)");
      }
      if (action.containsKey("protocol")) {
        throw conflict(winnerVersion, "the protocol changed (ProtocolChangedException)");
      }
      if (transaction.appId() != null && action.get("txn") instanceof Map<?, ?> txn
          && transaction.appId().equals(txn.get("appId"))) {
        throw conflict(winnerVersion, "app transaction '" + transaction.appId()
            + "' committed concurrently (ConcurrentTransactionException)");
      }
      if (!transaction.readsTable()) {
        continue;
      }
      if (action.get("add") instanceof Map<?, ?> add && (!winnerBlindAppend || transaction.changesMetadata())
          && !Boolean.FALSE.equals(add.get("dataChange"))) {
        throw conflict(winnerVersion, "files were added to data this transaction read (ConcurrentAppendException)");
      }
      if (action.get("remove") instanceof Map<?, ?> remove) {
        Set<String> read = transaction.readPaths();
        if (read.contains(String.valueOf(remove.get("path")))) {
          throw conflict(winnerVersion, "a file this transaction read was removed ("
              + (transaction.removedPaths().contains(String.valueOf(remove.get("path")))
                  ? "ConcurrentDeleteDeleteException" : "ConcurrentDeleteReadException") + ")");
        }
      }
    }
  }

  private DeltaException conflict(long winnerVersion, String reason) {
    return new DeltaException(ErrorCode.DELTA_COMMIT_CONFLICT, "Delta table " + location.uri()
        + ": commit conflicts with version " + winnerVersion + ": " + reason, null);
  }

  private DeltaException failure(String what, long version, IOException e) {
    return new DeltaException(ErrorCode.DELTA_TABLE, "Delta table " + location.uri() + ", version " + version
        + ": " + what + ": " + e.getMessage(), e);
  }
}
