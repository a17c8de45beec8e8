package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code transport.field.exchange: net} against {@code gross} end to end (exact solver, 2D
 * coarse sites of 50 nm, n = 5 746 000 atoms, a 100 nm Li film, hops, SEI and nucleation off,
 * reservoir at the separator plane). With gross exchange each site reacts both ways at the
 * local Butler-Volmer rates, each event moving n atoms: the deposit's atom count gets n times
 * the atomistic variance. With net exchange a face carries only its local net rate.
 */
class FieldExchangeTest {
  static final int N = FieldTransportTest.N_ATOMS;

  static Simulation.Result run(int nx, String exchange, double i0, double seconds, long seed) {
    String text = "schemaVersion: 1\n"
        + "lattice: {nx: " + nx + ", nz: 65, atomsPerSite: " + N + "}\n"
        + "geometry: {initialLi_nm: 100}\n"
        + "kinetics: {interfacialEnergy_J_m2: 0, exchangeCurrent_mA_cm2: " + i0 + "}\n"
        + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0}\n"
        + "sei: {recipe: none}\n"
        + "transport: {mode: field, field: {top: reservoir, exchange: " + exchange + "}}\n"
        + "output: {samples: 5}\n"
        + "protocol:\n"
        + "  - plate: {current_mA_cm2: 2, time_s: " + seconds + "}\n";
    return new Simulation(Scenario.parse(text, "field-exchange-" + exchange), seed)
        .run(new Simulation.Listener() {});
  }

  static double time(Simulation.Result r) {
    return ((Number) r.summary().get("simulatedTime_s")).doubleValue();
  }

  /**
   * 16 x 65 sites, plate 2 mA/cm^2 for 40 s at i0 = 1 mA/cm^2 (I t / (n e) = 34.7 sites, about
   * two layers: a compact film on which the field's local net is cathodic on every face),
   * seeds 1001-1004, net and gross. Checks for net: no oxidation event (so the reductions are
   * the net sites); the lattice's Li identity exact in atoms; Faraday, the net sites times n e
   * equal I t within 4 Poisson standard deviations (sqrt of the events); the field's Li+ book
   * within 1 % of one site's Li+ (c is real-valued; measured 1.8e-21 mol on seed 1001 with the
   * booked charge as the salt sink, 2e-4 of a site, and 2e-27 mol with the concentration solve
   * at 1e-13: the residual of that solve, not the booking; 4e-22 of 2.4e-16 mol before); and
   * against gross on the same seeds, pooled over the four: gross draws at least 1.5
   * times as many events and at least 3 times as many oxidations (the exchange, both directions
   * live on every face). Measured (reductions + oxidations): net 41, 26, 28, 38 + 0; gross 89,
   * 79, 92, 107 events with 24, 26, 43, 33 oxidations. About 1 s.
   */
  @Test
  void netDrawsTheNetSitesAndFarFewerEventsThanGross() {
    double area = 16 * FieldTransportTest.A * FieldTransportTest.A;
    double expected = Physics.mAcm2ToAm2(2) * area * 40 / (N * Physics.E_CHARGE);
    long netEvents = 0;
    long netOx = 0;
    long grossAll = 0;
    long grossOxAll = 0;
    for (long seed = 1001; seed <= 1004; seed++) {
      Simulation.Result net = run(16, "net", 1, 40, seed);
      Simulation.Result gross = run(16, "gross", 1, 40, seed);
      LiModel m = net.model();
      long red = m.injected() / N;
      long ox = m.extracted() / N;
      long grossEvents = (gross.model().injected() + gross.model().extracted()) / N;
      long grossOx = gross.model().extracted() / N;
      System.out.printf("field exchange seed %d: net %d red %d ox, gross %d events %d ox,"
          + " I t/(n e) %.1f%n", seed, red, ox, grossEvents, grossOx, expected);
      assertEquals("completed", net.stopReason());
      assertEquals(0, ox, "no oxidation while every face is cathodic");
      long[] n = m.lattice().countByMaterial();
      assertEquals(m.initial() + m.injected() - m.extracted(), (long) N * (n[LiMaterials.LI]
          + n[LiMaterials.LI_DEAD]), "lattice identity (atoms = n x sites)");
      assertEquals(expected, red - ox, 4 * Math.sqrt(red + ox), "Faraday");
      @SuppressWarnings("unchecked")
      Map<String, Object> field = (Map<String, Object>) net.summary().get("field");
      double ions = (Double) field.get("ions_mol");
      // within 1 % of one site's Li+ (n / N_A mol): a lost or doubly booked event misses by
      // most of it; the rest is the concentration solve's residual (relative 1e-9 of the top
      // row's reservoir conductance, which at this 9.2 s step is 700 times a cell's capacity)
      assertEquals(0.0, (Double) field.get("ionBookError_mol"),
          0.01 * N * Physics.E_CHARGE / Physics.FARADAY, "Li+ book");
      netEvents += red + ox;
      netOx += ox;
      grossAll += grossEvents;
      grossOxAll += grossOx;
    }
    assertTrue(grossAll >= 1.5 * netEvents, "gross draws the exchange as well: " + grossAll
        + " events against " + netEvents);
    assertTrue(grossOxAll >= 3 * netOx, "oxidations: gross " + grossOxAll + ", net " + netOx);
  }

  /**
   * The fast-exchange case of issue 14: 32 x 65 sites (a 2-site film), i0 = 3000 mA/cm^2,
   * plate 2 mA/cm^2 for 10 s (I t / (n e) = 17.4 sites), seeds 1000 and 1001. Gross exchange
   * (each site fills and empties at about 40 /s, 1500 times the net rate) random-walks the film
   * away: the metal reaches 0 and the step stalls before 10 s (measured at 0.9 and 1.0 s after
   * 11 000 and 14 000 events; seeds 1002, 1003: 0.6 and 3.3 s). Net exchange plates the net
   * sites only: no oxidation, the metal is the 64 sites of the film plus the reductions, and
   * those equal I t / (n e) within 4 Poisson standard deviations (measured 19 and 12). About
   * 2 s.
   */
  @Test
  void netPlatesTheFilmAtFastExchangeWhereGrossLosesIt() {
    for (long seed : new long[] {1000, 1001}) {
      Simulation.Result gross = run(32, "gross", 3000, 10, seed);
      Simulation.Result net = run(32, "net", 3000, 10, seed);
      long[] g = gross.model().lattice().countByMaterial();
      long[] n = net.model().lattice().countByMaterial();
      System.out.printf("fast exchange seed %d: gross metal %d at %.2f s, net metal %d at %.2f s"
          + " (%d events)%n", seed, g[LiMaterials.LI], time(gross), n[LiMaterials.LI],
          time(net), (net.model().injected() + net.model().extracted()) / N);
      assertEquals(0, g[LiMaterials.LI], "gross: the film is gone");
      assertTrue(time(gross) < 10, "gross: the step stalled");
      assertTrue(time(net) >= 10 - 1e-9, "net: the step completed");
      LiModel m = net.model();
      assertEquals(0, m.extracted(), "net: no oxidation while plating");
      assertEquals(64 + m.injected() / N, n[LiMaterials.LI], "net: film + reductions");
      double expected = Physics.mAcm2ToAm2(2) * 32 * FieldTransportTest.A
          * FieldTransportTest.A * 10 / (N * Physics.E_CHARGE);
      assertEquals(expected, m.injected() / N, 4 * Math.sqrt(expected), "net: Faraday");
    }
  }

  /**
   * The default {@code transport.field.exchange: auto} resolves to net on coarse sites and to
   * gross at n = 1 (one atom per site, where gross is the atomistic process), as the field
   * summary reports: 16 x 65 sites, plate 2 mA/cm^2; n = 5 746 000 for 1 s (auto: net; gross
   * when named), n = 1 for 0.5 s. Seed 1001. Well under a second.
   */
  @Test
  @SuppressWarnings("unchecked")
  void autoIsNetOnCoarseSitesAndGrossOnAtoms() {
    String[][] cases = {{"" + N, "", "net"}, {"" + N, ", exchange: gross", "gross"},
        {"1", "", "gross"}, {"1", ", exchange: auto", "gross"}};
    for (String[] c : cases) {
      String text = "schemaVersion: 1\n"
          + "lattice: {nx: 16, nz: 65, atomsPerSite: " + c[0] + "}\n"
          + "geometry: {initialLi_nm: " + (c[0].equals("1") ? 1 : 100) + "}\n"
          + "kinetics: {interfacialEnergy_J_m2: 0}\n"
          + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0}\n"
          + "sei: {recipe: none}\n"
          + "transport: {mode: field, field: {top: reservoir" + c[1] + "}}\n"
          + "output: {samples: 3}\n"
          + "protocol:\n"
          + "  - plate: {current_mA_cm2: 2, time_s: " + (c[0].equals("1") ? 0.5 : 1) + "}\n";
      Simulation.Result r = new Simulation(Scenario.parse(text, "field-auto"), 1001L)
          .run(new Simulation.Listener() {});
      Map<String, Object> field = (Map<String, Object>) r.summary().get("field");
      assertEquals(c[2], field.get("exchange"), "n = " + c[0] + c[1]);
    }
  }
}
