package io.codeanatomy.engine;

import static io.codeanatomy.engine.EngineTestSupport.closeChecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet, CSV and JSON files and directories as listing tables; catalog listing; deregistration. */
class FileTablesTest {
  @TempDir Path dir;

  @Test
  void parquetFileAndDirectoryTables() throws Exception {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    Path single = dir.resolve("single.parquet");
    Path partitioned = dir.resolve("parts");
    Files.createDirectories(partitioned);
    try (Session session = Session.open()) {
      session.execute("COPY (SELECT value AS id, value % 7 AS bucket FROM generate_series(1, 1000)) TO '"
          + single + "' STORED AS PARQUET");
      for (int part = 0; part < 3; part++) {
        session.execute("COPY (SELECT value AS id FROM generate_series(" + (part * 100 + 1) + ", " + (part * 100 + 100)
            + ")) TO '" + partitioned.resolve("part-" + part + ".parquet") + "' STORED AS PARQUET");
      }
      session.registerFiles("single", single.toString());
      session.registerFiles("parts", partitioned.toString(), FileFormat.PARQUET, Map.of());
      assertEquals(List.of(List.of(1000L, 500500L)),
          EngineTestSupport.rows(session, "SELECT count(*), sum(id) FROM single", allocator));
      assertEquals(List.of(List.of(300L, 45150L)),
          EngineTestSupport.rows(session, "SELECT count(*), sum(id) FROM parts", allocator));
      assertEquals(List.of("parts", "single"), session.tables());
      assertTrue(session.deregister("parts"));
      assertFalse(session.deregister("parts"));
      assertEquals(List.of("single"), session.tables());
    }
    closeChecked(allocator);
  }

  @Test
  void csvWithOptionsAndJsonLines() throws Exception {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    Path csv = dir.resolve("people.csv");
    Files.writeString(csv, "name;age\nada;36\n\"o'neil; jr\";41\n", StandardCharsets.UTF_8);
    Path json = dir.resolve("events.ndjson");
    Files.writeString(json, "{\"kind\":\"a\",\"n\":1}\n{\"kind\":\"b\",\"n\":2}\n{\"kind\":\"a\",\"n\":5}\n");
    try (Session session = Session.open()) {
      session.registerFiles("people", csv.toString(), FileFormat.CSV,
          Map.of("format.delimiter", ";", "format.has_header", "true"));
      assertEquals(List.of(List.of("ada", 36L), List.of("o'neil; jr", 41L)),
          EngineTestSupport.rows(session, "SELECT name, age FROM people ORDER BY age", allocator));
      session.registerFiles("events", json.toString());
      assertEquals(List.of(List.of("a", 6L), List.of("b", 2L)),
          EngineTestSupport.rows(session, "SELECT kind, sum(n) FROM events GROUP BY kind ORDER BY kind", allocator));
    }
    closeChecked(allocator);
  }

  @Test
  void catalogsSchemasAndTablesAreListed() {
    try (Session session = Session.open()) {
      session.execute("CREATE TABLE t1 AS SELECT 1 AS x");
      session.execute("CREATE SCHEMA staging");
      session.execute("CREATE TABLE staging.t2 AS SELECT 2 AS y");
      assertEquals(List.of("datafusion"), session.catalogs());
      assertEquals(List.of("public", "staging"), session.schemas("datafusion"));
      assertEquals(List.of("t1"), session.tables());
      assertEquals(List.of("t2"), session.tables("datafusion", "staging"));
      CodeAnatomyException missing = assertThrows(CodeAnatomyException.class, () -> session.schemas("nope"));
      assertEquals(ErrorCode.PLAN, missing.errorCode());
    }
  }

  @Test
  void missingFilesAndBadFormatsAreClearErrors() {
    try (Session session = Session.open()) {
      CodeAnatomyException missing = assertThrows(CodeAnatomyException.class,
          () -> session.registerFiles("gone", dir.resolve("absent.parquet").toString()));
      assertTrue(missing.getMessage().contains("absent.parquet"), missing.getMessage());
      assertThrows(CodeAnatomyException.class, () -> session.registerFiles("x", "data.unknown"));
      assertThrows(CodeAnatomyException.class, () -> FileFormat.fromName("excel"));
    }
  }
}
