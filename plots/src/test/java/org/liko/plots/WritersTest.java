package org.liko.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Assumptions;
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
    assertFalse(java.util.Arrays.equals(Vti.bytes(a, 0.5, null), Vti.bytes(c, 0.5, null)));
  }

  @Test
  void vtiLayoutIsZlibCompressedCellDataOverPointExtent() throws Exception {
    Grid g = new Grid(4, 1, 3);
    Lattice l = new Lattice(g);
    l.setMaterial(g.index(1, 0, 2), 5);
    l.setCarrier(g.index(3, 0, 0), true);
    Element root = Xml.parse(Vti.write(dir.resolve("l.vti"), l, 2.0)).getDocumentElement();
    assertEquals("ImageData", root.getAttribute("type"));
    assertEquals("1.0", root.getAttribute("version"));
    assertEquals("LittleEndian", root.getAttribute("byte_order"));
    assertEquals("UInt64", root.getAttribute("header_type"));
    assertEquals("vtkZLibDataCompressor", root.getAttribute("compressor"));
    Element image = (Element) root.getElementsByTagName("ImageData").item(0);
    assertEquals("0 4 0 1 0 3", image.getAttribute("WholeExtent"));
    assertEquals("2 2 2", image.getAttribute("Spacing"));
    assertEquals("0 0 0", image.getAttribute("Origin"));
    Element material = array(root, "material");
    assertEquals("CellData", material.getParentNode().getNodeName());
    // VTK's inline layout: base64(UInt64 header [blocks, block, last, csize...]) + base64(zlib)
    String text = material.getTextContent().trim();
    byte[] header = Base64.getDecoder().decode(text.substring(0, 44)); // 32 bytes -> 44 chars
    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1, h.getLong());
    assertEquals(32768, h.getLong());
    assertEquals(12, h.getLong()); // the one, partial block holds 12 bytes
    long csize = h.getLong();
    byte[] body = Base64.getDecoder().decode(text.substring(44));
    assertEquals(csize, body.length);
    Inflater inf = new Inflater();
    inf.setInput(body);
    byte[] raw = new byte[12];
    assertEquals(12, inf.inflate(raw));
    assertTrue(inf.finished());
    assertEquals(5, raw[g.index(1, 0, 2)]); // x fastest, then y, then z
    assertEquals("nm", Vti.LENGTH_UNIT);
    assertEquals("String", array(root, "length_unit").getAttribute("type"));
  }

  @Test
  void vtiCompressesARealisticLatticeAndSplitsItIntoBlocks() throws Exception {
    Grid g = new Grid(96, 1, 720); // 69120 sites: three blocks, the last one partial
    Lattice l = Fixtures.deposit(g, Fixtures.SEED, 0.5);
    byte[] bytes = Vti.bytes(l, 0.279, null);
    assertTrue(bytes.length < g.sites / 4, "compressed size " + bytes.length);
    Path f = dir.resolve("big.vti");
    Vti.write(f, l, 0.279);
    assertTrue(Vti.read(f).lattice().sameAs(l));
  }

  @Test
  void vtiCarriesMaterialNamesAndColoursAsFieldData() throws Exception {
    Grid g = new Grid(6, 1, 5);
    Lattice l = Fixtures.deposit(g, Fixtures.SEED, 0.5);
    MaterialLegend legend = MaterialLegend.of(Fixtures.materials());
    Path f = Vti.write(dir.resolve("n.vti"), l, 0.35, legend);
    Element names = array(Xml.parse(f).getDocumentElement(), "material_names");
    assertEquals("FieldData", names.getParentNode().getNodeName());
    assertEquals("String", names.getAttribute("type"));
    assertEquals("5", names.getAttribute("NumberOfTuples"));
    MaterialLegend back = Vti.read(f).legend();
    assertEquals(List.of("electrolyte", "collector", "li", "li_dead", "sei"), back.names());
    for (int id = 0; id < legend.size(); id++) {
      assertEquals(legend.rgb(id), back.rgb(id), "colour of " + legend.name(id));
    }
    assertEquals(legend.ionRgb(), back.ionRgb());
    assertEquals(null, Vti.read(Vti.write(dir.resolve("plain.vti"), l, 0.35)).legend());
  }

  @Test
  void vtiReaderStillReadsUncompressedFiles() throws Exception {
    Grid g = new Grid(3, 1, 2);
    byte[] data = {0, 1, 2, 3, 4, 5};
    ByteBuffer block = ByteBuffer.allocate(4 + 6).order(ByteOrder.LITTLE_ENDIAN);
    block.putInt(6).put(data);
    String xml = "<?xml version=\"1.0\"?>\n<VTKFile type=\"ImageData\" version=\"1.0\""
        + " byte_order=\"LittleEndian\" header_type=\"UInt32\"><ImageData WholeExtent=\"0 3 0 1"
        + " 0 2\" Origin=\"0 0 0\" Spacing=\"0.5 0.5 0.5\"><Piece Extent=\"0 3 0 1 0 2\">"
        + "<CellData><DataArray type=\"UInt8\" Name=\"material\" format=\"binary\">"
        + Base64.getEncoder().encodeToString(block.array())
        + "</DataArray></CellData></Piece></ImageData></VTKFile>\n";
    Path f = dir.resolve("old.vti");
    Files.writeString(f, xml);
    Vti.Image img = Vti.read(f);
    assertEquals(g.sites, img.lattice().grid().sites);
    assertEquals(4, img.lattice().material(4));
  }

  private static Element array(Element root, String name) {
    var arrays = root.getElementsByTagName("DataArray");
    for (int k = 0; k < arrays.getLength(); k++) {
      Element a = (Element) arrays.item(k);
      if (a.getAttribute("Name").equals(name)) {
        return a;
      }
    }
    throw new AssertionError("no DataArray " + name);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void xyzHasElementSymbolsMaterialAndKindAndRoundTrips(boolean is3d) throws Exception {
    Grid g = grid(is3d);
    Lattice l = Fixtures.random(g, 5, Fixtures.SEED + 1);
    Lattice materialsOnly = new Lattice(g);
    for (int i = 0; i < g.sites; i++) {
      materialsOnly.setMaterial(i, l.material(i));
    }
    Path f = Xyz.write(dir.resolve("a.xyz"), l, 0.35,
        Map.of(1, new Xyz.Species("Cu", "collector"), 2, new Xyz.Species("Li", "li"),
            3, new Xyz.Species("Li", "li_dead"), 4, new Xyz.Species("F", "sei")));
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    long exported = java.util.stream.IntStream.range(0, g.sites)
        .filter(i -> l.material(i) != 0).count();
    assertEquals(exported, Long.parseLong(lines.get(0)));
    assertEquals(exported + 2, lines.size());
    assertTrue(lines.get(1).contains(
        " Properties=species:S:1:pos:R:3:material:S:1:kind:I:1 "), lines.get(1));
    assertTrue(lines.get(1).contains(" units=Angstrom spacing=3.5"), lines.get(1));
    assertTrue(lines.get(1).contains(String.format(java.util.Locale.ROOT,
        "Lattice=\"%.6f 0.0 0.0 0.0 %.6f", g.nx * 3.5, g.ny * 3.5)));
    for (String line : lines.subList(2, lines.size())) {
      String[] c = line.split(" ");
      assertEquals(6, c.length, line);
      assertTrue(List.of("Cu", "Li", "F").contains(c[0]), line);
      int kind = Integer.parseInt(c[5]);
      assertEquals(List.of("", "collector", "li", "li_dead", "sei").get(kind), c[4], line);
    }
    Lattice back = Xyz.read(f, g, Map.of("collector", 1, "li", 2, "li_dead", 3, "sei", 4), 0);
    assertTrue(back.sameAs(materialsOnly));
  }

  @Test
  void xyzRefusesNamesThatAreNotOneWord() {
    assertThrows(IllegalArgumentException.class, () -> new Xyz.Species("Li Dead", "li"));
    assertThrows(IllegalArgumentException.class, () -> new Xyz.Species("Li", ""));
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
  void csvWritesCountColumnsAsIntegersAndReadsThemBack() throws Exception {
    Csv.Table t = new Csv.Table(List.of("time_s", "events", "li_metal"),
        List.of(new double[] {0.0, 0, 1049}, new double[] {0.5, 3e12, Double.NaN}),
        java.util.Set.of("events", "li_metal"));
    Path f = Csv.write(dir.resolve("t.csv"), t);
    assertEquals(List.of("time_s,events,li_metal", "0.0,0,1049", "0.5,3000000000000,"),
        Files.readAllLines(f));
    Csv.Table back = Csv.read(f);
    assertEquals(java.util.Set.of("events", "li_metal"), back.integerColumns());
    assertArrayEquals(t.column("events"), back.column("events"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Csv.write(dir.resolve("u.csv"), new Csv.Table(List.of("n"),
            List.<double[]>of(new double[] {1.5}), java.util.Set.of("n"))));
    assertTrue(e.getMessage().contains("'n'"), e.getMessage());
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

  /**
   * The mode of a written file is 0666 less the umask, as for any file the process creates:
   * checked in a child JVM started under two umasks (the test JVM's own umask is not ours to
   * change).
   */
  @ParameterizedTest
  @ValueSource(strings = {"027", "002"})
  void atomicWriteHonoursTheUmask(String umask) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
    Path target = dir.resolve("shared/out.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder("/bin/sh", "-c", "umask " + umask + " && exec \"$0\" -cp"
        + " \"$1\" org.liko.plots.AtomicWriteMain \"$2\"", java,
        System.getProperty("java.class.path"), target.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), log);
    int mask = Integer.parseInt(umask, 8);
    Set<PosixFilePermission> expected = PosixFilePermissions.fromString("rw-rw-rw-");
    expected.removeIf(perm -> (bit(perm) & mask) != 0);
    assertEquals(expected, Files.getPosixFilePermissions(target), "umask " + umask);
    assertEquals("written", Files.readString(target));
  }

  private static int bit(PosixFilePermission p) {
    return 1 << (8 - p.ordinal()); // OWNER_READ = 0400 ... OTHERS_EXECUTE = 0001
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
