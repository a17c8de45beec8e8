package org.liko.model.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.model.LiMaterials;
import org.liko.model.verify.SandTimeCase;

/**
 * The field follows the lattice: electrolyte sites are cells, an SEI site with a porosity is an
 * effective-medium cell, Li and Cu are solid electrodes whose faces set the wet areas, and
 * depositing or stripping Li moves salt without creating or losing any (to 1e-12 relative, i.e.
 * rounding). A 2D 8 x 6 lattice with a nonuniform c; runs in milliseconds.
 */
class LatticeFieldMapTest {
  static final double A = 50e-9;

  @Test
  void domainFollowsDepositionAndStrippingConservingSalt() {
    int nx = 8;
    int nz = 6;
    int[] flags = new int[Lattice.MAX_MATERIALS];
    flags[LiMaterials.ELECTROLYTE] = Material.FLUID | Material.CARRIER_CONDUCTOR;
    flags[LiMaterials.LI] = Material.ELECTRONIC | Material.DEPOSIT_ON | Material.BEARS_CARRIER;
    flags[LiMaterials.CU] = Material.ELECTRONIC | Material.DEPOSIT_ON | Material.FIXED;
    flags[LiMaterials.SEI_INORGANIC] = Material.CARRIER_CONDUCTOR;
    double[] eps = new double[Lattice.MAX_MATERIALS];
    double[] tau = new double[Lattice.MAX_MATERIALS];
    java.util.Arrays.fill(tau, 1.0);
    eps[LiMaterials.SEI_INORGANIC] = 0.2;
    tau[LiMaterials.SEI_INORGANIC] = 4.0;
    byte[] cells = new byte[nx * nz];
    for (int x = 0; x < nx; x++) {
      cells[x] = (byte) LiMaterials.CU;
      cells[nx + x] = (byte) LiMaterials.LI;
    }
    cells[2 * nx + 3] = (byte) LiMaterials.SEI_INORGANIC;
    ElectrolyteField fld = new ElectrolyteField(nx, 1, nz, A, SandTimeCase.constantVr(), 298.15,
        1000.0, ElectrolyteField.Top.RESERVOIR);
    LatticeFieldMap map = new LatticeFieldMap(nx, 1, nz, A, flags, eps, tau);
    assertEquals(2 * nx + 1, map.sync(cells, fld), "cu, li and sei cells changed");
    assertEquals(0.0, fld.porosity(5), 0.0);
    assertEquals(0.2, fld.porosity(2 * nx + 3), 0.0);
    assertEquals(A * A, fld.wetArea(2 * nx), 0.0, "a cell on the flat film");
    assertEquals(A * A, fld.wetArea(2 * nx + 3), 0.0, "the SEI cell on the film");
    assertEquals(0.0, fld.wetArea(3 * nx), 0.0, "a cell away from the metal");
    for (int i = 0; i < nx * nz; i++) {
      fld.setConcentration(i, fld.porosity(i) > 0 ? 500.0 + 37.0 * i : 0.0);
    }
    double salt = fld.saltMoles();
    // Li deposited above the film at x = 5, then a second site on top; then stripped again
    cells[2 * nx + 5] = (byte) LiMaterials.LI;
    map.sync(cells, fld);
    assertEquals(2 * A * A, fld.wetArea(2 * nx + 4), 0.0, "beside the new Li site");
    cells[3 * nx + 5] = (byte) LiMaterials.LI;
    map.sync(cells, fld);
    assertEquals(salt, fld.saltMoles(), 1e-12 * salt, "salt conserved through deposition");
    cells[3 * nx + 5] = (byte) LiMaterials.ELECTROLYTE;
    map.sync(cells, fld);
    assertEquals(salt, fld.saltMoles(), 1e-12 * salt, "salt conserved through stripping");
    assertEquals(0.0, map.unbookedSalt(), 0.0);
    assertEquals(0.0, fld.porosity(2 * nx + 5), 0.0);
  }
}
