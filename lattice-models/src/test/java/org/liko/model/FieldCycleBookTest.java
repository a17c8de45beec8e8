package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The charge book and the loss split of a cycled coarse {@code transport.mode: field} run with
 * SEI (issue 13 item 4 at the mesoscale): an anode-free 2D cell of 32 x 65 sites of 50 nm (1.6 um
 * wide, reservoir 3.2 um above the Cu collector), two cycles of plating 0.1 mAh/cm^2 (about ten
 * site layers) at 2 mA/cm^2, 10 s rest, stripping at 2 mA/cm^2 to a 0.3 V cut-off; hops off
 * (no coarse calibration yet: the deposit is mossy), barrier-free nucleation, organic SEI at the
 * coarse rate k_site = k_atom a0 / a = 0.15 /s x 0.279 / 50.0 = 8.4e-4 /s (parameters.yaml,
 * {@code sei.rate_Hz}: the atomistic default mapped, not tuned). For each cycle of each run:
 * <ul>
 *   <li>the electron book (plated - stripped + rest net, from the events, SEI formed from the
 *       current included) equals the Li the lattice gained (dead + SEI + live + host + ions), to
 *       within one site's atoms (both are whole sites here, so in fact exactly), and the split
 *       CE + dead + SEI + other closes to 1e-12;</li>
 *   <li>CE = stripped / plated is at most 1 unless the row says why, and then the excess is at
 *       most the Li from before the cycle plus the rest exchange;</li>
 *   <li>SEI formed (SEI Li &gt; 0 in every cycle) and the field's Li+ book, which holds the
 *       SEI's Li+, closes to 1 % of one site's Li+ (n / N_A mol; a lost or doubly booked
 *       event misses by most of a site; measured up to 0.3 % on tuning seeds 1-6, 11-20; set from the
 *       solver's real-valued c, not from the event count, which net exchange cuts 5-fold);</li>
 * </ul>
 * Measured under the default exchange ({@code auto}: net on these coarse sites) on the held-out
 * seeds 1000-1009 (mean, cycles 1 / 2; the salt sink booked from the charge passed, since
 * 2026-12-01): CE 0.890 / 0.908, dead Li 0.063 / 0.033, SEI Li 0.046 / 0.059, other 0.001 /
 * 0.000 of the plated charge; dead - SEI 0.017 +- 0.018 / -0.026 +- 0.029 (95 % CI of the
 * paired differences): not significant (before: CE 0.892 / 0.880, dead - SEI 0.008 +- 0.012 /
 * 0.004 +- 0.032). So the titration result (Fang et al.,
 * Nature 572, 511 (2019): dead Li above SEI Li) is not reproduced, and the test does not assert
 * the order. With {@code transport.field.exchange: gross} (the default before session 6) the same
 * seeds gave CE 0.492 / 0.633, dead Li 0.442 / 0.260, SEI Li 0.058 / 0.095: every Butler-Volmer
 * event moves n = 5.7e6 atoms, so the deposit carries n times the atomistic variance, turns mossy
 * and strands Li. The bookkeeping checks above hold in both. 14 s with the 2 cores loaded about
 * 10x (load 20; 26 s under gross at load 13).
 */
class FieldCycleBookTest {
  static final long N = FieldTransportTest.N_ATOMS;

  static String yaml() {
    double kSite = 0.15 * Physics.LI_SITE_NM / (Physics.LI_SITE_NM * Math.cbrt(N));
    return "schemaVersion: 1\nname: field-cycles\n"
        + "lattice: {nx: 32, nz: 65, atomsPerSite: " + N + "}\n"
        + "kinetics: {interfacialEnergy_J_m2: 0}\n"
        + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0}\n"
        + "sei: {recipe: organic, rate_Hz: " + kSite + "}\n"
        + "transport: {mode: field, field: {top: reservoir}}\n"
        + "output: {samples: 20}\n"
        + "protocol:\n  - cycle:\n      count: 2\n"
        + "      plate: {current_mA_cm2: 2.0, charge_mAh_cm2: 0.1}\n"
        + "      rest: {time_s: 10}\n"
        + "      strip: {current_mA_cm2: 2.0, cutoff_V: 0.3}\n";
  }

  /**
   * SEI stays self-limiting in field mode: a flat 100 nm Li film (2D 32 x 17 sites of 50 nm,
   * the open-circuit exchange off so the surface stays flat; with it on, seed 1000 pitted the
   * film by 4 net oxidations and the 3 Li sites those pits exposed converted too) rests for
   * 20 000 s = 17 / k_site. The first site layer converts at k_site (all 32 surface sites, but
   * for a chance 32 exp(-16.7) = 2e-6), the next at k_site exp(-a / lambda) = k_site
   * exp(-33.3), about 2e-13 conversions in all: the SEI ends as exactly one layer of 32 sites,
   * its Li taken from the metal (no charge). Seed 1000. Well under a second.
   */
  @Test
  void seiStopsAtOneSiteLayer() {
    double kSite = 0.15 * Physics.LI_SITE_NM / (Physics.LI_SITE_NM * Math.cbrt(N));
    String text = "schemaVersion: 1\nname: field-sei-rest\n"
        + "lattice: {nx: 32, nz: 17, atomsPerSite: " + N + "}\n"
        + "geometry: {initialLi_nm: 100}\n"
        + "kinetics: {interfacialEnergy_J_m2: 0, openCircuitExchange: false}\n"
        + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0}\n"
        + "sei: {recipe: organic, rate_Hz: " + kSite + "}\n"
        + "transport: {mode: field, field: {top: reservoir, interval_s: 1000}}\n"
        + "output: {samples: 5}\n"
        + "protocol:\n  - rest: {time_s: 20000}\n";
    Simulation.Result res = new Simulation(Scenario.parse(text, "field-sei-rest"), 1000L)
        .run(new Simulation.Listener() {});
    long[] n = res.model().lattice().countByMaterial();
    long sei = n[LiMaterials.SEI_INORGANIC] + n[LiMaterials.SEI_ORGANIC];
    System.out.println("field SEI at rest, 20 000 s: " + sei + " SEI sites, "
        + n[LiMaterials.LI] + " Li sites; electrons " + res.summary().get("electrons"));
    assertEquals(32, sei, "one SEI layer on the 32 surface sites");
    assertEquals(0, res.model().restElectrons(), "no charge at open circuit");
    assertEquals(res.model().initial() / N - 32, n[LiMaterials.LI] + n[LiMaterials.LI_DEAD],
        "the SEI's Li came from the metal");
  }

  @Test
  @SuppressWarnings("unchecked")
  void bookClosesInEveryCycle() {
    int n = 10;
    double[][] dead = new double[2][n];
    double[][] sei = new double[2][n];
    double[][] ce = new double[2][n];
    double[][] other = new double[2][n];
    for (int r = 0; r < n; r++) {
      long seed = 1000 + r;
      Simulation.Result res = new Simulation(Scenario.parse(yaml(), "field-cycles"), seed)
          .run(new Simulation.Listener() {});
      List<Map<String, Object>> cycles = (List<Map<String, Object>>) res.summary().get("cycles");
      assertEquals(2, cycles.size(), "seed " + seed);
      long moved = (res.model().injected() + res.model().extracted()) / N;
      Map<String, Object> field = (Map<String, Object>) res.summary().get("field");
      double err = (Double) field.get("ionBookError_mol");
      // one site's Li+ is n / N_A mol; a lost or doubly booked event would miss by most of it
      assertTrue(Math.abs(err) <= 0.01 * N * Physics.E_CHARGE / Physics.FARADAY,
          "seed " + seed + ": Li+ book error " + err + " mol (" + moved + " sites moved)");
      for (int c = 0; c < 2; c++) {
        Map<String, Object> row = cycles.get(c);
        String at = "seed " + seed + " cycle " + (c + 1);
        ChargeBookTest.assertCycleBook(row, N, at);
        Map<String, Object> a = (Map<String, Object>) row.get("atoms");
        Map<String, Object> loss = (Map<String, Object>) row.get("lossFractions");
        ce[c][r] = (Double) row.get("coulombicEfficiency");
        dead[c][r] = (Double) loss.get("deadLi");
        sei[c][r] = (Double) loss.get("seiLi");
        other[c][r] = (Double) loss.get("other");
        assertTrue((Long) a.get("seiChange") > 0, at + ": SEI formed");
      }
    }
    for (int c = 0; c < 2; c++) {
      double[] d = new double[n];
      for (int r = 0; r < n; r++) {
        d[r] = dead[c][r] - sei[c][r];
      }
      System.out.printf("field cycle %d: dead Li - SEI Li %.3f +- %.3f (95 %% CI half-width)%n",
          c + 1, ParallelSolverTest.mean(d),
          NucleationTest.tQuantile95(n - 1) * ParallelSolverTest.se(d));
      System.out.printf("field cycles (2D 32 x 65 of 50 nm, default exchange: net, seeds 1000-1009)"
          + " cycle %d: CE %.3f, dead Li %.3f, SEI Li %.3f, other %.3f of the plated charge%n",
          c + 1, ParallelSolverTest.mean(ce[c]), ParallelSolverTest.mean(dead[c]),
          ParallelSolverTest.mean(sei[c]), ParallelSolverTest.mean(other[c]));
    }
  }
}
