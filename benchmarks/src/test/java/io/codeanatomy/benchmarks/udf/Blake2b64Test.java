package io.codeanatomy.benchmarks.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.api.Test;

class Blake2b64Test {
  /** Bouncy Castle's BLAKE2b (digest length 8), read big-endian. */
  private static long reference(byte[] bytes, int start, int length) {
    Blake2bDigest digest = new Blake2bDigest(64);
    digest.update(bytes, start, length);
    byte[] out = new byte[8];
    digest.doFinal(out, 0);
    long h = 0;
    for (byte b : out) {
      h = (h << 8) | (b & 0xff);
    }
    return h;
  }

  @Test
  void matchesBouncyCastleOnEveryLengthUpToThreeBlocks() {
    Random random = new Random(6);
    byte[] bytes = new byte[1024];
    random.nextBytes(bytes);
    try (BufferAllocator allocator = new RootAllocator(); ArrowBuf buf = allocator.buffer(bytes.length)) {
      buf.setBytes(0, bytes);
      Blake2b64 blake2b = new Blake2b64();
      for (int length = 0; length <= 300; length++) {
        // starts 0..7 take the byte-wise path for a short final word, later ones the shifted read
        for (int start : new int[] {0, 1, 7, 8 + random.nextInt(bytes.length - 300 - 8)}) {
          assertEquals(reference(bytes, start, length), blake2b.hash(buf, start, length),
              "length " + length + " from " + start);
        }
      }
    }
  }

  @Test
  void knownValue() {
    byte[] alpha = "alpha".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (BufferAllocator allocator = new RootAllocator(); ArrowBuf buf = allocator.buffer(alpha.length)) {
      buf.setBytes(0, alpha);
      // stable_hash64('alpha') of the native catalog (conformance vector)
      assertEquals(5982700193828047002L, new Blake2b64().hash(buf, 0, alpha.length) & Long.MAX_VALUE);
    }
  }

  @Test
  void rejectsBytesOutsideTheBuffer() {
    try (BufferAllocator allocator = new RootAllocator(); ArrowBuf buf = allocator.buffer(16)) {
      assertThrows(IndexOutOfBoundsException.class, () -> new Blake2b64().hash(buf, 8, (int) buf.capacity()));
    }
  }
}
