package org.liko.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.liko.engine.rules.NeighbourCounts;
import org.liko.engine.rules.SiteRules;

/**
 * Surface diffusion of {@link LiModel}: bond-counting adatom hops
 * nu exp(-(E_d + n E_b)/kT) per allowed target for an atom with n solid neighbours
 * ({@code surface.*}); zero-neighbour hops are forbidden, diagonal step-down/up moves join when
 * {@code surface.diagonalHops} is on. The exact solver keeps bond counts ({@link NeighbourCounts})
 * for face hops where the grid supports them.
 */
final class SurfaceDiffusion {
  private final boolean hopOn;
  private final int hopMoves; // face moves, plus diagonal step-down/up moves when enabled
  private final boolean countHops; // face hops on a grid NeighbourCounts supports
  private NeighbourCounts hopCounts; // exact solver only: built at its first rebuild
  private final double[] hopRate = new double[7];

  SurfaceDiffusion(Scenario s, int nx, int ny, int nz, int dirs) {
    double nu = s.d("surface.attemptFrequency_Hz");
    this.hopOn = nu > 0;
    this.hopMoves = SiteRules.hopMoves(dirs, s.b("surface.diagonalHops"));
    this.countHops = hopOn && hopMoves == dirs && NeighbourCounts.supports(nx, ny, nz, dirs);
  }

  /** Rebuilds the hop rates at thermal energy kT (eV). */
  void setTemperature(Scenario s, double kT) {
    double eb = s.d("surface.bondEnergy_eV");
    double ed = s.d("surface.terraceBarrier_eV");
    double nu = s.d("surface.attemptFrequency_Hz");
    for (int n = 0; n <= 6; n++) {
      hopRate[n] = nu * StrictMath.exp(-(ed + n * eb) / kT);
    }
  }

  /** Recounts the bond counts behind the hop rates (face hops; built on first use). */
  void rebuilding(byte[] cells, int[] flags, int nx, int ny, int nz, int dirs) {
    if (countHops) {
      if (hopCounts == null) {
        hopCounts = new NeighbourCounts(cells, flags, nx, ny, nz, dirs);
      }
      hopCounts.recount();
    }
  }

  /** The bond counts kept for the exact solver, or null. */
  NeighbourCounts counts() {
    return hopCounts;
  }

  /** Total hop rate of site i: rate by bond count times the number of allowed targets. */
  double weight(byte[] cells, int[] flags, int i, int nx, int ny, int nz, int dirs) {
    if (!hopOn) {
      return 0.0;
    }
    if (hopCounts != null) { // the same count and moves as hopState, from cached counts
      int t = Integer.bitCount(hopCounts.hopMask(i));
      return t == 0 ? 0.0 : hopRate[hopCounts.solidNeighbours(i)] * t;
    }
    int h = SiteRules.hopState(cells, flags, i, nx, ny, nz, dirs, hopMoves);
    int t = Integer.bitCount(SiteRules.hopMaskOf(h));
    return t == 0 ? 0.0 : hopRate[SiteRules.solidNeighboursOf(h)] * t;
  }

  /** Picks one allowed move of site i uniformly: the move index h for SiteRules.hopTarget. */
  int pickMove(byte[] cells, int[] flags, int i, int nx, int ny, int nz, int dirs,
      UniformRandomProvider rng) {
    int allowed = hopCounts != null ? hopCounts.hopMask(i) : SiteRules.hopMaskOf(
        SiteRules.hopState(cells, flags, i, nx, ny, nz, dirs, hopMoves));
    int pick = rng.nextInt(Integer.bitCount(allowed));
    int h = 0;
    for (; h < hopMoves; h++) {
      if ((allowed & (1 << h)) != 0 && pick-- == 0) {
        break;
      }
    }
    return h;
  }

  /** True when surface hops are on. */
  boolean hopOn() {
    return hopOn;
  }

  /** Number of hop moves per mobile site (face, plus diagonal when enabled). */
  int hopMoves() {
    return hopMoves;
  }

  /** Hop rate (1/s) of an atom with n solid neighbours, per target. */
  double hopRate(int n) {
    return hopRate[n];
  }
}
