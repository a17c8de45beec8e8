package org.liko.kernels;

import com.aparapi.Kernel;
import org.liko.engine.rng.Philox;

/**
 * Aparapi kernel that evaluates {@link Philox#philox} on the device for arrays of counters and
 * keys, so tests can check that the OpenCL translation returns the Java function's words
 * (Salmon et al. 2011). Item {@code i} reads {@code counters[4i..4i+3]} and
 * {@code keys[2i..2i+1]} and writes four words to {@code out[4i..4i+3]}.
 *
 * <p>Aparapi rules kept here: primitive and 1D primitive-array fields only, one {@code run()}
 * with an int {@link #pass} field selecting the step (multiple entry points are broken
 * upstream, aparapi#51), no switch/new/throw, explicit buffers.
 */
public final class PhiloxKernel extends Kernel {

  /** Pass that writes all four output words of each item's block. */
  public static final int PASS_BLOCK = 0;
  /** Pass that writes only the unsigned word 0 comparison {@code word0 < threshold} as 0/1. */
  public static final int PASS_BELOW = 1;

  /** Selects the step {@link #run()} performs. */
  public int pass;
  /** Threshold for {@link #PASS_BELOW}, an unsigned 32-bit value held in a long. */
  public long threshold;
  private final int[] counters;
  private final int[] keys;
  private final int[] out;

  /**
   * Creates the kernel over caller-owned arrays and marks its buffers explicit.
   *
   * @param counters four counter words per item
   * @param keys two key words per item
   * @param out four output words per item
   */
  public PhiloxKernel(int[] counters, int[] keys, int[] out) {
    int n = counters.length / 4;
    if (counters.length != 4 * n || keys.length != 2 * n || out.length != 4 * n) {
      throw new IllegalArgumentException("PhiloxKernel: counters.length = " + counters.length
          + ", keys.length = " + keys.length + ", out.length = " + out.length
          + "; need 4n, 2n, 4n");
    }
    this.counters = counters;
    this.keys = keys;
    this.out = out;
    setExplicit(true);
  }

  /** Number of items (blocks). */
  public int items() {
    return counters.length / 4;
  }

  /** Copies the counters and keys to the device. */
  public void upload() {
    put(counters);
    put(keys);
  }

  /** Copies the output words back to the caller's array. */
  public void download() {
    get(out);
  }

  @Override
  public void run() {
    int i = getGlobalId();
    int c0 = counters[4 * i];
    int c1 = counters[4 * i + 1];
    int c2 = counters[4 * i + 2];
    int c3 = counters[4 * i + 3];
    int k0 = keys[2 * i];
    int k1 = keys[2 * i + 1];
    // one block per item into the item's four output words (the same function the sector
    // kernels call); PASS_BELOW then replaces word 0 by its comparison with the threshold
    Philox.philox4(c0, c1, c2, c3, k0, k1, out, 4 * i);
    if (pass == PASS_BELOW) {
      int below = 0;
      if ((out[4 * i] & 0xFFFFFFFFL) < threshold) {
        below = 1;
      }
      out[4 * i] = below;
    }
  }
}
