package io.codeanatomy.telemetry;

/**
 * What a {@link TelemetrySpan} times: which duration metric it records when it closes, which span
 * attribute supplies that metric's label, and which stage its failures are counted under.
 */
enum SpanOperation {
  /** {@code stage_span}: stage histogram, {@code stage.start}/{@code stage.end} events, no error count. */
  STAGE(AttributeName.STAGE_NAME, null, true) {
    @Override
    void recordDuration(Telemetry telemetry, String label, double seconds, String status) {
      telemetry.recordStageDuration(label, seconds, status, null);
    }
  },
  /** The reference's {@code hamilton.task} span: task histogram, errors counted under {@code hamilton}. */
  TASK(Telemetry.TASK_KIND_SPAN_ATTRIBUTE, "hamilton", false) {
    @Override
    void recordDuration(Telemetry telemetry, String label, double seconds, String status) {
      telemetry.recordTaskDuration(label, seconds, status, null);
    }
  },
  /** {@code datafusion.plan.compile} and {@code datafusion.execute}: DataFusion histogram by plan kind. */
  DATAFUSION_QUERY(AttributeName.PLAN_KIND, "datafusion", false) {
    @Override
    void recordDuration(Telemetry telemetry, String label, double seconds, String status) {
      telemetry.recordDatafusionDuration(seconds, status, label, null);
    }
  },
  /** {@code datafusion.write}: write histogram by destination. */
  DATAFUSION_WRITE(AttributeName.DESTINATION, "datafusion", false) {
    @Override
    void recordDuration(Telemetry telemetry, String label, double seconds, String status) {
      telemetry.recordWriteDuration(seconds, status, label, null);
    }
  };

  /** The span attribute whose (string) value labels the duration metric. */
  final String labelAttribute;
  /** The {@code stage} of the error counter on failure; null records no error count. */
  final String errorStage;
  final boolean stageEvents;

  SpanOperation(String labelAttribute, String errorStage, boolean stageEvents) {
    this.labelAttribute = labelAttribute;
    this.errorStage = errorStage;
    this.stageEvents = stageEvents;
  }

  abstract void recordDuration(Telemetry telemetry, String label, double seconds, String status);
}
