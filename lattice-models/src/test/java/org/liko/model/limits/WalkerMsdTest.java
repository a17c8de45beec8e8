package org.liko.model.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.liko.engine.ExactSolver;
import org.liko.engine.Grid;
import org.liko.model.LiMaterials;
import org.liko.model.LiModel;
import org.liko.model.Scenario;

/**
 * A lone walker's mean squared displacement is 2 d D t (DESIGN section 9). Walkers do not
 * interact, so N independent walkers give N samples of one walker's displacement. The lateral
 * axes are free (periodic, unbounded by solids), so MSD per lateral axis = 2 G t in sites^2
 * with G = D / a^2 exactly, whatever happens in z; the walkers never react (p = 0) and are
 * never relaunched. 8000 walkers over G t = 40 give a relative standard error of
 * sqrt(2 / (8000 d_lat)) <= 1.6%, tested at 5%. Single hops only (first passage off; its
 * sampler has exact-distribution tests of its own in kmc-engine).
 */
class WalkerMsdTest {
  private static final double D = 3.0e-10; // m^2/s

  @Test
  void msdIsTwoDtIn2d() {
    assertEquals(1.0, msdRatio(4096, 1, 96, 41), 0.05);
  }

  @Test
  void msdIsTwoDtIn3d() {
    assertEquals(1.0, msdRatio(512, 512, 48, 42), 0.05);
  }

  /** Measured lateral MSD over 2 G t per lateral axis. */
  private static double msdRatio(int nx, int ny, int nz, long dflt) {
    long seed = Limits.seed("WalkerMsdTest " + nx + "x" + ny + "x" + nz, dflt);
    int walkers = 8000;
    Scenario s = Limits.parse(Limits.walkersHead(nx, ny, nz)
        + "transport: {mode: walkers, population: " + walkers + ", reactionProbability: 0,"
        + " diffusivity_m2_s: " + D + ", launchGap_sites: 20, relaunchGap_sites: 1000000,"
        + " firstPassageMin_sites: 100000}\n"
        + "protocol:\n  - rest: {time_s: 1}\n", "msd");
    LiModel model = new LiModel(s, LiMaterials.table(s), seed);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ExactSolver solver = new ExactSolver(model, rng);
    model.attach(solver, rng);
    Grid g = model.lattice().grid();
    int slots = model.walkerSlots();
    int[] start = new int[slots];
    for (int k = 0; k < slots; k++) {
      start[k] = model.walkerSite(k);
    }
    double g1 = model.walkerHopRate();
    double t = 40.0 / g1;
    while (solver.step(t) != ExactSolver.LIMIT) {
      // hop until the clock reaches t
    }
    double sum = 0;
    int n = 0;
    for (int k = 0; k < slots; k++) {
      if (start[k] < 0) {
        continue;
      }
      int end = model.walkerSite(k);
      double dx = wrap(g.x(end) - g.x(start[k]), g.nx);
      double dy = wrap(g.y(end) - g.y(start[k]), g.ny);
      sum += dx * dx + dy * dy;
      n++;
    }
    int lateralAxes = g.is2d() ? 1 : 2;
    assertEquals(walkers, n, "every walker still in flight");
    double ratio = sum / n / (2.0 * g1 * t * lateralAxes);
    System.out.printf("WalkerMsdTest %dD: MSD / (2 d_lat G t) = %.4f over %d walkers%n",
        g.is2d() ? 2 : 3, ratio, n);
    return ratio;
  }

  private static double wrap(int d, int n) {
    if (d > n / 2) {
      return d - n;
    }
    if (d < -n / 2) {
      return d + n;
    }
    return d;
  }
}
