package org.liko.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.w3c.dom.Element;

class WritersTest {
  @TempDir
  Path dir;

  private static Grid grid(boolean is3d) {
    return is3d ? new Grid(9, 7, 11) : new Grid(33, 1, 17);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void vtiRoundTripGivesTheSameLatticeAndSpacing(boolean is3d) throws Exception {
    Lattice l = Fixtures.random(grid(is3d), 64, Fixtures.SEED);
    Path f = Vti.write(dir.resolve("a.vti"), l, 0.35);
    Vti.Image back = Vti.read(f);
    assertTrue(back.lattice().sameAs(l));
    assertEquals(0.35, back.spacingNm());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void vtiBytesAreIdenticalForIdenticalLattices(boolean is3d) throws Exception {
    Lattice a = Fixtures.random(grid(is3d), 64, Fixtures.SEED);
    Path fa = Vti.write(dir.resolve("a.vti"), a, 0.5);
    Path fb = Vti.write(dir.resolve("b.vti"), a.copy(), 0.5);
    assertArrayEquals(Files.readAllBytes(fa), Files.readAllBytes(fb));
    Lattice c = a.copy();
    c.setMaterial(3, (c.material(3) + 1) % 64);
    assertFalse(java.util.Arrays.equals(Vti.bytes(a, 0.5), Vti.bytes(c, 0.5)));
  }

  @Test
  void vtiLayoutIsCellDataOverPointExtent() throws Exception {
    Grid g = new Grid(4, 1, 3);
    Lattice l = new Lattice(g);
    l.setMaterial(g.index(1, 0, 2), 5);
    l.setCarrier(g.index(3, 0, 0), true);
    Element root = Xml.parse(Vti.write(dir.resolve("l.vti"), l, 2.0)).getDocumentElement();
    assertEquals("ImageData", root.getAttribute("type"));
    assertEquals("1.0", root.getAttribute("version"));
    assertEquals("LittleEndian", root.getAttribute("byte_order"));
    assertEquals("UInt32", root.getAttribute("header_type"));
    Element image = (Element) root.getElementsByTagName("ImageData").item(0);
    assertEquals("0 4 0 1 0 3", image.getAttribute("WholeExtent"));
    assertEquals("2 2 2", image.getAttribute("Spacing"));
    assertEquals("0 0 0", image.getAttribute("Origin"));
    Element material = (Element) root.getElementsByTagName("DataArray").item(0);
    assertEquals("CellData", material.getParentNode().getNodeName());
    byte[] raw = java.util.Base64.getDecoder().decode(material.getTextContent().trim());
    assertEquals(4 + 12, raw.length);
    assertEquals(12, raw[0]); // UInt32 LE byte count
    assertEquals(5, raw[4 + g.index(1, 0, 2)]); // x fastest, then y, then z
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void xyzRoundTripRebuildsTheExportedMaterials(boolean is3d) throws Exception {
    Grid g = grid(is3d);
    Lattice l = Fixtures.random(g, 5, Fixtures.SEED + 1);
    Lattice materialsOnly = new Lattice(g);
    for (int i = 0; i < g.sites; i++) {
      materialsOnly.setMaterial(i, l.material(i));
    }
    Path f = Xyz.write(dir.resolve("a.xyz"), l, 0.35,
        Map.of(1, "Cu", 2, "Li", 3, "Ld", 4, "S"));
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    long exported = java.util.stream.IntStream.range(0, g.sites)
        .filter(i -> l.material(i) != 0).count();
    assertEquals(exported, Long.parseLong(lines.get(0)));
    assertEquals(exported + 2, lines.size());
    assertTrue(lines.get(1).contains("Properties=species:S:1:pos:R:3"));
    assertTrue(lines.get(1).contains(String.format(java.util.Locale.ROOT,
        "Lattice=\"%.6f 0.0 0.0 0.0 %.6f", g.nx * 3.5, g.ny * 3.5)));
    Lattice back = Xyz.read(f, g, Map.of("Cu", 1, "Li", 2, "Ld", 3, "S", 4), 0);
    assertTrue(back.sameAs(materialsOnly));
  }

  @Test
  void csvRoundTripIsBitExact() throws Exception {
    Csv.Table t = new Csv.Table(List.of("a", "b_nm"), List.of(new double[] {0.1, 1e-300},
        new double[] {Double.NaN, -3.0 / 7}, new double[] {Double.POSITIVE_INFINITY, 0}));
    Csv.Table back = Csv.read(Csv.write(dir.resolve("t.csv"), t));
    assertEquals(t.columns(), back.columns());
    for (String c : t.columns()) {
      assertArrayEquals(t.column(c), back.column(c));
    }
  }

  @Test
  void csvTextQuotesCommasAndQuotes() throws Exception {
    Csv.Text t = new Csv.Text(List.of("id", "name"),
        List.<String[]>of(new String[] {"x", "a, \"b\""}));
    Csv.Text back = Csv.readText(Csv.write(dir.resolve("t.csv"), t));
    assertArrayEquals(t.rows().get(0), back.rows().get(0));
  }

  @Test
  void jsonIsDeterministicWithSortedMapKeys() throws Exception {
    Map<String, Object> m = new java.util.HashMap<>();
    m.put("zeta", 1);
    m.put("alpha", List.of(1.5, 2));
    String a = Files.readString(Json.write(dir.resolve("a.json"), m));
    assertTrue(a.indexOf("alpha") < a.indexOf("zeta"));
    assertEquals(a, Json.toString(new java.util.TreeMap<>(m)));
    assertEquals(1.5, Json.read(dir.resolve("a.json")).path("alpha").get(0).asDouble());
  }

  @Test
  void pvdRoundTrip() throws Exception {
    List<Pvd.Entry> e = List.of(new Pvd.Entry(0, "snap_0000.vti"),
        new Pvd.Entry(1.25e-3, "snap_0001.vti"));
    assertEquals(e, Pvd.read(Pvd.write(dir.resolve("series.pvd"), e)));
  }

  @Test
  void atomicWriteReplacesAndLeavesNoTemporaryFile() throws Exception {
    Path f = dir.resolve("sub/x.txt");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertEquals("two", Files.readString(f));
    try (Stream<Path> s = Files.list(f.getParent())) {
      assertEquals(List.of(f), s.toList());
    }
  }
}
