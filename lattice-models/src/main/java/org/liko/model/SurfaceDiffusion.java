package org.liko.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.liko.engine.InputException;
import org.liko.engine.Lattice;
import org.liko.engine.rules.NeighbourCounts;
import org.liko.engine.rules.SiteRules;

/**
 * Surface diffusion of {@link LiModel}: bond-counting adatom hops
 * nu exp(-(E_d + n E_b)/kT) per allowed target for an atom with n solid neighbours
 * ({@code surface.*}); zero-neighbour hops are forbidden, diagonal step-down/up moves join when
 * {@code surface.diagonalHops} is on. The exact solver keeps bond counts ({@link NeighbourCounts})
 * for face hops where the grid supports them.
 *
 * <p>Ehrlich-Schwoebel barrier ({@code surface.ehrlichSchwoebel_eV}, E_ES; Ehrlich and Hudda,
 * J. Chem. Phys. 44, 1039, 1966; Schwoebel and Shipsey, J. Appl. Phys. 37, 3682, 1966): a
 * diagonal move that steps down a terrace edge costs E_ES more, rate
 * nu exp(-(E_d + n E_b + E_ES)/kT); the site's total rate is nu exp(-(E_d + n E_b)/kT)
 * (t_other + exp(-E_ES/kT) t_down) and a move is picked with its weight. With E_ES = 0 (the
 * default) rates and the random draws are those of the plain model, bit for bit. The parallel
 * solver applies the same law per move: a step-down move ({@link SiteRules#stepsDown}) is
 * accepted with the threshold of nu exp(-(E_d + n E_b + E_ES)/kT).
 *
 * <p>Barriers per substrate: the terrace barrier E_d of an atom depends on the material of the
 * site below it (z - 1): {@code surface.terraceBarrierOnCu_eV} on the collector,
 * {@code surface.terraceBarrierOnSeiInorganic_eV} and {@code surface.terraceBarrierOnSeiOrganic_eV}
 * on the SEI species; on Li (live or dead), on fluid and on any other material the atom hops at
 * {@code surface.terraceBarrier_eV}. Each defaults to -1, "the same as
 * surface.terraceBarrier_eV": then no substrate is looked up and runs are those of the plain
 * model, bit for bit. The parallel solver takes the same rates through its hop rows
 * ({@link #hopRow}, {@link #rowMaterial}): row 0 for Li and every other material, one row per
 * substrate key.
 *
 * <p>Coarse sites with {@code surface.coarse.mullins: true} hop with the calibrated parameters
 * of {@link MullinsCalibration} (numerical bond 3 kT, no barrier, attempt frequency from D_s and
 * gamma) in place of {@code surface.*}.
 */
final class SurfaceDiffusion {
  private final boolean hopOn;
  private final int hopMoves; // face moves, plus diagonal step-down/up moves when enabled
  private final boolean countHops; // face hops on a grid NeighbourCounts supports
  private NeighbourCounts hopCounts; // exact solver only: built at its first rebuild
  private final double[] hopRate = new double[7];
  private final double esBarrierEv; // Ehrlich-Schwoebel step-down barrier, eV
  private final boolean esOn; // a nonzero step-down barrier with hops on
  private final int downMask; // the diagonal moves that step down (bit h of hopTarget's h)
  private double esFactor = 1; // exp(-E_ES / kT)
  /** Per-substrate barrier keys and the material each applies to. */
  static final String[] SUBSTRATE_KEYS = {"surface.terraceBarrierOnCu_eV",
      "surface.terraceBarrierOnSeiInorganic_eV", "surface.terraceBarrierOnSeiOrganic_eV"};
  static final int[] SUBSTRATE_MATERIALS = {LiMaterials.CU, LiMaterials.SEI_INORGANIC,
      LiMaterials.SEI_ORGANIC};
  private final boolean bySubstrate; // some per-substrate barrier differs from E_d
  private final int plane; // nx * ny
  private final double[][] rateBy; // [material below][n]: hop rate; null unless bySubstrate

  SurfaceDiffusion(Scenario s, int nx, int ny, int nz, int dirs) {
    double nu = MullinsCalibration.hopParameters(s)[0];
    this.hopOn = nu > 0;
    this.hopMoves = SiteRules.hopMoves(dirs, s.b("surface.diagonalHops"));
    this.countHops = hopOn && hopMoves == dirs && NeighbourCounts.supports(nx, ny, nz, dirs);
    this.esBarrierEv = s.d("surface.ehrlichSchwoebel_eV");
    this.esOn = hopOn && esBarrierEv > 0;
    if (esOn && hopMoves == dirs) {
      throw new InputException(s.source() + ": field 'surface.ehrlichSchwoebel_eV': value "
          + esBarrierEv + " needs surface.diagonalHops: true (with face hops only no hop steps"
          + " down an edge, the barrier is already infinite); set diagonalHops: true or the"
          + " barrier to 0");
    }
    int m = 0;
    for (int h = 0; h < hopMoves; h++) {
      if (SiteRules.stepsDown(h, dirs)) {
        m |= 1 << h;
      }
    }
    this.downMask = m;
    this.plane = nx * ny;
    boolean any = false;
    for (String k : SUBSTRATE_KEYS) {
      double v = s.d(k);
      if (v != -1 && v < 0) {
        throw new InputException(s.source() + ": field '" + k + "': value " + v
            + " is negative; allowed: -1 (the same as surface.terraceBarrier_eV) or a barrier"
            + " in [0, 5] eV");
      }
      any |= v != -1 && v != s.d("surface.terraceBarrier_eV");
    }
    this.bySubstrate = hopOn && any;
    this.rateBy = bySubstrate ? new double[Lattice.MATERIAL_MASK + 1][7] : null;
  }

