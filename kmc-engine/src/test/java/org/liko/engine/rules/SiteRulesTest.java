package org.liko.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
