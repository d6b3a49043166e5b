package io.codeanatomy.benchmarks.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
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
  void oneAndFourLanesMatchBouncyCastleOnEveryLengthUpToThreeBlocks() {
    Random random = new Random(6);
    byte[] bytes = new byte[1024];
    random.nextBytes(bytes);
    try (BufferAllocator allocator = new RootAllocator(); ArrowBuf buf = allocator.buffer(bytes.length)) {
      buf.setBytes(0, bytes);
      Blake2b64 blake2b = new Blake2b64();
      Blake2b64x4 lanes = new Blake2b64x4();
      long[] digests = new long[Blake2b64x4.LANES];
      for (int length = 0; length <= 300; length++) {
        // starts 0..7 take the byte-wise path for a short final word, later ones the shifted read
        long[] starts = {0, 1, 7, 8 + random.nextInt(bytes.length - 300 - 8)};
        for (long start : starts) {
          assertEquals(reference(bytes, (int) start, length), blake2b.hash(buf, start, length),
              "length " + length + " from " + start);
        }
        // one length in all lanes, then mixed ones: lanes finish after different numbers of blocks
        int[][] groups = {
            {length, length, length, length},
            {length, 300 - length, random.nextInt(301), length / 3}};
        for (int[] lengths : groups) {
          lanes.hash(buf, starts, lengths, digests);
          for (int lane = 0; lane < Blake2b64x4.LANES; lane++) {
            assertEquals(reference(bytes, (int) starts[lane], lengths[lane]), digests[lane],
                "lane " + lane + ": length " + lengths[lane] + " from " + starts[lane] + " among " + Arrays.toString(lengths));
          }
        }
      }
    }
  }

  @Test
  void javaUdfHashesEveryRowWithNullsAndAnyRowCount() {
    Random random = new Random(8);
    try (BufferAllocator allocator = new RootAllocator()) {
      // row counts around multiples of four: full groups of four lanes plus 0-3 rows one at a time
      for (int rows = 0; rows <= 13; rows++) {
        byte[][] values = new byte[rows][];
        try (VarCharVector input = new VarCharVector("s", allocator)) {
          input.allocateNew(rows);
          for (int row = 0; row < rows; row++) {
            if (random.nextInt(4) == 0) {
              input.setNull(row);
            } else {
              values[row] = new byte[random.nextInt(300)];
              random.nextBytes(values[row]);
              input.setSafe(row, values[row]);
            }
          }
          input.setValueCount(rows);
          try (BigIntVector output = StableHashBenchmark.javaHash64(List.of(input), rows, allocator)) {
            assertEquals(rows, output.getValueCount());
            for (int row = 0; row < rows; row++) {
              if (values[row] == null) {
                assertTrue(output.isNull(row), "row " + row + " of " + rows + " is NULL");
              } else {
                assertEquals(reference(values[row], 0, values[row].length) & Long.MAX_VALUE, output.get(row),
                    "row " + row + " of " + rows + ", " + values[row].length + " bytes");
              }
            }
          }
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
      long[] digests = new long[Blake2b64x4.LANES];
      assertThrows(IndexOutOfBoundsException.class,
          () -> new Blake2b64x4().hash(buf, new long[] {0, 0, 8, 0}, new int[] {16, 16, 16, 0}, digests));
    }
  }
}
