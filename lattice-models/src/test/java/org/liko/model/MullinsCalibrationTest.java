package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.liko.engine.InputException;

/**
 * The Mullins calibration of coarse-site hops ({@code surface.coarse.mullins}, docs/model.md):
 * a coarse 2D scenario's hop rates are the ones the mapping gives, nu_c exp(-3 n) per target
 * for an atom with n bonds, with nu_c = B_phys / (B_lat a^4) and B_phys = D_s gamma
 * Omega^(4/3) / kT computed here by hand from the inputs (a = 50 nm: n = 5.755e6 atoms;
 * D_s = 1e-10 m^2/s, gamma = 0.5 J/m^2, 298.15 K: B_phys = 7.36e-29 m^4/s, nu_c = 4.90e3 Hz);
 * tolerance 1e-9 relative (floating point only: k_B from eV x e against its SI value).
 * Scenarios the calibration does not cover are refused with the field named: atomistic sites,
 * 3D, face hops only, an attempt frequency or barrier of their own. Milliseconds.
 */
class MullinsCalibrationTest {
  static String yaml(String lattice, String surface) {
    return "schemaVersion: 1\nname: mullins\nlattice: {" + lattice + "}\n"
        + "surface: {bondEnergy_eV: 0, coarse: {mullins: true, selfDiffusivity_m2_s: 1.0e-10,"
        + " surfaceEnergy_J_m2: 0.5}" + surface + "}\nkinetics: {interfacialEnergy_J_m2: 0}\n"
        + "sei: {recipe: none}\nprotocol:\n  - rest: {time_s: 1}\n";
  }

  @Test
  void coarseHopRateIsTheMappedOne() {
    Scenario s = Scenario.parse(yaml("nx: 32, nz: 32, atomsPerSite: 5755000", ""), "m.yaml");
    LiModel m = new LiModel(s, LiMaterials.table(s), 1);
    double a = 0.279e-9 * Math.cbrt(5755000); // 50.0 nm
    double omega = 0.279e-9 * 0.279e-9 * 0.279e-9;
    double kTJ = 1.380649e-23 * 298.15;
    double bPhys = 1.0e-10 * 0.5 * Math.pow(omega, 4.0 / 3.0) / kTJ;
    double nu = bPhys / (MullinsCalibration.B_LATTICE * Math.pow(a, 4));
    System.out.printf("a = %.3f nm, B_phys = %.4g m^4/s, nu_c = %.4g Hz%n", a * 1e9, bPhys, nu);
    for (int n = 1; n <= 3; n++) {
      double expected = nu * Math.exp(-MullinsCalibration.BOND_KT * n);
      assertEquals(expected, m.hopRate(n), 1e-9 * expected, "n = " + n);
    }
    assertEquals(nu, MullinsCalibration.attemptFrequencyHz(1.0e-10, 0.5, 298.15, a * 1e9),
        1e-9 * nu);
    // the dissolution weights keep the physical bond of surface.bondEnergy_eV (0 on coarse
    // sites): only hops use the numerical bond
    assertEquals(0.0, s.d("surface.bondEnergy_eV"));
  }

  @Test
  void uncoveredScenariosAreRefused() {
    String[][] cases = {
      {"nx: 32, nz: 32", "", "lattice.atomsPerSite > 1"},
      {"nx: 16, ny: 16, nz: 16, atomsPerSite: 1000", "", "2D lattice only"},
      {"nx: 32, nz: 32, atomsPerSite: 1000", ", diagonalHops: false", "diagonalHops: true"},
      {"nx: 32, nz: 32, atomsPerSite: 1000", ", attemptFrequency_Hz: 1.0e6",
          "surface.attemptFrequency_Hz"},
      {"nx: 32, nz: 32, atomsPerSite: 1000", ", terraceBarrier_eV: 0.1",
          "surface.terraceBarrier_eV"},
    };
    for (String[] c : cases) {
      Scenario s = Scenario.parse(yaml(c[0], c[1]), "m.yaml");
      InputException e = assertThrows(InputException.class,
          () -> new LiModel(s, LiMaterials.table(s), 1), c[2]);
      assertTrue(e.getMessage().contains("surface.coarse.mullins")
          && e.getMessage().contains(c[2]), e.getMessage());
    }
  }
}
