package io.codeanatomy.udf;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * The body of a Java scalar function: called once per record batch, never per row.
 *
 * <p>{@code arguments} hold {@code rowCount} values each (constant arguments arrive expanded) and
 * belong to the caller: read them, do not close or keep them. Return a new vector, allocated from
 * {@code allocator}, with {@code rowCount} values, or with one value meaning the same result for
 * every row; the engine takes ownership of it. Its type must be the function's declared result
 * type. An exception fails the query, with the exception as the cause of the error.
 */
@FunctionalInterface
public interface VectorFunction {
  FieldVector apply(List<FieldVector> arguments, int rowCount, BufferAllocator allocator) throws Exception;
}
