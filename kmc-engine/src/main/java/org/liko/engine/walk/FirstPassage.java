package org.liko.engine.walk;

import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;

/**
 * Exact first-passage jump for a continuous-time simple random walk in an empty slab
 * (first-passage kinetic Monte Carlo, T. Oppelstrup, V. V. Bulatov, A. Donev, M. H. Kalos,
 * G. H. Gilmer, B. Sadigh, "First-passage kinetic Monte Carlo method",
 * Phys. Rev. E 80, 066701 (2009)).
 *
 * <h2>Model</h2>
 * A walker hops with rate {@code G} to each face neighbour of a square (2D, axes x,z) or
 * simple cubic (3D, axes x,y,z) lattice, total rate {@code 2dG}. All sites with
 * {@code |z - z0| < r} are empty and the lateral directions are free, so instead of simulating
 * single hops we jump directly to the first time {@code T} at which {@code |z - z0| = r}.
 * Because the hops along different axes are independent Poisson processes (superposition
 * theorem), the z coordinate is a 1D continuous-time walk with rate {@code G} to each side,
 * independent of the lateral coordinates, each of which is also a 1D walk with rate {@code G}
 * to each side.
 *
 * <h2>Exit time</h2>
 * Put {@code j = z - z0 + r}, interior sites {@code j = 1..2r-1}, absorbing sites {@code 0} and
 * {@code 2r}. The sub-generator is {@code G(E + E^T - 2I)} on the {@code 2r-1} interior sites
 * (Dirichlet discrete Laplacian) with eigenvectors {@code v_k(j) = sin(k pi j / 2r)} and
 * eigenvalues {@code -lambda_k}, {@code lambda_k = 2G(1 - cos(k pi / 2r)) = 4G sin^2(k pi / 4r)},
 * {@code k = 1..2r-1}. Expanding the start vector {@code delta_{j,r}} in the orthogonal basis
 * ({@code |v_k|^2 = r}) and summing over the interior,
 * <pre>
 *   S(t) = P(T &gt; t) = (1/r) sum_k sin(k pi/2) [sum_{j=1}^{2r-1} sin(k pi j/2r)] exp(-lambda_k t).
 * </pre>
 * {@code sin(k pi/2)} vanishes for even {@code k} and is {@code (-1)^((k-1)/2)} for odd {@code k};
 * for odd {@code k} the inner (Lagrange) sum is {@code cot(k pi / 4r)}. Hence
 * <pre>
 *   S(t) = (1/r) sum_{k odd} (-1)^((k-1)/2) cot(k pi/4r) exp(-lambda_k t),
 * </pre>
 * with {@code S(0) = 1} exactly; for {@code r = 1}, {@code S(t) = exp(-2Gt)}. The mean is
 * {@code E[T] = r^2/(2G)} (the embedded discrete walk needs {@code r^2} steps on average, each
 * taking {@code 1/(2G)}). The formula is checked against a matrix exponential of the master
 * equation in the tests.
 *
 * <p>The eigen-expansion loses relative accuracy for the small exit probability
 * {@code F = 1 - S} at short times (terms of size O(1) cancel to {@code F ~ 2(Gt)^r / r!}).
 * For {@code F < 10^-2} we therefore use uniformisation instead:
 * {@code F(t) = sum_n Poisson(n; 2Gt) A_n}, where {@code A_n} is the probability that the
 * embedded discrete walk (step +-1 with probability 1/2) is absorbed within {@code n} steps,
 * tabulated once per {@code r} by a positive (cancellation-free) dynamic programme. Both
 * representations are exact; they are matched at the switch point.
 *
 * <h2>Exit side and lateral displacement</h2>
 * By the z -&gt; -z symmetry the exit is through {@code z0 + r} or {@code z0 - r} with
 * probability 1/2 each, independent of {@code T}. Given {@code T}, each lateral coordinate has
 * moved by {@code N+ - N-} with {@code N+-} independent Poisson({@code GT}) (a Skellam variate),
 * with variance {@code 2GT}; averaged over {@code T} this is {@code 2G E[T] = r^2}.
 *
 * <h2>Usage</h2>
 * Tables (eigenvalues, coefficients, uniformisation table) are built once per {@code r} and
 * shared (immutable, thread-safe). A {@code FirstPassage} instance keeps scratch state, so use
 * one instance per thread. {@link #sampleExitTime} does not allocate (after the table for
 * {@code r} exists); {@link #sampleLateral} uses commons-rng {@link PoissonSampler#of}, which
 * creates two small sampler objects per call.
 */
