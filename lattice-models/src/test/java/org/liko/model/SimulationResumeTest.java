package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liko.engine.InputException;

/**
 * Exact resume: a run that writes checkpoints (every so many events, a deterministic hook
 * rather than wall time) is resumed from three of them on a fresh {@link Simulation}; each
 * resumed run must give the uninterrupted run's rows (every column, bit for bit), summary (all
 * but the wall-time fields) and final lattice (every byte), and writing checkpoints must not
 * change the run. Tolerance: none, the comparison is exact. Exact solver: reaction mode with two
 * plate / rest / strip cycles, a stripping cut-off, snapshots and self-heating; walkers mode
 * with first-passage jumps (scheduled events) and a stripping step; walkers with Butler-Volmer
 * (plate, rest, strip); field mode (concentration
 * and potential arrays, V, the events booked since the last field update, the scheduled update,
 * the domain and the Li+ book) through plate, rest and strip. Parallel solver: the same
 * cycles on cpu-parallel with 2 threads (device tables, Philox sweep counter, incremental
 * counts); a walker population on cpu. About 3 s in all, plus about 2 s for the field case and
 * about 6 s for the field case with SEI and a nucleation barrier (38 s at load 20).
 */
class SimulationResumeTest {
  static final String CYCLES = GoldenRunsTest.SMALL.replace("samples: 6", "samples: 9,"
      + " snapshots: 4") + "lattice: {nx: 40, nz: 36}\n"
      + "thermal: {selfHeating_K_per_mA2cm4: 40, relaxation_s: 0.05}\nprotocol:\n"
      + "  - cycle:\n      count: 2\n"
      + "      plate: {current_mA_cm2: 2, charge_mAh_cm2: 0.0008}\n"
      + "      rest: {time_s: 0.02}\n"
      + "      strip: {current_mA_cm2: 2, charge_mAh_cm2: 0.0006, cutoff_V: 0.3}\n";
  static final String WALKERS = GoldenRunsTest.YAML.get("exact-walkers")
      + "  - strip: {current_mA_cm2: 1, charge_mAh_cm2: 0.00005}\n";
  /**
   * Walkers with full Butler-Volmer (transport.butlerVolmer): oxidation emitting walkers, the
   * solve's cache and the bulk drain while stripping, through plate, rest and strip.
   */
  static final String WALKERS_BV = ParallelWalkersTest.head(48, 1, 24)
      .replace("interfacialEnergy_J_m2: 0", "interfacialEnergy_J_m2: 0, exchangeCurrent_mA_cm2: 100")
      + "output: {samples: 8}\ngeometry: {initialLi_nm: 0.837}\n"
      + "transport: {mode: walkers, butlerVolmer: true, reactionProbability: 0.05,"
      + " diffusivity_m2_s: 4.0e-16, launchGap_sites: 2, relaunchGap_sites: 3}\nprotocol:\n"
      + "  - plate: {current_mA_cm2: 100, charge_mAh_cm2: 0.0001}\n  - rest: {time_s: 0.002}\n"
      + "  - strip: {current_mA_cm2: 100, charge_mAh_cm2: 0.0001}\n";
  /**
   * transport.mode field (examples/field-2d.yaml cut down to 64 x 48 sites): plate, rest and
   * strip with a field update every model second (42 updates, about 4000 events); i0 = 10
   * mA/cm^2 gives many exchange events per update. Gross exchange explicitly (the default on
   * coarse sites is net since session 6; gross stays reachable, and at n = 1 it is the default).
   */
  static final String FIELD = "schemaVersion: 1\nname: field\n"
      + "lattice: {nx: 64, nz: 48, atomsPerSite: 5746000}\ngeometry: {initialLi_nm: 100}\n"
      + "kinetics: {interfacialEnergy_J_m2: 0, exchangeCurrent_mA_cm2: 10}\n"
      + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0}\nsei: {recipe: none}\n"
      + "transport: {mode: field, field: {top: reservoir, exchange: gross, interval_s: 1}}\n"
      + "output: {samples: 12, snapshots: 2}\nprotocol:\n"
      + "  - plate: {current_mA_cm2: 2, time_s: 20}\n  - rest: {time_s: 3}\n"
      + "  - strip: {current_mA_cm2: 2, time_s: 15}\n";

  /**
   * {@link #FIELD} with net exchange ({@code transport.field.exchange: net}) at i0 = 30
   * mA/cm^2 (the events since the update and the pending catch-up update are part of the
   * state). Net exchange draws about the net sites only, so 10 mA/cm^2 for three steps of about
   * 1000 sites each (the exact stepper polls for checkpoints every 1024 events): 3368 events,
   * 3 checkpoints, about 5 s with the resumes.
   */
  static final String FIELD_NET = "schemaVersion: 1\nname: field-net\n"
      + "lattice: {nx: 64, nz: 48, atomsPerSite: 5746000}\ngeometry: {initialLi_nm: 100}\n"
      + "kinetics: {interfacialEnergy_J_m2: 0, exchangeCurrent_mA_cm2: 30}\n"
      + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0}\nsei: {recipe: none}\n"
      + "transport: {mode: field, field: {top: reservoir, exchange: net, interval_s: 1}}\n"
      + "output: {samples: 12}\nprotocol:\n"
      + "  - plate: {current_mA_cm2: 10, time_s: 60}\n  - rest: {time_s: 3}\n"
      + "  - strip: {current_mA_cm2: 10, time_s: 55}\n"
      + "  - plate: {current_mA_cm2: 10, time_s: 60}\n";

  /**
   * {@link #FIELD_NET}'s run with a salt-conserving counter electrode at the far end of a 100 um
   * far field ({@code transport.field.farField_um}), updates every 2 s: the far field's c, c_s
   * and Phi_s are part of the state.
   */
  static final String FIELD_FAR = "schemaVersion: 1\nname: field-far\n"
      + "lattice: {nx: 64, nz: 48, atomsPerSite: 5746000}\ngeometry: {initialLi_nm: 100}\n"
      + "kinetics: {interfacialEnergy_J_m2: 0, exchangeCurrent_mA_cm2: 30}\n"
      + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0}\nsei: {recipe: none}\n"
      + "transport: {mode: field, field: {top: counter, exchange: net, interval_s: 2,"
      + " farField_um: 100}}\n"
      + "output: {samples: 12}\nprotocol:\n"
      + "  - plate: {current_mA_cm2: 10, time_s: 60}\n  - rest: {time_s: 3}\n"
      + "  - strip: {current_mA_cm2: 10, time_s: 55}\n"
      + "  - plate: {current_mA_cm2: 10, time_s: 60}\n";

  /**
   * {@link #FIELD_NET} with the sub-grid SEI film ({@code sei.film}, spread 1): each site's
   * film clock, spread, booked thickness and film Li, the film Li left by stripped sites and
   * the electron counters' film parts are part of the state.
   */
  static final String FIELD_FILM = FIELD_NET.replace("name: field-net", "name: field-film")
      .replace("sei: {recipe: none}", "sei: {recipe: none, film: true, filmSpread: 1.0}");

  /** {@link #FIELD_FILM} with root growth (sei.filmRootGrowth): films move up their columns. */
  static final String FIELD_FILM_ROOT = FIELD_FILM.replace("name: field-film",
      "name: field-film-root").replace("filmSpread: 1.0}", "filmSpread: 1.0,"
      + " filmRootGrowth: true}");

  /**
   * transport.mode field with SEI and a nucleation barrier on bare Cu (anode-free 64 x 48 sites,
   * i0 = 30 mA/cm^2 for many exchange events):
   * the nucleation channels' reference (s_ref and the class means) and the SEI's Li+ sinks are
   * part of the state. 128 columns keep part of the Cu bare through the plating step, so the
   * class means drive the nucleation rate after a resume: not restoring them made the run from
   * checkpoint 1 differ (row 6). Default exchange, net on these coarse sites, so the potential
   * at which the faces are netted while plating ({@code FieldCoupling.setNetReference}) is part
   * of the state too. Net draws about the net sites only, so the steps are 70 s and 30 s (were
   * 10 s and 4 s under gross): 3657 events, 3 checkpoints (the exact stepper polls every 1024).
   */
  static final String FIELD_NUC_SEI = "schemaVersion: 1\nname: field-nuc-sei\n"
      + "lattice: {nx: 128, nz: 48, atomsPerSite: 5746000}\n"
      + "kinetics: {interfacialEnergy_J_m2: 0.005, exchangeCurrent_mA_cm2: 30}\n"
      + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0}\n"
      + "sei: {recipe: organic, rate_Hz: 0.01}\n"
      + "transport: {mode: field, field: {top: reservoir, interval_s: 1}}\n"
      + "output: {samples: 12}\nprotocol:\n"
      + "  - plate: {current_mA_cm2: 10, time_s: 70}\n  - rest: {time_s: 1}\n"
      + "  - strip: {current_mA_cm2: 10, time_s: 30}\n";

  /** Checkpoints every {@code every} events, kept in order. */
  static final class Keep implements Simulation.Checkpoints {
    final List<byte[]> states = new ArrayList<>();
    final long every;
    long next;

    Keep(long every) {
      this.every = every;
      this.next = every;
    }

    @Override
    public boolean due(long events, double time) {
      if (events >= next) {
        next = events + every;
        return true;
      }
      return false;
    }

    @Override
    public void write(byte[] state) {
      states.add(state);
    }
  }

  static String yaml(String name) {
    return name.endsWith("cycles") ? CYCLES : name.equals("walkers") ? WALKERS
        : name.equals("walkers-bv") ? WALKERS_BV
        : name.equals("field") ? FIELD : name.equals("field-nuc-sei") ? FIELD_NUC_SEI
        : name.equals("field-net") ? FIELD_NET
        : name.equals("field-far") ? FIELD_FAR
        : name.equals("field-film") ? FIELD_FILM
        : name.equals("field-film-root") ? FIELD_FILM_ROOT
        : ParallelWalkersTest.POPULATION;
  }

  /** A simulation of the case: "parallel-..." on the cpu backend (2 threads for cycles). */
  static Simulation sim(String name, Scenario s) {
    Simulation sim = new Simulation(s, 1001L);
    if (name.startsWith("parallel")) {
      sim.solver("parallel").attemptsPerSite(0.15).backend(org.liko.engine.backend.Backends
          .load().select(name.endsWith("cycles") ? "cpu-parallel" : "cpu"))
          .threads(name.endsWith("cycles") ? 2 : 0);
    }
    return sim;
  }

  @ParameterizedTest
  @ValueSource(strings = {"cycles", "walkers", "walkers-bv", "field", "field-nuc-sei",
      "field-net", "field-far", "field-film", "field-film-root", "parallel-cycles",
      "parallel-walkers"})
  void resumedRunsEqualTheUninterruptedOne(String name) {
    Scenario s = Scenario.parse(yaml(name), name);
    Simulation.Result plain = sim(name, s).run(new Simulation.Listener() {});
    long every = name.equals("cycles") || name.startsWith("field") ? 1024
        : name.equals("walkers") ? 16384 : name.equals("walkers-bv") ? 1024
        : name.equals("parallel-cycles") ? 500 : 100; // the parallel solver polls every sweep
    Keep keep = new Keep(every);
    Simulation.Result ref = sim(name, s).checkpoints(keep).run(new Simulation.Listener() {});
    same(plain, ref, "with checkpoints");
    System.out.printf("%s: %s events, %d checkpoints%n", name, ref.summary().get("events"),
        keep.states.size());
    assertTrue(keep.states.size() >= 3, name + ": only " + keep.states.size() + " checkpoints");
    List<Integer> picks = List.of(0, keep.states.size() / 2, keep.states.size() - 1);
    for (int pick : picks) {
      List<double[]> replayed = new ArrayList<>();
      Simulation.Result r = sim(name, s).resume(keep.states.get(pick), "test",
          new Simulation.Listener() {
            @Override
            public void resumed(List<double[]> rows, List<Double> snaps, boolean plated) {
              replayed.addAll(rows);
            }
          });
      same(ref, r, name + " resumed from checkpoint " + pick);
      assertTrue(replayed.size() >= 1 && replayed.size() < ref.rows().size());
    }
  }

  static void same(Simulation.Result a, Simulation.Result b, String what) {
    assertEquals(a.rows().size(), b.rows().size(), what + ": rows");
    for (int k = 0; k < a.rows().size(); k++) {
      assertArrayEquals(a.rows().get(k), b.rows().get(k), what + ": row " + k);
    }
    Map<String, Object> sa = ParallelSolverTest.comparable(a.summary());
    Map<String, Object> sb = ParallelSolverTest.comparable(b.summary());
    assertEquals(sa, sb, what + ": summary");
    assertArrayEquals(a.model().lattice().cells(), b.model().lattice().cells(), what
        + ": lattice");
  }

  @Test
  void aStateOfAnotherScenarioOrTruncatedIsRefused() {
    Scenario s = Scenario.parse(CYCLES, "cycles");
    Keep keep = new Keep(1024);
    new Simulation(s, 3L).checkpoints(keep).run(new Simulation.Listener() {});
    byte[] state = keep.states.get(0);
    Scenario other = Scenario.parse(CYCLES.replace("nx: 40", "nx: 44"), "other");
    InputException e = assertThrows(InputException.class, () -> new Simulation(other, 3L)
        .resume(state, "ck", new Simulation.Listener() {}));
    assertTrue(e.getMessage().contains("ck"), e.getMessage());
    byte[] cut = java.util.Arrays.copyOf(state, state.length - 9);
    assertThrows(InputException.class, () -> new Simulation(s, 3L)
        .resume(cut, "ck", new Simulation.Listener() {}));
  }

}
