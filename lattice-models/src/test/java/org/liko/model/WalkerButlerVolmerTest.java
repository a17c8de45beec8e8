package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.liko.engine.ExactSolver;
import org.liko.engine.InputException;

/**
 * Full Butler-Volmer with explicit walkers ({@code transport.butlerVolmer: true}, docs/model.md
 * "Butler-Volmer with walkers").
 */
class WalkerButlerVolmerTest {
  static final double T = 298.15;
  static final double F_RT = Physics.FARADAY / (Physics.GAS_R * T);
  static final double I0 = 100.0; // mA/cm^2: only sets the time unit (k0 = 486 /s)
  static final double A_M = 0.279e-9;

  /**
   * A 2D flat Li film (E_b = 0, no hops, no SEI) with walkers at reference occupancy rho per
   * contact site and reduction probability p; launch and relaunch one site above the tops.
   */
  static String flat(int nx, double p, double rho, String extra) {
    double k0 = Physics.mAcm2ToAm2(I0) * A_M * A_M / Physics.E_CHARGE;
    double d = k0 * A_M * A_M / (4 * rho * p);
    return String.format(Locale.ROOT, "schemaVersion: 1\nname: wbv\nlattice: {nx: %d, nz: 10}\n"
        + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0}\nsei: {recipe: none}\n"
        + "kinetics: {alpha: 0.5, exchangeCurrent_mA_cm2: %s}\ngeometry: {initialLi_nm: 0.837}\n"
        + "transport: {mode: walkers, butlerVolmer: true, reactionProbability: %s,"
        + " diffusivity_m2_s: %s, launchGap_sites: 1, relaunchGap_sites: 1}\n%s"
        + "protocol:\n  - rest: {time_s: 1}\n", nx, I0, p, d, extra);
  }

  /**
   * {reductions, oxidations, k0 t A summed, mean eta (V, time-weighted), net Li atoms added}
   * over fresh films (seeds from..from+runs-1), each run for {@code exchanges} / k0 at |i| =
   * ratio i0 (sign: + plating, - stripping, 0 rest).
   */
  static double[] count(double ratio, double p, int nx, int runs, long from, double exchanges) {
    long red = 0;
    long ox = 0;
    double siteTime = 0;
    double etaTime = 0;
    double time = 0;
    long net = 0;
    for (long seed = from; seed < from + runs; seed++) {
      Scenario s = Scenario.parse(flat(nx, p, 0.5, ""), "wbv");
      LiModel model = new LiModel(s, LiMaterials.table(s), seed);
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
      ExactSolver solver = new ExactSolver(model, rng);
      model.attach(solver, rng);
      LiModel.Mode m = ratio > 0 ? LiModel.Mode.PLATE
          : ratio < 0 ? LiModel.Mode.STRIP : LiModel.Mode.REST;
      model.setMode(m, Math.abs(ratio) * I0);
      solver.updateLeaf(LiModel.INJECT, 0);
      solver.refreshDriven();
      long li0 = model.lattice().countByMaterial()[LiMaterials.LI];
      double t = exchanges / model.k0();
      double now = 0;
      while (true) {
        double eta = model.overpotential();
        int r = solver.step(t);
        double after = Math.min(solver.time(), t);
        etaTime += eta * (after - now);
        now = after;
        if (r == ExactSolver.LIMIT) {
          break;
        }
      }
      red += model.reducedInStep();
      ox += model.extractedInStep();
      net += model.lattice().countByMaterial()[LiMaterials.LI] - li0;
      siteTime += model.k0() * t * nx;
      time += t;
    }
    return new double[] {red, ox, siteTime, etaTime / time, net};
  }

  /** Analytic inverse at alpha = 1/2, V. */
  static double inverseHalf(double ratio) {
    return org.liko.model.verify.ButlerVolmerCase.inverseHalf(ratio);
  }

  @Test
  void table() {
    double[] ratios = {0.1, 1, 10, -1, -10, 0};
    for (double r : ratios) {
      double pe = r == 0 ? 1 : Math.exp(-0.5 * F_RT * inverseHalf(r));
      double p = 0.05;
      long t0 = System.nanoTime();
      double[] c = count(r, p, 1024, 40, 1, 0.1 / Math.max(1, Math.abs(r)));
      double etaM = Math.log(c[1] / c[0]) / F_RT;
      double sig = Math.sqrt(1 / c[0] + 1 / c[1]) / F_RT;
      System.out.printf(Locale.ROOT, "i/i0 %+6.2f p %.4f: red %.0f ox %.0f  i_red %.4f i_ox %.4f"
          + " net %.4f (lattice %.4f) eta solved %.3f mV measured %.3f +- %.3f mV analytic %.3f"
          + " mV  %.1f s%n", r, p, c[0], c[1], c[0] / c[2], c[1] / c[2], (c[0] - c[1]) / c[2],
          c[4] / c[2], c[3] * 1e3, etaM * 1e3, sig * 1e3, inverseHalf(r) * 1e3,
          (System.nanoTime() - t0) / 1e9);
    }
  }
}
