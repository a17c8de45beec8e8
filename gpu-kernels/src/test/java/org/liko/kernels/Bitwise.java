package org.liko.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liko.engine.backend.Backend;
import org.liko.engine.backend.Backends;
import org.liko.model.Scenario;
import org.liko.model.Simulation;

/**
 * The bitwise check shared by the device backends' tests: a backend runs the parallel solver
 * like {@code cpu-parallel}, same lattice bytes, same summary (wall-clock and execution fields
 * excluded) and same rows, on plating and stripping (dead-Li fills included) in 2D and 3D, with
 * diffusing walkers (population and injected, with drift), with ballistic drops, and with
 * terrace barriers by substrate and an Ehrlich-Schwoebel barrier.
 */
final class Bitwise {
  private Bitwise() {}

  // the solver test's bitwise scenarios (SEI runs up to 7 sites, hops with diagonals, plating
  // then stripping to completion, so dead-Li fills run)
  static final String BASE = "schemaVersion: 1\nname: t\n"
      + "surface: {attemptFrequency_Hz: 1.0e3}\nsei: {decayLength_nm: 0.3}\n"
      + "output: {samples: 4}\nprotocol:\n"
      + "  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.0006}\n"
      + "  - strip: {current_mA_cm2: 1, charge_mAh_cm2: 0.0003}\n";
  static final String D2 = BASE + "lattice: {nx: 64, nz: 64}\n";
  static final String D3 = BASE.replace("0.0006}", "0.00008}").replace("0.0003}", "0.00004}")
      + "lattice: {nx: 32, ny: 32, nz: 24}\n";
  // surface barriers by substrate and the Ehrlich-Schwoebel step-down threshold (hop rows,
  // P_HOP_DOWN_THR; SEI of both species, so atoms stand on Cu, Li and both layers)
  static final String BAR = "schemaVersion: 1\nname: b\n"
      + "surface: {attemptFrequency_Hz: 1.0e3, terraceBarrierOnCu_eV: 0.02,"
      + " terraceBarrierOnSeiInorganic_eV: 0.04, terraceBarrierOnSeiOrganic_eV: 0.10,"
      + " ehrlichSchwoebel_eV: 0.03}\nsei: {decayLength_nm: 0.3, recipe: mixed}\n"
      + "output: {samples: 4}\nlattice: {nx: 64, nz: 32}\nprotocol:\n"
      + "  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.0003}\n"
      + "  - strip: {current_mA_cm2: 1, charge_mAh_cm2: 0.00015}\n";
  // walkers (as ParallelWalkersTest): a fixed population in 2D, injected walkers with drift in
  // 3D (plating, stripping with dead-Li fills, rest), ballistic drops in 2D
  static final String WALK = "schemaVersion: 1\nname: w\nsurface: {attemptFrequency_Hz: 0}\n"
      + "sei: {recipe: none}\nkinetics: {interfacialEnergy_J_m2: 0}\n"
      + "geometry: {initialLi_nm: 0.6}\noutput: {samples: 4}\n";
  static final String W2 = WALK + "lattice: {nx: 64, nz: 64}\n"
      + "transport: {mode: walkers, population: 30, reactionProbability: 0.5,"
      + " launchGap_sites: 2, relaunchGap_sites: 8}\nprotocol:\n"
      + "  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.00003}\n  - rest: {time_s: 1.0e-9}\n";
  static final String W3 = WALK + "lattice: {nx: 10, ny: 10, nz: 24}\n"
      + "transport: {mode: walkers, reactionProbability: 0.5, drift: 0.2}\n"
      + "deadLi: {checkInterval_events: 2}\nprotocol:\n"
      + "  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.00001}\n"
      + "  - strip: {current_mA_cm2: 1, charge_mAh_cm2: 0.000005}\n  - rest: {time_s: 1.0e-8}\n";
  static final String DROP = WALK + "lattice: {nx: 256, nz: 96}\n"
      + "transport: {mode: walkers, ballistic: true}\nprotocol:\n"
      + "  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.001}\n";
  static final List<String> EXECUTION = List.of("wallTime_s", "eventsPerSecond",
      "sweepWallTime_s", "siteAttemptsPerSecond", "backend", "device", "threads",
      "deviceBytesPerSite", "depositedPerWallHour_mAh_cm2",
      "depositedPerWallHourPer1um2_mAh_cm2");

  static Map<String, Object> comparable(Map<String, Object> summary) {
    Map<String, Object> m = new LinkedHashMap<>(summary);
    EXECUTION.forEach(m::remove);
    return m;
  }

  static Simulation.Result run(String yaml, long seed, Backend b, int threads) {
    return new Simulation(Scenario.parse(yaml, "test"), seed).solver("parallel").backend(b)
        .threads(threads).attemptsPerSite(0.15).run(new Simulation.Listener() {});
  }

  /**
   * Runs every scenario on cpu-parallel (2 threads) and on {@code backend} and asserts equal
   * bits.
   *
   * @param backend the backend under test
   * @param label its name in the output and in the summary's backend field
   * @param device the device in words, for the printed line
   */
  static void assertMatchesCpuParallel(Backend backend, String label, String device) {
    Backend cpu = Backends.load().select("cpu-parallel");
    for (String yaml : List.of(D2, D3, BAR, W2, W3, DROP)) {
      long seed = 20261125L;
      long t0 = System.nanoTime();
      Simulation.Result ref = run(yaml, seed, cpu, 2);
      long t1 = System.nanoTime();
      Simulation.Result dev = run(yaml, seed, backend, 0);
      long t2 = System.nanoTime();
      System.out.printf("bitwise %s (%s) vs cpu-parallel, seed %d: %s sweeps, %s events,"
          + " %s dead-Li fills, stop: %s; cpu-parallel %.2f s, %s %.2f s%n", label, device, seed,
          ref.summary().get("sweeps"), ref.summary().get("events"),
          ref.summary().get("deadLiFills"), ref.stopReason(), (t1 - t0) * 1e-9, label,
          (t2 - t1) * 1e-9);
      assertEquals("completed", ref.stopReason(), "the scenario plates and strips to the end");
      assertEquals(ref.stopReason(), dev.stopReason());
      assertEquals(label, dev.summary().get("backend"));
      assertArrayEquals(ref.model().lattice().cells(), dev.model().lattice().cells());
      assertEquals(comparable(ref.summary()), comparable(dev.summary()));
      assertEquals(ref.rows().size(), dev.rows().size());
      for (int k = 0; k < ref.rows().size(); k++) {
        assertArrayEquals(ref.rows().get(k), dev.rows().get(k), "row " + k);
      }
    }
  }
}
