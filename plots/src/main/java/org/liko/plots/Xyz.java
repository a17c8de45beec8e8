package org.liko.plots;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;

/**
 * Lattices as extended XYZ files for OVITO: one line per exported site with its species name and
 * the position of the cell centre in Å. The comment line carries the orthorhombic box
 * ({@code Lattice="Lx 0 0 0 Ly 0 0 0 Lz"}, Å), the column layout
 * ({@code Properties=species:S:1:pos:R:3}) and the periodicity ({@code pbc="T T F"}: x and y
 * periodic, z bounded). A 2D lattice is a slab one spacing thick in y.
 *
 * <p>Which sites are exported is the caller's choice (usually every solid that is not the fluid or
 * a host scaffold): a map from material id to species name; ids absent from the map are skipped.
 */
public final class Xyz {
  private static final double ANGSTROM_PER_NM = 10.0;
  private static final Pattern BOX = Pattern.compile("Lattice=\"([^\"]*)\"");

  private Xyz() {}

  /**
   * Writes the exported sites atomically.
   *
   * @param target the {@code .xyz} file
   * @param lattice the sites
   * @param spacingNm lattice spacing, nm
   * @param speciesById species name per exported material id (names without whitespace)
   * @return {@code target}
   */
  public static Path write(Path target, Lattice lattice, double spacingNm,
      Map<Integer, String> speciesById) throws IOException {
    for (String s : speciesById.values()) {
      if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("species name '" + s + "' must be one word");
      }
    }
    Grid g = lattice.grid();
    String[] species = new String[Lattice.MAX_MATERIALS];
    speciesById.forEach((id, name) -> species[id] = name);
    long count = 0;
    for (int i = 0; i < g.sites; i++) {
      if (species[lattice.material(i)] != null) {
        count++;
      }
    }
    double a = spacingNm * ANGSTROM_PER_NM;
    String header = count + "\n" + String.format(Locale.ROOT,
        "Lattice=\"%.6f 0.0 0.0 0.0 %.6f 0.0 0.0 0.0 %.6f\" Properties=species:S:1:pos:R:3"
            + " pbc=\"T T F\" spacing_nm=%s%n",
        g.nx * a, g.ny * a, g.nz * a, Double.toString(spacingNm));
    return AtomicFiles.write(target, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      w.write(header);
      StringBuilder line = new StringBuilder(64);
      for (int i = 0; i < g.sites; i++) {
        String s = species[lattice.material(i)];
        if (s != null) {
          line.setLength(0);
          line.append(s).append(' ').append(coordinate(g.x(i), a)).append(' ')
              .append(coordinate(g.y(i), a)).append(' ').append(coordinate(g.z(i), a))
              .append('\n');
          w.write(line.toString());
        }
      }
      w.flush();
    });
  }

  /**
   * Rebuilds a lattice from a file written by {@link #write}: every site starts as
   * {@code backgroundId}; each line sets its cell's material from the species name. The spacing
   * is taken from the box and the grid.
   *
   * @throws IOException on a species missing from {@code idBySpecies}, a position outside the
   *     box, or a box that does not match the grid's proportions
   */
  public static Lattice read(Path file, Grid grid, Map<String, Integer> idBySpecies,
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
      if (!m.find()) {
        throw new IOException(file + ": comment line has no Lattice=\"...\"");
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
        Integer id = idBySpecies.get(f[0]);
        if (id == null) {
          throw new IOException(file + " line " + (k + 3) + ": unknown species '" + f[0] + "'");
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
