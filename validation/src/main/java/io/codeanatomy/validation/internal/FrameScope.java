package io.codeanatomy.validation.internal;

import io.codeanatomy.engine.ArrowBatches;
import io.codeanatomy.engine.DataFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The data frames one validation derives, closed together: validation may run in the caller's
 * session, which must not keep our intermediate plans alive.
 */
final class FrameScope implements AutoCloseable {
  private final Deque<DataFrame> frames = new ArrayDeque<>();

  DataFrame track(DataFrame frame) {
    frames.push(frame);
    return frame;
  }

  /**
   * Runs {@code aggregates} (integer-valued aggregate expressions) over the whole of {@code frame}
   * in one pass and returns their values; SQL NULL (e.g. {@code sum} over no rows) reads as 0.
   */
  long[] aggregateRow(DataFrame frame, List<String> aggregates, BufferAllocator allocator) {
    List<String> aliased = new ArrayList<>();
    for (int index = 0; index < aggregates.size(); index++) {
      // aliases keep the output names distinct whatever the expressions
      aliased.add(aggregates.get(index) + " AS " + Sql.column("a" + index));
    }
    try (ArrowBatches result = track(frame.aggregate(List.of(), aliased)).collect(allocator)) {
      long[] values = new long[aggregates.size()];
      for (VectorSchemaRoot batch : result.batches()) {
        if (batch.getRowCount() == 0) {
          continue;
        }
        for (int column = 0; column < values.length; column++) {
          FieldVector vector = batch.getVector(column);
          values[column] = vector.isNull(0) ? 0 : ((Number) vector.getObject(0)).longValue();
        }
      }
      return values;
    }
  }

  @Override
  public void close() {
    while (!frames.isEmpty()) {
      frames.pop().close();
    }
  }
}
