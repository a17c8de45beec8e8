package org.liko.model.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.liko.model.Physics;

/**
 * Morphological stability of the field's electrode: the growth rate sigma(q) of a small
 * sinusoidal perturbation h(x) = eps cos(qx) of a flat electrode, read from the current the
 * field's potential solve sends to each column, against the linear dispersion relation of the
 * same equations.
 *
 * <p>The equations: uniform salt (J/J_lim -&gt; 0, the {@code cell} regime's 0.04-0.1, where the
 * concentration term of Sundstrom and Bark, Electrochim. Acta 40, 599 (1995) is small), div i = 0
 * with i = -kappa grad Phi, a reservoir plane (Phi = 0) at height L, and Butler-Volmer kinetics
 * in their linear range (|eta| &lt;&lt; RT/F), j = (Phi_s - V) / R_ct per real area with
 * R_ct = RT / (F i0). Linearising in eps (Phi = Phi_0(z) + eps A cos(qx) sinh(q(L - z)) /
 * sinh(qL)) gives the normal current j = J (1 + eps s(q) cos(qx)) with
 *
 * <pre>
 *   s(q) = q coth(qL) / (1 + kappa R_ct q coth(qL)),
 * </pre>
 *
 * so the perturbation grows at sigma(q) = v s(q), v = J Omega / F the mean front speed. At
 * kappa R_ct = 0 (primary distribution) s = q coth(qL), unbounded in q (every wavelength is
 * unstable, the shorter the faster); kinetics cap it at 1 / (kappa R_ct) (a tip eps closer to the
 * reservoir sees eps J / kappa more overpotential). Capillarity, which would stabilise short
 * wavelengths, is left out: at coarse sites the Gibbs-Thomson shift is about 1 mV (docs/model.md),
 * and the field's kinetics carry none.
 *
 * <p>Measured here: the electrode is a staircase, column x filled to round(A (1 + cos(q (x +
 * 1/2)))) cells (A = 2 cells, so q A &lt;= 0.2 and the second-order terms are a few percent).
 * A fluid cell's current fills that cell, so it raises its own column: s(q) is the cos(qx)
 * Fourier component of the column currents per projected width over J, divided by that of the
 * staircase's heights (so the rounding does not enter). Periodic width 1024 cells, L = 256
 * cells, one potential solve of 2.6e5 cells per point (about 0.3 s each, 4 s in all).
 *
 * <p>The lattice adds a term of its own: a fluid cell's rate counts its wet faces, and the
 * staircase's extra faces sit in its concave corners (a cell beside a step has two), so the
 * low side of every step fills faster. In the kinetic limit (kappa R_ct -&gt; infinity, uniform
 * current per real area) this gives s = -beta q^2 with beta = 0.46 cells, measured: an
 * Edwards-Wilkinson smoothing nu = beta a v that scales with the site edge a and does not come
 * from the continuum equations. With it the marginal wavelength is about
 * 2 pi sqrt(beta kappa R_ct a) (for kappa R_ct &gt;&gt; 1 / q): wavelengths shorter than that are
 * smoothed by the lattice even where the electrochemistry alone would let them grow.
 */
class MorphologicalStabilityTest {
  static final int NX = 1024;
  static final int L = 256;
  static final double A = 2.0;

