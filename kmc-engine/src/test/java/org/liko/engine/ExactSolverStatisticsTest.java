package org.liko.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * Statistical tests of the n-fold way solver (Bortz, Kalos and Lebowitz, J. Comput. Phys. 17, 10,
 * 1975) on a toy {@link EventModel} with known rates, in the style of Commons RNG's statistical
 * tests: fixed, logged default seeds (override with {@code -Dliko.test.seed=N}), a stated number
 * of draws and a stated significance (alpha = 0.001, so a correct solver fails about one run in
 * a thousand with a fresh seed).
 */
class ExactSolverStatisticsTest {
  private static final double ALPHA = 0.001;

  private static long seed(long dflt) {
    long s = Long.getLong("liko.test.seed", dflt);
    System.out.println("ExactSolverStatisticsTest seed = " + s);
    return s;
  }

  /**
   * Toy model: channel 0 summed over 5 "sites" (rates 1, 2, 3, 4, 0 per second; a site channel
   * updated through {@link Changes#site}), channel 1 summed over 3 slots (0.5, 5, 1.5; updated
   * through {@link Changes#leaf}), channel 2 driven at a total rate {@code drivenA} with relative
   * weights 1 : 3 (and 0 on a third leaf). When {@code toggle} is set, every driven event swaps
   * the driven rate between {@code drivenA} and {@code drivenB}, so the total rate changes.
   */
  static final class Toy implements EventModel {
    static final double[][] RATES = {{1, 2, 3, 4, 0}, {0.5, 5, 1.5}, {1, 3, 0}};
    final long[][] count = {new long[5], new long[3], new long[3]};
    final boolean toggle;
    final double drivenA;
    final double drivenB;
    double driven;

    Toy(double drivenA, double drivenB, boolean toggle) {
      this.drivenA = drivenA;
      this.drivenB = drivenB;
      this.driven = drivenA;
      this.toggle = toggle;
    }

    double total() {
      return 10.0 + 7.0 + driven;
    }

    @Override
    public int channelCount() {
      return 3;
    }

    @Override
    public int channelSize(int c) {
      return RATES[c].length;
    }

    @Override
    public boolean siteChannel(int c) {
      return c == 0;
    }

    @Override
    public double weight(int c, int leaf) {
      return RATES[c][leaf];
    }

    @Override
    public double drivenRate(int c) {
      return c == 2 ? driven : Double.NaN;
    }

    @Override
    public void fire(int c, int leaf, UniformRandomProvider rng, Changes changes) {
      count[c][leaf]++;
      if (c == 0) {
        changes.site(leaf);
      } else {
        changes.leaf(c, leaf);
      }
      if (c == 2 && toggle) {
        driven = driven == drivenA ? drivenB : drivenA;
      }
    }
  }

  /**
   * Waiting times of a constant-rate model (R = 24 /s) are exponential with mean 1/R: one-sample
   * KS test over 20,000 waiting times against Exponential(1/24), alpha = 0.001.
   */
  @Test
  void waitingTimesAreExponential() {
    Toy toy = new Toy(7.0, 7.0, false);
    ExactSolver solver = new ExactSolver(toy, RandomSource.XO_RO_SHI_RO_128_PP.create(seed(11L)));
    assertEquals(24.0, solver.totalRate(), 1e-12);
    int n = 20_000;
    double[] dt = new double[n];
    double t = 0;
    for (int k = 0; k < n; k++) {
      assertEquals(ExactSolver.EVENT, solver.step(Double.POSITIVE_INFINITY));
      dt[k] = solver.time() - t;
      t = solver.time();
    }
    ExponentialDistribution exp = ExponentialDistribution.of(1.0 / 24.0);
    double p = KolmogorovSmirnovTest.withDefaults().test(dt, exp::cumulativeProbability)
        .getPValue();
    System.out.printf("exponential waiting times: KS p = %.4f over %d draws%n", p, n);
    assertTrue(p > ALPHA, "KS p-value " + p);
  }

  /**
   * With a total rate that changes after every driven event (driven channel alternating between
   * 7 and 70 /s, so R alternates between 24 and 87 /s), each waiting time scaled by the total
   * rate before it, R * dt, is Exp(1): KS over 20,000 draws, alpha = 0.001. This checks that the
   * solver re-reads driven rates after an event.
   */
  @Test
  void waitingTimesFollowTheCurrentTotalRate() {
    Toy toy = new Toy(7.0, 70.0, true);
    ExactSolver solver = new ExactSolver(toy, RandomSource.XO_RO_SHI_RO_128_PP.create(seed(12L)));
    int n = 20_000;
    double[] x = new double[n];
    double t = 0;
    for (int k = 0; k < n; k++) {
      double r = toy.total();
      assertEquals(r, solver.totalRate(), 1e-9);
      solver.step(Double.POSITIVE_INFINITY);
      x[k] = r * (solver.time() - t);
      t = solver.time();
    }
    ExponentialDistribution exp = ExponentialDistribution.of(1.0);
    double p = KolmogorovSmirnovTest.withDefaults().test(x, exp::cumulativeProbability)
        .getPValue();
    System.out.printf("rate-scaled waiting times: KS p = %.4f over %d draws%n", p, n);
    assertTrue(p > ALPHA, "KS p-value " + p);
  }

