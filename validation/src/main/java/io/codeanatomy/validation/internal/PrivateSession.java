package io.codeanatomy.validation.internal;

import io.codeanatomy.core.coercion.ArrowStreams;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.RuntimeProfile;
import io.codeanatomy.engine.Session;
import java.util.Objects;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs a validation over Arrow data in a session of its own: the data is imported without copying
 * under {@code table}, and the session (with the import) is closed afterwards. Results the body
 * collected stay valid: they hold their own references to the buffers.
 */
public final class PrivateSession {
  /**
   * {@link RuntimeProfile#defaults()} with at least 32 partitions: grouping millions of keys (the
   * duplicate-key checks) runs best split into hash partitions small enough to stay in cache,
   * while scans and small inputs barely notice the extra partitions.
   */
  public static final RuntimeProfile DEFAULT_PROFILE = RuntimeProfile.defaults().toBuilder()
      .targetPartitions(Math.max(32, Runtime.getRuntime().availableProcessors())).build();

  private PrivateSession() {}

  /**
   * @param data anything {@link ArrowStreams#toReader} accepts; an {@code ArrowReader} is consumed and closed
   */
  public static <T> T withTable(Object data, String table, RuntimeProfile profile, BufferAllocator allocator,
      Function<DataFrame, T> body) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(allocator, "allocator");
    try (Session session = Session.open(profile)) {
      session.registerArrow(table, ArrowStreams.toReader(data, allocator));
      try (DataFrame frame = session.table(table)) {
        return body.apply(frame);
      }
    }
  }
}
