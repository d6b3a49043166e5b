package io.codeanatomy.engine;

import static io.codeanatomy.engine.EngineTestSupport.closeChecked;
import static io.codeanatomy.engine.EngineTestSupport.readerOf;
import static io.codeanatomy.engine.EngineTestSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SQL and DataFrame results on generated data against expectations computed here in Java. */
class SqlQueryTest {
  private static final int ORDERS = 10_000;
  private static final int CUSTOMERS = 50;
  private static final String[] REGIONS = {"north", "south", "east", "west"};

  private record Order(long id, int customer, Double amount, String status) {}

  private BufferAllocator allocator;
  private Session session;
  private final List<Order> orders = new ArrayList<>();
  private final Map<Integer, String> regionOfCustomer = new HashMap<>();

  @BeforeEach
  void setUp() {
    allocator = EngineTestSupport.newAllocator();
    session = Session.open(RuntimeProfile.builder().targetPartitions(4).batchSize(1024).build());
    Random random = new Random(42);
    for (long id = 0; id < ORDERS; id++) {
      // customers 0..59 appear in orders; only 0..49 exist, so joins must drop or null-extend some
      int customer = random.nextInt(CUSTOMERS + 10);
      Double amount = random.nextInt(10) == 0 ? null : Math.round(random.nextDouble() * 100_000) / 100.0;
      String status = random.nextInt(20) == 0 ? null : (random.nextBoolean() ? "open" : "closed");
      orders.add(new Order(id, customer, amount, status));
    }
    for (int c = 0; c < CUSTOMERS; c++) {
      regionOfCustomer.put(c, REGIONS[c % REGIONS.length]);
    }
    session.registerArrow("orders", ordersReader());
    session.registerArrow("customers", customersReader());
  }

  @AfterEach
  void tearDown() {
    session.close();
    closeChecked(allocator);
  }

