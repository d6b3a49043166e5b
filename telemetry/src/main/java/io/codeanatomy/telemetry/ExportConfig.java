package io.codeanatomy.telemetry;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.telemetry.internal.SettingsSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where each signal is exported, from the standard OpenTelemetry variables (or their system
 * properties): {@code OTEL_{TRACES,METRICS,LOGS}_EXPORTER} ({@code otlp} by default, {@code
 * console}/{@code logging}, or {@code none}) and, for OTLP, {@code OTEL_EXPORTER_OTLP[_SIGNAL]_}
 * {@code PROTOCOL} ({@code grpc} by default as in the reference; any {@code http...} value selects
 * HTTP/protobuf), {@code ENDPOINT}, {@code HEADERS}, {@code TIMEOUT} (ms) and {@code COMPRESSION}.
 * A signal-specific endpoint is used as is; the generic HTTP endpoint gets {@code /v1/<signal>}
 * appended. Kept apart from {@link OtelConfig} so that configuration's fingerprint stays the
 * reference's.
 *
 * <p>Reading fails with a {@link ConfigurationException} naming the variable for an unknown exporter
 * or protocol, an endpoint that is not an http(s) URL, malformed headers, a non-numeric timeout or an
 * unknown compression; OTLP settings of a signal that is not exported via OTLP are not checked.
 */
public record ExportConfig(SignalExport traces, SignalExport metrics, SignalExport logs) {

  public enum Exporter { OTLP, LOGGING, NONE }

  public enum Protocol { GRPC, HTTP_PROTOBUF }

  /**
   * One signal's export.
   *
   * @param endpoint full endpoint URL, or null for the exporter's default
   * @param timeout or null for the exporter's default
   * @param compression {@code gzip} or {@code none}, or null for the exporter's default
   */
  public record SignalExport(Exporter exporter, Protocol protocol, String endpoint, Map<String, String> headers,
      Duration timeout, String compression) {
    public SignalExport {
      Objects.requireNonNull(exporter, "exporter");
      Objects.requireNonNull(protocol, "protocol");
      headers = Map.copyOf(headers);
    }
  }

  /** From the process environment and system properties. */
  public static ExportConfig resolve() {
    return read(SettingsSource.system());
  }

  /** From settings keyed by environment-variable name. */
  public static ExportConfig resolve(Map<String, String> settings) {
    return read(SettingsSource.of(settings));
  }

  static ExportConfig read(SettingsSource settings) {
    return new ExportConfig(
        readSignal(settings, "TRACES", "traces"),
        readSignal(settings, "METRICS", "metrics"),
        readSignal(settings, "LOGS", "logs"));
  }

  private static SignalExport readSignal(SettingsSource settings, String signal, String path) {
    Exporter exporter = readExporter(settings, "OTEL_" + signal + "_EXPORTER");
    String specific = "OTEL_EXPORTER_OTLP_" + signal + "_";
    String generic = "OTEL_EXPORTER_OTLP_";
    Protocol protocol = readProtocol(settings, specific + "PROTOCOL", generic + "PROTOCOL");
    if (exporter != Exporter.OTLP) {
      return new SignalExport(exporter, protocol, null, Map.of(), null, null);
    }
    return new SignalExport(
        exporter,
        protocol,
        readEndpoint(settings, specific + "ENDPOINT", generic + "ENDPOINT", protocol, path),
        readHeaders(settings, specific + "HEADERS", generic + "HEADERS"),
        readTimeout(settings, specific + "TIMEOUT", generic + "TIMEOUT"),
        readCompression(settings, specific + "COMPRESSION", generic + "COMPRESSION"));
  }

  private static Exporter readExporter(SettingsSource settings, String name) {
    String value = settings.value(name);
    if (value == null) {
      return Exporter.OTLP;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "otlp" -> Exporter.OTLP;
      case "console", "logging" -> Exporter.LOGGING;
      case "none" -> Exporter.NONE;
      default -> throw new ConfigurationException(
          name + " '" + value + "' is not a supported exporter; use otlp, console, logging or none");
    };
  }

  private static Protocol readProtocol(SettingsSource settings, String specific, String generic) {
    String name = settings.value(specific) != null ? specific : generic;
    String value = settings.value(name, "grpc").toLowerCase(Locale.ROOT);
    if (value.equals("grpc")) {
      return Protocol.GRPC;
    }
    if (value.startsWith("http")) {
      return Protocol.HTTP_PROTOBUF;
    }
    throw new ConfigurationException(name + " '" + value + "' is not a supported OTLP protocol; use grpc or http/protobuf");
  }

  private static String readEndpoint(SettingsSource settings, String specific, String generic, Protocol protocol,
      String path) {
    String value = settings.value(specific);
    String name = specific;
    if (value == null) {
      value = settings.value(generic);
      name = generic;
      if (value == null) {
        return null;
      }
      if (protocol == Protocol.HTTP_PROTOBUF) {
        value = (value.endsWith("/") ? value.substring(0, value.length() - 1) : value) + "/v1/" + path;
      }
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return value;
      }
    } catch (URISyntaxException malformed) {
      // reported below with the variable's name
    }
    throw new ConfigurationException(name + " must be an http:// or https:// URL with a host, got '"
        + settings.value(name) + "'");
  }

  /** {@code key=value} pairs separated by commas, percent-decoded (W3C Baggage-style, as the OTel spec says). */
  private static Map<String, String> readHeaders(SettingsSource settings, String specific, String generic) {
    String name = settings.value(specific) != null ? specific : generic;
    String value = settings.value(name);
    Map<String, String> headers = new LinkedHashMap<>();
    if (value == null) {
      return headers;
    }
    for (String entry : value.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      try {
        if (equals > 0) {
          headers.put(SettingsSource.percentDecode(entry.substring(0, equals).strip()),
              SettingsSource.percentDecode(entry.substring(equals + 1).strip()));
          continue;
        }
      } catch (IllegalArgumentException badEscape) {
        // reported below with the variable's name
      }
      throw new ConfigurationException(name + " must be a comma list of key=value pairs (percent-encoded), got '"
          + value + "'");
    }
    return headers;
  }

  private static Duration readTimeout(SettingsSource settings, String specific, String generic) {
    String name = settings.value(specific) != null ? specific : generic;
    String value = settings.value(name);
    if (value == null) {
      return null;
    }
    try {
      long millis = Long.parseLong(value);
      if (millis > 0) {
        return Duration.ofMillis(millis);
      }
    } catch (NumberFormatException invalid) {
      // reported below with the variable's name
    }
    throw new ConfigurationException(name + " must be a positive number of milliseconds, got '" + value + "'");
  }

  private static String readCompression(SettingsSource settings, String specific, String generic) {
    String name = settings.value(specific) != null ? specific : generic;
    String value = settings.value(name);
    if (value == null) {
      return null;
    }
    String lowered = value.toLowerCase(Locale.ROOT);
    if (lowered.equals("gzip") || lowered.equals("none")) {
      return lowered;
    }
    throw new ConfigurationException(name + " '" + value + "' is not a supported compression; use gzip or none");
  }
}
