package org.liko.engine;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * What a model tells the {@link ExactSolver}: which events exist, at what rates, and what they
 * do (the {@code site_propensity} / {@code site_event} split of SPPARKS's app_lattice).
 *
 * <p>Events are grouped in channels. Each channel has leaves (usually lattice sites, or particle
 * slots). A <em>summed</em> channel's total rate is the sum of its leaf rates. A <em>driven</em>
 * channel has a total rate fixed from outside (for example by an imposed current); its leaf values
 * are relative weights that only decide where the event happens.
 */
public interface EventModel {
  /** Number of channels. */
  int channelCount();

  /** Number of leaves of channel c. */
  int channelSize(int c);

  /** True when channel c's leaves are lattice sites (recomputed by {@link Changes#site}). */
  boolean siteChannel(int c);

  /** Rate (1/s) of a summed channel's leaf, or the relative weight of a driven channel's leaf. */
  double weight(int c, int leaf);

  /**
   * Total rate (1/s) of a driven channel, applied only while some leaf has a positive weight;
   * {@code Double.NaN} for a summed channel.
   */
  double drivenRate(int c);

  /**
   * False while channel c cannot fire whatever its leaves are (for example a driven channel whose
   * driven rate is switched off by the protocol). The solver then skips recomputing its leaves
   * and recomputes them all when the channel becomes active again; default: always active.
   */
  default boolean channelActive(int c) {
    return true;
  }

  /**
   * Called by the solver before it recomputes every leaf of every active channel (when it is
   * built and on each {@link ExactSolver#rebuild}): a model that keeps per-site state derived
   * from its lattice recomputes it here. Default: nothing.
   */
  default void rebuilding() {}

  /** Carries out one event of channel c at leaf, reporting what changed. */
  void fire(int c, int leaf, UniformRandomProvider rng, Changes changes);

  /** Carries out a scheduled (non-exponential) event; default: none exist. */
  default void fireScheduled(long token, UniformRandomProvider rng, Changes changes) {
    throw new IllegalStateException("model scheduled an event but does not handle it");
  }
}
