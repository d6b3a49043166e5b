package io.codeanatomy.core.internal;

import io.codeanatomy.core.text.PythonText;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Python's {@code int(text)} (base 10) and {@code float(text)} grammars: surrounding whitespace,
 * a sign, Unicode decimal digits, single underscores between digits, and for floats {@code inf},
 * {@code infinity} and {@code nan} in any case. Java's parsers accept other spellings ({@code 1d},
 * {@code 0x1p3}, {@code NaN} only) and reject underscores, hence this scanner; it normalises the
 * text to ASCII and lets {@link Long#parseLong}/{@link Double#parseDouble} do the arithmetic.
 */
public final class PythonNumbers {
  private PythonNumbers() {}

  /** {@code int(text)}, or empty when Python would raise or the value does not fit a {@code long}. */
  public static OptionalLong parseInt(String text) {
    String stripped = PythonText.strip(text);
    OptionalLong simple = parseAsciiDigits(stripped);
    if (simple != null) {
      return simple;
    }
    StringBuilder ascii = new StringBuilder(stripped.length());
    int index = appendSign(stripped, 0, ascii);
    int end = appendDigits(stripped, index, ascii);
    if (end == index || end != stripped.length()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(ascii.toString()));
    } catch (NumberFormatException outOfRange) {
      return OptionalLong.empty();
    }
  }

  /**
   * Fast path for the common case, a sign and at most 18 ASCII digits (cannot overflow), possibly
   * grouped by single underscores between digits ({@code 1_000}); null when the text needs the
   * general scanner. Separators are skipped in place because building an ASCII copy for them was
   * the slowest common input (issue #3 benchmark).
   */
  private static OptionalLong parseAsciiDigits(String text) {
    int length = text.length();
    int start = length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
    if (length == start) {
      return null;
    }
    long value = 0;
    int digits = 0;
    for (int index = start; index < length; index++) {
      char ch = text.charAt(index);
      if (ch == '_' && isUnderscoreBetweenAsciiDigits(text, index)) {
        continue;
      }
      if (ch < '0' || ch > '9' || ++digits > 18) {
        return null;
      }
      value = value * 10 + (ch - '0');
    }
    return OptionalLong.of(text.charAt(0) == '-' ? -value : value);
  }

  /** Python accepts {@code _} only between two digits; checking ASCII neighbours keeps the fast paths exact. */
  private static boolean isUnderscoreBetweenAsciiDigits(String text, int index) {
    return index > 0 && index + 1 < text.length() && isAsciiDigit(text.charAt(index - 1))
        && isAsciiDigit(text.charAt(index + 1));
  }

  private static boolean isAsciiDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }

  private static boolean isPlainAsciiDecimal(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int index = 0; index < text.length(); index++) {
      char ch = text.charAt(index);
      if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E')) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code stripped} without its underscores when it is plain ASCII decimal text whose every
   * underscore sits between two digits, else null. Such an underscore is always inside one digit
   * run (integer, fraction or exponent), exactly where Python's {@code float()} allows it, so
   * dropping it does not change the value or the validity.
   */
  private static String withoutDigitSeparators(String stripped) {
    if (stripped.indexOf('_') < 0) {
      return null;
    }
    StringBuilder kept = new StringBuilder(stripped.length());
    for (int index = 0; index < stripped.length(); index++) {
      char ch = stripped.charAt(index);
      if (ch != '_') {
        kept.append(ch);
      } else if (!isUnderscoreBetweenAsciiDigits(stripped, index)) {
        return null;
      }
    }
    String plain = kept.toString();
    return isPlainAsciiDecimal(plain) ? plain : null;
  }

  /** {@code float(text)}, or empty when Python would raise. */
  public static OptionalDouble parseFloat(String text) {
    String stripped = PythonText.strip(text);
    String plain = isPlainAsciiDecimal(stripped) ? stripped : withoutDigitSeparators(stripped);
    if (plain != null) {
      // Over digits, sign, '.', and exponent Java's grammar accepts exactly what Python's does.
      try {
        return OptionalDouble.of(Double.parseDouble(plain));
      } catch (NumberFormatException invalid) {
        return OptionalDouble.empty();
      }
    }
    StringBuilder ascii = new StringBuilder(stripped.length() + 2);
    int index = appendSign(stripped, 0, ascii);
    String word = stripped.substring(index).toLowerCase(Locale.ROOT);
    if (word.equals("inf") || word.equals("infinity")) {
      return OptionalDouble.of(ascii.length() > 0 && ascii.charAt(0) == '-'
          ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    if (word.equals("nan")) {
      return OptionalDouble.of(Double.NaN);
    }
    int integerEnd = appendDigits(stripped, index, ascii);
    int position = integerEnd;
    boolean hasDigits = integerEnd > index;
    if (position < stripped.length() && stripped.charAt(position) == '.') {
      ascii.append('.');
      int fractionEnd = appendDigits(stripped, position + 1, ascii);
      hasDigits |= fractionEnd > position + 1;
      position = fractionEnd;
    }
    if (!hasDigits) {
      return OptionalDouble.empty();
    }
    if (position < stripped.length() && (stripped.charAt(position) == 'e' || stripped.charAt(position) == 'E')) {
      ascii.append('e');
      int exponentStart = appendSign(stripped, position + 1, ascii);
      int exponentEnd = appendDigits(stripped, exponentStart, ascii);
      if (exponentEnd == exponentStart) {
        return OptionalDouble.empty();
      }
      position = exponentEnd;
    }
    if (position != stripped.length()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Double.parseDouble(ascii.toString()));
  }

  private static int appendSign(String text, int index, StringBuilder out) {
    if (index < text.length() && (text.charAt(index) == '+' || text.charAt(index) == '-')) {
      out.append(text.charAt(index));
      return index + 1;
    }
    return index;
  }

  /**
   * Appends the ASCII form of a digit run starting at {@code index} (underscores allowed only
   * between digits) and returns where the run ends; a dangling underscore ends the run before it.
   */
  private static int appendDigits(String text, int index, StringBuilder out) {
    int position = index;
    int validEnd = index;
    int validLength = out.length();
    while (position < text.length()) {
      int codePoint = text.codePointAt(position);
      int digit = Character.getType(codePoint) == Character.DECIMAL_DIGIT_NUMBER ? Character.digit(codePoint, 10) : -1;
      if (digit >= 0) {
        out.append((char) ('0' + digit));
        position += Character.charCount(codePoint);
        validEnd = position;
        validLength = out.length();
      } else if (codePoint == '_' && position > index && validEnd == position
          && position + 1 < text.length() && Character.getType(text.codePointAt(position + 1)) == Character.DECIMAL_DIGIT_NUMBER) {
        position++;
      } else {
        break;
      }
    }
    out.setLength(validLength);
    return validEnd;
  }
}
