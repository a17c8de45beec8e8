package org.liko.engine.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.engine.rules.SiteRules;

/**
 * The count pass's active band ({@link SectorKernel#C_BAND_LO}, {@link SectorKernel#C_BAND_HI}):
 * from the lowest to the highest plane with an event class, widened by the margin; empty where no
 * site has an event; every plane with margin -1.
 */
class SectorBandTest {
  static final int FLUID = 0;
  static final int COLLECTOR = 1;
  static final int PRODUCT = 2;
  static final int INERT = 3;
  static final int WALL = 4; // a solid floor nothing deposits on

  static int[] flags() {
    int[] f = new int[Lattice.MAX_MATERIALS];
    f[FLUID] = Material.FLUID;
    f[COLLECTOR] = Material.ELECTRONIC | Material.FIXED | Material.DEPOSIT_ON;
    f[PRODUCT] = Material.ELECTRONIC | Material.MOBILE | Material.DEPOSIT_ON;
    f[INERT] = 0;
    f[WALL] = Material.FIXED;
    return f;
  }

  /** Bands {lo, hi} of every sector after a count pass with the given margin. */
  static int[][] bands(Grid g, byte[] cells, int margin) {
    SectorLayout layout = SectorLayout.of(g, 2);
    int[] p = SectorKernel.baseParams(g, layout, 0, PRODUCT, INERT, FLUID);
    p[SectorKernel.P_HOP_ON] = 1;
    p[SectorKernel.P_MOVES] = SiteRules.hopMoves(g.directions, true);
    p[SectorKernel.P_BAND] = margin;
    int[] hist = new int[layout.sectors * SectorKernel.histSize(0)];
    int[] counters = new int[layout.sectors * SectorKernel.COUNTERS];
    int[][] out = new int[layout.sectors][];
    for (int s = 0; s < layout.sectors; s++) {
      SectorKernel.countSector(cells, new int[1], flags(), p, layout.table, hist, counters, s);
      out[s] = new int[] {counters[s * SectorKernel.COUNTERS + SectorKernel.C_BAND_LO],
          counters[s * SectorKernel.COUNTERS + SectorKernel.C_BAND_HI]};
    }
    return out;
  }

  @Test
  void bandSpansTheActivePlanesPlusTheMargin() {
    Grid g = new Grid(20, 1, 30); // four sectors of 5 columns
    byte[] cells = new byte[g.sites];
    for (int x = 0; x < 20; x++) {
      cells[g.index(x, 0, 0)] = COLLECTOR;
      for (int z = 1; z <= 3; z++) {
        cells[g.index(x, 0, z)] = PRODUCT; // a flat film on the collector
      }
    }
    // film top z = 3 dissolves and hops, z = 4 takes deposits: band 3..4 widened by 2
    assertEquals(1, bands(g, cells, 2)[0][0]);
    assertEquals(6, bands(g, cells, 2)[0][1]);
    assertEquals(3, bands(g, cells, 0)[0][0]);
    assertEquals(4, bands(g, cells, 0)[0][1]);
    assertEquals(3, bands(g, cells, 0)[1][0]);
    assertEquals(4, bands(g, cells, 0)[1][1]);
    // an island at z = 12 in sector 0 raises its band top to the fluid above it (z = 13)
    cells[g.index(4, 0, 12)] = PRODUCT;
    cells[g.index(5, 0, 12)] = PRODUCT;
    assertEquals(15, bands(g, cells, 2)[0][1]);
    assertEquals(6, bands(g, cells, 2)[2][1], "sector 2 (x 10..14) keeps its own band");
    // margin -1: every plane
    assertEquals(0, bands(g, cells, -1)[0][0]);
    assertEquals(29, bands(g, cells, -1)[0][1]);
  }

  @Test
  void noEventNoBand() {
    Grid g = new Grid(20, 1, 16);
    byte[] cells = new byte[g.sites];
    for (int x = 0; x < 20; x++) {
      cells[g.index(x, 0, 0)] = WALL;
    }
    for (int[] b : bands(g, cells, 2)) {
      assertEquals(0, b[0]);
      assertEquals(-1, b[1], "an empty band: no attempts");
    }
  }
}
