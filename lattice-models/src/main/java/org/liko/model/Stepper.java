package org.liko.model;

import java.util.Map;

/**
 * One solver behind {@link Simulation}'s protocol loop: it advances the clock (one event of the
 * exact solver, one sector sweep of the parallel one) and owns the solver-specific parts of a
 * step (driven rates, cut-off test, thermal updates, lattice copies). The loop owns the
 * protocol: steps, step ends, samples, snapshots, cycles, stop reasons and the summary.
 */
interface Stepper extends AutoCloseable {
  /** {@link #advance} outcome: the clock moved (events may have fired). */
  int MOVED = 0;
  /** {@link #advance} outcome: the clock reached the limit and nothing fired. */
  int LIMIT = 1;
  /** {@link #advance} outcome: the step is over (its end time, or nothing can happen). */
  int END = 2;
  /** {@link #advance} outcome: a stripping step reached its cut-off voltage. */
  int CUTOFF = 3;
  /** {@link #advance} outcome: no site can take the step's current. */
  int NO_SITE = 4;
  /** {@link #advance} outcome: no event can happen. */
  int STALLED = 5;
  /** {@link #advance} outcome: the sweep limit of a benchmark is reached (stops the run). */
  int MAX_SWEEPS = 6;

  /** Simulated time (s). */
  double time();

  /** Events so far. */
  long events();

  /** Starts a protocol step: sets the model's mode and the driven rates. */
  void beginStep(LiModel.Mode mode, Scenario.Step step);

  /**
   * Advances the clock once, towards {@code limit} (next sample or step end, at most
   * {@code stepEnd}).
   *
   * @return one of the outcome constants
   */
  int advance(double limit, double stepEnd);

  /** The overpotential (V) for a time-series row now. */
  double overpotential();

  /** Called before each time-series row. */
  void beforeSample();

  /**
   * Sites of each material now (index = material id, {@link org.liko.engine.Lattice#MAX_MATERIALS}
   * entries), for a time-series row; reduced where the lattice lives.
   */
  long[] materialCounts();

  /** Column heights (nm) of the deposit now, for a time-series row ({@link Morphology#heights}). */
  double[] columnHeights();

  /** Called before a snapshot (the lattice must be current afterwards). */
  void beforeSnapshot();

  /** Makes the model's lattice current (copies it back from a device). */
  void syncLattice();

  /** Relabels Li cut off from the collector as dead at the end of a stripping step. */
  void relabelDead();

  /** Whether interrupt and wall-time limits are polled after this advance. */
  boolean pollDue();

  /** Whether a stop inside a step still books that step (its charge, morphology, dead Li). */
  boolean finishesStepOnStop();

  /** The solver's head of the summary (solver name first, then its own fields). */
  Map<String, Object> summaryHead();

  /** Ends the run: the model's lattice is current and final afterwards. */
  @Override
  void close();

  /**
   * Writes the solver's state and the model's for a checkpoint, between two advances (the
   * protocol loop writes its own position).
   */
  default void save(org.liko.engine.checkpoint.StateOut out) {
    throw new IllegalStateException("this solver writes no checkpoint");
  }

  /** Puts back what {@link #save} wrote, into a stepper just built for the same run. */
  default void restore(org.liko.engine.checkpoint.StateIn in) {
    throw new IllegalStateException("this solver resumes no checkpoint");
  }
}
