package org.liko.engine.relax;

/**
 * Geometric multigrid V-cycles for the operator of {@link RedBlackRelaxation} (Briggs, Henson and
 * McCormick, A Multigrid Tutorial, 2nd ed., 2000, ch. 3-4; cell-centred aggregation as in
 * Wesseling, An Introduction to Multigrid Methods, 1992, section 5.2). Each level halves every
 * dimension longer than 1 while all of them stay even and at least 4 (2 x 2 x 2 blocks of cells
 * in 3D, 2 x 2 in 2D, pairs in 1D). On a coarse level a face conductance is half the sum of the
 * fine conductances crossing it (the rediscretisation of a uniform medium at twice the spacing),
 * the diagonal term the sum of the fine ones; a block without any active fine cell stays
 * inactive. Residuals are summed over a block, corrections injected piecewise constant. The
 * smoother is the red-black kernel (two Gauss-Seidel sweeps before and after). The coarsest level
 * is solved exactly by a banded Cholesky factorisation (bandwidth nx ny, factored once per
 * {@link #solve}) where that costs at most {@link #DIRECT_WORK} multiply-adds, else relaxed by
 * symmetric over-relaxation. An exact coarsest solve matters: a grid that stops halving at an
 * odd size (400 x 256 stops at 25 x 16) left the 4 n + 8 over-relaxation sweeps of the coarsest
 * level as the weakest part of the cycle (on a uniform 400 x 256 Poisson problem with a
 * Dirichlet top, 0.37 residual reduction per preconditioned iteration; 0.12 with the exact
 * solve). The V-cycle preconditions conjugate gradients ({@link #solve}). The arithmetic order is
 * fixed: the same inputs give the same bits.
 */
public final class Multigrid {
  private final int levels;
  private final int[] lnx;
  private final int[] lny;
  private final int[] lnz;
  private final RedBlackRelaxation[] relax;
  private final double[][] gx;
  private final double[][] gy;
  private final double[][] gz;
  private final double[][] diag;
  private final double[][] rhs;
  private final double[][] u;
  private final double[][] res;
  private final boolean[][] act; // cells of each level that take part (see active)
  private int cycles;
  /**
   * The most multiply-adds (cells x bandwidth^2) for which the coarsest level is factored
   * directly: 2e7, about 20 ms, beside about 4 ms per V-cycle on a 400 x 256 grid.
   */
  static final long DIRECT_WORK = 20_000_000L;
  private final int band; // bandwidth of the coarsest level's banded factor, 0: no factor
  private final double[] chol; // lower band of the coarsest level's Cholesky factor, row-major
  private boolean factored; // chol holds the factor of this solve's coarsest operator

  /** Multigrid on an nx x ny x nz grid (x, y periodic, z bounded). */
  public Multigrid(int nx, int ny, int nz) {
    int n = 1;
    int x = nx;
    int y = ny;
    int z = nz;
    while (coarsens(x) && coarsens(y) && coarsens(z) && (x > 1 || y > 1 || z > 1) && n < 12) {
      x = x > 1 ? x / 2 : 1;
      y = y > 1 ? y / 2 : 1;
      z = z > 1 ? z / 2 : 1;
      n++;
    }
    levels = n;
    lnx = new int[n];
    lny = new int[n];
    lnz = new int[n];
    relax = new RedBlackRelaxation[n];
    gx = new double[n][];
    gy = new double[n][];
    gz = new double[n][];
    diag = new double[n][];
    rhs = new double[n][];
    u = new double[n][];
    res = new double[n][];
    act = new boolean[n][];
    x = nx;
    y = ny;
    z = nz;
    for (int l = 0; l < n; l++) {
      lnx[l] = x;
      lny[l] = y;
      lnz[l] = z;
      relax[l] = new RedBlackRelaxation(x, y, z);
      int c = x * y * z;
      res[l] = new double[c];
      act[l] = new boolean[c];
      if (l > 0) {
        gx[l] = new double[c];
        gy[l] = new double[c];
        gz[l] = new double[c];
        diag[l] = new double[c];
        rhs[l] = new double[c];
        u[l] = new double[c];
      }
      x = x > 1 ? x / 2 : 1;
      y = y > 1 ? y / 2 : 1;
      z = z > 1 ? z / 2 : 1;
    }
    int last = n - 1;
    long cellsC = (long) lnx[last] * lny[last] * lnz[last];
    // the largest index offset of a coupling: +z, else the periodic y wrap, else the x wrap
    int b = lnz[last] > 1 ? lnx[last] * lny[last]
        : lny[last] > 1 ? (lny[last] - 1) * lnx[last] : lnx[last] - 1;
    if (n > 1 && cellsC * b * b <= DIRECT_WORK) {
      band = b;
      chol = new double[(int) (cellsC * (b + 1))];
    } else {
      band = 0;
      chol = null;
    }
  }

