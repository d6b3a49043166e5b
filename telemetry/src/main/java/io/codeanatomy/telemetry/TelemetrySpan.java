package io.codeanatomy.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.Map;

/**
 * A timed operation: an OpenTelemetry span made current while open, which on {@link #close()} sets
 * {@code duration_s} and {@code status}, records the operation's duration metric (status {@code
 * ok}, or {@code error} after {@link #fail}) and ends the span. Not thread-safe; open, fail and
 * close on one thread:
 *
 * <pre>{@code
 * try (TelemetrySpan span = telemetry.startQuerySpan("substrait", Map.of("view_name", view))) {
 *   try {
 *     return execute();
 *   } catch (RuntimeException error) {
 *     span.fail(error);
 *     throw error;
 *   }
 * }
 * }</pre>
 */
public final class TelemetrySpan implements AutoCloseable {
  private static final AttributeKey<String> STAGE = AttributeKey.stringKey(AttributeName.STAGE);
  private static final AttributeKey<String> STATUS = AttributeKey.stringKey(AttributeName.STATUS);
  private static final AttributeKey<Double> DURATION = AttributeKey.doubleKey("duration_s");

  /** The span of a facade with neither traces nor metrics: does nothing, costs nothing. */
  static final TelemetrySpan INERT = new TelemetrySpan(null, null, Span.getInvalid(), null, null);

  private final Telemetry telemetry;
  private final SpanOperation operation;
  private final Span span;
  private final Scope scope;
  private final long startNanos;
  private String label;
  private String status = Telemetry.STATUS_OK;
  private boolean closed;

  TelemetrySpan(Telemetry telemetry, SpanOperation operation, Span span, Scope scope, String label) {
    this.telemetry = telemetry;
    this.operation = operation;
    this.span = span;
    this.scope = scope;
    this.label = label;
    this.startNanos = operation == null ? 0 : System.nanoTime();
    this.closed = operation == null;
    if (operation != null && operation.stageEvents) {
      span.addEvent("stage.start", Attributes.of(STAGE, label));
    }
  }

  /** The underlying span (invalid and non-recording when tracing is off). */
  public Span span() {
    return span;
  }

  /**
   * Sets a normalised span attribute. Setting the operation's label attribute ({@code plan_kind} of a
   * query span, {@code destination} of a write span) also relabels its duration metric, e.g. {@code
   * setAttribute("plan_kind", "fallback")} after a Substrait replay falls back.
   */
  public TelemetrySpan setAttribute(String key, Object value) {
    if (closed || value == null) {
      return this;
    }
    span.setAllAttributes(telemetry.normalizer().normalize(Map.of(key, value)));
    if (key.equals(operation.labelAttribute) && value instanceof String text) {
      label = text;
    }
    return this;
  }

  /**
   * Marks the operation failed: records the exception on the span, sets its status to ERROR, makes
   * the duration metric's status {@code error} and, for task and DataFusion operations, increments
   * {@code codeanatomy.error.count} with the exception's simple class name. Only the first call counts.
   */
  public void fail(Throwable error) {
    if (closed || Telemetry.STATUS_ERROR.equals(status)) {
      return;
    }
    status = Telemetry.STATUS_ERROR;
    span.recordException(error);
    span.setStatus(StatusCode.ERROR);
    if (operation.errorStage != null) {
      telemetry.recordError(operation.errorStage, errorType(error), null);
    }
  }

  /** Ends the operation; later calls do nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    span.setAttribute(DURATION, seconds);
    span.setAttribute(STATUS, status);
    if (operation.stageEvents) {
      span.addEvent("stage.end", Attributes.of(STAGE, label, STATUS, status, DURATION, seconds));
    }
    try {
      operation.recordDuration(telemetry, label, seconds, status);
    } finally {
      if (scope != null) {
        scope.close();
      }
      span.end();
    }
  }

  /** Python's {@code type(exc).__name__}: the simple class name (the full name for anonymous classes). */
  static String errorType(Throwable error) {
    String simpleName = error.getClass().getSimpleName();
    return simpleName.isEmpty() ? error.getClass().getName() : simpleName;
  }
}
