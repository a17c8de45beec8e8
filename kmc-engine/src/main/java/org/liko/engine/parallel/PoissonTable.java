package org.liko.engine.parallel;

/**
 * Poisson attempt counts by an integer inverse-CDF table (host side): {@link #of} builds the
 * cumulative probabilities as unsigned 32-bit thresholds, {@link #draw} maps one uint32 to a
 * count with integer comparisons only. The table is exact to 2^-32 per entry and covers the
 * mean plus 12 standard deviations (+ 20); the last entry catches every draw.
 */
public final class PoissonTable {
  private PoissonTable() {}

  /**
   * Builds the table for a mean.
   *
   * @param mean the Poisson mean, 0 or more (at most 2^26)
   * @return thresholds: count k iff {@code u <= t[k]} (unsigned) and {@code u > t[k - 1]}
   */
  public static int[] of(double mean) {
    if (!(mean >= 0) || mean > (1 << 26)) {
      throw new IllegalArgumentException("Poisson mean " + mean + " outside [0, 2^26]");
    }
    int kmax = (int) Math.ceil(mean + 12 * Math.sqrt(mean) + 20);
    int[] t = new int[kmax + 1];
    double logMean = mean > 0 ? StrictMath.log(mean) : 0;
    double logFact = 0;
    double cdf = 0;
    for (int k = 0; k <= kmax; k++) {
      if (k > 0) {
        logFact += StrictMath.log(k);
      }
      double p = mean > 0 ? StrictMath.exp(-mean + k * logMean - logFact) : (k == 0 ? 1 : 0);
      cdf += p;
      long v = (long) Math.ceil(Math.min(cdf, 1.0) * 4294967296.0) - 1;
      t[k] = (int) Math.max(0, Math.min(v, 0xFFFFFFFFL));
    }
    t[kmax] = -1; // 2^32 - 1: every draw lands
    return t;
  }

  /** The count for uint32 draw u (binary search, integer only). */
  public static int draw(int[] t, int u) {
    int lo = 0;
    int hi = t.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (!SectorKernel.below(t[mid], u)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
