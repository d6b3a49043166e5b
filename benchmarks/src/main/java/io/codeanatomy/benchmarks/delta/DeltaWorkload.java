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
 * The mutations' predicates and merge source ({@code DeltaMutationBenchmark}) have Python twins in
 * bench.py likewise, and both sides check the rows a mutation leaves.
 */
final class DeltaWorkload {
  /** An aggregate that reads every value of every column. */
  static final String SCAN_SQL = scanSql("t");
  /** The rows {@code DeltaMutationBenchmark.delete} removes: 1% of them, in every file. */
  static final String DELETE_PREDICATE = "id % 100 = 0";
  /** How a merge's source rows meet the table's. */
  static final String MERGE_PREDICATE = "target.id = source.id";
  /** The name prefix of a merge's source rows, so updated rows differ from the ones they replace. */
  static final String MERGE_NAME_PREFIX = "u";

  private DeltaWorkload() {}

  /** {@link #SCAN_SQL} over {@code from} (a table name or a parenthesised query). */
  static String scanSql(String from) {
    return "SELECT count(*) AS n, sum(id) AS s, sum(v) AS sv, max(name) AS m FROM " + from;
  }

  /** {@code count} rows with ids from {@code first}. */
  static String rowsSql(long first, long count) {
    return rowsSql(first, count, "n");
  }

  /** {@code count} rows with ids from {@code first}, named {@code namePrefix || id}. */
  static String rowsSql(long first, long count, String namePrefix) {
    return "SELECT value AS id, CAST(value AS DOUBLE) * 0.5 AS v, concat('" + namePrefix + "', value) AS name"
        + " FROM generate_series(" + first + ", " + (first + count - 1) + ")";
  }

  /**
   * A merge's source: {@code sourceRows} rows, the first half the last ids of a {@code rows}-row
   * table (matched: updated), the rest new ids after it (inserted), named with {@link
   * #MERGE_NAME_PREFIX}.
   */
  static String mergeSourceSql(long rows, long sourceRows) {
    return rowsSql(rows - sourceRows / 2, sourceRows, MERGE_NAME_PREFIX);
  }

  /** The rows of a {@code rows}-row table after deleting {@link #DELETE_PREDICATE}. */
  static String afterDeleteSql(long rows) {
    return "SELECT * FROM (" + rowsSql(0, rows) + ") WHERE NOT (" + DELETE_PREDICATE + ")";
  }

  /** The rows of a {@code rows}-row table after merging {@link #mergeSourceSql} into it. */
  static String afterMergeSql(long rows, long sourceRows) {
    return rowsSql(0, rows - sourceRows / 2) + " UNION ALL " + mergeSourceSql(rows, sourceRows);
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
    return answer(session, SCAN_SQL, allocator, table.uri());
  }

  /** {@link #SCAN_SQL}'s answer over the rows {@code query} returns, computed by the engine. */
  static ScanAnswer scanOf(Session session, String query, BufferAllocator allocator) {
    return answer(session, scanSql("(" + query + ")"), allocator, query);
  }

  private static ScanAnswer answer(Session session, String sql, BufferAllocator allocator, String source) {
    try (DataFrame frame = session.sql(sql); ArrowReader reader = frame.stream(allocator)) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot batch = reader.getVectorSchemaRoot();
        if (batch.getRowCount() == 1) {
          return new ScanAnswer(((BigIntVector) batch.getVector("n")).get(0), ((BigIntVector) batch.getVector("s")).get(0),
              ((Float8Vector) batch.getVector("sv")).get(0), String.valueOf(batch.getVector("m").getObject(0)));
        }
      }
      throw new IllegalStateException("the scan of " + source + " returned no row");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the directory tree {@code from} (a prepared table) to {@code to}, which must not exist. */
  static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Files.copy(path, to.resolve(from.relativize(path).toString()));
      }
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