  private static boolean coarsens(int n) {
    return n == 1 || n % 2 == 0 && n >= 4;
  }

  /** Number of levels (1: no coarsening possible; the solve is plain relaxation). */
  public int levels() {
    return levels;
  }

  /** V-cycles of the last {@link #solve}. */
  public int lastCycles() {
    return cycles;
  }

  /**
   * Solves A u = rhs (the operator of {@link RedBlackRelaxation}) to a largest residual of at
   * most tol by conjugate gradients preconditioned with one V-cycle (symmetric: red-black
   * smoothing before, black-red after; Tatebe 1993, "The multigrid preconditioned conjugate
   * gradient method"), which stays robust where the coarse operators are rough (coefficient
   * jumps, solid holes); u holds the start on entry.
   *
   * @return the number of iterations (one V-cycle each), negated when maxCycles did not reach
   *     tol
   */
  public int solve(double tol, int maxCycles, double[] fgx, double[] fgy, double[] fgz,
      double[] fdiag, double[] frhs, double[] fu) {
    gx[0] = fgx;
    gy[0] = fgy;
    gz[0] = fgz;
    diag[0] = fdiag;
    for (int l = 1; l < levels; l++) {
      coarsenOperator(l);
    }
    for (int l = 0; l < levels; l++) {
      markActive(l);
    }
    factored = chol != null && factorCoarsest();
    int n = fu.length;
    if (r0 == null || r0.length != n) {
      r0 = new double[n];
      z0 = new double[n];
      p0 = new double[n];
      q0 = new double[n];
      zero = new double[n];
    }
    RedBlackRelaxation top = relax[0];
    cycles = 0;
    if (top.residual(fgx, fgy, fgz, fdiag, frhs, fu, r0) <= tol) {
      return 0;
    }
    precondition(r0, z0);
    System.arraycopy(z0, 0, p0, 0, n);
    double rz = dot(r0, z0);
    for (int k = 1; k <= maxCycles; k++) {
      top.residual(fgx, fgy, fgz, fdiag, zero, p0, q0); // q = -A p
      double pq = -dot(p0, q0);
      if (!(pq > 0)) {
        return -k;
      }
      double a = rz / pq;
      double rmax = 0;
      for (int i = 0; i < n; i++) {
        fu[i] += a * p0[i];
        r0[i] += a * q0[i];
        rmax = Math.max(rmax, Math.abs(r0[i]));
      }
      cycles = k;
      if (rmax <= tol) {
        return k;
      }
      precondition(r0, z0);
      double rzNew = dot(r0, z0);
      double b = rzNew / rz;
      rz = rzNew;
      for (int i = 0; i < n; i++) {
        p0[i] = z0[i] + b * p0[i];
      }
    }
    return -maxCycles;
  }

  private double[] r0;
  private double[] z0;
  private double[] p0;
  private double[] q0;
  private double[] zero;

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** z = one V-cycle from z = 0 for the right-hand side r. */
  private void precondition(double[] r, double[] z) {
    rhs[0] = r;
    u[0] = z;
    java.util.Arrays.fill(z, 0.0);
    if (levels == 1) {
      RedBlackRelaxation t = relax[0];
      for (int s = 0; s < 4; s++) {
        t.halfSweep(0, 1.0, gx[0], gy[0], gz[0], diag[0], r, z);
        t.halfSweep(1, 1.0, gx[0], gy[0], gz[0], diag[0], r, z);
      }
      for (int s = 0; s < 4; s++) {
        t.halfSweep(1, 1.0, gx[0], gy[0], gz[0], diag[0], r, z);
        t.halfSweep(0, 1.0, gx[0], gy[0], gz[0], diag[0], r, z);
      }
      return;
    }
    vcycle(0);
  }

