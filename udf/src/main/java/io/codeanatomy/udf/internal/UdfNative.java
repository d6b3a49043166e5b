package io.codeanatomy.udf.internal;

/** JNI entry points of the function catalog (implemented in the engine crate's java_udf.rs). */
public final class UdfNative {
  private UdfNative() {}

  public static native void registerScalarFunction(long session, String name, long parametersSchema,
      long resultSchema, int volatility, Object function);

  public static native String registrySnapshot(long session);
}
