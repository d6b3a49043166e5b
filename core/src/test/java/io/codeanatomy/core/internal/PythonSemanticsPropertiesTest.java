package io.codeanatomy.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codeanatomy.core.text.FloatDigits;
import io.codeanatomy.core.text.Utf8Order;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the Python-compatible text helpers that fixed vectors cannot cover exhaustively,
 * checked on seeded random inputs (the seed makes any failure reproducible).
 */
class PythonSemanticsPropertiesTest {
  private static final long SEED = 20_261_121L;

  @Test
  void floatTextRoundTrips() {
    Random random = new Random(SEED);
    for (int attempt = 0; attempt < 2000; attempt++) {
      // raw bit patterns reach subnormals, huge exponents, NaN and infinities
      double value = attempt % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextGaussian() * 1e3;
      String repr = FloatDigits.pythonRepr(value);
      assertEquals(0, Double.compare(value, PythonNumbers.parseFloat(repr).orElseThrow()), repr);
      String json = FloatDigits.msgspecJson(value);
      if (Double.isFinite(value)) {
        assertEquals(0, Double.compare(value, Double.parseDouble(json)), json);
      }
    }
  }

  @Test
  void integersFormatLikeTheirDecimalExpansion() {
    Random random = new Random(SEED + 1);
    for (int attempt = 0; attempt < 500; attempt++) {
      double whole = Math.rint((random.nextDouble() * 2 - 1) * 1e15);
      String repr = FloatDigits.pythonRepr(whole);
      assertEquals(new BigDecimal(whole).toPlainString() + ".0", repr.equals("-0.0") ? "0.0" : repr);
    }
  }

  @Test
  void intParsingAgreesWithJavaForPlainDecimalText() {
    Random random = new Random(SEED + 2);
    for (int attempt = 0; attempt < 1000; attempt++) {
      long value = attempt == 0 ? Long.MIN_VALUE : attempt == 1 ? Long.MAX_VALUE : random.nextLong() >> random.nextInt(64);
      assertEquals(OptionalLong.of(value), PythonNumbers.parseInt(Long.toString(value)));
      assertEquals(OptionalLong.of(value), PythonNumbers.parseInt("  " + value + "\n"));
    }
  }

  @Test
  void utf8OrderEqualsUnsignedByteOrder() {
    Random random = new Random(SEED + 3);
    for (int attempt = 0; attempt < 1000; attempt++) {
      String left = randomText(random);
      String right = random.nextInt(4) == 0 ? left + randomText(random) : randomText(random);
      int expected = Integer.signum(Arrays.compareUnsigned(left.getBytes(StandardCharsets.UTF_8),
          right.getBytes(StandardCharsets.UTF_8)));
      assertEquals(expected, Integer.signum(Utf8Order.INSTANCE.compare(left, right)), () -> left + " vs " + right);
    }
  }

  /** Code points from every UTF-8 length class, including surrogate pairs beyond the BMP. */
  private static String randomText(Random random) {
    int[] starts = {0x20, 0x80, 0x800, 0xe000, 0x10000};
    int[] spans = {0x5f, 0x780, 0x7000, 0x1000, 0x10000};
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      int range = random.nextInt(starts.length);
      text.appendCodePoint(starts[range] + random.nextInt(spans[range]));
    }
    return text.toString();
  }
}
