package io.codeanatomy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlShellTest {
  @TempDir Path dir;

  private record Result(int status, String out, String err) {}

  private static Result run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = SqlShell.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void commandsAndFilesRunInOrderInOneSession() throws Exception {
    Path script = dir.resolve("script.sql");
    Files.writeString(script, "INSERT INTO t VALUES (2, 'two'); -- a comment; with a semicolon\n"
        + "SELECT count(*) AS n FROM t;");
    Result result = run("", "-c", "CREATE TABLE t (id INT, name VARCHAR); INSERT INTO t VALUES (1, 'one')",
        "-f", script.toString(), "-c", "SELECT name FROM t ORDER BY id", "-q");
    assertEquals(0, result.status(), result.err());
    String out = result.out();
    assertTrue(out.contains("| n |"), out);
    assertTrue(out.indexOf("| 2 |") < out.indexOf("| one  |"), out);
    assertTrue(out.indexOf("| one  |") < out.indexOf("| two  |"), out);
  }

  @Test
  void tablesFromFilesAndCsvAndJsonOutput() throws Exception {
    Path csv = dir.resolve("people.csv");
    Files.writeString(csv, "name,age\nada,36\ngrace,45\n");
    Result asCsv = run("", "--table", "people=" + csv, "-o", "csv", "-c", "SELECT name, age + 1 AS next FROM people ORDER BY name");
    assertEquals(0, asCsv.status(), asCsv.err());
    assertEquals("name,next\nada,37\ngrace,46\n", asCsv.out().strip() + "\n");
    Result asJson = run("", "--table", "people=" + csv, "-o", "json", "-c", "SELECT name FROM people WHERE age > 40");
    assertEquals("[{\"name\":\"grace\"}]", asJson.out().strip());
  }

  @Test
  void formatFlagNamesTheFormatOfFilesWithoutATellingExtension() throws Exception {
    Path data = dir.resolve("people.data");
    Files.writeString(data, "name,age\nada,36\ngrace,45\n");
    String sql = "SELECT name FROM people WHERE age > 40";
    Result guessed = run("", "--table", "people=" + data, "-o", "csv", "-c", sql);
    assertEquals(SqlShell.FAILED, guessed.status());
    assertTrue(guessed.err().contains("cannot tell the file format"), guessed.err());
    Result named = run("", "--table", "people=" + data, "--format", "csv", "-o", "csv", "-c", sql);
    assertEquals(0, named.status(), named.err());
    assertEquals("name\ngrace", named.out().strip());
  }

  @Test
  void ddlWorksLikeAnySql() throws Exception {
    Path out = dir.resolve("out.parquet");
    Result result = run("", "-q",
        "-c", "SET datafusion.execution.batch_size = 7",
        "-c", "COPY (SELECT value FROM generate_series(1, 10)) TO '" + out + "' STORED AS PARQUET",
        "-c", "CREATE EXTERNAL TABLE back STORED AS PARQUET LOCATION '" + out + "'",
        "-c", "SELECT sum(value) AS s FROM back",
        "-c", "SHOW datafusion.execution.batch_size");
    assertEquals(0, result.status(), result.err());
    assertTrue(result.out().contains("| 55 |"), result.out());
    assertTrue(result.out().contains("| datafusion.execution.batch_size | 7     |"), result.out());
  }

  @Test
  void failingStatementStopsWithNonZeroStatusAndStderr() {
    Result result = run("", "-c", "SELECT 1 AS a", "-c", "SELECT * FROM missing", "-c", "SELECT 2 AS b");
    assertEquals(SqlShell.FAILED, result.status());
    assertTrue(result.err().contains("missing"), result.err());
    assertTrue(result.err().contains("CA-1002"), result.err());
    assertTrue(!result.out().contains("| b |"), result.out());
  }

  @Test
  void readsStatementsFromStandardInputWithoutArguments() {
    Result result = run("SELECT 40 +\n 2 AS answer;\nSELECT * FROM nope;\nSELECT 'still here' AS s;\n");
    assertEquals(SqlShell.FAILED, result.status());
    assertTrue(result.out().contains("| 42     |"), result.out());
    assertTrue(result.out().contains("still here"), result.out());
    assertTrue(result.err().contains("nope"), result.err());
  }

  @Test
  void readmeQuickstartRunsInAFreshDirectory() throws Exception {
    // The README's main job, run like the launcher does, on a copy of examples/ (the script writes under target/).
    Path examples = Path.of(System.getProperty("user.dir")).resolveSibling("examples");
    Path copy = dir.resolve("examples");
    try (var files = Files.walk(examples)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Files.copy(source, copy.resolve(examples.relativize(source).toString()));
      }
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), SqlShell.class.getName(), "-q", "-o", "csv",
        "-f", "examples/quickstart.sql")
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), output);
    assertTrue(output.contains("lang,kind,symbols,avg_bytes"), output);
    assertTrue(Files.isDirectory(dir.resolve("target/quickstart/symbol_sizes/_delta_log")), output);
  }

  @Test
  void badUsageExitsWithTwo() {
    assertEquals(2, run("", "--table", "no-equals-sign").status());
    assertEquals(2, run("", "-o", "xml", "-c", "SELECT 1").status());
  }
}
