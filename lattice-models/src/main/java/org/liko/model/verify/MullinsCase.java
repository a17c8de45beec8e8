package org.liko.model.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.liko.model.MullinsCalibration;

/**
 * Mullins surface-diffusion smoothing of the lattice (Mullins, J. Appl. Phys. 28, 333, 1957):
 * a small sinusoid added to an equilibrated 2D Li film with surface hops only
 * ({@link MullinsLattice}: Butler-Volmer exchange off, closed system, bond J = 3 kT, the
 * numerical bond of calibrated coarse sites) decays as exp(-sigma t) with sigma(q) = B q^4.
 *
 * <p>Procedure. Equilibrium runs (flat film, burn-in, then windows of 1e4 / nu) give the
 * stiffness gamma~/kT = 1 / (L k^2 &lt;|h_q|^2&gt;) of the column masses h(x) (k = 2 sin(q/2),
 * the discrete second difference; modes of wavelength 8-16 sites, which equilibrate within
 * the burn-in) and the mobility sigma_m from the collective displacement X (the sum of the
 * lateral steps of all hops), &lt;X^2&gt; = 2 sigma_m L tau (Krug, Dobbs and Majaniemi, Z. Phys.
 * B 97, 281, 1995); the windows of the decay runs join the mobility (a sinusoid drives no net
 * X). Their final states carry the sinusoids: to each replica's copy of one of them,
 * round(A cos(q x)) sites are added on top of column x (A = 0.04 lambda; the issue allows up
 * to 0.05), and the replica-mean cosine amplitude C(t) is fitted by ln(C(t)/C(0)) = -sigma t
 * through the origin (C(0) is known exactly) up to about exp(-1).
 *
 * <p>Checks: (1) the exponent of sigma against q is 4 +- 0.4 (issue 14); (2) B_decay (sigma /
 * q^4, the exponent fixed at 4, geometric mean over the wavelengths) is within 25% of
 * B = sigma_m gamma~ / kT (issue 14); (3) that B is within 20% of
 * {@link MullinsCalibration#B_LATTICE}, the constant the coarse-site mapping uses. In the
 * continuum, dh/dt = -d/dx j with j = -(sigma_m / kT) d(mu)/dx + noise and
 * mu = -gamma~ d^2h/dx^2 (Omega = 1 site) give sigma = (sigma_m gamma~ / kT) q^4 and the
 * stationary &lt;|h_q|^2&gt; used for the stiffness: Mullins's D_s nu is sigma_m, the
 * collective mobility of the atoms that move (adatoms and atoms leaving kinks), not the
 * tracer diffusivity of all surface atoms.
 *
 * <p>Measured at the test size (96 columns, wavelengths 16, 24, 32 with 160, 64, 40 replicas;
 * 8 equilibrium replicas): B_decay / B = 0.80, 0.81, 0.96 on decision seeds 1000, 2000, 3000
 * (0.71 on tuning seed 60, which fails the 25% check), exponents 3.80, 4.00, 3.87 (3.97);
 * B = 2.44e-3, 2.71e-3, 2.49e-3 (2.35e-3) against B_LATTICE = 2.4e-3. B_decay scatters by
 * about 10-15% between seeds at this size and sits about 15% below the fluctuation B on
 * average, so the 25% check can fail on an unlucky seed; the exponent's spread is about 0.1.
 * Stiffness 1.32-1.38 per site (the exact 2D Ising stiffness along an axis,
 * sinh(2K + ln tanh K) with K = J / 4kT, is 1.25), mobility 1.75-1.95e-3 sites^2 nu. Heights
 * and X count only the band of {@link MullinsLattice#BAND} sites above the film: clusters that
 * leave the film and drift to the separator moved seed 3000's exponent from 3.87 to 3.62
 * before the band. The full size (wavelengths 16-128 on 128 columns; 42 times the quick work,
 * 74 % of it for lambda = 128, whose decay time grows as lambda^4) FAILS on seed 1000
 * (2026-12-01, 1443 s of CPU): sigma / q^4 = 1.89e-3, 2.35e-3, 1.46e-3 and -1.62e-3 (+- 0.63e-3)
 * at lambda = 16, 32, 64, 128 against B = 2.11e-3, so the exponent is NaN. The 10 replicas
 * of lambda = 128 carry a thermal amplitude (2.25 sites rms each) comparable to the imposed
 * 5.12, and detached clusters (about 100 per replica over that run) may add a systematic
 * (docs/validation.md); it needs more replicas there or a shorter wavelength range.
 */
