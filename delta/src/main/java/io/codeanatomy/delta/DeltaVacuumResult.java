package io.codeanatomy.delta;

import java.util.List;

/**
 * What a vacuum deleted, or would delete in a dry run: data and deletion-vector files relative to
 * the table root, sorted; the retention applied; and the report (§1.5). A dry run, or a vacuum with
 * nothing to delete, commits nothing ({@code report.committed()} is false).
 */
public record DeltaVacuumResult(List<String> files, boolean dryRun, long retentionHours,
    DeltaOperationReport report) {

  public DeltaVacuumResult {
    files = List.copyOf(files);
  }
}
