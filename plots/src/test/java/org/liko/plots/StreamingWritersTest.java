package org.liko.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;

/**
 * The big-file writers stream (issue 16): {@link Xyz} without a {@code String.format} per atom
 * but with the same bytes as the per-atom formatting, {@link Vti} in bounded memory.
 */
class StreamingWritersTest {
  @TempDir Path dir;

  private static final Map<Integer, Xyz.Species> SPECIES = Map.of(
      1, new Xyz.Species("Cu", "collector"), 2, new Xyz.Species("Li", "li"),
      3, new Xyz.Species("Li", "li_dead"), 4, new Xyz.Species("F", "sei_inorganic"));

  /** The file as the per-atom {@code String.format} writer produced it. */
  private static String formatted(Lattice l, double spacingNm) {
    Grid g = l.grid();
    double a = spacingNm * 10;
    StringBuilder body = new StringBuilder();
    long count = 0;
    for (int i = 0; i < g.sites; i++) {
      int id = l.material(i);
      Xyz.Species s = SPECIES.get(id);
      if (s != null) {
        count++;
        body.append(s.element()).append(' ')
            .append(String.format(Locale.ROOT, "%.5f", (g.x(i) + 0.5) * a)).append(' ')
            .append(String.format(Locale.ROOT, "%.5f", (g.y(i) + 0.5) * a)).append(' ')
            .append(String.format(Locale.ROOT, "%.5f", (g.z(i) + 0.5) * a)).append(' ')
            .append(s.material()).append(' ').append(id).append('\n');
      }
    }
    return count + "\n" + String.format(Locale.ROOT,
        "Lattice=\"%.6f 0.0 0.0 0.0 %.6f 0.0 0.0 0.0 %.6f\" Properties=%s pbc=\"T T F\""
            + " units=%s spacing=%s%n",
        g.nx * a, g.ny * a, g.nz * a, Xyz.PROPERTIES, Xyz.UNIT, Vti.number(a)) + body;
  }

  @Test
  void xyzIsByteIdenticalToPerAtomFormattingOnRandomLattices() throws IOException {
    Random rnd = new Random(16);
    Grid[] grids = {new Grid(23, 17, 29), new Grid(301, 1, 97), new Grid(1, 1, 2)};
    double[] spacings = {0.279, 0.1 + rnd.nextDouble(), 1.0 / 3, 12.345678901, 0.0005};
    int k = 0;
    for (Grid g : grids) {
      for (double spacing : spacings) {
        Lattice l = new Lattice(g);
        for (int i = 0; i < g.sites; i++) {
          l.setMaterial(i, rnd.nextInt(6)); // 0 and 5 are not exported
        }
        Path f = Xyz.write(dir.resolve("r" + k++ + ".xyz"), l, spacing, SPECIES);
        assertEquals(formatted(l, spacing), Files.readString(f, StandardCharsets.UTF_8),
            g + " spacing " + spacing);
      }
    }
  }
}
