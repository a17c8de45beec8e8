package org.liko.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.liko.engine.Changes;
import org.liko.engine.ExactSolver;

/**
 * How Li+ reaches the surface: one implementation per {@code transport.mode}
 * ({@link ReactionTransport}: reaction, {@link WalkerTransport}: walkers, {@link FieldTransport}:
 * field). {@link LiModel} asks its transport which reduction and oxidation channels
 * are live and at what driven rate, and hands it the walker channels; a mode without walkers
 * keeps the defaults (no walker, nothing to inject).
 *
 * <p>The channels a transport answers for: {@link LiModel#DEPOSIT}, {@link LiModel#DISSOLVE},
 * {@link LiModel#NUCLEATE}{@code + k} (activity and driven rates), {@link LiModel#WALK} and
 * {@link LiModel#INJECT}.
 */
interface Transport {
  /**
   * True when reduction and nucleation are Butler-Volmer site channels (one leaf per site);
   * false when the transport places the Li itself (those channels then have one empty leaf).
   */
  boolean siteReduction();

  /** Whether a reduction, oxidation or nucleation channel c is live in protocol mode m. */
  boolean channelActive(int c, LiModel.Mode m);

  /**
   * Driven rate of channel c ({@link LiModel#DEPOSIT}, {@link LiModel#DISSOLVE},
   * {@link LiModel#NUCLEATE}{@code + k} or {@link LiModel#INJECT}).
   */
  double drivenRate(int c);

  /** Overpotential (V) of the last solve; 0 where none is solved. */
  double overpotential();

  /** False when the present plating or stripping step's current has nowhere to go. */
  boolean canCarry();

  /** Called once the model is attached to the exact solver. */
  default void attach(ExactSolver solver, UniformRandomProvider rng) {}

  /** Walker slots (the {@link LiModel#WALK} channel's leaves). */
  default int walkerSlots() {
    return 1;
  }

  /** Site of the walker in a slot, or -1. */
  default int walkerSite(int slot) {
    return -1;
  }

  /** True while the walker in a slot is on a first-passage jump. */
  default boolean walkerInFlight(int slot) {
    return false;
  }

  /** Walkers on the lattice (exact solver). */
  default long walkerCount() {
    return 0;
  }

  /** Injections lost because every walker slot was busy. */
  default long droppedInjections() {
    return 0;
  }

  /** Rate of the walker in a slot. */
  default double walkWeight(int slot) {
    return 0.0;
  }

  /** Leaf weight of the injection channel (its driven rate switches it). */
  default double injectWeight() {
    return 0.0;
  }

  /** Fires a walker hop. */
  default void walk(int slot, UniformRandomProvider rng, Changes ch) {
    throw new IllegalStateException("no walkers in this transport mode");
  }

  /** Fires an injection. */
  default void inject(UniformRandomProvider rng, Changes ch) {
    throw new IllegalStateException("no walkers in this transport mode");
  }

  /** Fires a scheduled event (the end of a walker's first-passage jump). */
  default void fireScheduled(long token, UniformRandomProvider rng, Changes ch) {
    throw new IllegalStateException("no scheduled events in this transport mode");
  }

  /** Site j became solid (hop target). */
  default void solidAdded(int j) {}

  /** Site i became fluid (oxidation, hop source). */
  default void solidRemoved(int i) {}

  /**
   * Reduction weight of candidate site i whose class weight is w: w itself (reaction mode), or
   * w times the site's local kinetics (field mode).
   */
  default double reductionWeight(int i, double w) {
    return w;
  }

  /**
   * Oxidation weight of live Li site i whose class weight is v: v itself, or the site's local
   * kinetics (field mode).
   */
  default double oxidationWeight(int i, double v) {
    return v;
  }

  /**
   * Leaf weight of candidate site i in nucleation channel {@link LiModel#NUCLEATE}{@code + k}:
   * 1 (reaction mode: the channel's driven rate carries the overpotential), or the site's local
   * kinetics and barrier relative to the channel's (field mode).
   */
  default double nucleationLeaf(int i, int k) {
    return 1.0;
  }

  /**
   * True when reduction on a foreign substrate runs in the reduction channel (barrier-free,
   * field mode) rather than in the nucleation channels.
   */
  default boolean foreignInDeposit() {
    return false;
  }

  /** A reduction filled site i. */
  default void reduced(int i) {}

  /** An oxidation emptied site i. */
  default void oxidised(int i) {}

  /**
   * SEI formed from the current while plating turned fluid site i into SEI: its Li and electrons
   * came from the electrolyte and the external circuit (field mode books the Li+).
   */
  default void seiFromCurrent(int i) {}

  /**
   * After an oxidation event emptied site i: a transport with explicit ions releases the Li+
   * there (walkers with Butler-Volmer); the default releases none.
   */
  default void emitted(int i, UniformRandomProvider rng, Changes ch) {}

  /** The protocol's mode or current changed (the model's state is already the new one). */
  default void modeChanged() {}

  /** True when a mode change changes every site's rate (the solver rebuilds them all). */
  default boolean rebuildOnModeChange() {
    return false;
  }

  /** Why the present step's current cannot be carried beyond "no site", or null. */
  default String stallReason() {
    return null;
  }

  /**
   * False for a transport whose state no checkpoint holds (a run then writes none); every
   * transport mode writes its state now.
   */
  default boolean writesCheckpoints() {
    return true;
  }

  /** Mode-specific entries of the run summary, or null. */
  default java.util.Map<String, Object> summary() {
    return null;
  }

  /**
   * Writes the transport's mutable state for a checkpoint. The default refuses, so that a
   * transport whose state is not written can never be resumed wrongly: a transport overrides
   * this (and {@link #restore}) even when it holds no state.
   */
  default void save(org.liko.engine.checkpoint.StateOut out) {
    throw new IllegalStateException(getClass().getSimpleName() + " writes no checkpoint");
  }

  /** Puts back what {@link #save} wrote. */
  default void restore(org.liko.engine.checkpoint.StateIn in) {
    throw new IllegalStateException(getClass().getSimpleName() + " resumes no checkpoint");
  }
}
