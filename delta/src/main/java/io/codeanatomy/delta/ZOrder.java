package io.codeanatomy.delta;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL that reads the rows optimize rewrites, in write order. DataFusion has no Z-order
 * function, so the curve is built in SQL the way Delta Lake's own OPTIMIZE ZORDER BY builds it:
 * each column is mapped to its rank bucket within the partition ({@code cume_dist()}, so any
 * orderable type works and skewed values still spread over the buckets), and the buckets' bits are
 * interleaved with shifts into one BIGINT key, most significant bits first.
 */
final class ZOrder {
  /** Bits per column: at most 16 (65,536 buckets), fewer when the key would exceed 62 bits. */
  private static final int MAX_BITS = 16;
  private static final int KEY_BITS = 62;

  private ZOrder() {}

  /**
   * Every column of {@code tempName} (the registered files to rewrite): as read without z-order
   * columns; with them, ordered by partition and Z-order key.
   */
  static String rewriteSql(String tempName, List<String> columns, List<String> partitionColumns,
      List<String> zOrder) {
    String projection = String.join(", ", columns.stream().map(ZOrder::identifier).toList());
    if (zOrder.isEmpty()) {
      return "SELECT " + projection + " FROM " + identifier(tempName);
    }
    int bits = Math.min(MAX_BITS, KEY_BITS / zOrder.size());
    long maxBucket = (1L << bits) - 1;
    String window = partitionColumns.isEmpty() ? ""
        : "PARTITION BY " + String.join(", ", partitionColumns.stream().map(ZOrder::identifier).toList()) + " ";
    List<String> buckets = new ArrayList<>();
    for (int i = 0; i < zOrder.size(); i++) {
      buckets.add("CAST(floor(cume_dist() OVER (" + window + "ORDER BY " + identifier(zOrder.get(i))
          + " ASC NULLS FIRST) * " + maxBucket + ") AS BIGINT) AS " + bucket(i));
    }
    List<String> interleaved = new ArrayList<>();
    for (int bit = bits - 1; bit >= 0; bit--) {
      for (int i = 0; i < zOrder.size(); i++) {
        int position = bit * zOrder.size() + (zOrder.size() - 1 - i);
        interleaved.add("(((" + bucket(i) + " >> " + bit + ") & 1) << " + position + ")");
      }
    }
    List<String> order = new ArrayList<>(partitionColumns.stream().map(ZOrder::identifier).toList());
    order.add("__zorder_key");
    return "SELECT " + projection + " FROM (SELECT " + projection + ", " + String.join(" | ", interleaved)
        + " AS __zorder_key FROM (SELECT " + projection + ", " + String.join(", ", buckets) + " FROM "
        + identifier(tempName) + ")) ORDER BY " + String.join(", ", order);
  }

  private static String bucket(int index) {
    return "__zorder_bucket_" + index;
  }

  private static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
