package io.codeanatomy.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.reference.ReferenceVectors;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

class DiskCacheProfileTest {
  private static final long MIB = 1024L * 1024;

  /** Java counterparts of the profiles {@code derive_vectors.py} fingerprints, keyed by case name. */
  private static final Map<String, Function<Path, DiskCacheProfile>> PROFILES = Map.of(
      "DiskCacheProfile.defaults", DiskCacheProfile::defaults,
      "DiskCacheProfile.varied", root -> DiskCacheProfile.builder().root(root)
          .baseSettings(DiskCacheSettings.builder(1L << 30).cullLimit(0).statistics(false).sqliteJournalMode(null).build())
          .override(DiskCacheKind.SCHEMA, DiskCacheSettings.builder(64 * MIB).evictionPolicy("least-frequently-used").build())
          .ttlSeconds(DiskCacheKind.SCHEMA, 2.5)
          .ttlSeconds(DiskCacheKind.RUNTIME, 60.0)
          .ttlSeconds(DiskCacheKind.PLAN, 60L)
          .build());

  @TestFactory
  Stream<DynamicTest> fingerprintsPerKindMatchReference() {
    List<JsonNode> cases = ReferenceVectors.cases("disk_cache_profile");
    assertEquals(12, cases.size());
    return cases.stream().map(node -> DynamicTest.dynamicTest(
        node.get("name").asText() + "/" + node.get("cache_kind").asText(), () -> {
          DiskCacheProfile profile = PROFILES.get(node.get("name").asText()).apply(Path.of(node.get("root").asText()));
          DiskCacheKind kind = DiskCacheKind.valueOf(node.get("cache_kind").asText().toUpperCase(java.util.Locale.ROOT));
          assertEquals(node.get("cache_kind").asText(), kind.wireValue());
          assertEquals(node.get("expected").asText(), profile.fingerprint(kind));
        }));
  }

  @Test
  void defaultsFollowTheReferenceProfile() {
    DiskCacheProfile profile = DiskCacheProfile.defaults(Path.of("/c"));
    assertEquals(2048 * MIB, profile.baseSettings().sizeLimitBytes());
    DiskCacheSettings extract = profile.settingsFor(DiskCacheKind.EXTRACT);
    assertEquals(8192 * MIB, extract.sizeLimitBytes());
    assertEquals(8, extract.shards());
    assertEquals(512 * 1024L, extract.diskMinFileSize());
    assertEquals("none", profile.settingsFor(DiskCacheKind.COORDINATION).evictionPolicy());
    assertEquals(64 * MIB, profile.settingsFor(DiskCacheKind.COORDINATION).sizeLimitBytes());
    assertEquals(Optional.of(86_400L), profile.ttlFor(DiskCacheKind.EXTRACT));
    assertEquals(Optional.of(300L), profile.ttlFor(DiskCacheKind.SCHEMA));
    assertEquals(Optional.of(1800L), profile.ttlFor(DiskCacheKind.REPO_SCAN));
    assertEquals(Optional.empty(), profile.ttlFor(DiskCacheKind.PLAN));
    assertEquals(Path.of("/c/repo_scan"), profile.directoryFor(DiskCacheKind.REPO_SCAN));
    assertEquals(8, profile.overrides().size());
  }

  @Test
  void kindsWithoutOverrideUseTheBaseSettings() {
    DiskCacheProfile profile = DiskCacheProfile.builder().root(Path.of("/c")).build();
    assertSame(profile.baseSettings(), profile.settingsFor(DiskCacheKind.QUEUE));
    assertEquals(2048 * MIB, profile.baseSettings().sizeLimitBytes());
    assertEquals(Map.of(), profile.overrides());
    assertEquals(Optional.empty(), profile.ttlFor(DiskCacheKind.QUEUE));
  }

  @Test
  void integerAndFloatTtlsFingerprintDifferentlyLikeTheReference() {
    Function<DiskCacheProfile.Builder, DiskCacheProfile.Builder> base = builder -> builder.root(Path.of("/c"));
    String whole = base.apply(DiskCacheProfile.builder()).ttlSeconds(DiskCacheKind.PLAN, 60L).build().fingerprint(DiskCacheKind.PLAN);
    String fractional = base.apply(DiskCacheProfile.builder()).ttlSeconds(DiskCacheKind.PLAN, 60.0).build()
        .fingerprint(DiskCacheKind.PLAN);
    String none = base.apply(DiskCacheProfile.builder()).ttlSeconds(DiskCacheKind.PLAN, 60L).noTtl(DiskCacheKind.PLAN).build()
        .fingerprint(DiskCacheKind.PLAN);
    assertNotEquals(whole, fractional);
    assertNotEquals(whole, none);
    assertEquals(60L, base.apply(DiskCacheProfile.builder()).ttlSeconds(DiskCacheKind.PLAN, 60L).build()
        .fingerprintPayload(DiskCacheKind.PLAN).get("ttl_seconds"));
  }

  @Test
  void fingerprintDependsOnRootKindAndSettings() {
    DiskCacheProfile profile = DiskCacheProfile.defaults(Path.of("/c"));
    assertNotEquals(profile.fingerprint(DiskCacheKind.QUEUE), profile.fingerprint(DiskCacheKind.INDEX));
    assertNotEquals(profile.fingerprint(DiskCacheKind.PLAN), DiskCacheProfile.defaults(Path.of("/d")).fingerprint(DiskCacheKind.PLAN));
    // Python's str(Path) drops "." segments and trailing separators, so these name the same root.
    assertEquals(profile.fingerprint(DiskCacheKind.PLAN), DiskCacheProfile.defaults(Path.of("/./c/.")).fingerprint(DiskCacheKind.PLAN));
    assertEquals(Map.of("root", "/c", "kind", "plan", "settings", profile.settingsFor(DiskCacheKind.PLAN).fingerprint()),
        withoutNulls(profile.fingerprintPayload(DiskCacheKind.PLAN)));
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> payload) {
    Map<String, Object> copy = new HashMap<>(payload);
    assertTrue(copy.containsKey("ttl_seconds"));
    copy.values().removeIf(java.util.Objects::isNull);
    return copy;
  }