  /** True when some substrate has a terrace barrier of its own. */
  boolean barriersBySubstrate() {
    return bySubstrate;
  }

  /** The terrace barrier E_d (eV) of an atom above a site of material m. */
  static double terraceBarrier(Scenario s, int m) {
    double ed = s.d("surface.terraceBarrier_eV");
    for (int k = 0; k < SUBSTRATE_KEYS.length; k++) {
      if (SUBSTRATE_MATERIALS[k] == m) {
        double v = s.d(SUBSTRATE_KEYS[k]);
        return v == -1 ? ed : v;
      }
    }
    return ed;
  }

  /** The hop rates by bond count of site i (those of its substrate when barriers differ). */
  private double[] rates(byte[] cells, int i) {
    if (!bySubstrate || i < plane) {
      return hopRate;
    }
    return rateBy[cells[i - plane] & Lattice.MATERIAL_MASK];
  }

  /** True when hops that step down an edge carry an extra barrier. */
  boolean stepEdgeBarrier() {
    return esOn;
  }

  /** exp(-E_ES / kT) at the present temperature (1 when the barrier is off). */
  double stepDownFactor() {
    return esOn ? esFactor : 1.0;
  }

  /** Hop rows of the parallel solver: Li (and the rest), then one per substrate key. */
  static final int HOP_ROWS = SUBSTRATE_KEYS.length + 1;

  /**
   * The parallel solver's hop row of an atom above a site of material m: 1 + k for the
   * substrate of key k when barriers differ by substrate, else 0 (its rates are those of
   * {@link #hopRateOn}{@code (rowMaterial(row), n)}).
   */
  int hopRow(int m) {
    for (int k = 0; k < SUBSTRATE_MATERIALS.length && bySubstrate; k++) {
      if (SUBSTRATE_MATERIALS[k] == m) {
        return k + 1;
      }
    }
    return 0;
  }

  /** A material whose hop rates are those of hop row r (Li for row 0). */
  static int rowMaterial(int r) {
    return r == 0 ? LiMaterials.LI : SUBSTRATE_MATERIALS[r - 1];
  }

  /** Rebuilds the hop rates at thermal energy kT (eV). */
  void setTemperature(Scenario s, double kT) {
    double[] p = MullinsCalibration.hopParameters(s);
    double nu = p[0];
    double ed = p[1];
    double eb = p[2];
    for (int n = 0; n <= 6; n++) {
      hopRate[n] = nu * StrictMath.exp(-(ed + n * eb) / kT);
    }
    esFactor = StrictMath.exp(-esBarrierEv / kT);
    if (bySubstrate) {
      for (int m = 0; m < rateBy.length; m++) {
        double e = terraceBarrier(s, m);
        for (int n = 0; n <= 6; n++) {
          rateBy[m][n] = nu * StrictMath.exp(-(e + n * eb) / kT);
        }
      }
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
      return t == 0 ? 0.0 : rates(cells, i)[hopCounts.solidNeighbours(i)] * t;
    }
    int h = SiteRules.hopState(cells, flags, i, nx, ny, nz, dirs, hopMoves);
    int mask = SiteRules.hopMaskOf(h);
    int t = Integer.bitCount(mask);
    if (t == 0) {
      return 0.0;
    }
    if (esOn) {
      int down = Integer.bitCount(mask & downMask);
      return rates(cells, i)[SiteRules.solidNeighboursOf(h)] * ((t - down) + esFactor * down);
    }
    return rates(cells, i)[SiteRules.solidNeighboursOf(h)] * t;
  }

  /**
   * Picks one allowed move of site i, uniformly (each step-down move with weight
   * exp(-E_ES/kT) when the barrier is on): the move index h for SiteRules.hopTarget.
   */
  int pickMove(byte[] cells, int[] flags, int i, int nx, int ny, int nz, int dirs,
      UniformRandomProvider rng) {
    int allowed = hopCounts != null ? hopCounts.hopMask(i) : SiteRules.hopMaskOf(
        SiteRules.hopState(cells, flags, i, nx, ny, nz, dirs, hopMoves));
    if (esOn && (allowed & downMask) != 0) {
      int down = Integer.bitCount(allowed & downMask);
      double u = rng.nextDouble() * ((Integer.bitCount(allowed) - down) + esFactor * down);
      int last = -1;
      for (int h = 0; h < hopMoves; h++) {
        if ((allowed & (1 << h)) != 0) {
          last = h;
          u -= (downMask & (1 << h)) != 0 ? esFactor : 1.0;
          if (u < 0) {
            return h;
          }
        }
      }
      return last; // rounding at the top end
    }
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

  /**
   * Hop rate (1/s) per target of an atom with n solid neighbours above a site of material m
   * (its substrate's barrier).
   */
  double hopRateOn(int m, int n) {
    return bySubstrate ? rateBy[m][n] : hopRate[n];
  }

  /** Hop rate (1/s) of an atom with n solid neighbours (on Li), per target. */
  double hopRate(int n) {
    return hopRate[n];
  }
}
