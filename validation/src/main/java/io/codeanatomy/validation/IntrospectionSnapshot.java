package io.codeanatomy.validation;

import io.codeanatomy.engine.ArrowBatches;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import io.codeanatomy.engine.internal.SqlText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The tables and columns of a session's default catalog and schema, as {@code information_schema}
 * reports them (for {@link SchemaContract#validateAgainstIntrospection}).
 *
 * @param tables table name to its columns, in ordinal order
 */
public record IntrospectionSnapshot(Map<String, List<CatalogColumn>> tables) {

  /**
   * One column as the catalog describes it.
   *
   * @param dataType the engine's type name, e.g. {@code Int64}, {@code Utf8}, {@code Timestamp(µs)}
   */
  public record CatalogColumn(String name, String dataType, boolean nullable) {}

  public IntrospectionSnapshot {
    Map<String, List<CatalogColumn>> copy = new LinkedHashMap<>();
    tables.forEach((table, columns) -> copy.put(table, List.copyOf(columns)));
    tables = Collections.unmodifiableMap(copy);
  }

  public boolean hasTable(String table) {
    return tables.containsKey(table);
  }

  public Optional<List<CatalogColumn>> columns(String table) {
    return Optional.ofNullable(tables.get(table));
  }

  /**
   * Reads {@code information_schema.tables} and {@code .columns} of the session's default catalog
   * and schema. The session's profile must keep {@code information_schema} enabled (the default).
   */
  public static IntrospectionSnapshot capture(Session session) {
    String scope = " WHERE table_catalog = " + SqlText.literal(session.profile().defaultCatalog())
        + " AND table_schema = " + SqlText.literal(session.profile().defaultSchema());
    Map<String, List<CatalogColumn>> tables = new LinkedHashMap<>();
    forEachRow(session, "SELECT table_name FROM information_schema.tables" + scope + " ORDER BY table_name",
        row -> tables.put(text(row, 0), new ArrayList<>()));
    forEachRow(session, "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns" + scope
        + " ORDER BY table_name, ordinal_position",
        row -> tables.computeIfAbsent(text(row, 0), name -> new ArrayList<>())
            .add(new CatalogColumn(text(row, 1), text(row, 2), "YES".equals(text(row, 3)))));
    return new IntrospectionSnapshot(tables);
  }

  /** Rows of a small catalog query, each as its vectors' values. */
  private static void forEachRow(Session session, String sql, Consumer<List<Object>> action) {
    try (RootAllocator allocator = new RootAllocator(); DataFrame frame = session.sql(sql);
        ArrowBatches batches = frame.collect(allocator)) {
      for (VectorSchemaRoot batch : batches.batches()) {
        for (int row = 0; row < batch.getRowCount(); row++) {
          List<Object> values = new ArrayList<>();
          for (FieldVector vector : batch.getFieldVectors()) {
            values.add(vector.getObject(row));
          }
          action.accept(values);
        }
      }
    }
  }

  private static String text(List<Object> row, int column) {
    Object value = row.get(column);
    return value == null ? null : value.toString();
  }
}
