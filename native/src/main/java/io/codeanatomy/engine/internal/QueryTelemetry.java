package io.codeanatomy.engine.internal;

import io.codeanatomy.telemetry.Telemetry;
import io.codeanatomy.telemetry.TelemetrySpan;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The engine's own telemetry for one query, streamed or (see {@link #run}) answered in one call: a
 * {@code datafusion.execute} span whose close records {@code codeanatomy.datafusion.execute.duration}
 * (status ok or error; failures also count in {@code codeanatomy.error.count}), and for a streamed
 * query the scan's files and row groups as scan telemetry.
 * With telemetry unconfigured every call here is a no-op.
 */
public final class QueryTelemetry implements QueryStream.CompletionListener {
  static final String PLAN_KIND = "sql";

  private final Telemetry telemetry;
  private final String dataset;
  private final TelemetrySpan span;

  private QueryTelemetry(Telemetry telemetry, String dataset) {
    this.telemetry = telemetry;
    this.dataset = dataset;
    this.span = telemetry.startStreamingQuerySpan(PLAN_KIND, Map.of("view_name", dataset));
  }

  /** Starts the span of a query over {@code dataset} (a table name, or {@code sql}). */
  public static QueryTelemetry start(String dataset) {
    return new QueryTelemetry(Telemetry.global(), dataset);
  }

  /**
   * Runs a query that delivers its whole result in one call (a row count, a text rendering) under a
   * {@code datafusion.execute} span on the calling thread. Such calls expose no plan metrics, so no
   * scan telemetry is reported.
   */
  public static <T> T run(String dataset, Supplier<T> query) {
    try (TelemetrySpan span = Telemetry.global().startQuerySpan(PLAN_KIND, Map.of("view_name", dataset))) {
      try {
        return query.get();
      } catch (RuntimeException e) {
        span.fail(e);
        throw e;
      }
    }
  }

  /** The query failed before it produced a stream. */
  public void failedToStart(RuntimeException error) {
    span.fail(error);
    span.close();
  }

  @Override
  public void completed(QueryOutcome outcome) {
    try {
      if (outcome.failure() != null && !outcome.cancelled()) {
        span.fail(outcome.failure());
      }
      span.setAttribute("rows", outcome.outputRows());
      if (outcome.filesRead() > 0) {
        telemetry.setScanTelemetry(dataset, outcome.filesRead(), outcome.rowGroupsRead());
      }
    } finally {
      span.close();
    }
  }
}
