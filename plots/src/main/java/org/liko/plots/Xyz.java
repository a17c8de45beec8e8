package org.liko.plots;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;

/**
 * Lattices as extended XYZ files for ASE ({@code ase.io.read(f, format="extxyz")}) and OVITO:
 * one line per exported site with an element symbol, the position of the cell centre, the
 * material name and the material id. The comment line carries the orthorhombic box
 * ({@code Lattice="Lx 0 0 0 Ly 0 0 0 Lz"}), the column layout
 * ({@value #PROPERTIES}), the periodicity ({@code pbc="T T F"}: x and y periodic, z bounded)
 * and {@code units=Angstrom spacing=<a>}: box, positions and spacing are in Angstrom (ASE's
 * unit), 10 times the nm of the VTK files. A 2D lattice is a slab one spacing thick in y.
 *
 * <p>Which sites are exported is the caller's choice (usually every solid that is not the fluid
 * or a host scaffold): a map from material id to {@link Species}; ids absent from the map are
 * skipped. A site stands for one atom (or a coarse-grained cluster): the element symbol is the
 * material's dominant element or a stand-in, the {@code material} column says what it is.
 */
public final class Xyz {
  /** The extxyz column layout written. */
  public static final String PROPERTIES = "species:S:1:pos:R:3:material:S:1:kind:I:1";
  /** Length unit of box, positions and spacing. */
  public static final String UNIT = "Angstrom";
  private static final double ANGSTROM_PER_NM = 10.0;
  private static final Pattern BOX = Pattern.compile("Lattice=\"([^\"]*)\"");
  private static final Pattern LAYOUT = Pattern.compile("Properties=(\\S+)");
  private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private Xyz() {}

  /**
   * How one material is exported.
   *
   * @param element element symbol written as {@code species} (e.g. {@code Li}, {@code F})
   * @param material material name written in the {@code material} column
   */
  public record Species(String element, String material) {
    /** Checks that both are single words. */
    public Species {
      for (String s : List.of(element, material)) {
        if (!WORD.matcher(s).matches()) {
          throw new IllegalArgumentException("'" + s + "' must be one word of letters, digits"
              + " and _");
        }
      }
    }
  }

  /**
   * Writes the exported sites atomically.
   *
   * @param target the {@code .xyz} file
   * @param lattice the sites
   * @param spacingNm lattice spacing, nm (written in Angstrom)
   * @param speciesById how each exported material id is written; {@code kind} is the id
   * @return {@code target}
   */
  public static Path write(Path target, Lattice lattice, double spacingNm,
      Map<Integer, Species> speciesById) throws IOException {
    Grid g = lattice.grid();
    Species[] species = new Species[Lattice.MAX_MATERIALS];
    speciesById.forEach((id, s) -> species[id] = s);
    long count = 0;
    for (int i = 0; i < g.sites; i++) {
      if (species[lattice.material(i)] != null) {
        count++;
      }
    }
    double a = spacingNm * ANGSTROM_PER_NM;
    String header = count + "\n" + String.format(Locale.ROOT,
        "Lattice=\"%.6f 0.0 0.0 0.0 %.6f 0.0 0.0 0.0 %.6f\" Properties=%s pbc=\"T T F\""
            + " units=%s spacing=%s%n",
        g.nx * a, g.ny * a, g.nz * a, PROPERTIES, UNIT, Vti.number(a));
    // positions depend on one index each: nx + ny + nz formatted numbers, not three per atom
    byte[][] xs = coordinates(g.nx, a);
    byte[][] ys = coordinates(g.ny, a);
    byte[][] zs = coordinates(g.nz, a);
    byte[][] element = new byte[species.length][];
    byte[][] tail = new byte[species.length][];
    int line = 2 + longest(xs) + longest(ys) + longest(zs);
    int words = 0;
    for (int id = 0; id < species.length; id++) {
      if (species[id] != null) {
        element[id] = ascii(species[id].element() + " ");
        tail[id] = ascii(" " + species[id].material() + " " + id + "\n");
        words = Math.max(words, element[id].length + tail[id].length);
      }
    }
    int lineMax = line + words;
    return AtomicFiles.write(target, out -> {
      out.write(header.getBytes(StandardCharsets.UTF_8));
      byte[] buf = new byte[Math.max(1 << 16, 2 * lineMax)];
      int n = 0;
      int i = 0;
      for (int z = 0; z < g.nz; z++) {
        for (int y = 0; y < g.ny; y++) {
          for (int x = 0; x < g.nx; x++, i++) {
            int id = lattice.material(i);
            if (element[id] == null) {
              continue;
            }
            if (n + lineMax > buf.length) {
              out.write(buf, 0, n);
              n = 0;
            }
            n = put(buf, n, element[id]);
            n = put(buf, n, xs[x]);
            buf[n++] = ' ';
            n = put(buf, n, ys[y]);
            buf[n++] = ' ';
            n = put(buf, n, zs[z]);
            n = put(buf, n, tail[id]);
          }
        }
      }
      out.write(buf, 0, n);
    });
  }

