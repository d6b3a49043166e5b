package io.codeanatomy.validation.internal;

import io.codeanatomy.engine.DataFrame;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Key tuples that occur more than once, found by grouping in the engine. The common case, unique
 * keys, is settled by counting distinct values of a fingerprint of the tuple: equal tuples have
 * equal fingerprints, so as many distinct fingerprints as rows proves the tuples unique. Only
 * otherwise (repeated tuples, or fingerprint collisions) does an exact grouped pass measure the
 * repeated groups. Tuples of integers are fingerprinted as one int64, which the engine groups
 * markedly faster than a tuple of columns.
 */
final class DuplicateKeys {
  /** An odd 64-bit multiplier (the golden ratio's), spreading each key across the whole word. */
  private static final long MIXER = 0x9E3779B97F4A7C15L;

  private DuplicateKeys() {}

  /** The rows whose key tuple occurs more than once (every such row, not only the repeats). */
  static long repeatedRows(FrameScope scope, DataFrame frame, List<String> keys, BufferAllocator allocator) {
    long rows = scope.aggregateRow(frame, List.of("count(*)"), allocator)[0];
    DataFrame keyed = keyColumns(scope, frame, keys);
    DataFrame fingerprints = scope.track(keyed.aggregate(fingerprint(keyed.schema(), keys), List.of()));
    if (scope.aggregateRow(fingerprints, List.of("count(*)"), allocator)[0] == rows) {
      return 0;
    }
    String size = Sql.column(Sql.freshName("group_rows", keys));
    return scope.aggregateRow(groups(scope, keyed, keys, size), List.of("sum(" + size + ")"), allocator)[0];
  }

  /** The repeated key tuples, as a frame of just the key columns. */
  static DataFrame repeatedKeys(FrameScope scope, DataFrame frame, List<String> keys) {
    String size = Sql.column(Sql.freshName("group_rows", keys));
    return scope.track(groups(scope, keyColumns(scope, frame, keys), keys, size)
        .select(Sql.columns(keys).toArray(String[]::new)));
  }

  /**
   * The key columns of {@code frame}, without what the engine knows of them: DataFusion plans a
   * GROUP BY on a declared primary or unique key as also grouping by every column that key
   * determines, which hides the duplicates of data that breaks its declared keys. A column passed
   * through an expression ({@code coalesce} of it alone) carries no such knowledge.
   */
  private static DataFrame keyColumns(FrameScope scope, DataFrame frame, List<String> keys) {
    return scope.track(frame.select(keys.stream()
        .map(key -> "coalesce(" + Sql.column(key) + ") AS " + Sql.column(key)).toArray(String[]::new)));
  }

  private static DataFrame groups(FrameScope scope, DataFrame frame, List<String> keys, String size) {
    DataFrame counted = scope.track(frame.aggregate(Sql.columns(keys), List.of("count(*) AS " + size)));
    return scope.track(counted.filter(size + " > 1"));
  }

  /**
   * What to group by to count distinct tuples: for several integer keys,
   * {@code ((k1 * M) + k2) * M + ...} in wrapping int64 arithmetic (a null key makes it null, so
   * such rows share one value and fall to the exact pass); otherwise the key columns themselves.
   */
  private static List<String> fingerprint(Schema schema, List<String> keys) {
    if (keys.size() < 2 || !keys.stream().allMatch(key -> fitsInt64(schema.findField(key)))) {
      return Sql.columns(keys);
    }
    String mixed = null;
    for (String key : keys) {
      String value = "CAST(" + Sql.column(key) + " AS BIGINT)";
      mixed = mixed == null ? value : "(" + mixed + " * (" + MIXER + ") + " + value + ")";
    }
    return List.of(mixed);
  }

  /** Signed integers, and unsigned ones narrower than 64 bits. */
  private static boolean fitsInt64(Field field) {
    return field != null && field.getType() instanceof ArrowType.Int integer
        && (integer.getIsSigned() || integer.getBitWidth() < 64);
  }
}
