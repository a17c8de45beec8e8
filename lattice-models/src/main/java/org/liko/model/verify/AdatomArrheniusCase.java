package org.liko.model.verify;

import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.liko.engine.ExactSolver;
import org.liko.model.LiMaterials;
import org.liko.model.LiModel;
import org.liko.model.Scenario;
import org.liko.model.TracerDiffusivity;

/**
 * Adatom tracer diffusivity from tracked hops and its Arrhenius fit over a temperature sweep,
 * as MD studies report surface self-diffusion (e.g. Jaeckle and Gross, J. Chem. Phys. 141,
 * 174710, 2014): Li adatoms (0.01 ML, about 40) on a Cu collector in 3D (64 x 64), terrace
 * barrier E_d = 0.074 eV (Li(100), the model default), the real attempt frequency 1e13 Hz, and
 * E_b = 0 so that encounters between adatoms add no temperature dependence of their own (with
 * bond counting an atom with n bonds hops at E_d + n E_b). Each hop the exact solver makes moves
 * a tracer label ({@link TracerDiffusivity}, through {@link LiModel#observeHops}); D = &lt;|dr|^2&gt; / (4 t) from the lateral
 * displacements over K windows of about 50 hops per adatom, at T = 200, 260, 340, 450 and
 * 600 K, each on its own seed. Expected: the slope of ln D against 1/kT is -E_d; tolerance 3%.
 * Per temperature the relative error of D is about 1/sqrt(N K) = 1% (K = 240); on tuning
 * seeds 1-4 the slope came out within -0.6% to +1.3% of E_d (spread about 0.8%), so 3% is about
 * 4 of those; encounters between adatoms (blocking, climbing onto one another
 * by diagonal moves) lower D by a factor that does not depend on temperature (E_b = 0) but does
 * on the run's coverage: at 0.05 ML it moved D by up to 5% between seeds (tuning seeds 1-5),
 * which is why the coverage is 0.01 ML. The figure shows D against the isolated-walker line
 * D = a^2 nu exp(-E_d/kT).
 */
public final class AdatomArrheniusCase implements VerifyCase {
  static final double[] TEMPERATURES_K = {200, 260, 340, 450, 600};
  static final double ED = 0.074; // eV, Li(100) terrace barrier (parameters.yaml default)
  static final double K_B = 8.617333262e-5; // eV/K
  static final double HOPS_PER_WINDOW = 50;

  @Override
  public String id() {
    return "adatom-arrhenius";
  }

  @Override
  public String title() {
    return "Adatom tracer diffusivity: Arrhenius slope = -E_d / k";
  }

  @Override
  public String reference() {
    return "Arrhenius law of surface self-diffusion, D = a^2 nu exp(-E_d/kT) (Antczak and"
        + " Ehrlich, Surface Diffusion, Cambridge 2010, ch. 3); E_d = 0.074 eV (Li(100), the"
        + " model default); MD/DFT practice: Jaeckle and Gross, J. Chem. Phys. 141, 174710 (2014)";
  }

  @Override
  public long seed() {
    return 1000L;
  }

  static int windows(Size size) {
    return size == Size.FULL ? 960 : 240;
  }

  @Override
  public Outcome run(Size size, long seed) {
    int k = windows(size);
    int nt = TEMPERATURES_K.length;
    Double[] d = Fits.replicas(nt, t -> diffusivity(TEMPERATURES_K[t], k, seed + t),
        Double[]::new);
    double[] x = new double[nt];
    double[] y = new double[nt];
    double[] dm = new double[nt];
    double[] theory = new double[nt];
    double a = org.liko.model.Physics.LI_SITE_NM * 1e-9;
    for (int t = 0; t < nt; t++) {
      x[t] = 1.0 / (K_B * TEMPERATURES_K[t]);
      dm[t] = d[t];
      y[t] = Math.log(d[t]);
      theory[t] = a * a * 1.0e13 * Math.exp(-ED * x[t]);
    }
    double[] f = Fits.line(x, y);
    double ea = -f[1];
    Check c = Check.relative("activation energy -d ln D / d(1/kT) (eV)", ea, ED, 0.03,
        String.format(Locale.ROOT, "slope s.e. %.4f eV; D(340 K) = %.3g m^2/s, isolated walker"
            + " %.3g", f[2], dm[2], theory[2]));
    CaseFigure fig = new CaseFigure("Adatom tracer diffusivity (Arrhenius plot)",
        "1 / kT (1/eV)", "Tracer diffusivity D (m^2/s)", false, true, List.of(
        CaseFigure.measured("model, tracked hops", x, dm),
        CaseFigure.theory("a^2 nu exp(-E_d / kT), isolated adatom", x, theory)));
    return new Outcome(List.of(c), fig, String.format(Locale.ROOT, "3D 64 x 64 Cu collector,"
        + " 0.01 ML Li adatoms, nu = 1e13 Hz, E_d = %.3f eV, E_b = 0; T = 200-600 K; %d windows"
        + " of ~%d hops per adatom (seeds %d..%d)", ED, k, (int) HOPS_PER_WINDOW, seed,
        seed + nt - 1));
  }

  /** Tracer diffusivity (m^2/s) at temperature T from K windows. */
  static double diffusivity(double temperatureK, int windows, long seed) {
    return diffusivity(temperatureK, windows, seed, ED, org.liko.model.Physics.LI_SITE_NM);
  }

  /**
   * Tracer diffusivity (m^2/s) of 0.01 ML adatoms (E_b = 0) on a 64 x 64 Cu collector at
   * temperature T from K windows of ~50 hops per adatom, for terrace barrier ed (eV) and site
   * edge siteNm (nm): the Li vs Mg comparison (docs/li-vs-mg.md) runs it with both metals'.
   */
  public static double diffusivity(double temperatureK, int windows, long seed, double ed,
      double siteNm) {
    Scenario s = Scenario.parse("schemaVersion: 1\nname: arrhenius\n"
        + "lattice: {nx: 64, ny: 64, nz: 8, siteNm: " + siteNm + "}\ntemperature_K: "
        + temperatureK + "\n"
        + "surface: {attemptFrequency_Hz: 1.0e13, terraceBarrier_eV: " + ed + ","
        + " bondEnergy_eV: 0}\nsei: {recipe: none}\n"
        + "kinetics: {openCircuitExchange: false}\n"
        + "geometry: {initialAdatoms_ML: 0.01}\n"
        + "protocol:\n  - rest: {time_s: 1}\n", "arrhenius");
    LiModel model = new LiModel(s, LiMaterials.table(s), seed);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ExactSolver solver = new ExactSolver(model, rng);
    model.attach(solver, rng);
    TracerDiffusivity tracer = TracerDiffusivity.track(model);
    double gamma = model.hopRate(1); // per move of an adatom with its one bond (to Cu)
    double tau = HOPS_PER_WINDOW / (4 * gamma);
    double t = 0;
    for (int w = 0; w < windows; w++) {
      t += tau;
      while (solver.step(t) != ExactSolver.LIMIT) {
        // hop until the window ends
      }
      tracer.window(t);
    }
    return tracer.diffusivity();
  }
}
