package io.codeanatomy.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  private static OtelProviders build(Map<String, String> settings, BootstrapOptions options) {
    return TelemetryBootstrap.build(settings, options);
  }

  private static String resourceAttribute(OtelProviders providers, String key) {
    return providers.resource().orElseThrow().getAttribute(AttributeKey.stringKey(key));
  }

  @Test
  void testModeWithTracesExporterNoneStillTracesWhenTheOptionsAskForIt() {
    BootstrapOptions options = BootstrapOptions.builder().enableTraces(true).testMode(true).build();
    try (OtelProviders providers = build(Map.of("OTEL_TRACES_EXPORTER", "none"), options)) {
      assertFalse(providers.config().enableTraces());
      assertTrue(providers.tracerProvider().isPresent());
      assertTrue(providers.telemetry().tracesEnabled());
      assertTrue(providers.testExporters().isPresent());
    }
  }

  @Test
  void optionsCanSwitchSignalsOff() {
    BootstrapOptions options = BootstrapOptions.builder().enableMetrics(false).enableLogs(false).testMode(true).build();
    try (OtelProviders providers = build(Map.of(), options)) {
      assertTrue(providers.tracerProvider().isPresent());
      assertTrue(providers.meterProvider().isEmpty());
      assertTrue(providers.loggerProvider().isEmpty());
      assertFalse(providers.telemetry().metricsEnabled());
      assertFalse(providers.telemetry().logsEnabled());
    }
  }

  @Test
  void aDisabledSdkBuildsNoProvidersAndAnInertFacade() {
    try (OtelProviders providers = build(Map.of("OTEL_SDK_DISABLED", "true"), BootstrapOptions.DEFAULTS)) {
      assertTrue(providers.tracerProvider().isEmpty());
      assertTrue(providers.meterProvider().isEmpty());
      assertTrue(providers.loggerProvider().isEmpty());
      Telemetry telemetry = providers.telemetry();
      assertFalse(telemetry.tracesEnabled() || telemetry.metricsEnabled() || telemetry.logsEnabled());
      assertFalse(telemetry.startStageSpan("s", "s", ScopeName.PIPELINE, null).span().getSpanContext().isValid());
    }
  }

  @Test
  void resourceCarriesTheServiceAttributesAndOverridesWinLast() {
    Map<String, String> settings = new HashMap<>();
    settings.put("CODEANATOMY_OTEL_TEST_MODE", "true");
    settings.put("OTEL_SERVICE_NAME", "from-env");
    settings.put("CODEANATOMY_SERVICE_VERSION", "9.9.9");
    settings.put("CODEANATOMY_SERVICE_NAMESPACE", "analysis");
    settings.put("DEPLOYMENT_ENVIRONMENT", "staging");
    settings.put("OTEL_SERVICE_INSTANCE_ID", "instance-7");
    settings.put("OTEL_RESOURCE_ATTRIBUTES", "team=data%20eng,codeanatomy.repo_root=/env,service.name=attr");
    BootstrapOptions options = BootstrapOptions.builder()
        .environment("prod")
        .resourceOverride("codeanatomy.repo_root", "/repo")
        .resourceOverride("codeanatomy.repo_hash", "abc")
        .build();
    try (OtelProviders providers = build(settings, options)) {
      assertEquals("from-env", resourceAttribute(providers, "service.name"));
      assertEquals("9.9.9", resourceAttribute(providers, "service.version"));
      assertEquals("analysis", resourceAttribute(providers, "service.namespace"));
      assertEquals("prod", resourceAttribute(providers, "deployment.environment.name"));
      assertEquals("instance-7", resourceAttribute(providers, "service.instance.id"));
      assertEquals("data eng", resourceAttribute(providers, "team"));
      assertEquals("/repo", resourceAttribute(providers, "codeanatomy.repo_root"));
      assertEquals("abc", resourceAttribute(providers, "codeanatomy.repo_hash"));
      assertEquals("opentelemetry", resourceAttribute(providers, "telemetry.sdk.name"));
      assertEquals("java", resourceAttribute(providers, "telemetry.sdk.language"));
      assertNotNull(providers.resource().orElseThrow().getAttribute(AttributeKey.longKey("process.pid")));
      assertNotNull(resourceAttribute(providers, "os.type"));
    }
  }

  @Test
  void serviceDefaultsAndDetectorSelection() {
    Map<String, String> settings = Map.of(
        "CODEANATOMY_OTEL_TEST_MODE", "true", "OTEL_EXPERIMENTAL_RESOURCE_DETECTORS", "os,k8s");
    BootstrapOptions named = BootstrapOptions.builder().serviceName("from-option").build();
    try (OtelProviders first = build(settings, BootstrapOptions.DEFAULTS); OtelProviders second = build(settings, named)) {
      assertEquals("codeanatomy", resourceAttribute(first, "service.name"));
      assertEquals("from-option", resourceAttribute(second, "service.name"));
      String instanceId = resourceAttribute(first, "service.instance.id");
      assertTrue(instanceId.matches("[0-9a-f]{32}"), instanceId);
      assertEquals(instanceId, resourceAttribute(second, "service.instance.id"), "one instance id per process");
      Resource resource = first.resource().orElseThrow();
      assertNotNull(resource.getAttribute(AttributeKey.stringKey("os.type")));
      assertEquals(null, resource.getAttribute(AttributeKey.longKey("process.pid")), "process detector not selected");
    }
  }

  @Test
  void exemplarsAreOffUnlessConfigured() {
    assertEquals(0, exemplarsOfASampledRecording(Map.of()));
    assertEquals(1, exemplarsOfASampledRecording(Map.of("OTEL_METRICS_EXEMPLAR_FILTER", "always_on")));
  }

  private static int exemplarsOfASampledRecording(Map<String, String> settings) {
    try (TestTelemetry test = TestTelemetry.start(settings)) {
      try (TelemetrySpan span = test.telemetry.startStageSpan("s", "extract", ScopeName.EXTRACT, null)) {
        test.telemetry.recordTaskDuration("scan", 0.2, "ok", null);
      }
      HistogramPointData point = test.metric("codeanatomy.task.duration").getHistogramData().getPoints().iterator().next();
      return point.getExemplars().size();
    }
  }

  @Test
  void configureInstallsTheGlobalFacadeOnceAndCloseRemovesIt() {
    List<String> properties = List.of("codeanatomy.otel.test.mode", "otel.service.name", "otel.traces.sampler");
    System.setProperty("otel.traces.sampler", "always_on");
    System.setProperty("codeanatomy.otel.test.mode", "true");
    System.setProperty("otel.service.name", "global-test");
    try {
      OtelProviders providers = TelemetryBootstrap.configure(BootstrapOptions.DEFAULTS);
      try {
        assertSame(providers, TelemetryBootstrap.configure(BootstrapOptions.builder().serviceName("ignored").build()));
        assertSame(providers.telemetry(), Telemetry.global());
        GlobalOpenTelemetry.getTracer("global-check").spanBuilder("through-global").startSpan().end();
        assertEquals("through-global",
            providers.testExporters().orElseThrow().spans().getFinishedSpanItems().get(0).getName());
        assertEquals("global-test", resourceAttribute(providers, "service.name"));
        Telemetry.global().recordStageDuration("extract", 0.1, "ok", null);
        assertEquals(1, providers.testExporters().orElseThrow().metrics().collectAllMetrics().size());
      } finally {
        providers.close();
      }
      assertSame(Telemetry.disabled(), Telemetry.global());
      try (OtelProviders again = TelemetryBootstrap.configure(BootstrapOptions.DEFAULTS)) {
        assertFalse(again == providers, "a closed configuration is not handed out again");
      }
    } finally {
      properties.forEach(System::clearProperty);
      GlobalOpenTelemetry.resetForTest();
    }
  }

  @Test
  void configureCanReadExplicitSettingsInsteadOfTheEnvironment() {
    System.setProperty("otel.service.name", "from-properties");
    try (OtelProviders providers = TelemetryBootstrap.configure(
        Map.of("CODEANATOMY_OTEL_TEST_MODE", "true", "OTEL_SERVICE_NAME", "from-settings"), BootstrapOptions.DEFAULTS)) {
      assertSame(providers.telemetry(), Telemetry.global());
      assertEquals("from-settings", resourceAttribute(providers, "service.name"));
      TestExporters exporters = providers.testExporters().orElseThrow();
      assertTrue(exporters.metric("codeanatomy.stage.duration").isEmpty());
      Telemetry.global().recordStageDuration("extract", 0.1, "ok", null);
      assertEquals("s", exporters.metric("codeanatomy.stage.duration").orElseThrow().getUnit());
    } finally {
      System.clearProperty("otel.service.name");
      GlobalOpenTelemetry.resetForTest();
    }
  }
}
