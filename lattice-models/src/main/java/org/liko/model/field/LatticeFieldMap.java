package org.liko.model.field;

import org.liko.engine.Lattice;
import org.liko.engine.Material;

/**
 * Keeps an {@link ElectrolyteField} on the sites of a lattice: a site of a fluid material is an
 * electrolyte cell (eps = tau = 1); a solid that conducts Li+ (SEI, a coating, a separator or
 * host given a porosity) is an effective-medium cell with that material's porosity and
 * tortuosity; every other site is solid. A fluid cell's electrode area is a^2 times the number of
 * its faces shared with an electrode site (a material that conducts electrons and takes
 * deposits: Li, the collector, conducting hosts). {@link #sync} brings the field up to date after
 * the lattice changed, moving salt conservatively (see {@link ElectrolyteField#makeSolid} and
 * {@link ElectrolyteField#makeFluid}).
 */
public final class LatticeFieldMap {
  private final int nx;
  private final int ny;
  private final int nz;
  private final int[] flags; // material flags by id
  private final double[] porosity; // by material id; 0 = solid
  private final double[] tortuosity; // by material id
  private final double faceArea; // m^2
  private double unbooked; // salt (mol) moved by a domain change that found no fluid neighbour

  /**
   * A map for a lattice of nx x ny x nz sites of edge a (m).
   *
   * @param flags material flags by id ({@link org.liko.engine.MaterialTable#flags})
   * @param porosity porosity by material id for the solid materials that conduct Li+ (entries of
   *     fluid materials are ignored: they are 1); 0 keeps a material solid
   * @param tortuosity tortuosity by material id (at least 1)
   */
  public LatticeFieldMap(int nx, int ny, int nz, double a, int[] flags, double[] porosity,
      double[] tortuosity) {
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.flags = flags.clone();
    this.porosity = porosity.clone();
    this.tortuosity = tortuosity.clone();
    this.faceArea = a * a;
  }

  /** Porosity of a site of material m (1 for a fluid). */
  public double porosityOf(int m) {
    return (flags[m] & Material.FLUID) != 0 ? 1.0 : porosity[m];
  }

  private double tortuosityOf(int m) {
    return (flags[m] & Material.FLUID) != 0 ? 1.0 : tortuosity[m];
  }

  private boolean electrode(int m) {
    return (flags[m] & (Material.ELECTRONIC | Material.DEPOSIT_ON))
        == (Material.ELECTRONIC | Material.DEPOSIT_ON);
  }

  /**
   * Brings the field's domain and electrode areas up to date with the lattice's cells.
   *
   * @return the number of cells whose porosity changed
   */
  public int sync(byte[] cells, ElectrolyteField field) {
    int changed = 0;
    int n = nx * ny * nz;
    for (int i = 0; i < n; i++) {
      int m = cells[i] & Lattice.MATERIAL_MASK;
      double e = porosityOf(m);
      double now = field.porosity(i);
      if (e == now) {
        continue;
      }
      changed++;
      if (e == 0) {
        unbooked += field.makeSolid(i);
      } else if (now == 0) {
        unbooked += field.makeFluid(i, e, tortuosityOf(m));
      } else {
        field.setPorous(i, e, tortuosityOf(m));
      }
    }
    int plane = nx * ny;
    for (int i = 0; i < n; i++) {
      if (field.porosity(i) == 0) {
        continue;
      }
      int x = i % nx;
      int y = (i / nx) % ny;
      int z = i / plane;
      int faces = 0;
      if (nx > 1) {
        faces += electrode(cells[(z * ny + y) * nx + (x + 1) % nx] & Lattice.MATERIAL_MASK) ? 1 : 0;
        faces += electrode(cells[(z * ny + y) * nx + (x + nx - 1) % nx] & Lattice.MATERIAL_MASK)
            ? 1 : 0;
      }
      if (ny > 1) {
        faces += electrode(cells[(z * ny + (y + 1) % ny) * nx + x] & Lattice.MATERIAL_MASK) ? 1 : 0;
        faces += electrode(cells[(z * ny + (y + ny - 1) % ny) * nx + x] & Lattice.MATERIAL_MASK)
            ? 1 : 0;
      }
      if (z + 1 < nz) {
        faces += electrode(cells[i + plane] & Lattice.MATERIAL_MASK) ? 1 : 0;
      }
      if (z > 0) {
        faces += electrode(cells[i - plane] & Lattice.MATERIAL_MASK) ? 1 : 0;
      }
      field.setWetArea(i, faces * faceArea);
    }
    return changed;
  }

  /**
   * Salt (mol) that domain changes could not move conservatively (a cell with no fluid
   * neighbour): positive when salt left the field, negative when salt was created. The
   * inventory books it.
   */
  public double unbookedSalt() {
    return unbooked;
  }
}
