package io.codeanatomy.delta;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import io.codeanatomy.core.policy.PolicyChecks;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-column Parquet writer settings (§4.4.2): the statistics level for the listed columns, bloom
 * filters (with false-positive rate and distinct-value hint) and dictionary encoding.
 */
public record ParquetWriterPolicy(
    List<String> statisticsEnabled,
    String statisticsLevel,
    List<String> bloomFilterEnabled,
    Double bloomFilterFpp,
    Long bloomFilterNdv,
    List<String> dictionaryEnabled) implements FingerprintableConfig {

  public static final ParquetWriterPolicy DEFAULT =
      new ParquetWriterPolicy(List.of(), "page", List.of(), null, null, List.of());

  public ParquetWriterPolicy {
    statisticsEnabled = PolicyChecks.columnNames("ParquetWriterPolicy.statisticsEnabled", statisticsEnabled);
    statisticsLevel = PolicyChecks.oneOf("ParquetWriterPolicy.statisticsLevel", statisticsLevel,
        Set.of("none", "chunk", "page"));
    bloomFilterEnabled = PolicyChecks.columnNames("ParquetWriterPolicy.bloomFilterEnabled", bloomFilterEnabled);
    PolicyChecks.positiveFloatOrNull("ParquetWriterPolicy.bloomFilterFpp", bloomFilterFpp);
    PolicyChecks.nonNegativeOrNull("ParquetWriterPolicy.bloomFilterNdv", bloomFilterNdv);
    dictionaryEnabled = PolicyChecks.columnNames("ParquetWriterPolicy.dictionaryEnabled", dictionaryEnabled);
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("statistics_enabled", statisticsEnabled, "statistics_level", statisticsLevel,
        "bloom_filter_enabled", bloomFilterEnabled, "bloom_filter_fpp", bloomFilterFpp,
        "bloom_filter_ndv", bloomFilterNdv, "dictionary_enabled", dictionaryEnabled);
  }
}
