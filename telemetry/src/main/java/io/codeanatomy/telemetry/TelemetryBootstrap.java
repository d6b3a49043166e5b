package io.codeanatomy.telemetry;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.telemetry.ExportConfig.Exporter;
import io.codeanatomy.telemetry.internal.ExporterFactory;
import io.codeanatomy.telemetry.internal.ResourceFactory;
import io.codeanatomy.telemetry.internal.RunIdLogRecordProcessor;
import io.codeanatomy.telemetry.internal.RunIdSpanProcessor;
import io.codeanatomy.telemetry.internal.SamplingRuleSampler;
import io.codeanatomy.telemetry.internal.ScopeMetadata;
import io.codeanatomy.telemetry.internal.SettingsSource;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.OpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.logs.LogLimits;
import io.opentelemetry.sdk.logs.LogLimitsBuilder;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.SdkLoggerProviderBuilder;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.ExemplarFilter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanLimitsBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Builds the OpenTelemetry SDK and the {@link Telemetry} facade from {@link OtelConfig}, {@link
 * ExportConfig} and {@link BootstrapOptions} (reference {@code configure_otel}, spec §5.8).
 *
 * <p>Per enabled signal: the tracer provider gets the configured span limits, the sampler wrapped so
 * sampled spans carry {@code otel.sampling.rule} ({@code CODEANATOMY_OTEL_SAMPLING_RULE}, default
 * {@code codeanatomy.default}), the run-id span processor, then a batch processor to the exporter;
 * the meter provider gets {@link MetricViews}, the exemplar filter ({@code
 * OTEL_METRICS_EXEMPLAR_FILTER}; off when unset, keeping recording cheap) and a periodic reader; the
 * logger provider gets the log limits, the run-id log processor and a batch processor. In test mode
 * the exporters are in-memory ({@link TestExporters}) and fed synchronously. Propagators come from
 * {@code OTEL_PROPAGATORS} ({@code tracecontext}, {@code baggage}, {@code none}; default both W3C
 * ones). {@code OTEL_LOG_LEVEL} sets the level of the SDK's {@code io.opentelemetry} JUL loggers.
 *
 * <p>Every configuration error surfaces here, as a {@link ConfigurationException} naming the setting.
 */
public final class TelemetryBootstrap {
  private static final String DEFAULT_SAMPLING_RULE = "codeanatomy.default";
  /** Held so the configured level is not lost when JUL drops an unreferenced logger. */
  private static final java.util.logging.Logger SDK_LOGGER = java.util.logging.Logger.getLogger("io.opentelemetry");

  private static OtelProviders configured;

  private TelemetryBootstrap() {}

  /**
   * Configures telemetry for the process from the environment and system properties, registers it as
   * {@code GlobalOpenTelemetry} (unless one is already registered) and installs its facade as {@link
   * Telemetry#global()}. Idempotent: later calls return the first result, whatever their options,
   * until it is closed.
   */
  public static OtelProviders configure(BootstrapOptions options) {
    return configure(SettingsSource.system(), options);
  }

  /**
   * {@link #configure(BootstrapOptions)} from {@code settings} (keyed by environment-variable name)
   * instead of the process environment, e.g. an embedder's own configuration or a test's.
   */
  public static OtelProviders configure(Map<String, String> settings, BootstrapOptions options) {
    return configure(SettingsSource.of(settings), options);
  }

  private static synchronized OtelProviders configure(SettingsSource settings, BootstrapOptions options) {
    if (configured == null) {
      OtelProviders providers = build(settings, options);
      providers.sdkToRegister().ifPresent(sdk -> {
        if (GlobalOpenTelemetry.isSet()) {
          SettingsSource.warn("GlobalOpenTelemetry is already set; the CodeAnatomy SDK is not registered globally.");
        } else {
          GlobalOpenTelemetry.set(sdk);
        }
      });
      Telemetry.installGlobal(providers.telemetry());
      configured = providers;
    }
    return configured;
  }

  /**
   * Builds telemetry from {@code settings} (keyed by environment-variable name; the process
   * environment is not consulted) without touching any global state. The caller closes the result.
   */
  public static OtelProviders build(Map<String, String> settings, BootstrapOptions options) {
    return build(SettingsSource.of(settings), options);
  }

  static synchronized void forget(OtelProviders providers) {
    if (configured == providers) {
      configured = null;
    }
  }

