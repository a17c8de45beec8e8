package org.liko.model.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.liko.engine.ExactSolver;
import org.liko.model.LiMaterials;
import org.liko.model.LiModel;
import org.liko.model.Physics;
import org.liko.model.Scenario;

/**
 * Full Butler-Volmer, i = i0 (exp(-alpha f eta) - exp((1 - alpha) f eta)), inverted by the
 * galvanostatic root finder on a flat electrode: a 2D Li film with E_b = 0 (every surface site
 * then exchanges at k0, so its exchange current is exactly i0) and no hops or SEI. At alpha = 1/2
 * the inverse is eta = -(2RT/F) asinh(i / (2 i0)), linear -RT i / (F i0) at small i; at
 * alpha = 0.3 the forward law evaluated at the model's eta must give back the current.
 * Tolerance 2% of eta (the sum over discrete sites and the root finder are far tighter; 2% is
 * the test's historical bound) at i / i0 = 0.01 ... 100, plating and stripping, with the right
 * sign. Deterministic: no events run.
 */
public final class ButlerVolmerCase implements VerifyCase {
  static final double T = 298.15;
  static final double F_RT = Physics.FARADAY / (Physics.GAS_R * T);
  static final double[] RATIOS = {0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100};

  @Override
  public String id() {
    return "butler-volmer";
  }

  @Override
  public String title() {
    return "Butler-Volmer inverse on a flat electrode: eta = -(2RT/F) asinh(i / 2 i0)";
  }

  @Override
  public String reference() {
    return "Bard and Faulkner, Electrochemical Methods (2001), eq. 3.4.11; Newman and"
        + " Thomas-Alyea, Electrochemical Systems (2004), eq. 8.6";
  }

  @Override
  public long seed() {
    return 1L;
  }

  /** A 2D flat-film scenario of nx columns with transfer coefficient alpha. */
  public static String flat(int nx, double alpha) {
    return "schemaVersion: 1\nname: bv\nlattice: {nx: " + nx + ", nz: 8}\n"
        + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0}\nsei: {recipe: none}\n"
        + "kinetics: {alpha: " + alpha + "}\ngeometry: {initialLi_nm: 0.837}\n"
        + "protocol:\n  - rest: {time_s: 1}\n";
  }

  /**
   * A model with its exact solver on a flat film (nx columns), in mode m at |i| = ratio * i0:
   * {model, solver}.
   */
  public static Object[] flatModel(double alpha, LiModel.Mode m, double ratio, long seed,
      int nx) {
    Scenario s = Scenario.parse(flat(nx, alpha), "bv");
    LiModel model = new LiModel(s, LiMaterials.table(s), seed);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ExactSolver solver = new ExactSolver(model, rng);
    model.attach(solver, rng);
    model.setMode(m, ratio * s.d("kinetics.exchangeCurrent_mA_cm2"));
    solver.refreshDriven();
    return new Object[] {model, solver};
  }

  /** Analytic inverse at alpha = 1/2, V (i / i0 signed, positive = plating). */
  public static double inverseHalf(double ratio) {
    double x = ratio / 2.0;
    return -2.0 / F_RT * Math.log(x + Math.sqrt(x * x + 1.0));
  }

  @Override
  public Outcome run(Size size, long seed) {
    int nx = size == Size.FULL ? 1024 : 256;
    double worstHalf = 0;
    String worstHalfAt = "";
    int wrongSign = 0;
    double linear = 0;
    double[] x = RATIOS.clone();
    double[][] eta = new double[2][RATIOS.length];
    double[][] theory = new double[2][RATIOS.length];
    for (int k = 0; k < RATIOS.length; k++) {
      double r = RATIOS[k];
      for (int d = 0; d < 2; d++) {
        LiModel.Mode m = d == 0 ? LiModel.Mode.PLATE : LiModel.Mode.STRIP;
        double e = ((LiModel) flatModel(0.5, m, r, seed, nx)[0]).overpotential();
        double signed = d == 0 ? r : -r;
        double expected = inverseHalf(signed);
        eta[d][k] = e * 1e3;
        theory[d][k] = expected * 1e3;
        double dev = Math.abs(e / expected - 1);
        if (dev > worstHalf) {
          worstHalf = dev;
          worstHalfAt = String.format(Locale.ROOT, "worst at i/i0 = %+.2f", signed);
        }
        if (Math.signum(e) != Math.signum(-signed)) {
          wrongSign++;
        }
        if (r == 0.01) {
          linear = Math.max(linear, Math.abs(e / (-signed / F_RT) - 1));
        }
      }
    }
    double worst03 = 0;
    for (double r : RATIOS) {
      double xe = ((LiModel) flatModel(0.3, LiModel.Mode.PLATE, r, seed, nx)[0]).overpotential()
          * F_RT;
      double i = Math.exp(-0.3 * xe) - Math.exp(0.7 * xe);
      worst03 = Math.max(worst03, Math.abs(i / r - 1) + (xe < 0 ? 0 : 1));
    }
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("alpha 1/2: max |eta / eta_analytic - 1|", worstHalf, 0, 0.02,
        worstHalfAt + "; i/i0 from 0.01 to 100, plating and stripping"));
    checks.add(new Check("overpotentials with the wrong sign", wrongSign, 0, 0, ""));
    checks.add(new Check("linear regime at i/i0 = 0.01: |eta / (-RT i / F i0) - 1|", linear, 0,
        0.02, ""));
    checks.add(new Check("alpha 0.3: max |i(eta) / i - 1| of the forward law", worst03, 0, 0.02,
        "plating, eta must be negative"));
    double[] negEta = new double[RATIOS.length];
    double[] negTheory = new double[RATIOS.length];
    for (int k = 0; k < RATIOS.length; k++) {
      negEta[k] = -eta[0][k];
      negTheory[k] = -theory[0][k];
    }
    CaseFigure fig = new CaseFigure("Butler-Volmer: overpotential against current (Tafel axes)",
        "|i| / i0", "|eta| (mV)", true, false, List.of(
        CaseFigure.measured("plating (-eta)", x, negEta),
        CaseFigure.measured("stripping (eta)", x, eta[1]),
        CaseFigure.theory("(2RT/F) asinh(|i| / 2 i0)", x, negTheory)));
    return new Outcome(checks, fig, String.format(Locale.ROOT, "flat 2D film of %d columns,"
        + " i0 = 1 mA/cm^2, T = %.2f K, alpha 0.5 and 0.3", nx, T));
  }
}
