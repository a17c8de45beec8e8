package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liko.engine.InputException;
import org.liko.model.field.Electrolyte;

/**
 * {@code transport.mode: field} end to end through {@link Simulation} (exact solver), on 2D
 * lattices of coarse 50 nm sites (n = 5 746 000 atoms per site, the model's atoms per site as
 * they are), a 100 nm Li film on one Cu row, SEI, hops and nucleation barriers off.
 */
class FieldTransportTest {
  static final int N_ATOMS = 5746000;
  static final double A = Physics.LI_SITE_NM * Math.cbrt(N_ATOMS) * 1e-9;

  static String head(int nx, int nz, String top) {
    return head(nx, nz, top, 0);
  }

  static String head(int nx, int nz, String top, double interval) {
    return "schemaVersion: 1\n"
        + "lattice: {nx: " + nx + ", nz: " + nz + ", atomsPerSite: " + N_ATOMS + "}\n"
        + "geometry: {initialLi_nm: 100}\n"
        + "kinetics: {interfacialEnergy_J_m2: 0}\n"
        + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0}\n"
        + "sei: {recipe: none}\n"
        + "transport: {mode: field, field: {top: " + top + ", interval_s: " + interval + "}}\n";
  }

  /**
   * Plate 2 mA/cm^2 for 200 s then strip 2 mA/cm^2 for 100 s on 16 x 65 sites with a
   * salt-conserving counter electrode at the separator plane (3.2 um above the collector),
   * seed 1001. Checks: the lattice's Li identity (every sample checks metal + dead + SEI + ions =
   * initial + injected - extracted exactly, in atoms: n per site); Faraday, the net reductions of
   * each step (plated electrons / n) times n e equal I t within 4 standard deviations of the difference of the two Poisson counts
   * (reductions and oxidations both run: i0 = 1 mA/cm^2 is of the order of J); the field's Li+
   * book, (Li+ in the electrolyte + Li reduced) - (start + Li+ in through the top) = 0 within
   * 1e-6 of the Li moved (c is real-valued; each backward-Euler step conserves salt to the
   * linear solver's residual, relative 1e-9). Measured under the default exchange (net on
   * these coarse sites): 174 net reductions against 174.0, 89 net oxidations against 87.0,
   * book error 2e-28 mol (under gross, the default before session 6: 197 and 69, 8e-28 mol).
   * About 2 s.
   */
  @Test
  void keepsTheInventoryAndFaraday() {
    String text = head(16, 65, "counter") + "output: {samples: 31}\n"
        + "protocol:\n"
        + "  - plate: {current_mA_cm2: 2, time_s: 200}\n"
        + "  - strip: {current_mA_cm2: 2, time_s: 100}\n";
    Simulation.Result res = new Simulation(Scenario.parse(text, "field-inventory"), 1001L)
        .run(new Simulation.Listener() {});
    Map<String, Object> s = res.summary();
    @SuppressWarnings("unchecked")
    Map<String, Object> field = (Map<String, Object>) s.get("field");
    System.out.println("field inventory: " + s.get("inventory") + " electrons "
        + s.get("electrons") + " field " + field);
    LiModel m = res.model();
    assertEquals("completed", res.stopReason());
    long[] n = m.lattice().countByMaterial();
    assertEquals(m.initial() + m.injected() - m.extracted(), N_ATOMS * (n[LiMaterials.LI]
        + n[LiMaterials.LI_DEAD]), "lattice identity (atoms = n x sites)");
    double perEvent = N_ATOMS * Physics.E_CHARGE;
    double area = 16 * A * A;
    double platedExpected = Physics.mAcm2ToAm2(2) * area * 200 / perEvent;
    double strippedExpected = Physics.mAcm2ToAm2(2) * area * 100 / perEvent;
    long sitesMoved = (m.injected() + m.extracted()) / N_ATOMS;
    double sigma = Math.sqrt(sitesMoved);
    assertEquals(0, m.platedElectrons() % N_ATOMS, "whole sites");
    assertEquals(platedExpected, m.platedElectrons() / N_ATOMS, 4 * sigma, "Faraday, plating");
    assertEquals(strippedExpected, m.strippedElectrons() / N_ATOMS, 4 * sigma,
        "Faraday, stripping");
    double moved = sitesMoved * perEvent / Physics.FARADAY;
    double err = (Double) field.get("ionBookError_mol");
    assertEquals(0.0, err, 1e-6 * moved, "Li+ book (mol)");
    assertTrue(m.extracted() / N_ATOMS > strippedExpected / 2, "stripping ran");
  }

  /**
   * Depletion at the electrode: 32 x 1025 sites, a reservoir at the separator plane
   * L = 51.05 um above the film, Valoen-Reimers properties with D(c) between D(c0) = 3.2e-10
   * and D(0) = 6.2e-10 m^2/s. With J_lim(D) = F D c0 / ((1 - t+) L) and Sand's time
   * t_s(D) = pi D (c0 F)^2 / (4 (J (1 - t+))^2):
   * <ul>
   *   <li>J = 3 J_lim(D(c0)) (about 1.6 J_lim(D(0)), so the electrolyte must deplete): the
   *       plating step stalls with the depletion reason at a time between 0.75 t_s(D(c0)) and
   *       1.1 t_s(D(0)) (the continuum bracket of a salt diffusivity between D(c0) and D(0), the
   *       lower end widened for the Poisson shot noise of the coarse events measured below; the
   *       reservoir changes the semi-infinite Sand time by erfc(L / sqrt(D t_s)) &lt; 1e-4), and the electrode
   *       potential in the last sample before it is more than 3 RT/F below its value in the
   *       first (the overpotential rising sharply);</li>
   *   <li>J = 0.5 J_lim(D(c0)) for 1.2 L^2 / D(c0) (past the steady state's time scale): no
   *       depletion, the step completes, and |V| stays below 3 RT/F (the steady surface c is at
   *       least c0 / 2 since D(c) &gt;= D(c0) below c0).</li>
   * </ul>
   * Seed 1002; field updates every t_s(D(c0)) / 40 (high) and (0.6 L^2 / D) / 20 (low). Measured:
   * depleted at 1.088 s (t_s = 0.705 s with D(c0), 1.35 s with D(0); the continuum of the same
   * equations, a 1D column of the same cells under the uniform flux, depletes at about 1.06 s),
   * V falling by more than 2 RT/F before. The interval's salt sink is the charge passed, spread
   * over the interface, and depletion is judged on the mean interface c
   * ({@link org.liko.model.field.FieldCoupling#interfaceConcentration}) or a single cell's c.
   * Before the sink was the charge passed (the realized events, about 270 reductions of 5.7e6
   * atoms up to depletion, were the sink) this seed depleted at 1.036 s and seeds 1003, 1004,
   * 1005 at 1.074, 0.912 and 0.755 s. Below J_lim V moves by 0.037 V (0.0126 V before; the bound
   * is 3 RT/F = 0.077 V). About 45 s on the
   * shared 2-core machine (load 7); the field's multigrid solves dominate.
   */
  @Test
  void depletesAboveTheLimitingCurrentOnly() {
    Electrolyte e = Electrolyte.valoenReimers(298.15);
    double c0 = 1000.0;
    double tm = 1 - e.tPlus();
    double l = (1024 - 1 - 2) * A; // separator plane - (collector row + 2 film rows)
    double jLim = Physics.FARADAY * e.diffusivity(c0) * c0 / (tm * l); // A/m^2
    double rtf = Physics.GAS_R * 298.15 / Physics.FARADAY;

    double jHigh = 3 * jLim;
    double ts0 = sand(e.diffusivity(c0), c0, jHigh, tm);
    double tsMax = sand(e.diffusivity(0.0), c0, jHigh, tm);
    String high = head(32, 1025, "reservoir", ts0 / 40) + "output: {samples: 161}\n"
        + "protocol:\n  - plate: {current_mA_cm2: " + jHigh / 10 + ", time_s: " + 2 * tsMax + "}\n";
    Simulation.Result rh = new Simulation(Scenario.parse(high, "field-sand"), 1002L)
        .run(new Simulation.Listener() {});
    @SuppressWarnings("unchecked")
    Map<String, Object> fh = (Map<String, Object>) rh.summary().get("field");
    Object depleted = fh.get("depletedAt_s");
    List<double[]> rows = rh.rows();
    System.out.printf("field Sand: J = %.1f mA/cm^2 = 3 J_lim, t_s(D(c0)) = %.3f s, t_s(D(0)) = %.3f"
        + " s, depleted at %s s; V first %.4f, last %.4f V; stalled %s%n", jHigh / 10, ts0, tsMax,
        depleted, rows.get(1)[8], rows.get(rows.size() - 1)[8], rh.summary().get("stalledSteps"));
    assertNotNull(depleted, "depleted above the limiting current");
    double td = (Double) depleted;
    assertTrue(td > 0.75 * ts0 && td < 1.1 * tsMax, "depletion time " + td);
    assertNotNull(rh.summary().get("stalledSteps"));
    double vFirst = rows.get(1)[8];
    double vLast = Double.NaN;
    for (double[] r : rows) {
      if (r[0] < td && Double.isFinite(r[8])) {
        vLast = r[8];
      }
    }
    assertTrue(vLast < vFirst - 2 * rtf, "V rises sharply: first " + vFirst + " last " + vLast);

    double jLow = 0.5 * jLim;
    double tLow = 0.6 * l * l / e.diffusivity(c0);
    String low = head(32, 1025, "reservoir", tLow / 20) + "output: {samples: 41}\n"
        + "protocol:\n  - plate: {current_mA_cm2: " + jLow / 10 + ", time_s: " + tLow + "}\n";
    Simulation.Result rl = new Simulation(Scenario.parse(low, "field-steady"), 1002L)
        .run(new Simulation.Listener() {});
    @SuppressWarnings("unchecked")
    Map<String, Object> fl = (Map<String, Object>) rl.summary().get("field");
    double vFirstLow = rl.rows().get(1)[8];
    double vMax = 0; // largest move of V from its value in the first sample
    for (double[] r : rl.rows().subList(1, rl.rows().size() - 1)) {
      vMax = Math.max(vMax, Math.abs(r[8] - vFirstLow));
    }
    System.out.printf("field steady: J = %.1f mA/cm^2 = J_lim/2 for %.1f s: depleted %s, V first %.4f V,"
        + " max |V - V first| %.4f V%n", jLow / 10, tLow, fl.get("depletedAt_s"), vFirstLow, vMax);
    assertNull(fl.get("depletedAt_s"), "no depletion below the limiting current");
    assertFalse(rl.summary().containsKey("stalledSteps"));
    assertTrue(vMax < 4 * rtf, "max |V - V first| " + vMax);
  }

  /**
   * What field mode does not handle yet is refused before any output, each with a message that
   * names the key and the fix: the parallel solver, self-heating, a temperature outside the
   * electrolyte fits (SEI and nucleation barriers run in field mode: FieldCycleBookTest,
   * FieldNucleationTest). Milliseconds.
   */
  @Test
  void refusesWhatItDoesNotHandleYet() {
    String base = head(16, 33, "reservoir") + "protocol:\n  - plate: {current_mA_cm2: 2, time_s: 1}\n";
    String[][] cases = {
        {"", "parallel", "--solver exact"},
        {"thermal: {selfHeating_K_per_mA2cm4: 0.1}\n", "exact", "thermal.selfHeating_K_per_mA2cm4"},
        {"temperature_K: 350\n", "exact", "temperature_K"}};
    for (String[] c : cases) {
      // a later section replaces the head's (the scenario keeps the last value of a key)
      String text = c[0].isEmpty() ? base : base.replace("sei: {recipe: none}\n", "")
          .replace("kinetics: {interfacialEnergy_J_m2: 0}\n", "") + c[0]
          + (c[0].startsWith("sei") ? "kinetics: {interfacialEnergy_J_m2: 0}\n"
              : c[0].startsWith("kinetics") ? "sei: {recipe: none}\n"
              : "sei: {recipe: none}\nkinetics: {interfacialEnergy_J_m2: 0}\n");
      InputException ex = assertThrows(InputException.class, () -> new Simulation(
          Scenario.parse(text, "field-refused"), 1L).solver(c[1]).prepare(), c[2]);
      assertTrue(ex.getMessage().contains(c[2]), ex.getMessage());
    }
  }

  static double sand(double d, double c0, double j, double tm) {
    double a = j * tm;
    return Math.PI * d * Math.pow(c0 * Physics.FARADAY, 2) / (4 * a * a);
  }
}
