package org.liko.model.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.liko.engine.ExactSolver;
import org.liko.engine.Lattice;
import org.liko.model.LiMaterials;
import org.liko.model.LiModel;
import org.liko.model.Scenario;

/**
 * Growth exponents of the ballistic limits of walkers mode in 1+1 dimensions (Family and Vicsek,
 * J. Phys. A 18, L75, 1985; Barabasi and Stanley, Fractal Concepts in Surface Growth, 1995,
 * chapters 2-3): random deposition ({@code transport.stickTopOnly}) has w = sqrt(t), beta = 1/2
 * exactly; ballistic deposition ({@code transport.ballistic}) has beta = 1/3 (KPZ) with strong
 * corrections at these sizes, and its width is compared with an independent recursion
 * h_i = max(h_{i-1}, h_i + 1, h_{i+1}) on its own generator.
 *
 * <p>The {@link LiModel} runs on the exact solver event by event on L columns; the interface width
 * w (standard deviation of the column tops, sites) is read from the lattice at 25 log-spaced
 * coverages from 10 monolayers (1 monolayer = L deposits) to the largest; beta is the
 * least-squares slope of ln(mean w) against ln(coverage).
 *
 * <p>Tolerances: random deposition beta = 0.50 +- 0.03. Ballistic deposition beta in
 * [0.27, 0.36] (1/3 asymptotically, about 0.29 at these coverages); the geometric mean over all
 * coverages of the model/recursion width ratio within 3%, and the ratio at each coverage within
 * max(3%, 4 standard errors of the difference estimated from the replicas): with 8 replicas of
 * L = 4096 the standard error of the pointwise ratio is 1-3% up to 100 monolayers and 4-8% near
 * 1000 (correlation length ~ t^(2/3), so few independent patches), which is why a pointwise 3%
 * bound alone would fail for a correct model.
 */
public final class DepositionGrowthCase implements VerifyCase {
  private final boolean ballistic;

  private DepositionGrowthCase(boolean ballistic) {
    this.ballistic = ballistic;
  }

  /** Random deposition: beta = 1/2. */
  public static DepositionGrowthCase random() {
    return new DepositionGrowthCase(false);
  }

  /** Ballistic deposition against the exact recursion. */
  public static DepositionGrowthCase ballisticDeposition() {
    return new DepositionGrowthCase(true);
  }

  @Override
  public String id() {
    return ballistic ? "ballistic-deposition" : "random-deposition";
  }

  @Override
  public String title() {
    return ballistic ? "Ballistic deposition in 1+1 D: width against the exact recursion"
        : "Random deposition in 1+1 D: width grows as t^(1/2)";
  }

  @Override
  public String reference() {
    return "Family and Vicsek, J. Phys. A 18, L75 (1985); Barabasi and Stanley, Fractal Concepts"
        + " in Surface Growth (Cambridge, 1995), ch. 2-4";
  }

  @Override
  public long seed() {
    return ballistic ? 4242L : 4343L;
  }

  /** Columns, replicas and largest coverage (monolayers) of a size. */
  record Setup(int columns, int replicas, int maxCoverage) {
    int[] coverages() {
      int[] c = new int[25];
      for (int k = 0; k < c.length; k++) {
        c[k] = (int) Math.round(10 * Math.pow(maxCoverage / 10.0, k / 24.0));
      }
      return c;
    }
  }

  static Setup setup(Size size) {
    // one size: at 2048 columns and 6 replicas the ballistic beta came out 0.272, too near its
    // bound 0.27 for a check that must hold on any seed
    return new Setup(4096, 8, 1000);
  }

  @Override
  public Outcome run(Size size, long seed) {
    Setup s = setup(size);
    int[] cov = s.coverages();
    double[][] wm = modelWidths(s, ballistic, seed);
    double[] w = mean(wm);
    double[] x = new double[cov.length];
    for (int k = 0; k < cov.length; k++) {
      x[k] = cov[k];
    }
    double b = Fits.line(Fits.log(x), Fits.log(w))[1];
    String setup = String.format(Locale.ROOT, "L = %d columns, %d replicas (seeds %d..%d), "
        + "25 coverages from 10 to %d monolayers", s.columns, s.replicas, seed,
        seed + s.replicas - 1, s.maxCoverage);
    List<Check> checks = new ArrayList<>();
    if (!ballistic) {
      double[] theory = new double[cov.length];
      for (int k = 0; k < cov.length; k++) {
        theory[k] = Math.sqrt(cov[k] * (1.0 - 1.0 / s.columns));
      }
      checks.add(new Check("growth exponent beta", b, 0.5, 0.03,
          String.format(Locale.ROOT, "w(%d)/sqrt(%d) = %.4f", s.maxCoverage, s.maxCoverage,
              w[w.length - 1] / Math.sqrt(s.maxCoverage))));
      CaseFigure fig = new CaseFigure("Random deposition: interface width", "Coverage"
          + " (monolayers)", "Width w (sites)", true, true, List.of(
          CaseFigure.measured("model (mean of " + s.replicas + ")", x, w),
          CaseFigure.theory("w = t^(1/2)", x, theory)));
      return new Outcome(checks, fig, setup);
    }
    double[][] wr = recursionWidths(s, seed ^ 0x5DEECE66DL);
    double[] ref = mean(wr);
    double logSum = 0;
    double worst = 0;
    double worstTol = 0.03;
    int worstK = 0;
    for (int k = 0; k < w.length; k++) {
      double ratio = w[k] / ref[k];
      double se = Math.sqrt(varianceOfMean(wm, k) / (w[k] * w[k])
          + varianceOfMean(wr, k) / (ref[k] * ref[k]));
      double tol = Math.max(0.03, 4 * se);
      logSum += Math.log(ratio);
      // the coverage whose ratio uses most of its own tolerance
      if (Math.abs(ratio - 1) / tol > Math.abs(worst - 1) / worstTol || k == 0) {
        worst = ratio;
        worstTol = tol;
        worstK = k;
      }
    }
    double geo = Math.exp(logSum / w.length);
    double bRef = Fits.line(Fits.log(x), Fits.log(ref))[1];
    checks.add(Check.interval("growth exponent beta", b, 0.27, 0.36,
        String.format(Locale.ROOT, "recursion's beta %.4f; 1/3 asymptotically", bRef)));
    checks.add(new Check("geometric-mean width ratio model / recursion", geo, 1.0, 0.03,
        "over all 25 coverages"));
    checks.add(new Check("width ratio at the coverage nearest its bound", worst, 1.0, worstTol,
        String.format(Locale.ROOT, "%d monolayers; bound max(3%%, 4 s.e.)", cov[worstK])));
    CaseFigure fig = new CaseFigure("Ballistic deposition: interface width", "Coverage"
        + " (monolayers)", "Width w (sites)", true, true, List.of(
        CaseFigure.measured("model (mean of " + s.replicas + ")", x, w),
        CaseFigure.theory("exact recursion (mean of " + s.replicas + ")", x, ref)));
    return new Outcome(checks, fig, setup);
  }

