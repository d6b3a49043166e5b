package io.codeanatomy.delta.internal;

import io.delta.kernel.internal.actions.Metadata;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.internal.snapshot.LogSegment;
import io.delta.kernel.utils.FileStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What Kernel derived from one version of a table, kept across loads in this process (as Spark's
 * DeltaLog cache does). A committed version never changes, so its protocol, metadata, active files
 * and deletion vectors can be served again without replaying the log; which version is latest is
 * still decided by listing the log on every load. A {@link Key} names a version by the identity
 * (path, size, modification time) of every log file of its segment, so a table deleted and written
 * again at the same path, a new checkpoint or a cleaned-up log gives a new key, not a stale hit.
 * Bounded: the least recently used versions go once more than {@value #MAX_VERSIONS} are held or
 * their files and deleted-row ranges add up to more than {@value #MAX_WEIGHT}. Thread-safe.
 */
public final class VersionCache {
  static final int MAX_VERSIONS = 64;
  static final long MAX_WEIGHT = 250_000;

  private static final LinkedHashMap<Key, VersionState> STATES = new LinkedHashMap<>(16, 0.75f, true);
  private static long hits;
  private static long misses;

  private VersionCache() {}

  /** One log file as listed: a rewritten file of the same name differs in size or modification time. */
  public record LogFile(String path, long size, long modificationTime) {
    static LogFile of(FileStatus status) {
      return new LogFile(status.getPath(), status.getSize(), status.getModificationTime());
    }
  }

  /** A version of the table at {@code tablePath} read with {@code storageOptions}, by its log files. */
  public record Key(String tablePath, Map<String, String> storageOptions, long version, List<LogFile> logFiles) {
    public Key {
      storageOptions = Map.copyOf(storageOptions);
      logFiles = List.copyOf(logFiles);
    }

    /** The key of the version Kernel's listing resolved to {@code segment}. */
    public static Key of(String tablePath, Map<String, String> storageOptions, LogSegment segment) {
      List<LogFile> files = new ArrayList<>();
      Stream.of(segment.getCheckpoints(), segment.getCompactions(), segment.getDeltas())
          .flatMap(List::stream).map(LogFile::of).forEach(files::add);
      return new Key(tablePath, storageOptions, segment.getVersion(), files);
    }

    /** Without the storage options: they may hold credentials. */
    @Override
    public String toString() {
      return "Key[" + tablePath + " at version " + version + ", " + logFiles.size() + " log files]";
    }
  }

  /** The cached state of {@code key}'s version, if any. */
  public static synchronized Optional<VersionState> get(Key key) {
    VersionState state = STATES.get(key);
    if (state == null) {
      misses++;
    } else {
      hits++;
    }
    return Optional.ofNullable(state);
  }

  /** The state of {@code key}'s version: the one cached already, else a new one from this protocol and metadata. */
  public static synchronized VersionState put(Key key, Protocol protocol, Metadata metadata) {
    VersionState state = STATES.computeIfAbsent(key, k -> new VersionState(protocol, metadata));
    trim();
    return state;
  }

  /**
   * The cached version of the same table closest before {@code key}'s whose log files {@code
   * key}'s begin with (same checkpoint, same commits, then only newer commits): {@code key}'s
   * version is that one plus the commits after it.
   */
  public static synchronized Optional<Map.Entry<Key, VersionState>> predecessor(Key key) {
    Map.Entry<Key, VersionState> closest = null;
    for (Map.Entry<Key, VersionState> entry : STATES.entrySet()) {
      Key candidate = entry.getKey();
      if (candidate.tablePath().equals(key.tablePath()) && candidate.storageOptions().equals(key.storageOptions())
          && candidate.version() < key.version() && candidate.logFiles().size() < key.logFiles().size()
          && key.logFiles().subList(0, candidate.logFiles().size()).equals(candidate.logFiles())
          && (closest == null || candidate.version() > closest.getKey().version())) {
        closest = entry;
      }
    }
    return Optional.ofNullable(closest);
  }

  /** Lookups answered from the cache and not, since the process started. */
  public static synchronized long[] hitsAndMisses() {
    return new long[] {hits, misses};
  }

  /** Drops the least recently used states beyond the bounds (a state's weight grows as it fills). */
  static synchronized void trim() {
    long weight = 0;
    for (VersionState state : STATES.values()) {
      weight += state.weight();
    }
    Iterator<VersionState> eldest = STATES.values().iterator();
    while (eldest.hasNext() && (STATES.size() > MAX_VERSIONS || weight > MAX_WEIGHT)) {
      weight -= eldest.next().weight();
      eldest.remove();
    }
  }
}
