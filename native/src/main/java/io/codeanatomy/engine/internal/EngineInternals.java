package io.codeanatomy.engine.internal;

import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import java.util.function.LongFunction;

/**
 * Native access for the library's own modules (delta, udf, validation) that add entry points of
 * their own. Not an API: calls run with the raw addresses of a session or frame, under their locks,
 * so the address cannot be freed during the call. Installed by {@link Session}'s class initialiser.
 */
public final class EngineInternals {
  /** Implemented by the engine package, which owns the handles. */
  public interface Access {
    <T> T withSession(Session session, LongFunction<T> call);

    <T> T withFrame(DataFrame frame, LongFunction<T> call);

    DataFrame adoptFrame(Session session, long frameAddress);
  }

  private static volatile Access access;

  private EngineInternals() {}

  public static void install(Access implementation) {
    access = implementation;
  }

  private static Access access() {
    if (access == null) {
      try { // initialising Session installs the access
        Class.forName(Session.class.getName(), true, Session.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return access;
  }

  /** Runs {@code call} with the session's native address while the session stays open. */
  public static <T> T withSession(Session session, LongFunction<T> call) {
    return access().withSession(session, call);
  }

  /** Runs {@code call} with the frame's native address while the frame and its session stay open. */
  public static <T> T withFrame(DataFrame frame, LongFunction<T> call) {
    return access().withFrame(frame, call);
  }

  /** Wraps a native DataFrame address returned by an entry point as a frame of {@code session}. */
  public static DataFrame adoptFrame(Session session, long frameAddress) {
    return access().adoptFrame(session, frameAddress);
  }
}
