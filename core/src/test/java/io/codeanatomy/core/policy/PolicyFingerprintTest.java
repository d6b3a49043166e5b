package io.codeanatomy.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.fingerprint.Fingerprints;
import io.codeanatomy.core.reference.ReferenceVectors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Each policy's Java value fingerprints exactly like the reference payload derived in {@code core_vectors.json}. */
class PolicyFingerprintTest {
  private static final Map<String, Supplier<FingerprintableConfig>> POLICIES = new LinkedHashMap<>();
  /** Vectors of policies that live in other modules and are checked there (delta: DeltaPolicyTest). */
  private static final Set<String> OTHER_MODULES = Set.of("CdfFilterPolicy.default", "CdfFilterPolicy.varied");
  private static final Supplier<EncodingPolicy> ENCODING_WITH_SPECS = () -> EncodingPolicy.builder()
      .specs(List.of(new EncodingSpec("b", null, true), new EncodingSpec("a", new ArrowType.Int(8, true), null)))
      .build();

  static {
    POLICIES.put("ChunkPolicy.default", () -> ChunkPolicy.DEFAULT);
    POLICIES.put("ChunkPolicy.varied", () -> new ChunkPolicy(false, true));
    POLICIES.put("EncodingPolicy.default", () -> EncodingPolicy.DEFAULT);
    POLICIES.put("EncodingPolicy.specs", ENCODING_WITH_SPECS::get);
    POLICIES.put("NormalizePolicy.default", () -> new NormalizePolicy(EncodingPolicy.DEFAULT));
    POLICIES.put("NormalizePolicy.varied", () -> new NormalizePolicy(ENCODING_WITH_SPECS.get(),
        new ChunkPolicy(false, true)));
    POLICIES.put("DataFusionSqlPolicy.default", () -> DataFusionSqlPolicy.DEFAULT);
    POLICIES.put("DataFusionSqlPolicy.write", () -> DataFusionSqlPolicy.resolve("write", null));
    POLICIES.put("DataFusionCachePolicy.default", () -> DataFusionCachePolicy.DEFAULT);
    POLICIES.put("DataFusionCachePolicy.varied", () -> new DataFusionCachePolicy(true, 64));
    POLICIES.put("ExprPlannerPolicy.varied", () -> new ExprPlannerPolicy(List.of("datafusion", "codeanatomy_domain")));
    POLICIES.put("DataFusionConfigPolicy.varied", () -> new DataFusionConfigPolicy(Map.of(
        "datafusion.catalog.information_schema", "true", "datafusion.execution.batch_size", "8192")));
    POLICIES.put("DataFusionJoinPolicy.default", () -> DataFusionJoinPolicy.DEFAULT);
    POLICIES.put("DataFusionJoinPolicy.varied", () -> DataFusionJoinPolicy.builder().enableSortMergeJoin(false)
        .perfectHashJoinSmallBuildThreshold(1024L).perfectHashJoinMinKeyDensity(0.75).build());
    POLICIES.put("AdapterExecutionPolicy.default", AdapterExecutionPolicy::new);
    POLICIES.put("ParamTablePolicy.default", () -> ParamTablePolicy.DEFAULT);
    POLICIES.put("ParamTablePolicy.varied", () -> new ParamTablePolicy(ParamTableScope.PER_SESSION, "param_"));
    POLICIES.put("FunctionFactoryPolicy.default", () -> FunctionFactoryPolicy.DEFAULT);
    POLICIES.put("FunctionFactoryPolicy.varied", () -> new FunctionFactoryPolicy(List.of(new RulePrimitive("span_len",
        List.of(new FunctionParameter("bstart", "int64"), new FunctionParameter("bend", "int64")), "int64",
        "immutable", "Span length.", true)), false, false, List.of("codeanatomy")));
    POLICIES.put("CachePolicy.varied", () -> new CachePolicy(true, "stable", "arrow", "none", null));
    POLICIES.put("ExecutionSurfacePolicy.default", () -> ExecutionSurfacePolicy.DEFAULT);
    POLICIES.put("ExecutionSurfacePolicy.varied",
        () -> new ExecutionSurfacePolicy(false, DeterminismTier.parse("canonical"), WriterStrategy.DATAFUSION));
    POLICIES.put("PythonScopePolicy.default", () -> PythonScopePolicy.DEFAULT);
    POLICIES.put("PythonScopePolicy.varied", () -> new PythonScopePolicy(List.of(".pyi", ".pyx"), false, true, null));
    POLICIES.put("CachePolicyProfile.varied", () -> new CachePolicyProfile("default", CacheBehavior.DEFAULT,
        CacheBehavior.RECOMPUTE, CacheBehavior.DISABLE, true));
    POLICIES.put("TagPolicy.minimal", () -> TagPolicy.builder("semantic", "table").build());
    POLICIES.put("TagPolicy.varied", () -> TagPolicy.builder("semantic", "table").artifact("cpg_nodes").version("2")
        .entityKeys(List.of("node_id")).joinKeys(List.of("file_id", "node_id")).extraTags(Map.of("owner", "core"))
        .build());
    POLICIES.put("OutputStoragePolicy.default", () -> OutputStoragePolicy.DEFAULT);
    POLICIES.put("OutputStoragePolicy.varied", () -> new OutputStoragePolicy("delta", true));
    POLICIES.put("DiagnosticsPolicy.default", () -> DiagnosticsPolicy.DEFAULT);
    POLICIES.put("DiagnosticsPolicy.varied",
        () -> DiagnosticsPolicy.builder().explainAnalyze(false).explainAnalyzeLevel(null).build());
    POLICIES.put("PipelinePolicy.default", () -> PipelinePolicy.DEFAULT);
    POLICIES.put("PipelinePolicy.varied", () -> new PipelinePolicy(new ParamTablePolicy(ParamTableScope.PER_RULE, "p_"),
        DiagnosticsPolicy.builder().explainAnalyze(false).build()));
    POLICIES.put("DataFusionWritePolicy.default", () -> DataFusionWritePolicy.DEFAULT);
    POLICIES.put("DataFusionWritePolicy.varied",
        () -> new DataFusionWritePolicy(List.of("repo", "day"), true, List.of("path")));
    POLICIES.put("DiskCacheSettings.default", () -> DiskCacheSettings.builder(1L << 30).build());
    POLICIES.put("DiskCacheSettings.varied",
        () -> DiskCacheSettings.builder(1L << 30).shards(8).timeoutSeconds(2.5).sqliteSynchronous("normal").build());
  }

  @TestFactory
  Stream<DynamicTest> policyFingerprintsMatchReference() {
    List<JsonNode> cases = ReferenceVectors.cases("fingerprint").stream()
        .filter(node -> node.get("name").asText().contains("Policy") || node.get("name").asText().contains("Settings"))
        .filter(node -> !OTHER_MODULES.contains(node.get("name").asText()))
        .toList();
    assertEquals(POLICIES.keySet(), cases.stream().map(node -> node.get("name").asText())
        .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)),
        "every policy vector has a Java counterpart and vice versa");
    return cases.stream().map(node -> DynamicTest.dynamicTest(node.get("name").asText(), () -> {
      FingerprintableConfig policy = POLICIES.get(node.get("name").asText()).get();
      String expected = node.get("expected").asText();
      assertEquals(expected, policy.fingerprint());
      assertEquals(expected, Fingerprints.configFingerprint(policy.fingerprintPayload()));
      assertEquals(64, expected.length());
      assertTrue(expected.matches("[0-9a-f]{64}"));
    }));
  }
}
