package org.liko.model.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.liko.engine.ExactSolver;
import org.liko.engine.Lattice;
import org.liko.model.LiMaterials;
import org.liko.model.LiModel;
import org.liko.model.Scenario;

/**
 * Growth exponents of the ballistic limits of walkers mode in 1+1 dimensions (Family and Vicsek,
 * J. Phys. A 18, L75, 1985; Barabasi and Stanley, Fractal Concepts in Surface Growth, 1995,
 * chapters 2-3): ballistic deposition (transport.ballistic) has beta = 1/3 (KPZ) with strong
 * corrections at these sizes, random deposition (stickTopOnly) has w = sqrt(t), beta = 1/2.
 *
 * <p>Both run the {@link LiModel} on the exact solver event by event, L = 4096 columns, 8
 * replicas, and read the interface width w (standard deviation of the column tops, sites) from
 * the lattice at 25 log-spaced coverages from 10 to 1000 monolayers (1 monolayer = L
 * deposits). beta is the least-squares slope of ln(mean w) against ln(coverage) there.
 */
class DepositionGrowthTest {
  static final int L = 4096;
  static final int REPLICAS = 8;
  static final int[] COVERAGES = coverages();

  private static int[] coverages() {
    int[] c = new int[25];
    for (int k = 0; k < c.length; k++) {
      c[k] = (int) Math.round(10 * Math.pow(100, k / 24.0));
    }
    return c;
  }

