package io.codeanatomy.delta.internal;

import io.codeanatomy.engine.internal.StructAllocator;
import java.util.function.LongFunction;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/** Hands Arrow schemas to the native engine through the C Data interface. */
public final class ArrowExports {
  private ArrowExports() {}

  /** Runs {@code call} with the address of an exported {@code ArrowSchema}; the callee takes ownership. */
  public static <T> T withExportedSchema(Schema schema, LongFunction<T> call) {
    BufferAllocator allocator = StructAllocator.get();
    try (ArrowSchema exported = ArrowSchema.allocateNew(allocator)) {
      Data.exportSchema(allocator, schema, null, exported);
      return call.apply(exported.memoryAddress());
    }
  }
}