public final class MullinsCase implements VerifyCase {
  static final int FILM = 16; // sites of Li under the mean surface
  static final double AMPLITUDE = 0.04; // of the wavelength (issue 14: at most 0.05)
  /** B of the lattice at J = 3 kT used only to choose run lengths (from tuning runs). */
  static final double B_GUESS = 2.1e-3;
  static final double DECAYS = 1.0; // run each wavelength to about exp(-DECAYS) of its amplitude
  static final int SAMPLES = 16;
  /** Window tau of the mobility &lt;X^2&gt; = 2 sigma_m L tau (1/nu): long against returns. */
  static final double WINDOW = 1.0e4;

  /** The sizes of one run. */
  record Plan(int width, int[] wavelengths, int[] replicas, int eqReplicas, int[] eqModes,
      double eqBurn, double eqRun, double window) {}

  /** The lattice's equilibrium: stiffness gamma~/kT and mobility with standard errors. */
  record Equilibrium(double stiffness, double stiffnessSe, double mobility, double mobilitySe,
      MullinsLattice[] states) {}

  static final int NZ = FILM + 32; // room above the film's band (MullinsLattice.BAND)

  /** Modes n of the stiffness at width 96: wavelengths 16 down to 8 sites. */
  static final int[] STIFFNESS_MODES_96 = {6, 7, 8, 9, 10, 11, 12};

  static Plan plan(Size size) {
    return switch (size) {
      case TEST, QUICK -> new Plan(96, new int[] {16, 24, 32}, new int[] {160, 64, 40}, 8,
          STIFFNESS_MODES_96, 1.0e6, 6.0e5, WINDOW);
      case FULL -> new Plan(128, new int[] {16, 32, 64, 128}, new int[] {320, 80, 20, 10}, 32,
          new int[] {8, 9, 10, 11, 12, 13, 14, 15, 16}, 1.0e6, 4.0e6, WINDOW);
    };
  }

  @Override
  public String id() {
    return "mullins";
  }

  @Override
  public String title() {
    return "Mullins surface-diffusion smoothing: sigma(q) = B q^4 with B from the lattice's"
        + " stiffness and mobility";
  }

  @Override
  public String reference() {
    return "Mullins, J. Appl. Phys. 28, 333 (1957): dh/dt = -B d^4h/dx^4, B = D_s nu Omega^2"
        + " gamma / kT; mobility from the collective displacement: Krug, Dobbs and Majaniemi,"
        + " Z. Phys. B 97, 281 (1995); stiffness from <|h_q|^2> = kT / (L gamma~ q^2)";
  }

  @Override
  public long seed() {
    return 1000L;
  }

  @Override
  public Outcome run(Size size, long seed) {
    return run(plan(size), seed);
  }

