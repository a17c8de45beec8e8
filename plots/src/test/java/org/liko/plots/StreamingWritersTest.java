package org.liko.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.Inflater;
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

  @Test
  void vtiStreamsABigLatticeInBlocksWithoutCopyingIt() throws Exception {
    // 67 110 400 sites: 2048 full blocks and a last one of 1536 bytes
    Grid g = new Grid(512, 1, 131075);
    Lattice l = new Lattice(g);
    byte[] cells = l.cells();
    for (int i = 0; i < cells.length; i++) {
      int z = i / 512;
      cells[i] = (byte) (z < 1000 ? 1 : i % 13 == 0 ? 2 | Lattice.CARRIER_BIT : z % 7 == 0 ? 3 : 0);
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    Vti.write(dir.resolve("warm.vti"), new Lattice(new Grid(8, 1, 8)), 0.3); // classes loaded
    long before = threads.getThreadAllocatedBytes(tid);
    Path f = Vti.write(dir.resolve("big.vti"), l, 0.279);
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    assertTrue(allocated < cells.length / 4 + (4 << 20), "write allocated " + allocated
        + " bytes for a lattice of " + cells.length);

    String text = Files.readString(f, StandardCharsets.US_ASCII);
    for (String name : new String[] {"material", "ion"}) {
      int open = text.indexOf("Name=\"" + name + "\"");
      int start = text.indexOf('>', open) + 1;
      String data = text.substring(start, text.indexOf("</DataArray>", start)).trim();
      int blocks = 2049;
      int headerChars = 4 * ((8 * (3 + blocks) + 2) / 3);
      ByteBuffer h = ByteBuffer.wrap(Base64.getDecoder().decode(data.substring(0, headerChars)))
          .order(ByteOrder.LITTLE_ENDIAN);
      assertEquals(blocks, h.getLong(), name);
      assertEquals(32768, h.getLong(), name);
      assertEquals(1536, h.getLong(), name);
      byte[] body = Base64.getDecoder().decode(data.substring(headerChars));
      byte[] block = new byte[32768];
      Inflater inf = new Inflater();
      int off = 0;
      for (int b = 0; b < blocks; b++) {
        int csize = (int) h.getLong();
        int n = b == blocks - 1 ? 1536 : 32768;
        inf.reset();
        inf.setInput(body, off, csize);
        assertEquals(n, inf.inflate(block), name + " block " + b);
        assertTrue(inf.finished(), name + " block " + b + " is one zlib stream");
        for (int k = 0; k < n; k++) {
          byte c = cells[b * 32768 + k];
          int want = name.equals("material") ? c & Lattice.MATERIAL_MASK
              : (c & Lattice.CARRIER_BIT) != 0 ? 1 : 0;
          if (block[k] != want) {
            assertEquals(want, block[k], name + " site " + (b * 32768 + k));
          }
        }
        off += csize;
      }
      inf.end();
      assertEquals(body.length, off, name + ": the sizes of the header add up to the body");
    }
    assertTrue(text.contains("Name=\"material\" format=\"binary\" RangeMin=\"0\" RangeMax=\"3\""));
  }
}
