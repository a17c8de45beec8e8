package org.liko.model.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.liko.model.LiMaterials;
import org.liko.model.Simulation;

/**
 * Diffusion-limited aggregation in a 2D strip (Witten and Sander, Phys. Rev. Lett. 47, 1400,
 * 1981; strip geometry and density scaling: Meakin, Phys. Rev. A 27, 2616, 1983; Evertsz, Phys.
 * Rev. A 41, 1830, 1990): walkers mode with p = 1, no drift, one walker at a time, launch gap 5.
 * The steady deposit density scales with the strip width as rho ~ L^(D-2), so D = 2 + slope of
 * ln rho against ln L, here with D_f = 1.71 +- 0.08 the accepted answer (2D DLA 1.71).
 */
class StripDlaTest {
  static final int[] WIDTHS = {32, 64, 128};
  static final int SEEDS = 3;
  /** Box height in strip widths: the run stops (short circuit) with a deposit about this high. */
  static final int HEIGHT = 24;

  /** Steady deposit density of one strip run of width L (rows 2L above the base to 2L below the top). */
  static double steadyDensity(int width, long seed) {
    int nz = HEIGHT * width + 12;
    String text = Limits.walkersHead(width, 1, nz)
        + "transport: {mode: walkers, population: 1, reactionProbability: 1, drift: 0,"
        + " launchGap_sites: 5}\n"
        + "output: {samples: 2}\n"
        + "protocol:\n  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 1000}\n";
    Simulation.Result res = new Simulation(Limits.parse(text, "dla-" + width), seed).run(
        new Simulation.Listener() {});
    assertEquals("short circuit", res.stopReason());
    long[] rows = Limits.rowCounts(res.model().lattice(), LiMaterials.LI);
    int base = res.model().collectorTop();
    int top = base;
    for (int z = base; z < rows.length; z++) {
      if (rows[z] > 0) {
        top = z;
      }
    }
    assertTrue(top - base >= 20 * width, "deposit height " + (top - base));
    long n = 0;
    int from = base + 2 * width;
    int to = top - 2 * width;
    for (int z = from; z < to; z++) {
      n += rows[z];
    }
    return n / ((double) width * (to - from));
  }

  /**
   * D = 2 + slope of ln rho_steady against ln L over L = 32, 64, 128 with 3 seeds each (9 points,
   * deposits about 24 L high, so 20 L of steady region per run, steady region 2L above the collector to 2L below the top).
   * Tolerance: |D - 1.71| <= 0.08; the 95% confidence interval of the slope is logged.
   */
  @Test
  void fractalDimensionFromDensityScaling() {
    long seed0 = Limits.seed("StripDlaTest", 20260311L);
    double[] x = new double[WIDTHS.length * SEEDS];
    double[] y = new double[x.length];
    int k = 0;
    for (int w : WIDTHS) {
      for (int s = 0; s < SEEDS; s++) {
        long t0 = System.nanoTime();
        double rho = steadyDensity(w, seed0 + 1000L * w + s);
        System.out.printf("DLA L = %d seed %d: rho = %.4f (%.1f s)%n", w, s, rho,
            (System.nanoTime() - t0) * 1e-9);
        x[k] = Math.log(w);
        y[k] = Math.log(rho);
        k++;
      }
    }
    double[] f = Limits.fit(x, y);
    double d = 2 + f[1];
    // t(0.975, 7 dof) = 2.365
    System.out.printf("strip DLA: D = %.3f +- %.3f (95%% CI, 9 points)%n", d, 2.365 * f[2]);
    assertEquals(1.71, d, 0.08, "DLA fractal dimension");
  }
}
