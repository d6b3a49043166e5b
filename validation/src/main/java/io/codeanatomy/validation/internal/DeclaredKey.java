package io.codeanatomy.validation.internal;

import io.codeanatomy.engine.ArrowBatches;
import io.codeanatomy.engine.RuntimeProfile;
import io.codeanatomy.engine.Session;
import io.codeanatomy.engine.internal.SqlText;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The key a session's {@code information_schema} declares for a table (reference §6.2 step 4): of
 * the table's constraints whose type upper-cases to {@code PRIMARY KEY} or {@code UNIQUE} and whose
 * name and columns are non-empty, a primary key wins over unique groups, then the smallest
 * constraint name; its columns in {@code ordinal_position} order (non-numeric positions read as 0).
 */
final class DeclaredKey {
  private DeclaredKey() {}

  /**
   * The declared key of {@code table} in the session's default catalog and schema; empty when the
   * session's profile turns {@code information_schema} off, no such table is registered, or it
   * declares no key.
   */
  static List<String> of(Session session, String table, FrameScope scope, BufferAllocator allocator) {
    RuntimeProfile profile = session.profile();
    if (!profile.informationSchema() || !session.tables().contains(table)) {
      return List.of();
    }
    List<String> columns = new ArrayList<>();
    try (ArrowBatches result = scope.track(session.sql(query(profile, table))).collect(allocator)) {
      for (VectorSchemaRoot batch : result.batches()) {
        FieldVector names = batch.getVector(0);
        for (int row = 0; row < batch.getRowCount(); row++) {
          columns.add(names.getObject(row).toString());
        }
      }
    }
    return List.copyOf(columns);
  }

  private static String query(RuntimeProfile profile, String table) {
    return "WITH key_columns AS ("
        + "SELECT c.constraint_name, upper(c.constraint_type) = 'PRIMARY KEY' AS is_primary, u.column_name, "
        + "coalesce(try_cast(u.ordinal_position AS BIGINT), 0) AS position "
        + "FROM information_schema.table_constraints c JOIN information_schema.key_column_usage u "
        + "ON c.table_catalog = u.table_catalog AND c.table_schema = u.table_schema "
        + "AND c.table_name = u.table_name AND c.constraint_name = u.constraint_name "
        + "WHERE c.table_catalog = " + SqlText.literal(profile.defaultCatalog())
        + " AND c.table_schema = " + SqlText.literal(profile.defaultSchema())
        + " AND c.table_name = " + SqlText.literal(table)
        + " AND upper(c.constraint_type) IN ('PRIMARY KEY', 'UNIQUE')"
        + " AND c.constraint_name <> '' AND u.column_name <> ''), "
        + "chosen AS (SELECT constraint_name, is_primary FROM key_columns "
        + "ORDER BY is_primary DESC, constraint_name LIMIT 1) "
        + "SELECT k.column_name FROM key_columns k JOIN chosen "
        + "ON k.constraint_name = chosen.constraint_name AND k.is_primary = chosen.is_primary "
        + "ORDER BY k.position";
  }
}
