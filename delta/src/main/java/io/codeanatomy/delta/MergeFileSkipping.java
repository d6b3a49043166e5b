package io.codeanatomy.delta;

import com.fasterxml.jackson.databind.JsonNode;
import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.delta.internal.Json;
import io.codeanatomy.delta.internal.KernelPredicates;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.ExpressionInfo;
import io.codeanatomy.engine.Session;
import io.codeanatomy.engine.internal.NativeBridge;
import io.codeanatomy.engine.internal.NativeLibrary;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * delta-rs's early filter for a merge: before any table file is read, the source bounds the table
 * rows it can match. Each conjunct of the merge predicate equating a table column with an
 * expression over the source alone ({@code target.k = source.x + 1}, also {@code target.p = 'a'})
 * confines the column to the range of the expression's values over the source rows (nulls match
 * nothing); Kernel's scan planning then keeps only the files whose statistics or partition values
 * may hold rows in every range (files without statistics are kept). Integer and string columns are
 * bounded; other conjuncts bound nothing. A key whose values are distinct in the source also spares
 * the merge its check for table rows matched more than once.
 */
final class MergeFileSkipping {
  /** A table column equated with a source expression. */
  private record Key(String column, DataType type, String sourceExpression) {}

  /**
   * What the source tells about the table rows it can match: the number of source rows; when a key
   * bounds the table, the Kernel predicate every such row satisfies ({@code null}: no bound), or
   * {@code impossible} when no table row can match (an empty source, keys all null); and {@code
   * singleMatches} when no table row can match more than one source row (a key's values, nulls
   * aside, are distinct in the source).
   */
  record Bounds(long sourceRows, Predicate predicate, boolean impossible, boolean singleMatches) {}

  private MergeFileSkipping() {}

  /**
   * The source's bounds for {@code merge} on a table of {@code schema}. A predicate the engine
   * cannot split or a side it cannot type bounds nothing; the merge's own validation reports it.
   */
  static Bounds bounds(Session session, DeltaMerge merge, String sourceName, List<String> sourceColumns,
      StructType schema) {
    List<Key> keys;
    try (DataFrame source = session.sql("SELECT * FROM " + sourceName + " AS " + merge.sourceAlias())) {
      keys = keys(merge, source, sourceColumns, schema);
    } catch (CodeAnatomyException e) {
      keys = List.of();
    }
    List<String> aggregates = new ArrayList<>(List.of("count(*)"));
    for (Key key : keys) {
      String expression = key.sourceExpression();
      aggregates.addAll(List.of("min(" + expression + ")", "max(" + expression + ")", "count(" + expression + ")",
          "count(DISTINCT " + expression + ")"));
    }
    List<Object> row = RowRewrite.collect(session, "SELECT " + String.join(", ", aggregates) + " FROM "
        + sourceName + " AS " + merge.sourceAlias()).get(0);
    long sourceRows = (Long) row.get(0);
    if (sourceRows == 0) {
      return new Bounds(0, null, true, true);
    }
    boolean singleMatches = false;
    List<Map<String, Object>> conjuncts = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Key key = keys.get(i);
      Object low = row.get(1 + 4 * i);
      Object high = row.get(2 + 4 * i);
      if (low == null || high == null) {
        return new Bounds(sourceRows, null, true, true); // every value null: no table row equals one
      }
      singleMatches |= row.get(3 + 4 * i).equals(row.get(4 + 4 * i));
      if (key.type() instanceof StringType) {
        conjuncts.add(comparison(">=", key.column(), low.toString()));
        conjuncts.add(comparison("<=", key.column(), high.toString()));
        continue;
      }
      long[] range = integerRange(key.type());
      long from = Math.max(((Number) low).longValue(), range[0]);
      long to = Math.min(((Number) high).longValue(), range[1]);
      if (from > to) {
        return new Bounds(sourceRows, null, true, true); // no source value fits the column's type
      }
      conjuncts.add(comparison(">=", key.column(), from));
      conjuncts.add(comparison("<=", key.column(), to));
    }
    Predicate predicate = conjuncts.isEmpty() ? null
        : KernelPredicates.fromJson(Json.write(Map.of("op", "and", "args", conjuncts)), schema);
    return new Bounds(sourceRows, predicate, false, singleMatches);
  }

  /** The predicate's conjuncts equating a table column with a source expression whose type bounds it. */
  private static List<Key> keys(DeltaMerge merge, DataFrame source, List<String> sourceColumns, StructType schema) {
    NativeLibrary.ensureLoaded();
    JsonNode conjuncts;
    try {
      conjuncts = Json.MAPPER.readTree(NativeBridge.describeConjuncts(merge.predicate()));
    } catch (IOException e) {
      throw new IllegalStateException("the engine describes conjuncts as valid JSON", e);
    }
    List<Key> keys = new ArrayList<>();
    for (JsonNode conjunct : conjuncts) {
      JsonNode sides = conjunct.path("sides");
      if (sides.size() != 2) {
        continue;
      }
      for (int t = 0; t < 2; t++) {
        String column = tableColumn(sides.get(t).path("column"), merge.targetAlias(), sourceColumns, schema);
        JsonNode other = sides.get(1 - t);
        if (column != null && !other.path("calls").asBoolean(true)) {
          DataType type = schema.get(column).getDataType();
          String expression = other.path("sql").asText();
          if (bounds(type, source, expression)) {
            keys.add(new Key(column, type, expression));
            break;
          }
        }
      }
    }
    return keys;
  }

  /** The table column a side names ({@code alias.column}, or an unqualified name only the table has), or null. */
  private static String tableColumn(JsonNode parts, String targetAlias, List<String> sourceColumns,
      StructType schema) {
    List<String> names = new ArrayList<>();
    parts.forEach(part -> names.add(part.asText()));
    String column = names.size() == 2 && names.get(0).equalsIgnoreCase(targetAlias) ? names.get(1)
        : names.size() == 1 && !sourceColumns.contains(names.get(0)) ? names.get(0) : null;
    return column != null && schema.fieldNames().contains(column) ? column : null;
  }

  /**
   * Whether {@code expression} reads the source row alone and its values order as the column's
   * compare: integers against an integer column, text against a text column.
   */
  private static boolean bounds(DataType column, DataFrame source, String expression) {
    ExpressionInfo info;
    try {
      info = source.describeExpression(expression);
    } catch (CodeAnatomyException e) {
      return false; // reads the table too, or is invalid (which the merge's validation reports)
    }
    if (info.containsSubquery()) {
      return false;
    }
    ArrowType type = info.result().getType();
    if (column instanceof StringType) {
      return type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8
          || type instanceof ArrowType.Utf8View;
    }
    // An unsigned 64-bit value may not fit a long.
    return integerRange(column) != null && type instanceof ArrowType.Int integer
        && (integer.getIsSigned() || integer.getBitWidth() < 64);
  }

  /** The values of an integer column's type, or null for another type. */
  private static long[] integerRange(DataType type) {
    if (type instanceof ByteType) {
      return new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
    } else if (type instanceof ShortType) {
      return new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
    } else if (type instanceof IntegerType) {
      return new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
    } else if (type instanceof LongType) {
      return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
    }
    return null;
  }

  private static Map<String, Object> comparison(String op, String column, Object value) {
    Map<String, Object> comparison = new LinkedHashMap<>();
    comparison.put("op", op);
    comparison.put("column", column);
    comparison.put("value", value);
    return comparison;
  }
}
