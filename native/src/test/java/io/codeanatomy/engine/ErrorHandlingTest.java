package io.codeanatomy.engine;

import static io.codeanatomy.engine.EngineTestSupport.closeChecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.EngineStateException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.core.error.NativePanicException;
import io.codeanatomy.core.error.PlanningException;
import io.codeanatomy.core.error.QueryExecutionException;
import io.codeanatomy.core.error.ResourcesExhaustedException;
import io.codeanatomy.engine.internal.NativeBridge;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Each kind of failure arrives as its typed exception with a stable code, and the JVM survives. */
class ErrorHandlingTest {

  private static <T extends CodeAnatomyException> T expect(Class<T> type, ErrorCode code, Runnable action) {
    T error = assertThrows(type, action::run);
    assertEquals(code, error.errorCode(), error::toString);
    return error;
  }

  @Test
  void planningErrorsAreTyped() {
    try (Session session = Session.open()) {
      expect(PlanningException.class, ErrorCode.SQL_SYNTAX, () -> session.sql("SELEC 1"));
      PlanningException table = expect(PlanningException.class, ErrorCode.PLAN, () -> session.sql("SELECT * FROM no_such_table"));
      assertTrue(table.getMessage().contains("no_such_table"), table.getMessage());
      session.execute("CREATE TABLE t AS VALUES (1, 'a')");
      PlanningException column = expect(PlanningException.class, ErrorCode.SCHEMA, () -> session.sql("SELECT no_such_column FROM t"));
      assertTrue(column.getMessage().contains("no_such_column"), column.getMessage());
      expect(PlanningException.class, ErrorCode.PLAN, () -> session.sql("SELECT column1 + true FROM t"));
      try (DataFrame frame = session.table("t")) {
        expect(PlanningException.class, ErrorCode.SCHEMA, () -> frame.filter("nope > 1"));
        expect(PlanningException.class, ErrorCode.SQL_SYNTAX, () -> frame.select("column1 +"));
        expect(PlanningException.class, ErrorCode.SQL_SYNTAX, () -> frame.sort("column1 SIDEWAYS"));
      }
    }
  }

  @Test
  void executionErrorsSurfaceWhileReading() {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    try (Session session = Session.open();
        DataFrame frame = session.sql("SELECT CAST(column1 AS INT) FROM (VALUES ('1'), ('x')) AS v")) {
      expect(QueryExecutionException.class, ErrorCode.ARROW, () -> EngineTestSupport.rows(frame, allocator));
      // count() needs no column values, so the failing cast is never evaluated (DataFusion semantics)
      assertEquals(2, frame.count());
      expect(QueryExecutionException.class, ErrorCode.ARROW, () -> session.execute("SELECT CAST('x' AS INT)"));
    }
    closeChecked(allocator);
  }

  @Test
  void memoryLimitGivesResourcesExhausted() {
    RuntimeProfile profile = RuntimeProfile.builder().memoryLimitBytes(2L << 20).targetPartitions(2).build();
    try (Session session = Session.open(profile)) {
      // array_agg keeps every value and cannot spill
      ResourcesExhaustedException error = expect(ResourcesExhaustedException.class, ErrorCode.RESOURCES_EXHAUSTED,
          () -> session.execute("SELECT array_agg(value) FROM generate_series(1, 5000000)"));
      assertTrue(error.getMessage().toLowerCase().contains("resources exhausted"), error.getMessage());
      // the session still works afterwards
      assertEquals(1, session.execute("SELECT 1"));
    }
  }

  @Test
  void closedSessionAndFramesRefuseCalls() {
    Session session = Session.open();
    DataFrame frame = session.sql("SELECT 1");
    session.close();
    session.close(); // idempotent
    assertTrue(session.isClosed());
    expect(EngineStateException.class, ErrorCode.RESOURCE_CLOSED, () -> session.sql("SELECT 1"));
    expect(EngineStateException.class, ErrorCode.RESOURCE_CLOSED, frame::count);
    expect(EngineStateException.class, ErrorCode.RESOURCE_CLOSED, () -> frame.filter("true"));
  }

