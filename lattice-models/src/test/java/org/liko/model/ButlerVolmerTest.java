package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.liko.engine.ExactSolver;
import org.liko.model.verify.ButlerVolmerCase;
import org.liko.model.verify.Verified;

/**
 * Full Butler-Volmer (DESIGN section 5): i = i0 (exp(-alpha f eta) - exp((1 - alpha) f eta)).
 *
 * <p>Known answers, each computed here independently of the model: at alpha = 1/2 the inverse
 * eta = -(2RT/F) asinh(i / (2 i0)), linear -RT i/(F i0) at small i; at alpha = 0.3 the forward
 * law evaluated at the model's eta. The electrode is a flat Li film with E_b = 0 (every surface
 * site then exchanges at k0, so its exchange current is i0 exactly) and no hops or SEI. The
 * counting tests measure partial currents from the events the lattice saw, on fresh flat films
 * (short windows, 0.1 exchanges per site, so the surface stays nearly flat), seeds 1..N: the
 * relative tolerance is 4 Poisson standard deviations of the counts plus 2% for the roughening.
 * The class runs in a few seconds.
 */
class ButlerVolmerTest {
  private static final double T = 298.15;
  private static final double F_RT = Physics.FARADAY / (Physics.GAS_R * T);

  /** Analytic inverse at alpha = 1/2, V (i / i0 signed, positive = plating). */
  static double inverseHalf(double ratio) {
    return ButlerVolmerCase.inverseHalf(ratio);
  }

  static double asinh(double x) {
    return Math.log(x + Math.sqrt(x * x + 1.0));
  }

  /** A model with its solver on a flat film, in mode m at |i| = ratio * i0. */
  static Object[] flatModel(double alpha, LiModel.Mode m, double ratio, long seed, int nx) {
    return ButlerVolmerCase.flatModel(alpha, m, ratio, seed, nx);
  }

  /** The root finder against the analytic inverse and the forward law, to 1e-9. */
  @Test
  void rootFinderInvertsButlerVolmer() {
    for (double alpha : new double[] {0.5, 0.3, 0.8}) {
      for (double r = 1e-4; r <= 1e4; r *= Math.sqrt(10)) {
        for (double sign : new double[] {1, -1}) {
          double t = sign * r;
          double x = ButlerVolmer.solve(alpha, 500, null, null, 0, 2, 500, 500 * t);
          double forward = Math.exp(-alpha * x) - Math.exp((1 - alpha) * x);
          assertEquals(t, forward, 1e-9 * Math.max(1, Math.abs(t)), "alpha " + alpha + " i/i0 " + t);
          if (alpha == 0.5) {
            assertEquals(-2 * asinh(t / 2), x, 1e-9 * Math.max(1, Math.abs(x)));
          }
        }
      }
    }
    // nucleation terms: the weight exp(-c/x^2) enters the reduction sum at the root
    double[] n = {100};
    double[] c = {2.0};
    double x = ButlerVolmer.solve(0.5, 0, n, c, 1, 2, 0, 10);
    assertEquals(10, 100 * Math.exp(-2.0 / (x * x)) * Math.exp(-0.5 * x), 1e-8);
    // no site to reduce on, or none to oxidise
    assertTrue(Double.isNaN(ButlerVolmer.solve(0.5, 0, null, null, 0, 2, 5, 1)));
    assertTrue(Double.isNaN(ButlerVolmer.solve(0.5, 5, null, null, 0, 2, 0, -1)));
  }

  /**
   * The BV table, as the {@code liko verify} case {@link ButlerVolmerCase} defines it: on a flat
   * 2D electrode (256 columns) the galvanostatic overpotential at currents 0.01 i0 .. 100 i0,
   * plating and stripping, matches the analytic inverse within 2% with the right sign, is linear
   * -RT i/(F i0) within 2% at 0.01 i0, and at alpha = 0.3 reproduces the current through the
   * forward law within 2%. Deterministic; under a second.
   */
  @Test
  void flatElectrodeFollowsTheAnalyticInverse() {
    ButlerVolmerCase c = new ButlerVolmerCase();
    Verified.assertPasses(c, c.seed());
  }

  /**
   * Counted partial currents: plating at i = i0 (alpha = 0.5), the reductions and oxidations
   * the lattice saw over short windows on fresh flat films give i_red = i0 exp(-alpha f eta)
   * and i_ox = i0 exp((1-alpha) f eta) at the analytic eta = -(2RT/F) asinh(1/2) (1.618 i0 and
   * 0.618 i0); at open circuit each direction runs at i0.
   */
  @Test
  void countedPartialCurrents() {
    double eta = inverseHalf(1.0);
    double[] partial = countPartials(LiModel.Mode.PLATE, 1.0, 120);
    double red = Math.exp(-0.5 * F_RT * eta);
    double ox = Math.exp(0.5 * F_RT * eta);
    System.out.printf("counted partials at i = i0: red %.4f i0 (analytic %.4f, %d events),"
        + " ox %.4f i0 (analytic %.4f, %d events)%n", partial[0], red, (long) partial[2],
        partial[1], ox, (long) partial[3]);
    assertEquals(red, partial[0], red * (0.02 + 4 / Math.sqrt(partial[2])), "reduction");
    assertEquals(ox, partial[1], ox * (0.02 + 4 / Math.sqrt(partial[3])), "oxidation");
    double[] rest = countPartials(LiModel.Mode.REST, 0.0, 60);
    System.out.printf("counted partials at open circuit: red %.4f i0 (%d), ox %.4f i0 (%d)%n",
        rest[0], (long) rest[2], rest[1], (long) rest[3]);
    assertEquals(1.0, rest[0], 0.02 + 4 / Math.sqrt(rest[2]), "reduction at rest");
    assertEquals(1.0, rest[1], 0.02 + 4 / Math.sqrt(rest[3]), "oxidation at rest");
  }

  /**
   * {i_red / i0, i_ox / i0, reductions, oxidations} over {@code runs} fresh 2048-column films,
   * each run for 0.1 / k0 (seeds 1..runs).
   */
  static double[] countPartials(LiModel.Mode mode, double ratio, int runs) {
    long red = 0;
    long ox = 0;
    double siteTime = 0; // sum over runs of k0 t x columns
    for (long seed = 1; seed <= runs; seed++) {
      Object[] o = flatModel(0.5, mode, ratio, seed, 2048);
      LiModel model = (LiModel) o[0];
      ExactSolver solver = (ExactSolver) o[1];
      double t = 0.1 / model.k0();
      while (solver.step(t) != ExactSolver.LIMIT) {
        // events until the window ends
      }
      red += model.reducedInStep();
      ox += model.extractedInStep();
      siteTime += model.k0() * t * 2048;
    }
    return new double[] {red / siteTime, ox / siteTime, red, ox};
  }
}
