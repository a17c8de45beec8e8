package org.liko.model;

import org.junit.jupiter.api.Test;
import org.liko.engine.backend.Backends;

class ParallelSmokeTest {
  static final String YAML = "schemaVersion: 1\nname: t\nlattice: {nx: 64, nz: 40}\n"
      + "surface: {attemptFrequency_Hz: 1.0e4}\nsei: {decayLength_nm: 0.3, rate_Hz: 2}\n"
      + "output: {samples: 5}\nprotocol:\n  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.5}\n"
      + "  - strip: {current_mA_cm2: 1, charge_mAh_cm2: 0.3}\n";

  @Test
  void smoke() {
    Scenario s = Scenario.parse(YAML, "t");
    long t0 = System.nanoTime();
    var ex = new Simulation(s, 1).run(new Simulation.Listener() {});
    System.out.println("exact " + (System.nanoTime() - t0) * 1e-9 + " " + ex.summary());
    t0 = System.nanoTime();
    var p = new Simulation(s, 1).solver("parallel").backend(Backends.load().select("cpu-parallel")).threads(2).run(new Simulation.Listener() {});
    System.out.println("par " + (System.nanoTime() - t0) * 1e-9 + " " + p.summary());
  }
}
