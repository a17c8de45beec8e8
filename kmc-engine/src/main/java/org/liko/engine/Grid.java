package org.liko.engine;

/**
 * Shape and index arithmetic of a simple-cubic (3D) or square (2D, {@code ny == 1}) lattice.
 *
 * <p>This is the one place where site indices are computed. Sites are numbered
 * {@code i = (z * ny + y) * nx + x}; x and y are periodic, z is bounded (z = 0 touches the
 * current collector, z = nz - 1 is the top of the box). Face neighbours are numbered by direction:
 * 0 = +x, 1 = -x, 2 = +z, 3 = -z, 4 = +y, 5 = -y; a 2D grid uses directions 0..3 only, so the
 * same loop {@code for (d = 0; d < directions; d++)} serves both.
 *
 * <p>The static methods take primitives only so that CPU loops and GPU kernels share them.
 */
public final class Grid {
  /** Direction offsets in x, indexed by direction. */
  public static final int[] DX = {1, -1, 0, 0, 0, 0};
  /** Direction offsets in y, indexed by direction. */
  public static final int[] DY = {0, 0, 0, 0, 1, -1};
  /** Direction offsets in z, indexed by direction. */
  public static final int[] DZ = {0, 0, 1, -1, 0, 0};
  /** Direction pointing up (+z, away from the collector). */
  public static final int UP = 2;
  /** Direction pointing down (-z, towards the collector). */
  public static final int DOWN = 3;
  /** Largest site count a single array holds. */
  public static final long MAX_SITES = Integer.MAX_VALUE - 8L;

  /** Sites along x (periodic). */
  public final int nx;
  /** Sites along y (periodic); 1 for a 2D lattice. */
  public final int ny;
  /** Sites along z (bounded; z = 0 touches the collector). */
  public final int nz;
  /** Number of sites in one z plane, {@code nx * ny}. */
  public final int plane;
  /** Total number of sites. */
  public final int sites;
  /** Number of face-neighbour directions: 4 in 2D, 6 in 3D. */
  public final int directions;

  /**
   * Creates a grid.
   *
   * @param nx sites along x, at least 1
   * @param ny sites along y, 1 for 2D
   * @param nz sites along z, at least 2
   * @throws IllegalArgumentException if a size is out of range or the grid has more than
   *     {@link #MAX_SITES} sites
   */
  public Grid(int nx, int ny, int nz) {
    if (nx < 1 || ny < 1 || nz < 2) {
      throw new IllegalArgumentException(
          "lattice " + nx + "x" + ny + "x" + nz + ": need nx >= 1, ny >= 1, nz >= 2");
    }
    long n = (long) nx * ny * nz;
    if (n > MAX_SITES) {
      throw new IllegalArgumentException("lattice " + nx + "x" + ny + "x" + nz + " has " + n
          + " sites; at most " + MAX_SITES + " fit one array (use coarse-grained sites)");
    }
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.plane = nx * ny;
    this.sites = (int) n;
    this.directions = ny == 1 ? 4 : 6;
  }

  /** Returns true for a 2D (x-z) lattice. */
  public boolean is2d() {
    return ny == 1;
  }

  /** Site index of (x, y, z); no wrapping. */
  public int index(int x, int y, int z) {
    return (z * ny + y) * nx + x;
  }

  /** x coordinate of site i. */
  public int x(int i) {
    return i % nx;
  }

  /** y coordinate of site i. */
  public int y(int i) {
    return (i / nx) % ny;
  }

  /** z coordinate (height in sites) of site i. */
  public int z(int i) {
    return i / plane;
  }

  /** Face neighbour of site i in direction d, or -1 below z = 0 or above the top. */
  public int neighbour(int i, int d) {
    return neighbour(i, d, nx, ny, nz);
  }

  /**
   * Face neighbour of site i in direction d on an nx x ny x nz grid (x, y periodic), or -1 when
   * the step leaves the box in z.
   */
  public static int neighbour(int i, int d, int nx, int ny, int nz) {
    int plane = nx * ny;
    if (d == 0) {
      int x = i % nx;
      return x == nx - 1 ? i - x : i + 1;
    } else if (d == 1) {
      int x = i % nx;
      return x == 0 ? i + nx - 1 : i - 1;
    } else if (d == 2) {
      int j = i + plane;
      return j >= plane * nz ? -1 : j;
    } else if (d == 3) {
      return i < plane ? -1 : i - plane;
    } else if (d == 4) {
      // y == ny - 1 iff the site's index within its plane is in the last row
      return i % plane >= plane - nx ? i - (plane - nx) : i + nx;
    } else {
      return i % plane < nx ? i + (plane - nx) : i - nx;
    }
  }

  /**
   * {@link #neighbour(int, int, int, int, int)} for a site whose coordinates (x, y, z) the caller
   * already knows: the same result without divisions (for loops over a site's neighbourhood on
   * the host; kernels use the five-argument form, OpenCL has no overloading).
   */
  public static int neighbourAt(int i, int d, int x, int y, int z, int nx, int ny, int nz) {
    if (d == 0) {
      return x == nx - 1 ? i - x : i + 1;
    }
    if (d == 1) {
      return x == 0 ? i + nx - 1 : i - 1;
    }
    if (d == 2) {
      return z == nz - 1 ? -1 : i + nx * ny;
    }
    if (d == 3) {
      return z == 0 ? -1 : i - nx * ny;
    }
    if (d == 4) {
      return y == ny - 1 ? i - y * nx : i + nx;
    }
    return y == 0 ? i + (ny - 1) * nx : i - nx;
  }

  /** Human-readable size, e.g. {@code 256x128} or {@code 64x64x32}. */
  /**
   * The shortest periodic displacement equal to d on a ring of n sites (minimum image): d
   * folded into [-n/2, n/2].
   */
  public static int minimumImage(int d, int n) {
    if (d > n / 2) {
      return d - n;
    }
    if (d < -n / 2) {
      return d + n;
    }
    return d;
  }

  @Override
  public String toString() {
    return is2d() ? nx + "x" + nz : nx + "x" + ny + "x" + nz;
  }
}