  private static int put(byte[] buf, int n, byte[] b) {
    System.arraycopy(b, 0, buf, n, b.length);
    return n + b.length;
  }

  private static int longest(byte[][] texts) {
    int m = 0;
    for (byte[] t : texts) {
      m = Math.max(m, t.length);
    }
    return m;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The text of the centre of each of {@code n} cells along one axis, as {@link #coordinate}. */
  private static byte[][] coordinates(int n, double spacingAngstrom) {
    byte[][] out = new byte[n][];
    for (int k = 0; k < n; k++) {
      out[k] = ascii(coordinate(k, spacingAngstrom));
    }
    return out;
  }

  /**
   * Rebuilds a lattice from a file written by {@link #write}: every site starts as
   * {@code backgroundId}; each line sets its cell's material from its {@code material} column.
   * The spacing is taken from the box and the grid.
   *
   * @throws IOException on a material missing from {@code idByMaterial}, a position outside the
   *     box, a layout other than {@link #PROPERTIES}, or a box that does not fit the grid
   */
  public static Lattice read(Path file, Grid grid, Map<String, Integer> idByMaterial,
      int backgroundId) throws IOException {
    Lattice lattice = new Lattice(grid);
    for (int i = 0; i < grid.sites; i++) {
      lattice.setMaterial(i, backgroundId);
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = r.readLine();
      String comment = r.readLine();
      if (first == null || comment == null) {
        throw new IOException(file + ": needs a count line and a comment line");
      }
      long n = Long.parseLong(first.strip());
      Matcher m = BOX.matcher(comment);
      Matcher layout = LAYOUT.matcher(comment);
      if (!m.find() || !layout.find() || !layout.group(1).equals(PROPERTIES)) {
        throw new IOException(file + ": comment line needs Lattice=\"...\" and Properties="
            + PROPERTIES);
      }
      String[] box = m.group(1).strip().split("\\s+");
      double a = Double.parseDouble(box[0]) / grid.nx;
      if (Math.abs(Double.parseDouble(box[8]) / grid.nz - a) > 1e-6 * a) {
        throw new IOException(file + ": box " + m.group(1) + " does not fit grid " + grid);
      }
      for (long k = 0; k < n; k++) {
        String line = r.readLine();
        if (line == null) {
          throw new IOException(file + ": " + n + " sites announced, " + k + " found");
        }
        String[] f = line.strip().split("\\s+");
        Integer id = f.length < 6 ? null : idByMaterial.get(f[4]);
        if (id == null) {
          throw new IOException(file + " line " + (k + 3) + ": unknown material '"
              + (f.length < 6 ? line : f[4]) + "'");
        }
        int x = cell(f[1], a);
        int y = cell(f[2], a);
        int z = cell(f[3], a);
        if (x < 0 || x >= grid.nx || y < 0 || y >= grid.ny || z < 0 || z >= grid.nz) {
          throw new IOException(file + " line " + (k + 3) + ": position outside the box");
        }
        lattice.setMaterial(grid.index(x, y, z), id);
      }
    }
    return lattice;
  }

  private static String coordinate(int cell, double spacingAngstrom) {
    return String.format(Locale.ROOT, "%.5f", (cell + 0.5) * spacingAngstrom);
  }

  private static int cell(String position, double spacingAngstrom) {
    return (int) Math.floor(Double.parseDouble(position) / spacingAngstrom);
  }
}