public final class FirstPassage {

    /** Below this exit probability {@code F = 1 - S} the uniformisation representation is used. */
    static final double F_SWITCH = 1e-2;
    /** Relative tolerance on the sampled time. */
    private static final double REL_TOL = 1e-13;
    private static final int MAX_ITER = 300;

    private static final ConcurrentHashMap<Integer, Table> SHARED = new ConcurrentHashMap<>();

    private final Table[] tables;

    // scratch values set by eval(): survival, exit probability, density (all in units gt = G*t)
    private double evS;
    private double evF;
    private double evDens;

    /**
     * Creates a sampler whose tables for {@code r = 1..maxRadius} are cached locally (built
     * lazily on first use, or eagerly with {@link #prepare(int)}).
     *
     * @param maxRadius largest radius used with this sampler (larger radii still work, via the
     *                  shared cache)
     */
    public FirstPassage(int maxRadius) {
        if (maxRadius < 1) {
            throw new IllegalArgumentException("maxRadius must be >= 1: " + maxRadius);
        }
        this.tables = new Table[maxRadius + 1];
    }

    /** Builds the table for radius {@code r} now (so that later sampling does not allocate). */
    public void prepare(int r) {
        table(r);
    }

    // ------------------------------------------------------------------ static analytic API

    /**
     * Survival probability {@code P(T > t)} of the exit time from {@code (z0 - r, z0 + r)}.
     *
     * @param r  half-width of the open interval, {@code >= 1}
     * @param gt dimensionless time {@code G * t}, {@code >= 0}
     * @return {@code S(t)}, from the eigen-expansion (or {@code 1 - F} from uniformisation at
     *         short times, which is the same number to rounding)
     */
    public static double survival(int r, double gt) {
        Table t = shared(r);
        if (gt <= 0) {
            return 1.0;
        }
        return gt <= t.xSwitch ? 1.0 - t.exitProbUnif(gt) : t.survivalEigen(gt);
    }

    /**
     * Exit probability {@code P(T <= t) = 1 - S(t)}, accurate in relative terms also when it is
     * tiny (short times).
     */
    public static double exitProbability(int r, double gt) {
        Table t = shared(r);
        if (gt <= 0) {
            return 0.0;
        }
        return gt <= t.xSwitch ? t.exitProbUnif(gt) : 1.0 - t.survivalEigen(gt);
    }

    /**
     * Probability density of {@code G*T} at {@code gt}, i.e. {@code -dS/d(gt)}.
     */
    public static double exitTimeDensity(int r, double gt) {
        Table t = shared(r);
        if (gt < 0) {
            return 0.0;
        }
        return gt <= t.xSwitch ? t.densityUnif(gt) : t.densityEigen(gt);
    }

    /** Mean exit time {@code r^2 / (2G)}. */
    public static double meanExitTime(int r, double g) {
        return (double) r * r / (2.0 * g);
    }

    // ------------------------------------------------------------------ sampling

    /**
     * Samples the exit time {@code T} by inversion of the exact distribution, solved with a
     * bracketed (safeguarded) Newton iteration to a relative tolerance of about 1e-13 on T.
     *
     * @param r   half-width, {@code >= 1}
     * @param g   hop rate to each neighbour, {@code > 0}
     * @param rng source of randomness (one uniform deviate consumed, rarely more)
     * @return exit time {@code T > 0}
     */
    public double sampleExitTime(int r, double g, UniformRandomProvider rng) {
        if (!(g > 0) || Double.isInfinite(g)) {
            throw new IllegalArgumentException("rate must be positive and finite: " + g);
        }
        Table tab = table(r);
        double w;
        do {
            w = rng.nextDouble(); // multiple of 2^-53 in [0, 1)
        } while (w == 0.0);
        return solve(tab, w) / g;
    }

    /** Samples the exit side: {@code +1} (through {@code z0 + r}) or {@code -1}, 1/2 each. */
    public int sampleExitSide(UniformRandomProvider rng) {
        return rng.nextBoolean() ? 1 : -1;
    }

    /**
     * Samples the displacement along one free lateral axis after time {@code t} with
     * {@code gt = G*t}: the difference of two independent Poisson({@code gt}) draws (Skellam).
     * Call once per lateral axis (once in 2D, twice in 3D), with the same {@code gt}.
     */
    public long sampleLateral(double gt, UniformRandomProvider rng) {
        if (!(gt >= 0) || Double.isInfinite(gt)) {
            throw new IllegalArgumentException("gt must be finite and >= 0: " + gt);
        }
        if (gt == 0.0) {
            return 0L;
        }
        long plus = PoissonSampler.of(rng, gt).sample();
        long minus = PoissonSampler.of(rng, gt).sample();
        return plus - minus;
    }

