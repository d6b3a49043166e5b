package io.codeanatomy.telemetry;

import java.util.Optional;
import java.util.Set;

/**
 * The metric catalogue (reference {@code MetricName} and {@code metrics.py}): each metric's name,
 * instrument, unit, description and, for metrics that have a view, the only attribute keys the
 * view keeps.
 */
public enum MetricName {
  STAGE_DURATION("codeanatomy.stage.duration", Instrument.HISTOGRAM, "s",
      "Stage execution duration (seconds).",
      Set.of(AttributeName.RUN_ID, AttributeName.STAGE, AttributeName.STATUS)),
  TASK_DURATION("codeanatomy.task.duration", Instrument.HISTOGRAM, "s",
      "Hamilton task execution duration (seconds).",
      Set.of(AttributeName.RUN_ID, AttributeName.TASK_KIND, AttributeName.STATUS)),
  DATAFUSION_DURATION("codeanatomy.datafusion.execute.duration", Instrument.HISTOGRAM, "s",
      "DataFusion execution duration (seconds).",
      Set.of(AttributeName.RUN_ID, AttributeName.STATUS, AttributeName.PLAN_KIND)),
  WRITE_DURATION("codeanatomy.datafusion.write.duration", Instrument.HISTOGRAM, "s",
      "DataFusion write duration (seconds).",
      Set.of(AttributeName.RUN_ID, AttributeName.STATUS, AttributeName.DESTINATION)),
  ARTIFACT_COUNT("codeanatomy.artifact.count", Instrument.COUNTER, "1",
      "Artifact counts emitted by the pipeline.",
      Set.of(AttributeName.ARTIFACT_KIND, AttributeName.RUN_ID, AttributeName.STATUS)),
  ERROR_COUNT("codeanatomy.error.count", Instrument.COUNTER, "1",
      "Error counts emitted by the pipeline.",
      Set.of(AttributeName.RUN_ID, AttributeName.ERROR_TYPE, AttributeName.STAGE)),
  DATASET_ROWS("codeanatomy.dataset.rows", Instrument.OBSERVABLE_GAUGE, "1", "Dataset row counts.", null),
  DATASET_COLUMNS("codeanatomy.dataset.columns", Instrument.OBSERVABLE_GAUGE, "1", "Dataset column counts.", null),
  SCAN_ROW_GROUPS("codeanatomy.scan.row_groups", Instrument.OBSERVABLE_GAUGE, "1",
      "Row group counts observed during scans.", null),
  SCAN_FRAGMENTS("codeanatomy.scan.fragments", Instrument.OBSERVABLE_GAUGE, "1",
      "Fragment counts observed during scans.", null);

  /** The OpenTelemetry instrument behind a metric. */
  public enum Instrument {
    /** A double histogram with the {@link MetricViews#BUCKET_BOUNDARIES_SECONDS} buckets. */
    HISTOGRAM,
    /** A double counter incremented by 1.0 per call. */
    COUNTER,
    /** A double gauge reporting the latest value per attribute set. */
    OBSERVABLE_GAUGE
  }

  private final String metricName;
  private final Instrument instrument;
  private final String unit;
  private final String description;
  private final Set<String> viewAttributeKeys;

  MetricName(String metricName, Instrument instrument, String unit, String description, Set<String> viewAttributeKeys) {
    this.metricName = metricName;
    this.instrument = instrument;
    this.unit = unit;
    this.description = description;
    this.viewAttributeKeys = viewAttributeKeys;
  }

  /** The exported metric name, e.g. {@code codeanatomy.stage.duration}. */
  public String metricName() {
    return metricName;
  }

  public Instrument instrument() {
    return instrument;
  }

  public String unit() {
    return unit;
  }

  public String description() {
    return description;
  }

  /** The attribute keys this metric's view keeps; empty for the gauges, which have no view. */
  public Optional<Set<String>> viewAttributeKeys() {
    return Optional.ofNullable(viewAttributeKeys);
  }
}
