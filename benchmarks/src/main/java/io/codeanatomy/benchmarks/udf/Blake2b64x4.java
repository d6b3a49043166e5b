package io.codeanatomy.benchmarks.udf;

import static jdk.incubator.vector.VectorOperators.ROR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * {@link Blake2b64} of four values at once, one per 64-bit lane of 256-bit vectors (the JDK
 * incubating Vector API; AVX2 on x86), as {@code blake2b_simd::many} does natively. Any lengths:
 * a group runs as many compressions as its longest value needs, each lane with its own byte
 * counter and final-block flag, and keeps the first word of each lane's state after that lane's
 * final block.
 *
 * <p>Written so that C2 keeps every vector in a register instead of boxing it: the state and
 * chaining values are locals, never arrays of vectors, and the message words come from a
 * transposed {@code long[]} ({@code m[4 * word + lane]}) loaded a vector at a time, and every
 * vector operation is a Vector API call in {@link #hash} itself: in a method this large, C2 stops
 * inlining ordinary helpers (its node-count cutoff), and a vector a helper returns is an object.
 */
final class Blake2b64x4 {
  static final int LANES = 4;
  private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_256;
  /** {@link Blake2b64#SIGMA} times {@link #LANES}: offsets of the rounds' words in {@link #m}. */
  private static final int[] SIGMA_OFFSETS = sigmaOffsets();

  /** The current block's message words, transposed: word w of lane l at {@code LANES * w + l}. */
  private final long[] m = new long[16 * LANES];
  /** Per lane: bytes hashed up to the end of the current block. */
  private final long[] counters = new long[LANES];
  /** Per lane: all ones when the current block is the lane's last, else zero. */
  private final long[] finalFlags = new long[LANES];

  private static int[] sigmaOffsets() {
    int[] offsets = new int[Blake2b64.SIGMA.length];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = LANES * Blake2b64.SIGMA[i];
    }
    return offsets;
  }

  /**
   * Writes to {@code digests[lane]} the BLAKE2b-64 (big-endian, as {@link Blake2b64#hash}) of
   * {@code lengths[lane]} bytes of {@code buf} from {@code starts[lane]}, for the four lanes.
   */
  void hash(ArrowBuf buf, long[] starts, int[] lengths, long[] digests) {
    int blocks = 1;
    for (int lane = 0; lane < LANES; lane++) {
      Blake2b64.checkBounds(buf, starts[lane], lengths[lane]);
      blocks = Math.max(blocks, blockCount(lengths[lane]));
    }
    long address = buf.memoryAddress();
    long[] m = this.m;
    int[] s = SIGMA_OFFSETS;
    LongVector h0 = LongVector.broadcast(SPECIES, Blake2b64.IV0 ^ Blake2b64.PARAM);
    LongVector h1 = LongVector.broadcast(SPECIES, Blake2b64.IV1);
    LongVector h2 = LongVector.broadcast(SPECIES, Blake2b64.IV2);
    LongVector h3 = LongVector.broadcast(SPECIES, Blake2b64.IV3);
    LongVector h4 = LongVector.broadcast(SPECIES, Blake2b64.IV4);
    LongVector h5 = LongVector.broadcast(SPECIES, Blake2b64.IV5);
    LongVector h6 = LongVector.broadcast(SPECIES, Blake2b64.IV6);
    LongVector h7 = LongVector.broadcast(SPECIES, Blake2b64.IV7);
    LongVector digest = LongVector.zero(SPECIES);
    for (int block = 0; block < blocks; block++) {
      loadBlock(address, starts, lengths, block);
      LongVector finalFlag = LongVector.fromArray(SPECIES, finalFlags, 0);
      LongVector v0 = h0, v1 = h1, v2 = h2, v3 = h3, v4 = h4, v5 = h5, v6 = h6, v7 = h7;
      LongVector v8 = LongVector.broadcast(SPECIES, Blake2b64.IV0);
      LongVector v9 = LongVector.broadcast(SPECIES, Blake2b64.IV1);
      LongVector v10 = LongVector.broadcast(SPECIES, Blake2b64.IV2);
      LongVector v11 = LongVector.broadcast(SPECIES, Blake2b64.IV3);
      LongVector v12 = LongVector.fromArray(SPECIES, counters, 0).lanewise(XOR, Blake2b64.IV4);
      LongVector v13 = LongVector.broadcast(SPECIES, Blake2b64.IV5);
      LongVector v14 = finalFlag.lanewise(XOR, Blake2b64.IV6);
      LongVector v15 = LongVector.broadcast(SPECIES, Blake2b64.IV7);
      for (int r = 0; r < s.length; r += 16) {
        // the rounds of Blake2b64.hash, four lanes at a time
        v0 = v0.add(v4).add(LongVector.fromArray(SPECIES, m, s[r])); v12 = v12.lanewise(XOR, v0).lanewise(ROR, 32); v8 = v8.add(v12); v4 = v4.lanewise(XOR, v8).lanewise(ROR, 24);
        v0 = v0.add(v4).add(LongVector.fromArray(SPECIES, m, s[r + 1])); v12 = v12.lanewise(XOR, v0).lanewise(ROR, 16); v8 = v8.add(v12); v4 = v4.lanewise(XOR, v8).lanewise(ROR, 63);
        v1 = v1.add(v5).add(LongVector.fromArray(SPECIES, m, s[r + 2])); v13 = v13.lanewise(XOR, v1).lanewise(ROR, 32); v9 = v9.add(v13); v5 = v5.lanewise(XOR, v9).lanewise(ROR, 24);
        v1 = v1.add(v5).add(LongVector.fromArray(SPECIES, m, s[r + 3])); v13 = v13.lanewise(XOR, v1).lanewise(ROR, 16); v9 = v9.add(v13); v5 = v5.lanewise(XOR, v9).lanewise(ROR, 63);
        v2 = v2.add(v6).add(LongVector.fromArray(SPECIES, m, s[r + 4])); v14 = v14.lanewise(XOR, v2).lanewise(ROR, 32); v10 = v10.add(v14); v6 = v6.lanewise(XOR, v10).lanewise(ROR, 24);
        v2 = v2.add(v6).add(LongVector.fromArray(SPECIES, m, s[r + 5])); v14 = v14.lanewise(XOR, v2).lanewise(ROR, 16); v10 = v10.add(v14); v6 = v6.lanewise(XOR, v10).lanewise(ROR, 63);
        v3 = v3.add(v7).add(LongVector.fromArray(SPECIES, m, s[r + 6])); v15 = v15.lanewise(XOR, v3).lanewise(ROR, 32); v11 = v11.add(v15); v7 = v7.lanewise(XOR, v11).lanewise(ROR, 24);
        v3 = v3.add(v7).add(LongVector.fromArray(SPECIES, m, s[r + 7])); v15 = v15.lanewise(XOR, v3).lanewise(ROR, 16); v11 = v11.add(v15); v7 = v7.lanewise(XOR, v11).lanewise(ROR, 63);
        v0 = v0.add(v5).add(LongVector.fromArray(SPECIES, m, s[r + 8])); v15 = v15.lanewise(XOR, v0).lanewise(ROR, 32); v10 = v10.add(v15); v5 = v5.lanewise(XOR, v10).lanewise(ROR, 24);
        v0 = v0.add(v5).add(LongVector.fromArray(SPECIES, m, s[r + 9])); v15 = v15.lanewise(XOR, v0).lanewise(ROR, 16); v10 = v10.add(v15); v5 = v5.lanewise(XOR, v10).lanewise(ROR, 63);
        v1 = v1.add(v6).add(LongVector.fromArray(SPECIES, m, s[r + 10])); v12 = v12.lanewise(XOR, v1).lanewise(ROR, 32); v11 = v11.add(v12); v6 = v6.lanewise(XOR, v11).lanewise(ROR, 24);
        v1 = v1.add(v6).add(LongVector.fromArray(SPECIES, m, s[r + 11])); v12 = v12.lanewise(XOR, v1).lanewise(ROR, 16); v11 = v11.add(v12); v6 = v6.lanewise(XOR, v11).lanewise(ROR, 63);
        v2 = v2.add(v7).add(LongVector.fromArray(SPECIES, m, s[r + 12])); v13 = v13.lanewise(XOR, v2).lanewise(ROR, 32); v8 = v8.add(v13); v7 = v7.lanewise(XOR, v8).lanewise(ROR, 24);
        v2 = v2.add(v7).add(LongVector.fromArray(SPECIES, m, s[r + 13])); v13 = v13.lanewise(XOR, v2).lanewise(ROR, 16); v8 = v8.add(v13); v7 = v7.lanewise(XOR, v8).lanewise(ROR, 63);
        v3 = v3.add(v4).add(LongVector.fromArray(SPECIES, m, s[r + 14])); v14 = v14.lanewise(XOR, v3).lanewise(ROR, 32); v9 = v9.add(v14); v4 = v4.lanewise(XOR, v9).lanewise(ROR, 24);
        v3 = v3.add(v4).add(LongVector.fromArray(SPECIES, m, s[r + 15])); v14 = v14.lanewise(XOR, v3).lanewise(ROR, 16); v9 = v9.add(v14); v4 = v4.lanewise(XOR, v9).lanewise(ROR, 63);
      }
      h0 = h0.lanewise(XOR, v0).lanewise(XOR, v8); h1 = h1.lanewise(XOR, v1).lanewise(XOR, v9);
      h2 = h2.lanewise(XOR, v2).lanewise(XOR, v10); h3 = h3.lanewise(XOR, v3).lanewise(XOR, v11);
      h4 = h4.lanewise(XOR, v4).lanewise(XOR, v12); h5 = h5.lanewise(XOR, v5).lanewise(XOR, v13);
      h6 = h6.lanewise(XOR, v6).lanewise(XOR, v14); h7 = h7.lanewise(XOR, v7).lanewise(XOR, v15);
      // each lane has exactly one final block: keep its h0 from there on
      digest = digest.or(h0.and(finalFlag));
    }
    digest.intoArray(digests, 0);
    for (int lane = 0; lane < LANES; lane++) {
      digests[lane] = Long.reverseBytes(digests[lane]); // digest bytes are h0's little-endian bytes
    }
  }

  /** Fills {@link #m}, {@link #counters} and {@link #finalFlags} for block {@code block} of each lane. */
  private void loadBlock(long address, long[] starts, int[] lengths, int block) {
    long[] m = this.m;
    for (int lane = 0; lane < LANES; lane++) {
      int laneBlocks = blockCount(lengths[lane]);
      if (block >= laneBlocks) {
        finalFlags[lane] = 0; // finished: the lane's words and counter no longer matter
        continue;
      }
      boolean last = block == laneBlocks - 1;
      long pos = starts[lane] + (long) Blake2b64.BLOCK * block;
      long end = starts[lane] + lengths[lane];
      for (int i = 0; i < 16; i++) {
        long at = pos + 8L * i;
        m[LANES * i + lane] = last ? Blake2b64.word(address, at, end) : MemoryUtil.getLong(address + at);
      }
      counters[lane] = last ? lengths[lane] : (long) Blake2b64.BLOCK * (block + 1);
      finalFlags[lane] = last ? -1L : 0L;
    }
  }

  /** Compressions for a value of {@code length} bytes: one per started block, one for no bytes. */
  private static int blockCount(int length) {
    return (length - 1) / Blake2b64.BLOCK + 1; // 0 bytes: one compression (-1 / BLOCK is 0)
  }
}
