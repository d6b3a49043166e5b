package io.codeanatomy.engine.internal;

import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.EngineStateException;
import io.codeanatomy.core.error.ErrorCode;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.spi.AbstractInterruptibleChannel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The results of a query: an {@link ArrowReader} over the Arrow C Stream the engine exports, so
 * batches arrive as the engine produces them, without copies. Adds what the C interface cannot
 * carry: typed errors, cancellation on {@link #close()} or on interrupt of the reading thread,
 * and a completion callback with the plan's scan metrics.
 */
public final class QueryStream extends ArrowReader {
  /** Told once when the stream ends, fails or is closed. */
  public interface CompletionListener {
    void completed(QueryOutcome outcome);
  }

  private final ArrowReader imported;
  private final NativeHandle control;
  private final CompletionListener listener;
  private final CancelOnInterrupt interruptor = new CancelOnInterrupt();
  // Serialises batch loading with close, so close never releases the C stream under a reader.
  private final ReentrantLock batchLock = new ReentrantLock();
  private CodeAnatomyException failure;
  private boolean finished;

  public QueryStream(BufferAllocator allocator, ArrowReader imported, long controlAddress,
      CompletionListener listener) {
    super(allocator);
    this.imported = imported;
    this.control = new NativeHandle(this, "query stream", controlAddress, NativeBridge::streamFree);
    this.listener = listener;
  }

  @Override
  public VectorSchemaRoot getVectorSchemaRoot() throws IOException {
    return imported.getVectorSchemaRoot();
  }

  @Override
  public Map<Long, Dictionary> getDictionaryVectors() throws IOException {
    return imported.getDictionaryVectors();
  }

  @Override
  public Dictionary lookup(long id) {
    return imported.lookup(id);
  }

  @Override
  public Set<Long> getDictionaryIds() {
    return imported.getDictionaryIds();
  }

  @Override
  public boolean loadNextBatch() {
    batchLock.lock();
    try {
      if (failure != null) {
        throw failure;
      }
      if (finished) {
        return false;
      }
      boolean loaded = false;
      try {
        boolean completed = false;
        interruptor.enter();
        try {
          loaded = imported.loadNextBatch();
          completed = true;
        } finally {
          interruptor.exit(completed);
        }
      } catch (AsynchronousCloseException cancelled) {
        fail(new EngineStateException(ErrorCode.QUERY_CANCELLED,
            cancelled instanceof ClosedByInterruptException
                ? "query cancelled: the reading thread was interrupted"
                : "query cancelled", cancelled));
      } catch (IOException | RuntimeException e) {
        fail(translate(e));
      }
      if (!loaded) {
        finish(null);
      }
      return loaded;
    } finally {
      batchLock.unlock();
    }
  }

  /** Stops the native query; a blocked or later {@link #loadNextBatch()} fails as cancelled. */
  public void cancel() {
    if (!control.isClosed()) {
      try {
        control.run(NativeBridge::streamCancel);
      } catch (EngineStateException alreadyClosed) {
        // the stream finished concurrently; nothing left to cancel
      }
    }
  }

  private void fail(CodeAnatomyException error) {
    finish(error);
    throw error;
  }

  private void finish(CodeAnatomyException error) {
    if (finished) {
      return;
    }
    finished = true;
    failure = error;
    long[] metrics = control.apply(NativeBridge::streamScanMetrics);
    listener.completed(new QueryOutcome(error, metrics[0], metrics[1], metrics[2]));
  }

  private CodeAnatomyException translate(Exception e) {
    CodeAnatomyException nativeFailure = control.apply(NativeBridge::streamFailure);
    if (nativeFailure != null) {
      return nativeFailure;
    }
    if (e instanceof CodeAnatomyException typed) {
      return typed;
    }
    return CodeAnatomyException.of(ErrorCode.ARROW, "reading query results failed: " + e.getMessage(), e);
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  protected void closeReadSource() throws IOException {
    cancel();
    batchLock.lock();
    try {
      if (!finished) {
        finish(new EngineStateException(ErrorCode.QUERY_CANCELLED, "query stream closed before its end", null));
      }
      imported.close();
    } finally {
      batchLock.unlock();
      control.close();
    }
  }

  @Override
  protected Schema readSchema() throws IOException {
    return imported.getVectorSchemaRoot().getSchema();
  }

  /**
   * Turns {@link Thread#interrupt()} of the thread blocked in the engine into a cancellation of
   * the native query, through the JDK's interruptible-channel protocol.
   */
  private final class CancelOnInterrupt extends AbstractInterruptibleChannel {
    void enter() {
      begin();
    }

    void exit(boolean completed) throws AsynchronousCloseException {
      end(completed);
    }

    @Override
    protected void implCloseChannel() {
      cancel();
    }
  }
}