  private void vcycle(int l) {
    RedBlackRelaxation r = relax[l];
    if (l == levels - 1 && factored) {
      solveCoarsest(rhs[l], u[l]);
      return;
    }
    if (l == levels - 1) {
      int n = Math.max(lnx[l], Math.max(lny[l], lnz[l]));
      double w = RedBlackRelaxation.optimalOmega(2 * n);
      for (int s = 0; s < 4 * n + 8; s++) { // symmetric: red-black then black-red
        r.halfSweep(0, w, gx[l], gy[l], gz[l], diag[l], rhs[l], u[l]);
        r.halfSweep(1, w, gx[l], gy[l], gz[l], diag[l], rhs[l], u[l]);
        r.halfSweep(1, w, gx[l], gy[l], gz[l], diag[l], rhs[l], u[l]);
        r.halfSweep(0, w, gx[l], gy[l], gz[l], diag[l], rhs[l], u[l]);
      }
      return;
    }
    for (int s = 0; s < 2; s++) {
      r.halfSweep(0, 1.0, gx[l], gy[l], gz[l], diag[l], rhs[l], u[l]);
      r.halfSweep(1, 1.0, gx[l], gy[l], gz[l], diag[l], rhs[l], u[l]);
    }
    r.residual(gx[l], gy[l], gz[l], diag[l], rhs[l], u[l], res[l]);
    int c = l + 1;
    java.util.Arrays.fill(rhs[c], 0.0);
    java.util.Arrays.fill(u[c], 0.0);
    int fx = lnx[l];
    int fy = lny[l];
    int fz = lnz[l];
    int cx = lnx[c];
    int cy = lny[c];
    for (int z = 0; z < fz; z++) {
      int zc = fz > 1 ? z >> 1 : 0;
      for (int y = 0; y < fy; y++) {
        int yc = fy > 1 ? y >> 1 : 0;
        int row = (z * fy + y) * fx;
        int crow = (zc * cy + yc) * cx;
        for (int x = 0; x < fx; x++) {
          rhs[c][crow + (fx > 1 ? x >> 1 : 0)] += res[l][row + x];
        }
      }
    }
    vcycle(c);
    double[] fine = u[l];
    boolean[] on = act[l];
    for (int z = 0; z < fz; z++) {
      int zc = fz > 1 ? z >> 1 : 0;
      for (int y = 0; y < fy; y++) {
        int yc = fy > 1 ? y >> 1 : 0;
        int row = (z * fy + y) * fx;
        int crow = (zc * cy + yc) * cx;
        for (int x = 0; x < fx; x++) {
          int i = row + x;
          if (on[i]) {
            fine[i] += u[c][crow + (fx > 1 ? x >> 1 : 0)];
          }
        }
      }
    }
    for (int s = 0; s < 2; s++) {
      r.halfSweep(1, 1.0, gx[l], gy[l], gz[l], diag[l], rhs[l], u[l]);
      r.halfSweep(0, 1.0, gx[l], gy[l], gz[l], diag[l], rhs[l], u[l]);
    }
  }

