package io.codeanatomy.telemetry;

import io.codeanatomy.core.text.PythonText;
import io.codeanatomy.telemetry.internal.GaugeStore;
import io.codeanatomy.telemetry.internal.MetricEmitter;
import io.codeanatomy.telemetry.internal.MetricEmitter.MetricSink;
import io.codeanatomy.telemetry.internal.ScopeMetadata;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerBuilder;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.TracerProvider;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The telemetry facade (reference {@code obs/otel}): the metric catalogue's recorders, timed spans
 * for stages, tasks, queries and writes, and diagnostics events. Every recorder goes through one
 * internal emit path (base attributes, caller attributes, run id, normalisation, instrument); the
 * required arguments, {@code status} included, are checked even when telemetry is off.
 *
 * <p>{@link #global()} is what the engine uses: the facade installed by {@link
 * TelemetryBootstrap#configure}, else a disabled one whose recorders return at once. Tests and
 * embedders build their own with {@link #builder()}. Caller attribute maps may be null (none).
 * Thread-safe.
 */
public final class Telemetry {
  public static final String STATUS_OK = "ok";
  public static final String STATUS_ERROR = "error";
  /** Span attribute holding a task span's task kind (reference Hamilton tag {@code task_kind}). */
  static final String TASK_KIND_SPAN_ATTRIBUTE = "hamilton.task_kind";

  private static final System.Logger FALLBACK_DIAGNOSTICS = System.getLogger(ScopeName.DIAGNOSTICS);
  private static final Telemetry DISABLED = builder().build();
  private static volatile Telemetry global = DISABLED;

  private final TracerProvider tracerProvider;
  private final ScopeMetadata scope;
  private final boolean tracesEnabled;
  private final boolean metricsEnabled;
  private final boolean logsEnabled;
  private final AttributeNormalizer normalizer;
  private final MetricEmitter emitter;
  private final MetricSink stageDuration;
  private final MetricSink taskDuration;
  private final MetricSink datafusionDuration;
  private final MetricSink writeDuration;
  private final MetricSink artifactCount;
  private final MetricSink errorCount;
  private final GaugeStore datasetRows = new GaugeStore();
  private final GaugeStore datasetColumns = new GaugeStore();
  private final GaugeStore scanFragments = new GaugeStore();
  private final GaugeStore scanRowGroups = new GaugeStore();
  private final Logger diagnosticsLogger;
  private final Map<String, Tracer> tracers = new ConcurrentHashMap<>();

  private Telemetry(Builder builder) {
    this.tracerProvider = builder.tracerProvider;
    this.scope = builder.scope != null ? builder.scope : ScopeMetadata.fromEnvironment();
    this.tracesEnabled = builder.tracerProvider != TracerProvider.noop();
    this.metricsEnabled = builder.meterProvider != MeterProvider.noop();
    this.logsEnabled = builder.loggerProvider != LoggerProvider.noop();
    this.normalizer = builder.normalizer != null ? builder.normalizer : AttributeNormalizer.fromEnvironment();
    this.emitter = new MetricEmitter(normalizer.general());

    MeterBuilder meterBuilder =
        builder.meterProvider.meterBuilder(ScopeName.OBS).setInstrumentationVersion(scope.version());
    if (scope.schemaUrl() != null) {
      meterBuilder.setSchemaUrl(scope.schemaUrl());
    }
    Meter meter = meterBuilder.build();
    this.stageDuration = histogram(meter, MetricName.STAGE_DURATION)::record;
    this.taskDuration = histogram(meter, MetricName.TASK_DURATION)::record;
    this.datafusionDuration = histogram(meter, MetricName.DATAFUSION_DURATION)::record;
    this.writeDuration = histogram(meter, MetricName.WRITE_DURATION)::record;
    this.artifactCount = counter(meter, MetricName.ARTIFACT_COUNT)::add;
    this.errorCount = counter(meter, MetricName.ERROR_COUNT)::add;
    gauge(meter, MetricName.DATASET_ROWS, datasetRows);
    gauge(meter, MetricName.DATASET_COLUMNS, datasetColumns);
    gauge(meter, MetricName.SCAN_FRAGMENTS, scanFragments);
    gauge(meter, MetricName.SCAN_ROW_GROUPS, scanRowGroups);

    LoggerBuilder loggerBuilder =
        builder.loggerProvider.loggerBuilder(ScopeName.DIAGNOSTICS).setInstrumentationVersion(scope.version());
    if (scope.schemaUrl() != null) {
      loggerBuilder.setSchemaUrl(scope.schemaUrl());
    }
    this.diagnosticsLogger = loggerBuilder.build();
  }

  private static DoubleHistogram histogram(Meter meter, MetricName metric) {
    return meter.histogramBuilder(metric.metricName())
        .setUnit(metric.unit())
        .setDescription(metric.description())
        // Advice gives the reference buckets even under a meter provider without MetricViews.
        .setExplicitBucketBoundariesAdvice(MetricViews.BUCKET_BOUNDARIES_SECONDS)
        .build();
  }

  private static DoubleCounter counter(Meter meter, MetricName metric) {
    return meter.counterBuilder(metric.metricName())
        .ofDoubles()
        .setUnit(metric.unit())
        .setDescription(metric.description())
        .build();
  }

  private static void gauge(Meter meter, MetricName metric, GaugeStore store) {
    meter.gaugeBuilder(metric.metricName())
        .setUnit(metric.unit())
        .setDescription(metric.description())
        .buildWithCallback(store::observe);
  }

  /**
   * The process-wide facade: the one {@link TelemetryBootstrap#configure} installed, else
   * {@link #disabled()}.
   */
  public static Telemetry global() {
    return global;
  }

  /** A facade with every signal off. */
  public static Telemetry disabled() {
    return DISABLED;
  }

  static void installGlobal(Telemetry telemetry) {
    global = Objects.requireNonNull(telemetry, "telemetry");
  }

  /** Puts back the disabled facade if {@code telemetry} is the global one (its providers shut down). */
  static void uninstallGlobal(Telemetry telemetry) {
    if (global == telemetry) {
      global = DISABLED;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean tracesEnabled() {
    return tracesEnabled;
  }

  public boolean metricsEnabled() {
    return metricsEnabled;
  }

  public boolean logsEnabled() {
    return logsEnabled;
  }

  /** The normaliser applied to every attribute this facade emits. */
  public AttributeNormalizer normalizer() {
    return normalizer;
  }

  // ---------------------------------------------------------------- metrics

  /** {@code codeanatomy.stage.duration} with {@code stage} and {@code status}. */
  public void recordStageDuration(String stage, double durationSeconds, String status, Map<String, ?> attributes) {
    required(stage, "stage");
    required(status, "status");
    if (metricsEnabled) {
      emitter.emit(stageDuration, durationSeconds, AttributeName.STAGE, stage, AttributeName.STATUS, status,
          attributes);
    }
  }

  /** {@code codeanatomy.task.duration} with {@code task_kind} and {@code status}. */
  public void recordTaskDuration(String taskKind, double durationSeconds, String status, Map<String, ?> attributes) {
    required(taskKind, "taskKind");
    required(status, "status");
    if (metricsEnabled) {
      emitter.emit(taskDuration, durationSeconds, AttributeName.TASK_KIND, taskKind, AttributeName.STATUS, status,
          attributes);
    }
  }

  /**
   * {@code codeanatomy.datafusion.execute.duration} with {@code status} and {@code plan_kind}
   * ({@code compile}, {@code substrait}, {@code fallback}, or the engine's own kinds).
   */
  public void recordDatafusionDuration(double durationSeconds, String status, String planKind,
      Map<String, ?> attributes) {
    required(status, "status");
    required(planKind, "planKind");
    if (metricsEnabled) {
      emitter.emit(datafusionDuration, durationSeconds, AttributeName.STATUS, status, AttributeName.PLAN_KIND,
          planKind, attributes);
    }
  }

  /** {@code codeanatomy.datafusion.write.duration} with {@code status} and {@code destination}. */
  public void recordWriteDuration(double durationSeconds, String status, String destination,
      Map<String, ?> attributes) {
    required(status, "status");
    required(destination, "destination");
    if (metricsEnabled) {
      emitter.emit(writeDuration, durationSeconds, AttributeName.STATUS, status, AttributeName.DESTINATION,
          destination, attributes);
    }
  }

  /** Adds 1 to {@code codeanatomy.artifact.count} with {@code artifact_kind} and {@code status}. */
  public void recordArtifactCount(String artifactKind, String status, Map<String, ?> attributes) {
    required(artifactKind, "artifactKind");
    required(status, "status");
    if (metricsEnabled) {
      emitter.emit(artifactCount, 1.0, AttributeName.ARTIFACT_KIND, artifactKind, AttributeName.STATUS, status,
          attributes);
    }
  }

  /** Adds 1 to {@code codeanatomy.error.count} with {@code stage} and {@code error_type}. */
  public void recordError(String stage, String errorType, Map<String, ?> attributes) {
    required(stage, "stage");
    required(errorType, "errorType");
    if (metricsEnabled) {
      emitter.emit(errorCount, 1.0, AttributeName.STAGE, stage, AttributeName.ERROR_TYPE, errorType, attributes);
    }
  }

  /** Sets the {@code codeanatomy.dataset.rows} and {@code .columns} gauges of {@code dataset}. */
  public void setDatasetStats(String dataset, long rows, long columns) {
    required(dataset, "dataset");
    if (metricsEnabled) {
      emitter.emit(datasetRows, rows, AttributeName.DATASET, dataset, null);
      emitter.emit(datasetColumns, columns, AttributeName.DATASET, dataset, null);
    }
  }

  /**
   * Sets the {@code codeanatomy.scan.fragments} (files) and {@code codeanatomy.scan.row_groups}
   * gauges of {@code dataset}, e.g. from a scan's native plan metrics.
   */
  public void setScanTelemetry(String dataset, long fragmentCount, long rowGroupCount) {
    required(dataset, "dataset");
    if (metricsEnabled) {
      emitter.emit(scanFragments, fragmentCount, AttributeName.DATASET, dataset, null);
      emitter.emit(scanRowGroups, rowGroupCount, AttributeName.DATASET, dataset, null);
    }
  }

  private static <T> T required(T value, String name) {
    return Objects.requireNonNull(value, name);
  }

  // ---------------------------------------------------------------- spans

  /** The tracer of {@code scopeName} with the library's instrumentation version and schema URL. */
  public Tracer tracer(String scopeName) {
    return tracers.computeIfAbsent(scopeName, name -> {
      TracerBuilder tracerBuilder = tracerProvider.tracerBuilder(name).setInstrumentationVersion(scope.version());
      if (scope.schemaUrl() != null) {
        tracerBuilder.setSchemaUrl(scope.schemaUrl());
      }
      return tracerBuilder.build();
    });
  }

  /**
   * {@code stage_span}: span {@code name} in {@code scopeName} with {@code codeanatomy.stage} and the
   * caller's attributes and a {@code stage.start} event; on close a {@code stage.end} event and
   * {@code codeanatomy.stage.duration}.
   */
  public TelemetrySpan startStageSpan(String name, String stage, String scopeName, Map<String, ?> attributes) {
    Map<String, Object> spanAttributes = new LinkedHashMap<>();
    spanAttributes.put(AttributeName.STAGE_NAME, required(stage, "stage"));
    return start(SpanOperation.STAGE, required(scopeName, "scopeName"), required(name, "name"), stage, spanAttributes,
        attributes, true);
  }

  /**
   * A task span, named {@code hamilton.task} as in the reference so existing dashboards match, with
   * {@code hamilton.kind=task}, {@code hamilton.task_kind} and {@code hamilton.task_name}; on close
   * {@code codeanatomy.task.duration}; failures count under stage {@code hamilton}.
   */
  public TelemetrySpan startTaskSpan(String taskKind, String taskName, Map<String, ?> attributes) {
    Map<String, Object> spanAttributes = new LinkedHashMap<>();
    spanAttributes.put("hamilton.kind", "task");
    spanAttributes.put(TASK_KIND_SPAN_ATTRIBUTE, required(taskKind, "taskKind"));
    spanAttributes.put("hamilton.task_name", required(taskName, "taskName"));
    return start(SpanOperation.TASK, ScopeName.HAMILTON, "hamilton.task", taskKind, spanAttributes, attributes, true);
  }

  /** {@code datafusion.plan.compile} with {@code plan_kind=compile}; on close the DataFusion histogram. */
  public TelemetrySpan startPlanCompileSpan(Map<String, ?> attributes) {
    return startDatafusion(SpanOperation.DATAFUSION_QUERY, "plan.compile", AttributeName.PLAN_KIND, "compile",
        attributes, true);
  }

  /**
   * {@code datafusion.execute} with {@code plan_kind}; on close {@code
   * codeanatomy.datafusion.execute.duration}; failures count under stage {@code datafusion}.
   * Reference attributes the engine may pass: {@code view_name}, {@code plan_fingerprint}, {@code
   * plan_identity_hash}.
   */
  public TelemetrySpan startQuerySpan(String planKind, Map<String, ?> attributes) {
    return startDatafusion(SpanOperation.DATAFUSION_QUERY, "execute", AttributeName.PLAN_KIND,
        required(planKind, "planKind"), attributes, true);
  }

  /**
   * {@link #startQuerySpan} for a query whose results are streamed: the span is not made current,
   * because the stream may end (and the span close) on another thread than the one that started it.
   */
  public TelemetrySpan startStreamingQuerySpan(String planKind, Map<String, ?> attributes) {
    return startDatafusion(SpanOperation.DATAFUSION_QUERY, "execute", AttributeName.PLAN_KIND,
        required(planKind, "planKind"), attributes, false);
  }

  /**
   * {@code datafusion.write} with {@code destination}; on close {@code
   * codeanatomy.datafusion.write.duration}. Reference attributes: {@code mode}, {@code format}.
   */
  public TelemetrySpan startWriteSpan(String destination, Map<String, ?> attributes) {
    return startDatafusion(SpanOperation.DATAFUSION_WRITE, "write", AttributeName.DESTINATION,
        required(destination, "destination"), attributes, true);
  }

  private TelemetrySpan startDatafusion(SpanOperation operation, String dbOperation, String labelKey, String label,
      Map<String, ?> attributes, boolean makeCurrent) {
    Map<String, Object> spanAttributes = new LinkedHashMap<>();
    spanAttributes.put("db.system.name", "datafusion");
    spanAttributes.put("db.operation.name", dbOperation);
    spanAttributes.put(labelKey, label);
    return start(operation, ScopeName.DATAFUSION, "datafusion." + dbOperation, label, spanAttributes, attributes,
        makeCurrent);
  }

  /** The one way spans start: base attributes, then the caller's, normalised; made current if asked. */
  private TelemetrySpan start(SpanOperation operation, String scopeName, String spanName, String label,
      Map<String, Object> baseAttributes, Map<String, ?> attributes, boolean makeCurrent) {
    if (!tracesEnabled && !metricsEnabled) {
      return TelemetrySpan.INERT;
    }
    if (attributes != null) {
      baseAttributes.putAll(attributes);
    }
    SpanBuilder builder = tracer(scopeName).spanBuilder(spanName);
    if (tracesEnabled) {
      builder.setAllAttributes(normalizer.normalize(baseAttributes));
    }
    Span span = builder.startSpan();
    return new TelemetrySpan(this, operation, span, makeCurrent ? span.makeCurrent() : null, label);
  }

  // ---------------------------------------------------------------- logs

  /**
   * {@code emit_diagnostics_event}: a log record from logger {@code codeanatomy.diagnostics} with body
   * and event name {@code name}, attributes {@code event.name}, {@code event.kind} (when given) and
   * the flattened payload (nulls dropped; maps, lists and arrays as sorted-key JSON), normalised with
   * the log limits; plus, when the current span is recording, a span event {@code name}. With logs
   * off, the record goes to the {@code System.Logger} {@code codeanatomy.diagnostics} instead.
   */
  public void emitDiagnosticsEvent(String name, Map<String, ?> payload, Level level, String eventKind) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(level, "level");
    Map<String, Object> flattened = flatten(payload);
    Map<String, Object> logAttributes = new LinkedHashMap<>();
    logAttributes.put("event.name", name);
    if (eventKind != null && !eventKind.isEmpty()) {
      logAttributes.put("event.kind", eventKind);
    }
    logAttributes.putAll(flattened);
    Attributes normalized = normalizer.normalizeForLog(logAttributes);
    if (logsEnabled) {
      diagnosticsLogger.logRecordBuilder()
          .setSeverity(severity(level))
          .setSeverityText(level.getName())
          .setBody(name)
          .setEventName(name)
          .setAllAttributes(normalized)
          .emit();
    } else {
      FALLBACK_DIAGNOSTICS.log(level, () -> name + " " + normalized);
    }
    Span current = Span.current();
    if (current.isRecording()) {
      logAttributes.remove("event.name");
      current.addEvent(name, normalizer.normalize(logAttributes));
    }
  }

  private static Map<String, Object> flatten(Map<String, ?> payload) {
    Map<String, Object> flattened = new LinkedHashMap<>();
    if (payload != null) {
      payload.forEach((key, value) -> {
        if (value != null) {
          boolean structured = value instanceof Map<?, ?> || PythonText.isSequence(value);
          flattened.put(key, structured ? PythonText.jsonDumps(value) : value);
        }
      });
    }
    return flattened;
  }

  private static Severity severity(Level level) {
    if (level.getSeverity() >= Level.ERROR.getSeverity()) {
      return Severity.ERROR;
    }
    if (level.getSeverity() >= Level.WARNING.getSeverity()) {
      return Severity.WARN;
    }
    return level.getSeverity() >= Level.INFO.getSeverity() ? Severity.INFO : Severity.DEBUG;
  }

  /** Builds a facade over given providers; each one left out (or a no-op one) turns its signal off. */
  public static final class Builder {
    private TracerProvider tracerProvider = TracerProvider.noop();
    private MeterProvider meterProvider = MeterProvider.noop();
    private LoggerProvider loggerProvider = LoggerProvider.noop();
    private AttributeNormalizer normalizer;
    private ScopeMetadata scope;

    private Builder() {}

    /** All three providers of {@code openTelemetry}. */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      return tracerProvider(openTelemetry.getTracerProvider())
          .meterProvider(openTelemetry.getMeterProvider())
          .loggerProvider(openTelemetry.getLogsBridge());
    }

    public Builder tracerProvider(TracerProvider tracerProvider) {
      this.tracerProvider = Objects.requireNonNull(tracerProvider, "tracerProvider");
      return this;
    }

    /** The meter provider; register {@link MetricViews} on it for the reference attribute filtering. */
    public Builder meterProvider(MeterProvider meterProvider) {
      this.meterProvider = Objects.requireNonNull(meterProvider, "meterProvider");
      return this;
    }

    public Builder loggerProvider(LoggerProvider loggerProvider) {
      this.loggerProvider = Objects.requireNonNull(loggerProvider, "loggerProvider");
      return this;
    }

    /** Defaults to {@link AttributeNormalizer#fromEnvironment()}. */
    public Builder normalizer(AttributeNormalizer normalizer) {
      this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
      return this;
    }

    /** Defaults to {@link ScopeMetadata#fromEnvironment()}. */
    Builder scope(ScopeMetadata scope) {
      this.scope = scope;
      return this;
    }

    public Telemetry build() {
      return new Telemetry(this);
    }
  }
}
