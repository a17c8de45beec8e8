package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.liko.engine.InputException;
import org.liko.engine.MaterialTable;
import org.liko.model.verify.Check;
import org.liko.model.verify.FaradayCoarseCase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Faraday's law holds for coarse-grained sites ({@code lattice.atomsPerSite} = n, edge
 * a = 0.279 n^(1/3) nm): every site event moves n atoms and n electrons.
 *
 * <p>The plating checks are the verification case {@link FaradayCoarseCase} (one source of
 * truth: its javadoc lists them: lattice atoms = booked electrons exactly, 0 &lt;= atoms - Q A / e
 * &lt; n, film Q Omega / e = 48.8 nm within a / 48, time Q / I within 4 sigma, first-row
 * overpotential -30 +- 45 mV), here at n = 1, 1000, 1e6 and 5.755e6 (a = 50 nm) on 48 columns;
 * before the fix a coarse site took one electron for n atoms and the film grew n times too
 * thick. Seed 7. Cost: about 4 s for the whole class on 2 shared cores (n = 1 makes 835k events:
 * at E_b = 0 the exchange is about 100 events per net site).
 */
class CoarseSitesTest {
  @ParameterizedTest
  @CsvSource({"1, 400", "1000, 48", "1000000, 12", "5755000, 16"})
  void chargeEqualsAtomsInTheLattice(long n, int nz) {
    List<Check> checks = FaradayCoarseCase.checks(n, 48, nz, 7L, new double[1]);
    for (Check k : checks) {
      System.out.printf("coarse %s: measured %.6g, expected %.6g +- %.3g (%s)%n", k.quantity(),
          k.measured(), k.expected(), k.tolerance(), k.note());
    }
    for (Check k : checks) {
      assertTrue(k.passed(), k.quantity() + " = " + k.measured() + ", expected " + k.expected()
          + " +- " + k.tolerance());
    }
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
        + "protocol:\n  - plate: {current_mA_cm2: " + FaradayCoarseCase.I
        + ", charge_mAh_cm2: " + q + "}\n";
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
