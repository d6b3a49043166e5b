package io.codeanatomy.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What {@link TelemetryBootstrap} built (reference {@code OtelProviders}): the providers of the
 * enabled signals, the facade over them and the configuration they came from. Closing flushes and
 * shuts down the providers it owns (all of them, unless an existing global SDK was adopted because
 * {@code OTEL_EXPERIMENTAL_CONFIG_FILE} is set) and, if its facade is {@link Telemetry#global()},
 * puts back the disabled one.
 */
public final class OtelProviders implements AutoCloseable {
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  private final OpenTelemetry openTelemetry;
  private final OpenTelemetrySdk ownedSdk;
  private final SdkTracerProvider tracerProvider;
  private final SdkMeterProvider meterProvider;
  private final SdkLoggerProvider loggerProvider;
  private final Telemetry telemetry;
  private final OtelConfig config;
  private final ExportConfig exportConfig;
  private final Resource resource;
  private final TestExporters testExporters;

  OtelProviders(OpenTelemetry openTelemetry, OpenTelemetrySdk ownedSdk, SdkTracerProvider tracerProvider,
      SdkMeterProvider meterProvider, SdkLoggerProvider loggerProvider, Telemetry telemetry, OtelConfig config,
      ExportConfig exportConfig, Resource resource, TestExporters testExporters) {
    this.openTelemetry = openTelemetry;
    this.ownedSdk = ownedSdk;
    this.tracerProvider = tracerProvider;
    this.meterProvider = meterProvider;
    this.loggerProvider = loggerProvider;
    this.telemetry = telemetry;
    this.config = config;
    this.exportConfig = exportConfig;
    this.resource = resource;
    this.testExporters = testExporters;
  }

  /** The OpenTelemetry instance (also registered as {@code GlobalOpenTelemetry} by {@link TelemetryBootstrap#configure}). */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** The facade over the enabled signals. */
  public Telemetry telemetry() {
    return telemetry;
  }

  public OtelConfig config() {
    return config;
  }

  public ExportConfig exportConfig() {
    return exportConfig;
  }

  /** The resource of every signal; empty when an existing global SDK was adopted. */
  public Optional<Resource> resource() {
    return Optional.ofNullable(resource);
  }

  public Optional<SdkTracerProvider> tracerProvider() {
    return Optional.ofNullable(tracerProvider);
  }

  public Optional<SdkMeterProvider> meterProvider() {
    return Optional.ofNullable(meterProvider);
  }

  public Optional<SdkLoggerProvider> loggerProvider() {
    return Optional.ofNullable(loggerProvider);
  }

  /** The in-memory exporters, in test mode. */
  public Optional<TestExporters> testExporters() {
    return Optional.ofNullable(testExporters);
  }

  /** The SDK to register as {@code GlobalOpenTelemetry}: the owned one, none when an existing one was adopted. */
  Optional<OpenTelemetrySdk> sdkToRegister() {
    return Optional.ofNullable(ownedSdk);
  }

  /** Exports everything pending, waiting up to {@code timeout}; true if every provider finished in time. */
  public boolean flush(Duration timeout) {
    if (ownedSdk == null) {
      return true;
    }
    return CompletableResultCode.ofAll(List.of(
            ownedSdk.getSdkTracerProvider().forceFlush(),
            ownedSdk.getSdkMeterProvider().forceFlush(),
            ownedSdk.getSdkLoggerProvider().forceFlush()))
        .join(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .isSuccess();
  }

  @Override
  public void close() {
    Telemetry.uninstallGlobal(telemetry);
    TelemetryBootstrap.forget(this);
    if (ownedSdk != null) {
      ownedSdk.shutdown().join(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
