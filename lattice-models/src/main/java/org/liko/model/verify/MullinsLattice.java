package org.liko.model.verify;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.liko.engine.ExactSolver;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.liko.model.LiMaterials;
import org.liko.model.LiModel;
import org.liko.model.Physics;
import org.liko.model.Scenario;

/**
 * The 2D lattice of the Mullins measurements ({@link MullinsCase}): a Li film on the Cu
 * collector of an nx x nz square lattice, surface hops only (Butler-Volmer exchange off, no SEI,
 * rest: a closed system), bond counting with the numerical bond J = {@link #BOND_KT} kT and no
 * terrace barrier, attempt frequency 1 Hz, so that model time is in units of 1/nu and the hop
 * rate of an atom with n bonds is exp(-n J / kT) per allowed target. Heights are column masses
 * h(x) = number of Li sites in column x up to {@link #BAND} sites above the film (conserved in
 * total but for clusters that leave the band; overhangs and adatoms counted where their mass
 * is).
 */
final class MullinsLattice {
  /** The numerical bond of calibrated coarse sites, in units of kT (docs/model.md). */
  static final double BOND_KT = org.liko.model.MullinsCalibration.BOND_KT;
  static final double TEMPERATURE_K = 298.15;

  final LiModel model;
  final ExactSolver solver;
  final int nx;
  private final Grid g;
  private final byte[] c;
  private final int floor; // first site plane above the collector
  private final int film; // initial film thickness (sites)
  private final int cut; // first plane not counted (floor + film + BAND)

  /** A flat film {@code film} sites thick on a lattice nx wide, nz high; replica seed. */
  MullinsLattice(int nx, int nz, int film, long seed) {
    this(nx, nz, film, seed, null);
  }

  /** As above, with column heights h (sites above the collector) set before the solver starts. */
  MullinsLattice(int nx, int nz, int film, long seed, int[] heights) {
    this(nx, nz, film, seed, heights, null);
  }

  /** A copy of the cells of another MullinsLattice of the same size, with a seed of its own. */
  MullinsLattice(MullinsLattice from, long seed) {
    this(from.nx, from.g.nz, from.film, seed, null, from.c);
  }

  /**
   * Sites above the mean film surface that still count as the surface. Small clusters can
   * leave the film (a hop needs only one solid neighbour at its end, so an atom pair walks by
   * turns) and drift to the separator, which bonds like a solid; mass more than this above the
   * film is not part of the surface and is left out of h(x) and X.
   */
  static final int BAND = 12;

  private MullinsLattice(int nx, int nz, int film, long seed, int[] heights, byte[] copy) {
    double eb = BOND_KT * Physics.KB_EV * TEMPERATURE_K;
    Scenario s = Scenario.parse("schemaVersion: 1\nname: mullins\n"
        + "lattice: {nx: " + nx + ", nz: " + nz + "}\ntemperature_K: " + TEMPERATURE_K + "\n"
        + "surface: {attemptFrequency_Hz: 1.0, terraceBarrier_eV: 0, bondEnergy_eV: " + eb
        + "}\nsei: {recipe: none}\nkinetics: {openCircuitExchange: false}\n"
        + "geometry: {initialLi_nm: " + film * Physics.LI_SITE_NM + "}\n"
        + "protocol:\n  - rest: {time_s: 1}\n", "mullins");
    this.model = new LiModel(s, LiMaterials.table(s), seed);
    this.nx = nx;
    this.g = model.lattice().grid();
    this.c = model.lattice().cells();
    this.floor = model.collectorTop();
    this.film = film;
    this.cut = Math.min(g.nz, floor + film + BAND);
    if (copy != null) {
      System.arraycopy(copy, 0, c, 0, c.length);
    }
    if (heights != null) {
      for (int x = 0; x < nx; x++) {
        for (int z = floor; z < g.nz; z++) {
          int i = g.index(x, 0, z);
          int m = c[i] & Lattice.MATERIAL_MASK;
          if (m == LiMaterials.LI || m == LiMaterials.ELECTROLYTE) {
            c[i] = (byte) (z - floor < heights[x] ? LiMaterials.LI : LiMaterials.ELECTROLYTE);
          }
        }
      }
    }
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    this.solver = new ExactSolver(model, rng);
    model.attach(solver, rng);
  }

  /** Runs the hops until model time t (units of 1/nu). */
  void runTo(double t) {
    while (solver.step(t) != ExactSolver.LIMIT) {
      // hop
    }
  }

  /**
   * Adds d(x) Li sites on top of column x (d &gt; 0: on the fluid sites above its highest Li;
   * d &lt; 0: removes its highest Li sites) and rebuilds the rates: a profile on an equilibrated
   * surface.
   */
  void addProfile(int[] d) {
    for (int x = 0; x < nx; x++) {
      int top = floor - 1; // the highest Li of the surface band
      for (int z = floor; z < cut; z++) {
        if ((c[g.index(x, 0, z)] & Lattice.MATERIAL_MASK) == LiMaterials.LI) {
          top = z;
        }
      }
      for (int k = 1; k <= d[x] && top + k < cut; k++) {
        c[g.index(x, 0, top + k)] = (byte) LiMaterials.LI;
      }
      for (int z = top, left = -d[x]; left > 0 && z >= floor; z--) {
        int i = g.index(x, 0, z);
        if ((c[i] & Lattice.MATERIAL_MASK) == LiMaterials.LI) {
          c[i] = (byte) LiMaterials.ELECTROLYTE;
          left--;
        }
      }
    }
    solver.rebuild();
  }

  /**
   * Observes every hop from now on: the returned cell accumulates the lateral steps
   * (+-1 across the periodic boundary too), the collective displacement X.
   */
  long[] observeDisplacement() {
    long[] dx = new long[1];
    model.observeHops((from, to) -> {
      if (g.z(from) < cut) {
        int d = g.x(to) - g.x(from);
        dx[0] += d > 1 ? d - nx : d < -1 ? d + nx : d;
      }
    });
    return dx;
  }

  /** Column masses h(x): Li sites in each column. */
  int[] heights() {
    int[] h = new int[nx];
    for (int x = 0; x < nx; x++) {
      for (int z = floor; z < cut; z++) {
        if ((c[g.index(x, 0, z)] & Lattice.MATERIAL_MASK) == LiMaterials.LI) {
          h[x]++;
        }
      }
    }
    return h;
  }

  /** Cosine amplitude (2 / L) sum h(x) cos(q x), q = 2 pi n / L. */
  static double cosine(int[] h, int n) {
    double s = 0;
    for (int x = 0; x < h.length; x++) {
      s += h[x] * Math.cos(2 * Math.PI * n * x / h.length);
    }
    return 2 * s / h.length;
  }

  /** |h_q|^2 with h_q = (1 / L) sum h(x) exp(-i q x), q = 2 pi n / L. */
  static double power(int[] h, int n) {
    double re = 0;
    double im = 0;
    for (int x = 0; x < h.length; x++) {
      double p = 2 * Math.PI * n * x / h.length;
      re += h[x] * Math.cos(p);
      im += h[x] * Math.sin(p);
    }
    return (re * re + im * im) / ((double) h.length * h.length);
  }
}
