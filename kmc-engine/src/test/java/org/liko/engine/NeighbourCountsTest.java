package org.liko.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.liko.engine.rules.NeighbourCounts;
import org.liko.engine.rules.SiteRules;

/**
 * The incrementally kept bond counts ({@link NeighbourCounts}) against a recount: after random
 * material changes passed to {@link NeighbourCounts#sync}, every site's count and face-hop mask
 * equal {@link SiteRules#hopState} on the lattice as it is, and every site whose hop state
 * changed was marked. 2D and 3D grids, sides that are and are not powers of two, down to 3.
 * Fixed default seed (logged); {@code -Dliko.test.seed=N} explores another.
 */
class NeighbourCountsTest {
  private static final int[] FLAGS = new int[8];
  private static final int[][] SIZES = {{8, 8, 6}, {5, 3, 7}, {3, 4, 3}, {6, 1, 7}, {3, 1, 4}};

  static {
    FLAGS[0] = Material.FLUID;
    FLAGS[1] = Material.MOBILE | Material.ELECTRONIC; // mobile solid
    FLAGS[2] = Material.MOBILE; // mobile solid of another id (same class)
    FLAGS[3] = Material.FIXED | Material.ELECTRONIC; // fixed solid
    FLAGS[4] = Material.FIXED | Material.INERT; // wall: neither fluid nor solid
    FLAGS[5] = Material.CARRIER_CONDUCTOR; // layer: solid, not mobile
    FLAGS[6] = Material.MOBILE | Material.INERT; // mobile but not in its targets' counts
    FLAGS[7] = Material.FLUID | Material.MOBILE; // odd, but the rule is defined for it
  }

  @Test
  void countsFollowChangesAndMarkEveryChangedRate() {
    long seed = Long.getLong("liko.test.seed", 20261125L);
    System.out.println("NeighbourCountsTest seed " + seed);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    for (int trial = 0; trial < 60; trial++) {
      trial(rng, trial % SIZES.length, 1 + trial % 3);
    }
  }

  /** A random lattice on grid SIZES[size], then 200 events of 1..burst changed sites. */
  private static void trial(UniformRandomProvider rng, int size, int burst) {
    Grid g = new Grid(SIZES[size][0], SIZES[size][1], SIZES[size][2]);
    int dirs = g.directions;
    byte[] cells = new byte[g.sites];
    for (int i = 0; i < g.sites; i++) {
      cells[i] = (byte) randomMaterial(rng);
    }
    NeighbourCounts counts = new NeighbourCounts(cells, FLAGS, g.nx, g.ny, g.nz, dirs);
    counts.recount();
    int[] before = new int[g.sites];
    for (int i = 0; i < g.sites; i++) {
      before[i] = reference(cells, g, i);
      check(counts, cells, before[i], i, g);
    }
    Changes ch = new Changes(new ScheduledQueue());
    boolean[] marked = new boolean[g.sites];
    for (int step = 0; step < 200; step++) {
      ch.reset(0.0);
      int n = 1 + rng.nextInt(burst);
      int[] changed = new int[n];
      for (int k = 0; k < n; k++) { // an event changes a few sites, then reports them
        changed[k] = rng.nextInt(g.sites);
        cells[changed[k]] = (byte) (cells[changed[k]] & ~Lattice.MATERIAL_MASK
            | randomMaterial(rng));
      }
      for (int s : changed) {
        counts.sync(s, ch);
      }
      java.util.Arrays.fill(marked, false);
      for (int k = 0; k < ch.siteCount(); k++) {
        marked[ch.siteAt(k)] = true;
      }
      for (int i = 0; i < g.sites; i++) {
        int now = reference(cells, g, i);
        check(counts, cells, now, i, g);
        assertTrue(now == before[i] || marked[i],
            "hop state of site " + i + " of " + g + " changed but was not marked");
        before[i] = now;
      }
    }
  }

  private static int randomMaterial(UniformRandomProvider rng) {
    int r = rng.nextInt(20);
    return r < 9 ? 0 : r < 14 ? 1 : r < 15 ? 2 : 3 + rng.nextInt(5);
  }

  /** Face-hop state of site i by the plain rule: mask, and the bond count of a mobile site. */
  private static int reference(byte[] cells, Grid g, int i) {
    return SiteRules.hopState(cells, FLAGS, i, g.nx, g.ny, g.nz, g.directions, g.directions);
  }

  private static void check(NeighbourCounts counts, byte[] cells, int state, int i, Grid g) {
    assertEquals(SiteRules.hopMaskOf(state), counts.hopMask(i), "mask at " + i + " of " + g);
    if ((FLAGS[cells[i] & Lattice.MATERIAL_MASK] & Material.MOBILE) != 0) {
      assertEquals(SiteRules.solidNeighboursOf(state), counts.solidNeighbours(i),
          "bond count at " + i + " of " + g);
    }
  }
}