  private org.apache.arrow.vector.ipc.ArrowReader ordersReader() {
    Schema schema = new Schema(List.of(
        new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
        new Field("customer", FieldType.notNullable(new ArrowType.Int(32, true)), null),
        new Field("amount", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
        new Field("status", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
    List<VectorSchemaRoot> batches = new ArrayList<>();
    int batchRows = 3_000;
    for (int start = 0; start < ORDERS; start += batchRows) {
      int end = Math.min(ORDERS, start + batchRows);
      VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
      BigIntVector id = (BigIntVector) root.getVector("id");
      IntVector customer = (IntVector) root.getVector("customer");
      Float8Vector amount = (Float8Vector) root.getVector("amount");
      VarCharVector status = (VarCharVector) root.getVector("status");
      root.allocateNew();
      for (int i = start; i < end; i++) {
        Order order = orders.get(i);
        int row = i - start;
        id.setSafe(row, order.id());
        customer.setSafe(row, order.customer());
        if (order.amount() == null) {
          amount.setNull(row);
        } else {
          amount.setSafe(row, order.amount());
        }
        if (order.status() == null) {
          status.setNull(row);
        } else {
          status.setSafe(row, order.status().getBytes(StandardCharsets.UTF_8));
        }
      }
      root.setRowCount(end - start);
      batches.add(root);
    }
    return readerOf(allocator, schema, batches);
  }

  private org.apache.arrow.vector.ipc.ArrowReader customersReader() {
    Schema schema = new Schema(List.of(
        new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
        new Field("region", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null)));
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    root.allocateNew();
    IntVector id = (IntVector) root.getVector("id");
    VarCharVector region = (VarCharVector) root.getVector("region");
    for (int c = 0; c < CUSTOMERS; c++) {
      id.setSafe(c, c);
      region.setSafe(c, regionOfCustomer.get(c).getBytes(StandardCharsets.UTF_8));
    }
    root.setRowCount(CUSTOMERS);
    return readerOf(allocator, schema, List.of(root));
  }

  @Test
  void groupedAggregatesMatchJava() {
    Map<Integer, long[]> counts = new TreeMap<>();
    Map<Integer, Double> sums = new HashMap<>();
    for (Order order : orders) {
      long[] c = counts.computeIfAbsent(order.customer(), k -> new long[2]);
      c[0]++;
      if (order.amount() != null) {
        c[1]++;
        sums.merge(order.customer(), order.amount(), Double::sum);
      }
    }
    List<List<Object>> actual = rows(session,
        "SELECT customer, COUNT(*), COUNT(amount), SUM(amount) FROM orders GROUP BY customer ORDER BY customer",
        allocator);
    assertEquals(counts.size(), actual.size());
    int i = 0;
    for (Map.Entry<Integer, long[]> entry : counts.entrySet()) {
      List<Object> row = actual.get(i++);
      assertEquals(entry.getKey(), row.get(0));
      assertEquals(entry.getValue()[0], row.get(1));
      assertEquals(entry.getValue()[1], row.get(2));
      assertEquals(sums.get(entry.getKey()), (Double) row.get(3), 1e-6);
    }
  }

  @Test
  void innerAndLeftJoinsMatchJava() {
    Map<String, Long> perRegion = new TreeMap<>();
    long unmatched = 0;
    for (Order order : orders) {
      String region = regionOfCustomer.get(order.customer());
      if (region == null) {
        unmatched++;
      } else {
        perRegion.merge(region, 1L, Long::sum);
      }
    }
    List<List<Object>> inner = rows(session,
        "SELECT c.region, COUNT(*) FROM orders o JOIN customers c ON o.customer = c.id GROUP BY c.region ORDER BY c.region",
        allocator);
    List<List<Object>> expected = new ArrayList<>();
    perRegion.forEach((region, count) -> expected.add(List.of(region, count)));
    assertEquals(expected, inner);

    List<List<Object>> left = rows(session,
        "SELECT COUNT(*) FROM orders o LEFT JOIN customers c ON o.customer = c.id WHERE c.id IS NULL", allocator);
    assertEquals(unmatched, left.get(0).get(0));
    assertTrue(unmatched > 0, "the generated data must exercise unmatched rows");
  }

  @Test
  void windowFunctionsMatchJava() {
    Map<Integer, Integer> rowNumbers = new HashMap<>();
    Map<Integer, Double> runningSums = new HashMap<>();
    Map<Long, Object[]> expected = new HashMap<>();
    for (Order order : orders) { // already in id order
      int rn = rowNumbers.merge(order.customer(), 1, Integer::sum);
      Double running = runningSums.get(order.customer());
      if (order.amount() != null) {
        running = running == null ? order.amount() : running + order.amount();
        runningSums.put(order.customer(), running);
      }
      expected.put(order.id(), new Object[] {(long) rn, running});
    }
    List<List<Object>> actual = rows(session,
        "SELECT id, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY id), "
            + "SUM(amount) OVER (PARTITION BY customer ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) "
            + "FROM orders",
        allocator);
    assertEquals(ORDERS, actual.size());
    for (List<Object> row : actual) {
      Object[] want = expected.get((Long) row.get(0));
      assertEquals(want[0], row.get(1));
      if (want[1] == null) {
        assertEquals(null, row.get(2));
      } else {
        assertEquals((Double) want[1], (Double) row.get(2), 1e-6);
      }
    }
  }

  @Test
  void sortsPlaceNullsAsAsked() {
    List<Order> sorted = new ArrayList<>(orders);
    sorted.sort(Comparator.comparing(Order::amount, Comparator.nullsLast(Comparator.<Double>reverseOrder()))
        .thenComparing(Order::id));
    List<List<Object>> actual = rows(session,
        "SELECT id, amount FROM orders ORDER BY amount DESC NULLS LAST, id", allocator);
    List<List<Object>> expected = new ArrayList<>();
    for (Order order : sorted) {
      List<Object> row = new ArrayList<>();
      row.add(order.id());
      row.add(order.amount());
      expected.add(row);
    }
    assertEquals(expected, actual);
  }

  @Test
  void dataFrameTransformationsMatchSql() {
    String sql = "SELECT status, SUM(amount) AS total, COUNT(*) AS n FROM orders "
        + "WHERE customer < 25 AND amount IS NOT NULL GROUP BY status ORDER BY status NULLS FIRST";
    try (DataFrame orders = session.table("orders");
        DataFrame filtered = orders.filter("customer < 25 AND amount IS NOT NULL");
        DataFrame aggregated = filtered.aggregate(List.of("status"), List.of("sum(amount) AS total", "count(*) AS n"));
        DataFrame sorted = aggregated.sort("status ASC NULLS FIRST")) {
      assertSameRows(rows(session, sql, allocator), rows(sorted, allocator));
    }
  }

  /**
   * Equal rows, floating-point sums within 1e-9 relative: parallel partial sums add up in whichever
   * order the partitions finish, so the last bits of a double sum vary from run to run.
   */
  private static void assertSameRows(List<List<Object>> expected, List<List<Object>> actual) {
    assertEquals(expected.size(), actual.size(), () -> expected + " vs " + actual);
    for (int row = 0; row < expected.size(); row++) {
      List<Object> want = expected.get(row);
      List<Object> got = actual.get(row);
      assertEquals(want.size(), got.size(), () -> want + " vs " + got);
      for (int column = 0; column < want.size(); column++) {
        if (want.get(column) instanceof Double wanted && got.get(column) instanceof Double value) {
          assertEquals(wanted, value, Math.abs(wanted) * 1e-9, () -> want + " vs " + got);
        } else {
          assertEquals(want.get(column), got.get(column), () -> want + " vs " + got);
        }
      }
    }
  }

  @Test
  void dataFrameJoinUnionLimitAndWithColumn() {
    try (DataFrame orders = session.table("orders").alias("o");
        DataFrame customers = session.table("customers").alias("c");
        DataFrame joined = orders.join(customers, JoinType.INNER, List.of("customer"), List.of("id"), "o.id % 2 = 0");
        DataFrame projected = joined.select("o.id AS id", "c.region AS region");
        DataFrame upper = projected.withColumn("region", "upper(region)");
        DataFrame doubled = upper.union(upper);
        DataFrame limited = doubled.sort("id", "region").limit(3, 4)) {
      List<List<Object>> expected = rows(session,
          "SELECT * FROM (SELECT o.id AS id, upper(c.region) AS region FROM orders o JOIN customers c "
              + "ON o.customer = c.id WHERE o.id % 2 = 0 UNION ALL SELECT o.id, upper(c.region) FROM orders o "
              + "JOIN customers c ON o.customer = c.id WHERE o.id % 2 = 0) ORDER BY id, region LIMIT 4 OFFSET 3",
          allocator);
      assertEquals(expected, rows(limited, allocator));
      assertEquals(4, limited.count());
    }
    try (DataFrame o = session.table("orders").alias("l");
        DataFrame c = session.table("customers").alias("r");
        DataFrame joined = o.joinOn(c, JoinType.LEFT_ANTI, "l.customer = r.id")) {
      long expected = orders.stream().filter(order -> !regionOfCustomer.containsKey(order.customer())).count();
      assertEquals(expected, joined.count());
    }
  }

  @Test
  void schemaAndExplainDoNotRunTheQuery() {
    try (DataFrame frame = session.sql("SELECT id, amount * 2 AS doubled FROM orders WHERE status = 'open'")) {
      Schema schema = frame.schema();
      assertEquals(List.of("id", "doubled"), schema.getFields().stream().map(Field::getName).toList());
      assertEquals(new ArrowType.Int(64, true), schema.getFields().get(0).getType());
      QueryPlan plan = frame.explain();
      assertTrue(plan.logical().contains("Filter"), plan.logical());
      assertTrue(plan.optimizedLogical().contains("orders"), plan.optimizedLogical());
      assertTrue(plan.physical().contains("FilterExec"), plan.physical());
    }
  }
}
