package io.codeanatomy.telemetry;

import io.codeanatomy.telemetry.internal.AttributeNormalization;
import io.codeanatomy.telemetry.internal.SettingsSource;
import io.opentelemetry.api.common.Attributes;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns caller attributes into OpenTelemetry attributes exactly as the reference's {@code
 * attributes.py} does (spec §5.4): null values are skipped; a key containing any redaction key
 * (case-insensitive substring) gets the value {@code "[redacted]"}; strings are cut to the length
 * limit; booleans and numbers pass through; bytes become hex; maps become {@code json.dumps(...,
 * sort_keys=True)} text; lists and arrays become typed OpenTelemetry arrays; anything else becomes its
 * Python-style {@code str()}. When there are more attributes than the count limit, the first ones in
 * key order are kept. See {@link io.codeanatomy.core.text.PythonText} for how Java types map
 * onto Python ones ({@link java.math.BigInteger} is treated as an opaque value here, since attributes
 * hold 64-bit integers). An empty key is dropped, as the SDK drops it.
 *
 * <p>Immutable and thread-safe.
 */
public final class AttributeNormalizer {
  /** Redaction keys used when {@code CODEANATOMY_OTEL_REDACT_KEYS} is unset. */
  public static final List<String> DEFAULT_REDACT_KEYS =
      List.of("authorization", "cookie", "password", "secret", "token", "api_key");
  /** The value that replaces a redacted attribute. */
  public static final String REDACTED = AttributeNormalization.REDACTED;

  private static final class EnvironmentHolder {
    static final AttributeNormalizer INSTANCE = read(SettingsSource.system());
  }

  private final List<String> redactKeys;
  private final AttributeLimits limits;
  private final AttributeLimits logLimits;
  private final AttributeNormalization general;
  private final AttributeNormalization forLogs;

  /**
   * @param redactKeys substrings (matched case-insensitively) whose keys are redacted
   * @param limits limits for metric and span attributes
   * @param logLimits limits for log-record attributes; each unset one falls back to {@code limits}
   */
  public AttributeNormalizer(Collection<String> redactKeys, AttributeLimits limits, AttributeLimits logLimits) {
    this.redactKeys = redactKeys.stream()
        .map(String::strip)
        .filter(key -> !key.isEmpty())
        .map(key -> key.toLowerCase(Locale.ROOT))
        .distinct()
        .toList();
    this.limits = limits;
    this.logLimits = logLimits.orElse(limits);
    this.general = new AttributeNormalization(this.redactKeys, this.limits.countLimit(), this.limits.valueLengthLimit());
    this.forLogs = new AttributeNormalization(this.redactKeys, this.logLimits.countLimit(), this.logLimits.valueLengthLimit());
  }

  /**
   * The normaliser configured by the process environment and system properties, read once (as the
   * reference reads them once at import): {@code OTEL_ATTRIBUTE_COUNT_LIMIT}, {@code
   * OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT}, {@code OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT}, {@code
   * OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT} (invalid numbers count as unset) and {@code
   * CODEANATOMY_OTEL_REDACT_KEYS} (comma list replacing {@link #DEFAULT_REDACT_KEYS}).
   */
  public static AttributeNormalizer fromEnvironment() {
    return EnvironmentHolder.INSTANCE;
  }

  /** Like {@link #fromEnvironment()}, from settings keyed by environment-variable name. */
  public static AttributeNormalizer fromSettings(Map<String, String> settings) {
    return read(SettingsSource.of(settings));
  }

  static AttributeNormalizer read(SettingsSource settings) {
    String configuredKeys = settings.value("CODEANATOMY_OTEL_REDACT_KEYS");
    List<String> keys = configuredKeys == null ? DEFAULT_REDACT_KEYS : Arrays.asList(configuredKeys.split(","));
    return new AttributeNormalizer(
        keys,
        new AttributeLimits(
            settings.quietInteger("OTEL_ATTRIBUTE_COUNT_LIMIT"),
            settings.quietInteger("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT")),
        new AttributeLimits(
            settings.quietInteger("OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT"),
            settings.quietInteger("OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT")));
  }

  /** The lower-cased redaction keys. */
  public List<String> redactKeys() {
    return redactKeys;
  }

  /** Limits for metric and span attributes. */
  public AttributeLimits limits() {
    return limits;
  }

  /** Limits for log-record attributes, after falling back to {@link #limits()}. */
  public AttributeLimits logLimits() {
    return logLimits;
  }

  /** {@code normalize_attributes}: metric and span attributes. Null means no attributes. */
  public Attributes normalize(Map<String, ?> attributes) {
    return general.normalize(attributes);
  }

  /** {@code normalize_log_attributes}: log-record attributes, with the log limits. */
  public Attributes normalizeForLog(Map<String, ?> attributes) {
    return forLogs.normalize(attributes);
  }

  /** The metric and span normalisation, for the facade's emit path. */
  AttributeNormalization general() {
    return general;
  }
}
