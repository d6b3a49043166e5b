package io.codeanatomy.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StorageOptionsTest {
  @Test
  void logStoreOptionsWinWhenMerging() {
    StorageOptions options = StorageOptions.of(Map.of("region", "eu", "endpoint", "a"), Map.of("endpoint", "b"));
    assertEquals(Optional.of(Map.of("region", "eu", "endpoint", "b")), options.merged());
    assertEquals(Optional.empty(), StorageOptions.empty().merged());
  }

  @Test
  void explicitOptionsBeatPolicyDefaultsPerStore() {
    StorageOptions policy = StorageOptions.of(Map.of("region", "eu", "retries", "3"), Map.of("lock", "dynamo"));
    StorageOptions explicit = StorageOptions.of(Map.of("region", "us"), null);
    StorageOptions resolved = policy.overlaidWith(explicit);
    assertEquals(Optional.of(Map.of("region", "us", "retries", "3")), resolved.storage());
    assertEquals(Optional.of(Map.of("lock", "dynamo")), resolved.logStorage());
  }

  @Test
  void fallbackCopiesStorageOnlyWhenLogIsEmpty() {
    assertEquals(Optional.of(Map.of("a", "1")), StorageOptions.normalize(Map.of("a", 1), null, true).logStorage());
    assertEquals(Optional.of(Map.of("b", "2")),
        StorageOptions.normalize(Map.of("a", 1), Map.of("b", 2), true).logStorage());
    assertEquals(Optional.empty(), StorageOptions.normalize(Map.of("a", 1), null, false).logStorage());
  }

  @Test
  void valuesAreStringifiedLikePython() {
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("flag", true);
    raw.put("none", null);
    raw.put("ratio", 1e16);
    assertEquals(Map.of("flag", "True", "none", "None", "ratio", "1e+16"), StorageOptions.of(raw, null).storage().get());
  }

  @Test
  void secretsNeverAppearInText() {
    StorageOptions options = StorageOptions.of(
        Map.of("AWS_SECRET_ACCESS_KEY", "s3cr3t", "azure_storage_sas_token", "sig", "endpoint", "http://minio"),
        Map.of("password", "pw123"));
    String text = options.toString();
    assertFalse(text.contains("s3cr3t") || text.contains("sig") || text.contains("pw123"), text);
    assertTrue(text.contains("http://minio"));
    assertTrue(StorageOptions.isSecretKey("client_secret"));
    assertTrue(StorageOptions.isSecretKey("ACCOUNT_KEY"));
    assertFalse(StorageOptions.isSecretKey("region"));
    assertEquals(Map.of("token", "***", "region", "eu"), StorageOptions.redacted(Map.of("token", "t", "region", "eu")));
  }

  @Test
  void resultsAreImmutableAndValueEqual() {
    StorageOptions options = StorageOptions.of(Map.of("a", "1"), null);
    assertThrows(UnsupportedOperationException.class, () -> options.storage().get().put("b", "2"));
    assertEquals(options, StorageOptions.of(Map.of("a", 1), Map.of()));
    assertEquals(options.hashCode(), StorageOptions.of(Map.of("a", "1"), null).hashCode());
  }
}
