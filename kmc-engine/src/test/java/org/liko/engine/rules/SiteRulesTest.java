package org.liko.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.liko.engine.Grid;
import org.liko.engine.Material;

/**
 * The fast one-pass hop rule ({@link SiteRules#hopState}, used by the exact solver) equals the
 * plain rules the kernels use ({@link SiteRules#hopAllowed} over {@link SiteRules#hopTarget},
 * {@link SiteRules#solidNeighbours}) on random lattices, 2D and 3D, with and without diagonal
 * moves, including lattice sides that are and are not powers of two.
 */
class SiteRulesTest {
  private static final int FLUID = 0;
  private static final int[] FLAGS = new int[64];

  static {
    FLAGS[0] = Material.FLUID;
    FLAGS[1] = Material.MOBILE | Material.ELECTRONIC; // mobile solid
    FLAGS[2] = Material.FIXED | Material.ELECTRONIC; // fixed solid
    FLAGS[3] = Material.FIXED | Material.INERT; // wall
    FLAGS[4] = Material.CARRIER_CONDUCTOR; // layer
  }

  @Test
  void hopStateMatchesPlainRules() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261125L);
    int[][] sizes = {{8, 1, 8}, {7, 1, 9}, {8, 8, 6}, {5, 6, 7}};
    for (int[] sz : sizes) {
      Grid g = new Grid(sz[0], sz[1], sz[2]);
      for (boolean diag : new boolean[] {false, true}) {
        int moves = SiteRules.hopMoves(g.directions, diag);
        for (int trial = 0; trial < 20; trial++) {
          byte[] cells = new byte[g.sites];
          for (int i = 0; i < g.sites; i++) {
            int r = rng.nextInt(10);
            cells[i] = (byte) (r < 5 ? FLUID : r < 8 ? 1 : r < 9 ? 2 : rng.nextInt(2) + 3);
          }
          for (int i = 0; i < g.sites; i++) {
            int state = SiteRules.hopState(cells, FLAGS, i, g.nx, g.ny, g.nz, g.directions,
                moves);
            int mask = 0;
            if ((FLAGS[cells[i]] & Material.MOBILE) != 0) {
              for (int h = 0; h < moves; h++) {
                int j = SiteRules.hopTarget(i, h, g.nx, g.ny, g.nz, g.directions);
                if (SiteRules.hopAllowed(cells, FLAGS, i, j, g.nx, g.ny, g.nz, g.directions)) {
                  mask |= 1 << h;
                }
              }
            }
            assertEquals(mask, SiteRules.hopMaskOf(state), "mask at " + i + " of " + g);
            assertEquals(Integer.bitCount(mask), SiteRules.hopTargets(cells, FLAGS, i, g.nx,
                g.ny, g.nz, g.directions, moves));
            if ((FLAGS[cells[i]] & Material.MOBILE) != 0) {
              assertEquals(SiteRules.solidNeighbours(cells, FLAGS, i, g.nx, g.ny, g.nz,
                  g.directions), SiteRules.solidNeighboursOf(state), "bonds at " + i);
            }
          }
        }
      }
    }
  }

  /**
   * Every allowed hop has an allowed reverse (so bond-counting rates, which depend on the
   * starting site only, obey detailed balance and cannot ratchet): on random lattices, after
   * any allowed move i -> j of an atom with a bond, the move j -> i is allowed. Also the case that once grew towers
   * and floating pairs: two atoms bonded only to each other cannot move at all.
   */
  @Test
  void everyAllowedHopHasAnAllowedReverse() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
    int checked = 0;
    for (int[] sz : new int[][] {{9, 1, 10}, {6, 6, 7}}) {
      Grid g = new Grid(sz[0], sz[1], sz[2]);
      int moves = SiteRules.hopMoves(g.directions, true);
      for (int trial = 0; trial < 30; trial++) {
        byte[] cells = new byte[g.sites];
        for (int i = 0; i < g.sites; i++) {
          int r = rng.nextInt(10);
          cells[i] = (byte) (r < 5 ? FLUID : r < 8 ? 1 : r < 9 ? 2 : 3);
        }
        for (int i = 0; i < g.sites; i++) {
          // states the dynamics visits: a mobile atom with a bond (an atom without one, which
          // only an initial condition can make, may leave but never come back)
          if ((FLAGS[cells[i]] & Material.MOBILE) == 0 || SiteRules.solidNeighbours(cells,
              FLAGS, i, g.nx, g.ny, g.nz, g.directions) == 0) {
            continue;
          }
          for (int h = 0; h < moves; h++) {
            int j = SiteRules.hopTarget(i, h, g.nx, g.ny, g.nz, g.directions);
            if (!SiteRules.hopAllowed(cells, FLAGS, i, j, g.nx, g.ny, g.nz, g.directions)) {
              continue;
            }
            byte a = cells[i];
            cells[j] = a;
            cells[i] = FLUID;
            assertTrue(SiteRules.hopAllowed(cells, FLAGS, j, i, g.nx, g.ny, g.nz, g.directions),
                "reverse of " + i + " -> " + j + " in " + g);
            cells[i] = a;
            cells[j] = FLUID;
            checked++;
          }
        }
      }
    }
    assertTrue(checked > 1000, "moves checked: " + checked);
    Grid g = new Grid(8, 1, 8);
    byte[] cells = new byte[g.sites];
    cells[g.index(3, 0, 4)] = 1;
    cells[g.index(4, 0, 4)] = 1;
    for (int i : new int[] {g.index(3, 0, 4), g.index(4, 0, 4)}) {
      assertEquals(0, SiteRules.hopTargets(cells, FLAGS, i, g.nx, g.ny, g.nz, g.directions,
          SiteRules.hopMoves(g.directions, true)), "a floating pair is stuck");
      assertFalse(SiteRules.hopMaskOf(SiteRules.hopState(cells, FLAGS, i, g.nx, g.ny, g.nz,
          g.directions, SiteRules.hopMoves(g.directions, true))) != 0);
    }
  }
}
