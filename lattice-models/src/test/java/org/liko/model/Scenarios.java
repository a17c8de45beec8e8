package org.liko.model;

/** Scenario texts for tests. */
final class Scenarios {
  private Scenarios() {}

  /** A 2D reaction-mode scenario with the given extra YAML sections and protocol. */
  static Scenario of(String name, String lattice, String body, String protocol) {
    String text = "schemaVersion: 1\nname: " + name + "\nlattice: " + lattice + "\n" + body
        + "\nprotocol:\n" + protocol;
    return Scenario.parse(text, name);
  }

  /** Runs a scenario with a seed and no listener. */
  static Simulation.Result run(Scenario s, long seed) {
    return new Simulation(s, seed).run(new Simulation.Listener() {});
  }

  /** Column index of a time-series column. */
  static int col(String name) {
    return Simulation.COLUMNS.indexOf(name);
  }
}
