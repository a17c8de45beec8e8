package org.liko.engine.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.liko.engine.Grid;
import org.liko.engine.rng.Philox;
import org.liko.engine.rules.SiteRules;

/** Host pieces of the parallel solver: Philox blocks, Poisson tables, sector layouts. */
class SectorKernelTest {

  @Test
  void philox4MatchesPhiloxWords() {
    int[] out = new int[6];
    for (int k = 0; k < 50; k++) {
      int c0 = k * 7919;
      int c1 = Philox.counter1(k, k & 15, 3);
      Philox.philox4(c0, c1, k, -k, 0x1234567, 0x7654321 ^ k, out, 2);
      for (int w = 0; w < 4; w++) {
        assertEquals(Philox.philox(c0, c1, k, -k, 0x1234567, 0x7654321 ^ k, w), out[2 + w]);
      }
    }
  }

  /**
   * The count pass skips the hop check of product with no dissolution class when there are no
   * diagonal moves (countClasses: no fluid face neighbour, so no face move can hop). Checked on
   * random 2D and 3D lattices (fluid, mobile product, an inert wall, a carrier-conducting layer;
   * fixed seeds): every product site without a dissolution class has no allowed face move, and
   * with diagonal moves some such site can hop (so the skip must stay off there). Exact
   * (integer) checks; about 0.1 s.
   */
  @Test
  void sealedProductCannotHopWithoutDiagonals() {
    int fluid = 0;
    int product = 1;
    int[] flags = new int[64];
    flags[fluid] = org.liko.engine.Material.FLUID | org.liko.engine.Material.CARRIER_CONDUCTOR;
    flags[product] = org.liko.engine.Material.ELECTRONIC | org.liko.engine.Material.MOBILE;
    flags[2] = org.liko.engine.Material.INERT | org.liko.engine.Material.FIXED;
    flags[3] = org.liko.engine.Material.CARRIER_CONDUCTOR;
    int sealedSites = 0;
    int diagonalHops = 0;
    for (Grid g : new Grid[] {new Grid(16, 1, 12), new Grid(10, 9, 8)}) {
      for (int seed = 0; seed < 20; seed++) {
        byte[] cells = new byte[g.sites];
        for (int i = 0; i < g.sites; i++) {
          long u = Philox.draw(seed, i, 0, 0, g.sites, 0);
          // mostly product with some fluid pockets, a few walls and layer sites
          cells[i] = (byte) (u % 10 < 6 ? product : u % 10 < 8 ? fluid : u % 10 < 9 ? 2 : 3);
        }
        for (int i = 0; i < g.sites; i++) {
          if (cells[i] != product || SiteRules.dissolveClassAt(cells, flags, i, g.x(i), g.y(i),
              g.z(i), g.nx, g.ny, g.nz, g.directions, product) != SiteRules.NONE) {
            continue;
          }
          sealedSites++;
          assertEquals(0, SiteRules.canHopAt(cells, flags, i, g.x(i), g.y(i), g.z(i), g.nx,
              g.ny, g.nz, g.directions, SiteRules.hopMoves(g.directions, false)), "site " + i);
          diagonalHops += SiteRules.canHopAt(cells, flags, i, g.x(i), g.y(i), g.z(i), g.nx,
              g.ny, g.nz, g.directions, SiteRules.hopMoves(g.directions, true));
        }
      }
    }
    assertTrue(sealedSites > 1000, "too few sealed sites to mean much: " + sealedSites);
    assertTrue(diagonalHops > 0, "no sealed site hops diagonally: the case is not exercised");
  }

  @Test
  void poissonTableHasTheRightMoments() {
    for (double mean : new double[] {0.0, 0.3, 4.0, 250.0, 3000.0}) {
      int[] t = PoissonTable.of(mean);
      int n = 200_000;
      double s = 0;
      double s2 = 0;
      for (int k = 0; k < n; k++) {
        int x = PoissonTable.draw(t, (int) Philox.draw(42, k, 0, 1, 0, 0));
        s += x;
        s2 += (double) x * x;
      }
      double m = s / n;
      double v = s2 / n - m * m;
      assertEquals(mean, m, 5 * Math.sqrt(Math.max(mean, 1e-9) / n) + 1e-12, "mean " + mean);
      assertEquals(mean, v, 0.05 * mean + 1e-12, "variance " + mean);
    }
    assertEquals(0, PoissonTable.draw(PoissonTable.of(0), -1));
    assertThrows(IllegalArgumentException.class, () -> PoissonTable.of(-1));
  }

  @Test
  void layoutAlternatesColoursWithWideEnoughBlocks() {
    SectorLayout a = SectorLayout.of(new Grid(1024, 1, 64), 2);
    assertEquals(2, a.colours);
    assertEquals(204, a.sectors);
    for (int s = 0; s < a.sectors; s++) {
      int b = s * SectorKernel.SECTOR_INTS;
      assertTrue(a.table[b + 1] - a.table[b] >= 5);
      assertEquals(s & 1, a.table[b + 4]);
    }
    SectorLayout c = SectorLayout.of(new Grid(40, 36, 8), 8);
    assertEquals(4, c.colours);
    assertEquals(4, c.sectors);
    assertArrayEquals(new int[] {0, 20, 0, 18, 0, /**/ 20, 40, 0, 18, 1, /**/ 0, 20, 18, 36, 2,
        /**/ 20, 40, 18, 36, 3}, c.table);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SectorLayout.of(new Grid(9, 1, 8), 2));
    assertTrue(e.getMessage().contains("nx = 9"), e.getMessage());
  }

  @Test
  void unsignedComparison() {
    assertTrue(SectorKernel.below(0, 1));
    assertTrue(SectorKernel.below(1, -1));
    assertTrue(!SectorKernel.below(-1, 5));
    assertTrue(SectorKernel.below(0x7FFFFFFF, 0x80000000));
  }

  /**
   * The attempts' division by multiplication ({@link SectorKernel#divide}) gives floor(l / d)
   * exactly for every divisor 1..600 (all sector widths and heights in practice) at the
   * numerators where rounding could fail (multiples of d and one below, the top of the range)
   * and at 200 random ones each, and for 2000 random divisors up to 2^20; exact equality;
   * seed 5; about 0.25 s on the shared 2-core VM.
   */
  @Test
  void divisionByMultiplicationIsExact() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    int top = (int) SectorKernel.DIVIDE_LIMIT - 1;
    for (int k = 0; k < 2600; k++) {
      int d = k < 600 ? k + 1 : 1 + rnd.nextInt(1 << 20);
      int m = SectorKernel.divideMagic(d);
      int s = SectorKernel.divideShift(d);
      int[] edge = {0, d - 1, d, top, top - 1, top - top % d, top - top % d - 1,
          (top / d / 2) * d, (top / d / 2) * d - 1};
      for (int l : edge) {
        if (l >= 0) {
          assertEquals(l / d, SectorKernel.divide(l, m, s), l + " / " + d);
        }
      }
      for (int r = 0; r < 200; r++) {
        int l = rnd.nextInt(top + 1);
        assertEquals(l / d, SectorKernel.divide(l, m, s), l + " / " + d);
      }
    }
  }
}
