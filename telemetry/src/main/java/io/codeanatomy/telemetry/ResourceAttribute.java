package io.codeanatomy.telemetry;

/** Resource attribute keys set by the bootstrap (reference {@code ResourceAttribute}). */
public final class ResourceAttribute {
  public static final String SERVICE_NAME = "service.name";
  public static final String SERVICE_VERSION = "service.version";
  public static final String SERVICE_NAMESPACE = "service.namespace";
  public static final String SERVICE_INSTANCE_ID = "service.instance.id";
  public static final String DEPLOYMENT_ENVIRONMENT_NAME = "deployment.environment.name";

  private ResourceAttribute() {}
}
