package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.liko.engine.Grid;
import org.liko.engine.InputException;
import org.liko.engine.Lattice;
import org.liko.engine.MaterialTable;

/**
 * The Ehrlich-Schwoebel step-edge barrier ({@code surface.ehrlichSchwoebel_eV}) of the exact
 * solver, on a hand-made 2D configuration: an adatom A at the right edge of a one-layer island
 * on a flat film. A has one solid neighbour (the island below) and two allowed moves: a face
 * hop back onto the island and a diagonal hop down the edge onto the film. Known answers: the
 * total hop rate nu exp(-(E_d + E_b)/kT) (1 + exp(-E_ES/kT)) to 1e-12 relative; the step-down
 * share of picked moves exp(-E_ES/kT) / (1 + exp(-E_ES/kT)) over 200000 draws within 4
 * standard errors (0.3% of the share; seed 5); E_ES = 0 leaves the plain rate; bad input: the
 * barrier without diagonal hops. Milliseconds. (The parallel solver's twin of this law:
 * ParallelBarriersTest.)
 */
class StepEdgeBarrierTest {
  static final double ES = 0.05; // eV

  static Scenario scenario(double es, boolean diagonals) {
    return Scenario.parse("schemaVersion: 1\nname: es\nlattice: {nx: 32, nz: 12}\n"
        + "surface: {attemptFrequency_Hz: 1.0e13, terraceBarrier_eV: 0.074, bondEnergy_eV: 0.1,"
        + " ehrlichSchwoebel_eV: " + es + ", diagonalHops: " + diagonals + "}\n"
        + "sei: {recipe: none}\ngeometry: {initialLi_nm: 0.558}\n"
        + "protocol:\n  - rest: {time_s: 1}\n", "es.yaml");
  }

  /** {model, the adatom's site}: film of 2 layers, island x = 10..20 on it, A above x = 20. */
  static Object[] edge(Scenario s) {
    LiModel m = new LiModel(s, LiMaterials.table(s), 1);
    Lattice lat = m.lattice();
    Grid g = lat.grid();
    byte[] c = lat.cells();
    int f = 0; // first empty plane above the film
    while ((c[g.index(0, 0, f)] & Lattice.MATERIAL_MASK) != 0) {
      f++;
    }
    byte li = (byte) LiMaterials.LI;
    for (int x = 10; x <= 20; x++) {
      c[g.index(x, 0, f)] = li;
    }
    int a = g.index(20, 0, f + 1);
    c[a] = li;
    return new Object[] {m, a};
  }

  static SurfaceDiffusion diffusion(Scenario s, LiModel m) {
    Grid g = m.lattice().grid();
    SurfaceDiffusion d = new SurfaceDiffusion(s, g.nx, g.ny, g.nz, g.directions);
    d.setTemperature(s, m.kT());
    return d;
  }

  @Test
  void totalRateCarriesTheBarrierOnTheStepDownMoveOnly() {
    for (double es : new double[] {0, ES}) {
      Scenario s = scenario(es, true);
      Object[] e = edge(s);
      LiModel m = (LiModel) e[0];
      int a = (Integer) e[1];
      SurfaceDiffusion d = diffusion(s, m);
      Grid g = m.lattice().grid();
      MaterialTable mt = LiMaterials.table(s);
      double w = d.weight(m.lattice().cells(), mt.flags, a, g.nx, g.ny, g.nz, g.directions);
      double plain = 1.0e13 * StrictMath.exp(-(0.074 + 0.1) / m.kT());
      double expected = plain * (1 + StrictMath.exp(-es / m.kT()));
      assertEquals(expected, w, 1e-12 * expected, "E_ES = " + es);
    }
  }

  @Test
  void stepDownShareOfPickedMoves() {
    Scenario s = scenario(ES, true);
    Object[] e = edge(s);
    LiModel m = (LiModel) e[0];
    int a = (Integer) e[1];
    SurfaceDiffusion d = diffusion(s, m);
    Grid g = m.lattice().grid();
    MaterialTable mt = LiMaterials.table(s);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
    int n = 200000;
    int down = 0;
    byte[] c = m.lattice().cells();
    for (int k = 0; k < n; k++) {
      int h = d.pickMove(c, mt.flags, a, g.nx, g.ny, g.nz, g.directions, rng);
      int target = org.liko.engine.rules.SiteRules.hopTarget(a, h, g.nx, g.ny, g.nz,
          g.directions);
      if (g.z(target) < g.z(a)) {
        down++;
      } else {
        assertEquals(g.z(a), g.z(target), "the other allowed move is the face hop back");
      }
    }
    double f = StrictMath.exp(-ES / m.kT());
    double p = f / (1 + f);
    double se = Math.sqrt(p * (1 - p) / n);
    System.out.printf("step-down share %.5f, expected %.5f +- %.5f (1 s.e.)%n",
        down / (double) n, p, se);
    assertEquals(p, down / (double) n, 4 * se);
  }

  @Test
  void badInputIsNamed() {
    InputException noDiagonals = assertThrows(InputException.class,
        () -> new LiModel(scenario(ES, false), LiMaterials.table(scenario(ES, false)), 1));
    assertTrue(noDiagonals.getMessage().contains("surface.ehrlichSchwoebel_eV")
        && noDiagonals.getMessage().contains("diagonalHops"), noDiagonals.getMessage());
  }
}
