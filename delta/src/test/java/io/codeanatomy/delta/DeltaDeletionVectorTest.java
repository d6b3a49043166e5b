package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.rows;
import static io.codeanatomy.delta.DeltaTestSupport.rowsSql;
import static io.codeanatomy.delta.DeltaTestSupport.writeSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.codeanatomy.engine.Session;
import io.delta.kernel.internal.deletionvectors.Base85Codec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * Deletion vectors on read. delta-rs cannot write them, so the test writes one by the protocol: an
 * inline ({@code storageType "i"}) vector, Z85 text of the magic number and a portable
 * RoaringBitmapArray, added to a data file in a commit that also upgrades the protocol.
 */
class DeltaDeletionVectorTest {
  /** The RoaringBitmapArray magic number of the Delta protocol (little-endian on the wire). */
  private static final int MAGIC = 1681511377;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void rowsADeletionVectorRemovesAreSkipped() throws Exception {
    BufferAllocator allocator = new RootAllocator();
    DeltaTable table = DeltaTable.forPath(dir.resolve("dv").toString());
    try (Session session = Session.open()) {
      writeSql(session, table, rowsSql(1, 20), DeltaWriteOptions.append().build()); // ids 1..20 at rows 0..19
      DeltaAddAction file = table.addActions(DeltaVersionSpec.latest()).get(0);
      long[] deleted = {0, 1, 2, 7, 19}; // ids 1, 2, 3, 8 and 20: a range, a single row and the last row
      commitDeletionVector(table, file, deleted);

      DeltaRegistration registration = DeltaTables.register(session, "t", table);
      assertEquals(1, registration.snapshot().version());
      assertTrue(registration.files().get(0).hasDeletionVector());
      assertTrue(registration.snapshot().readerFeatures().contains("deletionVectors"));
      assertEquals(List.of(List.of(15L, 210L - 1 - 2 - 3 - 8 - 20)),
          rows(session, "SELECT count(*), sum(id) FROM t", allocator));
      assertEquals(List.of(), rows(session, "SELECT id FROM t WHERE id IN (1, 2, 3, 8, 20)", allocator));
      assertEquals(List.of(List.of(4L), List.of(9L)),
          rows(session, "SELECT id FROM t WHERE id IN (4, 9) ORDER BY id", allocator));
      assertEquals(1, DeltaTables.lastScan(session, "t").orElseThrow().plannedFiles(),
          "Kernel plans the file with the deletion vector, whose rows the scan still skips");

      DeltaTables.register(session, "before", table, DeltaReadOptions.LATEST.at(DeltaVersionSpec.atVersion(0)));
      assertEquals(List.of(List.of(20L)), rows(session, "SELECT count(*) FROM before", allocator));

      // Writes keep working on the table: an append, then an overwrite that removes the DV'd file.
      writeSql(session, table, rowsSql(100, 5), DeltaWriteOptions.append().build());
      DeltaTables.register(session, "t", table);
      assertEquals(List.of(List.of(20L)), rows(session, "SELECT count(*) FROM t", allocator));
      writeSql(session, table, rowsSql(1, 3), DeltaWriteOptions.overwrite().build());
      DeltaTables.register(session, "t", table);
      assertEquals(List.of(List.of(3L)), rows(session, "SELECT count(*) FROM t", allocator));
    }
    DeltaTestSupport.closeChecked(allocator);
  }

  /** Version 1: protocol (3, 7) with deletionVectors, the file removed and added again with a vector. */
  static void commitDeletionVector(DeltaTable table, DeltaAddAction file, long[] rows) throws Exception {
    RoaringBitmap bitmap = new RoaringBitmap();
    for (long row : rows) {
      bitmap.add((int) row);
    }
    ByteBuffer buffer = ByteBuffer.allocate(4 + 8 + 4 + bitmap.serializedSizeInBytes()).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(MAGIC).putLong(1).putInt(0); // one 32-bit bitmap, for the high bits 0
    bitmap.serialize(buffer.slice().order(ByteOrder.LITTLE_ENDIAN));
    byte[] bytes = buffer.array();

    Map<String, Object> dv = new LinkedHashMap<>();
    dv.put("storageType", "i");
    dv.put("pathOrInlineDv", Base85Codec.encodeBytes(bytes));
    dv.put("sizeInBytes", bytes.length);
    dv.put("cardinality", rows.length);
    Map<String, Object> add = new LinkedHashMap<>();
    add.put("path", file.path());
    add.put("partitionValues", Map.of());
    add.put("size", file.size());
    add.put("modificationTime", file.modificationTime());
    add.put("dataChange", true);
    add.put("stats", file.stats());
    add.put("deletionVector", dv);
    Map<String, Object> remove = new LinkedHashMap<>();
    remove.put("path", file.path());
    remove.put("deletionTimestamp", System.currentTimeMillis());
    remove.put("dataChange", true);
    Map<String, Object> protocol = Map.of("minReaderVersion", 3, "minWriterVersion", 7,
        "readerFeatures", List.of("deletionVectors"), "writerFeatures", List.of("deletionVectors"));
    StringBuilder commit = new StringBuilder();
    for (Map<String, Object> action : List.of(
        Map.<String, Object>of("commitInfo", Map.of("timestamp", System.currentTimeMillis(), "operation", "DELETE")),
        Map.<String, Object>of("protocol", protocol), Map.<String, Object>of("remove", remove),
        Map.<String, Object>of("add", add))) {
      commit.append(JSON.writeValueAsString(action)).append('\n');
    }
    Files.writeString(table.directory().resolve("_delta_log/00000000000000000001.json"), commit.toString());
  }
}
