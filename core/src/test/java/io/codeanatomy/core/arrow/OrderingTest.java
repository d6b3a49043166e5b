package io.codeanatomy.core.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.core.fingerprint.CanonicalMsgpack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderingTest {
  @Test
  void metadataRoundTrips() {
    Ordering ordering = new Ordering(OrderingLevel.EXPLICIT,
        List.of(new Ordering.Key("file_id", "ascending"), new Ordering.Key("bstart", "descending")));
    assertEquals(ordering, Ordering.fromMetadata(ordering.toMetadata()));
    assertEquals(Map.of("ordering_level", "implicit"), new Ordering(OrderingLevel.IMPLICIT, List.of()).toMetadata());
  }

  @Test
  void absentOrUnknownLevelIsUnordered() {
    assertEquals(Ordering.unordered(), Ordering.fromMetadata(Map.of()));
    assertEquals(Ordering.unordered(), Ordering.fromMetadata(Map.of("ordering_level", "sorted")));
    assertEquals(Ordering.unordered(), Ordering.fromMetadata(null));
  }

  @Test
  void missingOrderMeansAscendingAndWrongVersionIsRejected() {
    byte[] keys = CanonicalMsgpack.encode(Map.of("version", 1, "entries", List.of(Map.of("column", "a"))));
    Ordering ordering = Ordering.fromMetadata(Map.of("ordering_level", "explicit",
        "ordering_keys", SchemaMetadata.bytesAsText(keys)));
    assertEquals(List.of(new Ordering.Key("a", "ascending")), ordering.keys());
    byte[] wrongVersion = CanonicalMsgpack.encode(Map.of("version", 2, "entries", List.of()));
    InvalidInputException error = assertThrows(InvalidInputException.class, () -> Ordering.fromMetadata(
        Map.of("ordering_level", "explicit", "ordering_keys", SchemaMetadata.bytesAsText(wrongVersion))));
    assertEquals("ordering_keys metadata version mismatch.", error.getMessage());
  }

  @Test
  void inferKeysPutsSortedIdColumnsFirstThenKnownColumns() {
    assertEquals(List.of("file_id", "node_id", "bstart", "bend", "name", "prov_filename"),
        Ordering.inferKeys(List.of("name", "bend", "node_id", "prov_filename", "file_id", "other", "bstart"))
            .stream().map(Ordering.Key::column).toList());
    assertEquals(List.of("table_id"),
        Ordering.inferKeys(List.of("table_id")).stream().map(Ordering.Key::column).toList());
  }
}
