package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;

/** What diagnostics a pipeline captures (reference: {@code relspec/pipeline_policy.py}). */
public record DiagnosticsPolicy(boolean captureDatafusionMetrics, boolean captureDatafusionTraces,
    boolean captureDatafusionExplains, boolean explainAnalyze, String explainAnalyzeLevel,
    boolean emitKernelLaneDiagnostics) implements FingerprintableConfig {
  public static final String DEFAULT_EXPLAIN_ANALYZE_LEVEL = "summary";
  public static final DiagnosticsPolicy DEFAULT = builder().build();

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("capture_datafusion_metrics", captureDatafusionMetrics,
        "capture_datafusion_traces", captureDatafusionTraces, "capture_datafusion_explains", captureDatafusionExplains,
        "explain_analyze", explainAnalyze, "explain_analyze_level", explainAnalyzeLevel,
        "emit_kernel_lane_diagnostics", emitKernelLaneDiagnostics);
  }

  /** Builder; every switch defaults to true, the level to {@code summary} (null means DataFusion's default). */
  public static final class Builder {
    private boolean captureDatafusionMetrics = true;
    private boolean captureDatafusionTraces = true;
    private boolean captureDatafusionExplains = true;
    private boolean explainAnalyze = true;
    private String explainAnalyzeLevel = DEFAULT_EXPLAIN_ANALYZE_LEVEL;
    private boolean emitKernelLaneDiagnostics = true;

    private Builder() {}

    public Builder captureDatafusionMetrics(boolean value) {
      this.captureDatafusionMetrics = value;
      return this;
    }

    public Builder captureDatafusionTraces(boolean value) {
      this.captureDatafusionTraces = value;
      return this;
    }

    public Builder captureDatafusionExplains(boolean value) {
      this.captureDatafusionExplains = value;
      return this;
    }

    public Builder explainAnalyze(boolean value) {
      this.explainAnalyze = value;
      return this;
    }

    public Builder explainAnalyzeLevel(String value) {
      this.explainAnalyzeLevel = value;
      return this;
    }

    public Builder emitKernelLaneDiagnostics(boolean value) {
      this.emitKernelLaneDiagnostics = value;
      return this;
    }

    public DiagnosticsPolicy build() {
      return new DiagnosticsPolicy(captureDatafusionMetrics, captureDatafusionTraces, captureDatafusionExplains,
          explainAnalyze, explainAnalyzeLevel, emitKernelLaneDiagnostics);
    }
  }
}
