package org.liko.model;

import java.util.Arrays;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;

/**
 * Morphology statistics of a deposit (DESIGN section 7), computed from the lattice. Heights are
 * measured per column from the collector top to the highest Li site (live or dead), in nm.
 *
 * @param heightMean_nm mean column height
 * @param heightP99_nm 99th percentile of column heights ({@link #percentile}, interpolated)
 * @param heightMax_nm highest column
 * @param roughness_nm RMS deviation of column heights
 * @param surfaceRatio faces between Li and anything but Li or the collector (electrolyte, SEI)
 *     per footprint site (1 for a flat film)
 * @param porosity fraction of non-Li sites below the column tops of columns holding Li
 * @param deadFraction dead Li / (live + dead Li)
 * @param tips columns that are local maxima higher than mean + 2 RMS
 * @param nuclei face-connected Li clusters touching the collector
 * @param meanNucleusSize mean Li sites per nucleus
 * @param fractalDimension box-counting dimension of the Li set (boxes 1..8 sites), NaN if empty
 * @param hostTop_nm height of the top of the scaffold (host grains, pillars, walls: fixed
 *     electronic conductors above the collector) above the collector top; 0 without one
 * @param aboveHostP99_nm 99th percentile over columns of the deposit height above the host top
 *     (0 for a column whose Li stays inside the host); equals heightP99_nm without a host
 * @param aboveHostMax_nm largest deposit height above the host top
 * @param insideHostFraction Li sites (live and dead) below the host top over all Li sites; 0
 *     without a host
 */