    // ------------------------------------------------------------------ internals

    private Table table(int r) {
        if (r < 1) {
            throw new IllegalArgumentException("radius must be >= 1: " + r);
        }
        if (r < tables.length) {
            Table t = tables[r];
            if (t == null) {
                t = shared(r);
                tables[r] = t;
            }
            return t;
        }
        return shared(r);
    }

    private static Table shared(int r) {
        if (r < 1) {
            throw new IllegalArgumentException("radius must be >= 1: " + r);
        }
        return SHARED.computeIfAbsent(r, Table::new);
    }

    /** Evaluates S, F and the density at x = G t into the scratch fields. */
    private void eval(Table t, double x) {
        if (x <= t.xSwitch) {
            evF = t.exitProbUnif(x);
            evS = 1.0 - evF;
            evDens = t.densityUnif(x);
        } else {
            evS = t.survivalEigen(x);
            evF = 1.0 - evS;
            evDens = t.densityEigen(x);
        }
    }

    /**
     * Solves F(x) = w (w &lt; 1/2, Newton on ln F versus ln x) or S(x) = 1 - w (w &gt;= 1/2,
     * exact subtraction, Newton on ln S versus x), keeping a bracket [lo, hi].
     */
    double solve(Table t, double w) {
        final boolean useF = w < 0.5;
        final double target = useF ? w : 1.0 - w;
        final double lnTarget = StrictMath.log(target);
        double lo = 0.0;
        double hi = Double.POSITIVE_INFINITY;
        double x = useF ? t.guessF(w) : t.guessS(target);
        for (int it = 0; it < MAX_ITER; it++) {
            eval(t, x);
            final double val = useF ? evF : evS;
            // g is increasing in x and vanishes at the root
            final double g = useF ? StrictMath.log(val) - lnTarget : lnTarget - StrictMath.log(val);
            if (g < 0) {
                lo = x;
            } else if (g > 0) {
                hi = x;
            } else {
                return x;
            }
            final double gp = evDens / val; // dg/dx in both cases
            double xn;
            if (useF) {
                xn = x * StrictMath.exp(-g / (x * gp));
            } else {
                xn = x - g / gp;
            }
            if (!(xn > lo && xn < hi)) {
                // Newton left the bracket (or was undefined): expand or bisect
                if (hi == Double.POSITIVE_INFINITY) {
                    xn = 2.0 * x;
                } else if (lo == 0.0) {
                    xn = 0.25 * hi;
                } else {
                    xn = 0.5 * (lo + hi);
                }
            }
            if (Math.abs(xn - x) <= REL_TOL * xn || (hi - lo) <= REL_TOL * lo) {
                return xn;
            }
            x = xn;
        }
        // bracket converged as far as floating point allows
        return hi == Double.POSITIVE_INFINITY ? x : 0.5 * (lo + hi);
    }

    /** Per-radius immutable data. All times are dimensionless, x = G t. */
    static final class Table {
        final int r;
        /** lambda_k / G for odd k = 2i+1, increasing. */
        final double[] mu;
        /** (-1)^i cot(k pi / 4r) / r for odd k = 2i+1, decreasing in magnitude. */
        final double[] coef;
        /** coef * mu. */
        final double[] coefMu;
        /** x below which F < F_SWITCH and uniformisation is used. */
        final double xSwitch;
        /** A_n, cumulative absorption probability of the embedded walk within n steps. */
        final double[] cumAbs;
        /** h_n = A_n - A_{n-1}, absorption exactly at step n (h_0 = 0). */
        final double[] stepAbs;

