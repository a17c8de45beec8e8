package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.liko.cli.CompareStatistics.Held;
import org.liko.cli.CompareStatistics.Interval;

/** Mean, Student-t 95% CI and the paired test against numbers computed by hand. */
class CompareStatisticsTest {
  private static final double EPS = 1e-6;

  @Test
  void tQuantilesMatchTables() {
    assertEquals(12.706205, CompareStatistics.tQuantile(1), EPS);
    assertEquals(4.302653, CompareStatistics.tQuantile(2), EPS);
    assertEquals(2.776445, CompareStatistics.tQuantile(4), EPS);
  }

  @Test
  void fiveValues() {
    // mean 3, s = sqrt(2.5), half width 2.776445 * 1.581139 / sqrt(5) = 1.963243
    Interval ci = CompareStatistics.meanCi(new double[] {1, 2, 3, 4, 5});
    assertEquals(5, ci.n());
    assertEquals(3.0, ci.mean(), 1e-12);
    assertEquals(1.036757, ci.ciLow(), EPS);
    assertEquals(4.963243, ci.ciHigh(), EPS);
  }

  @Test
  void twoValuesAndNaNsLeftOut() {
    // mean 3, s = sqrt(2), half width 12.706205 * sqrt(2) / sqrt(2)
    Interval ci = CompareStatistics.meanCi(new double[] {2, Double.NaN, 4});
    assertEquals(2, ci.n());
    assertEquals(3.0, ci.mean(), 1e-12);
    assertEquals(3 - 12.706205, ci.ciLow(), EPS);
    assertEquals(3 + 12.706205, ci.ciHigh(), EPS);
  }

  @Test
  void oneOrNoValue() {
    Interval one = CompareStatistics.meanCi(new double[] {7, Double.NaN});
    assertEquals(1, one.n());
    assertEquals(7.0, one.mean());
    assertTrue(Double.isNaN(one.ciLow()) && Double.isNaN(one.ciHigh()));
    Interval none = CompareStatistics.meanCi(new double[] {Double.NaN});
    assertEquals(0, none.n());
    assertTrue(Double.isNaN(none.mean()));
  }

  @Test
  void ratioOfMeans() {
    assertEquals(0.5, CompareStatistics.ratio(2, 4), 1e-12);
    assertTrue(Double.isNaN(CompareStatistics.ratio(2, 0)));
    assertTrue(Double.isNaN(CompareStatistics.ratio(Double.NaN, 4)));
  }

  @Test
  void pairedTest() {
    double[] base = {10, 20, 30};
    // differences -1, -1.1, -0.9: mean -1, s 0.1, half 4.302653 * 0.1 / sqrt(3) = 0.248414
    double[] lower = {9, 18.9, 29.1};
    assertEquals(Held.TRUE, CompareStatistics.held(lower, base, "lower"));
    assertEquals(Held.FALSE, CompareStatistics.held(lower, base, "higher"));
    // differences -1, -1, -2: CI [-2.768, 0.101] straddles 0
    assertEquals(Held.INCONCLUSIVE,
        CompareStatistics.held(new double[] {9, 19, 28}, base, "lower"));
    // identical runs (the same seed, the same scenario): differences all 0
    assertEquals(Held.INCONCLUSIVE, CompareStatistics.held(base, base, "lower"));
    // the pairing matters: the unpaired CIs overlap, the paired one does not
    assertEquals(Held.TRUE, CompareStatistics.held(new double[] {11, 21.1, 30.9}, base,
        "higher"));
    // a pair with NaN is dropped; one pair left is inconclusive
    assertEquals(Held.INCONCLUSIVE, CompareStatistics.held(new double[] {1, Double.NaN,
        Double.NaN}, base, "lower"));
    assertEquals(Boolean.TRUE, Held.TRUE.json());
    assertEquals("inconclusive", Held.INCONCLUSIVE.json());
  }

  /**
   * One-sided paired t p-values against hand computation: differences -1, -1.1, -0.9 have mean
   * -1 and s = 0.1, t = -1 / (0.1 / sqrt 3) = -17.3205; P(T_2 <= -17.3205) = 0.0016584 (from
   * the closed form of the t CDF with 2 degrees of freedom, 1/2 + t / (2 sqrt(2 + t^2))).
   */
  @Test
  void pairedPValue() {
    double[] base = {10, 20, 30};
    double[] lower = {9, 18.9, 29.1};
    double t = -1 / (0.1 / Math.sqrt(3));
    double expected = 0.5 + t / (2 * Math.sqrt(2 + t * t));
    assertEquals(expected, CompareStatistics.pValue(lower, base, "lower"), 1e-9);
    assertEquals(1 - expected, CompareStatistics.pValue(lower, base, "higher"), 1e-9);
    assertTrue(Double.isNaN(CompareStatistics.pValue(new double[] {1, Double.NaN, Double.NaN},
        base, "lower")));
    assertEquals(1.0, CompareStatistics.pValue(base, base, "lower"), 0.0);
  }

  /**
   * Holm at 0.05 over four p-values 0.01, 0.04, 0.03, 0.005: sorted 0.005 <= 0.05/4, 0.01 <=
   * 0.05/3, 0.03 > 0.05/2 stops: the first two are rejected, 0.03 and 0.04 are not (Bonferroni
   * would reject only 0.005 and 0.01 as well; an unadjusted test all four). NaN never counts.
   */
  @Test
  void holmStepDown() {
    boolean[] r = CompareStatistics.holm(new double[] {0.01, 0.04, 0.03, 0.005, Double.NaN},
        0.05);
    assertTrue(r[0] && r[3]);
    assertTrue(!r[1] && !r[2] && !r[4]);
    // with m = 2 the second p-value faces 0.05 / 1
    boolean[] two = CompareStatistics.holm(new double[] {0.02, 0.04}, 0.05);
    assertTrue(two[0] && two[1]);
  }
}
