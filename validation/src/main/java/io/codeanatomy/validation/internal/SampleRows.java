package io.codeanatomy.validation.internal;

import io.codeanatomy.engine.ArrowBatches;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

/** A few result rows as plain Java values, detached from Arrow buffers (for violation samples). */
final class SampleRows {
  private SampleRows() {}

  static List<Map<String, Object>> read(ArrowBatches batches) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (VectorSchemaRoot batch : batches.batches()) {
      for (int row = 0; row < batch.getRowCount(); row++) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldVector vector : batch.getFieldVectors()) {
          values.put(vector.getName(), plain(vector.getObject(row)));
        }
        rows.add(Collections.unmodifiableMap(values));
      }
    }
    return Collections.unmodifiableList(rows);
  }

  /** Arrow's {@link Text} becomes a String; nested lists and maps become unmodifiable copies. */
  private static Object plain(Object value) {
    if (value instanceof Text text) {
      return text.toString();
    }
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>(list.size());
      list.forEach(item -> items.add(plain(item)));
      return Collections.unmodifiableList(items);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> entries = new LinkedHashMap<>();
      map.forEach((key, item) -> entries.put(plain(key), plain(item)));
      return Collections.unmodifiableMap(entries);
    }
    if (value instanceof byte[] bytes) {
      return bytes.clone();
    }
    return value;
  }
}