  /**
   * Assembles the coarsest level's matrix (the operator of {@link RedBlackRelaxation}; an
   * inactive cell gets the row of the identity) into the lower band and factors it in place,
   * A = L L^T. Returns false (the level is then relaxed) if a pivot is not positive: a part of
   * the coarsest grid without a diagonal term anywhere (singular).
   */
  private boolean factorCoarsest() {
    int l = levels - 1;
    int nx = lnx[l];
    int ny = lny[l];
    int nz = lnz[l];
    int b = band;
    int w = b + 1; // row i holds A(i, i - b .. i) at i * w + (k - i + b)
    double[] a = chol;
    java.util.Arrays.fill(a, 0.0);
    double[] d = diag[l];
    boolean[] on = act[l];
    int plane = nx * ny;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          int i = (z * ny + y) * nx + x;
          a[i * w + b] += on[i] ? d[i] : 1.0;
          if (nx > 1) {
            couple(a, i, z * plane + y * nx + (x + 1) % nx, gx[l][i]);
          }
          if (ny > 1) {
            couple(a, i, z * plane + ((y + 1) % ny) * nx + x, gy[l][i]);
          }
          if (z + 1 < nz) {
            couple(a, i, i + plane, gz[l][i]);
          }
        }
      }
    }
    int n = plane * nz;
    for (int i = 0; i < n; i++) {
      int lo = Math.max(0, i - b);
      for (int j = lo; j <= i; j++) {
        int jlo = Math.max(lo, j - b);
        double s = a[i * w + (j - i + b)];
        for (int k = jlo; k < j; k++) {
          s -= a[i * w + (k - i + b)] * a[j * w + (k - j + b)];
        }
        if (j < i) {
          a[i * w + (j - i + b)] = s / a[j * w + b];
        } else {
          if (!(s > 0)) {
            return false;
          }
          a[i * w + b] = Math.sqrt(s);
        }
      }
    }
    return true;
  }

  /** Adds a face of conductance g between cells i and j (none when j == i) to the band. */
  private void couple(double[] a, int i, int j, double g) {
    if (j == i || g == 0) {
      return;
    }
    int w = band + 1;
    a[i * w + band] += g;
    a[j * w + band] += g;
    int hi = Math.max(i, j);
    int lo = Math.min(i, j);
    a[hi * w + (lo - hi + band)] -= g;
  }

  /** u = A^-1 rhs on the coarsest level by the banded factor (forward, then back). */
  private void solveCoarsest(double[] b, double[] x) {
    int n = x.length;
    int bw = band;
    int w = bw + 1;
    double[] a = chol;
    boolean[] on = act[levels - 1];
    for (int i = 0; i < n; i++) {
      double s = on[i] ? b[i] : 0.0;
      for (int k = Math.max(0, i - bw); k < i; k++) {
        s -= a[i * w + (k - i + bw)] * x[k];
      }
      x[i] = s / a[i * w + bw];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = x[i];
      for (int k = i + 1; k <= Math.min(n - 1, i + bw); k++) {
        s -= a[k * w + (i - k + bw)] * x[k];
      }
      x[i] = s / a[i * w + bw];
    }
  }

  /** Marks the cells of level l that take part (once per solve: the operator is fixed). */
  private void markActive(int l) {
    boolean[] on = act[l];
    double[] d = diag[l];
    double[] g = gx[l];
    for (int i = 0; i < on.length; i++) {
      on[i] = active(l, i, d, g);
    }
  }

  /** A cell takes part when it has a diagonal or any face conductance. */
  private boolean active(int l, int i, double[] d, double[] g) {
    if (d[i] > 0 || g[i] > 0 || gz[l][i] > 0 || gy[l][i] > 0) {
      return true;
    }
    int nx = lnx[l];
    int ny = lny[l];
    int x = i % nx;
    int y = (i / nx) % ny;
    int plane = nx * ny;
    int row = i - x;
    if (g[x > 0 ? i - 1 : row + nx - 1] > 0) {
      return true;
    }
    if (i >= plane && gz[l][i - plane] > 0) {
      return true;
    }
    return ny > 1 && gy[l][y > 0 ? i - nx : i + (ny - 1) * nx] > 0;
  }

  private void coarsenOperator(int c) {
    int f = c - 1;
    int fx = lnx[f];
    int fy = lny[f];
    int fz = lnz[f];
    int cx = lnx[c];
    int cy = lny[c];
    java.util.Arrays.fill(gx[c], 0.0);
    java.util.Arrays.fill(gy[c], 0.0);
    java.util.Arrays.fill(gz[c], 0.0);
    java.util.Arrays.fill(diag[c], 0.0);
    for (int z = 0; z < fz; z++) {
      int zc = fz > 1 ? z >> 1 : 0;
      for (int y = 0; y < fy; y++) {
        int yc = fy > 1 ? y >> 1 : 0;
        int row = (z * fy + y) * fx;
        int crow = (zc * cy + yc) * cx;
        for (int x = 0; x < fx; x++) {
          int i = row + x;
          int ci = crow + (fx > 1 ? x >> 1 : 0);
          diag[c][ci] += diag[f][i];
          // a fine face crossing a coarse face: the +x face of an odd x (wrapping at the end)
          if (fx > 1 && (x & 1) == 1) {
            gx[c][ci] += 0.5 * gx[f][i];
          }
          if (fy > 1 && (y & 1) == 1) {
            gy[c][ci] += 0.5 * gy[f][i];
          }
          if (fz > 1 && (z & 1) == 1 && z + 1 < fz) {
            gz[c][ci] += 0.5 * gz[f][i];
          }
        }
      }
    }
  }
}
