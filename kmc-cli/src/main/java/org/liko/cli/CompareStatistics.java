package org.liko.cli;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Replica statistics of {@code liko compare} (DESIGN.md section 7): mean with a two-sided 95%
 * Student-t confidence interval, and the paired test of a strategy against the baseline. NaN
 * values (e.g. a run that did not short) are left out; {@code n} counts the values used.
 */
public final class CompareStatistics {
  /** Confidence level of every interval. */
  public static final double LEVEL = 0.95;

  private CompareStatistics() {}

  /**
   * Mean and confidence interval of the finite values.
   *
   * @param n values used
   * @param mean their mean (NaN when n = 0)
   * @param ciLow lower end (NaN when n < 2)
   * @param ciHigh upper end (NaN when n < 2)
   */
  public record Interval(int n, double mean, double ciLow, double ciHigh) {}

  /** Mean and 95% CI, mean +- t(0.975, n - 1) s / sqrt(n), of the finite values of {@code x}. */
  public static Interval meanCi(double[] x) {
    double[] v = Arrays.stream(x).filter(Double::isFinite).toArray();
    int n = v.length;
    if (n == 0) {
      return new Interval(0, Double.NaN, Double.NaN, Double.NaN);
    }
    double mean = 0;
    for (double d : v) {
      mean += d;
    }
    mean /= n;
    if (n < 2) {
      return new Interval(1, mean, Double.NaN, Double.NaN);
    }
    double ss = 0;
    for (double d : v) {
      ss += (d - mean) * (d - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    double half = tQuantile(n - 1) * sd / Math.sqrt(n);
    return new Interval(n, mean, mean - half, mean + half);
  }

  /** The two-sided 95% quantile t(0.975, df). */
  public static double tQuantile(int df) {
    return TDistribution.of(df).inverseCumulativeProbability(0.5 + LEVEL / 2);
  }

  /** Ratio of means, strategy / baseline; NaN when either is NaN or the baseline mean is 0. */
  public static double ratio(double mean, double baselineMean) {
    return baselineMean == 0 || !Double.isFinite(baselineMean) || !Double.isFinite(mean)
        ? Double.NaN : mean / baselineMean;
  }

  /**
   * 95% confidence interval of the ratio of means strategy / baseline from paired samples
   * (Fieller, J. R. Stat. Soc. B 16, 175 (1954), for paired samples): the set of
   * R for which the paired differences {@code s_k - R b_k} have a mean within
   * {@code t(0.975, n-1) sd / sqrt(n)} of 0, i.e. the roots of
   * {@code (ms - R mb)^2 = q (vss - 2 R vsb + R^2 vbb)} with {@code q = t^2 / n}. At R = 1 this
   * is the paired test of {@link #held}, so the interval excludes 1 exactly when the verdict is
   * not inconclusive. Pairs where either value is NaN are dropped.
   *
   * @return {low, high}; both NaN with fewer than 2 pairs or when the baseline mean is not
   *     distinguishable from 0 (the interval is unbounded)
   */
  public static double[] ratioCi(double[] strategy, double[] baseline) {
    if (strategy.length != baseline.length) {
      throw new IllegalArgumentException("paired samples of different lengths");
    }
    int n = 0;
    double ms = 0;
    double mb = 0;
    for (int k = 0; k < strategy.length; k++) {
      if (Double.isFinite(strategy[k]) && Double.isFinite(baseline[k])) {
        n++;
        ms += strategy[k];
        mb += baseline[k];
      }
    }
    double[] none = {Double.NaN, Double.NaN};
    if (n < 2) {
      return none;
    }
    ms /= n;
    mb /= n;
    double vss = 0;
    double vbb = 0;
    double vsb = 0;
    for (int k = 0; k < strategy.length; k++) {
      if (Double.isFinite(strategy[k]) && Double.isFinite(baseline[k])) {
        double ds = strategy[k] - ms;
        double db = baseline[k] - mb;
        vss += ds * ds;
        vbb += db * db;
        vsb += ds * db;
      }
    }
    vss /= n - 1;
    vbb /= n - 1;
    vsb /= n - 1;
    double t = tQuantile(n - 1);
    double q = t * t / n;
    double a = mb * mb - q * vbb;
    double b = -2 * (ms * mb - q * vsb);
    double c = ms * ms - q * vss;
    if (!(a > 0)) {
      return none;
    }
    double disc = Math.max(0, b * b - 4 * a * c); // >= 0 in exact arithmetic when a > 0
    double root = Math.sqrt(disc);
    return new double[] {(-b - root) / (2 * a), (-b + root) / (2 * a)};
  }

  /** Verdict of the paired test: held, not held (the other side), or inconclusive. */
  public enum Held {
    TRUE("true"), FALSE("false"), INCONCLUSIVE("inconclusive");

    private final String text;

    Held(String text) {
      this.text = text;
    }

    /** As written in comparison.csv. */
    @Override
    public String toString() {
      return text;
    }

    /** As written in comparison.json: a boolean, or the string "inconclusive". */
    public Object json() {
      return this == TRUE ? Boolean.TRUE : this == FALSE ? Boolean.FALSE : text;
    }
  }

  /**
   * Paired test: the differences strategy - baseline per replica seed (pairs where either value
   * is NaN are dropped), their 95% CI, and whether it lies entirely on the expected side.
   *
   * @param direction {@code lower} or {@code higher}
   */
  public static Held held(double[] strategy, double[] baseline, String direction) {
    if (strategy.length != baseline.length) {
      throw new IllegalArgumentException("paired samples of different lengths");
    }
    double[] d = new double[strategy.length];
    for (int k = 0; k < d.length; k++) {
      d[k] = strategy[k] - baseline[k]; // NaN when either is NaN
    }
    Interval ci = meanCi(d);
    if (ci.n() < 2 || Double.isNaN(ci.ciLow())) {
      return Held.INCONCLUSIVE;
    }
    boolean lower = direction.equals("lower");
    if (ci.ciHigh() < 0) {
      return lower ? Held.TRUE : Held.FALSE;
    }
    if (ci.ciLow() > 0) {
      return lower ? Held.FALSE : Held.TRUE;
    }
    return Held.INCONCLUSIVE;
  }

  /**
   * One-sided p-value of the paired t-test that the strategy moves the statistic in the
   * expected direction: the differences strategy - baseline per seed (pairs with a NaN
   * dropped), t = mean / (s / sqrt(n)), p = P(T_{n-1} &le; t) for {@code lower} and
   * P(T_{n-1} &ge; t) for {@code higher}. NaN with fewer than two pairs; differences that are
   * all 0 give 1 (no evidence).
   */
  public static double pValue(double[] strategy, double[] baseline, String direction) {
    double[] d = new double[strategy.length];
    for (int k = 0; k < d.length; k++) {
      d[k] = strategy[k] - baseline[k];
    }
    double[] v = Arrays.stream(d).filter(Double::isFinite).toArray();
    int n = v.length;
    if (n < 2) {
      return Double.NaN;
    }
    double mean = Arrays.stream(v).average().orElse(0);
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double se = Math.sqrt(ss / (n - 1) / n);
    if (se == 0) {
      boolean right = direction.equals("lower") ? mean < 0 : mean > 0;
      return right ? 0.0 : 1.0;
    }
    double t = mean / se;
    TDistribution dist = TDistribution.of(n - 1);
    return direction.equals("lower") ? dist.cumulativeProbability(t)
        : dist.survivalProbability(t);
  }

  /**
   * Holm's step-down procedure (Holm, Scand. J. Statist. 6, 65 (1979)) at family-wise level
   * {@code alpha} over the finite p-values: sorted ascending, the k-th (from 0) is rejected
   * while p_(k) &le; alpha / (m - k), m the number of finite p-values; the first failure stops
   * the procedure. NaN p-values are never rejected and do not count in m.
   *
   * @return whether each hypothesis is rejected, in the input order
   */
  public static boolean[] holm(double[] p, double alpha) {
    Integer[] order = new Integer[p.length];
    int m = 0;
    for (int k = 0; k < p.length; k++) {
      order[k] = k;
      m += Double.isNaN(p[k]) ? 0 : 1;
    }
    Arrays.sort(order, (a, b) -> Double.compare(Double.isNaN(p[a]) ? 2 : p[a],
        Double.isNaN(p[b]) ? 2 : p[b]));
    boolean[] rejected = new boolean[p.length];
    for (int k = 0; k < m; k++) {
      int i = order[k];
      if (p[i] <= alpha / (m - k)) {
        rejected[i] = true;
      } else {
        break;
      }
    }
    return rejected;
  }
}