  @Test
  void defaultRootComesFromTheEnvironmentOrTheHomeDirectory() {
    assertEquals(Path.of("/home/u/.cache/codeanatomy/diskcache"), DiskCacheProfile.defaultRoot(null, "/home/u"));
    assertEquals(Path.of("/home/u/.cache/codeanatomy/diskcache"), DiskCacheProfile.defaultRoot("  ", "/home/u"));
    assertEquals(Path.of("/srv/cache"), DiskCacheProfile.defaultRoot(" /srv/cache ", "/home/u"));
    assertEquals(Path.of("/home/u/c"), DiskCacheProfile.defaultRoot("~/c", "/home/u"));
    assertEquals(Path.of("/home/u"), DiskCacheProfile.defaultRoot("~", "/home/u"));
    assertEquals(Path.of("~other/c"), DiskCacheProfile.defaultRoot("~other/c", "/home/u"));
    assertEquals(DiskCacheProfile.defaultRoot(System.getenv(DiskCacheProfile.ROOT_ENV), System.getProperty("user.home")),
        DiskCacheProfile.builder().build().root());
  }

  @Test
  void collectionsAreCopiedAndImmutable() {
    Map<DiskCacheKind, Number> ttls = new EnumMap<>(DiskCacheKind.class);
    ttls.put(DiskCacheKind.PLAN, 5L);
    DiskCacheSettings settings = DiskCacheSettings.builder(1).build();
    DiskCacheProfile profile = new DiskCacheProfile(Path.of("/c"), settings, Map.of(DiskCacheKind.PLAN, settings), ttls);
    ttls.put(DiskCacheKind.PLAN, 6L);
    assertEquals(Optional.of(5L), profile.ttlFor(DiskCacheKind.PLAN));
    assertThrows(UnsupportedOperationException.class, () -> profile.ttlSeconds().put(DiskCacheKind.INDEX, 1L));
    assertThrows(UnsupportedOperationException.class, () -> profile.overrides().clear());
  }

  private static void assertRejected(String field, Executable construction) {
    ConfigurationException error = assertThrows(ConfigurationException.class, construction);
    assertEquals(ErrorCode.CONFIGURATION, error.errorCode());
    assertTrue(error.getMessage().startsWith(field), error.getMessage());
  }

  @Test
  void invalidValuesAreRejectedNamingTheField() {
    DiskCacheSettings settings = DiskCacheSettings.builder(1).build();
    Path root = Path.of("/c");
    assertRejected("DiskCacheProfile.root", () -> new DiskCacheProfile(null, settings, Map.of(), Map.of()));
    assertRejected("DiskCacheProfile.root", () -> DiskCacheProfile.builder().root(null));
    assertRejected("DiskCacheProfile.baseSettings", () -> new DiskCacheProfile(root, null, Map.of(), Map.of()));
    assertRejected("DiskCacheProfile.baseSettings", () -> DiskCacheProfile.builder().root(root).baseSettings(null).build());
    assertRejected("DiskCacheProfile.overrides", () -> new DiskCacheProfile(root, settings, null, Map.of()));
    assertRejected("DiskCacheProfile.overrides[PLAN]",
        () -> DiskCacheProfile.builder().root(root).override(DiskCacheKind.PLAN, null).build());
    assertRejected("DiskCacheProfile.overrides key", () -> DiskCacheProfile.builder().override(null, settings));
    assertRejected("DiskCacheProfile.ttlSeconds", () -> new DiskCacheProfile(root, settings, Map.of(), null));
    assertRejected("DiskCacheProfile.ttlSeconds key", () -> DiskCacheProfile.builder().ttlSeconds(null, 1L));
    assertRejected("DiskCacheProfile.ttlSeconds[plan]",
        () -> DiskCacheProfile.builder().root(root).ttlSeconds(DiskCacheKind.PLAN, 0L).build());
    assertRejected("DiskCacheProfile.ttlSeconds[queue]",
        () -> DiskCacheProfile.builder().root(root).ttlSeconds(DiskCacheKind.QUEUE, -1.5).build());
    for (double invalid : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0.0}) {
      assertRejected("DiskCacheProfile.ttlSeconds[index]",
          () -> DiskCacheProfile.builder().root(root).ttlSeconds(DiskCacheKind.INDEX, invalid).build());
    }
    assertRejected("DiskCacheProfile.ttlSeconds[plan] must be a Long or Double",
        () -> new DiskCacheProfile(root, settings, Map.of(), Map.of(DiskCacheKind.PLAN, BigDecimal.ONE)));
    assertRejected("kind", () -> DiskCacheProfile.defaults(root).fingerprint(null));
    assertRejected("kind", () -> DiskCacheProfile.defaults(root).settingsFor(null));
    assertRejected("kind", () -> DiskCacheProfile.defaults(root).ttlFor(null));
    assertRejected("kind", () -> DiskCacheProfile.defaults(root).directoryFor(null));
    assertEquals(8, Arrays.stream(DiskCacheKind.values()).map(DiskCacheKind::wireValue).distinct().count());
  }
}
