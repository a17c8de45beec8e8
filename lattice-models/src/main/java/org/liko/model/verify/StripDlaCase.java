package org.liko.model.verify;

import java.util.List;
import java.util.Locale;
import org.liko.engine.Lattice;
import org.liko.model.LiMaterials;
import org.liko.model.Scenario;
import org.liko.model.Simulation;

/**
 * Diffusion-limited aggregation in a 2D strip (Witten and Sander, Phys. Rev. Lett. 47, 1400,
 * 1981; strip geometry and density scaling: Meakin, Phys. Rev. A 27, 2616, 1983; Evertsz, Phys.
 * Rev. A 41, 1830, 1990): walkers mode with p = 1, no drift, one walker at a time, launch gap 5.
 * The steady deposit density scales with the strip width as rho ~ L^(D-2), so D = 2 + slope of
 * ln rho against ln L (not box counting); expected D_f = 1.71 +- 0.08 (2D DLA 1.71). The box is
 * 24 L high and the run stops at the short circuit, so each run has about 20 L of steady region
 * (2 L above the collector to 2 L below the top).
 */
public final class StripDlaCase implements VerifyCase {
  /** Box height in strip widths: the run stops (short circuit) with a deposit about this high. */
  static final int HEIGHT = 24;

  @Override
  public String id() {
    return "dla-dimension";
  }

  @Override
  public String title() {
    return "Strip DLA: fractal dimension from the width scaling of the deposit density";
  }

  @Override
  public String reference() {
    return "Witten and Sander, PRL 47, 1400 (1981); Meakin, PRA 27, 2616 (1983); Evertsz, PRA"
        + " 41, 1830 (1990): D_f = 1.71";
  }

  @Override
  public long seed() {
    return 20260311L;
  }

  /** Strip widths and seeds per width of a size. */
  static int[][] setup(Size size) {
    return switch (size) {
      case TEST, QUICK -> new int[][] {{32, 64, 128}, {3}};
      case FULL -> new int[][] {{32, 64, 128}, {6}};
    };
  }

  @Override
  public Outcome run(Size size, long seed) {
    int[] widths = setup(size)[0];
    int seeds = setup(size)[1][0];
    int n = widths.length * seeds;
    Double[] rho = Fits.replicas(n, k -> steadyDensity(widths[k / seeds],
        seed + 1000L * widths[k / seeds] + k % seeds), Double[]::new);
    double[] x = new double[n];
    double[] y = new double[n];
    double[] lw = new double[n];
    double[] rw = new double[n];
    for (int k = 0; k < n; k++) {
      lw[k] = widths[k / seeds];
      rw[k] = rho[k];
      x[k] = Math.log(lw[k]);
      y[k] = Math.log(rw[k]);
    }
    double[] f = Fits.line(x, y);
    double d = 2 + f[1];
    double[] tx = {widths[0], widths[widths.length - 1]};
    double mx = Fits.mean(x);
    double my = Fits.mean(y);
    double[] ty = {Math.exp(my + (1.71 - 2) * (Math.log(tx[0]) - mx)),
        Math.exp(my + (1.71 - 2) * (Math.log(tx[1]) - mx))};
    CaseFigure fig = new CaseFigure("Strip DLA: steady deposit density", "Strip width L (sites)",
        "Steady density rho", true, true, List.of(
        CaseFigure.measured("model (one point per run)", lw, rw),
        CaseFigure.theory("rho ~ L^(1.71 - 2)", tx, ty)));
    String setup = String.format(Locale.ROOT, "widths %s, %d seeds each (seed + 1000 L + k from"
        + " %d), box %d L high", java.util.Arrays.toString(widths), seeds, seed, HEIGHT);
    return new Outcome(List.of(new Check("fractal dimension D_f", d, 1.71, 0.08,
        String.format(Locale.ROOT, "slope s.e. %.3f over %d runs", f[2], n))), fig, setup);
  }

  /** Steady deposit density of one strip run of width L. */
  static double steadyDensity(int width, long seed) {
    int nz = HEIGHT * width + 12;
    String text = Setups.walkersHead(width, 1, nz)
        + "transport: {mode: walkers, population: 1, reactionProbability: 1, drift: 0,"
        + " launchGap_sites: 5}\n"
        + "output: {samples: 2}\n"
        + "protocol:\n  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 1000}\n";
    Simulation.Result res = new Simulation(Scenario.parse(text, "dla-" + width), seed).run(
        new Simulation.Listener() {});
    if (!"short circuit".equals(res.stopReason())) {
      throw new IllegalStateException("DLA run ended by " + res.stopReason());
    }
    long[] rows = rowCounts(res.model().lattice(), LiMaterials.LI);
    int base = res.model().collectorTop();
    int top = base;
    for (int z = base; z < rows.length; z++) {
      if (rows[z] > 0) {
        top = z;
      }
    }
    if (top - base < 20 * width) {
      throw new IllegalStateException("DLA deposit height " + (top - base));
    }
    long n = 0;
    int from = base + 2 * width;
    int to = top - 2 * width;
    for (int z = from; z < to; z++) {
      n += rows[z];
    }
    return n / ((double) width * (to - from));
  }

  /** Number of sites of material m in each z plane. */
  static long[] rowCounts(Lattice lat, int m) {
    int plane = lat.grid().plane;
    int nz = lat.grid().nz;
    byte[] c = lat.cells();
    long[] n = new long[nz];
    for (int z = 0; z < nz; z++) {
      for (int k = z * plane; k < (z + 1) * plane; k++) {
        if ((c[k] & Lattice.MATERIAL_MASK) == m) {
          n[z]++;
        }
      }
    }
    return n;
  }
}
