package io.codeanatomy.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.EngineStateException;
import io.codeanatomy.core.error.ErrorCode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The ownership rules every native object relies on, checked without the engine behind them. */
class NativeHandleTest {
  private static final long ADDRESS = 0xC0FFEEL;

  @Test
  void closeWaitsForInFlightCallsAndFreesOnce() throws Exception {
    AtomicInteger frees = new AtomicInteger();
    AtomicLong freesSeenInsideCall = new AtomicLong(-1);
    Object owner = new Object();
    NativeHandle handle = new NativeHandle(owner, "test object", ADDRESS, address -> frees.incrementAndGet());
    CountDownLatch inCall = new CountDownLatch(1);
    CountDownLatch finishCall = new CountDownLatch(1);
    Thread caller = new Thread(() -> handle.run(address -> {
      inCall.countDown();
      awaitQuietly(finishCall);
      freesSeenInsideCall.set(frees.get());
    }));
    caller.start();
    assertTrue(inCall.await(30, TimeUnit.SECONDS));
    Thread closer = new Thread(handle::close);
    closer.start();
    // The closer parks on the write lock while the call holds the read lock.
    while (closer.getState() != Thread.State.WAITING) {
      assertTrue(closer.isAlive(), "close() returned while a call was still running");
      Thread.onSpinWait();
    }
    assertEquals(0, frees.get(), "freed under a running call");
    finishCall.countDown();
    caller.join();
    closer.join();
    assertEquals(0, freesSeenInsideCall.get());
    assertEquals(1, frees.get());
    handle.close();
    assertEquals(1, frees.get(), "close is idempotent");
    EngineStateException closed = assertThrows(EngineStateException.class, () -> handle.run(address -> { }));
    assertEquals(ErrorCode.RESOURCE_CLOSED, closed.errorCode());
    assertTrue(closed.getMessage().contains("test object is closed"), closed.getMessage());
  }

  @Test
  void cleanerFreesTheAddressOfAnUnreachableOwner() throws Exception {
    CountDownLatch freed = new CountDownLatch(1);
    AtomicLong freedAddress = new AtomicLong();
    register(freed, freedAddress);
    for (int round = 0; round < 200 && freed.getCount() > 0; round++) {
      System.gc();
      freed.await(50, TimeUnit.MILLISECONDS);
    }
    assertEquals(0, freed.getCount(), "the Cleaner never freed the forgotten handle");
    assertEquals(ADDRESS, freedAddress.get());
  }

  /** A handle whose owner is unreachable once this returns. */
  private static void register(CountDownLatch freed, AtomicLong freedAddress) {
    new NativeHandle(new Object(), "forgotten object", ADDRESS, address -> {
      freedAddress.set(address);
      freed.countDown();
    });
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
