package org.liko.model.limits;

import org.liko.engine.Lattice;
import org.liko.model.Physics;
import org.liko.model.Scenario;

/** Shared helpers of the limit tests: seeds, scenario text, least squares. */
final class Limits {
  private Limits() {}

  /** The default seed, or {@code -Dliko.test.seed=N} (mixed with the default), logged. */
  static long seed(String test, long dflt) {
    Long override = Long.getLong("liko.test.seed");
    long s = override == null ? dflt : override * 0x9E3779B97F4A7C15L + dflt;
    System.out.println(test + " seed = " + s);
    return s;
  }

  /**
   * Common head of a walkers-mode scenario without surface hops or SEI, nucleation barrier 0 (a
   * walker sticks on the collector as on Li), on an nx x ny x nz lattice.
   */
  static String walkersHead(int nx, int ny, int nz) {
    return "schemaVersion: 1\n"
        + "lattice: {nx: " + nx + ", ny: " + ny + ", nz: " + nz + "}\n"
        + "surface: {attemptFrequency_Hz: 0}\n"
        + "sei: {recipe: none}\n"
        + "kinetics: {interfacialEnergy_J_m2: 0}\n";
  }

  /** Charge (mAh/cm^2) of exactly {@code n} elementary charges on nx x ny default sites. */
  static double charge(long n, int nx, int ny) {
    double a = Physics.LI_SITE_NM * 1e-9;
    double q = Physics.countToMahCm2(n, nx * (double) ny * a * a);
    return q;
  }

  /** Parses scenario text. */
  static Scenario parse(String text, String name) {
    return Scenario.parse(text, name);
  }

  /** Number of sites of material m in each z plane. */
  static long[] rowCounts(Lattice lat, int m) {
    int plane = lat.grid().plane;
    int nz = lat.grid().nz;
    byte[] c = lat.cells();
    long[] n = new long[nz];
    for (int z = 0; z < nz; z++) {
      for (int k = z * plane; k < (z + 1) * plane; k++) {
        if ((c[k] & Lattice.MATERIAL_MASK) == m) {
          n[z]++;
        }
      }
    }
    return n;
  }

  /** Least-squares line y = a + b x: {a, b, standard error of b}. */
  static double[] fit(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
    }
    double b = sxy / sxx;
    double a = my - b * mx;
    double ss = 0;
    for (int i = 0; i < n; i++) {
      double r = y[i] - a - b * x[i];
      ss += r * r;
    }
    double se = n > 2 ? Math.sqrt(ss / (n - 2) / sxx) : Double.NaN;
    return new double[] {a, b, se};
  }
}
