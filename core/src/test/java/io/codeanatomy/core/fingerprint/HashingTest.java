package io.codeanatomy.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.EngineIOException;
import io.codeanatomy.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingTest {
  /** SHA-256("abc") from FIPS 180-2, appendix B.1. */
  private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void sha256MatchesTheStandardTestVector() {
    assertEquals(SHA256_ABC, Hashing.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("", Hashing.sha256Hex(new byte[0], 0));
    assertThrows(InvalidInputException.class, () -> Hashing.sha256Hex(new byte[0], -1));
  }

  @Test
  void blake2bMatchesPublishedVectors() {
    // RFC 7693 appendix A gives BLAKE2b-512("abc"); these shorter digests come from hashlib.blake2b.
    assertEquals("cf4ab791c62b8d2b2109c90275287816", Hashing.hash128FromText("abc"));
    assertTrue(Hashing.hash64FromText("abc") >= 0);
  }

  @Test
  void fileHashStreamsInChunks(@TempDir Path directory) throws IOException {
    Path file = Files.writeString(directory.resolve("f.txt"), "abc");
    assertEquals(SHA256_ABC, Hashing.hashFileSha256(file));
    assertEquals(SHA256_ABC, Hashing.hashFileSha256(file, 1));
    assertThrows(InvalidInputException.class, () -> Hashing.hashFileSha256(file, 0));
    assertThrows(EngineIOException.class, () -> Hashing.hashFileSha256(directory.resolve("missing")));
  }

  @Test
  void storageOptionsHashIsEmptyOnlyWhenBothMapsAreNull() {
    assertEquals(Optional.empty(), Hashing.hashStorageOptions(null, null));
    assertEquals(Hashing.hashStorageOptions(Map.of(), null), Hashing.hashStorageOptions(null, Map.of()));
  }

  @Test
  void stdlibJsonRejectsWhatJsonDumpsRejects() {
    assertThrows(InvalidInputException.class, () -> Hashing.hashJsonStdlib(Map.of("b", new byte[] {1}), true));
    assertThrows(InvalidInputException.class, () -> Hashing.hashJsonStdlib(Map.of("s", Set.of(1)), true));
    assertThrows(InvalidInputException.class, () -> Hashing.hashJsonStdlib(Map.of("p", Path.of("x")), false));
    Map<Object, Object> scalarKeys = new java.util.LinkedHashMap<>();
    scalarKeys.put(1, null);
    scalarKeys.put(true, 2.5);
    assertEquals(Hashing.sha256Hex("{\"1\": null, \"true\": 2.5}".getBytes(StandardCharsets.UTF_8)),
        Hashing.hashJsonStdlib(scalarKeys, false));
  }

  @Test
  void canonicalJsonWithoutStrKeysRejectsNumberKeys() {
    assertThrows(InvalidInputException.class, () -> Hashing.hashJsonCanonical(Map.of(1, "x"), false));
    assertEquals(Hashing.hashJsonCanonical(Map.of("1", "x"), false), Hashing.hashJsonCanonical(Map.of(1, "x"), true));
  }

  @Test
  void cacheKeyBuilderOverwritesAndPrefixes() {
    CacheKeyBuilder builder = new CacheKeyBuilder("plan").add("a", 1).add("a", 2);
    assertEquals("plan:" + Hashing.hashMsgpackCanonical(Map.of("a", 2)), builder.build());
    assertEquals(Hashing.hashMsgpackCanonical(Map.of()), new CacheKeyBuilder().build());
  }
}
