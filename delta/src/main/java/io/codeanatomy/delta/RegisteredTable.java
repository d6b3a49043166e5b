package io.codeanatomy.delta;

import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.delta.internal.Json;
import io.codeanatomy.delta.internal.KernelPredicates;
import io.codeanatomy.delta.internal.ScanFile;
import io.codeanatomy.delta.internal.ScanPlanner;
import io.codeanatomy.engine.internal.DeltaFilePlanner;
import io.delta.kernel.Snapshot;
import io.delta.kernel.expressions.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Delta table as registered in a session (the engine's table holds it): the table and how it
 * was registered, and the planner of the registered table's scans. Each scan's pushed-down filters
 * become a Kernel predicate; Kernel's scan planning over the registered snapshot (partition
 * pruning, data skipping) names the files to read, among the registered ones.
 */
final class RegisteredTable implements DeltaFilePlanner {
  private final DeltaTable table;
  private final DeltaReadOptions read;
  private final Snapshot snapshot;
  private final Set<String> registeredPaths;
  private final AtomicReference<DeltaScanReport> lastScan = new AtomicReference<>();
  /**
   * Planned files by predicate: the snapshot never changes, so a predicate's plan is computed once
   * rather than replaying the log for every scan; at most {@value #MAX_PLANS} are kept.
   */
  private final Map<String, List<String>> plans = new ConcurrentHashMap<>();
  private static final int MAX_PLANS = 256;

  RegisteredTable(DeltaTable table, DeltaReadOptions read, Snapshot snapshot, Set<String> registeredPaths) {
    this.table = table;
    this.read = read;
    this.snapshot = snapshot;
    this.registeredPaths = Set.copyOf(registeredPaths);
  }

  DeltaTable table() {
    return table;
  }

  DeltaReadOptions read() {
    return read;
  }

  Optional<DeltaScanReport> lastScan() {
    return Optional.ofNullable(lastScan.get());
  }

  @Override
  public String planFiles(String predicateJson) {
    Predicate predicate = KernelPredicates.fromJson(predicateJson, snapshot.getSchema());
    if (plans.size() >= MAX_PLANS) {
      plans.clear();
    }
    List<String> paths = plans.computeIfAbsent(predicateJson, json -> plan(predicate));
    lastScan.set(new DeltaScanReport(predicate.toString(), paths.size(), registeredPaths.size()));
    return Json.write(paths);
  }

  /** The registered files Kernel's scan planning keeps for {@code predicate}. */
  private List<String> plan(Predicate predicate) {
    List<ScanFile> planned;
    try {
      planned = ScanPlanner.files(table.engine(), snapshot, predicate);
    } catch (CodeAnatomyException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DeltaException(ErrorCode.DELTA_SCAN_PLANNING, "Delta table " + table.uri() + " at version "
          + snapshot.getVersion() + ": Kernel cannot plan a scan for " + predicate + ": " + e, e);
    }
    List<String> paths = new ArrayList<>();
    for (ScanFile file : planned) {
      if (registeredPaths.contains(file.path())) {
        paths.add(file.path());
      }
    }
    return List.copyOf(paths);
  }
}
