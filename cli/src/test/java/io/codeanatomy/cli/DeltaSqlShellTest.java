package io.codeanatomy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delta tables from the command line: create, insert, query and time travel with SQL alone. */
class DeltaSqlShellTest {
  @TempDir Path dir;

  private record Result(int status, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = SqlShell.run(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void createInsertAndSelectADeltaTable() {
    Path table = dir.resolve("events");
    // Several statements in one -c, separated by semicolons.
    Result first = run("-q", "-o", "csv", "-c",
        "CREATE EXTERNAL TABLE events (id BIGINT, kind VARCHAR) STORED AS DELTA LOCATION '" + table + "';"
            + "INSERT INTO events VALUES (1, 'open'), (2, 'close');"
            + "INSERT INTO events SELECT id + 10, kind FROM events;"
            + "SELECT count(*) AS n, sum(id) AS s FROM events");
    assertEquals(0, first.status(), first.err());
    assertEquals("count\n2\ncount\n2\nn,s\n4,26",
        first.out().strip().replace("\r", "").replaceAll("\n+", "\n"));
    assertTrue(Files.isDirectory(table.resolve("_delta_log")));

    // A later session finds the table on disk, at its latest version or at an earlier one.
    Result second = run("-q", "-o", "csv", "-c",
        "CREATE EXTERNAL TABLE events STORED AS DELTA LOCATION '" + table + "';"
            + "CREATE EXTERNAL TABLE events_v1 STORED AS DELTA LOCATION '" + table + "' OPTIONS ('version' '1');"
            + "INSERT OVERWRITE events SELECT * FROM events WHERE kind = 'open';"
            + "SELECT (SELECT count(*) FROM events) AS now, (SELECT count(*) FROM events_v1) AS v1");
    assertEquals(0, second.status(), second.err());
    assertTrue(second.out().strip().replace("\r", "").endsWith("now,v1\n2,2"), second.out());
  }

  @Test
  void aMissingTableIsATypedErrorNamingTheLocation() {
    Path missing = dir.resolve("nowhere");
    Result result = run("-c", "CREATE EXTERNAL TABLE t STORED AS DELTA LOCATION '" + missing + "'; SELECT 1 AS after");
    assertEquals(SqlShell.FAILED, result.status());
    assertTrue(result.err().contains(missing.toString()) && result.err().contains("DELTA_TABLE"), result.err());
    assertFalse(result.out().contains("after"), result.out());
  }
}
