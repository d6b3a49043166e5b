package io.codeanatomy.benchmarks.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.codeanatomy.benchmarks.delta.DeltaWorkload.ScanAnswer;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.DeltaVersionSpec;
import io.codeanatomy.engine.Session;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaWorkloadTest {
  @Test
  void lexicographicMaxMatchesSortingTheNumbersAsText() {
    for (long last = 0; last <= 2_000; last++) {
      String sorted = LongStream.rangeClosed(0, last).mapToObj(Long::toString).max(String::compareTo).orElseThrow();
      assertEquals(sorted, DeltaWorkload.lexicographicMax(last), "0.." + last);
    }
    assertEquals("9999999", DeltaWorkload.lexicographicMax(9_999_999));
    assertEquals("9999999", DeltaWorkload.lexicographicMax(10_000_000));
  }

  @Test
  void bothReadersReturnTheExpectedAnswerOfAWrittenTable(@TempDir Path directory) throws Exception {
    long rows = 1_003; // not a multiple of the file count: the last file takes the remainder
    DeltaTable table = DeltaWorkload.writeTable(directory.resolve("t"), rows, 4);
    assertEquals(4, table.addActions(DeltaVersionSpec.latest()).size());
    ScanAnswer expected = new ScanAnswer(rows, 502_503, 251_251.5, "n999");
    assertEquals(expected, ScanAnswer.expected(rows));

    BufferAllocator allocator = new RootAllocator();
    try (Session session = Session.open()) {
      assertEquals(expected, DeltaWorkload.scan(session, table, allocator));
    }
    assertEquals(0, allocator.getAllocatedMemory(), allocator::toVerboseString);
    allocator.close();

    Engine kernel = DefaultEngine.create(new Configuration());
    String path = table.directory().toUri().toString();
    assertEquals(expected, KernelDefaultReader.scan(kernel, path, null));
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      assertEquals(expected, KernelDefaultReader.scan(kernel, path, threads));
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aWrongAnswerFailsNamingTheReader() {
    ScanAnswer expected = ScanAnswer.expected(10);
    ScanAnswer wrong = new ScanAnswer(10, expected.idSum() + 1, expected.vSum(), expected.maxName());
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> wrong.require(expected, "reader x"));
    assertEquals("reader x answered " + wrong + ", expected " + expected, failure.getMessage());
  }

  @Test
  void writeTableRefusesATableThatEndsUpWithOtherFiles(@TempDir Path directory) throws Exception {
    Path existing = directory.resolve("t");
    DeltaWorkload.writeTable(existing, 10, 1);
    IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> DeltaWorkload.writeTable(existing, 10, 1));
    assertEquals(existing + " has 2 data files, expected 1", failure.getMessage());
    DeltaWorkload.deleteTree(existing);
    assertEquals(false, Files.exists(existing));
  }

  @Test
  void theMutationsExpectedRowsAreTheClosedForms() {
    long rows = 1_003;
    BufferAllocator allocator = new RootAllocator();
    try (Session session = Session.open()) {
      // Ids 0, 100, .., 1000 go: 11 rows summing to 5,500; the greatest name left is still n999.
      assertEquals(new ScanAnswer(992, 497_003, 248_501.5, "n999"),
          DeltaWorkload.scanOf(session, DeltaWorkload.afterDeleteSql(rows), allocator));
      // 10 source rows: ids 998..1002 replace the table's last five, 1003..1007 are new.
      assertEquals(new ScanAnswer(10, 10_025, 5_012.5, "u999"),
          DeltaWorkload.scanOf(session, DeltaWorkload.mergeSourceSql(rows, 10), allocator));
      assertEquals(new ScanAnswer(1_008, 507_528, 253_764, "u999"),
          DeltaWorkload.scanOf(session, DeltaWorkload.afterMergeSql(rows, 10), allocator));
    }
    assertEquals(0, allocator.getAllocatedMemory(), allocator::toVerboseString);
    allocator.close();
  }

  @Test
  void aCopiedTableIsTheSameTableAndItsOriginalIsUntouched(@TempDir Path directory) throws Exception {
    Path original = directory.resolve("t");
    DeltaWorkload.writeTable(original, 100, 2);
    Path copy = directory.resolve("copy");
    DeltaWorkload.copyTree(original, copy);
    DeltaTable copied = DeltaTable.open(copy.toString());
    copied.delete(DeltaWorkload.DELETE_PREDICATE);

    BufferAllocator allocator = new RootAllocator();
    try (Session session = Session.open()) {
      assertEquals(ScanAnswer.expected(100), DeltaWorkload.scan(session, DeltaTable.open(original.toString()), allocator));
      assertEquals(DeltaWorkload.scanOf(session, DeltaWorkload.afterDeleteSql(100), allocator),
          DeltaWorkload.scan(session, copied, allocator));
    }
    assertEquals(0, allocator.getAllocatedMemory(), allocator::toVerboseString);
    allocator.close();
    assertThrows(UncheckedIOException.class, () -> DeltaWorkload.copyTree(original, copy));
  }
}
