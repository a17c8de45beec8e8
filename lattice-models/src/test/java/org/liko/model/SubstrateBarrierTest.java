package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.liko.engine.ExactSolver;
import org.liko.engine.Grid;
import org.liko.engine.InputException;
import org.liko.engine.Lattice;
import org.liko.engine.MaterialTable;

/**
 * Terrace barriers per substrate ({@code surface.terraceBarrierOn*_eV}) of the exact solver.
 *
 * <p>Known answers: (1) a lone adatom on a flat 3D substrate of Cu, Li, inorganic and organic SEI
 * (hand-made 16 x 16 x 10 lattice, E_b = 0, face hops) has the total rate 4 nu exp(-E_d(m)/kT),
 * four allowed targets times the per-target rate with its substrate's barrier, to 1e-12
 * relative (the exact solver's total rate too, where the substrate is not itself mobile);
 * (2) the measured tracer diffusivity ({@link TracerDiffusivity}) of about 40 adatoms (0.01 ML,
 * 64 x 64, face hops, E_b = 0) on Cu at 0.074 eV and on inorganic SEI at 0.124 eV, 300 K,
 * differs by the Arrhenius factor exp(0.05 eV / kT) = 6.92 within 8%: each D has a relative
 * error of about 1/sqrt(N K) = 1.6% (N = 40 adatoms, K = 100 windows of 50 hops), so the ratio
 * about 2.3%, and 8% is 3.5 of those; with face hops only and E_b = 0 encounters between
 * adatoms (blocking) are the same on both substrates. Seeds 1001, 1002 (not tuned).
 * (3) the defaults (-1) leave the rates those of the plain model; (4) bad input: a negative
 * barrier other than -1 is refused by name (the parallel solver's twin: ParallelBarriersTest).
 * Measured cost: about
 * 3 s on 2 shared cores.
 */
class SubstrateBarrierTest {
  static final double KT_300 = 8.617333262e-5 * 300;

  static Scenario scenario(String extra) {
    return Scenario.parse("schemaVersion: 1\nname: sub\nlattice: {nx: 16, ny: 16, nz: 10}\n"
        + "temperature_K: 300\n"
        + "surface: {attemptFrequency_Hz: 1.0e13, terraceBarrier_eV: 0.074, bondEnergy_eV: 0,"
        + " diagonalHops: false" + extra + "}\n"
        + "sei: {recipe: none}\nkinetics: {openCircuitExchange: false}\n"
        + "protocol:\n  - rest: {time_s: 1}\n", "sub.yaml");
  }