  private static OtelProviders build(SettingsSource settings, BootstrapOptions options) {
    OtelConfig config = OtelConfig.read(settings);
    ExportConfig export = ExportConfig.read(settings);
    ContextPropagators propagators = propagators(settings);
    AttributeNormalizer normalizer = AttributeNormalizer.read(settings);
    ScopeMetadata scope = ScopeMetadata.read(settings);
    if (config.otelLogLevel() != null) {
      SDK_LOGGER.setLevel(config.otelLogLevel().julLevel());
    }
    if (config.enableSystemMetrics() || config.autoInstrumentation()) {
      SettingsSource.warn("CODEANATOMY_OTEL_SYSTEM_METRICS and CODEANATOMY_OTEL_AUTO_INSTRUMENTATION have no JVM "
          + "counterpart here and are ignored.");
    }
    if (config.configFile() != null) {
      return adoptGlobal(config, export, normalizer, scope);
    }

    boolean traces = choose(options.enableTraces(), config.enableTraces());
    boolean metrics = choose(options.enableMetrics(), config.enableMetrics());
    boolean logs = choose(options.enableLogs(), config.enableLogs());
    TestExporters test = choose(options.testMode(), config.testMode()) ? newTestExporters() : null;
    Resource resource = ResourceFactory.build(settings, options);

    SdkTracerProvider tracerProvider = traces ? tracerProvider(settings, config, export, resource, test) : null;
    SdkMeterProvider meterProvider = metrics ? meterProvider(config, export, resource, test) : null;
    SdkLoggerProvider loggerProvider = logs ? loggerProvider(config, export, resource, test) : null;

    OpenTelemetrySdkBuilder sdkBuilder = OpenTelemetrySdk.builder().setPropagators(propagators);
    Telemetry.Builder telemetry = Telemetry.builder().normalizer(normalizer).scope(scope);
    if (tracerProvider != null) {
      sdkBuilder.setTracerProvider(tracerProvider);
      telemetry.tracerProvider(tracerProvider);
    }
    if (meterProvider != null) {
      sdkBuilder.setMeterProvider(meterProvider);
      telemetry.meterProvider(meterProvider);
    }
    if (loggerProvider != null) {
      sdkBuilder.setLoggerProvider(loggerProvider);
      telemetry.loggerProvider(loggerProvider);
    }
    OpenTelemetrySdk sdk = sdkBuilder.build();
    return new OtelProviders(sdk, sdk, tracerProvider, meterProvider, loggerProvider, telemetry.build(), config, export,
        resource, test);
  }

  /** {@code OTEL_EXPERIMENTAL_CONFIG_FILE}: whoever read the file registered the SDK globally; use it. */
  private static OtelProviders adoptGlobal(OtelConfig config, ExportConfig export, AttributeNormalizer normalizer,
      ScopeMetadata scope) {
    if (!GlobalOpenTelemetry.isSet()) {
      throw new ConfigurationException("OTEL_EXPERIMENTAL_CONFIG_FILE is set but no providers were configured. "
          + "Register an SDK built from that file with GlobalOpenTelemetry before bootstrapping, or unset it.");
    }
    OpenTelemetry global = GlobalOpenTelemetry.get();
    Telemetry telemetry = Telemetry.builder().openTelemetry(global).normalizer(normalizer).scope(scope).build();
    return new OtelProviders(global, null, null, null, null, telemetry, config, export, null, null);
  }

  private static boolean choose(Boolean option, boolean configured) {
    return option != null ? option : configured;
  }

  private static TestExporters newTestExporters() {
    try {
      Class.forName(TestExporters.REQUIRED_CLASS, false, TelemetryBootstrap.class.getClassLoader());
    } catch (ClassNotFoundException missing) {
      throw new ConfigurationException("test mode (CODEANATOMY_OTEL_TEST_MODE) exports in memory and needs "
          + "io.opentelemetry:opentelemetry-sdk-testing on the class path", missing);
    }
    return new TestExporters();
  }

  private static SdkTracerProvider tracerProvider(SettingsSource settings, OtelConfig config, ExportConfig export,
      Resource resource, TestExporters test) {
    SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
        .setResource(resource)
        .setSpanLimits(spanLimits(config.spanLimits()))
        .setSampler(SamplingRuleSampler.wrap(config.sampler().toSampler(),
            settings.value("CODEANATOMY_OTEL_SAMPLING_RULE", DEFAULT_SAMPLING_RULE)))
        .addSpanProcessor(new RunIdSpanProcessor());
    if (config.idGenerator() != null) {
      builder.setIdGenerator(config.idGenerator().toIdGenerator());
    }
    if (test != null) {
      builder.addSpanProcessor(test.spanProcessor());
    } else if (export.traces().exporter() != Exporter.NONE) {
      OtelConfig.BatchSettings batch = config.spanBatch();
      builder.addSpanProcessor(BatchSpanProcessor.builder(ExporterFactory.spanExporter(export.traces()))
          .setScheduleDelay(Duration.ofMillis(batch.scheduleDelayMs()))
          .setExporterTimeout(Duration.ofMillis(batch.exportTimeoutMs()))
          .setMaxQueueSize(batch.maxQueueSize())
          .setMaxExportBatchSize(batch.maxExportBatchSize())
          .build());
    }
    return builder.build();
  }

