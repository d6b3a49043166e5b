package io.codeanatomy.engine;

import io.codeanatomy.engine.internal.NativeBridge;
import io.codeanatomy.engine.internal.NativeLibrary;
import java.util.List;
import java.util.Objects;

/** SQL scripts: several statements separated by semicolons. */
public final class SqlScript {
  private SqlScript() {}

  /**
   * The statements of {@code script} in order, split at top-level semicolons by the engine's SQL
   * tokenizer (semicolons in strings, quoted names and comments do not split).
   */
  public static List<String> split(String script) {
    Objects.requireNonNull(script, "script");
    NativeLibrary.ensureLoaded();
    return List.of(NativeBridge.splitStatements(script));
  }
}
