package io.codeanatomy.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.error.NotImplementedException;
import io.codeanatomy.core.fingerprint.Fingerprints;
import io.codeanatomy.core.storage.StorageOptions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DeltaWritePolicy, DeltaSchemaPolicy, DeltaStorePolicy: defaults, validation, payloads, resolution. */
class DeltaPolicyTest {
  @Test
  void writePolicyDefaultsPayloadAndValidation() {
    DeltaWritePolicy policy = DeltaWritePolicy.DEFAULT;
    assertEquals(100663296L, policy.targetFileSize());
    assertEquals(DeltaStatsPolicy.AUTO, policy.statsPolicy());
    assertEquals(32, policy.statsMaxColumns());
    assertEquals(List.of("target_file_size", "partition_by", "zorder_by", "stats_policy", "stats_columns",
        "stats_max_columns", "parquet_writer_policy", "enable_features"),
        List.copyOf(policy.fingerprintPayload().keySet()));
    assertEquals(Optional.of(Map.of("delta.targetFileSize", "100663296")), policy.writeConfiguration());
    assertEquals(Optional.empty(), DeltaWritePolicy.builder().targetFileSize(null).build().writeConfiguration());

    DeltaWritePolicy withParquet = DeltaWritePolicy.builder().parquetWriterPolicy(ParquetWriterPolicy.DEFAULT).build();
    // The nested policy is embedded as its payload, not as its fingerprint (reference behaviour).
    assertEquals(ParquetWriterPolicy.DEFAULT.fingerprintPayload(),
        withParquet.fingerprintPayload().get("parquet_writer_policy"));
    assertNotEquals(policy.fingerprint(), withParquet.fingerprint());
    assertEquals(policy.fingerprint(), Fingerprints.configFingerprint(policy.fingerprintPayload()));
    assertEquals("auto", ((DeltaStatsPolicy) policy.fingerprintPayload().get("stats_policy")).wireValue());

    assertThrows(ConfigurationException.class, () -> DeltaWritePolicy.builder().targetFileSize(0L).build());
    assertThrows(ConfigurationException.class, () -> DeltaWritePolicy.builder().partitionBy("bad name").build());
    assertThrows(ConfigurationException.class, () -> DeltaWritePolicy.builder().statsMaxColumns(-1).build());
  }

  @Test
  void statsColumnsResolveLikeTheReference() {
    DeltaWritePolicy auto = DeltaWritePolicy.builder().statsMaxColumns(3).build();
    assertEquals(Optional.of(List.of("p", "z", "a")), DeltaWritePolicy.resolveStatsColumns(auto, List.of("p"),
        List.of("z", "p"), List.of("a", "b"), null, null), "de-duplicated in order, cut to statsMaxColumns");
    assertEquals(Optional.of(List.of("p", "a")), DeltaWritePolicy.resolveStatsColumns(auto, List.of("p"),
        List.of("z"), List.of("a"), List.of("a", "p", "q"), null), "only schema columns are kept");
    assertEquals(Optional.empty(), DeltaWritePolicy.resolveStatsColumns(null, List.of("p"), null, null, null, null));
    assertEquals(Optional.empty(), DeltaWritePolicy.resolveStatsColumns(
        DeltaWritePolicy.builder().statsPolicy(DeltaStatsPolicy.OFF).build(), List.of("p"), null, null, null, null));
    DeltaWritePolicy explicit = DeltaWritePolicy.builder().statsPolicy(DeltaStatsPolicy.EXPLICIT)
        .statsColumns(List.of("b", "a", "b")).build();
    assertEquals(Optional.of(List.of("b", "a")),
        DeltaWritePolicy.resolveStatsColumns(explicit, List.of("p"), null, null, null, null));
    assertEquals(Optional.empty(), DeltaWritePolicy.resolveStatsColumns(
        DeltaWritePolicy.builder().statsPolicy(DeltaStatsPolicy.EXPLICIT).build(), List.of(), null, null, null, null));
    assertEquals(Optional.of(List.of("x")), DeltaWritePolicy.resolveStatsColumns(null, List.of("p"), null, null, null,
        Arrays.asList("x", "x")), "an override wins over everything");
  }

  @Test
  void policiesApplyToWriteOptionsWithExplicitValuesWinning() {
    DeltaWritePolicy policy = DeltaWritePolicy.builder().targetFileSize(1024L).partitionBy("p").zorderBy("id").build();
    DeltaWriteOptions fromPolicy = DeltaWriteOptions.overwrite().writePolicy(policy)
        .schemaPolicy(new DeltaSchemaPolicy(DeltaSchemaMode.MERGE, null)).build();
    assertEquals(1024L, fromPolicy.targetFileSize());
    assertEquals(List.of("p"), fromPolicy.partitionBy());
    assertEquals(List.of("id"), fromPolicy.zorderBy());
    assertEquals(DeltaSchemaMode.MERGE, fromPolicy.schemaMode());
    assertEquals(Map.of("delta.targetFileSize", "1024", "delta.dataSkippingStatsColumns", "p,id"),
        fromPolicy.tableProperties());

    DeltaWriteOptions explicit = DeltaWriteOptions.overwrite().writePolicy(policy).targetFileSize(7)
        .partitionBy(List.of()).schemaMode(DeltaSchemaMode.OVERWRITE)
        .schemaPolicy(new DeltaSchemaPolicy(DeltaSchemaMode.MERGE, null)).build();
    assertEquals(7L, explicit.targetFileSize());
    assertEquals(List.of(), explicit.partitionBy());
    assertEquals(DeltaSchemaMode.OVERWRITE, explicit.schemaMode());

    assertThrows(NotImplementedException.class, () -> DeltaWriteOptions.append()
        .writePolicy(DeltaWritePolicy.builder().enableFeatures(DeltaTableFeature.CHANGE_DATA_FEED).build()).build());
    assertThrows(NotImplementedException.class, () -> DeltaWriteOptions.append()
        .schemaPolicy(new DeltaSchemaPolicy(null, DeltaColumnMappingMode.NAME)).build());
    assertThrows(ConfigurationException.class, () -> DeltaWriteOptions.append().replaceWhere("p = 1").build());
    assertThrows(ConfigurationException.class, () -> DeltaWriteOptions.overwrite().replaceWhere(" ").build());
  }

