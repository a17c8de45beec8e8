package org.liko.engine.rules;

import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.liko.engine.Material;

/**
 * The per-site rules of the event catalogue, as static methods on primitives so that the exact
 * solver, the CPU sector loops and the GPU kernels call the same code (one rule, several
 * drivers). No physics names: a <em>product</em> is the mobile solid that deposition makes, its
 * <em>inert</em> form is the same solid cut off from the electron network, a <em>layer</em> is a
 * carrier-conducting solid under which deposition can happen, and a <em>conversion</em> turns a
 * site into a layer material.
 *
 * <p>Arguments common to every rule: {@code cells} (one byte per site, material in bits 0-5),
 * {@code flags} (material flags by id, {@link Material}), grid sizes {@code nx, ny, nz}, and
 * {@code dirs} (4 in 2D, 6 in 3D). Class codes returned here index host-built rate tables.
 */
public final class SiteRules {
  /** Returned by a classifier when the site has no event of that kind. */
  public static final int NONE = -1;
  /** Deposition class kinds (class = kind * 64 + material id of the site's best partner). */
  public static final int ON_PRODUCT = 0;
  /** Deposition onto a foreign surface that allows it (nucleation). */
  public static final int ON_FOREIGN = 1;
  /** Deposition beneath a carrier-conducting layer site (the layer is lifted). */
  public static final int UNDER_LAYER = 2;
  /** Largest stress level of a deposit beneath a layer (2 per lateral direction, 4 in 3D). */
  public static final int MAX_STRESS_LEVEL = 8;
  /**
   * Number of deposition classes (size of the deposition weight table): kinds ON_PRODUCT and
   * ON_FOREIGN, then UNDER_LAYER at stress levels 0..{@link #MAX_STRESS_LEVEL}.
   */
  public static final int DEPOSIT_CLASSES = (UNDER_LAYER + MAX_STRESS_LEVEL + 1)
      * Lattice.MAX_MATERIALS;

  /** Kind (ON_PRODUCT, ON_FOREIGN, UNDER_LAYER) of a deposition class code. */
  public static int depositKind(int cls) {
    int k = cls / Lattice.MAX_MATERIALS;
    return k > UNDER_LAYER ? UNDER_LAYER : k;
  }

  /** Stress level (0..8) of a deposition class code; 0 unless UNDER_LAYER. */
  public static int stressLevel(int cls) {
    int k = cls / Lattice.MAX_MATERIALS;
    return k > UNDER_LAYER ? k - UNDER_LAYER : 0;
  }

  /**
   * Stress level of depositing beneath layer site i: over the lateral directions, how much
   * higher the metal under this layer site would stand than the metal under the neighbouring
   * layer site (0 when the neighbour is already metal or not a layer, 1 when the solid under
   * it (metal or collector) is one site lower, 2 when two or more).
   */
  public static int stressLevel(byte[] cells, int[] flags, int i, int nx, int ny, int nz,
      int dirs, int product) {
    int m = cells[i] & Lattice.MATERIAL_MASK;
    int level = 0;
    for (int d = 0; d < dirs; d++) {
      if (d == Grid.UP || d == Grid.DOWN) {
        continue;
      }
      int j = Grid.neighbour(i, d, nx, ny, nz);
      int mj = cells[j] & Lattice.MATERIAL_MASK;
      int fj = flags[mj];
      boolean layer = mj != product && (fj & Material.FLUID) == 0
          && (fj & Material.CARRIER_CONDUCTOR) != 0 && (fj & Material.FIXED) == 0;
      if (!layer) {
        continue;
      }
      // the metal (or collector) under the neighbour is one site lower when the site below it
      // is solid and not itself layer, else two or more
      int below = Grid.neighbour(j, Grid.DOWN, nx, ny, nz);
      int mb = below < 0 ? -1 : cells[below] & Lattice.MATERIAL_MASK;
      boolean deeper = mb < 0 || (flags[mb] & Material.FLUID) != 0
          || (mb != product && (flags[mb] & Material.CARRIER_CONDUCTOR) != 0
              && (flags[mb] & Material.FIXED) == 0);
      level += deeper ? 2 : 1;
    }
    return level;
  }

  private SiteRules() {}

