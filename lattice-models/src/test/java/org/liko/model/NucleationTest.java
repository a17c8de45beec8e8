package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Overpotential-driven nucleation on a foreign substrate (DESIGN section 5, event 1): the barrier
 * S(theta) 16 pi gamma^3 Omega^2 / (3 (e eta)^2) falls as the current drives |eta| up, so at a
 * fixed plated charge the nucleus density rises and the nuclei get smaller, as Pei et al., Nano
 * Lett. 17, 1132 (2017) found on Cu (size ~ 1/|eta|, areal density ~ |eta|^3).
 *
 * <p>Set-up: 3D 48 x 48 x 10 on bare Cu (theta = 140 deg, gamma_eff = 0.05 J/m^2, i0 = 1
 * mA/cm^2), no surface hops and no SEI (nucleation by deposition and dissolution alone), 0.3
 * monolayer plated at 0.1, 0.3, 1 and 3 mA/cm^2. Held-out seeds 1000-1009 (the set-up was tried
 * on seeds 1-4), paired over the currents: each step up in current must raise the nucleus count
 * beyond the 95% CI of the paired differences. |eta| is the mean of the sampled overpotentials
 * of the step. Exponents are least-squares slopes of ln(density) and ln(size^(1/3)) against
 * ln|eta| over all runs; they must have Pei's signs. About 10 s on 2 cores.
 */
class NucleationTest {
  static final double[] CURRENTS = {0.1, 0.3, 1.0, 3.0};

  static String yaml(double current) {
    // 0.3 monolayer: 0.3 x e / a^2 = 0.3 x 5.72e-5 mAh/cm^2
    return "schemaVersion: 1\nname: nuc\nlattice: 48x48x10\n"
        + "surface: {attemptFrequency_Hz: 0}\nsei: {recipe: none}\noutput: {samples: 21}\n"
        + "protocol:\n  - plate: {current_mA_cm2: " + current + ", charge_mAh_cm2: 1.716e-5}\n";
  }

  @Test
  void densityRisesWithOverpotential() {
    int n = 10;
    long seed0 = 1000;
    double[][] nuclei = new double[CURRENTS.length][n];
    double[][] size = new double[CURRENTS.length][n];
    double[][] eta = new double[CURRENTS.length][n];
    for (int k = 0; k < CURRENTS.length; k++) {
      for (int r = 0; r < n; r++) {
        Simulation.Result res = new Simulation(Scenario.parse(yaml(CURRENTS[k]), "nuc"),
            seed0 + r).run(new Simulation.Listener() {});
        double[] o = nucleiSizeEta(res);
        nuclei[k][r] = o[0];
        size[k][r] = o[1];
        eta[k][r] = o[2];
      }
    }
    double area = 48 * 48 * Math.pow(Physics.LI_SITE_NM * 1e-3, 2); // um^2
    System.out.println("nucleation (3D 48x48, 0.3 ML on Cu, seeds 1000-1009):");
    for (int k = 0; k < CURRENTS.length; k++) {
      System.out.printf("  %.1f mA/cm^2: |eta| %.1f mV, nuclei %.1f (%.0f per um^2), mean size"
          + " %.1f sites%n", CURRENTS[k], ParallelSolverTest.mean(eta[k]) * 1e3,
          ParallelSolverTest.mean(nuclei[k]), ParallelSolverTest.mean(nuclei[k]) / area,
          ParallelSolverTest.mean(size[k]));
    }
    for (int k = 1; k < CURRENTS.length; k++) {
      double[] d = new double[n];
      for (int r = 0; r < n; r++) {
        d[r] = nuclei[k][r] - nuclei[k - 1][r];
      }
      double lo = ParallelSolverTest.mean(d) - tQuantile95(n - 1) * ParallelSolverTest.se(d);
      assertTrue(lo > 0, "nuclei from " + CURRENTS[k - 1] + " to " + CURRENTS[k]
          + " mA/cm^2: paired difference " + ParallelSolverTest.mean(d) + ", 95% CI low " + lo);
    }
    double pDensity = slope(eta, nuclei, 1.0);
    double pSize = slope(eta, size, 1.0 / 3.0);
    System.out.printf("  exponents: density ~ |eta|^%.2f (Pei: 3), size ~ |eta|^%.2f (Pei: -1;"
        + " size = (sites per nucleus)^(1/3))%n", pDensity, pSize);
    assertTrue(pDensity > 1, "density exponent " + pDensity);
    assertTrue(pSize < 0, "size exponent " + pSize);
  }

  /** Least-squares slope of ln(y^power) against ln(x) over all runs. */
  static double slope(double[][] x, double[][] y, double power) {
    int m = x.length * x[0].length;
    double[] lx = new double[m];
    double[] ly = new double[m];
    int q = 0;
    for (int k = 0; k < x.length; k++) {
      for (int r = 0; r < x[k].length; r++) {
        lx[q] = Math.log(x[k][r]);
        ly[q++] = power * Math.log(y[k][r]);
      }
    }
    return Morphology.slope(lx, ly);
  }

  static double tQuantile95(int df) {
    return org.apache.commons.statistics.distribution.TDistribution.of(df)
        .inverseCumulativeProbability(0.975);
  }

  /**
   * {nuclei, mean nucleus size (sites), |mean overpotential| (V) over the samples after t = 0
   * with a solved overpotential} of a finished run.
   */
  static double[] nucleiSizeEta(Simulation.Result res) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) res.summary().get("morphology");
    int col = Simulation.COLUMNS.indexOf("overpotential_V");
    double sum = 0;
    int c = 0;
    for (double[] row : res.rows()) {
      if (row[0] > 0 && row[col] != 0) {
        sum += row[col];
        c++;
      }
    }
    return new double[] {((Number) m.get("nuclei")).doubleValue(),
        ((Number) m.get("meanNucleusSize_sites")).doubleValue(), Math.abs(sum / c)};
  }
}
