package io.codeanatomy.core.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The shortest decimal digits that read back as the same double, and the two textual layouts the
 * reference produces from them: Python's {@code repr(float)} and msgspec's JSON float form.
 *
 * <p>Hand-written because JDK 17's {@link Double#toString} is not always shortest (JDK-4511638,
 * fixed in JDK 19) and neither layout matches Java's. The search rounds the exact binary value.
 */
public final class FloatDigits {
  private final String digits;
  /** Power of ten of the first digit: value = d.ddd × 10^exponent. */
  private final int exponent;

  private FloatDigits(String digits, int exponent) {
    this.digits = digits;
    this.exponent = exponent;
  }

  /** Shortest round-tripping digits of a finite, non-zero magnitude. */
  static FloatDigits of(double magnitude) {
    BigDecimal exact = new BigDecimal(magnitude);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      BigDecimal chosen = roundTrips(nearest, magnitude) ? nearest : otherNeighbour(exact, nearest, precision, magnitude);
      if (chosen != null) {
        BigDecimal stripped = chosen.stripTrailingZeros();
        String unscaled = stripped.unscaledValue().toString();
        return new FloatDigits(unscaled, unscaled.length() - 1 - stripped.scale());
      }
    }
    throw new IllegalStateException("no round-tripping decimal for " + magnitude);
  }

  /** Near a power of two the rounding interval is asymmetric, so the farther neighbour may round-trip. */
  private static BigDecimal otherNeighbour(BigDecimal exact, BigDecimal nearest, int precision, double magnitude) {
    RoundingMode mode = nearest.compareTo(exact) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR;
    BigDecimal other = exact.round(new MathContext(precision, mode));
    return roundTrips(other, magnitude) ? other : null;
  }

  private static boolean roundTrips(BigDecimal candidate, double magnitude) {
    return candidate.doubleValue() == magnitude;
  }

  /** Python {@code repr(value)}: fixed notation for exponents -4..15, else {@code 1.5e+16}. */
  public static String pythonRepr(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0.0" : "0.0";
    }
    String sign = value < 0 ? "-" : "";
    FloatDigits parts = of(Math.abs(value));
    if (parts.exponent >= -4 && parts.exponent < 16) {
      return sign + parts.fixed();
    }
    int magnitude = Math.abs(parts.exponent);
    return sign + parts.mantissa() + "e" + (parts.exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + magnitude;
  }

  /**
   * msgspec's JSON float: fixed notation for exponents -5..15, else {@code 1.5e16}/{@code 1e-9};
   * NaN and infinities become {@code null}.
   */
  public static String msgspecJson(double value) {
    if (!Double.isFinite(value)) {
      return "null";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0.0" : "0.0";
    }
    String sign = value < 0 ? "-" : "";
    FloatDigits parts = of(Math.abs(value));
    if (parts.exponent >= -5 && parts.exponent < 16) {
      return sign + parts.fixed();
    }
    return sign + parts.mantissa() + "e" + parts.exponent;
  }

  private String fixed() {
    if (exponent < 0) {
      return "0." + "0".repeat(-exponent - 1) + digits;
    }
    if (digits.length() <= exponent + 1) {
      return digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
    }
    return digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
  }

  private String mantissa() {
    return digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
  }
}