public record Morphology(double heightMean_nm, double heightP99_nm, double heightMax_nm,
    double roughness_nm, double surfaceRatio, double porosity, double deadFraction, int tips,
    int nuclei, double meanNucleusSize, double fractalDimension, double hostTop_nm,
    double aboveHostP99_nm, double aboveHostMax_nm, double insideHostFraction) {

  /** Heights only (cheap; for time series). */
  public static double[] heights(Lattice lattice, int base, double siteNm, int live, int dead) {
    Grid g = lattice.grid();
    byte[] cells = lattice.cells();
    double[] h = new double[g.plane];
    for (int c = 0; c < g.plane; c++) {
      for (int z = g.nz - 1; z >= base; z--) {
        int m = cells[z * g.plane + c] & Lattice.MATERIAL_MASK;
        if (m == live || m == dead) {
          h[c] = (z - base + 1) * siteNm;
          break;
        }
      }
    }
    return h;
  }

  /** {mean, p99, max, rms} of column heights. */
  public static double[] heightStats(double[] h) {
    double sum = 0;
    double max = 0;
    for (double v : h) {
      sum += v;
      max = Math.max(max, v);
    }
    double mean = sum / h.length;
    double ss = 0;
    for (double v : h) {
      ss += (v - mean) * (v - mean);
    }
    return new double[] {mean, percentile(h, 0.99), max, Math.sqrt(ss / h.length)};
  }

  /**
   * The p-quantile of x by linear interpolation between order statistics (Hyndman and Fan 1996,
   * definition 7, the default of R and NumPy): with x sorted, h = (n - 1) p and
   * q = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]). It equals the maximum only
   * when p = 1 or the largest values tie.
   */
  public static double percentile(double[] x, double p) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }

  /**
   * Full statistics of the lattice; {@code hostTop} is the first z above the scaffold
   * ({@code base} without one).
   */
  public static Morphology of(Lattice lattice, int base, double siteNm, int live, int dead,
      int collector, int hostTop) {
    Grid g = lattice.grid();
    byte[] cells = lattice.cells();
    double[] h = heights(lattice, base, siteNm, live, dead);
    double[] st = heightStats(h);
    long liSites = 0;
    long envelope = 0;
    long liveN = 0;
    long deadN = 0;
    long interface_ = 0;
    for (int c = 0; c < g.plane; c++) {
      int top = (int) Math.round(h[c] / siteNm) + base - 1;
      for (int z = base; z <= top; z++) {
        envelope++;
        int m = cells[z * g.plane + c] & Lattice.MATERIAL_MASK;
        if (m == live || m == dead) {
          liSites++;
        }
      }
    }
    for (int i = 0; i < g.sites; i++) {
      int m = cells[i] & Lattice.MATERIAL_MASK;
      if (m == live || m == dead) {
        if (m == live) {
          liveN++;
        } else {
          deadN++;
        }
        for (int d = 0; d < g.directions; d++) {
          int j = g.neighbour(i, d);
          int mj = j < 0 ? -1 : cells[j] & Lattice.MATERIAL_MASK;
          if (mj >= 0 && mj != live && mj != dead && mj != collector) {
            interface_++;
          }
        }
      }
    }
    int tips = 0;
    double cut = st[0] + 2 * st[3];
    for (int c = 0; c < g.plane; c++) {
      if (h[c] <= cut || h[c] == 0) {
        continue;
      }
      boolean peak = true;
      int x = c % g.nx;
      int y = c / g.nx;
      for (int d = 0; d < g.directions; d++) {
        if (Grid.DZ[d] != 0) {
          continue;
        }
        int cc = Math.floorMod(y + Grid.DY[d], g.ny) * g.nx + Math.floorMod(x + Grid.DX[d], g.nx);
        if (h[cc] >= h[c] && cc != c) {
          peak = false;
        }
      }
      if (peak) {
        tips++;
      }
    }
    int[] clusters = nuclei(lattice, base, live, dead);
    double hostNm = (hostTop - base) * siteNm;
    double[] above = new double[h.length];
    double aboveMax = 0;
    for (int c = 0; c < h.length; c++) {
      above[c] = Math.max(0.0, h[c] - hostNm);
      aboveMax = Math.max(aboveMax, above[c]);
    }
    long inside = 0;
    for (int i = 0; i < hostTop * g.plane && i < g.sites; i++) {
      int m = cells[i] & Lattice.MATERIAL_MASK;
      if (m == live || m == dead) {
        inside++;
      }
    }
    long allLi = liveN + deadN;
    return new Morphology(st[0], st[1], st[2], st[3],
        (double) interface_ / g.plane,
        envelope == 0 ? 0.0 : 1.0 - (double) liSites / envelope,
        liveN + deadN == 0 ? 0.0 : (double) deadN / (liveN + deadN), tips, clusters[0],
        clusters[0] == 0 ? 0.0 : (double) clusters[1] / clusters[0],
        boxDimension(lattice, live, dead), hostNm, percentile(above, 0.99), aboveMax,
        hostTop > base && allLi > 0 ? (double) inside / allLi : 0.0);
  }

  /** {number of Li clusters touching z = base, their total size}. */
  static int[] nuclei(Lattice lattice, int base, int live, int dead) {
    int[] sizes = nucleusSizes(lattice, base, live, dead);
    int total = 0;
    for (int n : sizes) {
      total += n;
    }
    return new int[] {sizes.length, total};
  }

  /**
   * The nuclei of a deposit: the face-connected clusters of Li (live or dead) that touch the
   * plane z = base (the substrate's top), their sizes in sites, in the order of their first
   * site in that plane.
   */
  public static int[] nucleusSizes(Lattice lattice, int base, int live, int dead) {
    Grid g = lattice.grid();
    byte[] cells = lattice.cells();
    boolean[] seen = new boolean[g.sites];
    int[] stack = new int[64];
    int[] sizes = new int[16];
    int count = 0;
    for (int c = 0; c < g.plane; c++) {
      int s = base * g.plane + c;
      int m = cells[s] & Lattice.MATERIAL_MASK;
      if (seen[s] || (m != live && m != dead)) {
        continue;
      }
      int size = 0;
      int top = 0;
      stack[top++] = s;
      seen[s] = true;
      while (top > 0) {
        int i = stack[--top];
        size++;
        for (int d = 0; d < g.directions; d++) {
          int j = g.neighbour(i, d);
          if (j < 0 || seen[j]) {
            continue;
          }
          int mj = cells[j] & Lattice.MATERIAL_MASK;
          if (mj == live || mj == dead) {
            seen[j] = true;
            if (top == stack.length) {
              stack = Arrays.copyOf(stack, 2 * top);
            }
            stack[top++] = j;
          }
        }
      }
      if (count == sizes.length) {
        sizes = Arrays.copyOf(sizes, 2 * count);
      }
      sizes[count++] = size;
    }
    return Arrays.copyOf(sizes, count);
  }

  /** Box-counting dimension over box edges 1, 2, 4, 8 (least squares of ln N against ln 1/s). */
  static double boxDimension(Lattice lattice, int live, int dead) {
    Grid g = lattice.grid();
    byte[] cells = lattice.cells();
    int[] sizes = {1, 2, 4, 8};
    double[] lx = new double[sizes.length];
    double[] ly = new double[sizes.length];
    for (int k = 0; k < sizes.length; k++) {
      int s = sizes[k];
      int bx = (g.nx + s - 1) / s;
      int by = (g.ny + s - 1) / s;
      int bz = (g.nz + s - 1) / s;
      java.util.BitSet boxes = new java.util.BitSet(bx * by * bz);
      for (int i = 0; i < g.sites; i++) {
        int m = cells[i] & Lattice.MATERIAL_MASK;
        if (m == live || m == dead) {
          boxes.set(((g.z(i) / s) * by + g.y(i) / s) * bx + g.x(i) / s);
        }
      }
      int n = boxes.cardinality();
      if (n == 0) {
        return Double.NaN;
      }
      lx[k] = Math.log(1.0 / s);
      ly[k] = Math.log(n);
    }
    return slope(lx, ly);
  }

  /** Least-squares slope of y against x (ordinary regression through the means). */
  static double slope(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int k = 0; k < x.length; k++) {
      mx += x[k] / x.length;
      my += y[k] / x.length;
    }
    double sxy = 0;
    double sxx = 0;
    for (int k = 0; k < x.length; k++) {
      sxy += (x[k] - mx) * (y[k] - my);
      sxx += (x[k] - mx) * (x[k] - mx);
    }
    return sxy / sxx;
  }
}
