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
    byte[] cells = lattice.cells();
    Grid g = lattice.grid();
    int top = 0;
    for (int i = 0; i < g.sites; i++) {
      int f = flags[cells[i] & Lattice.MATERIAL_MASK];
      if ((f & (Material.ELECTRONIC | Material.FIXED)) == (Material.ELECTRONIC | Material.FIXED)) {
        cells[i] |= (byte) Lattice.MARK_BIT;
        stack[top++] = i;
      }
    }
    top = spread(cells, flags, g, product, inert, top);
    int changed = 0;
    for (int i = 0; i < g.sites; i++) {
      int c = cells[i];
      int m = c & Lattice.MATERIAL_MASK;
      boolean marked = (c & Lattice.MARK_BIT) != 0;
      if (m == product && !marked) {
        cells[i] = (byte) ((c & Lattice.CARRIER_BIT) | inert);
        changed++;
      } else if (m == inert && marked) {
        cells[i] = (byte) ((c & Lattice.CARRIER_BIT) | product);
        changed++;
      } else {
        cells[i] = (byte) (c & ~Lattice.MARK_BIT);
      }
    }
    return changed;
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
        int m = c & Lattice.MATERIAL_MASK;
        if (m == product || m == inert || (flags[m] & Material.ELECTRONIC) != 0) {
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
