package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.liko.engine.ExactSolver;
import org.liko.engine.Grid;
import org.liko.engine.rules.SiteRules;

/**
 * The exact solver's hop rates from kept bond counts, updated only where they can change, stay
 * equal to a recomputation from scratch: after thousands of events the hop tree's total equals,
 * bit for bit, that of a solver built anew on the same lattice, and every site's hop rate equals
 * the plain rule ({@link SiteRules#hopState}). Pure hops at rest (bench/bc3d_hop.yaml, small)
 * and hops with ballistic deposition (bench/bc3d.yaml, small).
 */
class HopCountsTest {
  private static final String HEAD = "schemaVersion: 1\nname: hops\nseed: 5\n"
      + "lattice: {nx: 12, ny: 10, nz: 12}\n"
      + "separator_nm: 0\n"
      + "surface: {attemptFrequency_Hz: 1.0, terraceBarrier_eV: 0.0, bondEnergy_eV: 0.10,"
      + " diagonalHops: false}\n"
      + "sei: {recipe: none}\n";

  @Test
  void restHopsMatchARebuild() {
    Scenario s = Scenario.parse(HEAD + "temperature_K: 696.27\n"
        + "kinetics: {openCircuitExchange: false}\n"
        + "geometry: {collectorLayers: 0, initialLi_nm: 0.558, collectorContactAngle_deg: 0,"
        + " initialAdatoms_ML: 0.3}\n"
        + "protocol:\n  - rest: {time_s: 1.0e3}\n", "hops");
    check(s, LiModel.Mode.REST, 0.0);
  }

  @Test
  void depositionAndHopsMatchARebuild() {
    Scenario s = Scenario.parse(HEAD + "temperature_K: 500\n"
        + "transport: {mode: walkers, ballistic: true, beamRadius_sites: 0.71}\n"
        + "geometry: {collectorLayers: 0, initialLi_nm: 0.558, collectorContactAngle_deg: 0}\n"
        + "protocol:\n  - plate: {current_mA_cm2: 1.0e-3, time_s: 1.0e3}\n", "hops");
    check(s, LiModel.Mode.PLATE, 1.0e-3);
  }

  private static void check(Scenario s, LiModel.Mode mode, double current) {
    LiModel model = new LiModel(s, LiMaterials.table(s), 5L);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
    ExactSolver solver = new ExactSolver(model, rng);
    model.attach(solver, rng);
    model.setMode(mode, current);
    solver.updateLeaf(LiModel.INJECT, 0);
    solver.refreshDriven();
    long before = model.lattice().countByMaterial()[LiMaterials.LI];
    for (int round = 0; round < 5; round++) {
      for (int k = 0; k < 4000; k++) {
        solver.step(Double.POSITIVE_INFINITY);
      }
      ExactSolver fresh = new ExactSolver(model, RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
      assertEquals(Double.doubleToRawLongBits(fresh.channelWeight(LiModel.HOP)),
          Double.doubleToRawLongBits(solver.channelWeight(LiModel.HOP)),
          "hop total after " + solver.events() + " events");
      Grid g = model.lattice().grid();
      byte[] cells = model.lattice().cells();
      int[] flags = model.materials().flags;
      for (int i = 0; i < g.sites; i++) {
        int h = SiteRules.hopState(cells, flags, i, g.nx, g.ny, g.nz, g.directions,
            g.directions);
        int t = Integer.bitCount(SiteRules.hopMaskOf(h));
        double w = t == 0 ? 0.0 : model.hopRate(SiteRules.solidNeighboursOf(h)) * t;
        assertEquals(Double.doubleToRawLongBits(w),
            Double.doubleToRawLongBits(model.weight(LiModel.HOP, i)), "hop rate of site " + i);
      }
    }
    if (mode == LiModel.Mode.PLATE) {
      assertTrue(model.lattice().countByMaterial()[LiMaterials.LI] > before, "nothing deposited");
    }
  }
}
