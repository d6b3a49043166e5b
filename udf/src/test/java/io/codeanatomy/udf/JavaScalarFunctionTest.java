package io.codeanatomy.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.core.fingerprint.Hashing;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import io.codeanatomy.udf.internal.JavaUdfDispatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Java-written vectorised functions join the native catalog and behave like native ones. */
class JavaScalarFunctionTest {
  private static final ArrowType INT64 = new ArrowType.Int(64, true);
  private static final ArrowType INT32 = new ArrowType.Int(32, true);

  /** stable_hash64 written in Java: BLAKE2b-8 of the UTF-8 text, top bit cleared (core's Hashing). */
  static final JavaScalarFunction JAVA_HASH64 = JavaScalarFunction.builder("java_hash64")
      .parameter("value", ArrowType.Utf8.INSTANCE)
      .returns(INT64)
      .body((arguments, rows, allocator) -> {
        VarCharVector input = (VarCharVector) arguments.get(0);
        BigIntVector output = new BigIntVector("java_hash64", allocator);
        output.allocateNew(rows);
        for (int row = 0; row < rows; row++) {
          if (input.isNull(row)) {
            output.setNull(row);
          } else {
            output.set(row, Hashing.hash64FromText(new String(input.get(row), StandardCharsets.UTF_8)));
          }
        }
        output.setValueCount(rows);
        return output;
      })
      .build();