  /** Measured s(q) (1/cell) of a perturbation of wavelength lambda cells at kappa R_ct = kr cells. */
  static double measured(int lambda, double kr) {
    double h = 1e-6;
    int nz = L;
    Electrolyte e = Electrolyte.constant(1.0, 3e-10, 0.38, 1.0);
    ElectrolyteField fld = new ElectrolyteField(NX, 1, nz, h, e, CurrentFocusingTest.T,
        CurrentFocusingTest.C0, ElectrolyteField.Top.RESERVOIR);
    double q = 2 * Math.PI / lambda;
    int[] height = new int[NX];
    boolean[] solid = new boolean[NX * nz];
    for (int x = 0; x < NX; x++) {
      height[x] = (int) Math.round(A * (1 + Math.cos(q * (x + 0.5))));
      for (int z = 0; z < height[x]; z++) {
        solid[fld.index(x, 0, z)] = true;
        fld.setPorous(fld.index(x, 0, z), 0, 1);
      }
    }
    CurrentFocusingTest.wetFaces(fld, solid, NX, nz);
    double f = Physics.FARADAY / (Physics.GAS_R * CurrentFocusingTest.T);
    double i0 = e.kappa(CurrentFocusingTest.C0) / (f * kr * h); // kappa R_ct = kr cells
    fld.setKinetics(i0, 0.5);
    double j = 1e-3 * i0; // linear kinetics
    fld.solvePotential(j * NX * h * h);
    // a fluid cell's current fills that cell: it raises its own column (the lattice's growth)
    double[] col = new double[NX];
    for (int z = 0; z < nz; z++) {
      for (int x = 0; x < NX; x++) {
        int i = fld.index(x, 0, z);
        col[x] += solid[i] ? 0 : fld.current(i);
      }
    }
    double jq = 0;
    double hq = 0;
    for (int x = 0; x < NX; x++) {
      double c = Math.cos(q * (x + 0.5));
      jq += col[x] / (h * h) * c;
      hq += height[x] * c;
    }
    return (jq / j) / hq; // both sums carry the same 2 / NX
  }

  /** The linear dispersion s(q) = q coth(q L') / (1 + kr q coth(q L')), L' = L - A (cells). */
  static double theory(int lambda, double kr) {
    double q = 2 * Math.PI / lambda;
    double qc = q / Math.tanh(q * (L - A));
    return qc / (1 + kr * qc);
  }

  /**
   * Where the lattice term is small against the electrochemical one (kappa R_ct = 0.5 and 40
   * cells, lambda = 64-1024 cells; beta q^2 is at most a quarter of s there), s(q) matches the
   * linear dispersion within the 20 % (measured: -5.5 % to +2.4 %; the largest at
   * kappa R_ct = 40, lambda = 64, where beta q^2 = 0.22 s).
   */
  @Test
  void dispersionMatchesLinearTheory() {
    double worst = 0;
    for (double kr : new double[] {40, 0.5}) {
      for (int lambda : new int[] {64, 128, 256, 512, 1024}) {
        double got = measured(lambda, kr);
        double want = theory(lambda, kr);
        System.out.printf("kappa R_ct = %5.1f cells, lambda = %4d cells: s(q) = %.5f /cell"
            + " (theory %.5f, %+.1f %%)%n", kr, lambda, got, want, 100 * (got / want - 1));
        worst = Math.max(worst, Math.abs(got / want - 1));
      }
    }
    assertEquals(0, worst, 0.2, "largest relative error of s(q)");
  }

  /**
   * The lattice's own smoothing in the kinetic limit (kappa R_ct = 1e5 cells: the continuum s is
   * 1e-5 per cell): s(q) = -beta q^2 with the exponent of q within 2 +- 0.2 between lambda = 128
   * and 256 cells (measured 1.96) and beta within 0.45 +- 0.05 cells (measured 0.484 at
   * lambda = 256, 0.44 at 64). A characterisation: the bounds were set on the probe that found
   * the term (this deck, no seeds: the solve is deterministic) and bracket its spread over
   * lambda.
   */
  @Test
  void faceCountingSmoothsLikeSurfaceTension() {
    double kr = 1e5;
    double s128 = measured(128, kr) - theory(128, kr);
    double s256 = measured(256, kr) - theory(256, kr);
    double exponent = Math.log(s128 / s256) / Math.log(2);
    double q = 2 * Math.PI / 256;
    double beta = -s256 / (q * q);
    System.out.printf("kinetic limit: s(128) = %.3e, s(256) = %.3e /cell; exponent %.3f,"
        + " beta %.4f cells%n", s128, s256, exponent, beta);
    assertEquals(2.0, exponent, 0.2, "s ~ q^2");
    assertEquals(0.45, beta, 0.05, "beta (cells)");
  }
}
