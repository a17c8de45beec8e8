package org.liko.engine.rules;

import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.liko.engine.Material;

/**
 * Electron-network connectivity by a 1-bit face-neighbour flood fill (scratch bit 7 of each
 * cell): seeds are the fixed electronic conductors (collector, scaffold), the fill spreads
 * through electronic conductors and through product in either form. Afterwards product reached
 * by the fill is live ({@code product}) and the rest is {@code inert}; inert product that the fill
 * reaches again becomes live again. Marks are cleared before returning.
 */
public final class Connectivity {
  private int[] stack;

  /** Creates a fill with a work stack for {@code sites} sites (4 bytes per site, allocated once). */
  public Connectivity(int sites) {
    this.stack = new int[Math.max(16, sites)];
  }

  /**
   * Relabels live and inert product over the whole lattice.
   *
   * @return number of sites whose material changed
   */
  public int relabel(Lattice lattice, int[] flags, int product, int inert) {
    return relabel(lattice, flags, product, inert, true);
  }

  /**
   * Relabels live and inert product over the whole lattice; with {@code inertJoins} false the
   * fill does not pass through inert product, so inert product stays inert (only live product
   * that lost its path becomes inert): for inert product whose faces do not conduct.
   *
   * @return number of sites whose material changed
   */
  public int relabel(Lattice lattice, int[] flags, int product, int inert, boolean inertJoins) {
    byte[] cells = lattice.cells();
    Grid g = lattice.grid();
    int top = 0;
    for (int i = 0; i < g.sites; i++) {
      if (seed(cells, flags, i) != 0) {
        stack[top++] = i;
      }
    }
    top = spread(cells, flags, g, product, inertJoins ? inert : product, top);
    int changed = 0;
    for (int i = 0; i < g.sites; i++) {
      changed += label(cells, i, product, inert);
    }
    return changed;
  }

  // ------------------------------------------------------------------ per-site rules
  // Static, primitives only and Aparapi-safe: the host fill above and the device fill passes
  // of the parallel solver (SectorKernel) share them, so both give the same labels.

  /**
   * Seeds site i: sets its mark when it holds a fixed electronic conductor (collector,
   * scaffold), clears it otherwise.
   *
   * @return 1 when the site is a seed, else 0
   */
  public static int seed(byte[] cells, int[] flags, int i) {
    int c = cells[i];
    int f = flags[c & Lattice.MATERIAL_MASK];
    int r = 0;
    cells[i] = (byte) (c & ~Lattice.MARK_BIT);
    if ((f & (Material.ELECTRONIC | Material.FIXED)) == (Material.ELECTRONIC | Material.FIXED)) {
      cells[i] = (byte) (c | Lattice.MARK_BIT);
      r = 1;
    }
    return r;
  }

  /** True when the fill spreads through material m: product in either form, or a conductor. */
  public static boolean conducts(int[] flags, int m, int product, int inert) {
    return m == product || m == inert || (flags[m] & Material.ELECTRONIC) != 0;
  }

  /**
   * One step of the iterative fill at site i: marks an unmarked site the fill spreads through
   * when a face neighbour is marked.
   *
   * @return 1 when the site was marked now, else 0
   */
  public static int grow(byte[] cells, int[] flags, int i, int nx, int ny, int nz, int dirs,
      int product, int inert) {
    int c = cells[i];
    int r = 0;
    if ((c & Lattice.MARK_BIT) == 0
        && conducts(flags, c & Lattice.MATERIAL_MASK, product, inert)) {
      int near = 0;
      for (int d = 0; d < dirs; d++) {
        int j = Grid.neighbour(i, d, nx, ny, nz);
        if (j >= 0) {
          if ((cells[j] & Lattice.MARK_BIT) != 0) {
            near = 1;
          }
        }
      }
      if (near != 0) {
        cells[i] = (byte) (c | Lattice.MARK_BIT);
        r = 1;
      }
    }
    return r;
  }

  /**
   * Labels site i after a fill and clears its mark: unmarked product becomes inert, marked
   * inert product becomes live again (the carrier bit is kept).
   *
   * @return 1 when the material changed, else 0
   */
  public static int label(byte[] cells, int i, int product, int inert) {
    int c = cells[i];
    int m = c & Lattice.MATERIAL_MASK;
    int marked = c & Lattice.MARK_BIT;
    int r = 0;
    if (m == product && marked == 0) {
      cells[i] = (byte) ((c & Lattice.CARRIER_BIT) | inert);
      r = 1;
    }
    if (m == inert && marked != 0) {
      cells[i] = (byte) ((c & Lattice.CARRIER_BIT) | product);
      r = 1;
    }
    if (r == 0) {
      cells[i] = (byte) (c & ~Lattice.MARK_BIT);
    }
    return r;
  }

  /**
   * Revives the inert product connected to site {@code start} (which must be live product or a
   * conductor): every inert site reachable through inert product becomes live. Calls
   * {@code changed} on nothing; returns the revived sites in {@link #revived()} order.
   *
   * @return number of sites revived
   */
  public int reviveFrom(Lattice lattice, int start, int product, int inert) {
    byte[] cells = lattice.cells();
    Grid g = lattice.grid();
    int top = 0;
    int revived = 0;
    for (int d = 0; d < g.directions; d++) {
      int j = g.neighbour(start, d);
      if (j >= 0 && (cells[j] & Lattice.MATERIAL_MASK) == inert) {
        cells[j] = (byte) ((cells[j] & Lattice.CARRIER_BIT) | product);
        stack[top++] = j;
        revived++;
      }
    }
    int n = 0;
    while (n < top) {
      int i = stack[n++];
      for (int d = 0; d < g.directions; d++) {
        int j = g.neighbour(i, d);
        if (j >= 0 && (cells[j] & Lattice.MATERIAL_MASK) == inert) {
          cells[j] = (byte) ((cells[j] & Lattice.CARRIER_BIT) | product);
          ensure(top + 1);
          stack[top++] = j;
          revived++;
        }
      }
    }
    lastRevived = top;
    return revived;
  }

  private int lastRevived;

  /** Sites revived by the last {@link #reviveFrom} call, valid until the next call. */
  public int[] revived() {
    return java.util.Arrays.copyOf(stack, lastRevived);
  }

  private int spread(byte[] cells, int[] flags, Grid g, int product, int inert, int top) {
    while (top > 0) {
      int i = stack[--top];
      for (int d = 0; d < g.directions; d++) {
        int j = g.neighbour(i, d);
        if (j < 0) {
          continue;
        }
        int c = cells[j];
        if ((c & Lattice.MARK_BIT) != 0) {
          continue;
        }
        if (conducts(flags, c & Lattice.MATERIAL_MASK, product, inert)) {
          cells[j] = (byte) (c | Lattice.MARK_BIT);
          ensure(top + 1);
          stack[top++] = j;
        }
      }
    }
    return top;
  }

  private void ensure(int n) {
    if (n > stack.length) {
      stack = java.util.Arrays.copyOf(stack, Math.max(n, 2 * stack.length));
    }
  }
}
