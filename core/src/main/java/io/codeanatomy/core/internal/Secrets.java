package io.codeanatomy.core.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Recognises option keys that hold credentials, so their values never reach text output. */
public final class Secrets {
  public static final String REDACTED = "***";
  private static final List<String> MARKERS =
      List.of("secret", "token", "password", "passwd", "key", "credential", "signature", "authorization", "sas");

  private Secrets() {}

  public static boolean isSecretKey(Object key) {
    String lower = String.valueOf(key).toLowerCase(Locale.ROOT);
    for (String marker : MARKERS) {
      if (lower.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A copy of {@code value} in which every map entry under a secret key, at any depth, is {@link
   * #REDACTED}. A list made only of {@code [key, value]} pairs is a mapping's items (payloads carry
   * options as Python's {@code sorted(mapping.items())}), so its pairs are redacted by key too.
   */
  public static Object redact(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(key, redactEntry(key, item)));
      return copy;
    }
    if (value instanceof List<?> items) {
      if (isItemList(items)) {
        return items.stream().map(pair -> {
          List<?> entry = (List<?>) pair;
          return Arrays.asList(entry.get(0), redactEntry(entry.get(0), entry.get(1)));
        }).toList();
      }
      return items.stream().map(Secrets::redact).toList();
    }
    return value;
  }

  private static Object redactEntry(Object key, Object item) {
    return isSecretKey(key) && item != null ? REDACTED : redact(item);
  }

  private static boolean isItemList(List<?> items) {
    return !items.isEmpty() && items.stream()
        .allMatch(item -> item instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String);
  }
}
