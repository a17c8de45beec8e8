package org.liko.engine.rng;

/**
 * Philox4x32-10, the counter-based random number generator of J. K. Salmon, M. A. Moraes,
 * R. O. Dror and D. E. Shaw, "Parallel random numbers: as easy as 1, 2, 3", Proc. SC'11
 * (2011), doi:10.1145/2063384.2063405, as implemented in Random123 ({@code philox4x32_10}).
 *
 * <p>A 128-bit counter {@code (c0, c1, c2, c3)} and a 64-bit key {@code (k0, k1)} map to four
 * 32-bit output words through ten rounds of two 32x32-&gt;64-bit multiplications
 * ({@code M0 = 0xD2511F53}, {@code M1 = 0xCD9E8D57}) with the key bumped by the Weyl constants
 * {@code W0 = 0x9E3779B9}, {@code W1 = 0xBB67AE85} between rounds. There is no state: the
 * same (counter, key) gives the same words on any thread, in any order, on any device. This is
 * what lets the parallel solver promise bit-identical trajectories on cpu, cpu-parallel, opencl
 * and cuda (DESIGN section 3).
 *
 * <h2>Kernel rules</h2>
 * {@link #philox} is static, takes and returns primitives only and allocates nothing, so an
 * Aparapi {@code Kernel.run()} can call it and Aparapi translates it to OpenCL C. The CUDA/C
 * twin is {@code gpu-kernels/src/main/cuda/philox.h}; both are checked against this class.
 * To stay free of undefined behaviour once translated to C (where signed overflow is undefined
 * and compilers exploit it), every intermediate is a {@code long} in {@code [0, 2^33)}: the
 * unsigned product {@code a * M} is formed as {@code a * (M - 2^31) + a * 2^31}, which never
 * leaves the signed 64-bit range, and key bumps are masked to 32 bits.
 *
 * <h2>Counter layout (so no two draws ever share a block)</h2>
 * <pre>
 * key  k0 = seed bits  0..31
 *      k1 = seed bits 32..63
 * ctr  c0 = index bits 0..31                 (site, sector or block index; 64-bit index)
 *      c1 = bits  0..15: index bits 32..47   (so lattices up to 2^48 sites, far above 2^32)
 *           bits 16..19: colour 0..15        (sublattice colour of the parallel solver)
 *           bits 20..31: stream 0..4095      (which purpose / which block of 4 words)
 *      c2 = sweep bits  0..31
 *      c3 = sweep bits 32..63
 * </pre>
 * Distinct (index &lt; 2^48, colour &lt; 16, stream &lt; 4096, sweep) tuples give distinct counters,
 * hence independent blocks of four words. {@link #counter1} packs {@code c1};
 * {@link #checkLayout} validates the fields on the host (a kernel cannot throw).
 */
public final class Philox {

  /** Number of index bits stored in {@code c1} above the 32 in {@code c0}. */
  public static final int INDEX_HIGH_BITS = 16;
  /** Number of colour bits in {@code c1}. */
  public static final int COLOUR_BITS = 4;
  /** Number of stream bits in {@code c1}. */
  public static final int STREAM_BITS = 12;
  /** Largest index that fits the layout, 2^48 - 1. */
  public static final long MAX_INDEX = (1L << (32 + INDEX_HIGH_BITS)) - 1;
  /** Largest colour that fits the layout. */
  public static final int MAX_COLOUR = (1 << COLOUR_BITS) - 1;
  /** Largest stream that fits the layout. */
  public static final int MAX_STREAM = (1 << STREAM_BITS) - 1;

  private static final long MASK32 = 0xFFFFFFFFL;
  // M - 2^31 for the two Philox multipliers 0xD2511F53 and 0xCD9E8D57 (both exceed 2^31).
  private static final long M0_LOW = 0x52511F53L;
  private static final long M1_LOW = 0x4D9E8D57L;
  // Weyl key increments (golden ratio, sqrt(3) - 1), Random123 PHILOX_W32_0/1.
  private static final long W0 = 0x9E3779B9L;
  private static final long W1 = 0xBB67AE85L;

  private Philox() {}

  /**
   * One Philox4x32-10 block: returns output word {@code which} (0..3) of
   * {@code philox4x32_10({c0, c1, c2, c3}, {k0, k1})}. Words are bit patterns of unsigned 32-bit
   * integers; use {@link #uint32} for the unsigned value. A host convenience over
   * {@link #philox4}, the one implementation of the rounds (kernels call philox4, which writes
   * into their own buffer; this method allocates). A {@code which} outside 0..3 returns word 0.
   *
   * @param c0 counter word 0
   * @param c1 counter word 1
   * @param c2 counter word 2
   * @param c3 counter word 3
   * @param k0 key word 0
   * @param k1 key word 1
   * @param which output word, 0..3
   * @return the output word
   */
  public static int philox(int c0, int c1, int c2, int c3, int k0, int k1, int which) {
    int[] out = new int[4];
    philox4(c0, c1, c2, c3, k0, k1, out, 0);
    return which >= 1 && which <= 3 ? out[which] : out[0];
  }

