package io.codeanatomy.core.internal;

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

  /** A copy of {@code value} in which every map entry under a secret key, at any depth, is {@link #REDACTED}. */
  public static Object redact(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(key, isSecretKey(key) && item != null ? REDACTED : redact(item)));
      return copy;
    }
    if (value instanceof List<?> items) {
      return items.stream().map(Secrets::redact).toList();
    }
    return value;
  }
}
