package io.codeanatomy.delta.internal;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** Kernel's default engine, configured with the table's merged storage options as Hadoop settings. */
public final class KernelEngines {
  private KernelEngines() {}

  public static Engine create(Map<String, String> storageOptions) {
    Configuration configuration = new Configuration();
    storageOptions.forEach(configuration::set);
    return DefaultEngine.create(configuration);
  }
}
