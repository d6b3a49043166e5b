package io.codeanatomy.delta;

import java.util.List;

/**
 * The outcome of registering a Delta table: the snapshot registered, how many active files it has
 * and the files the registered table scans (all of them, or the pinned subset).
 */
public record DeltaRegistration(String name, DeltaSnapshotInfo snapshot, int totalFiles, List<DeltaAddAction> files) {
  public DeltaRegistration {
    files = List.copyOf(files);
  }
}
