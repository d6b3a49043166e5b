package io.codeanatomy.core.policy;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.LinkedHashMap;
import java.util.Map;

/** Which SQL statement kinds a session accepts (reference: {@code compile/options.py}). */
public record DataFusionSqlPolicy(boolean allowDdl, boolean allowDml, boolean allowStatements)
    implements FingerprintableConfig {
  public static final DataFusionSqlPolicy DEFAULT = new DataFusionSqlPolicy(true, true, true);
  /** {@code SQL_POLICY_PRESETS}. */
  public static final Map<String, DataFusionSqlPolicy> PRESETS = presets();

  /**
   * {@code resolve_sql_policy}: a null name gives {@code fallback}, or {@link #DEFAULT} without one.
   *
   * @throws ConfigurationException {@code Unknown SQL policy name: 'x'.} for an unknown name
   */
  public static DataFusionSqlPolicy resolve(String name, DataFusionSqlPolicy fallback) {
    if (name == null) {
      return fallback == null ? DEFAULT : fallback;
    }
    DataFusionSqlPolicy preset = PRESETS.get(name);
    if (preset == null) {
      throw new ConfigurationException("Unknown SQL policy name: '" + name + "'.");
    }
    return preset;
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("allow_ddl", allowDdl, "allow_dml", allowDml, "allow_statements", allowStatements);
  }

  private static Map<String, DataFusionSqlPolicy> presets() {
    Map<String, DataFusionSqlPolicy> presets = new LinkedHashMap<>();
    presets.put("read_only", new DataFusionSqlPolicy(false, false, false));
    presets.put("write", new DataFusionSqlPolicy(false, true, true));
    presets.put("service", new DataFusionSqlPolicy(false, false, false));
    presets.put("admin", new DataFusionSqlPolicy(true, true, true));
    return java.util.Collections.unmodifiableMap(presets);
  }
}
