package org.liko.model.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.liko.model.LiMaterials;
import org.liko.model.LiModel;
import org.liko.model.Physics;
import org.liko.model.Scenario;
import org.liko.model.Simulation;

/**
 * Faraday's law for coarse-grained sites ({@code lattice.atomsPerSite} = n, edge
 * a = 0.279 n^(1/3) nm): every site event moves n atoms and n electrons. A 2D box of nx columns
 * with a one-site Li film plates Q = 0.01 mAh/cm^2 at 1 mA/cm^2 (exact solver, hops and SEI off,
 * so the Li that enters stays metal). Checks at each n:
 * <ul>
 *   <li>the Li atoms counted from the lattice (sites of Li times n, less the initial film) equal
 *       the electrons booked by the events (exact, long integers);</li>
 *   <li>0 &lt;= atoms - Q A / e &lt; n (the step ends on the event that reaches the charge;
 *       tolerance one site of n atoms);</li>
 *   <li>the film grows by Q Omega / e = 48.8 nm (Omega = a0^3, a0 = 0.279 nm), within one site
 *       volume over the footprint (a / nx), independent of n;</li>
 *   <li>the simulated time is Q / I = 36 s within 4 sigma + one site's time (sigma =
 *       Q/I sqrt(events) / sites: the net count drifts at I / (n e) site events per second with
 *       the exchange's variance);</li>
 *   <li>the overpotential of the first row is -30 +- 45 mV whatever n (the exchange rate per
 *       site is i0 a^2 / (n e), so the candidate sites per area carry the same current
 *       density).</li>
 * </ul>
 * TEST and QUICK: n = 1e3 and 5.755e6 (a = 50 nm) on 48 columns, seed 7 (under a second);
 * FULL: 192 columns. CoarseSitesTest also runs n = 1 and 1e6 through {@link #checks}.
 */
public final class FaradayCoarseCase implements VerifyCase {
  /** Plated charge, mAh/cm^2. */
  public static final double Q = 0.01;
  /** Current density, mA/cm^2. */
  public static final double I = 1.0;

  @Override
  public String id() {
    return "faraday-coarse";
  }

  @Override
  public String title() {
    return "Faraday at coarse sites (n = 1e3, 5.755e6): atoms = electrons, film Q Omega / e";
  }

  @Override
  public String reference() {
    return "Faraday's law, Q = z e N (Bard and Faulkner, Electrochemical Methods, 2001, eq. 1.3.6);"
        + " bcc Li atomic volume a0^3, a0 = 0.279 nm (CRC Handbook)";
  }

  @Override
  public long seed() {
    return 7L;
  }

