package org.liko.model;

import java.util.Arrays;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;

/**
 * Tracer diffusivity of Li atoms from the hops the exact solver makes
 * ({@link LiModel#observeHops}): every Li atom present when tracking starts carries a label
 * that its hops move; D = &lt;|dr|^2&gt; / (4 t) from the lateral (x, y) displacements, with
 * periodic wrapping, over consecutive windows; the estimate is the mean of the windows' D and
 * its standard error their standard deviation over sqrt(K). Atoms that arrive later (deposits)
 * carry no label and are not counted; the estimate is meant for runs without deposition or
 * dissolution of the tracked atoms (rest with {@code kinetics.openCircuitExchange: false}).
 * In 2D (ny = 1) D = &lt;dx^2&gt; / (2 t).
 */
public final class TracerDiffusivity {
  private final Grid g;
  private final int[] label;
  private final long[] ux;
  private final long[] uy;
  private long[] x0;
  private long[] y0;
  private double t0;
  private long hops;
  private int windows;
  private double sum;
  private double sumSq;
  private final double a2;

  private TracerDiffusivity(LiModel model) {
    this.g = model.lattice().grid();
    byte[] c = model.lattice().cells();
    this.label = new int[g.sites];
    Arrays.fill(label, -1);
    int n = 0;
    for (int i = 0; i < g.sites; i++) {
      if ((c[i] & Lattice.MATERIAL_MASK) == LiMaterials.LI) {
        label[i] = n++;
      }
    }
    this.ux = new long[n];
    this.uy = new long[n];
    this.x0 = new long[n];
    this.y0 = new long[n];
    double a = model.siteNm() * 1e-9;
    this.a2 = a * a;
  }

  /** Starts tracking the Li atoms of the model now (its clock at 0). */
  public static TracerDiffusivity track(LiModel model) {
    TracerDiffusivity t = new TracerDiffusivity(model);
    model.observeHops(t::hopped);
    return t;
  }

  private void hopped(int from, int to) {
    int id = label[from];
    label[from] = -1;
    label[to] = id;
    if (id >= 0) {
      ux[id] += wrap(g.x(to) - g.x(from), g.nx);
      uy[id] += wrap(g.y(to) - g.y(from), g.ny);
      hops++;
    }
  }

  /** Closes the window that ends at model time t (s) and opens the next one. */
  public void window(double t) {
    int n = ux.length;
    double dt = t - t0;
    if (n == 0 || dt <= 0) {
      return;
    }
    double s = 0;
    for (int id = 0; id < n; id++) {
      double dx = ux[id] - x0[id];
      double dy = uy[id] - y0[id];
      s += dx * dx + dy * dy;
    }
    double d = s / n * a2 / ((g.ny == 1 ? 2 : 4) * dt);
    sum += d;
    sumSq += d * d;
    windows++;
    x0 = ux.clone();
    y0 = uy.clone();
    t0 = t;
  }

  /** Mean tracer diffusivity (m^2/s) over the closed windows; NaN before the first. */
  public double diffusivity() {
    return windows == 0 ? Double.NaN : sum / windows;
  }

  /** Standard error (m^2/s) of {@link #diffusivity()}; NaN with fewer than two windows. */
  public double standardError() {
    if (windows < 2) {
      return Double.NaN;
    }
    double m = sum / windows;
    double var = Math.max(0, (sumSq - windows * m * m) / (windows - 1));
    return Math.sqrt(var / windows);
  }

  /** Hops of tracked atoms so far. */
  public long hops() {
    return hops;
  }

  /** Tracked atoms. */
  public int atoms() {
    return ux.length;
  }

  /** Closed windows. */
  public int windows() {
    return windows;
  }

  private static int wrap(int d, int n) {
    if (d > n / 2) {
      return d - n;
    }
    if (d < -n / 2) {
      return d + n;
    }
    return d;
  }
}
