package org.liko.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.liko.engine.Material;

/**
 * {@link Connectivity#relabel} with and without inert product joining the fill, on a 2D lattice
 * drawn by hand (6 x 1 x 5): a collector row, a live column on it, an inert block touching the
 * column's side and a live site cut off from everything. With inert joining (the default) the
 * block is revived through its contact; without, it stays inert; the cut-off site becomes inert
 * either way. Cost: microseconds.
 */
class ConnectivityTest {
  static final int FLUID = 0;
  static final int COLLECTOR = 1;
  static final int PRODUCT = 2;
  static final int INERT = 3;

  static int[] flags() {
    int[] f = new int[Lattice.MAX_MATERIALS];
    f[FLUID] = Material.FLUID;
    f[COLLECTOR] = Material.ELECTRONIC | Material.FIXED;
    f[PRODUCT] = Material.ELECTRONIC | Material.MOBILE;
    return f;
  }

  static Lattice cell(Grid g) {
    byte[] c = new byte[g.sites];
    for (int x = 0; x < 6; x++) {
      c[g.index(x, 0, 0)] = COLLECTOR;
    }
    for (int z = 1; z <= 3; z++) {
      c[g.index(1, 0, z)] = PRODUCT; // live column
    }
    c[g.index(2, 0, 3)] = INERT; // inert block touching the column's side
    c[g.index(3, 0, 3)] = INERT;
    c[g.index(4, 0, 2)] = PRODUCT; // cut off: fluid below and around
    return new Lattice(g, c);
  }

  @Test
  void inertJoinsOrNot() {
    Grid g = new Grid(6, 1, 5);
    int[] flags = flags();
    Lattice a = cell(g);
    assertEquals(3, new Connectivity(g.sites).relabel(a, flags, PRODUCT, INERT));
    assertEquals(PRODUCT, a.cells()[g.index(3, 0, 3)] & Lattice.MATERIAL_MASK);
    assertEquals(INERT, a.cells()[g.index(4, 0, 2)] & Lattice.MATERIAL_MASK);
    Lattice b = cell(g);
    assertEquals(1, new Connectivity(g.sites).relabel(b, flags, PRODUCT, INERT, false));
    assertEquals(INERT, b.cells()[g.index(2, 0, 3)] & Lattice.MATERIAL_MASK);
    assertEquals(INERT, b.cells()[g.index(3, 0, 3)] & Lattice.MATERIAL_MASK);
    assertEquals(PRODUCT, b.cells()[g.index(1, 0, 3)] & Lattice.MATERIAL_MASK);
    assertEquals(INERT, b.cells()[g.index(4, 0, 2)] & Lattice.MATERIAL_MASK);
    for (int i = 0; i < g.sites; i++) {
      assertEquals(0, b.cells()[i] & Lattice.MARK_BIT, "marks cleared");
    }
  }
}
