package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liko.engine.InputException;

/**
 * The run output {@code output.adatomDiffusivity}: the tracer diffusivity of surface atoms from
 * their tracked hops in summary.json. Known answer: about 40 Li adatoms (0.01 ML) on a Cu
 * collector (64 x 64 x 8, face hops, E_b = 0, E_d = 0.074 eV, nu = 1e13 Hz, 300 K, at rest
 * without exchange) are isolated walkers, D = a^2 nu exp(-E_d/kT) per target rate; tolerance
 * 6%: the estimate's relative error is about 1/sqrt(N K) = 1.6% (K = 100 sample windows of
 * about 50 hops), and blocking between adatoms at 0.01 ML lowers D by about 1% (measured in
 * the adatom-arrhenius verify case); the reported standard error must be within a factor 3 of
 * 1.6% of D, and the hop count about 4 nu exp(-E_d/kT) t N. Seed 1003 (not tuned). Also: off by
 * default (no fields), and the parallel solver refuses it by name; a plating/stripping run with
 * it (and output.nuclei) on resumes from a checkpoint to the uninterrupted result exactly
 * (summary and nuclei rows included). About
 * 3 s.
 */
class AdatomDiffusivityOutputTest {
  static Scenario scenario(boolean on) {
    double gamma = 1.0e13 * StrictMath.exp(-0.074 / (8.617333262e-5 * 300));
    double t = 100 * 50 / (4 * gamma);
    return Scenario.parse("schemaVersion: 1\nname: dout\nlattice: {nx: 64, ny: 64, nz: 8}\n"
        + "temperature_K: 300\n"
        + "surface: {attemptFrequency_Hz: 1.0e13, terraceBarrier_eV: 0.074, bondEnergy_eV: 0,"
        + " diagonalHops: false}\n"
        + "sei: {recipe: none}\nkinetics: {openCircuitExchange: false}\n"
        + "geometry: {initialAdatoms_ML: 0.01}\n"
        + "output: {samples: 101, adatomDiffusivity: " + on + "}\n"
        + "protocol:\n  - rest: {time_s: " + t + "}\n", "dout.yaml");
  }

  @Test
  void summaryCarriesTheIsolatedWalkerDiffusivity() {
    Simulation.Result r = new Simulation(scenario(true), 1003L).run(new Simulation.Listener() {});
    Map<String, Object> s = r.summary();
    double d = (Double) s.get("adatomDiffusivity_m2_s");
    double se = (Double) s.get("adatomDiffusivityStdErr_m2_s");
    long hops = (Long) s.get("adatomHops");
    int n = (Integer) s.get("adatomTracers");
    double a = Physics.LI_SITE_NM * 1e-9;
    double gamma = 1.0e13 * StrictMath.exp(-0.074 / (8.617333262e-5 * 300));
    double expected = a * a * gamma;
    System.out.printf("D = %.4g +- %.2g m^2/s (isolated walker %.4g), %d hops, %d tracers%n",
        d, se, expected, hops, n);
    assertEquals(expected, d, 0.06 * expected);
    assertTrue(se > 0.016 * d / 3 && se < 3 * 0.016 * d, "standard error " + se);
    double t = 100 * 50 / (4 * gamma);
    double expectedHops = 4 * gamma * t * n;
    assertEquals(expectedHops, hops, 0.05 * expectedHops);
  }

  @Test
  void offByDefaultAndRefusedByTheParallelSolver() {
    Scenario off = scenario(false);
    Simulation.Result r = new Simulation(off, 1L).run(new Simulation.Listener() {});
    assertFalse(r.summary().containsKey("adatomDiffusivity_m2_s"));
    InputException e = assertThrows(InputException.class,
        () -> new Simulation(scenario(true), 1).solver("parallel").prepare());
    assertTrue(e.getMessage().contains("output.adatomDiffusivity")
        && e.getMessage().contains("--solver exact"), e.getMessage());
  }

  @Test
  void resumesExactly() {
    String yaml = SimulationResumeTest.CYCLES.replace("samples: 9,",
        "samples: 9, adatomDiffusivity: true, nuclei: true,");
    assertTrue(yaml.contains("adatomDiffusivity: true"));
    Scenario s = Scenario.parse(yaml, "cycles");
    Simulation.Result plain = new Simulation(s, 1001L).run(new Simulation.Listener() {});
    assertTrue((Long) plain.summary().get("adatomHops") > 0);
    SimulationResumeTest.Keep keep = new SimulationResumeTest.Keep(1024);
    Simulation.Result ref = new Simulation(s, 1001L).checkpoints(keep)
        .run(new Simulation.Listener() {});
    SimulationResumeTest.same(plain, ref, "with checkpoints");
    assertTrue(keep.states.size() >= 2);
    Simulation.Result r = new Simulation(s, 1001L).resume(keep.states.get(keep.states.size() / 2),
        "test", new Simulation.Listener() {});
    SimulationResumeTest.same(ref, r, "resumed");
    assertEquals(ref.summary().get("adatomDiffusivity_m2_s"),
        r.summary().get("adatomDiffusivity_m2_s"));
    assertEquals(ref.nuclei().size(), r.nuclei().size(), "nuclei rows");
    for (int k = 0; k < ref.nuclei().size(); k++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(ref.nuclei().get(k), r.nuclei().get(k),
          "nuclei row " + k);
    }
  }
}
