package io.codeanatomy.benchmarks.compare;

import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.FileFormat;
import io.codeanatomy.engine.RuntimeProfile;
import io.codeanatomy.engine.Session;
import io.codeanatomy.engine.internal.NativeLibrary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Our engine's side of the SQL suite in {@code benchmarks/compare}, driven by
 * {@code compare_engines.py}, which alternates the engines run by run so that they share the same
 * machine load, and owns the warm-up and timing policy. Registers every sub-directory of the data
 * directory as a Parquet table and prints {@code engine_version<TAB>version}; then, for each request
 * line {@code <query file path><TAB>time|answer} on standard input, plans and runs the query once,
 * draining its result batch by batch, and prints {@code rows<TAB>milliseconds<TAB>sums}, where sums
 * (only for {@code answer}, which reads the values) are the totals of the numeric columns.
 *
 * <pre>SqlSuiteRunner --data DIR [--threads 2]</pre>
 */
public final class SqlSuiteRunner {
  private SqlSuiteRunner() {}

  record Options(Path data, int threads) {
    static Options parse(String[] args) {
      Map<String, String> values = new HashMap<>(Map.of("--threads", "2"));
      for (int i = 0; i + 1 < args.length; i += 2) {
        values.put(args[i], args[i + 1]);
      }
      if (args.length % 2 != 0 || !values.containsKey("--data")) {
        throw new IllegalArgumentException("usage: SqlSuiteRunner --data DIR [--threads N]");
      }
      Options options = new Options(Path.of(values.get("--data")), Integer.parseInt(values.get("--threads")));
      if (options.threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1");
      }
      return options;
    }
  }

  /** Row count and, per numeric column, the sum of its non-null values as doubles. */
  record Answer(long rows, double[] numericColumnSums) {}

  public static void main(String[] args) throws IOException {
    Options options = Options.parse(args);
    // The native runtime reads its worker count once, when the library loads.
    System.setProperty(NativeLibrary.RUNTIME_THREADS_PROPERTY, Integer.toString(options.threads));
    BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (BufferAllocator allocator = new RootAllocator();
        Session session = Session.open(RuntimeProfile.builder().targetPartitions(options.threads).build())) {
      registerTables(session, options.data);
      System.out.println("engine_version\t" + Session.engineVersion());
      for (String request = requests.readLine(); request != null; request = requests.readLine()) {
        String[] fields = request.split("\t");
        String sql = Files.readString(Path.of(fields[0]));
        boolean wantAnswer = fields[1].equals("answer");
        long start = System.nanoTime();
        Answer answer = run(session, allocator, sql, wantAnswer);
        double millis = (System.nanoTime() - start) / 1e6;
        // println flushes, so the driver reads each result as soon as it is complete.
        System.out.println(String.format(Locale.ROOT, "%d\t%.3f\t%s", answer.rows(), millis,
            Arrays.stream(answer.numericColumnSums()).mapToObj(Double::toString).collect(Collectors.joining(","))));
      }
    }
  }

  private static void registerTables(Session session, Path data) throws IOException {
    try (Stream<Path> tables = Files.list(data)) {
      for (Path table : tables.filter(Files::isDirectory).sorted().toList()) {
        session.registerFiles(table.getFileName().toString(), table.toAbsolutePath() + "/", FileFormat.PARQUET, Map.of());
      }
    }
  }

  /** Plans and runs {@code sql}, draining the result batch by batch; sums numeric columns if asked. */
  private static Answer run(Session session, BufferAllocator allocator, String sql, boolean wantAnswer)
      throws IOException {
    long rows = 0;
    try (DataFrame frame = session.sql(sql); ArrowReader reader = frame.stream(allocator)) {
      List<Field> fields = reader.getVectorSchemaRoot().getSchema().getFields();
      int[] numericColumns = IntStream.range(0, fields.size()).filter(i -> isNumeric(fields.get(i))).toArray();
      double[] sums = new double[numericColumns.length];
      while (reader.loadNextBatch()) {
        VectorSchemaRoot batch = reader.getVectorSchemaRoot();
        rows += batch.getRowCount();
        for (int i = 0; wantAnswer && i < numericColumns.length; i++) {
          sums[i] += sum(batch.getVector(numericColumns[i]));
        }
      }
      return new Answer(rows, wantAnswer ? sums : new double[0]);
    }
  }

  private static boolean isNumeric(Field field) {
    ArrowType type = field.getType();
    return type instanceof ArrowType.Int || type instanceof ArrowType.FloatingPoint || type instanceof ArrowType.Decimal;
  }

  private static double sum(FieldVector vector) {
    double sum = 0;
    for (int row = 0; row < vector.getValueCount(); row++) {
      if (!vector.isNull(row)) {
        sum += ((Number) vector.getObject(row)).doubleValue();
      }
    }
    return sum;
  }
}
