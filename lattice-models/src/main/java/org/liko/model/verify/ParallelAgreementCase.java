package org.liko.model.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;
import org.liko.model.ParallelSimulation;
import org.liko.model.Scenario;
import org.liko.model.Simulation;

/**
 * The {@code parallel} solver (synchronous sublattice, Shim and Amar, Phys. Rev. B 71, 125432,
 * 2005) against the exact one (BKL, Bortz, Kalos and Lebowitz, J. Comput. Phys. 17, 10, 1975)
 * where surface diffusion matters: 2D 256 x 10, nu = 5e5 Hz (adatom hop rate 575 /s against a
 * deposition flux of 4.9 per site and s at 1 mA/cm^2: hop/deposition ratio D_s/(F a^4) = 117),
 * a two-layer Li film, one monolayer plated with SEI on (about 2500 events per run). The p99
 * height, roughness and SEI-bound Li after plating agree by Welch tests at 0.01 / 3 (Bonferroni
 * over the three); the power to catch a 5% roughness bias, from the measured spreads, must be at
 * least 0.8 so that agreement means something (measured at writing with 200 exact and 32
 * parallel runs: roughness 0.220 nm, sd 0.016 nm exact and 0.013 nm parallel, power 0.9).
 */
public final class ParallelAgreementCase implements VerifyCase {
  /** The scenario: hop/deposition ratio 117, one monolayer on 256 columns. */
  public static final String HOPS = "schemaVersion: 1\nname: t\nsurface: {attemptFrequency_Hz:"
      + " 5.0e5}\nsei: {decayLength_nm: 0.3}\noutput: {samples: 4}\nlattice: {nx: 256, nz: 10}\n"
      + "geometry: {initialLi_nm: 0.558}\n"
      + "protocol:\n  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.00006}\n";
  static final String[] NAMES = {"p99 height (nm)", "roughness (nm)", "SEI-bound Li (atoms)"};

  @Override
  public String id() {
    return "parallel-vs-exact";
  }

  @Override
  public String title() {
    return "Parallel (sector) solver against the exact solver: Welch tests after plating";
  }

  @Override
  public String reference() {
    return "Shim and Amar, PRB 71, 125432 (2005); Martinez, Sajjad and Marian, J. Comput. Phys."
        + " 227, 3804 (2008): synchronous sublattice KMC converges to the BKL result";
  }

  @Override
  public long seed() {
    return 7000L;
  }

  /** {exact replicas, parallel replicas} of a size. */
  static int[] replicas(Size size) {
    return switch (size) {
      case TEST -> new int[] {200, 32};
      case QUICK -> new int[] {160, 28};
      case FULL -> new int[] {400, 64};
    };
  }

  /**
   * {heightP99_nm, roughness_nm, SEI-bound Li} at the end of the plating step of
   * {@code replicas} runs of yaml on a solver ("exact" or "parallel" at eps attempts per site and
   * colour), seeds seed0, seed0 + 1, ...
   */
  public static double[][] observables(String yaml, String solver, double eps, int replicas,
      long seed0) {
    Scenario sc = Scenario.parse(yaml, "test");
    double[][] rows = Fits.replicas(replicas, r -> {
      Simulation sim = new Simulation(sc, seed0 + r);
      if (solver.equals("parallel")) {
        sim.solver("parallel").threads(1).attemptsPerSite(eps);
      }
      Map<String, Object> sum = sim.run(new Simulation.Listener() {}).summary();
      Map<?, ?> m = (Map<?, ?>) sum.get("morphologyPlated");
      return new double[] {((Number) m.get("heightP99_nm")).doubleValue(),
          ((Number) m.get("roughness_nm")).doubleValue(),
          ((Number) ((Map<?, ?>) sum.get("inventory")).get("sei")).doubleValue()};
    }, double[][]::new);
    double[][] v = new double[3][replicas];
    for (int r = 0; r < replicas; r++) {
      for (int k = 0; k < 3; k++) {
        v[k][r] = rows[r][k];
      }
    }
    return v;
  }

  @Override
  public Outcome run(Size size, long seed) {
    int ne = replicas(size)[0];
    int np = replicas(size)[1];
    long seedP = seed + 1000;
    double[][] e = observables(HOPS, "exact", 0, ne, seed);
    double[][] p = observables(HOPS, "parallel", ParallelSimulation.DEFAULT_ATTEMPTS_PER_SITE,
        np, seedP);
    TTest welch = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC);
    List<Check> checks = new ArrayList<>();
    double alpha = 0.01 / 3;
    double[] x = new double[3];
    double[] ye = new double[3];
    double[] yp = new double[3];
    for (int k = 0; k < 3; k++) {
      double pv = welch.test(e[k], p[k]).getPValue();
      checks.add(Check.interval("Welch p-value, " + NAMES[k], pv, alpha, 1.0, String.format(
          Locale.ROOT, "exact %.4g +- %.2g, parallel %.4g +- %.2g (mean +- s.e.)",
          Fits.mean(e[k]), Fits.se(e[k]), Fits.mean(p[k]), Fits.se(p[k]))));
      x[k] = k + 1;
      ye[k] = 1.0;
      yp[k] = Fits.mean(p[k]) / Fits.mean(e[k]);
    }
    // power against a 5% roughness bias: normal approximation of the two-sided Welch test
    double delta = 0.05 * Fits.mean(e[1]);
    double seDiff = Math.hypot(Fits.se(e[1]), Fits.se(p[1]));
    NormalDistribution z = NormalDistribution.of(0, 1);
    double crit = z.inverseSurvivalProbability(alpha / 2);
    double power = z.cumulativeProbability(delta / seDiff - crit)
        + z.cumulativeProbability(-delta / seDiff - crit);
    checks.add(Check.interval("power to catch a 5% roughness bias", power, 0.8, 1.0,
        String.format(Locale.ROOT, "5%% = %.4f nm, s.e. of the difference %.4f nm", delta,
            seDiff)));
    double[] lo = new double[3];
    double[] hi = new double[3];
    for (int k = 0; k < 3; k++) {
      double rel = Math.hypot(Fits.se(e[k]) / Fits.mean(e[k]), Fits.se(p[k]) / Fits.mean(p[k]));
      lo[k] = 1 - 2 * rel;
      hi[k] = 1 + 2 * rel;
    }
    CaseFigure fig = new CaseFigure("Parallel / exact: mean of each observable (1 = agreement)",
        "Observable (1 p99 height, 2 roughness, 3 SEI-bound Li)", "Parallel mean / exact mean",
        false, false, List.of(
        CaseFigure.measured("parallel / exact", x, yp),
        CaseFigure.measured("95% band of the ratio (low)", x, lo),
        CaseFigure.measured("95% band of the ratio (high)", x, hi),
        CaseFigure.theory("agreement", x, ye)));
    return new Outcome(checks, fig, String.format(Locale.ROOT, "2D 256 x 10, one monolayer;"
        + " exact %d runs (seeds %d..%d), parallel %d runs at %.2f attempts per site and colour"
        + " (seeds %d..%d)", ne, seed, seed + ne - 1, np,
        ParallelSimulation.DEFAULT_ATTEMPTS_PER_SITE, seedP, seedP + np - 1));
  }
}