  @Test
  void loneAdatomHopsWithItsSubstratesBarrier() {
    double[] ed = {0.074, 0.20, 0.15, 0.30}; // Li, Cu, inorganic SEI, organic SEI
    int[] mats = {LiMaterials.LI, LiMaterials.CU, LiMaterials.SEI_INORGANIC,
        LiMaterials.SEI_ORGANIC};
    Scenario s = scenario(", terraceBarrierOnCu_eV: 0.20, terraceBarrierOnSeiInorganic_eV: 0.15,"
        + " terraceBarrierOnSeiOrganic_eV: 0.30");
    for (int k = 0; k < mats.length; k++) {
      LiModel m = new LiModel(s, LiMaterials.table(s), 1);
      Grid g = m.lattice().grid();
      byte[] c = m.lattice().cells();
      int floor = 2; // substrate plane z = 2 of material k, adatom above it at (5, 7, 3)
      for (int i = 0; i < g.sites; i++) {
        if (g.z(i) >= 1 && (c[i] & Lattice.MATERIAL_MASK) != LiMaterials.SEPARATOR) {
          c[i] = (byte) (g.z(i) <= floor ? mats[k] : LiMaterials.ELECTROLYTE);
        }
      }
      int a = g.index(5, 7, floor + 1);
      c[a] = (byte) LiMaterials.LI;
      MaterialTable mt = LiMaterials.table(s);
      SurfaceDiffusion d = new SurfaceDiffusion(s, g.nx, g.ny, g.nz, g.directions);
      d.setTemperature(s, m.kT());
      double w = d.weight(c, mt.flags, a, g.nx, g.ny, g.nz, g.directions);
      double expected = 4 * 1.0e13 * StrictMath.exp(-ed[k] / m.kT());
      assertEquals(expected, w, 1e-12 * expected, "substrate " + mt.get(mats[k]).name());
      assertEquals(expected / 4, m.hopRateOn(mats[k], 1), 1e-12 * expected);
      if (mats[k] == LiMaterials.LI) {
        continue; // on a Li slab the slab's own surface atoms hop too: not a lone adatom
      }
      // the exact solver's total rate: the lone adatom is the only live site
      ExactSolver solver = new ExactSolver(m, RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
      m.attach(solver, RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
      assertEquals(expected, solver.totalRate(), 1e-9 * expected,
          "exact total rate on " + mt.get(mats[k]).name());
    }
  }

  @Test
  void defaultsKeepThePlainRates() {
    Scenario plain = scenario("");
    LiModel m = new LiModel(plain, LiMaterials.table(plain), 1);
    assertFalse(m.barriersBySubstrate());
    for (int n = 0; n <= 6; n++) {
      assertEquals(m.hopRate(n), m.hopRateOn(LiMaterials.CU, n), 0.0);
    }
  }

  @Test
  void diffusivityOnTwoSubstratesDiffersByTheArrheniusFactor() {
    double d1 = diffusivity(LiMaterials.CU, 1001L);
    double d2 = diffusivity(LiMaterials.SEI_INORGANIC, 1002L);
    double expected = StrictMath.exp(0.05 / KT_300);
    System.out.printf("D(on Cu, 0.074 eV) = %.4g, D(on inorganic SEI, 0.124 eV) = %.4g m^2/s,"
        + " ratio %.4f, Arrhenius %.4f%n", d1, d2, d1 / d2, expected);
    assertEquals(expected, d1 / d2, 0.08 * expected);
  }

  /**
   * Tracer diffusivity (m^2/s) of 0.01 ML adatoms on the floor plane z = 0 made of material
   * floor (Cu at 0.074 eV, inorganic SEI at 0.124 eV), face hops only.
   */
  static double diffusivity(int floor, long seed) {
    Scenario s = Scenario.parse("schemaVersion: 1\nname: sub\nlattice: {nx: 64, ny: 64, nz: 8}\n"
        + "temperature_K: 300\n"
        + "surface: {attemptFrequency_Hz: 1.0e13, terraceBarrier_eV: 0.074, bondEnergy_eV: 0,"
        + " diagonalHops: false, terraceBarrierOnCu_eV: 0.074,"
        + " terraceBarrierOnSeiInorganic_eV: 0.124}\n"
        + "sei: {recipe: none}\nkinetics: {openCircuitExchange: false}\n"
        + "geometry: {initialAdatoms_ML: 0.01}\n"
        + "protocol:\n  - rest: {time_s: 1}\n", "sub.yaml");
    LiModel model = new LiModel(s, LiMaterials.table(s), seed);
    Grid g = model.lattice().grid();
    byte[] c = model.lattice().cells();
    for (int i = 0; i < g.plane; i++) {
      c[i] = (byte) floor; // the collector plane becomes the substrate under test
    }
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ExactSolver solver = new ExactSolver(model, rng);
    model.attach(solver, rng);
    TracerDiffusivity tracer = TracerDiffusivity.track(model);
    double gamma = model.hopRateOn(floor, 1);
    double tau = 50 / (4 * gamma);
    double t = 0;
    for (int w = 0; w < 100; w++) {
      t += tau;
      while (solver.step(t) != ExactSolver.LIMIT) {
        // hop until the window ends
      }
      tracer.window(t);
    }
    return tracer.diffusivity();
  }

  @Test
  void badInputIsNamed() {
    InputException neg = assertThrows(InputException.class, () -> {
      Scenario s = scenario(", terraceBarrierOnCu_eV: -0.5");
      new LiModel(s, LiMaterials.table(s), 1);
    });
    assertTrue(neg.getMessage().contains("surface.terraceBarrierOnCu_eV"), neg.getMessage());
  }
}
