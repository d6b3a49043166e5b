package io.codeanatomy.engine.internal;

import io.codeanatomy.core.error.EngineStateException;
import io.codeanatomy.core.error.ErrorCode;
import java.lang.ref.Cleaner;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

/**
 * Owns one native object. Calls run under a shared lock, so any number may run at once; {@link
 * #close()} takes the exclusive lock, so it waits for in-flight calls and no call can see a freed
 * address. If the owner is garbage-collected without being closed, a {@link Cleaner} frees it.
 */
public final class NativeHandle implements AutoCloseable {
  private static final Cleaner CLEANER = Cleaner.create();

  private final String description;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Release release;
  private final Cleaner.Cleanable cleanable;
  private volatile boolean closed;

  /**
   * @param owner the object whose unreachability frees the address; must not be referenced by
   *     {@code free}
   */
  public NativeHandle(Object owner, String description, long address, LongConsumer free) {
    if (address == 0) {
      throw new IllegalArgumentException("native " + description + " address is null");
    }
    this.description = description;
    this.release = new Release(address, free);
    this.cleanable = CLEANER.register(owner, release);
  }

  public <T> T apply(LongFunction<T> call) {
    ReentrantReadWriteLock.ReadLock read = lock.readLock();
    read.lock();
    try {
      return call.apply(openAddress());
    } finally {
      read.unlock();
    }
  }

  public long applyAsLong(LongUnaryOperator call) {
    ReentrantReadWriteLock.ReadLock read = lock.readLock();
    read.lock();
    try {
      return call.applyAsLong(openAddress());
    } finally {
      read.unlock();
    }
  }

  public void run(LongConsumer call) {
    ReentrantReadWriteLock.ReadLock read = lock.readLock();
    read.lock();
    try {
      call.accept(openAddress());
    } finally {
      read.unlock();
    }
  }

  public boolean isClosed() {
    return closed;
  }

  private long openAddress() {
    if (closed) {
      throw new EngineStateException(ErrorCode.RESOURCE_CLOSED, description + " is closed", null);
    }
    return release.address;
  }

  /** Frees the native object after in-flight calls finish; idempotent. */
  @Override
  public void close() {
    ReentrantReadWriteLock.WriteLock write = lock.writeLock();
    write.lock();
    try {
      if (!closed) {
        closed = true;
        cleanable.clean();
      }
    } finally {
      write.unlock();
    }
  }

  /** The cleaning action; holds only the address, never the owner. */
  private static final class Release implements Runnable {
    private final long address;
    private final LongConsumer free;

    Release(long address, LongConsumer free) {
      this.address = address;
      this.free = free;
    }

    @Override
    public void run() {
      // Cleanable.clean() runs this at most once, whether from close() or the Cleaner.
      free.accept(address);
    }
  }
}