  /** Material id of a cell byte. */
  public static int mat(byte cell) {
    return cell & Lattice.MATERIAL_MASK;
  }

  /**
   * True when site j (may be -1 = outside) holds a material that bonds: not fluid and not an
   * inert wall.
   */
  public static boolean solid(byte[] cells, int[] flags, int j) {
    return j >= 0
        && (flags[cells[j] & Lattice.MATERIAL_MASK] & (Material.FLUID | Material.INERT)) == 0;
  }

  /** Number of face neighbours of i that are solid (the bond count n of bond counting). */
  public static int solidNeighbours(byte[] cells, int[] flags, int i, int nx, int ny, int nz,
      int dirs) {
    int t = i / nx;
    return solidNeighboursAt(cells, flags, i, i - t * nx, t % ny, t / ny, nx, ny, nz, dirs);
  }

  /**
   * {@link #solidNeighbours} of site i at (x, y, z), known to the caller: no divisions (the
   * kernels' per-site and per-attempt loops know the coordinates).
   */
  public static int solidNeighboursAt(byte[] cells, int[] flags, int i, int x, int y, int z,
      int nx, int ny, int nz, int dirs) {
    int n = 0;
    for (int d = 0; d < dirs; d++) {
      if (solid(cells, flags, Grid.neighbourAt(i, d, x, y, z, nx, ny, nz))) {
        n++;
      }
    }
    return n;
  }

  /**
   * Deposition class of site i: {@link #NONE}, or kind * 64 + partner material. A fluid site next
   * to live product is ON_PRODUCT; a fluid site next to an electronic conductor that allows
   * deposition (and no product) is ON_FOREIGN with that conductor's id (the first found in
   * direction order); a non-fixed carrier-conducting solid next to live product, or next to a
   * conductor that allows deposition, is UNDER_LAYER with its own id.
   */
  public static int depositClass(byte[] cells, int[] flags, int i, int nx, int ny, int nz,
      int dirs, int product) {
    int t = i / nx;
    return depositClassAt(cells, flags, i, i - t * nx, t % ny, t / ny, nx, ny, nz, dirs,
        product);
  }

  /** {@link #depositClass} of site i at (x, y, z), known to the caller: no divisions. */
  public static int depositClassAt(byte[] cells, int[] flags, int i, int x, int y, int z,
      int nx, int ny, int nz, int dirs, int product) {
    int m = cells[i] & Lattice.MATERIAL_MASK;
    int f = flags[m];
    boolean fluid = (f & Material.FLUID) != 0;
    boolean layer = !fluid && (f & Material.CARRIER_CONDUCTOR) != 0 && (f & Material.FIXED) == 0
        && m != product;
    if (!fluid && !layer) {
      return NONE;
    }
    int foreign = -1;
    for (int d = 0; d < dirs; d++) {
      int j = Grid.neighbourAt(i, d, x, y, z, nx, ny, nz);
      if (j < 0) {
        continue;
      }
      int mj = cells[j] & Lattice.MATERIAL_MASK;
      if (mj == product) {
        return layer ? underLayer(cells, flags, i, nx, ny, nz, dirs, product, m)
            : ON_PRODUCT * Lattice.MAX_MATERIALS + product;
      }
      int fj = flags[mj];
      if (foreign < 0 && mj != m && (fj & (Material.ELECTRONIC | Material.DEPOSIT_ON))
          == (Material.ELECTRONIC | Material.DEPOSIT_ON)) {
        foreign = mj;
      }
    }
    if (foreign < 0) {
      return NONE;
    }
    // a layer on a plating surface (e.g. a coating on the collector): deposition beneath it
    return layer ? underLayer(cells, flags, i, nx, ny, nz, dirs, product, m)
        : ON_FOREIGN * Lattice.MAX_MATERIALS + foreign;
  }

  private static int underLayer(byte[] cells, int[] flags, int i, int nx, int ny, int nz,
      int dirs, int product, int m) {
    return (UNDER_LAYER + stressLevel(cells, flags, i, nx, ny, nz, dirs, product))
        * Lattice.MAX_MATERIALS + m;
  }

