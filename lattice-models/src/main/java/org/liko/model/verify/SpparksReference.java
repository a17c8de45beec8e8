package org.liko.model.verify;

/**
 * Reference numbers from SPPARKS (Sandia's KMC code, spparks.github.io; app {@code diffusion},
 * {@code solve_style tree}, serial build), run by the liko project on the input decks
 * {@code in.bc3d_hop} and {@code in.bc3d} whose physics {@code bench/bc3d_hop.yaml} and
 * {@code bench/bc3d.yaml} port (each file's comment describes its deck). One run each, the decks'
 * seed 12345, SPPARKS serial on one core of the project's benchmark machine class.
 *
 * <p>Provenance: the event counts are the totals SPPARKS reported at the end of each run,
 * recorded in the project's SPPARKS benchmark notes (2.92e6 events for in.bc3d_hop, 1.35e6 for
 * in.bc3d); the RMS roughness of the in.bc3d deposit, 2.27 sites, was recorded in
 * {@code bench/bc3d.yaml} when its deposition line radius was chosen (commit c9adf5b,
 * 2026-11-25). No roughness of in.bc3d_hop was recorded, so that deck is checked on events
 * only.
 */
public final class SpparksReference {
  private SpparksReference() {}

  /** {@code in.bc3d_hop}: events of the run to t = 7e4 (1/nu). */
  public static final double BC3D_HOP_EVENTS = 2.92e6;
  /** {@code in.bc3d_hop}: model time of the run, 1/nu. */
  public static final double BC3D_HOP_TIME = 7.0e4;
  /** {@code in.bc3d}: events of the run to t = 1e6 (1/nu), depositions included. */
  public static final double BC3D_EVENTS = 1.35e6;
  /** {@code in.bc3d}: model time of the run, 1/nu. */
  public static final double BC3D_TIME = 1.0e6;
  /** {@code in.bc3d}: RMS roughness of the final deposit, sites. */
  public static final double BC3D_ROUGHNESS_SITES = 2.27;
  /** What the numbers are and where they come from, one line for reports. */
  public static final String PROVENANCE = "SPPARKS (Plimpton et al., spparks.github.io) app"
      + " diffusion, serial, tree solver, seed 12345, one run per deck; numbers recorded by the liko"
      + " project 2026-11-25";
}