  /** The plating scenario at n atoms per site on nx x nz sites. */
  public static Scenario scenario(long n, int nx, int nz) {
    double a = Physics.LI_SITE_NM * Math.cbrt(n);
    String yaml = "schemaVersion: 1\nname: faraday\n"
        + "lattice: {nx: " + nx + ", nz: " + nz + ", atomsPerSite: " + n + "}\n"
        + "geometry: {initialLi_nm: " + a + "}\n"
        + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0, terraceBarrier_eV: 0}\n"
        + "kinetics: {interfacialEnergy_J_m2: 0}\n"
        + "sei: {recipe: none}\n"
        + "output: {samples: 4}\n"
        + "protocol:\n  - plate: {current_mA_cm2: " + I + ", charge_mAh_cm2: " + Q + "}\n";
    return Scenario.parse(yaml, "faraday-" + n);
  }

  /** Film thickness Q Omega / e, nm. */
  public static double expectedFilmNm() {
    return Q * Physics.MAH_CM2_IN_C_M2 / Physics.E_CHARGE
        * Math.pow(Physics.LI_SITE_NM * 1e-9, 3) * 1e9;
  }

  /**
   * Plates at n atoms per site on nx x nz sites with this seed and returns the checks; the
   * measured film thickness (nm) goes to film[0].
   */
  public static List<Check> checks(long n, int nx, int nz, long seed, double[] film) {
    Simulation.Result r = new Simulation(scenario(n, nx, nz), seed)
        .run(new Simulation.Listener() {});
    LiModel m = r.model();
    String at = n < 10000 ? "n = " + n + ": "
        : String.format(Locale.ROOT, "n = %.4g: ", (double) n);
    long[] count = m.lattice().countByMaterial();
    long atoms = n * (count[LiMaterials.LI] + count[LiMaterials.LI_DEAD]) - m.initial();
    long electrons = m.platedElectrons();
    long asked = Physics.mahCm2ToCount(Q, m.areaM2());
    double filmNm = (double) atoms / n * m.siteNm() / nx; // a^3 per site over nx a x a
    film[0] = filmNm;
    List<double[]> rows = r.rows();
    double t = rows.get(rows.size() - 1)[0];
    double sites = (double) atoms / n;
    double tExpect = Q / I * 3600.0;
    long events = (Long) r.summary().get("events");
    double sigma = tExpect * Math.sqrt(events) / sites;
    int ce = Simulation.COLUMNS.indexOf("overpotential_V");
    double eta = rows.get(1)[ce];
    List<Check> out = new ArrayList<>();
    out.add(new Check(at + "run completed (1 = yes)", "completed".equals(r.stopReason()) ? 1 : 0,
        1, 0, r.stopReason()));
    out.add(new Check(at + "lattice atoms - booked electrons", atoms - electrons, 0, 0,
        atoms + " atoms, exact"));
    out.add(Check.interval(at + "atoms - Q A / e", atoms - asked, 0, n - 1,
        "Q A / e = " + asked + "; 0 <= d < n (one site)"));
    out.add(new Check(at + "film thickness (nm)", filmNm, expectedFilmNm(),
        m.siteNm() / nx + 1e-9, "Q Omega / e within one site volume over the footprint"));
    out.add(new Check(at + "simulated time (s)", t, tExpect, 4 * sigma + tExpect / sites,
        String.format(Locale.ROOT, "Q / I; sigma %.3g s from %d events", sigma, events)));
    out.add(new Check(at + "overpotential of the first row (V)", eta, -0.03, 0.045,
        "independent of n"));
    return out;
  }

  @Override
  public Outcome run(Size size, long seed) {
    int nx = size == Size.FULL ? 192 : 48;
    long[] ns = {1000L, 5755000L};
    int[] nzs = {48, 16};
    List<Check> all = new ArrayList<>();
    double[] x = new double[ns.length];
    double[] y = new double[ns.length];
    double[] film = new double[1];
    for (int k = 0; k < ns.length; k++) {
      all.addAll(checks(ns[k], nx, nzs[k], seed, film));
      x[k] = ns[k];
      y[k] = film[0];
    }
    double[] tx = {0.5 * x[0], 2 * x[1]};
    double[] ty = {expectedFilmNm(), expectedFilmNm()};
    double[] band = new double[ns.length];
    for (int k = 0; k < ns.length; k++) {
      band[k] = expectedFilmNm() + Physics.LI_SITE_NM * Math.cbrt(ns[k]) / nx;
    }
    CaseFigure fig = new CaseFigure("Faraday at coarse sites: film thickness against atoms per"
        + " site", "Atoms per site n", "Film thickness (nm)", true, false, List.of(
        CaseFigure.measured("model", x, y),
        CaseFigure.theory("Q Omega / e", tx, ty),
        CaseFigure.theory("+ one site volume over the footprint (tolerance)", x, band)));
    return new Outcome(all, fig, String.format(Locale.ROOT, "2D %d columns, one-site Li film,"
        + " plate %.2f mAh/cm^2 at %.0f mA/cm^2, n = 1e3 (48 rows) and 5.755e6 (16 rows),"
        + " seed %d", nx, Q, I, seed));
  }
}
