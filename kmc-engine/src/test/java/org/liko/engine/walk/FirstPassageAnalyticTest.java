package org.liko.engine.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Checks the closed-form survival function against an independent solution of the master
 * equation (matrix exponential by scaling and squaring), and the short-time branch against the
 * exact leading-order asymptote.
 */
class FirstPassageAnalyticTest {

    private static final double[] TIMES = {1e-4, 0.01, 0.1, 0.3, 0.5, 1.0, 2.0, 3.7, 5.0, 10.0, 25.0, 60.0};

    /** exp(A) by scaling and squaring with a 30-term Taylor series. */
    static double[][] expm(double[][] a) {
        int n = a.length;
        double norm = 0;
        for (double[] row : a) {
            double s = 0;
            for (double v : row) {
                s += Math.abs(v);
            }
            norm = Math.max(norm, s);
        }
        int sq = Math.max(0, (int) Math.ceil(Math.log(norm / 0.25) / Math.log(2)));
        double scale = Math.pow(2, -sq);
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i][j] = a[i][j] * scale;
            }
        }
        double[][] result = identity(n);
        double[][] term = identity(n);
        for (int k = 1; k <= 30; k++) {
            term = mul(term, b);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    term[i][j] /= k;
                    result[i][j] += term[i][j];
                }
            }
        }
        for (int s = 0; s < sq; s++) {
            result = mul(result, result);
        }
        return result;
    }

    static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    static double[][] mul(double[][] x, double[][] y) {
        int n = x.length;
        double[][] z = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double v = x[i][k];
                if (v == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    z[i][j] += v * y[k][j];
                }
            }
        }
        return z;
    }

    /** Master-equation generator (G = 1) on the interior sites -r+1..r-1, absorbing at +-r. */
    static double[][] generator(int r, double gt) {
        int n = 2 * r - 1;
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            q[i][i] = -2 * gt;
            if (i > 0) {
                q[i][i - 1] = gt;
            }
            if (i < n - 1) {
                q[i][i + 1] = gt;
            }
        }
        return q;
    }

    /** Survival from the matrix exponential: total interior mass starting at the centre. */
    static double survivalExpm(int r, double gt) {
        double[][] e = expm(generator(r, gt));
        double s = 0;
        for (double v : e[r - 1]) {
            s += v;
        }
        return s;
    }

    @Test
    void survivalMatchesMasterEquation() {
        for (int r = 1; r <= 8; r++) {
            for (double x : TIMES) {
                double ref = survivalExpm(r, x);
                double got = FirstPassage.survival(r, x);
                assertEquals(ref, got, 1e-9 * Math.max(1e-3, ref), "r=" + r + " gt=" + x);
                assertEquals(1 - ref, FirstPassage.exitProbability(r, x), 1e-9 * Math.max(1e-3, 1 - ref),
                        "F r=" + r + " gt=" + x);
            }
        }
    }

    @Test
    void densityMatchesMasterEquation() {
        // f = -dS/dx = -(sum over row of Q exp(Qx)) with G = 1
        for (int r = 1; r <= 6; r++) {
            for (double x : TIMES) {
                double[][] e = expm(generator(r, x));
                double[][] q = generator(r, 1.0);
                double[][] qe = mul(e, q);
                double ref = 0;
                for (double v : qe[r - 1]) {
                    ref -= v;
                }
                assertEquals(ref, FirstPassage.exitTimeDensity(r, x), 1e-9 * Math.max(1e-3, ref),
                        "r=" + r + " gt=" + x);
            }
        }
    }

    @Test
    void rOneIsExponential() {
        for (double x : TIMES) {
            assertEquals(Math.exp(-2 * x), FirstPassage.survival(1, x), 1e-15);
            assertEquals(-Math.expm1(-2 * x), FirstPassage.exitProbability(1, x), 1e-14 * -Math.expm1(-2 * x));
        }
    }

    @Test
    void survivalAtZeroAndEigenSumIsOne() {
        for (int r : new int[] {1, 2, 5, 17, 100, 300}) {
            FirstPassage.Table t = new FirstPassage.Table(r);
            double sum = 0;
            for (double c : t.coef) {
                sum += c;
            }
            assertEquals(1.0, sum, 1e-12, "sum of coefficients r=" + r);
            assertEquals(1.0, FirstPassage.survival(r, 0.0));
        }
    }

    /** Short-time asymptote: exit needs r hops all in one direction, F ~ 2 (Gt)^r / r!. */
    @Test
    void shortTimeExitProbabilityIsRelativelyAccurate() {
        double x = 1e-7;
        for (int r = 1; r <= 12; r++) {
            double fact = 1;
            for (int i = 2; i <= r; i++) {
                fact *= i;
            }
            double lead = 2 * Math.pow(x, r) / fact;
            double got = FirstPassage.exitProbability(r, x);
            assertEquals(1.0, got / lead, 1e-5, "r=" + r);
        }
    }

    /** Uniformisation and eigen-expansion agree around the switch point. */
    @Test
    void branchesAgreeAtSwitch() {
        for (int r : new int[] {1, 2, 3, 10, 50, 200}) {
            FirstPassage.Table t = new FirstPassage.Table(r);
            for (double f : new double[] {0.5, 0.9, 1.0}) {
                double x = t.xSwitch * f;
                double eig = 1.0 - t.survivalEigen(x);
                double uni = t.exitProbUnif(x);
                assertEquals(eig, uni, 1e-13, "F r=" + r + " x=" + x);
                assertEquals(t.densityEigen(x), t.densityUnif(x), 1e-12 * t.densityEigen(x) + 1e-16,
                        "f r=" + r + " x=" + x);
            }
        }
    }

    /** Mean of G*T from the density: integral of S = r^2 / 2. */
    @Test
    void meanFromSurvivalIntegral() {
        for (int r : new int[] {1, 3, 10}) {
            FirstPassage.Table t = new FirstPassage.Table(r);
            // integral of S = sum coef / mu exactly
            double m = 0;
            for (int i = 0; i < r; i++) {
                m += t.coef[i] / t.mu[i];
            }
            assertEquals(r * r / 2.0, m, 1e-10 * r * r);
            assertEquals(r * r / 2.0, FirstPassage.meanExitTime(r, 1.0));
        }
    }

    /** Inversion round trip over the full range of uniforms, including the extreme tails. */
    @Test
    void inversionRoundTrip() {
        FirstPassage fp = new FirstPassage(400);
        double[] ws = {Math.ulp(1.0) / 2, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 0.0099, 0.01, 0.0101, 0.05, 0.2,
            0.3, 0.4999, 0.5, 0.7, 0.9, 0.999, 1 - 1e-9, 1 - Math.ulp(1.0) / 2};
        for (int r : new int[] {1, 2, 3, 7, 10, 50, 333}) {
            FirstPassage.Table t = new FirstPassage.Table(r);
            for (double w : ws) {
                double x = fp.solve(t, w);
                assertTrue(x > 0, "r=" + r + " w=" + w);
                if (w < 0.5) {
                    double f = FirstPassage.exitProbability(r, x);
                    assertEquals(w, f, 1e-11 * w, "r=" + r + " w=" + w);
                } else {
                    double s = FirstPassage.survival(r, x);
                    assertEquals(1 - w, s, 1e-11 * (1 - w), "r=" + r + " w=" + w);
                }
            }
        }
    }
}
