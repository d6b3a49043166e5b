package io.codeanatomy.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.error.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PolicyValidationTest {
  private static void assertRejected(String field, Executable construction) {
    ConfigurationException error = assertThrows(ConfigurationException.class, construction);
    assertEquals(ErrorCode.CONFIGURATION, error.errorCode());
    assertTrue(error.getMessage().startsWith(field), error.getMessage());
  }

  @Test
  void invalidValuesAreRejectedNamingTheField() {
    assertRejected("DataFusionCachePolicy.maxColumns", () -> new DataFusionCachePolicy(true, -1));
    assertRejected("ExprPlannerPolicy.plannerNames[1]", () -> new ExprPlannerPolicy(Arrays.asList("a", null)));
    assertRejected("DataFusionConfigPolicy.settings", () -> new DataFusionConfigPolicy(null));
    assertRejected("DataFusionJoinPolicy.perfectHashJoinSmallBuildThreshold",
        () -> DataFusionJoinPolicy.builder().perfectHashJoinSmallBuildThreshold(-5L).build());
    assertRejected("DataFusionJoinPolicy.perfectHashJoinMinKeyDensity",
        () -> DataFusionJoinPolicy.builder().perfectHashJoinMinKeyDensity(Double.NaN).build());
    assertRejected("ParamTablePolicy.scope", () -> new ParamTablePolicy(null, "p_"));
    assertRejected("CachePolicy.reason", () -> new CachePolicy(true, null, "arrow", "none", null));
    assertRejected("ExecutionSurfacePolicy.writerStrategy",
        () -> new ExecutionSurfacePolicy(true, DeterminismTier.CANONICAL, null));
    assertRejected("PythonScopePolicy.maxDiscoveryFiles", () -> new PythonScopePolicy(List.of(), true, true, -1));
    assertRejected("CachePolicyProfile.defaultSaverBehavior",
        () -> new CachePolicyProfile("n", CacheBehavior.DEFAULT, CacheBehavior.DEFAULT, null, false));
    assertRejected("TagPolicy.layer", () -> TagPolicy.builder(null, "table").build());
    assertRejected("TagPolicy.joinKeys[0]", () -> TagPolicy.builder("l", "k").joinKeys(Arrays.asList((String) null)).build());
    assertRejected("OutputStoragePolicy.format", () -> new OutputStoragePolicy("parquet", true));
    assertRejected("PipelinePolicy.diagnostics", () -> new PipelinePolicy(ParamTablePolicy.DEFAULT, null));
    assertRejected("NormalizePolicy.encoding", () -> new NormalizePolicy(null));
    assertRejected("DataFusionWritePolicy.sortBy", () -> new DataFusionWritePolicy(List.of(), false, null));
    assertRejected("DiskCacheSettings.sizeLimitBytes", () -> DiskCacheSettings.builder(-1).build());
    assertRejected("DiskCacheSettings.evictionPolicy", () -> DiskCacheSettings.builder(1).evictionPolicy("lru").build());
    assertRejected("DiskCacheSettings.shards", () -> DiskCacheSettings.builder(1).shards(0).build());
    assertRejected("DiskCacheSettings.timeoutSeconds", () -> DiskCacheSettings.builder(1).timeoutSeconds(0).build());
    assertRejected("RulePrimitive.volatility", () -> new RulePrimitive("f", List.of(), "int64", "sometimes", null, true));
    assertRejected("FunctionParameter.dtype", () -> new FunctionParameter("x", null));
    assertRejected("EncodingSpec.column", () -> new EncodingSpec(null));
    assertRejected("FunctionFactoryPolicy.primitives", () -> new FunctionFactoryPolicy(null, true, false, List.of()));
  }

  @Test
  void sharedColumnNameCheckFollowsTheReferencePattern() {
    assertEquals("a.b-c_1", PolicyChecks.columnName("cols", "a.b-c_1"));
    assertEquals(List.of("x", "_y"), PolicyChecks.columnNames("cols", List.of("x", "_y")));
    assertRejected("cols", () -> PolicyChecks.columnName("cols", "-x"));
    assertRejected("cols", () -> PolicyChecks.columnName("cols", "a b"));
    assertRejected("cols", () -> PolicyChecks.columnName("cols", "x".repeat(129)));
    assertRejected("cols[1]", () -> PolicyChecks.columnNames("cols", List.of("ok", "")));
    assertEquals(5, PolicyChecks.positiveOrNull("n", 5));
    assertRejected("n", () -> PolicyChecks.positiveOrNull("n", 0));
    assertRejected("f", () -> PolicyChecks.positiveFloatOrNull("f", -0.5));
  }

  @Test
  void sqlPolicyPresetsAndResolution() {
    assertEquals(DataFusionSqlPolicy.DEFAULT, DataFusionSqlPolicy.resolve(null, null));
    DataFusionSqlPolicy fallback = new DataFusionSqlPolicy(false, true, false);
    assertEquals(fallback, DataFusionSqlPolicy.resolve(null, fallback));
    assertEquals(new DataFusionSqlPolicy(false, false, false), DataFusionSqlPolicy.resolve("read_only", null));
    assertEquals(Set.of("read_only", "write", "service", "admin"), DataFusionSqlPolicy.PRESETS.keySet());
    ConfigurationException error = assertThrows(ConfigurationException.class,
        () -> DataFusionSqlPolicy.resolve("root", null));
    assertEquals("Unknown SQL policy name: 'root'.", error.getMessage());
  }

  @Test
  void encodingPolicyBackFillsFromSpecsOnlyWhenEmpty() {
    EncodingSpec spec = new EncodingSpec("a", new ArrowType.Int(16, true), false);
    EncodingPolicy filled = EncodingPolicy.builder().specs(List.of(spec)).build();
    assertEquals(Set.of("a"), filled.dictionaryCols());
    assertEquals(Map.of("a", new ArrowType.Int(16, true)), filled.dictionaryIndexTypes());
    assertEquals(Map.of("a", false), filled.dictionaryOrderedFlags());
    EncodingPolicy explicit = EncodingPolicy.builder().specs(List.of(spec)).dictionaryCols(List.of("z")).build();
    assertEquals(Set.of("z"), explicit.dictionaryCols());
    assertEquals(Set.of(), EncodingPolicy.DEFAULT.dictionaryCols());
  }

  @Test
  void determinismTierAcceptsAliases() {
    assertEquals(DeterminismTier.BEST_EFFORT, DeterminismTier.parse("FAST"));
    assertEquals(DeterminismTier.STABLE_SET, DeterminismTier.parse("stable"));
    assertRejected("determinism tier", () -> DeterminismTier.parse("exact"));
  }

  static final class ServiceAdapterPolicy extends AdapterExecutionPolicy {}

  @Test
  void adapterSubclassesFingerprintDifferently() {
    assertEquals(Map.of("policy", "ServiceAdapterPolicy"), new ServiceAdapterPolicy().fingerprintPayload());
    assertNotEquals(new AdapterExecutionPolicy().fingerprint(), new ServiceAdapterPolicy().fingerprint());
    assertEquals(new AdapterExecutionPolicy(), new AdapterExecutionPolicy());
    assertNotEquals(new AdapterExecutionPolicy(), new ServiceAdapterPolicy());
  }

  @Test
  void collectionsAreCopiedDefensively() {
    java.util.ArrayList<String> partitions = new java.util.ArrayList<>(List.of("day"));
    DataFusionWritePolicy policy = new DataFusionWritePolicy(partitions, false, List.of());
    partitions.add("repo");
    assertEquals(List.of("day"), policy.partitionBy());
    assertThrows(UnsupportedOperationException.class, () -> policy.partitionBy().add("x"));
  }
}
