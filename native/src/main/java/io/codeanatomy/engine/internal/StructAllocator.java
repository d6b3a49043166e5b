package io.codeanatomy.engine.internal;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Allocator for the small Arrow C interface structs (ArrowSchema, ArrowArray, ArrowArrayStream)
 * the library hands to the engine. Data buffers never come from here: they stay with the caller's
 * allocator. Process-wide because exported structs can outlive any one session.
 */
public final class StructAllocator {
  private static final BufferAllocator ALLOCATOR = new RootAllocator();

  private StructAllocator() {}

  public static BufferAllocator get() {
    return ALLOCATOR;
  }
}
