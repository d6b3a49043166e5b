package io.codeanatomy.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** Properties of the Python-compatible text helpers that fixed vectors cannot cover exhaustively. */
class PythonSemanticsPropertiesTest {
  @Property(tries = 2000)
  void floatTextRoundTrips(@ForAll double value) {
    String repr = FloatDigits.pythonRepr(value);
    assertEquals(0, Double.compare(value, PythonNumbers.parseFloat(repr).orElseThrow()), repr);
    String json = FloatDigits.msgspecJson(value);
    if (Double.isFinite(value)) {
      assertEquals(0, Double.compare(value, Double.parseDouble(json)), json);
    }
  }

  @Property(tries = 500)
  void smallMagnitudesAndIntegersFormatLikeTheirDecimalExpansion(
      @ForAll @DoubleRange(min = -1e15, max = 1e15) double value) {
    double whole = Math.rint(value);
    String repr = FloatDigits.pythonRepr(whole);
    assertEquals(new java.math.BigDecimal(whole).toPlainString() + ".0", repr.equals("-0.0") ? "0.0" : repr);
  }

  @Property(tries = 1000)
  void intParsingAgreesWithJavaForPlainDecimalText(@ForAll long value) {
    assertEquals(OptionalLong.of(value), PythonNumbers.parseInt(Long.toString(value)));
    assertEquals(OptionalLong.of(value), PythonNumbers.parseInt("  " + Long.toString(value) + "\n"));
  }

  @Property(tries = 1000)
  void utf8OrderEqualsUnsignedByteOrder(@ForAll String left, @ForAll String right) {
    int expected = Integer.signum(Arrays.compareUnsigned(left.getBytes(StandardCharsets.UTF_8),
        right.getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, Integer.signum(Utf8Order.INSTANCE.compare(left, right)));
  }
}
