package org.liko.engine.rules;

import org.liko.engine.Changes;
import org.liko.engine.Lattice;
import org.liko.engine.Material;

/**
 * A byte per site for the exact solver's face-hop rule: the site's solid face-neighbour count
 * (the bond count of {@link SiteRules#solidNeighbours}) and its own class (solid, fluid, mobile),
 * kept up to date incrementally, so that a hop rate reads the site and its face neighbours
 * instead of scanning every target's neighbourhood (the 1 + 6 + 36 reads of
 * {@link SiteRules#hopState}). The incremental bond-count idea is that of SPPARKS's app_diffusion
 * (Plimpton et al., SAND2009-6226), here kept as a cache beside the one-byte lattice.
 *
 * <p>For face moves only ({@code moves == dirs}) on a grid whose periodic edges are at least 3
 * sites ({@link #supports}), {@link #hopMask} and {@link #solidNeighbours} equal
 * {@link SiteRules#hopMaskOf} and {@link SiteRules#solidNeighboursOf} of
 * {@link SiteRules#hopState} whenever every changed site has been passed to {@link #sync}.
 *
 * <p>{@link #sync} also reports, through {@link Changes#site}, the sites whose face-hop rate can
 * have changed: the changed site; its mobile face neighbours when its solidity or fluidity
 * changed; and the mobile face neighbours of a fluid neighbour whose count crossed 1 or 2 (the
 * support a hop into it needs). Every other site reads exactly what it read before.
 */
public final class NeighbourCounts {
  private static final int COUNT = 0x07; // solid face neighbours, 0..6
  private static final int SOLID = 0x08; // not fluid and not inert: bonds and supports
  private static final int FLUID = 0x10; // a hop target
  private static final int MOBILE = 0x20; // hops
  private static final int CLASS = SOLID | FLUID | MOBILE;
  // OPEN[(SOLID bit of the hopping site) << 3 | state of a target]: 1 when the target is fluid
  // and its count exceeds the hopping site's own part of it
  private static final byte[] OPEN = new byte[2 * (CLASS | COUNT) + 2];

  static {
    for (int self = 0; self <= 1; self++) {
      for (int a = 0; a <= (CLASS | COUNT); a++) {
        OPEN[self * (SOLID << 3) | a] = (byte) ((a & FLUID) != 0 && (a & COUNT) > self ? 1 : 0);
      }
    }
  }

  private final byte[] cells;
  private final int[] flags;
  private final int nx;
  private final int ny;
  private final int dirs;
  private final int plane;
  private final int sites;
  private final boolean pow2; // nx and ny powers of two: coordinates by shifts
  private final int xShift;
  private final byte[] state; // COUNT | class bits, per site
  private final byte[] classOf = new byte[Lattice.MAX_MATERIALS]; // class bits per material id
  private final int[] around = new int[6]; // scratch: face neighbours of the changed site
  private final int[] around2 = new int[6]; // scratch: face neighbours of one of those

  /**
   * True when the counts describe the face-hop rule on this grid: x and (in 3D) y periodic
   * edges of at least 3 sites, so no site is its own or a doubled neighbour.
   */
  public static boolean supports(int nx, int ny, int nz, int dirs) {
    return nx >= 3 && (dirs == 4 ? ny == 1 : ny >= 3) && nz >= 1;
  }

  /**
   * Creates the counts of a lattice (not yet counted: call {@link #recount}).
   *
   * @param cells the lattice bytes (live view)
   * @param flags material flags by id ({@link Material}), fixed for the life of the counts
   */
  public NeighbourCounts(byte[] cells, int[] flags, int nx, int ny, int nz, int dirs) {
    if (!supports(nx, ny, nz, dirs)) {
      throw new IllegalArgumentException("grid " + nx + "x" + ny + "x" + nz + " (" + dirs
          + " directions) needs periodic edges of at least 3 sites");
    }
    this.cells = cells;
    this.flags = flags;
    this.nx = nx;
    this.ny = ny;
    this.dirs = dirs;
    this.plane = nx * ny;
    this.sites = plane * nz;
    this.pow2 = (nx & (nx - 1)) == 0 && (ny & (ny - 1)) == 0;
    this.xShift = Integer.numberOfTrailingZeros(nx);
    this.state = new byte[sites];
    for (int m = 0; m < Lattice.MAX_MATERIALS; m++) {
      int f = m < flags.length ? flags[m] : Material.FLUID;
      int c = (f & (Material.FLUID | Material.INERT)) == 0 ? SOLID : 0;
      c |= (f & Material.FLUID) != 0 ? FLUID : 0;
      c |= (f & Material.MOBILE) != 0 ? MOBILE : 0;
      classOf[m] = (byte) c;
    }
  }