  /** Width of each replica of the model (first index) at each coverage in {@link #COVERAGES}. */
  static double[][] modelWidths(boolean stickTop, int nz, long seed) {
    String text = Limits.walkersHead(L, 1, nz)
        + "transport: {mode: walkers, ballistic: true, stickTopOnly: " + stickTop + "}\n"
        + "protocol:\n  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 1}\n";
    Scenario sc = Limits.parse(text, stickTop ? "rd" : "bd");
    double[][] w = new double[REPLICAS][COVERAGES.length];
    for (int r = 0; r < REPLICAS; r++) {
      LiModel model = new LiModel(sc, LiMaterials.table(sc));
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + r);
      ExactSolver solver = new ExactSolver(model, rng);
      model.attach(solver, rng);
      model.setMode(LiModel.Mode.PLATE, 1.0);
      solver.refreshDriven();
      int[] top = new int[L];
      int bound = model.collectorTop();
      for (int k = 0; k < COVERAGES.length; k++) {
        long target = (long) COVERAGES[k] * L;
        while (model.injected() < target) {
          assertEquals(ExactSolver.EVENT, solver.step(Double.POSITIVE_INFINITY));
        }
        assertFalse(model.shorted(), "deposit reached the top of the box");
        bound = tops(model.lattice(), top,
            bound + 64 + 5 * (COVERAGES[k] - (k > 0 ? COVERAGES[k - 1] : 0)));
        w[r][k] = width(top);
      }
    }
    return w;
  }

  /** Column tops (highest Li z, or 0) scanning down from bound; returns the highest top. */
  private static int tops(Lattice lat, int[] top, int bound) {
    byte[] c = lat.cells();
    int nz = lat.grid().nz;
    int hi = 0;
    for (int x = 0; x < L; x++) {
      int z = Math.min(nz - 1, bound);
      while (z > 0 && (c[z * L + x] & Lattice.MATERIAL_MASK) != LiMaterials.LI) {
        z--;
      }
      top[x] = z;
      hi = Math.max(hi, z);
    }
    assertTrue(hi < Math.min(nz - 1, bound), "height bound too low");
    return hi;
  }

  static double width(int[] h) {
    double m = 0;
    for (int v : h) {
      m += v;
    }
    m /= h.length;
    double s = 0;
    for (int v : h) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / h.length);
  }

  /**
   * Independent ballistic deposition: h_i = max(h_{i-1}, h_i + 1, h_{i+1}) at a uniform random
   * periodic column, its own generator; width of each replica at each coverage.
   */
  static double[][] recursionWidths(long seed) {
    double[][] w = new double[REPLICAS][COVERAGES.length];
    for (int r = 0; r < REPLICAS; r++) {
      UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(seed + r);
      int[] h = new int[L];
      long n = 0;
      for (int k = 0; k < COVERAGES.length; k++) {
        long target = (long) COVERAGES[k] * L;
        for (; n < target; n++) {
          int i = rng.nextInt(L);
          int left = h[(i + L - 1) % L];
          int right = h[(i + 1) % L];
          h[i] = Math.max(h[i] + 1, Math.max(left, right));
        }
        w[r][k] = width(h);
      }
    }
    return w;
  }

  static double beta(double[] w) {
    double[] x = new double[w.length];
    double[] y = new double[w.length];
    for (int k = 0; k < w.length; k++) {
      x[k] = Math.log(COVERAGES[k]);
      y[k] = Math.log(w[k]);
    }
    return Limits.fit(x, y)[1];
  }

  /** Mean over replicas at each coverage. */
  static double[] mean(double[][] w) {
    double[] m = new double[COVERAGES.length];
    for (double[] row : w) {
      for (int k = 0; k < m.length; k++) {
        m[k] += row[k] / w.length;
      }
    }
    return m;
  }

  /** Variance of the mean over replicas at coverage k. */
  static double varianceOfMean(double[][] w, int k) {
    double m = 0;
    for (double[] row : w) {
      m += row[k] / w.length;
    }
    double s = 0;
    for (double[] row : w) {
      s += (row[k] - m) * (row[k] - m);
    }
    return s / (w.length - 1) / w.length;
  }

  /**
   * Ballistic deposition: beta in [0.27, 0.36] (1/3 asymptotically; about 0.29 at these
   * coverages), and the model's mean width agrees with the independent recursion's (8 replicas
   * each): the geometric mean of the width ratio over all 25 coverages from 10 to 1000 within
   * 3%, and the ratio at each coverage within max(3%, 4 standard errors of the difference
   * estimated from the replicas). With 8 replicas of L = 4096 the measured standard error of the
   * pointwise ratio is 1-3% up to 100 monolayers and 4-8% near 1000 (correlation length ~
   * t^(2/3), so few independent patches), which is why a pointwise 3% bound alone would fail
   * for a correct model; each ratio and its standard error is logged.
   */
  @Test
  void ballisticDepositionMatchesRecursion() {
    long seed = Limits.seed("DepositionGrowthTest.bd", 4242L);
    double[][] wm = modelWidths(false, 2600, seed);
    double[][] wr = recursionWidths(seed ^ 0x5DEECE66DL);
    double[] w = mean(wm);
    double[] ref = mean(wr);
    double logSum = 0;
    for (int k = 0; k < w.length; k++) {
      double ratio = w[k] / ref[k];
      double se = Math.sqrt(varianceOfMean(wm, k) / (w[k] * w[k])
          + varianceOfMean(wr, k) / (ref[k] * ref[k]));
      System.out.printf("BD theta = %4d: w = %.3f, recursion %.3f, ratio %.4f +- %.4f (1 s.e.)%n",
          COVERAGES[k], w[k], ref[k], ratio, se);
      logSum += Math.log(ratio);
      assertEquals(1.0, ratio, Math.max(0.03, 4 * se),
          "BD width ratio at " + COVERAGES[k] + " monolayers");
    }
    double geo = Math.exp(logSum / w.length);
    double b = beta(w);
    System.out.printf("BD: beta = %.4f (recursion %.4f), geometric-mean width ratio %.4f%n", b,
        beta(ref), geo);
    assertTrue(b >= 0.27 && b <= 0.36, "BD beta " + b);
    assertEquals(1.0, geo, 0.03, "BD mean width ratio over 10-1000 monolayers");
  }

  /** Random deposition: beta = 0.50 +- 0.03 (w = sqrt(t) exactly). */
  @Test
  void randomDepositionHasBetaOneHalf() {
    long seed = Limits.seed("DepositionGrowthTest.rd", 4343L);
    double[] w = mean(modelWidths(true, 1300, seed));
    double b = beta(w);
    System.out.printf("RD: beta = %.4f, w(1000)/sqrt(1000) = %.4f%n", b,
        w[w.length - 1] / Math.sqrt(1000));
    assertEquals(0.50, b, 0.03, "RD beta");
  }
}