  @Test
  void schemaPolicyConfigurationAndPayload() {
    assertEquals(Optional.empty(), DeltaSchemaPolicy.DEFAULT.schemaConfiguration());
    DeltaSchemaPolicy policy = new DeltaSchemaPolicy(DeltaSchemaMode.MERGE, DeltaColumnMappingMode.NAME);
    assertEquals(Optional.of(Map.of("delta.columnMapping.mode", "name")), policy.schemaConfiguration());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("schema_mode", "merge");
    payload.put("column_mapping_mode", DeltaColumnMappingMode.NAME);
    assertEquals(payload, policy.fingerprintPayload());
    assertNotEquals(DeltaSchemaPolicy.DEFAULT.fingerprint(), policy.fingerprint());
  }

  @Test
  void storePolicyLayersOptionsAndRefusesRemoteTables() {
    Map<String, String> storage = new LinkedHashMap<>();
    storage.put("region", "eu");
    storage.put("AWS_KEY", "k");
    DeltaStorePolicy policy = new DeltaStorePolicy(storage, Map.of("log", "1"), true);
    StorageOptions resolved = policy.resolve("/data/t", StorageOptions.of(Map.of("region", "us"), Map.of()));
    assertEquals(Optional.of(Map.of("region", "us", "AWS_KEY", "k")), resolved.storage(), "explicit options win");
    assertEquals(Optional.of(Map.of("log", "1")), resolved.logStorage());
    ConfigurationException remote = assertThrows(ConfigurationException.class,
        () -> policy.resolve("s3://bucket/t", StorageOptions.empty()));
    assertTrue(remote.getMessage().startsWith("Remote Delta tables are disallowed by policy."), remote.getMessage());
    assertEquals(Optional.empty(), DeltaStorePolicy.DEFAULT.resolve("s3://b/t", StorageOptions.empty()).merged());
    assertThrows(ConfigurationException.class,
        () -> DeltaTable.forPath("s3://bucket/t", policy, StorageOptions.empty()));
    assertEquals(Map.of("region", "eu", "AWS_KEY", "k", "log", "1"),
        DeltaTable.forPath("/tmp/t", policy, StorageOptions.empty()).storageOptions());

    // Pairs sorted by key (code points: upper case first), as Python's sorted(mapping.items()).
    assertEquals(List.of(List.of("AWS_KEY", "k"), List.of("region", "eu")),
        policy.fingerprintPayload().get("storage_options"));
    assertEquals(true, policy.fingerprintPayload().get("require_local_paths"));
    assertEquals(null, DeltaStorePolicy.hash(null));
    assertEquals(policy.fingerprint(), DeltaStorePolicy.hash(policy));
    Map<String, String> reordered = new LinkedHashMap<>();
    reordered.put("AWS_KEY", "k");
    reordered.put("region", "eu");
    assertEquals(policy.fingerprint(), new DeltaStorePolicy(reordered, Map.of("log", "1"), true).fingerprint(),
        "insertion order does not change the fingerprint");
  }

  @Test
  void cdfFilterPolicyFingerprintsMatchTheReference() {
    // Vectors CdfFilterPolicy.default and .varied of core's reference/core_vectors.json (spec §2.4 #20).
    assertEquals("9b6dc39eba82feea56fbef95942ec1c31b6c1cd8e5da99c374cfea3996b1b45b",
        CdfFilterPolicy.includeAll().fingerprint());
    assertEquals("14e9e8062220392ea47f4c5dea9a09a558af8a44bb863ab194512e9382b436d2",
        CdfFilterPolicy.insertsOnly().fingerprint());
  }

  @Test
  void storePolicySecretsStayOutOfTextAndFingerprintDebugOutput() {
    DeltaStorePolicy policy = new DeltaStorePolicy(Map.of("aws_secret_access_key", "hunter2", "region", "eu"),
        Map.of("azure_storage_sas_token", "sig=abc"), false);
    for (String text : List.of(policy.toString(), Fingerprints.describe(policy))) {
      assertTrue(!text.contains("hunter2") && !text.contains("sig=abc"), text);
      assertTrue(text.contains("eu") && text.contains("aws_secret_access_key"), text);
    }
  }
}
