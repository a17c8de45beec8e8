package org.liko.engine.relax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Red-black SOR against exact solutions of the discrete systems. (1) A column of n cells with unit
 * face conductances, a Dirichlet face (conductance 2 to u = 0) at the top and a unit source in the
 * bottom cell: the exact discrete solution is linear, u_z = (n - z - 1) + 1/2 (flux 1 through
 * each face), reproduced to 1e-9. (2) A periodic 2D 16 x 12 grid with a diagonal term and a point
 * source: the answer satisfies the residual tolerance, is symmetric under x -> -x about the
 * source, and two runs give the same bits. (3) A solid cell (zero diagonal) keeps its value.
 * Runs in milliseconds.
 */
class RedBlackRelaxationTest {
  @Test
  void columnWithDirichletTopIsLinear() {
    int n = 40;
    RedBlackRelaxation r = new RedBlackRelaxation(1, 1, n);
    double[] gx = new double[n];
    double[] gy = new double[n];
    double[] gz = new double[n];
    double[] diag = new double[n];
    double[] rhs = new double[n];
    double[] u = new double[n];
    java.util.Arrays.fill(gz, 1.0);
    diag[n - 1] = 2.0; // face at h/2 from the top cell centre
    rhs[0] = 1.0;
    int sweeps = r.solve(RedBlackRelaxation.optimalOmega(2 * n), 1e-12, 100000, gx, gy, gz, diag,
        rhs, u);
    assertTrue(sweeps > 0, "converged");
    for (int z = 0; z < n; z++) {
      assertEquals(n - z - 0.5, u[z], 1e-9, "cell " + z);
    }
  }

  @Test
  void periodicGridIsSymmetricAndDeterministic() {
    int nx = 16;
    int nz = 12;
    double[][] runs = new double[2][];
    for (int run = 0; run < 2; run++) {
      RedBlackRelaxation r = new RedBlackRelaxation(nx, 1, nz);
      int n = nx * nz;
      double[] g = new double[n];
      java.util.Arrays.fill(g, 1.0);
      double[] gz = g.clone();
      double[] diag = new double[n];
      java.util.Arrays.fill(diag, 0.05);
      double[] rhs = new double[n];
      rhs[3 * nx + 5] = 1.0;
      double[] u = new double[n];
      int s = r.solve(1.5, 1e-12, 100000, g, new double[n], gz, diag, rhs, u);
      assertTrue(s > 0, "converged");
      assertTrue(r.maxResidual(g, new double[n], gz, diag, rhs, u) <= 1e-12);
      for (int z = 0; z < nz; z++) {
        for (int d = 1; d < nx / 2; d++) {
          assertEquals(u[z * nx + (5 + d) % nx], u[z * nx + (5 - d + nx) % nx], 1e-10,
              "mirror symmetry at z " + z + ", d " + d);
        }
      }
      runs[run] = u;
    }
    assertArrayEquals(runs[0], runs[1], 0.0);
  }

  @Test
  void solidCellKeepsItsValue() {
    RedBlackRelaxation r = new RedBlackRelaxation(3, 1, 2);
    double[] gx = {1, 0, 0, 1, 1, 1};
    double[] gz = {1, 0, 1, 0, 0, 0};
    double[] diag = {1, 0, 1, 1, 1, 1};
    double[] rhs = {1, 0, 1, 1, 1, 1};
    double[] u = {0, 7, 0, 0, 0, 0};
    // cell 1 has no conductance (gx[0] couples 0-1: zero it) and no diagonal
    gx[0] = 0;
    r.solve(1.0, 1e-12, 1000, gx, new double[6], gz, diag, rhs, u);
    assertEquals(7.0, u[1], 0.0);
  }
}
