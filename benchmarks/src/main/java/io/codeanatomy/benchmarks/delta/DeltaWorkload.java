package io.codeanatomy.benchmarks.delta;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.DeltaTables;
import io.codeanatomy.delta.DeltaVersionSpec;
import io.codeanatomy.delta.DeltaWriteOptions;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.RuntimeProfile;
import io.codeanatomy.engine.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * The rows and the scan of the Delta benchmarks. Rows are {@code (id BIGINT, v DOUBLE = id * 0.5,
 * name STRING = 'n' || id)} for consecutive ids from 0. {@code delta/interop/bench.py} builds the
 * same rows as an Arrow table for delta-rs and runs {@link #SCAN_SQL} there too: the two languages
 * cannot share one definition, so {@link ScanAnswer#expected} pins the answer both sides must return.
 */
final class DeltaWorkload {
  /** An aggregate that reads every value of every column. */
  static final String SCAN_SQL = "SELECT count(*) AS n, sum(id) AS s, sum(v) AS sv, max(name) AS m FROM t";

  private DeltaWorkload() {}

  /** {@code count} rows with ids from {@code first}. */
  static String rowsSql(long first, long count) {
    return "SELECT value AS id, CAST(value AS DOUBLE) * 0.5 AS v, concat('n', value) AS name FROM generate_series("
        + first + ", " + (first + count - 1) + ")";
  }

  /** What {@link #SCAN_SQL} returns: row count, {@code sum(id)}, {@code sum(v)} and {@code max(name)}. */
  record ScanAnswer(long rows, long idSum, double vSum, String maxName) {
    /**
     * The answer over ids {@code 0 .. rows-1}. Every partial sum of {@code v} is a multiple of 0.5
     * far below 2^52, so any summation order gives exactly this double.
     */
    static ScanAnswer expected(long rows) {
      long idSum = rows * (rows - 1) / 2;
      return new ScanAnswer(rows, idSum, idSum * 0.5, "n" + lexicographicMax(rows - 1));
    }

    /** Fails naming {@code what} unless this is {@code expected}. */
    void require(ScanAnswer expected, String what) {
      if (!equals(expected)) {
        throw new IllegalStateException(what + " answered " + this + ", expected " + expected);
      }
    }
  }

  /**
   * The greatest decimal string, compared as text, of the numbers {@code 0 .. last}: {@code last}
   * itself (same-length strings compare as numbers) or the longest run of nines shorter than it.
   */
  static String lexicographicMax(long last) {
    String longest = Long.toString(last);
    String nines = "9".repeat(longest.length() - 1);
    return longest.compareTo(nines) >= 0 ? longest : nines;
  }

  /**
   * Writes ids {@code 0 .. rows-1} as a new table at {@code directory}, one append per slice of
   * {@code rows / files} rows; fails unless the table ends up with {@code files} data files.
   */
  static DeltaTable writeTable(Path directory, long rows, int files) {
    DeltaTable table = DeltaTable.forPath(directory.toString());
    long perFile = rows / files;
    // One partition: one writer, so one file per append (as delta-rs writes one small batch).
    try (Session session = Session.open(RuntimeProfile.builder().targetPartitions(1).build())) {
      for (int file = 0; file < files; file++) {
        long first = file * perFile;
        long count = file == files - 1 ? rows - first : perFile;
        try (DataFrame slice = session.sql(rowsSql(first, count))) {
          table.write(slice, DeltaWriteOptions.append().build());
        }
      }
    }
    int written = table.addActions(DeltaVersionSpec.latest()).size();
    if (written != files) {
      throw new IllegalStateException(table.uri() + " has " + written + " data files, expected " + files);
    }
    return table;
  }

  /** Registers {@code table} as {@code t} (Kernel log replay included) and runs {@link #SCAN_SQL}. */
  static ScanAnswer scan(Session session, DeltaTable table, BufferAllocator allocator) {
    DeltaTables.register(session, "t", table);
    try (DataFrame frame = session.sql(SCAN_SQL); ArrowReader reader = frame.stream(allocator)) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot batch = reader.getVectorSchemaRoot();
        if (batch.getRowCount() == 1) {
          return new ScanAnswer(((BigIntVector) batch.getVector("n")).get(0), ((BigIntVector) batch.getVector("s")).get(0),
              ((Float8Vector) batch.getVector("sv")).get(0), String.valueOf(batch.getVector("m").getObject(0)));
        }
      }
      throw new IllegalStateException("the scan of " + table.uri() + " returned no row");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes a directory tree (a benchmark's table). */
  static void deleteTree(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
