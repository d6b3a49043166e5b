package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.count;
import static io.codeanatomy.delta.DeltaTestSupport.rows;
import static io.codeanatomy.delta.DeltaTestSupport.rowsSql;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.engine.Session;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overwrite with a replace-where predicate: on partition columns (whole files) and on data columns (rewrites). */
class DeltaReplaceWhereTest {
  @TempDir Path dir;

  @Test
  void partitionAndDataPredicatesReplaceOnlyMatchingRows() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("t").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 30), DeltaWriteOptions.append().partitionBy("p").build()); // 10 rows per p

      DeltaOperationReport partition = writeSql(session, table,
          "SELECT value AS id, CAST(1 AS BIGINT) AS p, 'new' AS name FROM generate_series(1000, 1002)",
          DeltaWriteOptions.overwrite().replaceWhere("p = 1").build());
      assertEquals(1, partition.metrics().get("num_removed_files"), "only partition p=1 is touched");
      assertEquals(10L, partition.metrics().get("num_deleted_rows"));
      assertEquals(0L, partition.metrics().get("num_copied_rows"));
      assertEquals(3L, partition.metrics().get("num_added_rows"));
      assertEquals("p = 1", ((Map<?, ?>) table.history(1).get(0).commitInfo().get("operationParameters"))
          .get("predicate"));
      DeltaTables.register(session, "t", table);
      assertEquals(List.of(List.of(0L, 10L), List.of(1L, 3L), List.of(2L, 10L)),
          rows(session, "SELECT p, count(*) FROM t GROUP BY p ORDER BY p", allocator));

      // ids 2, 3 and 5 match; the other rows of their files (p=0 and p=2) are written again.
      DeltaOperationReport data = writeSql(session, table,
          "SELECT value AS id, value % 3 AS p, 'x' AS name FROM generate_series(1, 2)",
          DeltaWriteOptions.overwrite().replaceWhere("id <= 5").build());
      assertEquals(2, data.metrics().get("num_removed_files"));
      assertEquals(3L, data.metrics().get("num_deleted_rows"));
      assertEquals(17L, data.metrics().get("num_copied_rows"));
      assertEquals(2L, data.metrics().get("num_added_rows"));
      DeltaTables.register(session, "t", table);
      assertEquals(22L, count(session, "SELECT count(*) FROM t", allocator));
      assertEquals(List.of(List.of(1L, "x"), List.of(2L, "x")),
          rows(session, "SELECT id, name FROM t WHERE id <= 5 ORDER BY id", allocator));
      assertEquals(List.of(List.of(9L, 8L)), rows(session,
          "SELECT count(*) FILTER (WHERE p = 0), count(*) FILTER (WHERE p = 2) FROM t WHERE id > 5", allocator));

      DeltaTables.register(session, "v1", table, DeltaReadOptions.LATEST.at(DeltaVersionSpec.atVersion(1)));
      assertEquals(23L, count(session, "SELECT count(*) FROM v1", allocator), "earlier versions are untouched");
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  @Test
  void invalidPredicatesAndDataOutsideThePredicateAreRefused() {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("bad").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 9), DeltaWriteOptions.append().partitionBy("p").build());
      String data = "SELECT value AS id, CAST(1 AS BIGINT) AS p, 'n' AS name FROM generate_series(1, 2)";
      for (String predicate : List.of("id + 1", "id IN (SELECT 1)", "nope = 1")) {
        DeltaException refused = assertThrows(DeltaException.class, () -> writeSql(session, table, data,
            DeltaWriteOptions.overwrite().replaceWhere(predicate).build()), predicate);
        assertTrue(refused.getMessage().contains(predicate) && refused.getMessage().contains("version 0"),
            refused.getMessage());
      }
      DeltaException outside = assertThrows(DeltaException.class, () -> writeSql(session, table, data,
          DeltaWriteOptions.overwrite().replaceWhere("p = 2").build()));
      assertTrue(outside.getMessage().startsWith("2 rows of the data"), outside.getMessage());
      assertThrows(ConfigurationException.class, () -> DeltaTestSupport.appendStream(session, table, data, allocator,
          DeltaWriteOptions.overwrite().replaceWhere("p = 1").build()));
      assertEquals(0, table.snapshotInfo().version(), "nothing was committed");
      assertEquals(List.of(), session.tables().stream().filter(t -> t.startsWith("__delta_replace")).toList(),
          "the temporary registration is gone");
    }
    DeltaTestSupport.closeChecked(allocator);
  }
}
