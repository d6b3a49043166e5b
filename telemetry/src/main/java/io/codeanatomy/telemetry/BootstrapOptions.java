package io.codeanatomy.telemetry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Caller choices for {@link TelemetryBootstrap} (reference {@code OtelBootstrapOptions}). Every
 * field is optional: a null service field falls back to the environment, a null switch to {@link
 * OtelConfig}.
 *
 * @param serviceName else {@code OTEL_SERVICE_NAME}, else {@code codeanatomy}
 * @param serviceVersion else {@code CODEANATOMY_SERVICE_VERSION}, else this library's version
 * @param serviceNamespace else {@code CODEANATOMY_SERVICE_NAMESPACE}
 * @param environment {@code deployment.environment.name}; else {@code CODEANATOMY_ENVIRONMENT}, else
 *     {@code DEPLOYMENT_ENVIRONMENT}
 * @param resourceOverrides resource attributes merged last, winning over every other source
 * @param enableTraces overrides {@link OtelConfig#enableTraces()}
 * @param enableMetrics overrides {@link OtelConfig#enableMetrics()}
 * @param enableLogs overrides {@link OtelConfig#enableLogs()}
 * @param testMode overrides {@link OtelConfig#testMode()}
 */
public record BootstrapOptions(
    String serviceName,
    String serviceVersion,
    String serviceNamespace,
    String environment,
    Map<String, String> resourceOverrides,
    Boolean enableTraces,
    Boolean enableMetrics,
    Boolean enableLogs,
    Boolean testMode) {

  /** No choices: everything from the environment. */
  public static final BootstrapOptions DEFAULTS = builder().build();

  public BootstrapOptions {
    resourceOverrides = resourceOverrides == null ? Map.of() : Map.copyOf(resourceOverrides);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private String serviceName;
    private String serviceVersion;
    private String serviceNamespace;
    private String environment;
    private final Map<String, String> resourceOverrides = new LinkedHashMap<>();
    private Boolean enableTraces;
    private Boolean enableMetrics;
    private Boolean enableLogs;
    private Boolean testMode;

    private Builder() {}

    public Builder serviceName(String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    public Builder serviceVersion(String serviceVersion) {
      this.serviceVersion = serviceVersion;
      return this;
    }

    public Builder serviceNamespace(String serviceNamespace) {
      this.serviceNamespace = serviceNamespace;
      return this;
    }

    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    public Builder resourceOverride(String key, String value) {
      resourceOverrides.put(key, value);
      return this;
    }

    public Builder enableTraces(boolean enable) {
      this.enableTraces = enable;
      return this;
    }

    public Builder enableMetrics(boolean enable) {
      this.enableMetrics = enable;
      return this;
    }

    public Builder enableLogs(boolean enable) {
      this.enableLogs = enable;
      return this;
    }

    public Builder testMode(boolean testMode) {
      this.testMode = testMode;
      return this;
    }

    public BootstrapOptions build() {
      return new BootstrapOptions(serviceName, serviceVersion, serviceNamespace, environment, resourceOverrides,
          enableTraces, enableMetrics, enableLogs, testMode);
    }
  }
}