  /** Width of each replica of the model (first index) at each coverage of the setup. */
  static double[][] modelWidths(Setup s, boolean ballistic, long seed) {
    int[] cov = s.coverages();
    int nz = ballistic ? (int) (2.6 * s.maxCoverage) : (int) (1.3 * s.maxCoverage);
    int l = s.columns;
    String text = Setups.walkersHead(l, 1, nz)
        + "transport: {mode: walkers, ballistic: true, stickTopOnly: " + !ballistic + "}\n"
        + "protocol:\n  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 1}\n";
    Scenario sc = Scenario.parse(text, ballistic ? "bd" : "rd");
    return Fits.replicas(s.replicas, r -> {
      LiModel model = new LiModel(sc, LiMaterials.table(sc));
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + r);
      ExactSolver solver = new ExactSolver(model, rng);
      model.attach(solver, rng);
      model.setMode(LiModel.Mode.PLATE, 1.0);
      solver.refreshDriven();
      int[] top = new int[l];
      double[] w = new double[cov.length];
      int bound = model.collectorTop();
      for (int k = 0; k < cov.length; k++) {
        long target = (long) cov[k] * l;
        while (model.injected() < target) {
          if (solver.step(Double.POSITIVE_INFINITY) != ExactSolver.EVENT) {
            throw new IllegalStateException("deposition stopped before " + cov[k] + " ML");
          }
        }
        if (model.shorted()) {
          throw new IllegalStateException("deposit reached the top of the box");
        }
        bound = tops(model.lattice(), l, top,
            bound + 64 + 5 * (cov[k] - (k > 0 ? cov[k - 1] : 0)));
        w[k] = width(top);
      }
      return w;
    }, double[][]::new);
  }

  /** Column tops (highest Li z, or 0) scanning down from bound; returns the highest top. */
  private static int tops(Lattice lat, int l, int[] top, int bound) {
    byte[] c = lat.cells();
    int nz = lat.grid().nz;
    int hi = 0;
    for (int x = 0; x < l; x++) {
      int z = Math.min(nz - 1, bound);
      while (z > 0 && (c[z * l + x] & Lattice.MATERIAL_MASK) != LiMaterials.LI) {
        z--;
      }
      top[x] = z;
      hi = Math.max(hi, z);
    }
    if (hi >= Math.min(nz - 1, bound)) {
      throw new IllegalStateException("height bound too low");
    }
    return hi;
  }

  /** Standard deviation of the heights (population form). */
  static double width(int[] h) {
    double m = 0;
    for (int v : h) {
      m += v;
    }
    m /= h.length;
    double s = 0;
    for (int v : h) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / h.length);
  }

  /** Independent ballistic deposition on its own generator: widths per replica and coverage. */
  static double[][] recursionWidths(Setup s, long seed) {
    int[] cov = s.coverages();
    int l = s.columns;
    double[][] w = new double[s.replicas][cov.length];
    for (int r = 0; r < s.replicas; r++) {
      UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(seed + r);
      int[] h = new int[l];
      long n = 0;
      for (int k = 0; k < cov.length; k++) {
        long target = (long) cov[k] * l;
        for (; n < target; n++) {
          int i = rng.nextInt(l);
          int left = h[(i + l - 1) % l];
          int right = h[(i + 1) % l];
          h[i] = Math.max(h[i] + 1, Math.max(left, right));
        }
        w[r][k] = width(h);
      }
    }
    return w;
  }

  /** Mean over replicas at each coverage. */
  static double[] mean(double[][] w) {
    double[] m = new double[w[0].length];
    for (double[] row : w) {
      for (int k = 0; k < m.length; k++) {
        m[k] += row[k] / w.length;
      }
    }
    return m;
  }

  /** Variance of the mean over replicas at coverage k. */
  static double varianceOfMean(double[][] w, int k) {
    double[] col = new double[w.length];
    for (int r = 0; r < w.length; r++) {
      col[r] = w[r][k];
    }
    double se = Fits.se(col);
    return se * se;
  }
}
