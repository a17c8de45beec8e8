package org.liko.model;

/**
 * The galvanostatic overpotential of full Butler-Volmer kinetics on a lattice (DESIGN section 5;
 * Bard and Faulkner, Electrochemical Methods, 2nd ed., eq. 3.4.11): every candidate reduction
 * site i has the rate k0 w_i exp(-alpha x) and every live surface atom j the oxidation rate
 * k0 v_j exp((1 - alpha) x), with x = f eta = F eta / RT. Sites on a foreign substrate carry an
 * overpotential-dependent nucleation weight w(x) = exp(-c / |x|^p) for x &lt; 0 (0 for x &ge; 0;
 * 1 everywhere when c = 0): p = 2 for the 3D barrier S(theta) 16 pi gamma^3 Omega^2 / (3 (e
 * eta)^2), p = 1 for the 2D one (see {@link LiModel}).
 *
 * <p>{@link #solve} finds the x at which the net reduction rate per k0,
 * {@code g(x) = exp(-alpha x) (W + sum_k n_k w_k(x)) - V exp((1 - alpha) x)}, equals a target t
 * (I/(e k0) while plating less the SEI share, -I/(e k0) while stripping, 0 at rest). g falls
 * strictly with x, so the root is unique when it exists; it is bracketed, then found by Newton
 * steps that fall back to bisection whenever they leave the bracket, to a relative 1e-13 in x.
 * The start depends on the inputs only (the alpha = 1/2 closed form), so the answer is a pure
 * function of the inputs: runs stay bit-reproducible whatever came before.
 */
public final class ButlerVolmer {
  /** Returned by {@link #solve} when no finite x makes the target. */
  public static final double NO_ROOT = Double.NaN;

  private ButlerVolmer() {}

  /**
   * Nucleation weight exp(-c / |x|^p) at x = f eta for x &lt; 0, 0 for x &ge; 0; 1 when c = 0.
   *
   * @param c barrier coefficient (dimensionless, in units of x^p)
   * @param p 1 (2D) or 2 (3D)
   */
  public static double nucleationWeight(double c, int p, double x) {
    if (c == 0.0) {
      return 1.0;
    }
    if (!(x < 0.0)) {
      return 0.0;
    }
    double ax = -x;
    return StrictMath.exp(-c / (p == 2 ? ax * ax : ax));
  }

  /**
   * The x = f eta at which the net reduction rate per k0 equals {@code target}.
   *
   * @param alpha cathodic transfer coefficient, (0, 1)
   * @param w total weight of the overpotential-independent reduction sites
   * @param n sites per nucleation class (may be null when k = 0)
   * @param c barrier coefficient per nucleation class
   * @param k number of nucleation classes in use
   * @param p 1 (2D) or 2 (3D)
   * @param v total oxidation weight of the live surface atoms
   * @param target net reduction rate per k0 (negative: net oxidation)
   * @return x, or {@link #NO_ROOT} when no finite x gives the target (no site can carry it)
   */
  public static double solve(double alpha, double w, double[] n, double[] c, int k, int p,
      double v, double target) {
    return solve(alpha, w, n, c, null, k, p, v, target);
  }

