package io.codeanatomy.telemetry.internal;

import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where telemetry settings come from, with the reference's parsing rules ({@code utils/env_utils.py}).
 * Settings are named by their environment variable; {@link #system()} also honours the system
 * property of the same name in lower case with dots ({@code OTEL_TRACES_EXPORTER} ↔ {@code
 * otel.traces.exporter}), which wins over the environment, as in the OpenTelemetry Java SDK.
 *
 * <p>Hand-written rather than the SDK's autoconfigure {@code ConfigProperties} because the reference
 * rules differ: invalid numbers fall back to the default with a warning, booleans accept {@code
 * yes}/{@code y}, and {@code OTEL_SDK_DISABLED} is strict.
 */
public final class SettingsSource {
  private static final System.Logger LOGGER = System.getLogger("io.codeanatomy.telemetry");
  private static final Set<String> TRUE_VALUES = Set.of("1", "true", "yes", "y");
  private static final Set<String> FALSE_VALUES = Set.of("0", "false", "no", "n");

  private final UnaryOperator<String> lookup;

  private SettingsSource(UnaryOperator<String> lookup) {
    this.lookup = lookup;
  }

  /** System properties (lower-case dotted names) over environment variables. */
  public static SettingsSource system() {
    return new SettingsSource(name -> {
      String property = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
      return property != null ? property : System.getenv(name);
    });
  }

  /** Exactly the given settings, keyed by environment-variable name. */
  public static SettingsSource of(Map<String, String> settings) {
    Map<String, String> copy = Map.copyOf(settings);
    return new SettingsSource(copy::get);
  }

  /** The stripped value, or null when unset or blank ({@code env_value}). */
  public String value(String name) {
    String raw = lookup.apply(name);
    if (raw == null) {
      return null;
    }
    String stripped = raw.strip();
    return stripped.isEmpty() ? null : stripped;
  }

  /** {@link #value} or {@code fallback} when unset. */
  public String value(String name, String fallback) {
    String value = value(name);
    return value != null ? value : fallback;
  }

  /** The first of {@code names} that is set, or null. */
  public String firstValue(String... names) {
    for (String name : names) {
      String value = value(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /**
   * {@code env_bool(name, default=False, on_invalid="false")}: true only for {@code 1, true, yes,
   * y}; an unrecognised value warns and counts as false.
   */
  public boolean flag(String name) {
    String value = value(name);
    if (value == null) {
      return false;
    }
    String lowered = value.toLowerCase(Locale.ROOT);
    if (TRUE_VALUES.contains(lowered)) {
      return true;
    }
    if (!FALSE_VALUES.contains(lowered)) {
      warn("Invalid boolean for %s: '%s'; using false.", name, value);
    }
    return false;
  }

  /** {@code env_bool_strict}: only {@code true}/{@code false} (any case); anything else warns. */
  public boolean strictFlag(String name, boolean fallback) {
    String value = value(name);
    if (value == null) {
      return fallback;
    }
    String lowered = value.toLowerCase(Locale.ROOT);
    if (lowered.equals("true")) {
      return true;
    }
    if (lowered.equals("false")) {
      return false;
    }
    warn("Invalid boolean for %s: '%s' (expected true or false); using %s.", name, value, fallback);
    return fallback;
  }

  /** {@code env_int}: an invalid value warns and gives {@code fallback} (which may be null). */
  public Integer integer(String name, Integer fallback) {
    String value = value(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException invalid) {
      warn("Invalid integer for %s: '%s'; using %s.", name, value, fallback);
      return fallback;
    }
  }

  /** The stripped integer, or null when unset or invalid, without a warning (attribute limits). */
  public Integer quietInteger(String name) {
    String value = value(name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException invalid) {
      return null;
    }
  }

  /**
   * Decodes the {@code %XX} escapes of a {@code key=value} list setting ({@code OTEL_RESOURCE_ATTRIBUTES},
   * {@code OTEL_EXPORTER_OTLP_HEADERS}); unlike form decoding, {@code +} stays a plus.
   *
   * @throws IllegalArgumentException on a malformed escape
   */
  public static String percentDecode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** Logs a configuration warning; {@code format} uses {@link String#format} placeholders. */
  public static void warn(String format, Object... args) {
    LOGGER.log(Level.WARNING, () -> String.format(Locale.ROOT, format, args));
  }
}