  /**
   * Output word {@code which} of {@link #philox} as an unsigned 32-bit value in
   * {@code [0, 2^32)}, for comparisons against 32-bit acceptance thresholds (host).
   *
   * @param c0 counter word 0
   * @param c1 counter word 1
   * @param c2 counter word 2
   * @param c3 counter word 3
   * @param k0 key word 0
   * @param k1 key word 1
   * @param which output word, 0..3
   * @return the word as an unsigned value
   */
  public static long uint32(int c0, int c1, int c2, int c3, int k0, int k1, int which) {
    return philox(c0, c1, c2, c3, k0, k1, which) & MASK32;
  }

  /**
   * Packs counter word {@code c1} of the documented layout: index bits 32..47 in bits 0..15,
   * colour in bits 16..19, stream in bits 20..31. Fields are masked, not checked (kernel-safe);
   * validate on the host with {@link #checkLayout}.
   *
   * @param index site, sector or block index (0 .. {@link #MAX_INDEX})
   * @param colour sublattice colour (0 .. {@link #MAX_COLOUR})
   * @param stream stream number (0 .. {@link #MAX_STREAM})
   * @return counter word {@code c1}
   */
  public static int counter1(long index, int colour, int stream) {
    long high = (index >>> 32) & 0xFFFFL;
    long col = ((long) (colour & MAX_COLOUR)) << 16;
    long str = ((long) (stream & MAX_STREAM)) << 20;
    return (int) (high | col | str);
  }

  /**
   * Host-side check of the counter layout fields.
   *
   * @param index site, sector or block index
   * @param colour sublattice colour
   * @param stream stream number
   * @throws IllegalArgumentException naming the field that is out of range
   */
  public static void checkLayout(long index, int colour, int stream) {
    if (index < 0 || index > MAX_INDEX) {
      throw new IllegalArgumentException(
          "Philox counter field index = " + index + " outside [0, " + MAX_INDEX + "]");
    }
    if (colour < 0 || colour > MAX_COLOUR) {
      throw new IllegalArgumentException(
          "Philox counter field colour = " + colour + " outside [0, " + MAX_COLOUR + "]");
    }
    if (stream < 0 || stream > MAX_STREAM) {
      throw new IllegalArgumentException(
          "Philox counter field stream = " + stream + " outside [0, " + MAX_STREAM + "]");
    }
  }

  /**
   * Host convenience: output word {@code which} for the documented layout, as an unsigned
   * value. Validates the fields; not for kernels (it may throw).
   *
   * @param seed 64-bit seed (the key)
   * @param index site, sector or block index
   * @param colour sublattice colour
   * @param stream stream number
   * @param sweep sweep number (any 64-bit value)
   * @param which output word, 0..3
   * @return the word in {@code [0, 2^32)}
   */
  public static long draw(long seed, long index, int colour, int stream, long sweep, int which) {
    checkLayout(index, colour, stream);
    if (which < 0 || which > 3) {
      throw new IllegalArgumentException("Philox output word which = " + which + " outside [0, 3]");
    }
    return uint32((int) index, counter1(index, colour, stream), (int) sweep,
        (int) (sweep >>> 32), (int) seed, (int) (seed >>> 32), which);
  }

  /**
   * Host convenience: all four output words of one block as a new array
   * {@code {w0, w1, w2, w3}}.
   *
   * @param counter the four counter words {@code {c0, c1, c2, c3}}
   * @param k0 key word 0
   * @param k1 key word 1
   * @return the four output words
   * @throws IllegalArgumentException if {@code counter} does not have length 4
   */
  public static int[] block(int[] counter, int k0, int k1) {
    if (counter.length != 4) {
      throw new IllegalArgumentException("Philox counter length = " + counter.length + ", need 4");
    }
    int[] out = new int[4];
    for (int w = 0; w < 4; w++) {
      out[w] = philox(counter[0], counter[1], counter[2], counter[3], k0, k1, w);
    }
    return out;
  }

  /**
   * All four output words of one block written to {@code out[off..off+3]}: the same words as
   * {@link #philox} with {@code which = 0..3}, at the cost of one block. Primitive-only and
   * allocation-free (kernel-safe: it writes into a caller's scratch array).
   */
  public static void philox4(int c0, int c1, int c2, int c3, int k0, int k1, int[] out,
      int off) {
    long x0 = c0 & MASK32;
    long x1 = c1 & MASK32;
    long x2 = c2 & MASK32;
    long x3 = c3 & MASK32;
    long key0 = k0 & MASK32;
    long key1 = k1 & MASK32;
    for (int round = 0; round < 10; round++) {
      long p0 = x0 * M0_LOW;
      long t0 = (p0 & MASK32) + ((x0 & 1L) << 31);
      long hi0 = (p0 >>> 32) + (x0 >>> 1) + (t0 >>> 32);
      long lo0 = t0 & MASK32;
      long p1 = x2 * M1_LOW;
      long t1 = (p1 & MASK32) + ((x2 & 1L) << 31);
      long hi1 = (p1 >>> 32) + (x2 >>> 1) + (t1 >>> 32);
      long lo1 = t1 & MASK32;
      x0 = hi1 ^ x1 ^ key0;
      x1 = lo1;
      x2 = hi0 ^ x3 ^ key1;
      x3 = lo0;
      key0 = (key0 + W0) & MASK32;
      key1 = (key1 + W1) & MASK32;
    }
    out[off] = (int) x0;
    out[off + 1] = (int) x1;
    out[off + 2] = (int) x2;
    out[off + 3] = (int) x3;
  }
}
