package io.codeanatomy.udf.internal;

import io.codeanatomy.udf.VectorFunction;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.ArrowSchema;
import io.codeanatomy.engine.internal.ValidatedReader;
import java.util.List;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.validate.ValidateUtil;

/**
 * Called by the engine, once per batch, on engine threads: imports the arguments (a struct array
 * through the C Data interface, no copy), runs the function, exports its result the same way.
 */
public final class JavaUdfDispatcher {
  /**
   * Holds result vectors until the engine releases them; process-wide because results outlive
   * any one call and may be released on any engine thread.
   */
  private static final BufferAllocator ALLOCATOR = new RootAllocator();

  private JavaUdfDispatcher() {}

  /** Bytes of Java UDF results the engine still holds (zero when no query is running). */
  public static long allocatedBytes() {
    return ALLOCATOR.getAllocatedMemory();
  }

  static void invoke(Object function, long argumentsArray, long argumentsSchema, int rowCount, long resultArray,
      long resultSchema) throws Exception {
    try (VectorSchemaRoot arguments = Data.importVectorSchemaRoot(ALLOCATOR, ArrowArray.wrap(argumentsArray),
            ArrowSchema.wrap(argumentsSchema), null);
        FieldVector result = ((VectorFunction) function).apply(arguments.getFieldVectors(), rowCount, ALLOCATOR)) {
      if (result == null) {
        throw new IllegalStateException("a Java function returned null instead of a vector");
      }
      try {
        ValidatedReader.checkBuffers(List.of(result));
      } catch (ValidateUtil.ValidateException e) {
        throw new IllegalStateException("a Java function returned a vector whose buffers do not match its data: "
            + e.getMessage(), e);
      }
      Data.exportVector(ALLOCATOR, result, null, ArrowArray.wrap(resultArray), ArrowSchema.wrap(resultSchema));
    }
  }
}
