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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Fingerprints depend on content only: not on insertion order, collection classes or the JVM run. */
class FingerprintPropertiesTest {
  private static final int STABILITY_SAMPLES = 50;
  private static final long STABILITY_SEED = 20261121L;

  @Provide
  Arbitrary<Map<String, Object>> payloads() {
    Arbitrary<Object> scalars = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12).map(Object.class::cast),
        Arbitraries.longs().map(Object.class::cast),
        Arbitraries.doubles().map(Object.class::cast),
        Arbitraries.of(true, false).map(Object.class::cast),
        Arbitraries.just(null));
    Arbitrary<Object> lists = scalars.list().ofMaxSize(4).map(Object.class::cast);
    Arbitrary<Object> sets = Arbitraries.strings().ofMaxLength(6).set().ofMaxSize(5).map(Object.class::cast);
    Arbitrary<Object> values = Arbitraries.oneOf(scalars, lists, sets);
    Arbitrary<Object> nested = Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), values).ofMaxSize(4)
        .map(Object.class::cast);
    return Arbitraries.maps(Arbitraries.strings().ofMaxLength(10), Arbitraries.oneOf(values, nested)).ofMaxSize(8);
  }

  @Property(tries = 300)
  void fingerprintIgnoresInsertionOrder(@ForAll("payloads") Map<String, Object> payload, @ForAll Random random) {
    assertEquals(Fingerprints.configFingerprint(payload), Fingerprints.configFingerprint(shuffled(payload, random)));
  }

  @Property(tries = 300)
  void canonicalMsgpackIgnoresInsertionOrder(@ForAll("payloads") Map<String, Object> payload, @ForAll Random random) {
    assertEquals(Hashing.hashMsgpackCanonical(payload), Hashing.hashMsgpackCanonical(shuffled(payload, random)));
    assertEquals(Hashing.hashJsonCanonical(payload, false), Hashing.hashJsonCanonical(shuffled(payload, random), false));
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
