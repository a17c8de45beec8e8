package org.liko.model.verify;

/** Scenario text shared by the verification cases (and the tests of the limits). */
public final class Setups {
  private Setups() {}

  /**
   * Common head of a walkers-mode scenario without surface hops or SEI, nucleation barrier 0 (a
   * walker sticks on the collector as on Li), on an nx x ny x nz lattice.
   */
  public static String walkersHead(int nx, int ny, int nz) {
    return "schemaVersion: 1\n"
        + "lattice: {nx: " + nx + ", ny: " + ny + ", nz: " + nz + "}\n"
        + "surface: {attemptFrequency_Hz: 0}\n"
        + "sei: {recipe: none}\n"
        + "kinetics: {interfacialEnergy_J_m2: 0}\n";
  }
}
