package io.codeanatomy.delta;

import static io.codeanatomy.delta.DeltaTestSupport.rows;

import io.codeanatomy.engine.Session;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A session and an allocator per test (which must end with nothing leaked), and snapshot rows by version. */
abstract class SessionTestBase {
  protected BufferAllocator allocator;
  protected Session session;

  @BeforeEach
  void openSession() {
    allocator = new RootAllocator();
    session = Session.open();
  }

  @AfterEach
  void closeSession() {
    session.close();
    DeltaTestSupport.closeChecked(allocator);
  }

  /** The {@code (id, p, name)} rows of a version, ordered. */
  protected List<List<Object>> rowsAt(DeltaTable table, long version) {
    DeltaTables.register(session, "snap", table, DeltaReadOptions.LATEST.at(DeltaVersionSpec.atVersion(version)));
    return rows(session, "SELECT id, p, name FROM snap ORDER BY id, name", allocator);
  }
}
