package org.liko.engine;

import java.util.Arrays;

/**
 * A typed lattice: one byte per site, material id in bits 0-5 (up to 64 materials), a mobile
 * carrier present in bit 6, and a scratch bit 7 for flood fills.
 */
public final class Lattice {
  /** Bits holding the material id. */
  public static final int MATERIAL_MASK = 0x3F;
  /** Bit set when a mobile carrier (walker) sits on the site. */
  public static final int CARRIER_BIT = 0x40;
  /** Scratch bit used by flood fills; always clear between steps. */
  public static final int MARK_BIT = 0x80;
  /** Largest number of materials a lattice can hold. */
  public static final int MAX_MATERIALS = 64;

  private final Grid grid;
  private final byte[] cells;

  /** Creates a lattice filled with material 0. */
  public Lattice(Grid grid) {
    this.grid = grid;
    this.cells = new byte[grid.sites];
  }

  /** Wraps existing cells (not copied); used by readers and backends. */
  public Lattice(Grid grid, byte[] cells) {
    if (cells.length != grid.sites) {
      throw new IllegalArgumentException(
          "cells has " + cells.length + " entries, grid " + grid + " has " + grid.sites);
    }
    this.grid = grid;
    this.cells = cells;
  }

  /** The grid. */
  public Grid grid() {
    return grid;
  }

  /** The raw cells (live view, not a copy). */
  public byte[] cells() {
    return cells;
  }

  /** Material id of site i. */
  public int material(int i) {
    return cells[i] & MATERIAL_MASK;
  }

  /** Sets the material of site i, keeping its carrier bit. */
  public void setMaterial(int i, int material) {
    cells[i] = (byte) ((cells[i] & ~MATERIAL_MASK) | material);
  }

  /** True when a carrier sits on site i. */
  public boolean carrier(int i) {
    return (cells[i] & CARRIER_BIT) != 0;
  }

  /** Sets or clears the carrier bit of site i. */
  public void setCarrier(int i, boolean on) {
    cells[i] = (byte) (on ? cells[i] | CARRIER_BIT : cells[i] & ~CARRIER_BIT);
  }

  /** Number of sites of each material id (index = id). */
  public long[] countByMaterial() {
    long[] n = new long[MAX_MATERIALS];
    for (byte c : cells) {
      n[c & MATERIAL_MASK]++;
    }
    return n;
  }

  /** A deep copy. */
  public Lattice copy() {
    return new Lattice(grid, cells.clone());
  }

  /** True when both lattices have the same grid and the same bytes. */
  public boolean sameAs(Lattice o) {
    return grid.nx == o.grid.nx && grid.ny == o.grid.ny && grid.nz == o.grid.nz
        && Arrays.equals(cells, o.cells);
  }
}
