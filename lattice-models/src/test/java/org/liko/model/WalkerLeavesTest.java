package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.liko.engine.ExactSolver;

/**
 * Walkers transport (Butler-Volmer off, no hops, no SEI: the configuration in which a walker's
 * reduction is the only thing that changes the lattice besides oxidation) under the exact
 * solver: after every event of a plating step and then of a stripping step, every leaf of every
 * active channel equals, bit for bit, the model's weight recomputed from the lattice (what
 * {@link ExactSolver#rebuild} would put there), and the total rate equals that of a solver built
 * anew on the same state; two cycles (the second strip starts from oxidation leaves last
 * computed in the first, so the plating between must mark them out of date). A walker that reduces while stripping changes the oxidation weights
 * of its site and of its neighbours; if they were not updated, the leaf of the new Li atom would
 * stay 0 (it could never be stripped) and a Li atom it buried could still be picked for
 * oxidation. Two runs: a fixed population (it keeps reducing while stripping) and injected slow
 * walkers still on their way when stripping starts; each must see walker reductions during the
 * stripping step, else the check would be empty. Exact comparison: both sides evaluate the same
 * function of the same lattice. Seeds 1000 and 1001. Cost: about 2 s.
 */
class WalkerLeavesTest {
  /** 24 x 24 2D lattice, two Li layers on the collector. */
  private static final String HEAD = ParallelWalkersTest.head(24, 1, 24)
      + "geometry: {initialLi_nm: 0.6}\n";

  @Test
  void aPopulationKeepsTheLeavesOfARebuild() {
    // slow walkers (the smallest D allowed, 6 dirs G ~ 20000/s) against I/e ~ 1800/s at 10
    // mA/cm^2: walker reductions and oxidations interleave while stripping
    check(HEAD + "transport: {mode: walkers, population: 6, reactionProbability: 0.5,"
        + " diffusivity_m2_s: 1.0e-16, launchGap_sites: 2, relaunchGap_sites: 6}\n"
        + "protocol:\n  - plate: {current_mA_cm2: 10, time_s: 1}\n", 1000L, 10.0, 40, 40);
  }

  @Test
  void injectedWalkersKeepTheLeavesOfARebuild() {
    // slow walkers (the smallest D allowed) and 100 mA/cm^2: many walkers are still diffusing
    // when the strip begins and reduce during it
    check(HEAD + "transport: {mode: walkers, reactionProbability: 0.3, diffusivity_m2_s: 1.0e-16,"
        + " launchGap_sites: 3}\n"
        + "protocol:\n  - plate: {current_mA_cm2: 100, time_s: 1}\n", 1001L, 100.0, 40, 40);
  }

  /**
   * Reaction mode, Li plated under a conducting coating (LayerMechanicsTest's material) in a box
   * only 10 sites high: the lifted coating reaches the separator, so whether a site under the
   * coating can still lift its column ({@code SiteRules.canLift}) changes with sites far above
   * it, which {@code LiModel.touch} must mark (the column walk below a change). Every leaf is
   * compared with the model after each plating event until the box is full (86 events; at
   * least 60 asserted; seed 1002); with the walk left out a site's deposition leaf went stale at event 44 (kept 0.976,
   * rebuilt 0) and this failed. About 1 s.
   */
  @Test
  void growthUnderACoatingKeepsTheLeavesOfARebuild() {
    Scenario s = Scenarios.of("coat-leaves", "16x10", "surface: {attemptFrequency_Hz: 0}\n"
        + "sei: {recipe: none}\n"
        + "materials:\n  - {name: coat, flags: \"electronic,carrierConductor\","
        + " carrierBarrier_eV: 0.20, young_GPa: 0.1, fracture_GPa: 1.0e9, healing_per_s: 0}\n"
        + "geometry:\n  initialLi_nm: 0.3\n  features:\n"
        + "    - coating: {material: coat, thickness_nm: 0.6}\n",
        "  - plate: {current_mA_cm2: 2, time_s: 1}\n");
    long seed = 1002L;
    LiModel model = new LiModel(s, LiMaterials.table(s), seed);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ExactSolver solver = new ExactSolver(model, rng);
    model.attach(solver, rng);
    model.setMode(LiModel.Mode.PLATE, 2.0);
    solver.refreshDriven();
    int checked = 0;
    while (checked < 300) {
      int r = solver.step(Double.POSITIVE_INFINITY);
      if (r != ExactSolver.EVENT && r != ExactSolver.SCHEDULED) {
        break; // the box is full: no site can take Li any more
      }
      compare(model, solver, LiModel.Mode.PLATE);
      checked++;
    }
    System.out.printf("WalkerLeavesTest coating: %d events checked%n", checked);
    assertTrue(checked >= 60, "events checked: " + checked);
  }

  /**
   * Two cycles: plates {@code plated} sites, then strips {@code stripped}, at {@code current}
   * mA/cm^2, checking after every event.
   */
  private static void check(String yaml, long seed, double current, long plated,
      long stripped) {
    Scenario s = Scenario.parse(yaml, "walker-leaves");
    LiModel model = new LiModel(s, LiMaterials.table(s), seed);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ExactSolver solver = new ExactSolver(model, rng);
    model.attach(solver, rng);
    long checks = 0;
    for (LiModel.Mode mode : new LiModel.Mode[] {LiModel.Mode.PLATE, LiModel.Mode.STRIP,
        LiModel.Mode.PLATE, LiModel.Mode.STRIP}) {
      model.setMode(mode, current);
      solver.updateLeaf(LiModel.INJECT, 0);
      solver.refreshDriven();
      long reducedWhileStripping = 0;
      while (mode == LiModel.Mode.PLATE ? model.reducedInStep() < plated
          : model.extractedInStep() < stripped) {
        int r = solver.step(Double.POSITIVE_INFINITY);
        assertTrue(r == ExactSolver.EVENT || r == ExactSolver.SCHEDULED, "solver stalled");
        assertTrue(solver.events() < 100_000, "the step did not end (too many events)");
        compare(model, solver, mode);
        checks++;
      }
      if (mode == LiModel.Mode.STRIP) {
        reducedWhileStripping = model.reducedInStep();
        System.out.printf("WalkerLeavesTest seed %d: %d events checked, %d walker reductions"
            + " in this stripping step%n", seed, checks, reducedWhileStripping);
        assertTrue(reducedWhileStripping >= 3, "walkers reduced while stripping: "
            + reducedWhileStripping);
      }
    }
  }

  /** Every leaf of every active channel against the model, and the total against a rebuild. */
  private static void compare(LiModel model, ExactSolver solver, LiModel.Mode mode) {
    for (int c = 0; c < model.channelCount(); c++) {
      if (!solver.channelActive(c)) {
        continue;
      }
      int n = model.channelSize(c);
      for (int i = 0; i < n; i++) {
        double w = model.weight(c, i);
        double kept = solver.leafWeight(c, i);
        if (Double.doubleToRawLongBits(w) != Double.doubleToRawLongBits(kept)) {
          fail(mode + ", event " + solver.events() + ": leaf " + i
              + " of channel " + c + " (kept " + kept + ", rebuilt " + w + ")");
        }
      }
    }
    ExactSolver fresh = new ExactSolver(model, RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
    assertEquals(Double.doubleToRawLongBits(fresh.totalRate()),
        Double.doubleToRawLongBits(solver.totalRate()), mode + ", event " + solver.events()
            + ": total rate (kept " + solver.totalRate() + ", rebuilt " + fresh.totalRate() + ")");
  }
}