        Table(int r) {
            this.r = r;
            mu = new double[r];
            coef = new double[r];
            coefMu = new double[r];
            for (int i = 0; i < r; i++) {
                int k = 2 * i + 1;
                double a = k * StrictMath.PI / (4.0 * r);
                double s = StrictMath.sin(a);
                mu[i] = 4.0 * s * s;
                double c = StrictMath.cos(a) / s / r;
                coef[i] = (i % 2 == 0) ? c : -c;
                coefMu[i] = coef[i] * mu[i];
            }
            // locate switch point on the eigen-expansion by bisection (coarse accuracy suffices)
            double lo = 0.0;
            double hi = 1.0;
            while (1.0 - survivalEigen(hi) < F_SWITCH) {
                lo = hi;
                hi *= 2.0;
            }
            for (int i = 0; i < 60; i++) {
                double mid = 0.5 * (lo + hi);
                if (1.0 - survivalEigen(mid) < F_SWITCH) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            xSwitch = lo;
            double lam = 2.0 * xSwitch;
            int nMax = (int) StrictMath.ceil(lam + 12.0 * StrictMath.sqrt(lam)) + r + 64;
            cumAbs = new double[nMax + 2];
            stepAbs = new double[nMax + 2];
            // embedded discrete walk on interior sites 1..2r-1 (array indices 1..2r-1)
            double[] p = new double[2 * r + 1];
            double[] q = new double[2 * r + 1];
            p[r] = 1.0;
            double acc = 0.0;
            for (int n = 1; n < cumAbs.length; n++) {
                double absorbed = 0.5 * (p[1] + p[2 * r - 1]); // = p[1] when r == 1
                for (int j = 1; j <= 2 * r - 1; j++) {
                    q[j] = 0.5 * (p[j - 1] + p[j + 1]);
                }
                q[0] = 0.0;
                q[2 * r] = 0.0;
                double[] tmp = p;
                p = q;
                q = tmp;
                acc += absorbed;
                stepAbs[n] = absorbed;
                cumAbs[n] = acc;
            }
        }

        /** Eigen-expansion of S(x), terms truncated once negligible (they decrease in size). */
        double survivalEigen(double x) {
            double first = coef[0] * StrictMath.exp(-mu[0] * x);
            double sum = first;
            double cut = 1e-18 * Math.abs(first);
            for (int i = 1; i < r; i++) {
                double term = coef[i] * StrictMath.exp(-mu[i] * x);
                sum += term;
                // |coef| decreases with i, so r * |term| bounds all remaining terms together
                if (r * Math.abs(term) < cut) {
                    break;
                }
            }
            return sum;
        }

        /** -dS/dx from the eigen-expansion. */
        double densityEigen(double x) {
            double first = coefMu[0] * StrictMath.exp(-mu[0] * x);
            double sum = first;
            double cut = 1e-18 * Math.abs(first);
            for (int i = 1; i < r; i++) {
                double e = StrictMath.exp(-mu[i] * x);
                sum += coefMu[i] * e;
                // |coefMu| = 2 sin(k pi / 2r) / r <= 2 / r, so 2 e bounds all remaining terms
                if (2.0 * e < cut) {
                    break;
                }
            }
            return sum;
        }

        /** F(x) = sum_n Pois(n; 2x) A_n, valid for x <= xSwitch. */
        double exitProbUnif(double x) {
            return unif(x, cumAbs, 0);
        }

        /** dF/dx = 2 sum_n Pois(n; 2x) h_{n+1}, valid for x <= xSwitch. */
        double densityUnif(double x) {
            return 2.0 * unif(x, stepAbs, 1);
        }

        /** sum_n Pois(n; 2x) a[n + shift], Poisson weights by recursion from the mode, normalised. */
        private double unif(double x, double[] a, int shift) {
            double lam = 2.0 * x;
            int last = a.length - 1 - shift;
            int mode = (int) lam;
            int width = (int) StrictMath.ceil(12.0 * StrictMath.sqrt(lam)) + 32;
            int nLo = Math.max(0, mode - width);
            int nHi = Math.min(last, mode + width + r);
            double norm = 1.0;
            double sum = a[mode + shift];
            double wgt = 1.0;
            for (int n = mode + 1; n <= nHi; n++) {
                wgt *= lam / n;
                norm += wgt;
                sum += wgt * a[n + shift];
            }
            wgt = 1.0;
            for (int n = mode; n > nLo; n--) {
                wgt *= n / lam;
                norm += wgt;
                sum += wgt * a[n - 1 + shift];
            }
            return sum / norm;
        }

        /** Initial guess for S(x) = s (s <= 1/2) from the slowest mode. */
        double guessS(double s) {
            double x = StrictMath.log(coef[0] / s) / mu[0];
            return x > 0 ? x : 1.0 / mu[0];
        }

        /** Initial guess for F(x) = w (w < 1/2). */
        double guessF(double w) {
            if (w > 0.2) {
                return guessS(1.0 - w);
            }
            // Brownian short-time tail F ~ 4 Phi_c(r / sqrt(2x)) ~ exp(-r^2 / 4x)
            double x = (double) r * r / (4.0 * StrictMath.log(4.0 / w));
            return Math.min(x, guessS(0.5));
        }
    }
}
