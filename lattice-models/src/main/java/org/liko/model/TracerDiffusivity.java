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
 *
 * <p>{@link #trackMovers} (the run output {@code output.adatomDiffusivity}) labels an atom at its
 * first hop instead: the tracers are the atoms that ever moved on the surface (adatoms and
 * surface atoms), each counted from the first window that starts after its first hop, so that
 * buried atoms that never hop do not dilute D; an atom that later gets buried, converted or
 * dissolved stays a tracer and adds no displacement (labels are positions: a deposit on the
 * site of a dissolved tracer continues it with no jump), so during plating D is that of the
 * surface population including its incorporation, not of isolated adatoms.
 */
public final class TracerDiffusivity {
  private final Grid g;
  private final int[] label;
  private final boolean movers; // label atoms at their first hop
  private int n; // tracers
  private long[] ux;
  private long[] uy;
  private long[] x0; // displacements at the window's start (tracers of this window only)
  private long[] y0;
  private double t0;
  private long hops;
  private int windows;
  private double sum;
  private double sumSq;
  private final double a2;

  private TracerDiffusivity(LiModel model, boolean movers) {
    this.g = model.lattice().grid();
    this.movers = movers;
    byte[] c = model.lattice().cells();
    this.label = new int[g.sites];
    Arrays.fill(label, -1);
    if (!movers) {
      for (int i = 0; i < g.sites; i++) {
        if ((c[i] & Lattice.MATERIAL_MASK) == LiMaterials.LI) {
          label[i] = n++;
        }
      }
    }
    this.ux = new long[Math.max(n, 16)];
    this.uy = new long[ux.length];
    this.x0 = new long[n];
    this.y0 = new long[n];
    double a = model.siteNm() * 1e-9;
    this.a2 = a * a;
  }

  /** Starts tracking the Li atoms of the model now (its clock at 0). */
  public static TracerDiffusivity track(LiModel model) {
    TracerDiffusivity t = new TracerDiffusivity(model, false);
    model.observeHops(t::hopped);
    return t;
  }

  /** Starts tracking every Li atom from its first hop on (the run output). */
  public static TracerDiffusivity trackMovers(LiModel model) {
    TracerDiffusivity t = new TracerDiffusivity(model, true);
    model.observeHops(t::hopped);
    return t;
  }

  private void hopped(int from, int to) {
    int id = label[from];
    if (id < 0 && movers) {
      if (n == ux.length) {
        ux = Arrays.copyOf(ux, 2 * n);
        uy = Arrays.copyOf(uy, 2 * n);
      }
      id = n++;
    }
    label[from] = -1;
    label[to] = id;
    if (id >= 0) {
      ux[id] += Grid.minimumImage(g.x(to) - g.x(from), g.nx);
      uy[id] += Grid.minimumImage(g.y(to) - g.y(from), g.ny);
      hops++;
    }
  }

  /** Closes the window that ends at model time t (s) and opens the next one. */
  public void window(double t) {
    int m = x0.length; // the tracers of this window
    double dt = t - t0;
    if (dt <= 0) {
      return;
    }
    if (m == 0) {
      x0 = Arrays.copyOf(ux, n);
      y0 = Arrays.copyOf(uy, n);
      t0 = t;
      return;
    }
    double s = 0;
    for (int id = 0; id < m; id++) {
      double dx = ux[id] - x0[id];
      double dy = uy[id] - y0[id];
      s += dx * dx + dy * dy;
    }
    double d = s / m * a2 / ((g.ny == 1 ? 2 : 4) * dt);
    sum += d;
    sumSq += d * d;
    windows++;
    x0 = Arrays.copyOf(ux, n);
    y0 = Arrays.copyOf(uy, n);
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
    return n;
  }

  /** The run summary's fields: D, its standard error (null where undefined), hops, tracers. */
  public java.util.Map<String, Object> summary() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    double d = diffusivity();
    double se = standardError();
    m.put("adatomDiffusivity_m2_s", Double.isFinite(d) ? d : null);
    m.put("adatomDiffusivityStdErr_m2_s", Double.isFinite(se) ? se : null);
    m.put("adatomHops", hops);
    m.put("adatomTracers", n);
    m.put("adatomWindows", windows);
    return m;
  }

  /** Writes the tracker's state for a checkpoint. */
  void save(org.liko.engine.checkpoint.StateOut out) {
    out.section("tracer").ints(label).i(n).longs(Arrays.copyOf(ux, n))
        .longs(Arrays.copyOf(uy, n)).i(x0.length).longs(x0).longs(y0).d(t0).l(hops)
        .i(windows).d(sum).d(sumSq);
  }

  /** Puts back what {@link #save} wrote. */
  void restore(org.liko.engine.checkpoint.StateIn in) {
    in.section("tracer");
    in.ints(label);
    n = in.i();
    ux = new long[Math.max(n, 16)];
    uy = new long[ux.length];
    long[] a = new long[n];
    in.longs(a);
    System.arraycopy(a, 0, ux, 0, n);
    in.longs(a);
    System.arraycopy(a, 0, uy, 0, n);
    int m = in.i();
    x0 = new long[m];
    y0 = new long[m];
    in.longs(x0);
    in.longs(y0);
    t0 = in.d();
    hops = in.l();
    windows = in.i();
    sum = in.d();
    sumSq = in.d();
  }

  /** Closed windows. */
  public int windows() {
    return windows;
  }
}
