package io.codeanatomy.telemetry;

/** Attribute keys of the telemetry catalogue (reference {@code AttributeName}). */
public final class AttributeName {
  /** The current run id; added by the facade, never taken from a caller. */
  public static final String RUN_ID = "codeanatomy.run_id";
  public static final String STAGE = "stage";
  public static final String STATUS = "status";
  public static final String TASK_KIND = "task_kind";
  public static final String PLAN_KIND = "plan_kind";
  public static final String DESTINATION = "destination";
  public static final String ARTIFACT_KIND = "artifact_kind";
  public static final String ERROR_TYPE = "error_type";
  /** The stage of a stage span (span attribute; the metric attribute is {@link #STAGE}). */
  public static final String STAGE_NAME = "codeanatomy.stage";
  public static final String DATASET = "dataset";

  private AttributeName() {}
}
