package io.codeanatomy.engine;

import static io.codeanatomy.engine.EngineTestSupport.closeChecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.EngineStateException;
import io.codeanatomy.core.error.ErrorCode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;

/** Closing a stream early or interrupting its reader stops the native query. */
class CancellationTest {
  /** Endless unless cancelled: an aggregate over ~10^11 generated rows. */
  private static final String SLOW = "SELECT count(*) FROM generate_series(1, 100000000000)";

  @Test
  void streamingResultsArriveBatchByBatchAndEarlyCloseIsClean() throws Exception {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    try (Session session = Session.open(RuntimeProfile.builder().batchSize(1000).build());
        DataFrame frame = session.sql("SELECT value FROM generate_series(1, 10000000)")) {
      ArrowReader reader = frame.stream(allocator);
      assertTrue(reader.loadNextBatch());
      assertEquals(1000, reader.getVectorSchemaRoot().getRowCount());
      reader.close(); // after one of ten thousand batches
      assertEquals(1, session.execute("SELECT 1"));
    }
    closeChecked(allocator);
  }

  @Test
  void interruptingTheReadingThreadCancelsTheQuery() throws Exception {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch reading = new CountDownLatch(1);
    try (Session session = Session.open()) {
      Thread reader = new Thread(() -> {
        try (DataFrame frame = session.sql(SLOW); ArrowReader stream = frame.stream(allocator)) {
          reading.countDown();
          stream.loadNextBatch();
        } catch (Throwable e) {
          failure.set(e);
        }
      });
      reader.start();
      assertTrue(reading.await(30, TimeUnit.SECONDS));
      Thread.sleep(200);
      reader.interrupt();
      reader.join(TimeUnit.SECONDS.toMillis(60));
      assertTrue(!reader.isAlive(), "the interrupted reader must return promptly");
      Throwable error = failure.get();
      assertTrue(error instanceof EngineStateException, String.valueOf(error));
      assertEquals(ErrorCode.QUERY_CANCELLED, ((EngineStateException) error).errorCode());
      assertEquals(1, session.execute("SELECT 1"));
    }
    closeChecked(allocator);
  }

  @Test
  void closingFromAnotherThreadUnblocksTheReader() throws Exception {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (Session session = Session.open(); DataFrame frame = session.sql(SLOW)) {
      ArrowReader stream = frame.stream(allocator);
      Thread reader = new Thread(() -> {
        try {
          stream.loadNextBatch();
        } catch (Throwable e) {
          failure.set(e);
        }
      });
      reader.start();
      Thread.sleep(300);
      stream.close(); // cancels, then waits for the blocked read to return
      reader.join(TimeUnit.SECONDS.toMillis(60));
      assertTrue(!reader.isAlive());
      assertEquals(ErrorCode.QUERY_CANCELLED, ((EngineStateException) failure.get()).errorCode());
    }
    closeChecked(allocator);
  }
}
