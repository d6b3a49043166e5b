package io.codeanatomy.delta;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.PlanningException;
import io.codeanatomy.delta.internal.DataWriter;
import io.codeanatomy.delta.internal.ScanFile;
import io.codeanatomy.delta.internal.ScanPlanner;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.ExpressionInfo;
import io.codeanatomy.engine.Session;
import io.delta.kernel.Snapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * The read side of a replace-where overwrite: the predicate checked against the table (boolean, no
 * subquery, only the table's columns, partition or data) and against the data (every row must
 * match), the files holding matching rows, and the other rows of those files, to be written again.
 * The snapshot is registered in the data's session under a temporary name, with a file-path column,
 * until {@link #close()}.
 */
final class ReplaceWhere implements AutoCloseable {
  private static final String FILE_COLUMN = "__delta_replace_file";

  private final Session session;
  private final String tempName;
  private final List<ScanFile> removed;
  private final long deletedRows;
  private final DataFrame keptRows;

  private ReplaceWhere(Session session, String tempName, List<ScanFile> removed, long deletedRows,
      DataFrame keptRows) {
    this.session = session;
    this.tempName = tempName;
    this.removed = removed;
    this.deletedRows = deletedRows;
    this.keptRows = keptRows;
  }

  /** Validates {@code predicate} and plans the replacement on {@code base} (null: the table is new). */
  static ReplaceWhere prepare(DeltaTable table, Snapshot base, String predicate, DataWriter data) {
    DataFrame frame = data.frame().orElseThrow(() -> new ConfigurationException("Delta table " + table.uri()
        + ": replaceWhere needs a DataFrame write (the engine evaluates the predicate), not an Arrow stream"));
    Session session = frame.session();
    String matches = "coalesce((" + predicate + "), false)";
    if (base == null) {
      validate(table, null, frame, predicate);
      requireDataMatches(table, null, frame, predicate, matches);
      return new ReplaceWhere(session, null, List.of(), 0, null);
    }
    String tempName = "__delta_replace_" + UUID.randomUUID().toString().replace("-", "");
    DeltaTables.register(session, tempName, table, DeltaReadOptions.LATEST
        .at(DeltaVersionSpec.atVersion(base.getVersion()))
        .withScan(DeltaScanOptions.DEFAULT.withFileColumn(FILE_COLUMN)));
    try {
      try (DataFrame snapshot = session.table(tempName)) {
        validate(table, base, snapshot, predicate);
      }
      requireDataMatches(table, base, frame, predicate, matches);
      Map<String, Long> matched = matchedRowsPerFile(session, tempName, matches);
      List<ScanFile> removed = new ArrayList<>();
      for (ScanFile file : ScanPlanner.files(table.engine(), base, null)) {
        if (matched.containsKey(file.path())) {
          removed.add(file);
        }
      }
      long deleted = matched.values().stream().mapToLong(Long::longValue).sum();
      DataFrame kept = removed.isEmpty() ? null : session.sql(keptRowsSql(base, tempName, removed, matches));
      return new ReplaceWhere(session, tempName, removed, deleted, kept);
    } catch (RuntimeException e) {
      session.deregister(tempName);
      throw e;
    }
  }

  /** Files whose rows match the predicate, with how many match; the predicate also prunes the scan. */
  private static Map<String, Long> matchedRowsPerFile(Session session, String tempName, String matches) {
    Map<String, Long> matched = new LinkedHashMap<>();
    String sql = "SELECT \"" + FILE_COLUMN + "\", count(*) FROM \"" + tempName + "\" WHERE " + matches
        + " GROUP BY 1";
    try (BufferAllocator allocator = new RootAllocator();
        DataFrame result = session.sql(sql);
        ArrowReader reader = result.stream(allocator)) {
      while (reader.loadNextBatch()) {
        List<FieldVector> vectors = reader.getVectorSchemaRoot().getFieldVectors();
        for (int row = 0; row < reader.getVectorSchemaRoot().getRowCount(); row++) {
          matched.put(String.valueOf(vectors.get(0).getObject(row)), ((BigIntVector) vectors.get(1)).get(row));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("query streams report failures as CodeAnatomyException", e);
    }
    return matched;
  }

  private static String keptRowsSql(Snapshot base, String tempName, List<ScanFile> removed, String matches) {
    List<String> columns = base.getSchema().fieldNames().stream().map(ReplaceWhere::identifier).toList();
    List<String> paths = removed.stream().map(f -> "'" + f.path().replace("'", "''") + "'").toList();
    return "SELECT " + String.join(", ", columns) + " FROM \"" + tempName + "\" WHERE \"" + FILE_COLUMN + "\" IN ("
        + String.join(", ", paths) + ") AND NOT " + matches;
  }

  private static void validate(DeltaTable table, Snapshot base, DataFrame frame, String predicate) {
    String where = where(table, base);
    ExpressionInfo info;
    try {
      info = frame.describeExpression(predicate);
    } catch (PlanningException e) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "replaceWhere predicate '" + predicate + "' does not apply to "
          + where + ": " + e.getMessage(), e);
    }
    String problem = !info.isBoolean() ? "is not boolean but " + info.result().getType()
        : info.containsSubquery() ? "contains a subquery"
        : info.columns().stream().anyMatch(FILE_COLUMN::equals) ? "names no column of the table" : null;
    if (problem != null) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "replaceWhere predicate '" + predicate + "' " + problem
          + " (" + where + ")", null);
    }
  }

  /** Delta's replaceWhere constraint: the data may only hold rows the predicate replaces. */
  private static void requireDataMatches(DeltaTable table, Snapshot base, DataFrame data, String predicate,
      String matches) {
    long outside;
    try (DataFrame rows = data.filter("NOT " + matches)) {
      outside = rows.count();
    } catch (PlanningException e) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "replaceWhere predicate '" + predicate + "' does not apply to "
          + "the data written to " + where(table, base) + ": " + e.getMessage(), e);
    }
    if (outside > 0) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, outside + " rows of the data written to " + where(table, base)
          + " do not match the replaceWhere predicate '" + predicate + "'", null);
    }
  }

  private static String where(DeltaTable table, Snapshot base) {
    return "Delta table " + table.uri() + (base == null ? " (new)" : " at version " + base.getVersion());
  }

  private static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** Active files of the snapshot holding rows the predicate matches: all of them are removed. */
  List<ScanFile> removed() {
    return removed;
  }

  long deletedRows() {
    return deletedRows;
  }

  /** The rows of the removed files the predicate does not match, to be written again; null when none. */
  DataWriter keptRows() {
    return keptRows == null ? null : DataWriter.of(keptRows);
  }

  @Override
  public void close() {
    if (keptRows != null) {
      keptRows.close();
    }
    if (tempName != null) {
      session.deregister(tempName);
    }
  }
}