  private static SdkMeterProvider meterProvider(OtelConfig config, ExportConfig export, Resource resource,
      TestExporters test) {
    SdkMeterProviderBuilder builder = MetricViews.register(SdkMeterProvider.builder().setResource(resource))
        .setExemplarFilter(config.metricsExemplarFilter() != null
            ? config.metricsExemplarFilter().toExemplarFilter()
            : ExemplarFilter.alwaysOff());
    if (test != null) {
      builder.registerMetricReader(test.metricReader());
    } else if (export.metrics().exporter() != Exporter.NONE) {
      builder.registerMetricReader(PeriodicMetricReader.builder(ExporterFactory.metricExporter(export.metrics(), config))
          .setInterval(Duration.ofMillis(config.metricExportIntervalMs()))
          .build());
    }
    return builder.build();
  }

  private static SdkLoggerProvider loggerProvider(OtelConfig config, ExportConfig export, Resource resource,
      TestExporters test) {
    LogLimits limits = logLimits(config.logRecordAttributeLimits().orElse(config.attributeLimits()));
    SdkLoggerProviderBuilder builder = SdkLoggerProvider.builder()
        .setResource(resource)
        .setLogLimits(() -> limits)
        .addLogRecordProcessor(new RunIdLogRecordProcessor());
    if (test != null) {
      builder.addLogRecordProcessor(test.logRecordProcessor());
    } else if (export.logs().exporter() != Exporter.NONE) {
      OtelConfig.BatchSettings batch = config.logBatch();
      builder.addLogRecordProcessor(BatchLogRecordProcessor.builder(ExporterFactory.logRecordExporter(export.logs()))
          .setScheduleDelay(Duration.ofMillis(batch.scheduleDelayMs()))
          .setExporterTimeout(Duration.ofMillis(batch.exportTimeoutMs()))
          .setMaxQueueSize(batch.maxQueueSize())
          .setMaxExportBatchSize(batch.maxExportBatchSize())
          .build());
    }
    return builder.build();
  }

  private static SpanLimits spanLimits(OtelConfig.SpanLimitSettings settings) {
    SpanLimitsBuilder builder = SpanLimits.builder();
    applyLimit("OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", settings.attributeCountLimit(), builder::setMaxNumberOfAttributes);
    applyLimit("OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", settings.attributeValueLengthLimit(),
        builder::setMaxAttributeValueLength);
    applyLimit("OTEL_SPAN_EVENT_COUNT_LIMIT", settings.eventCountLimit(), builder::setMaxNumberOfEvents);
    applyLimit("OTEL_SPAN_LINK_COUNT_LIMIT", settings.linkCountLimit(), builder::setMaxNumberOfLinks);
    applyLimit("OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT", settings.eventAttributeCountLimit(),
        builder::setMaxNumberOfAttributesPerEvent);
    applyLimit("OTEL_LINK_ATTRIBUTE_COUNT_LIMIT", settings.linkAttributeCountLimit(),
        builder::setMaxNumberOfAttributesPerLink);
    return builder.build();
  }

  private static LogLimits logLimits(AttributeLimits limits) {
    LogLimitsBuilder builder = LogLimits.builder();
    applyLimit("OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT", limits.countLimit(), builder::setMaxNumberOfAttributes);
    applyLimit("OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT", limits.valueLengthLimit(),
        builder::setMaxAttributeValueLength);
    return builder.build();
  }

  private static void applyLimit(String name, Integer limit, IntConsumer setter) {
    if (limit == null) {
      return;
    }
    try {
      setter.accept(limit);
    } catch (IllegalArgumentException rejected) {
      throw new ConfigurationException(name + " is invalid (" + limit + "): " + rejected.getMessage(), rejected);
    }
  }

  /** {@code OTEL_PROPAGATORS}; unset means W3C trace context plus baggage, as in the reference. */
  private static ContextPropagators propagators(SettingsSource settings) {
    String value = settings.value("OTEL_PROPAGATORS", "tracecontext,baggage");
    List<TextMapPropagator> propagators = new ArrayList<>();
    for (String name : value.split(",")) {
      switch (name.strip().toLowerCase(Locale.ROOT)) {
        case "tracecontext" -> propagators.add(W3CTraceContextPropagator.getInstance());
        case "baggage" -> propagators.add(W3CBaggagePropagator.getInstance());
        case "none", "" -> {
          // contributes nothing
        }
        default -> throw new ConfigurationException("OTEL_PROPAGATORS entry '" + name.strip()
            + "' is not supported; use tracecontext, baggage or none");
      }
    }
    return ContextPropagators.create(TextMapPropagator.composite(propagators));
  }
}
