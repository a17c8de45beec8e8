package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liko.engine.InputException;

/**
 * The sub-grid SEI film of coarse sites ({@code sei.film}, {@link SeiFilm}; docs/model.md
 * "Sub-grid SEI film"): its growth law, exchange-current factor, spread and cracking against
 * closed forms, its named refusals, and the charge book of a cycled anode-free field cell with
 * the film (the film's Li is SEI Li, taken from the metal of its site, and left behind as SEI
 * when the site is stripped: the electron book and the lattice-plus-film inventory must still
 * agree to the atom).
 */
class SeiFilmTest {
  static final long N = FieldTransportTest.N_ATOMS;

  /**
   * A cycled anode-free cell under a porous separator with a counter electrode (the `cell`
   * stack of examples/field-cell-sei-2d.yaml, narrowed): nx x 100 sites of 50 nm, 3 um gap,
   * 2 um separator, net exchange, the film with the given spread.
   */
  static String cell(int nx, double plate, String film) {
    return "schemaVersion: 1\nname: film-cell\n"
        + "lattice: {nx: " + nx + ", nz: 100, atomsPerSite: " + N + "}\n"
        + "separator_nm: 3000\ngeometry: {initialLi_nm: 0}\n"
        + "kinetics: {interfacialEnergy_J_m2: 0}\n"
        + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0}\n"
        + "sei: {recipe: none" + film + "}\n"
        + "transport: {mode: field, field: {top: counter, separatorPorosity: 0.4,"
        + " separatorTortuosity: 3.5, exchange: net}}\n"
        + "output: {samples: 10}\n"
        + "protocol:\n  - cycle:\n      count: 2\n"
        + "      plate: {current_mA_cm2: 3.0, charge_mAh_cm2: " + plate + "}\n"
        + "      rest: {time_s: 60}\n"
        + "      strip: {current_mA_cm2: 3.0, cutoff_V: 0.3}\n";
  }

  static SeiFilm film(double spread, long seed) {
    Scenario s = Scenario.parse(cell(8, 0.1, ", film: true, filmSpread: " + spread), "film");
    return new SeiFilm(s, 20000, 50.0, N, seed);
  }

  /**
   * Growth law and face factor against their closed forms: d solves
   * d^2 + 2 lambda d = 2 v0 lambda t (v0 = 0.15 /s x 0.279 nm, lambda = 1.5 nm) to 1e-12
   * relative at 1 s, 100 s and 1 h (19.81 nm); the factor is 1 / (1 + d / d_R) with
   * d_R = kappa RT / (F i0) computed here from 1e-6 S/m, 298.15 K, 1 mA/cm^2 (2.569 nm). A crack
   * makes the Li bare (d = 0) and the film heals from there by the same law. Spread: over 20 000
   * sites at sigma = 1 the multiplier d / d(sigma = 0) has mean 1 and log standard deviation 1
   * within 4 standard errors (0.037 and 0.020). Cost: milliseconds.
   */
  @Test
  void growthFactorSpreadAndCrack() {
    SeiFilm f = film(0, 1000);
    double v0 = 0.15 * 0.279;
    double lambda = 1.5;
    for (double t : new double[] {1, 100, 3600}) {
      double d = f.thickness(0, t);
      assertEquals(2 * v0 * lambda * t, d * d + 2 * lambda * d, 1e-12 * (d * d + 1),
          "Deal-Grove law at t = " + t);
    }
    assertEquals(19.81, f.thickness(0, 3600), 0.01, "1 h film");
    double dR = 1e-6 * Physics.KB_EV * 298.15 / 10.0 * 1e9;
    assertEquals(dR, f.resistanceLength(), 1e-9, "d_R");
    double d = f.thickness(0, 240);
    assertEquals(1 / (1 + d / dR), f.factor(0, 240), 1e-15, "series-film factor");
    f.crack(0, 240);
    assertEquals(0.0, f.thickness(0, 240), 0.0, "a crack leaves bare Li");
    assertEquals(1.0, f.factor(0, 240), 0.0, "bare Li reacts at i0");
    assertEquals(f.thickness(1, 100), f.thickness(0, 340), 1e-12, "heals by the same law");
    // the film insulates the Li under it once it is lambda thick: d(t*) = lambda at
    // t* = 3 lambda / (2 v0) (d^2 + 2 lambda d = 3 lambda^2)
    double tStar = 3 * lambda / (2 * v0);
    assertTrue(!f.insulates(1, 0.999 * tStar) && f.insulates(1, 1.001 * tStar),
        "insulating from t* = " + tStar + " s");
    // root growth: a column of sites 3, 2, 1 (plane 1, root 1) plated at different times is
    // extruded by Li plated at 4: each film moves up one site, the root is fresh
    SeiFilm r = film(0, 1000);
    r.plated(1, 10, 1);
    r.plated(2, 20, 2);
    r.plated(3, 30, 3);
    double d1 = r.thickness(1, 100);
    double d2 = r.thickness(2, 100);
    double d3 = r.thickness(3, 100);
    r.extruded(4, 1, 1, 100, 4);
    assertEquals(d3, r.thickness(4, 100), 0.0, "top takes the film below it");
    assertEquals(d2, r.thickness(3, 100), 0.0);
    assertEquals(d1, r.thickness(2, 100), 0.0);
    assertEquals(0.0, r.thickness(1, 100), 0.0, "the root is fresh Li");

    SeiFilm g = film(1.0, 1000);
    int n = 20000;
    double sum = 0;
    double sl = 0;
    double sl2 = 0;
    for (int j = 0; j < n; j++) {
      double m = g.thickness(j, 1000) / f.thickness(1, 1000);
      sum += m;
      sl += Math.log(m);
      sl2 += Math.log(m) * Math.log(m);
    }
    double mean = sum / n;
    double sdLog = Math.sqrt(sl2 / n - (sl / n) * (sl / n));
    assertEquals(1.0, mean, 4 * Math.sqrt(Math.E - 1) / Math.sqrt(n), "mean multiplier");
    assertEquals(1.0, sdLog, 4 / Math.sqrt(2.0 * n), "log spread");
  }

  /** Named refusals: gross exchange, a whole-site SEI recipe beside the film, hops on. */
  @Test
  void refusals() {
    String ok = cell(8, 0.1, ", film: true");
    String gross = ok.replace("exchange: net", "exchange: gross");
    InputException e = assertThrows(InputException.class,
        () -> new Simulation(Scenario.parse(gross, "g"), 1).prepare());
    assertTrue(e.getMessage().contains("transport.field.exchange net"), e.getMessage());
    String recipe = ok.replace("recipe: none", "recipe: organic, rate_Hz: 8.4e-4");
    e = assertThrows(InputException.class,
        () -> new Simulation(Scenario.parse(recipe, "r"), 1).prepare());
    assertTrue(e.getMessage().contains("sei.recipe none"), e.getMessage());
    String hops = ok.replace("attemptFrequency_Hz: 0,", "attemptFrequency_Hz: 1.0e3, terraceBarrier_eV: 0,");
    e = assertThrows(InputException.class,
        () -> new Simulation(Scenario.parse(hops, "h"), 1).prepare());
    assertTrue(e.getMessage().contains("sei.film"), e.getMessage());
  }

  /**
   * The cell of examples/field-cell-sei-2d.yaml narrowed to 32 x 160 sites (1.6 um wide, the
   * separator 5 um instead of 25 um: J/J_lim stays below 0.1), two cycles of 0.2 mAh/cm^2 at
   * 3 mA/cm^2, 60 s rest, strip to 0.3 V, with the fitted spread sigma = 1.
   */
  static String heldOutCell() {
    return cell(32, 0.2, ", film: true, filmSpread: 1.0").replace("nz: 100", "nz: 160")
        .replace("samples: 10", "samples: 41");
  }

  /**
   * The charge book closes with the film, and the loss split on held-out seeds 1000-1009 (the
   * spread was fitted on seeds 1-12 to a two-cycle mean CE of 0.90; docs/validation.md) of
   * {@link #heldOutCell}. Per cycle {@link ChargeBookTest#assertCycleBook} to one atom (film
   * atoms are not whole sites, so this checks that the film Li left by stripped sites is both
   * in the electron count and in the SEI), SEI Li above 0 in every cycle and not a whole number
   * of sites, the run's inventory equal to initial + injected - extracted (also checked at
   * every sample by {@link Simulation}), film Li left behind by stripped sites. Physics, paired
   * over the 10 seeds (95 % t intervals): (1) the titration order is NOT reproduced in
   * cycle 2: SEI Li exceeds dead Li (mean dead - SEI below 0; measured -0.020 [-0.037, -0.002];
   * on seeds 1000-1015: -0.021 [-0.033, -0.009]; before dead Li under its film was kept from
   * reviving by contact, -0.044 [-0.060, -0.028]: Li plated in cycle 2 revived 0.069 of the
   * plated charge of cycle-1 dead Li, now 0.035); (2) the fitted CE carries over: the two-cycle
   * mean CE is within 0.02 of the 0.90 target (measured 0.899; the fit on seeds 1-12 gave 0.906,
   * SE 0.004, before the insulating film). Reported, not asserted: cycle 1 has dead Li 0.056 and
   * SEI Li 0.046, dead - SEI 0.009 [-0.001, 0.020] (on seeds 1000-1015: 0.008 [0.001, 0.015],
   * too small an effect to assert on 10 seeds). This test would fail if the film stopped
   * forming SEI or if a change made dead Li overtake SEI Li in cycle 2 (then the claim in
   * docs/validation.md must change). The mean, not the interval, is asserted: the interval's
   * upper end (-0.002) is within its own noise of 0. Cost: 10 runs of 2-3 s CPU each (about
   * 25 s CPU; 30 s wall at load average 6, 146 s at load average 20 on the 2 cores).
   */
  @Test
  @SuppressWarnings("unchecked")
  void heldOutSplitAndBook() {
    int n = 10;
    double[][] dead = new double[2][n];
    double[][] sei = new double[2][n];
    double[][] ce = new double[2][n];
    for (int r = 0; r < n; r++) {
      long seed = 1000 + r;
      Simulation.Result res = new Simulation(Scenario.parse(heldOutCell(), "film-cell"), seed)
          .run(new Simulation.Listener() {});
      List<Map<String, Object>> cycles = (List<Map<String, Object>>) res.summary().get("cycles");
      assertEquals(2, cycles.size(), "seed " + seed);
      for (int c = 0; c < 2; c++) {
        Map<String, Object> row = cycles.get(c);
        String at = "seed " + seed + " cycle " + (c + 1);
        ChargeBookTest.assertCycleBook(row, 1, at);
        Map<String, Object> a = (Map<String, Object>) row.get("atoms");
        assertTrue((Long) a.get("seiChange") > 0, at + ": film SEI formed");
        assertTrue((Long) a.get("seiChange") % N != 0, at + ": film Li is sub-site");
        Map<String, Object> loss = (Map<String, Object>) row.get("lossFractions");
        ce[c][r] = (Double) row.get("coulombicEfficiency");
        dead[c][r] = (Double) loss.get("deadLi");
        sei[c][r] = (Double) loss.get("seiLi");
      }
      Map<String, Object> inv = (Map<String, Object>) res.summary().get("inventory");
      assertEquals((Long) inv.get("initial") + (Long) inv.get("injected")
          - (Long) inv.get("extracted"), (long) (Long) inv.get("total"), "seed " + seed);
      Map<String, Object> field = (Map<String, Object>) res.summary().get("field");
      Map<String, Object> f = (Map<String, Object>) field.get("seiFilm");
      assertTrue((Long) f.get("filmLiLeftByStrippedSites") > 0, "seed " + seed);
    }
    double t = NucleationTest.tQuantile95(n - 1);
    double[] lo = new double[2];
    double[] hi = new double[2];
    for (int c = 0; c < 2; c++) {
      double[] d = new double[n];
      for (int r = 0; r < n; r++) {
        d[r] = dead[c][r] - sei[c][r];
      }
      double m = ParallelSolverTest.mean(d);
      double h = t * ParallelSolverTest.se(d);
      lo[c] = m - h;
      hi[c] = m + h;
      System.out.printf("film cell (32 x 160, sigma 1, seeds 1000-1009) cycle %d: CE %.3f,"
          + " dead Li %.3f, SEI Li %.3f, dead - SEI %.3f [%.3f, %.3f]%n", c + 1,
          ParallelSolverTest.mean(ce[c]), ParallelSolverTest.mean(dead[c]),
          ParallelSolverTest.mean(sei[c]), m, lo[c], hi[c]);
    }
    assertTrue(lo[1] + hi[1] < 0, "cycle 2: SEI Li above dead Li (the reported negative"
        + " result), mean dead - SEI " + 0.5 * (lo[1] + hi[1]));
    double ceMean = 0.5 * (ParallelSolverTest.mean(ce[0]) + ParallelSolverTest.mean(ce[1]));
    assertEquals(0.90, ceMean, 0.02, "two-cycle mean CE against the fitted target");
  }
}
