package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The paired Fieller interval of {@link CompareStatistics#ratioCi}: its bounds solve Fieller's
 * equation, it excludes 1 exactly when the paired verdict is not inconclusive, and it covers
 * the true ratio of normal paired data 95% of the time.
 */
class RatioCiTest {
  private static final long SEED = 19L; // fixed, so CI is repeatable

  @Test
  void identicalSamplesGiveTheDegenerateIntervalAtOne() {
    double[] x = {1.2, 0.8, 1.1, 0.9};
    double[] ci = CompareStatistics.ratioCi(x, x.clone());
    assertEquals(1.0, ci[0], 1e-12);
    assertEquals(1.0, ci[1], 1e-12);
  }

  @Test
  void boundsSolveFiellersEquationAndHoldTheRatioOfMeans() {
    double[] s = {0.52, 0.61, 0.47, 0.66, 0.55};
    double[] b = {1.10, 1.31, 0.97, 1.25, 1.18};
    double[] ci = CompareStatistics.ratioCi(s, b);
    double ratio = mean(s) / mean(b);
    assertTrue(ci[0] < ratio && ratio < ci[1], ci[0] + " " + ratio + " " + ci[1]);
    double t = CompareStatistics.tQuantile(s.length - 1);
    for (double r : ci) {
      double[] d = new double[s.length];
      for (int k = 0; k < d.length; k++) {
        d[k] = s[k] - r * b[k];
      }
      double m = mean(d);
      double v = 0;
      for (double x : d) {
        v += (x - m) * (x - m);
      }
      v /= d.length - 1;
      assertEquals(m * m, t * t * v / d.length, 1e-12, "Fieller's equation at R = " + r);
    }
  }

  @Test
  void excludesOneExactlyWhenThePairedVerdictIsDecided() {
    Random rng = new Random(SEED);
    int decided = 0;
    for (int trial = 0; trial < 400; trial++) {
      int n = 3 + rng.nextInt(8);
      double[] s = new double[n];
      double[] b = new double[n];
      double effect = 0.6 * rng.nextGaussian();
      for (int k = 0; k < n; k++) {
        b[k] = 5 + rng.nextGaussian();
        s[k] = b[k] + effect + 0.5 * rng.nextGaussian();
      }
      double[] ci = CompareStatistics.ratioCi(s, b);
      boolean excludesOne = ci[0] > 1 || ci[1] < 1;
      CompareStatistics.Held held = CompareStatistics.held(s, b, "lower");
      assertEquals(held != CompareStatistics.Held.INCONCLUSIVE, excludesOne, "trial " + trial);
      decided += excludesOne ? 1 : 0;
    }
    assertTrue(decided > 50 && decided < 350, "both outcomes exercised: " + decided);
  }

  /**
   * Coverage over 4000 draws of 5 normal pairs with true ratio 0.6: Fieller's interval is exact
   * for normal data, so the coverage is 0.95 within 4 binomial standard errors (0.014).
   */
  @Test
  void coversTheTrueRatio95PercentOfTheTime() {
    Random rng = new Random(SEED + 1);
    int trials = 4000;
    int covered = 0;
    for (int trial = 0; trial < trials; trial++) {
      double[] s = new double[5];
      double[] b = new double[5];
      for (int k = 0; k < 5; k++) {
        double common = rng.nextGaussian();
        b[k] = 10 + 1.0 * common + 0.8 * rng.nextGaussian();
        s[k] = 6 + 0.5 * common + 0.8 * rng.nextGaussian();
      }
      double[] ci = CompareStatistics.ratioCi(s, b);
      covered += ci[0] <= 0.6 && 0.6 <= ci[1] ? 1 : 0;
    }
    double coverage = covered / (double) trials;
    double se = Math.sqrt(0.95 * 0.05 / trials);
    assertEquals(0.95, coverage, 4 * se, "coverage");
  }

  @Test
  void tooFewPairsOrABaselineNearZeroGiveNoInterval() {
    assertArrayEquals(new double[] {Double.NaN, Double.NaN},
        CompareStatistics.ratioCi(new double[] {1, Double.NaN}, new double[] {2, 3}));
    assertArrayEquals(new double[] {Double.NaN, Double.NaN},
        CompareStatistics.ratioCi(new double[] {1, 2, 3}, new double[] {-1, 1, 0.2}));
  }

  private static double mean(double[] x) {
    double m = 0;
    for (double v : x) {
      m += v;
    }
    return m / x.length;
  }
}
