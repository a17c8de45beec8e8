package org.liko.model.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.liko.model.Scenario;
import org.liko.model.Simulation;

/**
 * The SPPARKS-equivalent decks ({@code bench/bc3d_hop.yaml}, {@code bench/bc3d.yaml}, packed
 * into the jar): bond-counting hops (E_d = 0, E_b = 0.10 eV, nu = 1, face hops only) of a 0.3 ML
 * adatom layer at kT = 0.06 eV, and the same hops with vertical-incidence deposition at 300 K.
 * The events per model time of the exact solver, and for {@code bc3d} the final RMS roughness in
 * sites, are compared with one SPPARKS run of each deck ({@link SpparksReference}).
 *
 * <p>Tolerance: the SPPARKS number is one run and the model's is a mean over R replicas, so the
 * difference has standard deviation s sqrt(1 + 1/R) where s is the relative run-to-run spread
 * of one run (assumed the same in both codes: identical physics), measured on the tuning seeds
 * 1-8 of this deck (see the constants); the bound is 3 such standard deviations plus the known
 * rule difference (SPPARKS hops a neighbourless atom with Q = 0.10 eV, liko with E_d = 0: rare,
 * taken as 1%).
 */
public final class SpparksDeckCase implements VerifyCase {
  /**
   * Relative run-to-run standard deviation of events per time, bc3d_hop: 2.2% (seeds 1-8:
   * mean 42.47 events per 1/nu).
   */
  static final double SPREAD_HOP_EVENTS = 0.022;
  /**
   * Relative run-to-run standard deviation of events per time, bc3d: 4.5% (seeds 1-8: mean
   * 1.231 events per 1/nu).
   */
  static final double SPREAD_EVENTS = 0.045;
  /**
   * Relative run-to-run standard deviation of the final roughness, bc3d: 1.3% (seeds 1-8:
   * mean 2.256 sites).
   */
  static final double SPREAD_ROUGHNESS = 0.013;
  /** Allowance for the rule difference on neighbourless atoms. */
  static final double RULES = 0.01;

  private final boolean deposition;

  private SpparksDeckCase(boolean deposition) {
    this.deposition = deposition;
  }

  /** {@code bench/bc3d_hop.yaml}: hops only. */
  public static SpparksDeckCase hops() {
    return new SpparksDeckCase(false);
  }

  /** {@code bench/bc3d.yaml}: hops and deposition. */
  public static SpparksDeckCase withDeposition() {
    return new SpparksDeckCase(true);
  }

  @Override
  public String id() {
    return deposition ? "spparks-bc3d" : "spparks-bc3d-hop";
  }

  @Override
  public String title() {
    return deposition ? "SPPARKS in.bc3d (bench/bc3d.yaml): events per model time and roughness"
        : "SPPARKS in.bc3d_hop (bench/bc3d_hop.yaml): events per model time";
  }

  @Override
  public String reference() {
    return SpparksReference.PROVENANCE;
  }

  @Override
  public long seed() {
    return 1000L;
  }

  /** Replicas of a size. */
  static int replicas(Size size) {
    return switch (size) {
      case TEST -> 1;
      case QUICK -> 2;
      case FULL -> 8;
    };
  }

  /** The deck's scenario text from the jar (copied from bench/ at build time). */
  static String deck(String name) {
    try (InputStream in = SpparksDeckCase.class.getResourceAsStream(name + ".yaml")) {
      if (in == null) {
        throw new IllegalStateException("deck " + name + ".yaml missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Outcome run(Size size, long seed) {
    String name = deposition ? "bc3d" : "bc3d_hop";
    Scenario sc = Scenario.parse(deck(name), "bench/" + name + ".yaml");
    int n = replicas(size);
    Simulation.Result[] res = Fits.replicas(n,
        r -> new Simulation(sc, seed + r).run(new Simulation.Listener() {}),
        Simulation.Result[]::new);
    double siteNm = sc.d("lattice.siteNm");
    double[] rate = new double[n];
    double[] rough = new double[n];
    List<CaseFigure.Series> series = new ArrayList<>();
    int ct = Simulation.COLUMNS.indexOf("time_s");
    int ce = Simulation.COLUMNS.indexOf("events");
    for (int r = 0; r < n; r++) {
      Map<String, Object> s = res[r].summary();
      rate[r] = ((Number) s.get("events")).doubleValue()
          / ((Number) s.get("simulatedTime_s")).doubleValue();
      rough[r] = ((Number) ((Map<?, ?>) s.get("morphology")).get("roughness_nm")).doubleValue()
          / siteNm;
      if (r < 4) {
        List<double[]> rows = res[r].rows();
        double[] t = new double[rows.size()];
        double[] e = new double[rows.size()];
        for (int k = 0; k < t.length; k++) {
          t[k] = rows.get(k)[ct];
          e[k] = rows.get(k)[ce];
        }
        series.add(CaseFigure.measured("liko seed " + (seed + r), t, e));
      }
    }
    double refEvents = deposition ? SpparksReference.BC3D_EVENTS
        : SpparksReference.BC3D_HOP_EVENTS;
    double refTime = deposition ? SpparksReference.BC3D_TIME : SpparksReference.BC3D_HOP_TIME;
    series.add(CaseFigure.measured("SPPARKS (one run, seed 12345)", new double[] {refTime},
        new double[] {refEvents}));
    series.add(CaseFigure.theory("SPPARKS mean rate", new double[] {0, refTime},
        new double[] {0, refEvents}));
    double spread = deposition ? SPREAD_EVENTS : SPREAD_HOP_EVENTS;
    double f = Math.sqrt(1.0 + 1.0 / n);
    List<Check> checks = new ArrayList<>();
    checks.add(Check.relative("events per model time (1/nu)", Fits.mean(rate),
        refEvents / refTime, 3 * spread * f + RULES, String.format(Locale.ROOT,
            "mean of %d runs; run-to-run spread %.1f%%", n, 100 * spread)));
    if (deposition) {
      checks.add(Check.relative("final RMS roughness (sites)", Fits.mean(rough),
          SpparksReference.BC3D_ROUGHNESS_SITES, 3 * SPREAD_ROUGHNESS * f + RULES,
          String.format(Locale.ROOT, "mean of %d runs; run-to-run spread %.1f%%", n,
              100 * SPREAD_ROUGHNESS)));
    }
    CaseFigure fig = new CaseFigure(title(), "Model time (1/nu)", "Events", false, false,
        series);
    return new Outcome(checks, fig, String.format(Locale.ROOT, "bench/%s.yaml, exact solver,"
        + " %d runs (seeds %d..%d)", name, n, seed, seed + n - 1));
  }
}
