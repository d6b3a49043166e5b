package io.codeanatomy.telemetry.internal;

import io.codeanatomy.telemetry.BootstrapOptions;
import io.codeanatomy.telemetry.ResourceAttribute;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.resources.ResourceBuilder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The bootstrap's resource (reference {@code resources.py}, spec §5.8), merged in this order, later
 * sources winning: the SDK default ({@code telemetry.sdk.*}), the detectors, {@code
 * OTEL_RESOURCE_ATTRIBUTES}, the service attributes, then the caller's overrides.
 *
 * <p>Detectors are named by {@code OTEL_EXPERIMENTAL_RESOURCE_DETECTORS} (default {@code process, os,
 * host, container, k8s}); as in the reference, names with no detector available are skipped. The
 * {@code process}, {@code os} and {@code host} detectors are hand-written from JDK facts because the
 * SDK itself ships none (they live in the separate instrumentation project).
 */
public final class ResourceFactory {
  /** {@code secrets.token_hex(16)} of the reference: one instance id per process. */
  private static final String PROCESS_INSTANCE_ID = newInstanceId();

  private ResourceFactory() {}

  public static Resource build(SettingsSource settings, BootstrapOptions options) {
    ResourceBuilder service = Resource.builder();
    putIfPresent(service, ResourceAttribute.SERVICE_NAME,
        first(options.serviceName(), settings.value("OTEL_SERVICE_NAME"), "codeanatomy"));
    putIfPresent(service, ResourceAttribute.SERVICE_VERSION,
        first(options.serviceVersion(), settings.value("CODEANATOMY_SERVICE_VERSION"), ScopeMetadata.packageVersion()));
    putIfPresent(service, ResourceAttribute.SERVICE_NAMESPACE,
        first(options.serviceNamespace(), settings.value("CODEANATOMY_SERVICE_NAMESPACE"), null));
    putIfPresent(service, ResourceAttribute.DEPLOYMENT_ENVIRONMENT_NAME,
        first(options.environment(), settings.firstValue("CODEANATOMY_ENVIRONMENT", "DEPLOYMENT_ENVIRONMENT"), null));
    putIfPresent(service, ResourceAttribute.SERVICE_INSTANCE_ID,
        first(settings.firstValue("OTEL_SERVICE_INSTANCE_ID", "CODEANATOMY_SERVICE_INSTANCE_ID"), null, PROCESS_INSTANCE_ID));

    ResourceBuilder overrides = Resource.builder();
    options.resourceOverrides().forEach(overrides::put);

    return Resource.getDefault()
        .merge(detected(settings))
        .merge(fromResourceAttributes(settings))
        .merge(service.build())
        .merge(overrides.build());
  }

  private static Resource detected(SettingsSource settings) {
    String names = settings.value("OTEL_EXPERIMENTAL_RESOURCE_DETECTORS", "process,os,host,container,k8s");
    ResourceBuilder builder = Resource.builder();
    for (String name : names.split(",")) {
      switch (name.strip().toLowerCase(Locale.ROOT)) {
        case "process" -> {
          ProcessHandle current = ProcessHandle.current();
          builder.put(AttributeKey.longKey("process.pid"), current.pid());
          current.info().command().ifPresent(path -> builder.put("process.executable.path", path));
          builder.put("process.runtime.name", System.getProperty("java.runtime.name", "java"));
          builder.put("process.runtime.version", System.getProperty("java.runtime.version", ""));
          builder.put("process.runtime.description", System.getProperty("java.vm.vendor", "") + " "
              + System.getProperty("java.vm.name", "") + " " + System.getProperty("java.vm.version", ""));
        }
        case "os" -> {
          builder.put("os.type", osType(System.getProperty("os.name", "")));
          builder.put("os.description", System.getProperty("os.name", "") + " " + System.getProperty("os.version", ""));
        }
        case "host" -> {
          putIfPresent(builder, "host.name", hostName());
          builder.put("host.arch", System.getProperty("os.arch", ""));
        }
        default -> {
          // No such detector on the JVM (container, k8s, ...): skipped, as the reference skips
          // names without an installed entry point.
        }
      }
    }
    return builder.build();
  }

  /** {@code OTEL_RESOURCE_ATTRIBUTES}: percent-encoded {@code key=value} pairs; malformed ones are skipped. */
  private static Resource fromResourceAttributes(SettingsSource settings) {
    String value = settings.value("OTEL_RESOURCE_ATTRIBUTES");
    ResourceBuilder builder = Resource.builder();
    if (value == null) {
      return builder.build();
    }
    for (String entry : value.split(",")) {
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        SettingsSource.warn("Ignoring malformed OTEL_RESOURCE_ATTRIBUTES entry '%s'", entry);
        continue;
      }
      try {
        builder.put(SettingsSource.percentDecode(entry.substring(0, equals).strip()),
            SettingsSource.percentDecode(entry.substring(equals + 1).strip()));
      } catch (IllegalArgumentException badEscape) {
        SettingsSource.warn("Ignoring malformed OTEL_RESOURCE_ATTRIBUTES entry '%s'", entry);
      }
    }
    return builder.build();
  }

  private static String osType(String osName) {
    String lowered = osName.toLowerCase(Locale.ROOT);
    for (String known : List.of("windows", "linux", "freebsd", "netbsd", "openbsd", "aix", "hpux")) {
      if (lowered.startsWith(known)) {
        return known;
      }
    }
    if (lowered.startsWith("mac")) {
      return "darwin";
    }
    if (lowered.startsWith("sunos") || lowered.startsWith("solaris")) {
      return "solaris";
    }
    return lowered;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException unresolvable) {
      return System.getenv("HOSTNAME");
    }
  }

  private static String first(String option, String setting, String fallback) {
    if (option != null && !option.isBlank()) {
      return option;
    }
    return setting != null ? setting : fallback;
  }

  private static void putIfPresent(ResourceBuilder builder, String key, String value) {
    if (value != null && !value.isEmpty()) {
      builder.put(key, value);
    }
  }

  private static String newInstanceId() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