  private BufferAllocator allocator;
  private Session session;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
    session = Session.open();
  }

  @AfterEach
  void close() {
    session.close();
    assertEquals(0, allocator.getAllocatedMemory());
    allocator.close();
    assertEquals(0, JavaUdfDispatcher.allocatedBytes(), "the engine released every Java result");
  }

  private List<List<Object>> rows(DataFrame frame) {
    List<List<Object>> rows = new ArrayList<>();
    try (frame; ArrowReader reader = frame.stream(allocator)) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        for (int row = 0; row < root.getRowCount(); row++) {
          List<Object> values = new ArrayList<>();
          for (FieldVector vector : root.getFieldVectors()) {
            Object value = vector.getObject(row);
            values.add(value == null ? null : value.toString());
          }
          rows.add(values);
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return rows;
  }

  @Test
  void javaFunctionMatchesTheNativeOneOnEveryRowAcrossBatches() {
    FunctionCatalog.register(session, JAVA_HASH64);
    session.set("datafusion.execution.batch_size", "1000");
    List<List<Object>> mismatches = rows(session.sql(
        "SELECT v FROM (SELECT CASE WHEN value % 97 = 0 THEN NULL ELSE concat('sym_', value, '_ü') END AS v "
            + "FROM generate_series(1, 5000)) WHERE java_hash64(v) IS DISTINCT FROM stable_hash64(v)"));
    assertEquals(List.of(), mismatches);
    assertEquals(List.of(List.of("5982700193828047002")), rows(session.sql("SELECT java_hash64('alpha')")));
  }

  /** Engine threads that call Java stay attached as daemons: they must not keep the JVM from exiting. */
  @Test
  void engineThreadsCallingJavaAreDaemons() {
    Set<Thread> callers = ConcurrentHashMap.newKeySet();
    FunctionCatalog.register(session, JavaScalarFunction.builder("caller_is_daemon")
        .parameter("value", INT64)
        .returns(ArrowType.Bool.INSTANCE)
        .body((arguments, rows, allocator) -> {
          callers.add(Thread.currentThread());
          BitVector output = new BitVector("caller_is_daemon", allocator);
          output.allocateNew(1);
          output.set(0, Thread.currentThread().isDaemon() ? 1 : 0);
          output.setValueCount(1);
          return output;
        })
        .build());
    session.set("datafusion.execution.target_partitions", "2");
    session.set("datafusion.execution.batch_size", "100");
    rows(session.sql("SELECT count(*) FROM generate_series(1, 10000) WHERE caller_is_daemon(value)"));
    callers.remove(Thread.currentThread());
    assertFalse(callers.isEmpty(), "the function ran on engine threads");
    for (Thread caller : callers) {
      assertTrue(caller.isDaemon(), caller + " is attached as a non-daemon thread");
    }
  }

  @Test
  void visibleInInformationSchemaAndUsableFromDataFrames() {
    FunctionCatalog.register(session, JAVA_HASH64);
    assertEquals(List.of(List.of("java_hash64", "FUNCTION")), rows(session.sql(
        "SELECT routine_name, routine_type FROM information_schema.routines WHERE routine_name = 'java_hash64'")));
    try (DataFrame values = session.sql("SELECT 'alpha' AS name")) {
      assertEquals(List.of(List.of("5982700193828047002")), rows(values.select("java_hash64(name)")));
    }
  }

  @Test
  void nestedTypesInAndOut() {
    Field item = new Field("item", FieldType.nullable(INT32), null);
    Field list = new Field("values", FieldType.nullable(ArrowType.List.INSTANCE), List.of(item));
    Field stats = new Field("stats", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
        new Field("n", FieldType.notNullable(INT64), null), new Field("total", FieldType.notNullable(INT64), null)));
    FunctionCatalog.register(session, JavaScalarFunction.builder("list_stats").parameter(list).returns(stats)
        .body((arguments, rows, allocator) -> {
          ListVector input = (ListVector) arguments.get(0);
          IntVector items = (IntVector) input.getDataVector();
          StructVector output = StructVector.empty("stats", allocator);
          BigIntVector n = output.addOrGet("n", FieldType.notNullable(INT64), BigIntVector.class);
          BigIntVector total = output.addOrGet("total", FieldType.notNullable(INT64), BigIntVector.class);
          output.allocateNew();
          for (int row = 0; row < rows; row++) {
            long sum = 0;
            int start = input.getElementStartIndex(row);
            int end = input.isNull(row) ? start : input.getElementEndIndex(row);
            for (int i = start; i < end; i++) {
              sum += items.isNull(i) ? 0 : items.get(i);
            }
            n.setSafe(row, end - start);
            total.setSafe(row, sum);
            output.setIndexDefined(row);
          }
          output.setValueCount(rows);
          return output;
        }).build());
    assertEquals(List.of(List.of("3", "60"), List.of("0", "0")), rows(session.sql(
        "SELECT s['n'], s['total'] FROM (SELECT list_stats(v) AS s FROM (VALUES (make_array(10, 20, 30)), "
            + "(CAST(make_array() AS INT[]))) AS t(v))")));
  }

  @Test
  void aOneValueResultStandsForEveryRow() {
    FunctionCatalog.register(session, JavaScalarFunction.builder("answer").parameter("x", INT64).returns(INT64)
        .body((arguments, rows, allocator) -> {
          BigIntVector one = new BigIntVector("answer", allocator);
          one.allocateNew(1);
          one.set(0, 42);
          one.setValueCount(1);
          return one;
        }).build());
    assertEquals(List.of(List.of("3", "126")), rows(session.sql(
        "SELECT count(*), sum(answer(value)) FROM generate_series(1, 3)")));
  }

  @Test
  void javaExceptionIsTheCauseOfTheQueryFailure() {
    IllegalArgumentException boom = new IllegalArgumentException("boom at row 7");
    FunctionCatalog.register(session, JavaScalarFunction.builder("explode").parameter("x", INT64).returns(INT64)
        .body((arguments, rows, allocator) -> {
          throw boom;
        }).build());
    CodeAnatomyException error = assertThrows(CodeAnatomyException.class,
        () -> session.execute("SELECT explode(value) FROM generate_series(1, 10)"));
    assertEquals(ErrorCode.USER_FUNCTION, error.errorCode());
    assertSame(boom, error.getCause());
    assertTrue(error.getMessage().contains("explode"), error.getMessage());
    assertEquals(1, session.execute("SELECT 1"), "the session survives");
  }

  @Test
  void wrongResultTypeAndBadNamesAreClearErrors() {
    FunctionCatalog.register(session, JavaScalarFunction.builder("liar").parameter("x", INT64).returns(INT64)
        .body((arguments, rows, allocator) -> {
          IntVector wrong = new IntVector("liar", allocator);
          wrong.allocateNew(rows);
          wrong.setValueCount(rows);
          return wrong;
        }).build());
    CodeAnatomyException error = assertThrows(CodeAnatomyException.class,
        () -> session.execute("SELECT liar(value) FROM generate_series(1, 3)"));
    assertTrue(error.getMessage().contains("instead of the declared Int64"), error.getMessage());
    assertThrows(InvalidInputException.class, () -> JavaScalarFunction.builder("no spaces; DROP").returns(INT64)
        .body((a, r, al) -> null).build());
    FunctionCatalog.register(session, JAVA_HASH64);
    CodeAnatomyException arity = assertThrows(CodeAnatomyException.class, () -> session.sql("SELECT java_hash64(1, 2)"));
    assertEquals(ErrorCode.PLAN, arity.errorCode());
    assertTrue(arity.getMessage().contains("java_hash64"), arity.getMessage());
  }

  /** A result whose offsets point past its data buffer never reaches the engine. */
  @Test
  void aResultWhoseBuffersDoNotMatchItsDataFailsTheQuery() {
    FunctionCatalog.register(session, JavaScalarFunction.builder("overrun").parameter("x", INT64)
        .returns(ArrowType.Utf8.INSTANCE)
        .body((arguments, rows, allocator) -> {
          VarCharVector text = new VarCharVector("overrun", allocator);
          text.allocateNew(rows);
          for (int row = 0; row < rows; row++) {
            text.setSafe(row, "ab".getBytes(StandardCharsets.UTF_8));
          }
          text.setValueCount(rows);
          text.getOffsetBuffer().setInt((long) rows * Integer.BYTES, 1 << 24);
          return text;
        }).build());
    CodeAnatomyException error = assertThrows(CodeAnatomyException.class,
        () -> session.execute("SELECT overrun(value) FROM generate_series(1, 3)"));
    assertTrue(error.getMessage().contains("buffers do not match"), error.getMessage());
  }

  @Test
  void snapshotListsNativeDdlAndJavaFunctions() {
    FunctionCatalog.register(session, JAVA_HASH64);
    session.execute("CREATE FUNCTION add_one(x BIGINT) RETURNS BIGINT RETURN $1 + 1");
    RegistrySnapshot snapshot = FunctionCatalog.snapshot(session);
    assertTrue(snapshot.scalar().containsAll(List.of("stable_hash64", "stable_id", "utf8_normalize", "java_hash64")),
        () -> snapshot.scalar().toString());
    assertTrue(snapshot.aliases().getOrDefault("stable_hash64", List.of()).contains("hash64"), snapshot.aliases()::toString);
    assertTrue(snapshot.ddlFunctions().containsKey("add_one"), snapshot.ddlFunctions()::toString);
    assertEquals("NFKC", snapshot.configDefaults().get("utf8_normalize").get("default_form"));
    assertTrue(snapshot.allNames().containsAll(Arrays.asList("udf_registry", "udf_docs")), snapshot.table()::toString);
    assertEquals(List.of(List.of("3")), rows(session.sql("SELECT add_one(2)")));
  }

  @Test
  void exceptionTypeIsPreservedNotWrapped() {
    FunctionCatalog.register(session, JavaScalarFunction.builder("checked").parameter("x", INT64).returns(INT64)
        .body((arguments, rows, allocator) -> {
          throw new IOException("disk gone");
        }).build());
    CodeAnatomyException error = assertThrows(CodeAnatomyException.class,
        () -> session.execute("SELECT checked(1)"));
    assertInstanceOf(IOException.class, error.getCause());
  }
}
