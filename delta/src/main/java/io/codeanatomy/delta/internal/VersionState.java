package io.codeanatomy.delta.internal;

import io.delta.kernel.internal.actions.Metadata;
import io.delta.kernel.internal.actions.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What was derived from one committed table version ({@link VersionCache}): its protocol and
 * metadata, and, once first asked for, its active files, its commit timestamp and the rows its
 * deletion vectors remove. Each is computed once; concurrent callers wait for the first.
 */
public final class VersionState {
  private final Protocol protocol;
  private final Metadata metadata;
  private final Once<List<ScanFile>> activeFiles = new Once<>();
  private final Once<Optional<Long>> commitTimestamp = new Once<>();
  private final Map<String, List<long[]>> deletedRows = new ConcurrentHashMap<>();
  /** How many ranges {@link #deletedRows} holds, kept as it grows: the cache weighs states often. */
  private final AtomicLong deletedRanges = new AtomicLong();

  VersionState(Protocol protocol, Metadata metadata) {
    this.protocol = protocol;
    this.metadata = metadata;
  }

  public Protocol protocol() {
    return protocol;
  }

  public Metadata metadata() {
    return metadata;
  }

  /** The version's active files (unmodifiable), planned by {@code plan} on first use. */
  public List<ScanFile> activeFiles(Supplier<List<ScanFile>> plan) {
    boolean planned = activeFiles.value() == null;
    List<ScanFile> files = activeFiles.get(() -> List.copyOf(plan.get()));
    if (planned) {
      VersionCache.trim(); // this state has grown
    }
    return files;
  }

  /** The version's commit timestamp (empty when its commit has none), read by {@code read} on first use. */
  public Optional<Long> commitTimestamp(Supplier<Optional<Long>> read) {
    return commitTimestamp.get(read);
  }

  /**
   * The rows the deletion vector of {@code file} removes (sorted half-open ranges, not to be
   * modified), loaded by {@code load} on first use; none for a file without one.
   */
  public List<long[]> deletedRows(ScanFile file, Function<ScanFile, List<long[]>> load) {
    if (file.deletionVector() == null) {
      return List.of();
    }
    boolean[] loaded = {false};
    List<long[]> ranges = deletedRows.computeIfAbsent(file.path() + "\0" + file.deletionVector().getUniqueId(),
        key -> {
          loaded[0] = true;
          List<long[]> loadedRanges = List.copyOf(load.apply(file));
          deletedRanges.addAndGet(loadedRanges.size());
          return loadedRanges;
        });
    if (loaded[0]) {
      VersionCache.trim();
    }
    return ranges;
  }

  /** Roughly how much this state holds: one unit for itself, one per active file and deleted-row range. */
  long weight() {
    List<ScanFile> files = activeFiles.value();
    return 1 + (files == null ? 0 : files.size()) + deletedRanges.get();
  }

  /** A value computed by the first caller; concurrent callers wait for it. */
  private static final class Once<T> {
    private volatile T value;

    T value() {
      return value;
    }

    T get(Supplier<T> compute) {
      T known = value;
      if (known == null) {
        synchronized (this) {
          known = value;
          if (known == null) {
            known = compute.get();
            value = known;
          }
        }
      }
      return known;
    }
  }
}
