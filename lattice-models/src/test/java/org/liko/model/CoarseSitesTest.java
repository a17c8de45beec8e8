package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.liko.engine.InputException;
import org.liko.engine.MaterialTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Faraday's law holds for coarse-grained sites ({@code lattice.atomsPerSite} = n, edge
 * a = 0.279 n^(1/3) nm): every site event moves n atoms and n electrons.
 *
 * <p>A 2D 48-column box with a one-site Li film plates Q = 0.01 mAh/cm^2 at 1 mA/cm^2 (exact
 * solver, hops and SEI off, so the Li that enters stays metal). Checked at n = 1, 1000, 1e6 and
 * 5.755e6 (a = 50 nm):
 * <ul>
 *   <li>the Li atoms counted from the lattice (sites of Li times n, less the initial film) equal
 *       the electrons booked by the events (exact, long integers);</li>
 *   <li>they equal the charge asked for, Q A / e, to one site: 0 &lt;= atoms - Q A / e &lt; n
 *       (the step ends on the event that reaches the charge; tolerance: one site of n
 *       atoms);</li>
 *   <li>the film grows by Q Omega / e = 48.8 nm (Omega = a0^3, a0 = 0.279 nm), to within one
 *       site volume over the footprint (a / 48), independent of n: before the fix a coarse
 *       site took one electron for n atoms and the film grew n times too thick;</li>
 *   <li>the simulated time is Q / I = 36 s to within 4 sigma of its scatter (sigma =
 *       Q/I sqrt(events) / sites: the net count drifts at I / (n e) site events per second
 *       with the exchange's variance), and the overpotential of the
 *       first row does not depend on n by more than 15 mV (the exchange rate per site is
 *       i0 a^2 / (n e), so the candidate sites per area carry the same current density).</li>
 * </ul>
 * Seed 7. Cost: about 4 s for the whole class on 2 shared cores (n = 1 makes 835k events: at
 * E_b = 0 the exchange is about 100 events per net site).
 */
class CoarseSitesTest {
  private static final double Q = 0.01; // mAh/cm^2
  private static final double I = 1.0; // mA/cm^2

  static Scenario scenario(long n, int nz) {
    double a = Physics.LI_SITE_NM * Math.cbrt(n);
    String yaml = "schemaVersion: 1\nname: faraday\n"
        + "lattice: {nx: 48, nz: " + nz + ", atomsPerSite: " + n + "}\n"
        + "geometry: {initialLi_nm: " + a + "}\n"
        + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0, terraceBarrier_eV: 0}\n"
        + "kinetics: {interfacialEnergy_J_m2: 0}\n"
        + "sei: {recipe: none}\n"
        + "output: {samples: 4}\n"
        + "protocol:\n  - plate: {current_mA_cm2: " + I + ", charge_mAh_cm2: " + Q + "}\n";
    return Scenario.parse(yaml, "faraday-" + n);
  }

  @ParameterizedTest
  @CsvSource({"1, 400", "1000, 48", "1000000, 12", "5755000, 16"})
  void chargeEqualsAtomsInTheLattice(long n, int nz) {
    Simulation.Result r = new Simulation(scenario(n, nz), 7L)
        .run(new Simulation.Listener() {});
    LiModel m = r.model();
    assertEquals("completed", r.stopReason(), "n = " + n);
    assertEquals(n, m.atomsPerSite());
    long[] count = m.lattice().countByMaterial();
    long atoms = n * (count[LiMaterials.LI] + count[LiMaterials.LI_DEAD]) - m.initial();
    long electrons = m.platedElectrons();
    assertEquals(electrons, atoms, "n = " + n + ": lattice atoms against booked electrons");
    long asked = Physics.mahCm2ToCount(Q, m.areaM2());
    assertTrue(atoms - asked >= 0 && atoms - asked < n, "n = " + n + ": atoms " + atoms
        + " against Q A / e = " + asked + " (one site = " + n + " atoms)");
    double filmNm = (double) atoms / n * m.siteNm() / 48; // a^3 per site over 48 a x a
    double expectNm = Q * Physics.MAH_CM2_IN_C_M2 / Physics.E_CHARGE
        * Math.pow(Physics.LI_SITE_NM * 1e-9, 3) * 1e9;
    assertEquals(expectNm, filmNm, m.siteNm() / 48 + 1e-9, "n = " + n + ": film thickness");
    List<double[]> rows = r.rows();
    double[] last = rows.get(rows.size() - 1);
    double t = last[0];
    double sites = (double) atoms / n;
    double tExpect = Q / I * 3600.0;
    // the net count (reductions - oxidations) drifts at I / (n e) with variance = events, so
    // the step's end time scatters by sqrt(events) / sites relative (the exchange at
    // E_b = 0 makes about 100 events per net site at n = 1)
    long events = (Long) r.summary().get("events");
    double sigma = tExpect * Math.sqrt(events) / sites;
    assertEquals(tExpect, t, 4 * sigma + tExpect / sites,
        "n = " + n + ": simulated time against Q / I");
    double eta = rows.get(1)[8];
    System.out.printf("coarse n = %d (a = %.3f nm): film %.3f nm (Q Omega/e = %.3f nm), "
        + "atoms - QA/e = %d, t = %.2f s (Q/I = %.1f s, sigma %.2f s), eta = %.1f mV%n", n,
        m.siteNm(), filmNm, expectNm, atoms - asked, t, tExpect, sigma, eta * 1e3);
    assertEquals(-0.03, eta, 0.045, "n = " + n + ": overpotential of the first row");
  }

  /**
   * Coarse sites with the per-atom defaults (bond energy, hop rate, nucleation interfacial
   * energy, SEI rate) are refused, naming each parameter and the fix; saying so with
   * {@code lattice.atomisticRatesOnCoarseSites: true} is accepted, and n = 1 never asks. A
   * lattice whose atom count would overflow the 64-bit inventory is refused too.
   */
  @Test
  void coarseSitesRefuseAtomisticDefaults() {
    String yaml = "schemaVersion: 1\nname: mixed\nlattice: {nx: 16, nz: 16, atomsPerSite: 1000}\n"
        + "protocol:\n  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.0001}\n";
    Scenario s = Scenario.parse(yaml, "mixed.yaml");
    MaterialTable mt = LiMaterials.table(s);
    InputException e = assertThrows(InputException.class, () -> new LiModel(s, mt));
    for (String k : new String[] {"lattice.atomsPerSite", "surface.bondEnergy_eV",
        "surface.attemptFrequency_Hz", "surface.terraceBarrier_eV",
        "kinetics.interfacialEnergy_J_m2", "sei.rate_Hz", "atomisticRatesOnCoarseSites: true"}) {
      assertTrue(e.getMessage().contains(k), k + " in: " + e.getMessage());
    }
    Scenario knowingly = Scenario.parse(yaml.replace("atomsPerSite: 1000",
        "atomsPerSite: 1000, atomisticRatesOnCoarseSites: true"), "knowingly.yaml");
    new LiModel(knowingly, LiMaterials.table(knowingly));
    Scenario atomistic = Scenario.parse(yaml.replace("atomsPerSite: 1000", "atomsPerSite: 1"),
        "atomistic.yaml");
    new LiModel(atomistic, LiMaterials.table(atomistic));
    // a = 1 um sites on 512^3 sites would count 6.7e18 atoms: beyond the 64-bit inventory
    Scenario huge = Scenario.parse(yaml.replace("nx: 16, nz: 16, atomsPerSite: 1000",
        "nx: 512, ny: 512, nz: 512, atomsPerSite: 5.0e10, atomisticRatesOnCoarseSites: true"),
        "huge.yaml");
    InputException h = assertThrows(InputException.class,
        () -> new LiModel(huge, LiMaterials.table(huge)));
    assertTrue(h.getMessage().contains("'lattice.atomsPerSite'") && h.getMessage()
        .contains("64-bit"), h.getMessage());
  }

  /**
   * The same book on the other paths at n = 1000: walkers transport (exact solver,
   * 0.001 mAh/cm^2, a loose deposit that must not reach the top; each walker stands for n ions,
   * and the step still ends within one site of Q A / e) and the parallel solver (reaction mode
   * on 128 columns, 0.01 mAh/cm^2; a step ends on the first sweep that reaches its charge, so
   * the overshoot is bounded by one sweep: checked below 2 %). In both the lattice's atoms equal
   * the booked electrons exactly. Seed 11; about 1 s.
   */
  @ParameterizedTest
  @CsvSource({"walkers, exact, 0.001", "reaction, parallel, 0.01"})
  void faradayHoldsOnWalkersAndTheParallelSolver(String mode, String solver, double q) {
    long n = 1000;
    String yaml = "schemaVersion: 1\nname: faraday-" + mode + "\n"
        + "lattice: {nx: 128, nz: 48, atomsPerSite: " + n + "}\n"
        + "geometry: {initialLi_nm: 2.79}\n"
        + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0, terraceBarrier_eV: 0}\n"
        + "kinetics: {interfacialEnergy_J_m2: 0}\nsei: {recipe: none}\n"
        + "transport: {mode: " + mode + ", reactionProbability: 0.5}\n"
        + "output: {samples: 2}\n"
        + "protocol:\n  - plate: {current_mA_cm2: " + I + ", charge_mAh_cm2: " + q + "}\n";
    Simulation sim = new Simulation(Scenario.parse(yaml, "faraday-" + mode), 11L);
    if (solver.equals("parallel")) {
      sim.solver("parallel").backend(org.liko.engine.backend.Backends.load().select("cpu"));
    }
    Simulation.Result r = sim.run(new Simulation.Listener() {});
    LiModel m = r.model();
    long[] count = m.lattice().countByMaterial();
    long atoms = n * (count[LiMaterials.LI] + count[LiMaterials.LI_DEAD]) - m.initial();
    assertEquals(m.platedElectrons(), atoms, mode + "/" + solver + ": atoms against electrons");
    assertEquals("completed", r.stopReason(), mode + "/" + solver);
    long asked = Physics.mahCm2ToCount(q, m.areaM2());
    long bound = solver.equals("exact") ? n : Math.max(n, asked / 50);
    System.out.printf("coarse n = %d, %s/%s: atoms - QA/e = %d (QA/e = %d)%n", n, mode, solver,
        atoms - asked, asked);
    assertTrue(atoms - asked >= 0 && atoms - asked < bound, mode + "/" + solver + ": atoms "
        + atoms + " against Q A / e = " + asked);
  }
}