  /**
   * Event frequencies are proportional to rates over the 9 leaves with positive rate in three
   * channels (two summed, one driven at 7 /s with weights 1 : 3): chi-square goodness of fit
   * (8 degrees of freedom) over 200,000 events, alpha = 0.001; zero-rate leaves never fire.
   */
  @Test
  void eventFrequenciesAreProportionalToRates() {
    Toy toy = new Toy(7.0, 7.0, false);
    ExactSolver solver = new ExactSolver(toy, RandomSource.XO_RO_SHI_RO_128_PP.create(seed(13L)));
    int n = 200_000;
    for (int k = 0; k < n; k++) {
      solver.step(Double.POSITIVE_INFINITY);
    }
    List<Double> expected = new ArrayList<>();
    List<Long> observed = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      double wsum = 0;
      for (double w : Toy.RATES[c]) {
        wsum += w;
      }
      for (int i = 0; i < Toy.RATES[c].length; i++) {
        double rate = c == 2 ? 7.0 * Toy.RATES[c][i] / wsum : Toy.RATES[c][i];
        if (rate == 0) {
          assertEquals(0, toy.count[c][i], "zero-rate leaf " + c + "/" + i + " fired");
          continue;
        }
        expected.add(rate / 24.0);
        observed.add(toy.count[c][i]);
      }
    }
    double[] e = expected.stream().mapToDouble(Double::doubleValue).toArray();
    long[] o = observed.stream().mapToLong(Long::longValue).toArray();
    double p = ChiSquareTest.withDefaults().test(e, o).getPValue();
    System.out.printf("event frequencies: chi2 p = %.4f over %d events, %d cells%n", p, n,
        o.length);
    assertTrue(p > ALPHA, "chi-square p-value " + p);
  }

  /** A model with no exponential events that records when its scheduled tokens fire. */
  static final class Clock implements EventModel {
    final List<Long> tokens = new ArrayList<>();
    final List<Double> times = new ArrayList<>();
    double rate;
    int exponential;

    @Override
    public int channelCount() {
      return 1;
    }

    @Override
    public int channelSize(int c) {
      return 1;
    }

    @Override
    public boolean siteChannel(int c) {
      return false;
    }

    @Override
    public double weight(int c, int leaf) {
      return rate;
    }

    @Override
    public double drivenRate(int c) {
      return Double.NaN;
    }

    @Override
    public void fire(int c, int leaf, UniformRandomProvider rng, Changes changes) {
      exponential++;
    }

    @Override
    public void fireScheduled(long token, UniformRandomProvider rng, Changes changes) {
      tokens.add(token);
      times.add(changes.now());
      if (token == 100) { // reschedules itself once, from inside an event
        changes.schedule(changes.now() + 0.25, 101);
      }
    }
  }

  /**
   * Scheduled events fire at exactly their times, in time order, ties in insertion order, a
   * limit before the next one stops the clock at the limit, events scheduled from inside an event
   * fire, and exponential events (rate 50 /s) interleave without moving scheduled times.
   */
  @Test
  void scheduledEventsFireAtTheirTimesInOrder() {
    Clock clock = new Clock();
    clock.rate = 50.0;
    ExactSolver solver = new ExactSolver(clock, RandomSource.XO_RO_SHI_RO_128_PP.create(seed(14L)));
    double[] at = {0.7, 0.1, 0.5, 0.5, 1.0, 0.3};
    long[] tok = {7, 1, 5, 6, 100, 3};
    for (int k = 0; k < at.length; k++) {
      solver.schedule(at[k], tok[k]);
    }
    // a limit before the first scheduled event stops the clock there, nothing scheduled fires
    while (solver.step(0.05) != ExactSolver.LIMIT) {
      assertTrue(solver.time() <= 0.05);
    }
    assertEquals(0.05, solver.time());
    assertTrue(clock.tokens.isEmpty());
    while (solver.time() < 2.0) {
      int r = solver.step(2.0);
      if (r == ExactSolver.SCHEDULED) {
        assertEquals(-1, solver.lastChannel());
      }
    }
    assertEquals(List.of(1L, 3L, 5L, 6L, 7L, 100L, 101L), clock.tokens);
    assertEquals(List.of(0.1, 0.3, 0.5, 0.5, 0.7, 1.0, 1.25), clock.times);
    assertTrue(clock.exponential > 50, "exponential events interleaved: " + clock.exponential);

    // with no exponential rate at all, the clock jumps from one scheduled time to the next
    Clock idle = new Clock();
    ExactSolver s2 = new ExactSolver(idle, RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
    s2.schedule(2.5, 9);
    s2.schedule(1.5, 8);
    assertEquals(ExactSolver.SCHEDULED, s2.step(Double.POSITIVE_INFINITY));
    assertEquals(1.5, s2.time());
    assertEquals(ExactSolver.LIMIT, s2.step(2.0));
    assertEquals(2.0, s2.time());
    assertEquals(ExactSolver.SCHEDULED, s2.step(Double.POSITIVE_INFINITY));
    assertEquals(2.5, s2.time());
    assertEquals(ExactSolver.STALLED, s2.step(Double.POSITIVE_INFINITY));
    assertEquals(List.of(8L, 9L), idle.tokens);
  }
}
