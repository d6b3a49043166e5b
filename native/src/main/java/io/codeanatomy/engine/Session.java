package io.codeanatomy.engine;

import io.codeanatomy.core.coercion.ArrowStreams;
import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.engine.internal.EngineInternals;
import io.codeanatomy.engine.internal.NativeBridge;
import io.codeanatomy.engine.internal.NativeHandle;
import io.codeanatomy.engine.internal.NativeLibrary;
import io.codeanatomy.engine.internal.QueryStream;
import io.codeanatomy.engine.internal.QueryTelemetry;
import io.codeanatomy.engine.internal.SqlText;
import io.codeanatomy.engine.internal.StatementRouter;
import io.codeanatomy.engine.internal.StructAllocator;
import io.codeanatomy.engine.internal.ValidatedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.WeakHashMap;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A query session of the embedded engine: a catalog of tables, a configuration and the function
 * catalog, over the process-wide native runtime. Thread-safe; any number of threads may plan and
 * run queries at once. {@link #close()} cancels running queries, waits for in-flight calls and
 * frees the native session; later calls throw {@code EngineStateException} (RESOURCE_CLOSED).
 */
public final class Session implements AutoCloseable {
  static {
    EngineInternals.install(new EngineInternals.Access() {
      @Override
      public <T> T withSession(Session session, LongFunction<T> call) {
        return session.handle.apply(call);
      }

      @Override
      public <T> T withFrame(DataFrame frame, LongFunction<T> call) {
        return frame.call(call);
      }

      @Override
      public DataFrame adoptFrame(Session session, long frameAddress) {
        return session.adopt(frameAddress, "sql");
      }
    });
  }

  private final RuntimeProfile profile;
  private final NativeHandle handle;
  private final Set<DataFrame> frames = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
  private final Set<QueryStream> streams = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private Session(RuntimeProfile profile) {
    NativeLibrary.ensureLoaded();
    this.profile = profile;
    this.handle = new NativeHandle(this, "session", NativeBridge.sessionCreate(profile.toNativeJson()),
        NativeBridge::sessionFree);
  }

  /** A session with {@link RuntimeProfile#defaults()}. */
  public static Session open() {
    return open(RuntimeProfile.defaults());
  }

  public static Session open(RuntimeProfile profile) {
    return new Session(Objects.requireNonNull(profile, "profile"));
  }

  public RuntimeProfile profile() {
    return profile;
  }

  /**
   * Plans one SQL statement and returns its result as a lazy {@link DataFrame}. DDL ({@code CREATE
   * …}, {@code DROP …}) and {@code SET} take effect immediately, as in DataFusion. Statements that a
   * {@link io.codeanatomy.engine.spi.StatementHandler} on the class path takes over (Delta tables)
   * run through it.
   */
  public DataFrame sql(String sql) {
    Objects.requireNonNull(sql, "sql");
    Optional<DataFrame> handled = StatementRouter.route(this, sql);
    if (handled.isPresent()) {
      return handled.get();
    }
    long frame;
    try {
      frame = handle.applyAsLong(session -> NativeBridge.sessionSql(session, sql));
    } catch (CodeAnatomyException e) {
      QueryTelemetry.start("sql").failedToStart(e); // planning failures count as failed executions
      throw e;
    }
    return adopt(frame, "sql");
  }

  /**
   * Runs one SQL statement to completion and discards its rows; for DDL, DML and {@code SET}.
   * Returns the number of rows the statement produced.
   */
  public long execute(String sql) {
    long rows = 0;
    try (DataFrame frame = sql(sql); ArrowReader results = frame.stream(StructAllocator.get())) {
      while (results.loadNextBatch()) {
        rows += results.getVectorSchemaRoot().getRowCount();
      }
    } catch (IOException e) {
      throw new IllegalStateException("query streams report failures as CodeAnatomyException", e);
    }
    return rows;
  }

  /** A registered table (or view) as a {@link DataFrame}. */
  public DataFrame table(String name) {
    Objects.requireNonNull(name, "name");
    return adopt(handle.applyAsLong(session -> NativeBridge.sessionTable(session, name)), name);
  }

  /**
   * Registers Arrow data under {@code name} through the Arrow C Stream interface, without copying
   * buffers. Reads the reader to its end and closes it; the batches stay alive (counted by the
   * reader's allocator) until the table is deregistered or the session closed.
   */
  public void registerArrow(String name, ArrowReader reader) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reader, "reader");
    BufferAllocator allocator;
    try {
      allocator = exportAllocator(reader);
    } catch (InvalidInputException e) {
      closeQuietly(reader, e);
      throw e;
    }
    try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
      Data.exportArrayStream(allocator, new ValidatedReader(reader), stream);
      handle.run(session -> NativeBridge.sessionRegisterStream(session, name, stream.memoryAddress()));
    }
  }

  /**
   * Registers Arrow data in any form {@link ArrowStreams#toReader} accepts: a {@link
   * org.apache.arrow.vector.VectorSchemaRoot} (its current contents; the root stays yours), Arrow
   * IPC stream or file bytes, an IPC {@link java.io.InputStream}, or a {@link java.nio.file.Path} to
   * an IPC file. Batches cross as in {@link #registerArrow(String, ArrowReader)}; IPC input is read
   * into {@code allocator}.
   */
  public void registerArrow(String name, Object data, BufferAllocator allocator) {
    registerArrow(name, ArrowStreams.toReader(data, allocator));
  }

  private static void closeQuietly(ArrowReader reader, Exception primary) {
    try {
      reader.close();
    } catch (IOException | RuntimeException e) {
      primary.addSuppressed(e);
    }
  }

  /**
   * The allocator the C stream exporter must use: Arrow Java moves each exported buffer's
   * accounting to it, which only works within the allocator tree the data came from.
   */
  private static BufferAllocator exportAllocator(ArrowReader reader) {
    try {
      List<FieldVector> vectors = reader.getVectorSchemaRoot().getFieldVectors();
      return vectors.isEmpty() ? StructAllocator.get() : vectors.get(0).getAllocator();
    } catch (IOException | RuntimeException e) { // Arrow's readers throw either on malformed input
      throw new InvalidInputException(ErrorCode.INVALID_ARROW_DATA,
          "invalid Arrow data: cannot read the stream's schema: " + e.getMessage(), e);
    }
  }

  /**
   * Registers a file or a directory of files as a listing table, like {@code CREATE EXTERNAL
   * TABLE name STORED AS format LOCATION path OPTIONS (…)}. Options are DataFusion's format
   * options, e.g. {@code format.has_header} or {@code format.delimiter} for CSV.
   */
  public void registerFiles(String name, String path, FileFormat format, Map<String, String> options) {
    Objects.requireNonNull(format, "format");
    StringBuilder ddl = new StringBuilder("CREATE EXTERNAL TABLE ")
        .append(SqlText.identifier(name)).append(" STORED AS ").append(format.sqlName())
        .append(" LOCATION ").append(SqlText.literal(path));
    if (!options.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      options.forEach((key, value) -> pairs.add(SqlText.literal(key) + " " + SqlText.literal(value)));
      ddl.append(" OPTIONS (").append(String.join(", ", pairs)).append(')');
    }
    execute(ddl.toString());
  }

  /** {@link #registerFiles} with the format taken from the path's extension and no options. */
  public void registerFiles(String name, String path) {
    registerFiles(name, path, FileFormat.fromPath(path), Map.of());
  }

  /** Removes a table; returns whether it existed. */
  public boolean deregister(String name) {
    Objects.requireNonNull(name, "name");
    return handle.apply(session -> NativeBridge.sessionDeregister(session, name));
  }

  public List<String> catalogs() {
    return List.of(handle.apply(NativeBridge::sessionCatalogNames));
  }

  public List<String> schemas(String catalog) {
    Objects.requireNonNull(catalog, "catalog");
    return List.of(handle.apply(session -> NativeBridge.sessionSchemaNames(session, catalog)));
  }

  public List<String> tables(String catalog, String schema) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(schema, "schema");
    return List.of(handle.apply(session -> NativeBridge.sessionTableNames(session, catalog, schema)));
  }

  /** Tables of the profile's default catalog and schema. */
  public List<String> tables() {
    return tables(profile.defaultCatalog(), profile.defaultSchema());
  }

  /** Changes a configuration key for this session, as {@code SET key = 'value'}. */
  public void set(String key, String value) {
    execute("SET " + SqlText.configKey(key) + " = " + SqlText.literal(value));
  }

  /** Every configuration key and its current value, from {@code information_schema.df_settings}. */
  public Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    try (RootAllocator allocator = new RootAllocator();
        DataFrame frame = sql("SELECT name, value FROM information_schema.df_settings ORDER BY name");
        ArrowReader reader = frame.stream(allocator)) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        VarCharVector names = (VarCharVector) root.getVector(0);
        VarCharVector values = (VarCharVector) root.getVector(1);
        for (int row = 0; row < root.getRowCount(); row++) {
          settings.put(names.getObject(row).toString(), values.isNull(row) ? null : values.getObject(row).toString());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("closing an in-memory reader does not do I/O", e);
    }
    return Collections.unmodifiableMap(settings);
  }

  /** The DataFusion version of the native engine. */
  public static String engineVersion() {
    NativeLibrary.ensureLoaded();
    return NativeBridge.datafusionVersion();
  }

  /**
   * Cancels the session's running queries, waits for in-flight calls, then frees the session and
   * its data frames. Streams already handed out fail on their next batch; close them as usual.
   */
  @Override
  public void close() {
    List<QueryStream> running;
    synchronized (streams) {
      running = new ArrayList<>(streams);
    }
    running.forEach(QueryStream::cancel);
    handle.close();
    List<DataFrame> open;
    synchronized (frames) {
      open = new ArrayList<>(frames);
      frames.clear();
    }
    open.forEach(DataFrame::close);
  }

  public boolean isClosed() {
    return handle.isClosed();
  }

  NativeHandle handle() {
    return handle;
  }

  DataFrame adopt(long frameAddress, String dataset) {
    DataFrame frame = new DataFrame(this, frameAddress, dataset);
    frames.add(frame);
    return frame;
  }

  void track(QueryStream stream) {
    streams.add(stream);
  }

  void untrack(QueryStream stream) {
    streams.remove(stream);
  }
}
