package org.liko.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.liko.engine.ExactSolver;
import org.liko.engine.checkpoint.StateIn;
import org.liko.engine.checkpoint.StateOut;

/**
 * The exact (BKL) solver behind the protocol loop: one event per {@link #advance}; self-heating
 * is advanced at step boundaries and samples.
 */
final class ExactStepper implements Stepper {
  private final LiModel model;
  private final ExactSolver solver;
  private final UniformRandomProvider rng;
  private final Thermal thermal;
  private final double updateK;
  private double heatedUntil;
  private double previousCurrent;
  private LiModel.Mode mode;
  private double cutoff;

  ExactStepper(LiModel model, long seed, Thermal thermal, double updateK) {
    this.model = model;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    this.rng = rng;
    this.solver = new ExactSolver(model, rng);
    model.attach(solver, rng);
    this.thermal = thermal;
    this.updateK = updateK;
  }

  @Override
  public double time() {
    return solver.time();
  }

  @Override
  public long events() {
    return solver.events();
  }

  @Override
  public void beginStep(LiModel.Mode mode, Scenario.Step st) {
    heat();
    previousCurrent = mode == LiModel.Mode.REST ? 0.0 : st.current_mA_cm2();
    model.setMode(mode, st.current_mA_cm2());
    solver.updateLeaf(LiModel.INJECT, 0); // its weight depends on the mode (walkers mode)
    if (model.rebuildOnModeChange()) {
      solver.rebuild(); // every site's rate moved with the field's new potential
    } else {
      solver.refreshDriven();
    }
    this.mode = mode;
    this.cutoff = st.cutoff_V();
  }

  @Override
  public int advance(double limit, double stepEnd) {
    if (mode == LiModel.Mode.STRIP && cutoff > 0 && model.overpotential() > cutoff) {
      return CUTOFF; // the solve is current after every event
    }
    if (!model.canCarry()) {
      // plating with every surface blocked, or stripping with no live Li left
      return NO_SITE;
    }
    int r = solver.step(limit);
    if (r == ExactSolver.STALLED) {
      return STALLED;
    }
    return r == ExactSolver.LIMIT ? LIMIT : MOVED;
  }

  @Override
  public double overpotential() {
    return model.overpotential();
  }

  @Override
  public void beforeSample() {
    heat();
  }

  @Override
  public long[] materialCounts() {
    return model.lattice().countByMaterial();
  }

  @Override
  public double[] columnHeights() {
    return Morphology.heights(model.lattice(), model.collectorTop(), model.siteNm(),
        LiMaterials.LI, LiMaterials.LI_DEAD);
  }

  @Override
  public void beforeSnapshot() {
    model.markCarriers();
  }

  @Override
  public void syncLattice() {}

  @Override
  public void relabelDead() {
    if (model.relabelDead() > 0) {
      solver.rebuild();
    }
  }

  @Override
  public boolean pollDue() {
    return (solver.events() & 1023) == 0;
  }

  @Override
  public boolean finishesStepOnStop() {
    return true;
  }

  @Override
  public Map<String, Object> summaryHead() {
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("solver", "exact");
    return head;
  }

  /** Marks the walkers' sites on the final lattice. */
  @Override
  public void close() {
    model.markCarriers();
  }

  /**
   * Writes the step's state (mode, cut-off, current and heating clock), the self-heating
   * temperature, the model, the generator's state and the solver's clock and scheduled events.
   */
  @Override
  public void save(StateOut out) {
    out.section("exact-stepper").i(mode == null ? -1 : mode.ordinal()).d(cutoff)
        .d(previousCurrent).d(heatedUntil);
    thermal.save(out);
    model.save(out);
    out.rng((RestorableUniformRandomProvider) rng);
    solver.save(out);
  }

  @Override
  public void restore(StateIn in) {
    in.section("exact-stepper");
    int m = in.i();
    mode = m < 0 ? null : LiModel.Mode.values()[Math.min(m, LiModel.Mode.values().length - 1)];
    cutoff = in.d();
    previousCurrent = in.d();
    heatedUntil = in.d();
    thermal.restore(in);
    model.restore(in);
    in.rng((RestorableUniformRandomProvider) rng);
    solver.restore(in); // rebuilds the trees and the overpotential from the model
  }

  /**
   * Advances the self-heating temperature to the solver's clock at the current of the step
   * that just ran, and rebuilds the rates when it moved by at least {@code updateK}.
   */
  private void heat() {
    if (!thermal.active()) {
      return;
    }
    double t = thermal.advance(solver.time() - heatedUntil, previousCurrent);
    heatedUntil = solver.time();
    if (Math.abs(t - model.temperatureK()) >= updateK) {
      model.setTemperature(t);
      solver.rebuild();
    }
  }
}
