package io.codeanatomy.core.text;

import java.util.Comparator;

/**
 * Orders strings by their UTF-8 bytes, the order the reference uses for map keys. Comparing code
 * points gives the same order without encoding each key; {@link String#compareTo} does not (it
 * compares UTF-16 units, which puts supplementary characters before U+E000..U+FFFF).
 */
public final class Utf8Order implements Comparator<String> {
  public static final Utf8Order INSTANCE = new Utf8Order();

  private Utf8Order() {}

  @Override
  public int compare(String left, String right) {
    int leftLength = left.length();
    int rightLength = right.length();
    int index = 0;
    while (index < leftLength && index < rightLength) {
      char leftChar = left.charAt(index);
      char rightChar = right.charAt(index);
      if (leftChar != rightChar) {
        if (Character.isSurrogate(leftChar) || Character.isSurrogate(rightChar)) {
          return Integer.compare(left.codePointAt(index), right.codePointAt(index));
        }
        return Character.compare(leftChar, rightChar);
      }
      index++;
    }
    return Integer.compare(leftLength, rightLength);
  }
}