  /**
   * {@link #solve(double, double, double[], double[], int, int, double, double)} with an offset
   * per nucleation class: class q's weight is w_q(x + off[q]) (field mode: off[q] = f (V - Phi)
   * of the class's candidates at the last field update, x the shift f dV; null: no offsets).
   */
  public static double solve(double alpha, double w, double[] n, double[] c, double[] off, int k,
      int p, double v, double target) {
    double nuc = 0;
    for (int q = 0; q < k; q++) {
      nuc += n[q];
    }
    boolean red = w > 0 || nuc > 0;
    boolean ox = v > 0;
    if (!red && !ox) {
      return NO_ROOT;
    }
    if (target > 0 && !red || target < 0 && !ox || target == 0 && (!red || !ox)) {
      return NO_ROOT;
    }
    if (k == 0 && target == 0) {
      return StrictMath.log(w / v); // exp(-alpha x) w = v exp((1 - alpha) x)
    }
    // start: the alpha = 1/2 closed form without the nucleation terms (y = exp(-x/2))
    double wr = w > 0 ? w : nuc;
    double y = (target + Math.sqrt(target * target + 4 * wr * v)) / (2 * wr);
    double x = ox || target <= 0 ? -2 * StrictMath.log(y) : -StrictMath.log(target / wr) / alpha;
    if (!Double.isFinite(x)) {
      x = 0;
    }
    // bracket: g(lo) > 0 > g(hi)
    double lo = x;
    double hi = x;
    double step = 1;
    while (g(alpha, w, n, c, off, k, p, v, target, lo) <= 0) {
      lo -= step;
      step *= 2;
      if (step > 1e6) {
        return NO_ROOT;
      }
    }
    step = 1;
    while (g(alpha, w, n, c, off, k, p, v, target, hi) >= 0) {
      hi += step;
      step *= 2;
      if (step > 1e6) {
        return NO_ROOT;
      }
    }
    x = Math.max(lo, Math.min(hi, x));
    for (int it = 0; it < 200; it++) {
      double gx = g(alpha, w, n, c, off, k, p, v, target, x);
      if (gx > 0) {
        lo = x;
      } else if (gx < 0) {
        hi = x;
      } else {
        return x;
      }
      double d = slope(alpha, w, n, c, off, k, p, v, x);
      double next = d < 0 ? x - gx / d : Double.NaN;
      if (!(next > lo && next < hi)) {
        next = 0.5 * (lo + hi);
      }
      if (Math.abs(next - x) <= 1e-13 * Math.max(1.0, Math.abs(x)) || hi - lo <= 1e-13
          * Math.max(1.0, Math.abs(x))) {
        return next;
      }
      x = next;
    }
    return x;
  }

  /** Reduction weight per k0 at x, without the exp(-alpha x) factor: W + sum n_k w_k(x). */
  public static double reductionWeight(double w, double[] n, double[] c, int k, int p,
      double x) {
    return reductionWeight(w, n, c, null, k, p, x);
  }

  private static double reductionWeight(double w, double[] n, double[] c, double[] off, int k,
      int p, double x) {
    double s = w;
    for (int q = 0; q < k; q++) {
      if (n[q] > 0) {
        s += n[q] * nucleationWeight(c[q], p, off == null ? x : x + off[q]);
      }
    }
    return s;
  }

  private static double g(double alpha, double w, double[] n, double[] c, double[] off, int k,
      int p, double v, double target, double x) {
    double red = reductionWeight(w, n, c, off, k, p, x) * StrictMath.exp(-alpha * x);
    double ox = v > 0 ? v * StrictMath.exp((1 - alpha) * x) : 0.0;
    return red - ox - target;
  }

  /** dg/dx (negative). */
  private static double slope(double alpha, double w, double[] n, double[] c, double[] off,
      int k, int p, double v, double x) {
    double e = StrictMath.exp(-alpha * x);
    double s = -alpha * w * e;
    for (int q = 0; q < k; q++) {
      if (n[q] <= 0) {
        continue;
      }
      double xq = off == null ? x : x + off[q];
      double wq = nucleationWeight(c[q], p, xq);
      if (wq == 0) {
        continue;
      }
      // d/dx exp(-c/|x|^p) = w * (-p c / |x|^(p+1)) for x < 0 (|x| = -x, d|x|/dx = -1)
      double dw = c[q] == 0 ? 0 : -wq * p * c[q] / Math.pow(-xq, p + 1);
      s += n[q] * (dw * e - alpha * wq * e);
    }
    if (v > 0) {
      s -= (1 - alpha) * v * StrictMath.exp((1 - alpha) * x);
    }
    return s;
  }
}