  /**
   * Healing weight class of fluid site f: the id of the layer material directly above it when
   * that layer can flow into the pocket (non-fixed carrier conductor) and the pocket is closed
   * below (product or the same layer), else {@link #NONE}.
   */
  public static int healClass(byte[] cells, int[] flags, int f, int nx, int ny, int nz,
      int product) {
    if ((flags[cells[f] & Lattice.MATERIAL_MASK] & Material.FLUID) == 0) {
      return NONE;
    }
    int u = Grid.neighbour(f, Grid.UP, nx, ny, nz);
    int d = Grid.neighbour(f, Grid.DOWN, nx, ny, nz);
    if (u < 0 || d < 0) {
      return NONE;
    }
    int mu = cells[u] & Lattice.MATERIAL_MASK;
    int fu = flags[mu];
    if ((fu & Material.FLUID) != 0 || (fu & Material.CARRIER_CONDUCTOR) == 0
        || (fu & Material.FIXED) != 0 || mu == product) {
      return NONE;
    }
    int md = cells[d] & Lattice.MATERIAL_MASK;
    return md == product || md == mu ? mu : NONE;
  }

  /**
   * Dissolution class of site i: its solid-neighbour count (0..dirs) when it is live product
   * with at least one fluid or carrier-conducting neighbour, else {@link #NONE}.
   */
  public static int dissolveClass(byte[] cells, int[] flags, int i, int nx, int ny, int nz,
      int dirs, int product) {
    int t = i / nx;
    return dissolveClassAt(cells, flags, i, i - t * nx, t % ny, t / ny, nx, ny, nz, dirs,
        product);
  }

  /** {@link #dissolveClass} of site i at (x, y, z), known to the caller: no divisions. */
  public static int dissolveClassAt(byte[] cells, int[] flags, int i, int x, int y, int z,
      int nx, int ny, int nz, int dirs, int product) {
    if ((cells[i] & Lattice.MATERIAL_MASK) != product) {
      return NONE;
    }
    int n = 0;
    boolean open = false;
    for (int d = 0; d < dirs; d++) {
      int j = Grid.neighbourAt(i, d, x, y, z, nx, ny, nz);
      if (j < 0) {
        continue;
      }
      int mj = cells[j] & Lattice.MATERIAL_MASK;
      int fj = flags[mj];
      if ((fj & Material.FLUID) != 0) {
        open = true;
      } else {
        n++;
        if ((fj & Material.CARRIER_CONDUCTOR) != 0 && (fj & Material.FIXED) == 0
            && mj != product) {
          open = true;
        }
      }
    }
    return open ? n : NONE;
  }

