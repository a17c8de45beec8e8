package org.liko.model.field;

import org.liko.engine.Lattice;
import org.liko.engine.Material;

/**
 * Keeps an {@link ElectrolyteField} on the sites of a lattice: a site of a fluid material is an
 * electrolyte cell (eps = tau = 1); a solid that conducts Li+ (SEI, a coating, a separator or
 * host given a porosity) is an effective-medium cell with that material's porosity and
 * tortuosity; every other site is solid. Electrolyte cut off from the top row (a pocket closed
 * by the deposit) leaves the domain with its salt (booked in {@link #unbookedSalt}) and rejoins
 * when it opens again. A fluid cell's electrode area is a^2 times the number of
 * its faces shared with an electrode site (a material that conducts electrons and takes
 * deposits: Li, the collector, conducting hosts); the part of it on a material that holds Li
 * (Li itself) can also dissolve. The areas follow the lattice's events: a layer cell (a
 * non-fixed Li+ conductor: the lattice deposits beneath it by lifting it and dissolves Li into
 * it) takes both on its faces to the metal; a fixed porous solid (a separator) takes neither
 * (Li is blocked at it). {@link #sync} brings the field up to date after
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
  private boolean[] reach; // connected to the top row through Li+ conductors (scratch)
  private int[] queue; // of the fill (scratch)
  private final int[] neighbours = new int[6]; // scratch

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
   * A solid the lattice deposits beneath by lifting it, and dissolves Li into (a non-fixed Li+
   * conductor: SEI, a coating; {@link org.liko.engine.rules.SiteRules#depositClass} and
   * {@code dissolveClass}): its cell in the field takes the Butler-Volmer current of the faces
   * it shares with the metal.
   */
  private static boolean layer(int f) {
    return (f & Material.CARRIER_CONDUCTOR) != 0 && (f & Material.FIXED) == 0;
  }

  /**
   * Brings the field's domain and electrode areas up to date with the lattice's cells.
   *
   * @return the number of cells whose porosity changed
   */
  public int sync(byte[] cells, ElectrolyteField field) {
    int changed = 0;
    int n = nx * ny * nz;
    connected(cells);
    for (int i = 0; i < n; i++) {
      int m = cells[i] & Lattice.MATERIAL_MASK;
      double e = reach[i] ? porosityOf(m) : 0.0;
      double now = field.porosity(i);
      if (e == now) {
        continue;
      }
      changed++;
      if (e == 0 && porosityOf(m) > 0) {
        unbooked += field.dropCell(i); // cut off from the bulk: trapped with its salt
      } else if (e == 0) {
        unbooked += field.makeSolid(i);
      } else if (now == 0) {
        unbooked += field.makeFluid(i, e, tortuosityOf(m));
      } else {
        field.changePorosity(i, e, tortuosityOf(m));
      }
    }
    int plane = nx * ny;
    for (int i = 0; i < n; i++) {
      if (field.porosity(i) == 0) {
        continue;
      }
      int own = flags[cells[i] & Lattice.MATERIAL_MASK];
      boolean fluid = (own & Material.FLUID) != 0;
      if (!fluid && !layer(own)) {
        field.setWetArea(i, 0.0, 0.0); // a fixed porous solid (separator): no reaction on it
        continue;
      }
      int x = i % nx;
      int y = (i / nx) % ny;
      int z = i / plane;
      int faces = 0;
      int ox = 0;
      int[] nb = neighbours;
      int k = 0;
      if (nx > 1) {
        nb[k++] = (z * ny + y) * nx + (x + 1) % nx;
        nb[k++] = (z * ny + y) * nx + (x + nx - 1) % nx;
      }
      if (ny > 1) {
        nb[k++] = (z * ny + (y + 1) % ny) * nx + x;
        nb[k++] = (z * ny + (y + ny - 1) % ny) * nx + x;
      }
      if (z + 1 < nz) {
        nb[k++] = i + plane;
      }
      if (z > 0) {
        nb[k++] = i - plane;
      }
      for (int q = 0; q < k; q++) {
        int m = cells[nb[q]] & Lattice.MATERIAL_MASK;
        if (electrode(m)) {
          faces++;
          ox += (flags[m] & Material.BEARS_CARRIER) != 0 ? 1 : 0;
        }
      }
      field.setWetArea(i, faces * faceArea, ox * faceArea);
    }
    return changed;
  }

  /**
   * Marks in {@code reach} the sites of Li+-conducting materials connected through face
   * neighbours to the top row (the bulk side): a breadth-first fill in index order.
   */
  private void connected(byte[] cells) {
    int n = nx * ny * nz;
    if (reach == null) {
      reach = new boolean[n];
      queue = new int[n];
    }
    java.util.Arrays.fill(reach, false);
    int head = 0;
    int tail = 0;
    int plane = nx * ny;
    for (int i = n - plane; i < n; i++) {
      if (porosityOf(cells[i] & Lattice.MATERIAL_MASK) > 0) {
        reach[i] = true;
        queue[tail++] = i;
      }
    }
    while (head < tail) {
      int i = queue[head++];
      int x = i % nx;
      int y = (i / nx) % ny;
      int z = i / plane;
      int row = i - x;
      tail = visit(cells, row + (x + 1) % nx, tail);
      tail = visit(cells, row + (x + nx - 1) % nx, tail);
      if (ny > 1) {
        tail = visit(cells, (z * ny + (y + 1) % ny) * nx + x, tail);
        tail = visit(cells, (z * ny + (y + ny - 1) % ny) * nx + x, tail);
      }
      if (z > 0) {
        tail = visit(cells, i - plane, tail);
      }
      if (z + 1 < nz) {
        tail = visit(cells, i + plane, tail);
      }
    }
  }

  private int visit(byte[] cells, int j, int tail) {
    if (!reach[j] && porosityOf(cells[j] & Lattice.MATERIAL_MASK) > 0) {
      reach[j] = true;
      queue[tail++] = j;
    }
    return tail;
  }

  /**
   * Salt (mol) that left the field without being moved conservatively (electrolyte trapped in
   * a pocket, a cell with no fluid neighbour), less salt created (a cell opened with no fluid
   * neighbour): the inventory books it.
   */
  public double unbookedSalt() {
    return unbooked;
  }

  /**
   * Writes the map's state for a checkpoint: the unbooked salt (raw bits). The domain and the
   * pockets are the field's porosities ({@link ElectrolyteField#save}); reach and queue are
   * scratch of each {@link #sync}.
   */
  public void save(org.liko.engine.checkpoint.StateOut out) {
    out.section("lattice-field-map").d(unbooked);
  }

  /** Puts back what {@link #save} wrote. */
  public void restore(org.liko.engine.checkpoint.StateIn in) {
    in.section("lattice-field-map");
    unbooked = in.d();
  }
}
