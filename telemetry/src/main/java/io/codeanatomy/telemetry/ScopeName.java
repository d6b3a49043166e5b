package io.codeanatomy.telemetry;

/** Instrumentation scope names (reference {@code ScopeName} / {@code scopes.py}). */
public final class ScopeName {
  public static final String ROOT = "codeanatomy";
  public static final String PIPELINE = "codeanatomy.pipeline";
  public static final String EXTRACT = "codeanatomy.extract";
  public static final String NORMALIZE = "codeanatomy.normalize";
  public static final String PLANNING = "codeanatomy.planning";
  public static final String SCHEDULING = "codeanatomy.scheduling";
  public static final String DATAFUSION = "codeanatomy.datafusion";
  public static final String HAMILTON = "codeanatomy.hamilton";
  public static final String CPG = "codeanatomy.cpg";
  /** The meter of every catalogue metric. */
  public static final String OBS = "codeanatomy.obs";
  public static final String DIAGNOSTICS = "codeanatomy.diagnostics";

  private ScopeName() {}

  /**
   * The scope for a pipeline layer ({@code scope_for_layer}): {@code inputs} → extract, {@code plan}
   * → planning, {@code execution} → hamilton; null, {@code outputs}, {@code quality}, {@code params},
   * {@code incremental} and unknown layers → pipeline.
   */
  public static String forLayer(String layer) {
    if (layer == null) {
      return PIPELINE;
    }
    return switch (layer) {
      case "inputs" -> EXTRACT;
      case "plan" -> PLANNING;
      case "execution" -> HAMILTON;
      default -> PIPELINE;
    };
  }
}
