package io.codeanatomy.validation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codeanatomy.engine.RuntimeProfile;
import io.codeanatomy.engine.Session;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** Which key {@link DeclaredKey} reads from a session's information_schema (§6.2 step 4). */
class DeclaredKeyTest {
  /** The declared key of table {@code t}, created by {@code columns} in a session of {@code profile}. */
  private static List<String> keyOf(RuntimeProfile profile, String columns) {
    try (RootAllocator allocator = new RootAllocator(); Session session = Session.open(profile)) {
      session.execute("CREATE TABLE t (" + columns + ")");
      List<String> key;
      try (FrameScope scope = new FrameScope()) {
        key = DeclaredKey.of(session, "t", scope, allocator);
      }
      assertEquals(0, allocator.getAllocatedMemory(), "the looked-up rows are released");
      return key;
    }
  }

  private static List<String> keyOf(String columns) {
    return keyOf(RuntimeProfile.defaults(), columns);
  }

  @Test
  void primaryKeyBeforeUniqueGroupsThenTheSmallestName() {
    assertEquals(List.of("c"), keyOf("a INT UNIQUE, b INT UNIQUE, c INT PRIMARY KEY"));
    assertEquals(List.of("a", "c"), keyOf("a INT, b INT, c INT, UNIQUE (b, a), UNIQUE (a, c)"));
    assertEquals(List.of("b", "a"), keyOf("a INT, b INT, UNIQUE (b), UNIQUE (b, a)"),
        "names compare as text: t_b_a_key < t_b_key");
  }

  @Test
  void columnsInOrdinalPositionOrder() {
    assertEquals(List.of("c", "a", "b"), keyOf("a INT, b INT, c INT, PRIMARY KEY (c, a, b)"));
  }

  @Test
  void noDeclaredKey() {
    assertEquals(List.of(), keyOf("a INT, b INT"));
    assertEquals(List.of(), keyOf(RuntimeProfile.defaults().toBuilder().informationSchema(false).build(),
        "a INT PRIMARY KEY"), "information_schema is off");
    try (RootAllocator allocator = new RootAllocator(); Session session = Session.open();
        FrameScope scope = new FrameScope()) {
      session.execute("CREATE SCHEMA other");
      session.execute("CREATE TABLE other.t (a INT PRIMARY KEY)");
      assertEquals(List.of(), DeclaredKey.of(session, "t", scope, allocator), "t is not in the default schema");
      assertEquals(List.of(), DeclaredKey.of(session, "absent", scope, allocator));
    }
  }
}
