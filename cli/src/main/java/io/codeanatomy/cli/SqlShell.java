package io.codeanatomy.cli;

import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.FileFormat;
import io.codeanatomy.engine.RuntimeProfile;
import io.codeanatomy.engine.Session;
import io.codeanatomy.engine.SqlScript;
import io.codeanatomy.engine.TextFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code codeanatomy-sql}: runs SQL statements in one embedded session. Statements from {@code -c}
 * and {@code -f} run in the order given; without either, statements are read from standard input
 * (with a prompt when it is a terminal). Exit status 1 when a statement fails, 2 on bad usage.
 */
@Command(name = "codeanatomy-sql", mixinStandardHelpOptions = true, versionProvider = SqlShell.Version.class,
    description = "Run SQL on local files and Delta tables with the embedded CodeAnatomy engine.")
public final class SqlShell implements Callable<Integer> {
  static final int FAILED = 1;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final List<Source> sources = new ArrayList<>();
  private final Map<String, String> tables = new LinkedHashMap<>();
  private final Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "Format of every --table (parquet, csv, json, arrow, avro); default: from the file extension.")
  private String format;

  @Option(names = {"-o", "--output"}, paramLabel = "table|csv|json", defaultValue = "table",
      description = "How results are printed (default: ${DEFAULT-VALUE}).")
  private String output;

  @Option(names = {"-q", "--quiet"}, description = "Do not print row counts and timings.")
  private boolean quiet;

  private record Source(boolean file, String value) {}

  SqlShell(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  @Option(names = {"-c", "--command"}, paramLabel = "SQL", description = "SQL to run (repeatable, in order with -f).")
  void command(String sql) {
    sources.add(new Source(false, sql));
  }

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "SQL script to run (repeatable).")
  void file(String path) {
    sources.add(new Source(true, path));
  }

  @Option(names = {"-t", "--table"}, paramLabel = "NAME=PATH",
      description = "Register a file or directory as table NAME (repeatable).")
  void table(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--table expects NAME=PATH, got '" + spec + "'");
    }
    tables.put(spec.substring(0, eq), spec.substring(eq + 1));
  }

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Engine setting for the session (repeatable).")
  void setting(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--set expects KEY=VALUE, got '" + spec + "'");
    }
    settings.put(spec.substring(0, eq), spec.substring(eq + 1));
  }

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the tool with the given streams; returns the exit status. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    CommandLine commandLine = new CommandLine(new SqlShell(in, out, err))
        // -c, -f, --table and --set repeat; their setters collect every occurrence in order
        .setOverwrittenOptionsAllowed(true);
    commandLine.setOut(new java.io.PrintWriter(out, true));
    commandLine.setErr(new java.io.PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Override
  public Integer call() {
    TextFormat textFormat;
    try {
      textFormat = TextFormat.valueOf(output.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("codeanatomy-sql: unknown --output '" + output + "' (table, csv, json)");
      return CommandLine.ExitCode.USAGE;
    }
    try (Session session = Session.open(RuntimeProfile.builder().settings(settings).build())) {
      for (Map.Entry<String, String> table : tables.entrySet()) {
        FileFormat tableFormat = format == null ? FileFormat.fromPath(table.getValue()) : FileFormat.fromName(format);
        session.registerFiles(table.getKey(), table.getValue(), tableFormat, Map.of());
      }
      if (sources.isEmpty()) {
        return interactive(session, textFormat);
      }
      for (Source source : sources) {
        String script = source.file() ? Files.readString(Path.of(source.value()), StandardCharsets.UTF_8) : source.value();
        int status = runScript(session, script, textFormat);
        if (status != CommandLine.ExitCode.OK) {
          return status;
        }
      }
      return CommandLine.ExitCode.OK;
    } catch (CodeAnatomyException e) {
      return report(e);
    } catch (IOException e) {
      err.println("Error: cannot read " + e.getMessage());
      return FAILED;
    }
  }

  private void runStatement(Session session, String statement, TextFormat textFormat) {
    long start = System.nanoTime();
    try (DataFrame frame = session.sql(statement)) {
      if (frame.schema().getFields().isEmpty()) {
        return; // DDL, SET and the like produce no columns
      }
      String text = frame.toText(textFormat);
      out.println(text);
      if (!quiet && textFormat == TextFormat.TABLE) {
        long rows = text.isEmpty() ? 0 : Math.max(0, text.lines().count() - 4);
        out.printf(Locale.ROOT, "%d row(s) fetched. Elapsed %.3f seconds.%n%n", rows, (System.nanoTime() - start) / 1e9);
      }
    }
  }

  private int interactive(Session session, TextFormat textFormat) throws IOException {
    boolean terminal = System.console() != null && in == System.in;
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    StringBuilder pending = new StringBuilder();
    int status = CommandLine.ExitCode.OK;
    while (true) {
      if (terminal) {
        out.print(pending.length() == 0 ? "codeanatomy> " : "          -> ");
        out.flush();
      }
      String line = reader.readLine();
      if (line == null) {
        break;
      }
      String trimmed = line.trim();
      if (pending.length() == 0 && (trimmed.equals("\\q") || trimmed.equalsIgnoreCase("quit") || trimmed.equalsIgnoreCase("exit"))) {
        break;
      }
      pending.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        status = Math.max(status, runScript(session, pending.toString(), textFormat));
        pending.setLength(0);
      }
    }
    if (!pending.toString().isBlank()) {
      status = Math.max(status, runScript(session, pending.toString(), textFormat));
    }
    return status;
  }

  /** Runs a script's statements in order, stopping at the first failure, which is reported. */
  private int runScript(Session session, String script, TextFormat textFormat) {
    try {
      for (String statement : SqlScript.split(script)) {
        runStatement(session, statement, textFormat);
      }
      return CommandLine.ExitCode.OK;
    } catch (CodeAnatomyException e) {
      return report(e);
    }
  }

  private int report(CodeAnatomyException e) {
    err.println("Error: " + e.getMessage() + " [" + e.errorCode().label() + " " + e.errorCode() + "]");
    return FAILED;
  }

  /** Reports the tool and engine versions. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"codeanatomy-sql " + SqlShell.class.getPackage().getImplementationVersion(),
          "DataFusion " + Session.engineVersion()};
    }
  }
}
