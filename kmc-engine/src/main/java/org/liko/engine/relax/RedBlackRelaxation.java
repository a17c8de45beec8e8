package org.liko.engine.relax;

/**
 * Red-black successive over-relaxation for a symmetric seven-point (3D) or five-point (2D)
 * finite-volume operator on the cells of a lattice-shaped grid (Press et al., Numerical Recipes,
 * 3rd ed., section 20.5; Young 1971). Cells are numbered {@code i = (z * ny + y) * nx + x} as in
 * {@link org.liko.engine.Grid}; x and y are periodic, z is bounded. The equation of cell i is
 *
 * <pre>
 *   (diag_i + sum_f g_f) u_i - sum_f g_f u_nb(f) = rhs_i
 * </pre>
 *
 * where f runs over the faces of i and g_f is the face conductance: {@code gx[i]} couples i with
 * its +x neighbour (wrapping), {@code gy[i]} with +y (wrapping; unused when ny = 1), {@code gz[i]}
 * with +z ({@code gz} of the top row is ignored). A bounded face without a conductance is a
 * zero-flux face; a Dirichlet face enters through diag and rhs. A cell whose diagonal is 0 (no
 * conductance, no diag: a solid cell) is skipped and keeps its value.
 *
 * <p>A sweep updates the cells with even x + y + z (red) first, then the odd ones (black); each
 * half-sweep reads only cells of the other colour when nx and ny are even, so it can run as passes
 * of a parallel solver with the same bits. With odd nx or ny the periodic wrap joins two cells of
 * one colour and the order is that of the sequential loop below. Either way the result is a pure
 * function of the inputs: no allocation, no threads, no reordering.
 */
public final class RedBlackRelaxation {
  private final int nx;
  private final int ny;
  private final int nz;
  private final int plane;

  /**
   * A relaxation on an nx x ny x nz grid.
   *
   * @param nx cells along x (periodic), at least 1
   * @param ny cells along y (periodic), 1 for 2D
   * @param nz cells along z (bounded), at least 1
   */
  public RedBlackRelaxation(int nx, int ny, int nz) {
    if (nx < 1 || ny < 1 || nz < 1) {
      throw new IllegalArgumentException("grid " + nx + "x" + ny + "x" + nz + ": sizes >= 1");
    }
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.plane = nx * ny;
  }

  /** Number of cells. */
  public int cells() {
    return plane * nz;
  }

  /**
   * The over-relaxation factor 2 / (1 + sin(pi / n)) that is optimal for the Laplacian on a line
   * of n cells with Dirichlet ends (Young 1971); pass n of about twice the longest length when one
   * end is a zero-flux face.
   */
  public static double optimalOmega(int n) {
    return 2.0 / (1.0 + StrictMath.sin(Math.PI / Math.max(2, n)));
  }

  /**
   * One half-sweep over the cells of one colour.
   *
   * @param colour 0 (even x + y + z) or 1
   * @param omega over-relaxation factor in (0, 2)
   * @return the largest |change| of a cell in this half-sweep
   */
  public double halfSweep(int colour, double omega, double[] gx, double[] gy, double[] gz,
      double[] diag, double[] rhs, double[] u) {
    double maxChange = 0;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        int row = (z * ny + y) * nx;
        int x0 = (colour + y + z) & 1;
        for (int x = x0; x < nx; x += 2) {
          int i = row + x;
          double d = diag[i];
          double s = rhs[i];
          double g;
          int j;
          j = x + 1 < nx ? i + 1 : row;
          g = gx[i];
          d += g;
          s += g * u[j];
          j = x > 0 ? i - 1 : row + nx - 1;
          g = gx[j];
          d += g;
          s += g * u[j];
          if (z + 1 < nz) {
            g = gz[i];
            d += g;
            s += g * u[i + plane];
          }
          if (z > 0) {
            g = gz[i - plane];
            d += g;
            s += g * u[i - plane];
          }
          if (ny > 1) {
            j = y + 1 < ny ? i + nx : i - (ny - 1) * nx;
            g = gy[i];
            d += g;
            s += g * u[j];
            j = y > 0 ? i - nx : i + (ny - 1) * nx;
            g = gy[j];
            d += g;
            s += g * u[j];
          }
          if (d > 0) {
            double change = omega * (s / d - u[i]);
            u[i] += change;
            double a = Math.abs(change);
            if (a > maxChange) {
              maxChange = a;
            }
          }
        }
      }
    }
    return maxChange;
  }

  /**
   * The largest |rhs - A u| over the active cells, in rhs units.
   */
  public double maxResidual(double[] gx, double[] gy, double[] gz, double[] diag, double[] rhs,
      double[] u) {
    return residual(gx, gy, gz, diag, rhs, u, null);
  }

  /**
   * Writes rhs - A u of every cell into out (when not null) and returns its largest magnitude.
   */
  public double residual(double[] gx, double[] gy, double[] gz, double[] diag, double[] rhs,
      double[] u, double[] out) {
    double max = 0;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        int row = (z * ny + y) * nx;
        for (int x = 0; x < nx; x++) {
          int i = row + x;
          double r = rhs[i] - diag[i] * u[i];
          int j = x + 1 < nx ? i + 1 : row;
          r += gx[i] * (u[j] - u[i]);
          j = x > 0 ? i - 1 : row + nx - 1;
          r += gx[j] * (u[j] - u[i]);
          if (z + 1 < nz) {
            r += gz[i] * (u[i + plane] - u[i]);
          }
          if (z > 0) {
            r += gz[i - plane] * (u[i - plane] - u[i]);
          }
          if (ny > 1) {
            j = y + 1 < ny ? i + nx : i - (ny - 1) * nx;
            r += gy[i] * (u[j] - u[i]);
            j = y > 0 ? i - nx : i + (ny - 1) * nx;
            r += gy[j] * (u[j] - u[i]);
          }
          if (out != null) {
            out[i] = r;
          }
          double a = Math.abs(r);
          if (a > max) {
            max = a;
          }
        }
      }
    }
    return max;
  }

  /**
   * Sweeps until the largest residual is at most {@code tol} (checked every 8 sweeps) or
   * {@code maxSweeps} sweeps are done; u holds the start on entry and the answer on exit.
   *
   * @return the number of sweeps done, negated when the tolerance was not reached
   */
  public int solve(double omega, double tol, int maxSweeps, double[] gx, double[] gy,
      double[] gz, double[] diag, double[] rhs, double[] u) {
    if (maxResidual(gx, gy, gz, diag, rhs, u) <= tol) {
      return 0;
    }
    for (int s = 1; s <= maxSweeps; s++) {
      halfSweep(0, omega, gx, gy, gz, diag, rhs, u);
      halfSweep(1, omega, gx, gy, gz, diag, rhs, u);
      if ((s & 7) == 0 && maxResidual(gx, gy, gz, diag, rhs, u) <= tol) {
        return s;
      }
    }
    return maxResidual(gx, gy, gz, diag, rhs, u) <= tol ? maxSweeps : -maxSweeps;
  }
}
