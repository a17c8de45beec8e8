package org.liko.engine.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Compares the first-passage jump with a brute-force simulation of single hops.
 */
class FirstPassageSamplingTest {

    private static final double ALPHA = 1e-3;
    private static final double G = 1.7;

    /** Results of n exits: times, sides, and lateral displacements (n * (d-1) of them). */
    record Exits(double[] times, int[] sides, long[] lateral) {
    }

    /**
     * Full single-hop walk on the d-dimensional lattice, rate G to each of the 2d neighbours,
     * until |z - z0| = r.
     */
    static Exits bruteForce(int r, int d, int n, UniformRandomProvider rng) {
        double[] times = new double[n];
        int[] sides = new int[n];
        long[] lat = new long[n * (d - 1)];
        double total = 2 * d * G;
        long[] pos = new long[d - 1];
        for (int s = 0; s < n; s++) {
            double t = 0;
            int z = 0;
            java.util.Arrays.fill(pos, 0L);
            while (Math.abs(z) < r) {
                t += -Math.log(1.0 - rng.nextDouble()) / total;
                int move = rng.nextInt(2 * d);
                int axis = move >> 1;
                int step = (move & 1) == 0 ? 1 : -1;
                if (axis == d - 1) {
                    z += step;
                } else {
                    pos[axis] += step;
                }
            }
            times[s] = t;
            sides[s] = z > 0 ? 1 : -1;
            for (int a = 0; a < d - 1; a++) {
                lat[s * (d - 1) + a] = pos[a];
            }
        }
        return new Exits(times, sides, lat);
    }

    static Exits firstPassage(int r, int d, int n, UniformRandomProvider rng) {
        FirstPassage fp = new FirstPassage(r);
        double[] times = new double[n];
        int[] sides = new int[n];
        long[] lat = new long[n * (d - 1)];
        for (int s = 0; s < n; s++) {
            double t = fp.sampleExitTime(r, G, rng);
            times[s] = t;
            sides[s] = fp.sampleExitSide(rng);
            for (int a = 0; a < d - 1; a++) {
                lat[s * (d - 1) + a] = fp.sampleLateral(G * t, rng);
            }
        }
        return new Exits(times, sides, lat);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    static double[] toDouble(long[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }

    /** Mean of x^2 (the displacement has zero mean by symmetry) and its standard error. */
    static double[] secondMoment(long[] x) {
        double s = 0;
        double s2 = 0;
        for (long v : x) {
            double q = (double) v * v;
            s += q;
            s2 += q * q;
        }
        double m = s / x.length;
        double var = s2 / x.length - m * m;
        return new double[] {m, Math.sqrt(var / x.length)};
    }

    @ParameterizedTest(name = "r={0} d={1}")
    @CsvSource({"3,2", "3,3", "10,2", "10,3"})
    void matchesBruteForce(int r, int d) {
        final int n = 100_000; // keeps the 5% lateral-variance check at > 5 standard errors
        final long seed = 0x5EEDL * 1_000_003L + 97L * r + d;
        System.out.printf("FirstPassageSamplingTest r=%d d=%d seed=%d n=%d%n", r, d, seed, n);
        UniformRandomProvider rngBrute = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        UniformRandomProvider rngFp = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 1);
        Exits brute = bruteForce(r, d, n, rngBrute);
        Exits fp = firstPassage(r, d, n, rngFp);

        KolmogorovSmirnovTest ks = KolmogorovSmirnovTest.withDefaults();
        // exit-time distributions: sampler vs brute force, and each against the closed form
        double pTwo = ks.test(fp.times(), brute.times()).getPValue();
        double pBrute = ks.test(brute.times(), t -> FirstPassage.exitProbability(r, G * t)).getPValue();
        double pFp = ks.test(fp.times(), t -> FirstPassage.exitProbability(r, G * t)).getPValue();
        System.out.printf("  KS p: fp-vs-brute=%.4f brute-vs-exact=%.4f fp-vs-exact=%.4f%n", pTwo, pBrute, pFp);
        assertTrue(pTwo > ALPHA, "two-sample KS p=" + pTwo);
        assertTrue(pBrute > ALPHA, "brute vs exact KS p=" + pBrute);
        assertTrue(pFp > ALPHA, "sampler vs exact KS p=" + pFp);

        // mean exit time r^2 / (2G) within 3 standard errors
        double expectedMean = FirstPassage.meanExitTime(r, G);
        for (Exits e : new Exits[] {fp, brute}) {
            double m = mean(e.times());
            double se = Math.sqrt(variance(e.times()) / n);
            System.out.printf("  mean T=%.5f expected=%.5f se=%.5f%n", m, expectedMean, se);
            assertEquals(expectedMean, m, 3 * se);
        }

        // exit side 1/2 within 3 standard errors
        double seSide = Math.sqrt(0.25 / n);
        for (Exits e : new Exits[] {fp, brute}) {
            double up = 0;
            for (int s : e.sides()) {
                up += s > 0 ? 1 : 0;
            }
            up /= n;
            System.out.printf("  P(up)=%.4f%n", up);
            assertEquals(0.5, up, 3 * seSide);
        }

        // lateral displacement: zero mean, variance 2 G E[T] = r^2, sampler vs brute within 5%
        double[] mFp = secondMoment(fp.lateral());
        double[] mBrute = secondMoment(brute.lateral());
        double theory = 2 * G * expectedMean;
        System.out.printf("  lateral var: fp=%.3f (se %.3f) brute=%.3f (se %.3f) theory=%.3f%n",
                mFp[0], mFp[1], mBrute[0], mBrute[1], theory);
        assertEquals(mBrute[0], mFp[0], 0.05 * mBrute[0]);
        assertEquals(theory, mFp[0], Math.min(0.05 * theory, 4 * mFp[1]));
        assertEquals(theory, mBrute[0], Math.min(0.05 * theory, 4 * mBrute[1]));
        double[] latFp = toDouble(fp.lateral());
        assertEquals(0.0, mean(latFp), 4 * Math.sqrt(variance(latFp) / latFp.length));
    }

    /** Rough throughput for r = 50 (printed, with only a sanity bound asserted). */
    @Test
    void throughputR50() {
        final int r = 50;
        FirstPassage fp = new FirstPassage(r);
        fp.prepare(r);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12345L);
        double sink = 0;
        for (int i = 0; i < 100_000; i++) { // warm-up
            sink += fp.sampleExitTime(r, G, rng);
        }
        final int n = 400_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += fp.sampleExitTime(r, G, rng);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            double t = fp.sampleExitTime(r, G, rng);
            sink += fp.sampleExitSide(rng) + fp.sampleLateral(G * t, rng) + fp.sampleLateral(G * t, rng);
        }
        long t2 = System.nanoTime();
        double rateT = n / ((t1 - t0) * 1e-9);
        double rateFull = n / ((t2 - t1) * 1e-9);
        System.out.printf("throughput r=%d: exit time %.3g samples/s; time+side+2 lateral %.3g samples/s (sink %.3g)%n",
                r, rateT, rateFull, sink);
        assertTrue(rateT > 1e4);
    }
}
