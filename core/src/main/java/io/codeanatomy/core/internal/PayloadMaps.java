package io.codeanatomy.core.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds payload maps, which (unlike {@link Map#of}) may hold null values. */
public final class PayloadMaps {
  private PayloadMaps() {}

  /** An unmodifiable map of alternating keys and values. */
  public static Map<String, Object> of(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must alternate");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int index = 0; index < keysAndValues.length; index += 2) {
      map.put((String) keysAndValues[index], keysAndValues[index + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