  /** Runs the case on the sizes of a plan. */
  Outcome run(Plan p, long seed) {
    int nw = p.wavelengths().length;
    double[] q = new double[nw];
    double[] sigma = new double[nw];
    double[] sigmaSe = new double[nw];
    Equilibrium eq = equilibrium(p, seed);
    long next = seed + p.eqReplicas();
    double x2 = 0; // mobility windows of the decay runs (the profile drives no net X)
    double windows = 0;
    for (int w = 0; w < nw; w++) {
      int lam = p.wavelengths()[w];
      q[w] = 2 * Math.PI / lam;
      double[] f = decayRate(eq.states(), lam, p.replicas()[w], next);
      next += p.replicas()[w];
      sigma[w] = f[0];
      sigmaSe[w] = f[1];
      x2 += f[2];
      windows += f[3];
    }
    double[] fit = Fits.line(Fits.log(q), Fits.log(sigma));
    double exponent = fit[1];
    // B with the exponent fixed at 4: mean of ln(sigma / q^4)
    double[] lnB = new double[nw];
    for (int w = 0; w < nw; w++) {
      lnB[w] = Math.log(sigma[w] / Math.pow(q[w], 4));
    }
    double bDecay = Math.exp(Fits.mean(lnB));
    double stiffness = eq.stiffness(); // gamma~ / kT, per site
    // mobility: the windows of the equilibrium runs and of the decay runs, pooled
    double eqWindows = p.eqReplicas() * Math.round(p.eqRun() / WINDOW);
    double decayMobility = x2 / (2.0 * p.width() * WINDOW * windows);
    double mobility = (eq.mobility() * eqWindows + decayMobility * windows)
        / (eqWindows + windows);
    double mobilitySe = mobility * Math.sqrt(2 / (eqWindows + windows));
    double bFluct = mobility * stiffness;

    List<Check> checks = new ArrayList<>();
    StringBuilder perWavelength = new StringBuilder();
    for (int i = 0; i < nw; i++) {
      perWavelength.append(String.format(Locale.ROOT, "%s%d: %.3g +- %.2g", i > 0 ? ", " : "",
          p.wavelengths()[i], sigma[i] / Math.pow(q[i], 4), sigmaSe[i] / Math.pow(q[i], 4)));
    }
    checks.add(new Check("exponent of sigma(q)", exponent, 4.0, 0.4, String.format(Locale.ROOT,
        "least squares of ln sigma on ln q over lambda = %d..%d sites, s.e. %.3f; sigma / q^4"
        + " by wavelength (s.e. from 8 blocks of replicas): %s", p.wavelengths()[0],
        p.wavelengths()[nw - 1], fit[2], perWavelength)));
    checks.add(Check.relative("Mullins coefficient B from decay (sites^4 nu)", bDecay, bFluct,
        0.25, String.format(Locale.ROOT, "expected: mobility %.4g sites^2 nu (s.e. %.2g) x"
            + " stiffness gamma~/kT %.4f per site (s.e. %.3f) from equilibrium fluctuations",
            mobility, mobilitySe, stiffness, eq.stiffnessSe())));
    checks.add(Check.relative("lattice B = mobility x stiffness / kT (sites^4 nu)", bFluct,
        MullinsCalibration.B_LATTICE, 0.20, "the constant of the coarse-site calibration"
        + " (MullinsCalibration.B_LATTICE, measured on 16 replicas x 4e6 / nu on 128 columns)"));
    double[] line = new double[nw];
    for (int w = 0; w < nw; w++) {
      line[w] = bFluct * Math.pow(q[w], 4);
    }
    CaseFigure fig = new CaseFigure("Mullins smoothing: decay rate of a sinusoid",
        "wavenumber q (1/site)", "decay rate sigma (nu)", true, true, List.of(
        CaseFigure.measured("model, decay of the cosine amplitude", q, sigma),
        CaseFigure.theory("B q^4, B = mobility x stiffness / kT (equilibrium)", q, line)));
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < nw; i++) {
      w.append(String.format(Locale.ROOT, "%s%d (%d replicas)", i > 0 ? ", " : "",
          p.wavelengths()[i], p.replicas()[i]));
    }
    return new Outcome(checks, fig, String.format(Locale.ROOT, "2D film, width %d sites,"
        + " J = %.1f kT, hops only; wavelengths %s, amplitude %.2f lambda; equilibrium:"
        + " %d replicas, %.3g nu^-1 each after %.3g burn-in, whose final states carry the"
        + " sinusoids; seeds %d..%d", p.width(), MullinsCalibration.BOND_KT, w, AMPLITUDE,
        p.eqReplicas(), p.eqRun(), p.eqBurn(), seed, next - 1));
  }

  /**
   * Decay rate of wavelength lam on copies of the equilibrium states: {sigma, its standard
   * error, sum of X^2 over the mobility windows, number of windows}, from the
   * replica mean of the cosine amplitude at SAMPLES times up to DECAYS / (B_GUESS q^4); the fit
   * fits ln(C(t) / C(0)) = -sigma t through the origin (C(0), the rounded initial profile's
   * amplitude, is exact) over the samples whose mean amplitude is above 0.15 of C(0).
   */
  static double[] decayRate(MullinsLattice[] starts, int lam, int replicas, long seed) {
    int width = starts[0].nx;
    double q = 2 * Math.PI / lam;
    double tEnd = DECAYS / (B_GUESS * Math.pow(q, 4));
    int n = width / lam;
    int[] h = new int[width];
    for (int x = 0; x < width; x++) {
      h[x] = (int) Math.round(AMPLITUDE * lam * Math.cos(q * x));
    }
    double[][] c = Fits.replicas(replicas, r -> {
      MullinsLattice m = new MullinsLattice(starts[r % starts.length], seed + r);
      m.addProfile(h);
      long[] dx = m.observeDisplacement();
      double[] a = new double[SAMPLES + 3]; // C(t_k); sum of X^2 over windows; windows
      double nextWindow = WINDOW;
      for (int k = 0; k <= SAMPLES; k++) {
        double t = tEnd * k / SAMPLES;
        while (nextWindow <= t) {
          m.runTo(nextWindow);
          a[SAMPLES + 1] += (double) dx[0] * dx[0];
          a[SAMPLES + 2]++;
          dx[0] = 0;
          nextWindow += WINDOW;
        }
        m.runTo(t);
        a[k] = MullinsLattice.cosine(m.heights(), n);
      }
      return a;
    }, double[][]::new);
    double sigma = fitRate(c, 0, 1, tEnd);
    // standard error from 8 blocks of replicas (replica r in block r mod 8)
    double[] block = new double[Math.min(8, replicas)];
    for (int k = 0; k < block.length; k++) {
      block[k] = fitRate(c, k, block.length, tEnd);
    }
    double x2 = 0;
    double windows = 0;
    for (double[] a : c) {
      x2 += a[SAMPLES + 1];
      windows += a[SAMPLES + 2];
    }
    return new double[] {sigma, Fits.se(block), x2, windows};
  }

  /**
   * Decay rate of the mean of replicas first, first + stride, ...: ln(C(t) / C(0)) = -sigma t
   * fitted through the origin (C(0) is known exactly) over the samples whose mean amplitude is
   * above 0.15 of C(0).
   */
  static double fitRate(double[][] c, int first, int stride, double tEnd) {
    double[] mean = new double[SAMPLES + 1];
    int count = 0;
    for (int r = first; r < c.length; r += stride) {
      count++;
      for (int k = 0; k <= SAMPLES; k++) {
        mean[k] += c[r][k];
      }
    }
    double sty = 0;
    double stt = 0;
    for (int k = 1; k <= SAMPLES; k++) {
      if (mean[k] > 0.15 * mean[0]) {
        double t = tEnd * k / SAMPLES;
        sty += t * Math.log(mean[k] / mean[0]);
        stt += t * t;
      }
    }
    return -sty / stt;
  }

  /**
   * Equilibrium of a flat film: {gamma~/kT, its s.e., mobility, its s.e.}. Stiffness
   * gamma~/kT = 1 / (L q^2 &lt;|h_q|^2&gt;) averaged over the modes eqModes (sampled every
   * window after the burn-in); mobility &lt;X^2&gt; / (2 L tau) over windows tau.
   */
  static Equilibrium equilibrium(Plan p, long seed) {
    int width = p.width();
    int[] modes = p.eqModes();
    int windows = (int) Math.round(p.eqRun() / p.window());
    int nm = modes.length;
    MullinsLattice[] states = new MullinsLattice[p.eqReplicas()];
    double[][] res = Fits.replicas(p.eqReplicas(), r -> {
      MullinsLattice m = new MullinsLattice(width, NZ, FILM, seed + r);
      states[r] = m;
      long[] dx = m.observeDisplacement();
      m.runTo(p.eqBurn());
      double[] out = new double[nm + 1]; // mean |h_q|^2 per mode; mean X^2 / tau

      for (int k = 0; k < windows; k++) {
        dx[0] = 0;
        m.runTo(p.eqBurn() + (k + 1) * p.window());
        out[nm] += (double) dx[0] * dx[0] / p.window() / windows;
        int[] h = m.heights();
        for (int j = 0; j < nm; j++) {
          out[j] += MullinsLattice.power(h, modes[j]) / windows;
        }
      }
      m.model.observeHops(null);
      return out;
    }, double[][]::new);
    int rn = res.length;
    double[] inv = new double[rn]; // L k^2 <|h_q|^2> = kT / gamma~, mean over the modes
    double[] mob = new double[rn];
    for (int r = 0; r < rn; r++) {
      for (int j = 0; j < nm; j++) {
        double k = lattice(2 * Math.PI * modes[j] / width);
        inv[r] += width * k * k * res[r][j] / nm;
      }
      mob[r] = res[r][nm] / (2.0 * width);
    }
    double stiffness = 1 / Fits.mean(inv);
    return new Equilibrium(stiffness, Fits.se(inv) * stiffness * stiffness, Fits.mean(mob),
        Fits.se(mob), states);
  }

  /** The lattice wavenumber 2 sin(q / 2) of the discrete second difference. */
  static double lattice(double q) {
    return 2 * Math.sin(q / 2);
  }

}