  @Test
  void closingTheSessionCancelsARunningQuery() throws Exception {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    Session session = Session.open(RuntimeProfile.builder().targetPartitions(2).build());
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Throwable> reading = CompletableFuture.supplyAsync(() -> {
      try (DataFrame frame = session.sql("SELECT count(*) FROM generate_series(1, 100000000000) a");
          ArrowReader reader = frame.stream(allocator)) {
        started.countDown();
        while (reader.loadNextBatch()) {
          // keep reading until cancelled
        }
        return null;
      } catch (Throwable e) {
        started.countDown();
        return e;
      }
    });
    assertTrue(started.await(30, TimeUnit.SECONDS));
    Thread.sleep(200);
    session.close();
    Throwable failure = reading.get(60, TimeUnit.SECONDS);
    assertTrue(failure instanceof EngineStateException, String.valueOf(failure));
    assertEquals(ErrorCode.QUERY_CANCELLED, ((EngineStateException) failure).errorCode());
    closeChecked(allocator);
  }

  @Test
  void garbageArrowStreamIsRejected() {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    byte[] garbage = new byte[256];
    new Random(7).nextBytes(garbage);
    try (Session session = Session.open()) {
      ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(garbage), allocator);
      InvalidInputException error = expect(InvalidInputException.class, ErrorCode.INVALID_ARROW_DATA,
          () -> session.registerArrow("junk", reader));
      assertTrue(error.getMessage().contains("invalid Arrow data"), error.getMessage());
      assertEquals(List.of(), session.tables());
    }
    closeChecked(allocator);
  }

  @Test
  void corruptOffsetsAreRejectedBeforeTheEngineReadsThem() {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    Schema schema = new Schema(List.of(new Field("s", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    VarCharVector strings = (VarCharVector) root.getVector(0);
    strings.allocateNew();
    strings.setSafe(0, "ok".getBytes(StandardCharsets.UTF_8));
    strings.setSafe(1, "fine".getBytes(StandardCharsets.UTF_8));
    root.setRowCount(2);
    strings.getOffsetBuffer().setInt(8, 1 << 20); // second string now ends far past the data buffer
    try (Session session = Session.open()) {
      InvalidInputException error = expect(InvalidInputException.class, ErrorCode.INVALID_ARROW_DATA,
          () -> session.registerArrow("bad", EngineTestSupport.readerOf(allocator, schema, List.of(root))));
      // caught on the Java side from the buffer sizes, before the engine could read past the buffer
      assertTrue(error.getMessage().contains("Not enough capacity for data buffer"), error.getMessage());
      assertEquals(1, session.execute("SELECT 1"));
    }
    closeChecked(allocator);
  }

  @Test
  void nativePanicIsContained() {
    Session.engineVersion(); // loads the library
    NativePanicException panic = assertThrows(NativePanicException.class, NativeBridge::selfTestPanic);
    assertEquals(ErrorCode.NATIVE_PANIC, panic.errorCode());
    assertTrue(panic.getMessage().contains("self-test panic"), panic.getMessage());
    try (Session session = Session.open()) {
      assertEquals(1, session.execute("SELECT 1"));
    }
  }

  @Test
  void badProfileValuesAreConfigurationErrors() {
    expect(io.codeanatomy.core.error.ConfigurationException.class, ErrorCode.CONFIGURATION,
        () -> RuntimeProfile.builder().targetPartitions(0).build());
    RuntimeProfile unknownKey = RuntimeProfile.builder().setting("datafusion.execution.no_such_key", "1").build();
    expect(io.codeanatomy.core.error.ConfigurationException.class, ErrorCode.CONFIGURATION, () -> Session.open(unknownKey));
    RuntimeProfile badValue = RuntimeProfile.builder().setting("datafusion.execution.batch_size", "many").build();
    CodeAnatomyException error = assertThrows(CodeAnatomyException.class, () -> Session.open(badValue));
    assertTrue(error.getMessage().contains("batch_size"), error.getMessage());
  }
}