  /**
   * True when a mobile solid at i may hop to j: j is fluid and, after the hop, touches at least
   * one solid other than i (hops that end with zero neighbours are forbidden). A diagonal move
   * ({@link #hopTarget}, a step up or down a terrace edge) must start and land on a solid (the
   * sites below i and below j): two atoms bonded only to each other then cannot walk off the
   * surface by turns, and the rule, like the face rule, allows a move iff it allows its reverse
   * (a one-sided rule would be a ratchet that grows towers).
   */
  public static boolean hopAllowed(byte[] cells, int[] flags, int i, int j, int nx, int ny,
      int nz, int dirs) {
    if (j < 0 || (flags[cells[j] & Lattice.MATERIAL_MASK] & Material.FLUID) == 0) {
      return false;
    }
    int plane = nx * ny;
    if (j / plane != i / plane && j != i + plane && j != i - plane) {
      return solid(cells, flags, Grid.neighbour(j, Grid.DOWN, nx, ny, nz))
          && solid(cells, flags, Grid.neighbour(i, Grid.DOWN, nx, ny, nz));
    }
    for (int d = 0; d < dirs; d++) {
      int k = Grid.neighbour(j, d, nx, ny, nz);
      if (k != i && solid(cells, flags, k)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link #hopAllowed} for j = {@link #hopTarget}(i, h): the same answer without dividing to
   * find whether the move is diagonal (move h tells). For the kernels' per-attempt and per-site
   * loops.
   */
  public static boolean hopMoveAllowed(byte[] cells, int[] flags, int i, int j, int h, int nx,
      int ny, int nz, int dirs) {
    int t = j / nx;
    return hopMoveAllowedAt(cells, flags, i, j, h, j - t * nx, t % ny, t / ny, nx, ny, nz,
        dirs);
  }

  /**
   * {@link #hopMoveAllowed} with the target's coordinates (jx, jy, jz) known to the caller
   * (any values when j is -1): no divisions.
   */
  public static boolean hopMoveAllowedAt(byte[] cells, int[] flags, int i, int j, int h,
      int jx, int jy, int jz, int nx, int ny, int nz, int dirs) {
    if (j < 0 || (flags[cells[j] & Lattice.MATERIAL_MASK] & Material.FLUID) == 0) {
      return false;
    }
    int plane = nx * ny;
    if (h >= dirs && j != i + plane && j != i - plane) {
      return solid(cells, flags, Grid.neighbour(j, Grid.DOWN, nx, ny, nz))
          && solid(cells, flags, Grid.neighbour(i, Grid.DOWN, nx, ny, nz));
    }
    for (int d = 0; d < dirs; d++) {
      int k = Grid.neighbourAt(j, d, jx, jy, jz, nx, ny, nz);
      if (k != i && solid(cells, flags, k)) {
        return true;
      }
    }
    return false;
  }

  /** Lateral direction (0, 1, 4 or 5) of diagonal hop move h >= dirs ({@link #hopTarget}). */
  private static int lateralOf(int h, int dirs) {
    int lateral = (h - dirs) >> 1;
    return lateral < 2 ? lateral : lateral + 2;
  }

  /** x step (-1, 0 or 1) of hop move h ({@link #hopTarget}). */
  public static int moveDx(int h, int dirs) {
    int d = h < dirs ? h : lateralOf(h, dirs);
    return d == 0 ? 1 : d == 1 ? -1 : 0;
  }

  /** y step (-1, 0 or 1) of hop move h ({@link #hopTarget}). */
  public static int moveDy(int h, int dirs) {
    int d = h < dirs ? h : lateralOf(h, dirs);
    return d == 4 ? 1 : d == 5 ? -1 : 0;
  }

  /** z step (-1, 0 or 1) of hop move h ({@link #hopTarget}). */
  public static int moveDz(int h, int dirs) {
    int dz = ((h - dirs) & 1) == 0 ? 1 : -1;
    if (h < dirs) {
      dz = h == Grid.UP ? 1 : h == Grid.DOWN ? -1 : 0;
    }
    return dz;
  }

  /**
   * True when hop move h steps down a terrace edge: a diagonal move ({@code h >= dirs}) whose
   * vertical step is down (the odd diagonal moves of {@link #hopTarget}). The moves an
   * Ehrlich-Schwoebel barrier applies to, in both solvers.
   */
  public static boolean stepsDown(int h, int dirs) {
    return h >= dirs && ((h - dirs) & 1) != 0;
  }

  /** Coordinate c + step (step -1, 0 or 1) wrapped into [0, n). */
  public static int wrapStep(int c, int step, int n) {
    int r = c + step;
    if (r < 0) {
      r = n - 1;
    }
    if (r >= n) {
      r = 0;
    }
    return r;
  }

  /**
   * Number of hop moves: the face directions plus the diagonal moves in vertical planes
   * (one lateral and one vertical step), {@code dirs + 2 * (dirs - 2)}: 8 in 2D, 14 in 3D.
   * Diagonal moves let an atom step down (and up) a terrace edge; with face moves only, the
   * zero-neighbour rule forbids leaving an upper terrace, an infinite Ehrlich-Schwoebel barrier
   * that builds mounds.
   */
  public static int hopMoves(int dirs) {
    return dirs + 2 * (dirs - 2);
  }

  /** Number of hop moves in use: all of {@link #hopMoves} with diagonals, else the faces. */
  public static int hopMoves(int dirs, boolean diagonals) {
    return diagonals ? hopMoves(dirs) : dirs;
  }

  /**
   * Target of hop move h from site i: a face neighbour for {@code h < dirs}, else a diagonal
   * (lateral direction {@code (h - dirs) / 2} of 0, 1, 4, 5, then up for even, down for odd);
   * -1 outside the box.
   */
  public static int hopTarget(int i, int h, int nx, int ny, int nz, int dirs) {
    if (h < dirs) {
      return Grid.neighbour(i, h, nx, ny, nz);
    }
    int k = h - dirs;
    int lateral = k >> 1;
    int d = lateral < 2 ? lateral : lateral + 2;
    int j = Grid.neighbour(i, d, nx, ny, nz);
    return Grid.neighbour(j, (k & 1) == 0 ? Grid.UP : Grid.DOWN, nx, ny, nz);
  }

  /**
   * Number of allowed hop moves of site i if it holds a mobile solid, else 0; {@code moves} is
   * {@link #hopMoves(int, boolean)}.
   */
  public static int hopTargets(byte[] cells, int[] flags, int i, int nx, int ny, int nz,
      int dirs, int moves) {
    // the plain loop (kernel code: Aparapi translates it); hopState is the same count, faster
    if ((flags[cells[i] & Lattice.MATERIAL_MASK] & Material.MOBILE) == 0) {
      return 0;
    }
    int t = 0;
    for (int h = 0; h < moves; h++) {
      if (hopMoveAllowed(cells, flags, i, hopTarget(i, h, nx, ny, nz, dirs), h, nx, ny, nz,
          dirs)) {
        t++;
      }
    }
    return t;
  }

  /**
   * 1 when site i holds a mobile solid with at least one allowed hop move
   * ({@code hopTargets > 0}), else 0; stops at the first allowed move.
   */
  public static int canHop(byte[] cells, int[] flags, int i, int nx, int ny, int nz, int dirs,
      int moves) {
    int t = i / nx;
    return canHopAt(cells, flags, i, i - t * nx, t % ny, t / ny, nx, ny, nz, dirs, moves);
  }

  /** {@link #canHop} of site i at (x, y, z), known to the caller: no divisions. */
  public static int canHopAt(byte[] cells, int[] flags, int i, int x, int y, int z, int nx,
      int ny, int nz, int dirs, int moves) {
    int found = 0;
    if ((flags[cells[i] & Lattice.MATERIAL_MASK] & Material.MOBILE) != 0) {
      // a for loop whose body is skipped after the first find (Aparapi 3.0.2 loses the
      // counter of a while loop with locals declared in its body)
      for (int h = 0; h < moves; h++) {
        if (found == 0) {
          int jx = wrapStep(x, moveDx(h, dirs), nx);
          int jy = wrapStep(y, moveDy(h, dirs), ny);
          int jz = z + moveDz(h, dirs);
          int j = -1;
          if (jz >= 0 && jz < nz) {
            j = (jz * ny + jy) * nx + jx;
          }
          if (hopMoveAllowedAt(cells, flags, i, j, h, jx, jy, jz, nx, ny, nz, dirs)) {
            found = 1;
          }
        }
      }
    }
    return found;
  }

  /**
   * The allowed hop moves of site i as a bit mask (bit h set when move h to
   * {@link #hopTarget} is allowed by {@link #hopAllowed}), or 0 when i holds no mobile solid.
   */
  public static int hopMask(byte[] cells, int[] flags, int i, int nx, int ny, int nz,
      int dirs, int moves) {
    return hopMaskOf(hopState(cells, flags, i, nx, ny, nz, dirs, moves));
  }

  /** The allowed-move mask packed in a {@link #hopState}. */
  public static int hopMaskOf(int state) {
    return state & 0xFFFF;
  }

  /** The solid-neighbour count ({@link #solidNeighbours}) packed in a {@link #hopState}. */
  public static int solidNeighboursOf(int state) {
    return state >>> 16;
  }

  /**
   * What the hop rate of site i depends on, in one pass over its neighbourhood: the
   * {@link #hopMask} in bits 0-15 and, when i holds a mobile solid, its
   * {@link #solidNeighbours} count from bit 16 (0 otherwise). Works from i's coordinates, so
   * neither i's nor the targets' neighbours need a division.
   */
  public static int hopState(byte[] cells, int[] flags, int i, int nx, int ny, int nz,
      int dirs, int moves) {
    if ((flags[cells[i] & Lattice.MATERIAL_MASK] & Material.MOBILE) == 0) {
      return 0;
    }
    int x;
    int q;
    if ((nx & (nx - 1)) == 0) {
      x = i & (nx - 1);
      q = i >>> Integer.numberOfTrailingZeros(nx);
    } else {
      q = i / nx;
      x = i - q * nx;
    }
    int y;
    int z;
    if ((ny & (ny - 1)) == 0) {
      y = q & (ny - 1);
      z = q >>> Integer.numberOfTrailingZeros(ny);
    } else {
      z = q / ny;
      y = q - z * ny;
    }
    int mask = 0;
    int n = 0;
    // a diagonal move must start on a solid too (hopAllowed)
    int onSolid = z > 0 ? others(cells, flags, i, i - nx * ny) : 0;
    for (int h = 0; h < moves; h++) {
      int d = h;
      int dz;
      if (h < dirs) {
        dz = Grid.DZ[h];
      } else { // diagonal: lateral direction 0, 1, 4, 5, then up (even) or down (odd)
        int k = h - dirs;
        int lateral = k >> 1;
        d = lateral < 2 ? lateral : lateral + 2;
        dz = (k & 1) == 0 ? 1 : -1;
      }
      int zj = z + dz;
      if (zj < 0 || zj >= nz) {
        continue;
      }
      int xj = x + Grid.DX[d];
      xj = xj < 0 ? xj + nx : xj >= nx ? xj - nx : xj;
      int yj = y + Grid.DY[d];
      yj = yj < 0 ? yj + ny : yj >= ny ? yj - ny : yj;
      int j = (zj * ny + yj) * nx + xj;
      int fj = flags[cells[j] & Lattice.MATERIAL_MASK];
      if ((fj & Material.FLUID) == 0) {
        if (h < dirs && (fj & Material.INERT) == 0) {
          n++; // a solid face neighbour: one bond
        }
        continue;
      }
      // support: solid face neighbours of j other than i, counted without early exits (the
      // branches of a scan that stops at the first one are unpredictable); a diagonal move
      // must land on a solid (hopAllowed)
      int below = others(cells, flags, i, Grid.neighbourAt(j, 3, xj, yj, zj, nx, ny, nz));
      if (h >= dirs) {
        if (below > 0 && onSolid > 0) {
          mask |= 1 << h;
        }
        continue;
      }
      int support = others(cells, flags, i, Grid.neighbourAt(j, 0, xj, yj, zj, nx, ny, nz))
          + others(cells, flags, i, Grid.neighbourAt(j, 1, xj, yj, zj, nx, ny, nz))
          + others(cells, flags, i, Grid.neighbourAt(j, 2, xj, yj, zj, nx, ny, nz))
          + below;
      if (dirs == 6) {
        support += others(cells, flags, i, Grid.neighbourAt(j, 4, xj, yj, zj, nx, ny, nz))
            + others(cells, flags, i, Grid.neighbourAt(j, 5, xj, yj, zj, nx, ny, nz));
      }
      if (support > 0) {
        mask |= 1 << h;
      }
    }
    return mask | n << 16;
  }

  /** 1 when site k (may be -1) is solid and is not site i, else 0. */
  private static int others(byte[] cells, int[] flags, int i, int k) {
    int kk = k < 0 ? i : k;
    return kk != i
        && (flags[cells[kk] & Lattice.MATERIAL_MASK] & (Material.FLUID | Material.INERT)) == 0
        ? 1 : 0;
  }

  /**
   * Length of the run of conversion-layer sites starting at neighbour j of a product site and
   * going in direction d, ending at a fluid site: returns the run length (0 when j itself is
   * fluid), or {@link #NONE} when the run ends elsewhere or exceeds {@code maxRun}.
   */
  public static int layerRun(byte[] cells, int[] flags, int j, int d, int nx, int ny, int nz,
      int layerA, int layerB, int maxRun) {
    int len = 0;
    while (j >= 0) {
      int mj = cells[j] & Lattice.MATERIAL_MASK;
      if ((flags[mj] & Material.FLUID) != 0) {
        return len;
      }
      if (mj != layerA && mj != layerB) {
        return NONE;
      }
      if (++len > maxRun) {
        return NONE;
      }
      j = Grid.neighbour(j, d, nx, ny, nz);
    }
    return NONE;
  }

  /**
   * Conversion class of product site i: the shortest layer run (0..maxRun) over its directions
   * to a fluid site, or {@link #NONE}. The direction is {@link #conversionDirection}.
   */
  public static int convertClass(byte[] cells, int[] flags, int i, int nx, int ny, int nz,
      int dirs, int product, int layerA, int layerB, int maxRun) {
    return convertScan(cells, flags, i, nx, ny, nz, dirs, product, layerA, layerB, maxRun, false);
  }

  /** Direction of the shortest layer run of product site i (first in order on ties), or -1. */
  public static int conversionDirection(byte[] cells, int[] flags, int i, int nx, int ny, int nz,
      int dirs, int product, int layerA, int layerB, int maxRun) {
    return convertScan(cells, flags, i, nx, ny, nz, dirs, product, layerA, layerB, maxRun, true);
  }

  private static int convertScan(byte[] cells, int[] flags, int i, int nx, int ny, int nz,
      int dirs, int product, int layerA, int layerB, int maxRun, boolean wantDirection) {
    if ((cells[i] & Lattice.MATERIAL_MASK) != product) {
      return NONE;
    }
    int best = NONE;
    int bestDir = -1;
    for (int d = 0; d < dirs; d++) {
      int j = Grid.neighbour(i, d, nx, ny, nz);
      if (j < 0) {
        continue;
      }
      int run = layerRun(cells, flags, j, d, nx, ny, nz, layerA, layerB, maxRun);
      if (run != NONE && (best == NONE || run < best)) {
        best = run;
        bestDir = d;
      }
    }
    return wantDirection ? bestDir : best;
  }

  /**
   * Lifts the column above site i by one site in +z: every site from i up to (not including) the
   * first fluid site moves up one, the fluid site is consumed, and i is left for the caller to
   * fill. Carrier bits move with their sites. Returns the height (z) of the consumed fluid site,
   * or -1 when the column holds no fluid site above i or meets a fixed solid (nothing changes).
   */
  public static int liftColumn(byte[] cells, int[] flags, int i, int nx, int ny, int nz) {
    int plane = nx * ny;
    int sites = plane * nz;
    // stop at the first fluid or fixed site (no while (true) with break: Aparapi rejects it)
    int top = i;
    while (top < sites
        && (flags[cells[top] & Lattice.MATERIAL_MASK] & (Material.FLUID | Material.FIXED)) == 0) {
      top += plane;
    }
    if (top >= sites || (flags[cells[top] & Lattice.MATERIAL_MASK] & Material.FLUID) == 0) {
      return -1;
    }
    for (int k = top; k > i; k -= plane) {
      cells[k] = cells[k - plane];
    }
    return top / plane;
  }

  /**
   * True when the column above site i (i included) reaches a fluid site before a fixed solid or
   * the top of the box, so that {@link #liftColumn} can lift it. Reads only the column of i.
   */
  public static boolean canLift(byte[] cells, int[] flags, int i, int nx, int ny, int nz) {
    int plane = nx * ny;
    int sites = plane * nz;
    for (int k = i; k < sites; k += plane) {
      int f = flags[cells[k] & Lattice.MATERIAL_MASK];
      if ((f & Material.FLUID) != 0) {
        return true;
      }
      if ((f & Material.FIXED) != 0) {
        return false;
      }
    }
    return false;
  }

  /**
   * True when a face neighbour of j holds {@code product} or a fixed electronic conductor (the
   * site is electronically connected without a flood fill).
   */
  public static boolean touchesLive(byte[] cells, int[] flags, int j, int nx, int ny, int nz,
      int dirs, int product) {
    for (int d = 0; d < dirs; d++) {
      int k = Grid.neighbour(j, d, nx, ny, nz);
      if (k >= 0) {
        int mk = cells[k] & Lattice.MATERIAL_MASK;
        if (mk == product || (flags[mk] & (Material.ELECTRONIC | Material.FIXED))
            == (Material.ELECTRONIC | Material.FIXED)) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when a face neighbour of j holds material {@code m}. */
  public static boolean touchesMaterial(byte[] cells, int j, int nx, int ny, int nz, int dirs,
      int m) {
    for (int d = 0; d < dirs; d++) {
      int k = Grid.neighbour(j, d, nx, ny, nz);
      if (k >= 0 && (cells[k] & Lattice.MATERIAL_MASK) == m) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ apply parts
  // The exact solver's model and the parallel sector loops both change the lattice only
  // through these, so the two solvers cannot drift apart.

  /** Flag in {@link #applyDeposit}'s result: the layer cracked. */
  public static final int CRACKED = 1 << 30;

  /**
   * Deposition at site i: a solid (layer) site is first lifted with {@link #liftColumn}; with
   * {@code crack} (the layer is stressed past its fracture strength) the column is lifted once
   * more and the site above the new product is left as {@code fluid}, a pocket on fresh metal.
   * Then i becomes {@code product} (carrier bit cleared). Writes only the column of i.
   *
   * @return the height of the highest consumed fluid site when a column was lifted, else -1;
   *     or'ed with {@link #CRACKED} when the layer cracked
   */
  public static int applyDeposit(byte[] cells, int[] flags, int i, int nx, int ny, int nz,
      int product, int fluid, boolean crack) {
    int top = -1;
    int cracked = 0;
    if ((flags[cells[i] & Lattice.MATERIAL_MASK] & Material.FLUID) == 0) {
      top = liftColumn(cells, flags, i, nx, ny, nz);
      int above = i + nx * ny;
      if (crack && top >= 0) {
        int top2 = liftColumn(cells, flags, above, nx, ny, nz);
        if (top2 >= 0) {
          cells[above] = (byte) fluid;
          top = top2;
          cracked = CRACKED;
        }
      }
    }
    cells[i] = (byte) product;
    return top < 0 ? top : top | cracked;
  }

  /** Dissolution of site i: it becomes {@code fluid} (carrier bit cleared). */
  public static void applyDissolve(byte[] cells, int i, int fluid) {
    cells[i] = (byte) fluid;
  }

  /**
   * The target of hop number {@code pick} (0-based, in move order, see {@link #hopTarget}) among
   * the allowed hop targets of site i over the first {@code moves} moves, or -1 when there are
   * not that many.
   */
  public static int pickHopTarget(byte[] cells, int[] flags, int i, int pick, int nx, int ny,
      int nz, int dirs, int moves) {
    int left = pick;
    for (int h = 0; h < moves; h++) {
      int j = hopTarget(i, h, nx, ny, nz, dirs);
      if (hopAllowed(cells, flags, i, j, nx, ny, nz, dirs)) {
        if (left == 0) {
          return j;
        }
        left--;
      }
    }
    return -1;
  }

  /** {@link #applyHop} result: a non-product solid moved and stays what it was. */
  public static final int HOP_MOVED = 0;
  /** {@link #applyHop} result: product moved. */
  public static final int HOP_PRODUCT = 1;
  /** {@link #applyHop} result: inert solid moved next to live product and became product. */
  public static final int HOP_RECONNECTED = 2;

  /**
   * Moves the mobile solid at i to the (allowed) neighbour j, leaving {@code fluid} at i; a
   * non-product solid that lands next to product or a fixed conductor becomes product. Reads up
   * to distance 2 from i, writes i and j.
   *
   * @return {@link #HOP_PRODUCT}, {@link #HOP_RECONNECTED} or {@link #HOP_MOVED}
   */
  public static int applyHop(byte[] cells, int[] flags, int i, int j, int nx, int ny, int nz,
      int dirs, int product, int fluid) {
    cells[j] = (byte) (cells[i] & Lattice.MATERIAL_MASK);
    cells[i] = (byte) fluid;
    if ((cells[j] & Lattice.MATERIAL_MASK) == product) {
      return HOP_PRODUCT;
    }
    if (touchesLive(cells, flags, j, nx, ny, nz, dirs, product)) {
      cells[j] = (byte) product;
      return HOP_RECONNECTED;
    }
    return HOP_MOVED;
  }

  /**
   * Conversion of product site i along direction d (from {@link #conversionDirection}) into
   * {@code layer}: with {@code fromCarrier} (the converted unit comes from the current) the
   * fluid site closing the layer run becomes the layer; otherwise site i itself does.
   *
   * @return the site that changed
   */
  public static int applyConvert(byte[] cells, int[] flags, int i, int d, int nx, int ny, int nz,
      int layer, boolean fromCarrier) {
    if (fromCarrier) {
      int j = Grid.neighbour(i, d, nx, ny, nz);
      while ((flags[cells[j] & Lattice.MATERIAL_MASK] & Material.FLUID) == 0) {
        j = Grid.neighbour(j, d, nx, ny, nz);
      }
      cells[j] = (byte) layer;
      return j;
    }
    cells[i] = (byte) layer;
    return i;
  }
}
