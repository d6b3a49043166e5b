package io.codeanatomy.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Fingerprints depend on content only: not on insertion order, collection classes or the JVM run. */
class FingerprintPropertiesTest {
  private static final int STABILITY_SAMPLES = 50;
  private static final long STABILITY_SEED = 20261121L;

  private static final int TRIES = 300;
  private static final long PROPERTY_SEED = 7_0523L;

  /** A random payload of scalars, lists, sets and nested maps, like the configs that get fingerprinted. */
  private static Map<String, Object> payload(Random random) {
    Map<String, Object> payload = new HashMap<>();
    int fields = random.nextInt(9);
    for (int field = 0; field < fields; field++) {
      payload.put(text(random, 10), random.nextInt(4) == 0 ? nested(random) : value(random));
    }
    return payload;
  }

  private static Map<String, Object> nested(Random random) {
    Map<String, Object> map = new HashMap<>();
    int entries = random.nextInt(5);
    for (int entry = 0; entry < entries; entry++) {
      map.put(text(random, 8), value(random));
    }
    return map;
  }

  private static Object value(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> scalar(random);
      case 1 -> {
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
          list.add(scalar(random));
        }
        yield list;
      }
      default -> {
        Set<String> set = new HashSet<>();
        int size = random.nextInt(6);
        for (int i = 0; i < size; i++) {
          set.add(text(random, 6));
        }
        yield set;
      }
    };
  }

  private static Object scalar(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> text(random, 12);
      case 1 -> random.nextLong();
      case 2 -> random.nextBoolean() ? random.nextDouble() * 1e6 : Double.longBitsToDouble(random.nextLong());
      case 3 -> random.nextBoolean();
      default -> null;
    };
  }

  /** Text with ASCII, accented, CJK and astral-plane characters, so UTF-8 byte order matters. */
  private static String text(Random random, int maxLength) {
    int[] pool = {'a', 'Z', '_', '0', 0xe9, 0x4e2d, 0x1f600, 0x7f};
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(random.nextBoolean() ? 'a' + random.nextInt(26) : pool[random.nextInt(pool.length)]);
    }
    return text.toString();
  }

  @Test
  void fingerprintIgnoresInsertionOrder() {
    Random random = new Random(PROPERTY_SEED);
    for (int attempt = 0; attempt < TRIES; attempt++) {
      Map<String, Object> payload = payload(random);
      assertEquals(Fingerprints.configFingerprint(payload), Fingerprints.configFingerprint(shuffled(payload, random)),
          () -> "payload " + payload);
    }
  }

  @Test
  void canonicalMsgpackIgnoresInsertionOrder() {
    Random random = new Random(PROPERTY_SEED + 1);
    for (int attempt = 0; attempt < TRIES; attempt++) {
      Map<String, Object> payload = payload(random);
      assertEquals(Hashing.hashMsgpackCanonical(payload), Hashing.hashMsgpackCanonical(shuffled(payload, random)),
          () -> "payload " + payload);
      assertEquals(Hashing.hashJsonCanonical(payload, false), Hashing.hashJsonCanonical(shuffled(payload, random), false),
          () -> "payload " + payload);
    }
  }

  /** Rebuilds every map and set in a random insertion order with other collection classes. */
  @SuppressWarnings("unchecked")
  private static Object reshape(Object value, Random random) {
    if (value instanceof Map<?, ?> map) {
      return shuffled((Map<String, Object>) map, random);
    }
    if (value instanceof Set<?> set) {
      List<Object> items = new ArrayList<>(set);
      Collections.shuffle(items, random);
      return new HashSet<>(items);
    }
    if (value instanceof List<?> list) {
      return list.toArray();
    }
    return value;
  }

  private static Map<String, Object> shuffled(Map<String, Object> payload, Random random) {
    List<String> keys = new ArrayList<>(payload.keySet());
    Collections.shuffle(keys, random);
    Map<String, Object> copy = random.nextBoolean() ? new LinkedHashMap<>() : new HashMap<>();
    keys.forEach(key -> copy.put(key, reshape(payload.get(key), random)));
    return copy;
  }

  /** Seeded payloads whose fingerprints {@link #fingerprintsAreStableAcrossJvmRuns} compares between JVMs. */
  static List<String> sampleFingerprints() {
    Random random = new Random(STABILITY_SEED);
    List<String> fingerprints = new ArrayList<>();
    for (int sample = 0; sample < STABILITY_SAMPLES; sample++) {
      Map<String, Object> payload = new HashMap<>();
      for (int field = 0; field < 6; field++) {
        payload.put("k" + random.nextInt(1000), switch (random.nextInt(5)) {
          case 0 -> random.nextLong();
          case 1 -> random.nextDouble();
          case 2 -> Set.of("s" + random.nextInt(50), "t" + random.nextInt(50));
          case 3 -> Map.of("n" + random.nextInt(9), List.of(random.nextBoolean(), "x"));
          default -> new Object[] {random.nextInt(), null};
        });
      }
      fingerprints.add(Fingerprints.configFingerprint(payload));
    }
    return fingerprints;
  }

  /** Entry point of the child JVM: prints {@link #sampleFingerprints()}, one a line. */
  public static void main(String[] args) {
    sampleFingerprints().forEach(System.out::println);
  }

  @Test
  void fingerprintsAreStableAcrossJvmRuns() throws Exception {
    // A second JVM with a different identity-hash seed and heap layout must agree with this one.
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2", "-Xmx64m",
        "-cp", System.getProperty("java.class.path"), FingerprintPropertiesTest.class.getName())
        .redirectErrorStream(true).start();
    String output;
    try {
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(true, process.waitFor(2, TimeUnit.MINUTES), "child JVM finished");
    assertEquals(0, process.exitValue(), output);
    assertEquals(sampleFingerprints(), output.lines().filter(line -> line.matches("[0-9a-f]{64}")).toList());
  }
}
