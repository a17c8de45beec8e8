package org.liko.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liko.model.verify.Fits;

/**
 * Roughness against deposited thickness during the first plating step and its growth exponent
 * beta, as MD and kinetic roughening studies report it: w ~ h^beta at constant flux (Family and
 * Vicsek, J. Phys. A 18, L75, 1985; Barabasi and Stanley, Fractal Concepts in Surface Growth,
 * 1995, eq. 2.6), h the compact-equivalent thickness N a^3 / (n A) of the plated charge (N
 * sites of n atoms on area A) and w the RMS roughness of the time series. beta is the
 * least-squares slope of ln w against ln h over the samples of the first plating step with
 * h >= 2 a (the first monolayers are dominated by discreteness) and w > 0. Also the factor that
 * turns the SEI-bound Li of the time series into a mean SEI thickness (SEI thickness against
 * time, as MD and experiments report its growth).
 */
public final class Growth {
  private Growth() {}

  /** Compact-equivalent thickness per plated charge, nm per mAh/cm^2, for sites of edge a. */
  public static double nmPerMahCm2(double siteNm, int atomsPerSite) {
    double atomsPerM2 = Physics.MAH_CM2_IN_C_M2 / Physics.E_CHARGE;
    double m3PerAtom = Math.pow(siteNm * 1e-9, 3) / atomsPerSite;
    return atomsPerM2 * m3PerAtom * 1e9;
  }

  /**
   * The growth summary of a run's time series: {@code beta}, {@code betaStdErr} and
   * {@code lnPrefactor} (w = exp(lnPrefactor) h^beta, nm), the fitted samples
   * {@code thickness_nm} and {@code roughness_nm}, and {@code nmPerMahCm2}; the fit's numbers
   * are null with fewer than 3 usable samples; and {@code seiNmPerSite}, the mean SEI
   * thickness per SEI site (a / columns: the {@code li_sei} column times it is the mean SEI
   * thickness over the electrode, compact equivalent, nm).
   *
   * @param rows the time series in {@link Simulation#COLUMNS} order
   * @param columns lattice columns nx ny (the electrode area in sites)
   */
  public static Map<String, Object> of(List<double[]> rows, double siteNm, int atomsPerSite,
      long columns) {
    int cq = Simulation.COLUMNS.indexOf("charge_mAh_cm2");
    int cw = Simulation.COLUMNS.indexOf("roughness_nm");
    int cs = Simulation.COLUMNS.indexOf("stripped_mAh_cm2");
    double k = nmPerMahCm2(siteNm, atomsPerSite);
    List<double[]> pts = new ArrayList<>();
    double last = 0;
    for (double[] r : rows) {
      if (r[cs] > 0 || r[cq] < last) {
        break; // the first plating step is over
      }
      last = r[cq];
      double h = r[cq] * k;
      if (h >= 2 * siteNm && r[cw] > 0) {
        pts.add(new double[] {h, r[cw]});
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    double[] x = new double[pts.size()];
    double[] y = new double[pts.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.log(pts.get(i)[0]);
      y[i] = Math.log(pts.get(i)[1]);
    }
    double[] f = x.length >= 3 ? Fits.line(x, y) : new double[] {Double.NaN, Double.NaN,
        Double.NaN};
    m.put("beta", finite(f[1]));
    m.put("betaStdErr", finite(f[2]));
    m.put("lnPrefactor", finite(f[0]));
    m.put("thickness_nm", pts.stream().mapToDouble(p -> p[0]).toArray());
    m.put("roughness_nm", pts.stream().mapToDouble(p -> p[1]).toArray());
    m.put("nmPerMahCm2", k);
    m.put("seiNmPerSite", siteNm / columns);
    return m;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
