package org.liko.engine.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.engine.backend.Backends;
import org.liko.engine.backend.SweepEngine;
import org.liko.engine.rules.Connectivity;

/**
 * The device passes of the dead-product flood fill and of the observables give the host's
 * answers: on random lattices (a collector floor, live and inert product, a non-conducting
 * solid, a conductor that is not a seed, fluid), the seed / grow / label passes on
 * {@code cpu-parallel} with 3 threads (sectors racing on each other's marks) leave the same
 * bytes and the same change count as {@link Connectivity#relabel}, and the observe pass gives
 * the material counts and column heights computed directly.
 */
class FillAndObservePassTest {
  static final int FLUID = 0;
  static final int COLLECTOR = 1;
  static final int PRODUCT = 2;
  static final int INERT = 3;
  static final int SOLID = 4;
  static final int CONDUCTOR = 5;
  static final int[] FLAGS = flags();

  static int[] flags() {
    int[] f = new int[Lattice.MAX_MATERIALS];
    f[FLUID] = Material.FLUID;
    f[COLLECTOR] = Material.ELECTRONIC | Material.FIXED;
    f[PRODUCT] = Material.ELECTRONIC | Material.MOBILE;
    f[INERT] = 0;
    f[SOLID] = 0;
    f[CONDUCTOR] = Material.ELECTRONIC;
    return f;
  }

  @Test
  void fillPassesEqualTheHostFloodFill() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2026L);
    Grid[] grids = {new Grid(40, 1, 24), new Grid(20, 20, 12)};
    int relabelled = 0;
    for (Grid g : grids) {
      for (int trial = 0; trial < 25; trial++) {
        byte[] cells = random(g, rng, 0.35 + 0.02 * trial);
        Lattice host = new Lattice(g, cells.clone());
        int expected = new Connectivity(g.sites).relabel(host, FLAGS, PRODUCT, INERT);
        try (SweepEngine e = engine(g, cells)) {
          e.runPass(SectorKernel.PASS_FILL_SEED, 0, 0);
          long grown = 1;
          int passes = 0;
          int[] counters = new int[layout(g).sectors * SectorKernel.COUNTERS];
          while (grown > 0) {
            e.runPass(SectorKernel.PASS_FILL_GROW, 0, 0);
            e.downloadTable(SectorKernel.SLOT_COUNTERS, counters);
            grown = sum(counters, SectorKernel.C_FILL_CHANGED);
            passes++;
          }
          e.runPass(SectorKernel.PASS_FILL_LABEL, 0, 0);
          e.downloadTable(SectorKernel.SLOT_COUNTERS, counters);
          byte[] dev = new byte[cells.length];
          e.downloadLattice(dev);
          assertArrayEquals(host.cells(), dev, g + " trial " + trial);
          assertEquals(expected, sum(counters, SectorKernel.C_FILL_CHANGED));
          assertTrue(passes <= g.sites, "growth passes end");
        }
        relabelled += expected;
      }
    }
    assertTrue(relabelled > 100, "the trials relabel sites both ways: " + relabelled);
  }

  @Test
  void observePassGivesCountsAndColumnHeights() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
    for (Grid g : new Grid[] {new Grid(40, 1, 24), new Grid(20, 20, 12)}) {
      byte[] cells = random(g, rng, 0.4);
      int base = 1;
      long[] counts = new Lattice(g, cells.clone()).countByMaterial();
      int[] tops = new int[g.plane];
      for (int c = 0; c < g.plane; c++) {
        for (int z = base; z < g.nz; z++) {
          int m = cells[z * g.plane + c] & Lattice.MATERIAL_MASK;
          if (m == PRODUCT || m == INERT) {
            tops[c] = z - base + 1;
          }
        }
      }
      try (SweepEngine e = engine(g, cells)) {
        e.runPass(SectorKernel.PASS_OBSERVE, 0, 0);
        int n = layout(g).sectors;
        int[] mats = new int[n * Lattice.MAX_MATERIALS];
        int[] devTops = new int[g.plane];
        e.downloadTable(SectorKernel.SLOT_MATERIALS, mats);
        e.downloadTable(SectorKernel.SLOT_TOPS, devTops);
        long[] devCounts = new long[Lattice.MAX_MATERIALS];
        for (int s = 0; s < n; s++) {
          for (int m = 0; m < Lattice.MAX_MATERIALS; m++) {
            devCounts[m] += mats[s * Lattice.MAX_MATERIALS + m];
          }
        }
        assertArrayEquals(counts, devCounts);
        assertArrayEquals(tops, devTops);
      }
    }
  }

  /** A collector floor (z = 0), then random materials thinning out towards the top. */
  static byte[] random(Grid g, UniformRandomProvider rng, double density) {
    byte[] cells = new byte[g.sites];
    for (int i = 0; i < g.sites; i++) {
      int z = g.z(i);
      int m = FLUID;
      if (z == 0) {
        m = COLLECTOR;
      } else if (rng.nextDouble() < density * (1.0 - (double) z / g.nz)) {
        double u = rng.nextDouble();
        m = u < 0.6 ? PRODUCT : u < 0.8 ? INERT : u < 0.9 ? SOLID : CONDUCTOR;
      }
      cells[i] = (byte) m;
    }
    return cells;
  }

  static SectorLayout layout(Grid g) {
    return SectorLayout.of(g, 2);
  }

  static SweepEngine engine(Grid g, byte[] cells) {
    SectorLayout layout = layout(g);
    int[] params = new int[SectorKernel.paramsSize(0)];
    params[SectorKernel.P_NX] = g.nx;
    params[SectorKernel.P_NY] = g.ny;
    params[SectorKernel.P_NZ] = g.nz;
    params[SectorKernel.P_DIRS] = g.directions;
    params[SectorKernel.P_PRODUCT] = PRODUCT;
    params[SectorKernel.P_INERT] = INERT;
    params[SectorKernel.P_SECTORS] = layout.sectors;
    params[SectorKernel.P_BASE] = 1;
    SweepEngine e = Backends.load().select("cpu-parallel").open(3);
    e.uploadLattice(cells);
    e.uploadTable(SectorKernel.SLOT_PARAMS, params);
    e.uploadTable(SectorKernel.SLOT_FLAGS, FLAGS);
    e.uploadTable(SectorKernel.SLOT_SECTORS, layout.table);
    e.uploadTable(SectorKernel.SLOT_COUNTERS, new int[layout.sectors * SectorKernel.COUNTERS]);
    e.uploadTable(SectorKernel.SLOT_CARRIERS, new int[] {0});
    e.uploadTable(SectorKernel.SLOT_MATERIALS, new int[layout.sectors * Lattice.MAX_MATERIALS]);
    e.uploadTable(SectorKernel.SLOT_TOPS, new int[g.plane]);
    return e;
  }

  static long sum(int[] counters, int c) {
    long n = 0;
    for (int s = 0; s < counters.length / SectorKernel.COUNTERS; s++) {
      n += counters[s * SectorKernel.COUNTERS + c];
    }
    return n;
  }
}
