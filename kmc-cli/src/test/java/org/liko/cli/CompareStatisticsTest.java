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
}
