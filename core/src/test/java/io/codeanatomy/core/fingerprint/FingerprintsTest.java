package io.codeanatomy.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.InvalidInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FingerprintsTest {
  record Child(int depth) implements FingerprintableConfig {
    @Override
    public Map<String, Object> fingerprintPayload() {
      return Map.of("depth", depth);
    }
  }

  @Test
  void defaultFingerprintIsConfigFingerprintOfPayload() {
    Child child = new Child(2);
    assertEquals(Fingerprints.configFingerprint(Map.of("depth", 2)), child.fingerprint());
    assertTrue(child.fingerprint().matches("[0-9a-f]{64}"));
  }

  @Test
  void nestedConfigsAreEmbeddedAsTheirFingerprintString() {
    Child child = new Child(1);
    assertEquals(Fingerprints.configFingerprint(Map.of("child", child.fingerprint())),
        Fingerprints.configFingerprint(Map.of("child", child)));
    assertNotEquals(Fingerprints.configFingerprint(Map.of("child", child)),
        Fingerprints.configFingerprint(Map.of("child", new Child(2))));
  }

  @Test
  void equivalentJavaShapesFingerprintAlike() {
    assertEquals(Fingerprints.configFingerprint(Map.of("v", List.of(1, 2))),
        Fingerprints.configFingerprint(Map.of("v", new long[] {1, 2})));
    assertEquals(Fingerprints.configFingerprint(Map.of("v", 7)), Fingerprints.configFingerprint(Map.of("v", 7L)));
    assertEquals(Fingerprints.configFingerprint(Map.of("p", "/a/b")), Fingerprints.configFingerprint(Map.of("p", Path.of("/a/b"))));
    assertNotEquals(Fingerprints.configFingerprint(Map.of("v", 1)), Fingerprints.configFingerprint(Map.of("v", 1.0)));
    assertNotEquals(Fingerprints.configFingerprint(Map.of("v", 1)), Fingerprints.configFingerprint(Map.of("v", true)));
  }

  @Test
  void insertionOrderDoesNotMatter() {
    Map<String, Object> forward = new LinkedHashMap<>();
    forward.put("a", 1);
    forward.put("b", Map.of("y", 2, "x", 3));
    Map<String, Object> backward = new TreeMap<>(java.util.Comparator.reverseOrder());
    backward.putAll(forward);
    assertEquals(Fingerprints.configFingerprint(forward), Fingerprints.configFingerprint(backward));
  }

  @Test
  void unsupportedPayloadValueIsRejected() {
    InvalidInputException error = assertThrows(InvalidInputException.class,
        () -> Fingerprints.configFingerprint(Map.of("when", java.time.Instant.EPOCH)));
    assertTrue(error.getMessage().contains("java.time.Instant"));
  }

  @Test
  void describeShowsThePayloadButRedactsSecrets() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("region", "eu");
    payload.put("options", Map.of("aws_secret_access_key", "hunter2", "token", "abc", "endpoint", "http://x"));
    payload.put("password", "pw");
    String text = Fingerprints.describe(payload);
    assertFalse(text.contains("hunter2") || text.contains("abc") || text.contains("pw\""), text);
    assertEquals("{\"options\":{\"aws_secret_access_key\":\"***\",\"endpoint\":\"http://x\",\"token\":\"***\"},"
        + "\"password\":\"***\",\"region\":\"eu\"}", text);
    assertEquals("{\"depth\":3}", Fingerprints.describe(new Child(3)));
  }

  @Test
  void describeRedactsSecretsInKeyValuePairLists() {
    // Policies carry options as Python's sorted(mapping.items()): a list of [key, value] pairs.
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("storage_options", List.of(List.of("aws_secret_access_key", "hunter2"), List.of("region", "eu")));
    payload.put("columns", List.of("primary_key", "id"));
    String text = Fingerprints.describe(payload);
    assertFalse(text.contains("hunter2"), text);
    assertEquals("{\"columns\":[\"primary_key\",\"id\"],"
        + "\"storage_options\":[[\"aws_secret_access_key\",\"***\"],[\"region\",\"eu\"]]}", text);
  }
}
