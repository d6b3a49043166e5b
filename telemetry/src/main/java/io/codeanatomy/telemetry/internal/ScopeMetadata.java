package io.codeanatomy.telemetry.internal;

/**
 * Instrumentation scope version and schema URL of every tracer, meter and logger the facade creates
 * (reference {@code scope_metadata.py}).
 *
 * @param version {@code CODEANATOMY_SERVICE_VERSION}, else this library's jar version, else {@code "unknown"}
 * @param schemaUrl {@code CODEANATOMY_OTEL_SCHEMA_URL}, else {@code OTEL_SCHEMA_URL}, else null
 */
public record ScopeMetadata(String version, String schemaUrl) {
  private static final class EnvironmentHolder {
    static final ScopeMetadata INSTANCE = read(SettingsSource.system());
  }

  /** Read once from the process environment and system properties. */
  public static ScopeMetadata fromEnvironment() {
    return EnvironmentHolder.INSTANCE;
  }

  public static ScopeMetadata read(SettingsSource settings) {
    String version = settings.value("CODEANATOMY_SERVICE_VERSION", packageVersion());
    return new ScopeMetadata(
        version != null ? version : "unknown",
        settings.firstValue("CODEANATOMY_OTEL_SCHEMA_URL", "OTEL_SCHEMA_URL"));
  }

  /** The {@code Implementation-Version} of this library's jar manifest; null outside a jar. */
  public static String packageVersion() {
    return ScopeMetadata.class.getPackage().getImplementationVersion();
  }
}
