package io.codeanatomy.telemetry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.error.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Misconfiguration fails when telemetry starts, with a message naming the setting and its value. */
class BadConfigurationTest {
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "OTEL_TRACES_EXPORTER | zipkin",
      "OTEL_METRICS_EXPORTER | prometheus",
      "OTEL_LOGS_EXPORTER | otlp,console",
      "OTEL_EXPORTER_OTLP_ENDPOINT | localhost:4317",
      "OTEL_EXPORTER_OTLP_ENDPOINT | not a url",
      "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT | http://",
      "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT | ftp://collector:4317",
      "OTEL_TRACES_SAMPLER_ARG | abc",
      "OTEL_TRACES_SAMPLER_ARG | 1.5",
      "OTEL_TRACES_SAMPLER_ARG | -0.1",
      "OTEL_TRACES_SAMPLER_ARG | NaN",
      "OTEL_TRACES_SAMPLER | jaeger_remote",
      "OTEL_EXPORTER_OTLP_PROTOCOL | thrift",
      "OTEL_EXPORTER_OTLP_HEADERS | authorization",
      "OTEL_EXPORTER_OTLP_TIMEOUT | soon",
      "OTEL_EXPORTER_OTLP_COMPRESSION | brotli",
      "OTEL_PROPAGATORS | b3",
      "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT | -1",
  })
  void startupFailsNamingTheSetting(String name, String value) {
    ConfigurationException error = assertThrows(ConfigurationException.class,
        () -> TelemetryBootstrap.build(Map.of(name, value), BootstrapOptions.DEFAULTS).close());
    assertEquals(ErrorCode.CONFIGURATION, error.errorCode());
    assertTrue(error.getMessage().contains(name), error.getMessage());
    if (!name.equals("OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT")) {
      assertTrue(error.getMessage().contains(value.strip()), error.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "OTEL_EXPORTER_OTLP_ENDPOINT | http://collector:4318/",
      "OTEL_EXPORTER_OTLP_ENDPOINT | https://collector.example",
      "OTEL_TRACES_SAMPLER_ARG | 0",
      "OTEL_TRACES_SAMPLER_ARG | 1",
      "OTEL_EXPORTER_OTLP_PROTOCOL | http/json",
      "OTEL_EXPORTER_OTLP_HEADERS | api-key=a%3Db,x=1",
      "OTEL_TRACES_EXPORTER | console",
      "OTEL_PROPAGATORS | none",
  })
  void validSettingsStart(String name, String value) {
    // Exporters are set to none except the one under test so nothing tries to reach a collector.
    Map<String, String> settings = new HashMap<>(Map.of(
        "OTEL_TRACES_EXPORTER", "none", "OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none"));
    settings.put(name, value);
    settings.put("OTEL_BSP_SCHEDULE_DELAY", "600000");
    assertDoesNotThrow(() -> TelemetryBootstrap.build(settings, BootstrapOptions.DEFAULTS).close());
  }

  @Test
  void configFileWithoutRegisteredProvidersIsAnError() {
    ConfigurationException error = assertThrows(ConfigurationException.class, () -> TelemetryBootstrap.build(
        Map.of("OTEL_EXPERIMENTAL_CONFIG_FILE", "/etc/otel.yaml"), BootstrapOptions.DEFAULTS));
    assertTrue(error.getMessage().startsWith("OTEL_EXPERIMENTAL_CONFIG_FILE is set but no providers were configured."));
  }

  @Test
  void headersAreParsedAndDecoded() {
    ExportConfig export = ExportConfig.resolve(Map.of(
        "OTEL_EXPORTER_OTLP_HEADERS", "api-key=a%3Db, x = 1 ",
        "OTEL_EXPORTER_OTLP_LOGS_HEADERS", "only=logs",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://metrics:9000/custom",
        "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc"));
    assertEquals(Map.of("api-key", "a=b", "x", "1"), export.traces().headers());
    assertEquals(Map.of("only", "logs"), export.logs().headers());
    assertEquals(ExportConfig.Protocol.GRPC, export.traces().protocol());
    assertEquals("http://collector:4318/", export.traces().endpoint(), "gRPC uses the generic endpoint as is");
    assertEquals("http://metrics:9000/custom", export.metrics().endpoint(), "a signal endpoint is used as is");
    assertEquals("http://collector:4318/v1/logs", export.logs().endpoint(), "HTTP appends the signal path");
    assertEquals(ExportConfig.Exporter.OTLP, export.logs().exporter());
  }
}
