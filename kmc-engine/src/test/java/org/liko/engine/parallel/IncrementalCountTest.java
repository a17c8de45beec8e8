package org.liko.engine.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.liko.engine.Grid;
import org.liko.engine.rules.SiteRules;

/**
 * The incremental count pass ({@link SectorKernel#P_KEEP_CLEAN}, {@link SectorKernel#C_DIRTY},
 * {@link SectorKernel#P_TOP_SKIP}): after each sweep of random depositions, dissolutions and
 * hops, the counts of a pass that reclassifies only the marked sectors and walks columns down
 * from the host's bound equal, integer for integer, those of a full recount from the top of
 * the box (every sector's histogram and band: the sweep marks only the sectors within reach of
 * the columns each event wrote; the incremental pass clears only the entries of the 5 material
 * ids in use, {@link SectorKernel#P_MATERIAL_IDS}, the full one all: with 2 ids it fails).
 * Seed 7, 40 sweeps on a 3D 20x20x16 and a 2D 80x16 lattice; exact equality (no tolerance);
 * about 0.2 s.
 */
class IncrementalCountTest {
  /** Material ids of SectorBandTest's lattices (the incremental count's P_MATERIAL_IDS). */
  static final int MATERIAL_IDS = 5;

  private static int check(Grid g, long seed) {
    SectorLayout layout = SectorLayout.of(g, 2);
    int n = layout.sectors;
    int[] p = SectorKernel.baseParams(g, layout, 0, SectorBandTest.PRODUCT,
        SectorBandTest.INERT, SectorBandTest.FLUID);
    p[SectorKernel.P_HOP_ON] = 1;
    p[SectorKernel.P_MOVES] = SiteRules.hopMoves(g.directions, true);
    p[SectorKernel.P_BAND] = 1;
    p[SectorKernel.P_KEY0] = (int) seed;
    // material ids 0 .. 4 (SectorBandTest): the count clears only their histogram entries
    p[SectorKernel.P_MATERIAL_IDS] = MATERIAL_IDS;
    // a third each: deposition, dissolution, hop; every class accepted
    p[SectorKernel.P_SPLIT + SectorKernel.DEPOSIT] = 0x55555555;
    p[SectorKernel.P_SPLIT + SectorKernel.DISSOLVE] = 0xAAAAAAAA;
    for (int t = SectorKernel.HOP; t < SectorKernel.TYPES; t++) {
      p[SectorKernel.P_SPLIT + t] = -1;
    }
    for (int c = 0; c < SiteRules.DEPOSIT_CLASSES; c++) {
      p[SectorKernel.P_DEP_THR + c] = -1;
    }
    for (int b = 0; b < 8; b++) {
      p[SectorKernel.P_DIS_THR + b] = 0x20000000;
      p[SectorKernel.P_HOP_THR + b] = -1;
    }
    int[] flags = SectorBandTest.flags();
    byte[] cells = new byte[g.sites];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int c = 0; c < g.plane; c++) {
      cells[c] = SectorBandTest.COLLECTOR;
      int h = rnd.nextInt(4);
      for (int z = 1; z <= h; z++) {
        cells[z * g.plane + c] = SectorBandTest.PRODUCT;
      }
    }
    int hs = SectorKernel.histSize(0);
    int[] hist = new int[n * hs];
    int[] counters = new int[n * SectorKernel.COUNTERS];
    int[] attempts = new int[n];
    int[] scratch = new int[4 * n];
    int[] carriers = new int[1];
    int activeTop = g.nz - 1;
    long events = 0;
    int kept = 0;
    for (int sweep = 0; sweep < 40; sweep++) {
      p[SectorKernel.P_KEEP_CLEAN] = sweep == 0 ? 0 : 1;
      p[SectorKernel.P_TOP_SKIP] = g.nz - 1 - activeTop;
      for (int s = 0; s < n; s++) {
        kept += sweep > 0 && counters[s * SectorKernel.COUNTERS + SectorKernel.C_DIRTY] == 0
            ? 1 : 0;
        SectorKernel.countSector(cells, carriers, flags, p, layout.table, hist, counters, s);
      }
      // the full recount from the top of the box, on copies
      int[] p2 = p.clone();
      p2[SectorKernel.P_KEEP_CLEAN] = 0;
      p2[SectorKernel.P_TOP_SKIP] = 0;
      p2[SectorKernel.P_MATERIAL_IDS] = org.liko.engine.Lattice.MAX_MATERIALS; // clears all
      int[] hist2 = new int[hist.length];
      int[] counters2 = new int[counters.length];
      for (int s = 0; s < n; s++) {
        SectorKernel.countSector(cells, carriers, flags, p2, layout.table, hist2, counters2, s);
      }
      assertArrayEquals(hist2, hist, "histograms by sector, sweep " + sweep);
      activeTop = -1;
      for (int s = 0; s < n; s++) {
        int b = s * SectorKernel.COUNTERS;
        assertArrayEquals(new int[] {counters2[b + SectorKernel.C_BAND_LO],
            counters2[b + SectorKernel.C_BAND_HI]}, new int[] {counters[b
            + SectorKernel.C_BAND_LO], counters[b + SectorKernel.C_BAND_HI]},
            "band of sector " + s + ", sweep " + sweep);
        activeTop = Math.max(activeTop, counters[b + SectorKernel.C_ACTIVE_TOP]);
      }
      int accepted = 0;
      for (int colour = 0; colour < layout.colours; colour++) {
        for (int s = 0; s < n; s++) {
          attempts[s] = rnd.nextInt(8);
        }
        for (int s : layout.byColour[colour]) {
          SectorKernel.sweepSector(cells, carriers, flags, p, layout.table, attempts, counters,
              scratch, s, colour, sweep);
        }
      }
      for (int s = 0; s < n; s++) {
        accepted += counters[s * SectorKernel.COUNTERS + SectorKernel.C_ACCEPTED];
      }
      events += accepted;
      activeTop = Math.min(g.nz - 1, activeTop + 1 + accepted);
    }
    assertTrue(events > 100, "events " + events);
    assertTrue(kept > 0, "no sector was kept: the incremental path went untested");
    return kept;
  }

  @Test
  void keptCountsEqualAFullRecount3d() {
    check(new Grid(20, 20, 16), 7);
  }

  @Test
  void keptCountsEqualAFullRecount2d() {
    check(new Grid(80, 1, 16), 7);
  }

  /**
   * The sweep marks dirty exactly the sectors within {@code range} = 2 columns (per axis,
   * periodic) of the columns an accepted event wrote, no more: single attempts in random
   * sectors of a 3D 30x30x10 lattice (6 x 6 blocks of 5 columns) with rough product film, hops
   * (diagonals included) the only event type and always accepted; after each attempt the
   * changed columns (lattice diff) give the expected set. Seed 11, 2000 attempts (about 170 hops); exact equality;
   * about 0.4 s on the shared 2-core VM.
   */
  @Test
  void eventsMarkOnlyTheSectorsWithinReach() {
    Grid g = new Grid(30, 30, 10);
    SectorLayout layout = SectorLayout.of(g, 2);
    int n = layout.sectors;
    int[] p = SectorKernel.baseParams(g, layout, 0, SectorBandTest.PRODUCT,
        SectorBandTest.INERT, SectorBandTest.FLUID);
    p[SectorKernel.P_HOP_ON] = 1;
    p[SectorKernel.P_MOVES] = SiteRules.hopMoves(g.directions, true);
    p[SectorKernel.P_BAND] = 0; // attempts on the planes with a hop only
    p[SectorKernel.P_KEY0] = 11;
    for (int t = 0; t < SectorKernel.TYPES; t++) {
      p[SectorKernel.P_SPLIT + t] = t < SectorKernel.HOP ? 0 : -1;
    }
    for (int b = 0; b < 8; b++) {
      p[SectorKernel.P_HOP_THR + b] = -1;
    }
    int[] flags = SectorBandTest.flags();
    byte[] cells = new byte[g.sites];
    SplittableRandom rnd = new SplittableRandom(11);
    for (int c = 0; c < g.plane; c++) {
      cells[c] = SectorBandTest.COLLECTOR;
      int h = rnd.nextInt(4);
      for (int z = 1; z <= h; z++) {
        cells[z * g.plane + c] = SectorBandTest.PRODUCT;
      }
    }
    int[] hist = new int[n * SectorKernel.histSize(0)];
    int[] counters = new int[n * SectorKernel.COUNTERS];
    int[] attempts = new int[n];
    int[] scratch = new int[4 * n];
    int[] carriers = new int[1];
    for (int s = 0; s < n; s++) {
      SectorKernel.countSector(cells, carriers, flags, p, layout.table, hist, counters, s);
    }
    int events = 0;
    for (int trial = 0; trial < 2000; trial++) {
      int s = rnd.nextInt(n);
      for (int k = 0; k < n; k++) {
        counters[k * SectorKernel.COUNTERS + SectorKernel.C_DIRTY] = 0;
        attempts[k] = k == s ? 1 : 0;
      }
      byte[] before = cells.clone();
      SectorKernel.sweepSector(cells, carriers, flags, p, layout.table, attempts, counters,
          scratch, s, layout.table[s * SectorKernel.SECTOR_INTS + 4], trial);
      int[] written = new int[g.sites];
      int nw = 0;
      for (int i = 0; i < g.sites; i++) {
        if (cells[i] != before[i]) {
          written[nw++] = i % g.plane;
        }
      }
      for (int k = 0; k < n; k++) {
        int b = k * SectorKernel.SECTOR_INTS;
        boolean near = false;
        for (int e = 0; e < nw; e++) {
          int c = written[e];
          near |= axisDistance(c % g.nx, layout.table[b], layout.table[b + 1], g.nx) <= 2
              && axisDistance(c / g.nx, layout.table[b + 2], layout.table[b + 3], g.ny) <= 2;
        }
        assertEquals(near ? 1 : 0, counters[k * SectorKernel.COUNTERS + SectorKernel.C_DIRTY],
            "sector " + k + " after attempt " + trial + " in sector " + s);
      }
      events += counters[s * SectorKernel.COUNTERS + SectorKernel.C_ACCEPTED] > 0 ? 1 : 0;
      counters[s * SectorKernel.COUNTERS + SectorKernel.C_ACCEPTED] = 0;
    }
    assertTrue(events > 100, "hops " + events);
  }

  /** Periodic distance in sites from coordinate x to the interval [lo, hi) of a ring of n. */
  private static int axisDistance(int x, int lo, int hi, int n) {
    int best = n;
    for (int v = lo; v < hi; v++) {
      int d = Math.abs(x - v);
      best = Math.min(best, Math.min(d, n - d));
    }
    return best;
  }
}
