package org.liko.model.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.liko.engine.ExactSolver;
import org.liko.engine.Grid;
import org.liko.model.LiMaterials;
import org.liko.model.LiModel;
import org.liko.model.Scenario;

/**
 * A lone walker's mean squared displacement is 2 d D t (Einstein 1905; Berg, Random Walks in
 * Biology, 1993, eq. 1.10). Walkers do not interact, so N independent walkers give N samples of
 * one walker's displacement. The lateral axes are free (periodic, unbounded by solids), so the
 * MSD per lateral axis is 2 D t whatever happens in z; the walkers never react (p = 0) and are
 * never relaunched; single hops only (first passage off; its sampler has exact-distribution tests
 * of its own in kmc-engine). 8000 walkers over G t = 40 (G = D / a^2) give a relative standard
 * error of sqrt(2 / (8000 d_lat)) <= 1.6%, tested at 5%, in 2D and in 3D.
 */
public final class WalkerMsdCase implements VerifyCase {
  private static final double D = 3.0e-10; // walker diffusivity, m^2/s
  private static final int POINTS = 8; // figure points over the run

  @Override
  public String id() {
    return "walker-msd";
  }

  @Override
  public String title() {
    return "Walker mean squared displacement = 2 d D t (2D and 3D)";
  }

  @Override
  public String reference() {
    return "Einstein, Ann. Phys. 17, 549 (1905); Berg, Random Walks in Biology (1993), eq. 1.10";
  }

  @Override
  public long seed() {
    return 41L;
  }

  /** Walkers of a size. */
  static int walkers(Size size) {
    return size == Size.FULL ? 32000 : 8000;
  }

  @Override
  public Outcome run(Size size, long seed) {
    int n = walkers(size);
    double[][] d2 = msd(4096, 1, 96, n, seed);
    double[][] d3 = msd(512, 512, 48, n, seed + 1);
    double se = Math.sqrt(2.0 / n);
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("2D: lateral MSD / (2 D t)", d2[1][POINTS - 1] / d2[2][POINTS - 1], 1.0,
        0.05, String.format(Locale.ROOT, "%d walkers, s.e. %.3f", n, se)));
    checks.add(new Check("3D: lateral MSD / (2 d_lat D t), d_lat = 2",
        d3[1][POINTS - 1] / d3[2][POINTS - 1], 1.0, 0.05,
        String.format(Locale.ROOT, "%d walkers, s.e. %.3f", n, se / Math.sqrt(2))));
    CaseFigure fig = new CaseFigure("Walker mean squared displacement", "Time t (s)",
        "Lateral MSD (nm^2)", false, false, List.of(
        CaseFigure.measured("2D model (x)", d2[0], d2[1]),
        CaseFigure.measured("3D model (x + y)", d3[0], d3[1]),
        CaseFigure.theory("2 D t (2D)", d2[0], d2[2]),
        CaseFigure.theory("4 D t (3D)", d3[0], d3[2])));
    String setup = String.format(Locale.ROOT, "%d walkers, D = %.1e m^2/s, 4096 x 96 (2D, seed"
        + " %d) and 512 x 512 x 48 (3D, seed %d), to G t = 40 hops", n, D, seed, seed + 1);
    return new Outcome(checks, fig, setup);
  }

  /**
   * {times (s), measured lateral MSD (nm^2), 2 d_lat D t (nm^2)} at {@link #POINTS} times up to
   * G t = 40 on an nx x ny x nz box.
   */
  static double[][] msd(int nx, int ny, int nz, int walkers, long seed) {
    Scenario s = Scenario.parse(Setups.walkersHead(nx, ny, nz)
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
    int[] ux = new int[slots]; // unwrapped lateral positions
    int[] uy = new int[slots];
    for (int k = 0; k < slots; k++) {
      start[k] = model.walkerSite(k);
    }
    double g1 = model.walkerHopRate();
    double a = s.d("lattice.siteNm");
    int lateral = g.is2d() ? 1 : 2;
    double[][] out = new double[3][POINTS];
    int[] last = start.clone();
    for (int p = 0; p < POINTS; p++) {
      double t = 40.0 / g1 * (p + 1) / POINTS;
      while (solver.step(t) != ExactSolver.LIMIT) {
        // hop until the clock reaches t
      }
      double sum = 0;
      int n = 0;
      for (int k = 0; k < slots; k++) {
        if (start[k] < 0) {
          continue;
        }
        int now = model.walkerSite(k);
        if (now < 0) {
          throw new IllegalStateException("walker " + k + " left flight");
        }
        ux[k] += Grid.minimumImage(g.x(now) - g.x(last[k]), g.nx);
        uy[k] += Grid.minimumImage(g.y(now) - g.y(last[k]), g.ny);
        last[k] = now;
        sum += (double) ux[k] * ux[k] + (double) uy[k] * uy[k];
        n++;
      }
      if (n != walkers) {
        throw new IllegalStateException(n + " of " + walkers + " walkers in flight");
      }
      out[0][p] = t;
      out[1][p] = sum / n * a * a;
      out[2][p] = 2.0 * lateral * g1 * t * a * a;
    }
    return out;
  }
}
