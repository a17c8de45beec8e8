package org.liko.engine.parallel;

import org.liko.engine.Grid;

/**
 * Sectors of the {@code parallel} solver (DESIGN section 3): column blocks spanning the full z
 * range, an even number of blocks along x (and along y in 3D) so that colours alternate across
 * the periodic boundary; 2 colours in 2D (alternating x blocks), 4 in 3D (2 x 2 in x, y). Every
 * block is at least {@code max(5, 2 range)} sites wide, so events of two sectors of one colour,
 * which read and write at most {@code range} sites beyond their sector, never meet. The layout
 * depends only on the grid and the range, never on the thread count.
 */
public final class SectorLayout {
  /** Smallest block width of the design. */
  public static final int MIN_WIDTH = 5;

  /** Number of sectors. */
  public final int sectors;
  /** Number of colours (2 in 2D, 4 in 3D). */
  public final int colours;
  /** Blocks along x. */
  public final int blocksX;
  /** Blocks along y (1 in 2D). */
  public final int blocksY;
  /** The sectors table, {@link SectorKernel#SECTOR_INTS} ints per sector. */
  public final int[] table;
  /** Sites per sector. */
  public final int[] sites;
  /** Sector ids by colour: {@code byColour[c]} lists the sectors of colour c in order. */
  public final int[][] byColour;

  private SectorLayout(int sectors, int colours, int blocksX, int blocksY, int[] table,
      int[] sites, int[][] byColour) {
    this.sectors = sectors;
    this.colours = colours;
    this.blocksX = blocksX;
    this.blocksY = blocksY;
    this.table = table;
    this.sites = sites;
    this.byColour = byColour;
  }

  /** Smallest block width for an interaction range. */
  public static int minWidth(int range) {
    return Math.max(MIN_WIDTH, 2 * range);
  }

  /**
   * Builds the layout with as many blocks as the width rule allows.
   *
   * @param grid the lattice
   * @param range lateral reach of an event beyond its site (2 for bond counting)
   * @throws IllegalArgumentException when the lattice is too narrow for two blocks per
   *     periodic direction (message names the sizes)
   */
  public static SectorLayout of(Grid grid, int range) {
    int wmin = minWidth(range);
    int bx = blocks(grid.nx, wmin, "nx");
    int by = grid.is2d() ? 1 : blocks(grid.ny, wmin, "ny");
    int colours = grid.is2d() ? 2 : 4;
    int n = bx * by;
    int[] table = new int[n * SectorKernel.SECTOR_INTS];
    int[] sites = new int[n];
    int[] perColour = new int[colours];
    int[] colourOf = new int[n];
    for (int j = 0; j < by; j++) {
      for (int k = 0; k < bx; k++) {
        int s = j * bx + k;
        int x0 = (int) ((long) k * grid.nx / bx);
        int x1 = (int) ((long) (k + 1) * grid.nx / bx);
        int y0 = grid.is2d() ? 0 : (int) ((long) j * grid.ny / by);
        int y1 = grid.is2d() ? 1 : (int) ((long) (j + 1) * grid.ny / by);
        int c = (k & 1) + (grid.is2d() ? 0 : 2 * (j & 1));
        int b = s * SectorKernel.SECTOR_INTS;
        table[b] = x0;
        table[b + 1] = x1;
        table[b + 2] = y0;
        table[b + 3] = y1;
        table[b + 4] = c;
        sites[s] = (x1 - x0) * (y1 - y0) * grid.nz;
        colourOf[s] = c;
        perColour[c]++;
      }
    }
    int[][] byColour = new int[colours][];
    for (int c = 0; c < colours; c++) {
      byColour[c] = new int[perColour[c]];
      int m = 0;
      for (int s = 0; s < n; s++) {
        if (colourOf[s] == c) {
          byColour[c][m++] = s;
        }
      }
    }
    return new SectorLayout(n, colours, bx, by, table, sites, byColour);
  }

  /**
   * The sectors of a sectors table listed colour by colour (ascending ids within a colour), for
   * engines that launch one colour's sectors as consecutive work items.
   *
   * @param table the sectors table ({@link SectorKernel#SECTOR_INTS} ints per sector)
   * @return {@code {start, order}}: colour c's sectors are {@code order[start[c] .. start[c+1])}
   *     ({@code order} has at least one entry)
   */
  public static int[][] colourOrder(int[] table) {
    int n = table.length / SectorKernel.SECTOR_INTS;
    int colours = 0;
    for (int s = 0; s < n; s++) {
      colours = Math.max(colours, table[s * SectorKernel.SECTOR_INTS + 4] + 1);
    }
    int[] start = new int[colours + 1];
    for (int s = 0; s < n; s++) {
      start[table[s * SectorKernel.SECTOR_INTS + 4] + 1]++;
    }
    for (int c = 0; c < colours; c++) {
      start[c + 1] += start[c];
    }
    int[] order = new int[Math.max(1, n)];
    int[] next = start.clone();
    for (int s = 0; s < n; s++) {
      order[next[table[s * SectorKernel.SECTOR_INTS + 4]]++] = s;
    }
    return new int[][] {start, order};
  }

  private static int blocks(int size, int wmin, String name) {
    int b = 2 * (size / (2 * wmin));
    if (b < 2) {
      throw new IllegalArgumentException("parallel solver: " + name + " = " + size
          + " is too small for two sector blocks of width >= " + wmin + " (need " + name
          + " >= " + 2 * wmin + ")");
    }
    return b;
  }
}