  /** Recomputes every site's class and count from the lattice. */
  public void recount() {
    for (int s = 0; s < sites; s++) {
      state[s] = classOf[cells[s] & Lattice.MATERIAL_MASK];
    }
    int[] nb = around;
    for (int s = 0; s < sites; s++) {
      int n = 0;
      neighbours(s, nb);
      for (int d = 0; d < dirs; d++) {
        int t = nb[d];
        n += t >= 0 && (state[t] & SOLID) != 0 ? 1 : 0;
      }
      state[s] = (byte) (state[s] | n);
    }
  }

  /** Number of solid face neighbours of site s. */
  public int solidNeighbours(int s) {
    return state[s] & COUNT;
  }

  /**
   * The allowed face-hop moves of site s as a bit mask (bit d for direction d), 0 when s holds
   * no mobile solid: a target is fluid and touches a solid other than s.
   */
  public int hopMask(int s) {
    int st = state[s];
    if ((st & MOBILE) == 0) {
      return 0;
    }
    int base = (st & SOLID) << 3; // s itself is in its targets' counts when it is solid
    byte[] open = OPEN;
    byte[] a = state;
    int x;
    int y;
    if (pow2) {
      x = s & (nx - 1);
      y = (s >>> xShift) & (ny - 1);
    } else {
      x = s % nx;
      y = (s / nx) % ny;
    }
    int m = open[base | a[x == nx - 1 ? s - x : s + 1]]
        | open[base | a[x == 0 ? s + nx - 1 : s - 1]] << 1;
    if (s + plane < sites) {
      m |= open[base | a[s + plane]] << 2;
    }
    if (s >= plane) {
      m |= open[base | a[s - plane]] << 3;
    }
    if (dirs == 6) {
      m |= open[base | a[y == ny - 1 ? s - y * nx : s + nx]] << 4
          | open[base | a[y == 0 ? s + (ny - 1) * nx : s - nx]] << 5;
    }
    return m;
  }

  /**
   * Brings the counts up to date after site s may have changed material; when {@code ch} is
   * not null, marks there the sites whose face-hop rate can have changed (see the class
   * comment). Changes of s that keep its class (solid, fluid, mobile) change nothing here.
   */
  public void sync(int s, Changes ch) {
    int old = state[s];
    int cls = classOf[cells[s] & Lattice.MATERIAL_MASK];
    int diff = (old ^ cls) & CLASS;
    if (diff == 0) {
      return;
    }
    state[s] = (byte) ((old & COUNT) | cls);
    if (ch != null) {
      ch.site(s);
    }
    if ((diff & (SOLID | FLUID)) == 0) {
      return; // only mobility changed: s's own rate, nobody else's
    }
    int delta = (diff & SOLID) == 0 ? 0 : (cls & SOLID) != 0 ? 1 : -1;
    int[] nb = around;
    neighbours(s, nb);
    for (int d = 0; d < dirs; d++) {
      int t = nb[d];
      if (t < 0) {
        continue;
      }
      int a = state[t];
      if (delta != 0) {
        state[t] = (byte) (a + delta);
        int low = delta > 0 ? a & COUNT : (a & COUNT) - 1;
        if (ch != null && (a & FLUID) != 0 && low <= 1) {
          markMobileNeighbours(t, ch); // the support of hops into t changed
        }
      }
      if (ch != null && (a & MOBILE) != 0) {
        ch.site(t); // its bond count or its target s changed
      }
    }
  }

  private void markMobileNeighbours(int t, Changes ch) {
    int[] nb = around2;
    neighbours(t, nb);
    for (int d = 0; d < dirs; d++) {
      int u = nb[d];
      if (u >= 0 && (state[u] & MOBILE) != 0) {
        ch.site(u);
      }
    }
  }

  /** The face neighbours of s by direction (x, y periodic), -1 outside the box in z. */
  private void neighbours(int s, int[] out) {
    int x;
    int y;
    if (pow2) {
      x = s & (nx - 1);
      y = (s >>> xShift) & (ny - 1);
    } else {
      x = s % nx;
      y = (s / nx) % ny;
    }
    out[0] = x == nx - 1 ? s - x : s + 1;
    out[1] = x == 0 ? s + nx - 1 : s - 1;
    out[2] = s + plane < sites ? s + plane : -1;
    out[3] = s >= plane ? s - plane : -1;
    if (dirs == 6) {
      out[4] = y == ny - 1 ? s - y * nx : s + nx;
      out[5] = y == 0 ? s + (ny - 1) * nx : s - nx;
    }
  }
}
