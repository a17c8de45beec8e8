package org.liko.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.liko.engine.MaterialTable;

class FiguresTest {
  @TempDir
  Path dir;

  /** Saves the figure and checks the PNG size and content and that the SVG is XML. */
  private void assertRenders(Figure f, String name) throws Exception {
    Figure.Saved s = f.save(dir, name);
    BufferedImage img = ImageIO.read(s.png().toFile());
    assertEquals(f.widthPx(), img.getWidth(), name);
    assertEquals(f.heightPx(), img.getHeight(), name);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 7) {
      for (int x = 0; x < img.getWidth(); x += 7) {
        colours.add(img.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 3, name + ": PNG looks blank");
    assertEquals("svg", Xml.parse(s.svg()).getDocumentElement().getNodeName(), name);
  }

  @Test
  void morphology2dShowsEverySiteAndListsMaterials() throws Exception {
    Grid g = new Grid(64, 1, 40);
    Lattice l = Fixtures.deposit(g, Fixtures.SEED, 0.6);
    MaterialTable mt = Fixtures.materials();
    Figure f = RunFigures.morphology(new Vti.Image(l, Fixtures.SPACING_NM), mt);
    assertRenders(f, "morphology");
    double[] section = f.data().get("section");
    for (int i = 0; i < g.sites; i++) {
      assertEquals(l.cells()[i] & (Lattice.MATERIAL_MASK | Lattice.CARRIER_BIT), section[i]);
    }
    var legend = f.chart().getXYPlot().getFixedLegendItems();
    assertEquals(mt.size() + 1, legend.getItemCount());
    assertEquals("li_dead", legend.get(Fixtures.DEAD).getLabel());
    assertTrue(!legend.get(Fixtures.DEAD).getFillPaint()
        .equals(legend.get(Fixtures.METAL).getFillPaint()), "dead Li has its own colour");
  }

  @Test
  void morphology3dHasHeightMapOfMetal() throws Exception {
    Grid g = new Grid(24, 16, 20);
    Lattice l = Fixtures.deposit(g, Fixtures.SEED, 0.7);
    Figure f = RunFigures.morphology(new Vti.Image(l, 0.5), Fixtures.materials());
    assertRenders(f, "morphology3d");
    double[] h = f.data().get("height_nm");
    assertEquals(g.plane, h.length);
    for (int col = 0; col < g.plane; col++) {
      int top = -1;
      for (int z = 0; z < g.nz; z++) {
        int m = l.material(z * g.plane + col);
        if (m == Fixtures.METAL || m == Fixtures.DEAD) {
          top = z;
        }
      }
      assertEquals((top + 1) * 0.5, h[col], 1e-12);
    }
    assertEquals(g.nx * g.nz, f.data().get("section").length);
  }

  @Test
  void heightsPlotTheCsvColumns() throws Exception {
    Csv.Table t = Csv.read(Csv.write(dir.resolve("timeseries.csv"), Fixtures.timeseries(1)));
    for (RunFigures.XAxis x : RunFigures.XAxis.values()) {
      Figure f = RunFigures.heights(List.of(t), x);
      assertRenders(f, "heights_" + x);
      assertArrayEquals(t.column(x.column), f.data().get(x.column));
      for (String[] c : RunFigures.HEIGHT_COLUMNS) {
        assertArrayEquals(t.column(c[0]), f.data().get(c[0]));
        assertArrayEquals(t.column(c[0]), f.data().get(c[0] + "_min"));
      }
    }
  }

  @Test
  void heightsOverReplicasGiveMeanAndMinMaxBand() throws Exception {
    List<Csv.Table> reps = List.of(Fixtures.timeseries(1), Fixtures.timeseries(2),
        Fixtures.timeseries(3));
    Figure f = RunFigures.heights(reps, RunFigures.XAxis.TIME);
    assertRenders(f, "heights_replicas");
    for (String[] c : RunFigures.HEIGHT_COLUMNS) {
      double[] a = reps.get(0).column(c[0]);
      double[] b = reps.get(1).column(c[0]);
      double[] d = reps.get(2).column(c[0]);
      for (int k = 0; k < a.length; k++) {
        assertEquals((a[k] + b[k] + d[k]) / 3, f.data().get(c[0])[k], 1e-12);
        assertEquals(Math.min(a[k], Math.min(b[k], d[k])), f.data().get(c[0] + "_min")[k]);
        assertEquals(Math.max(a[k], Math.max(b[k], d[k])), f.data().get(c[0] + "_max")[k]);
      }
    }
  }

  @Test
  void inventoryAndOverpotentialPlotTheCsvColumns() throws Exception {
    Csv.Table t = Csv.read(Csv.write(dir.resolve("timeseries.csv"), Fixtures.timeseries(4)));
    Figure inv = RunFigures.inventory(t, MaterialLegend.of(Fixtures.materials()));
    assertRenders(inv, "inventory");
    for (String c : List.of("time_s", "li_metal", "li_dead", "li_sei", "li_ions")) {
      assertArrayEquals(t.column(c), inv.data().get(c), c);
    }
    Figure op = RunFigures.overpotential(t);
    assertRenders(op, "overpotential");
    assertArrayEquals(t.column("time_s"), op.data().get("time_s"));
    assertArrayEquals(t.column("overpotential_V"), op.data().get("overpotential_V"));
  }

  @Test
  void coulombicEfficiencyPlotsTheSummaryCycles() throws Exception {
    Fixtures.runFolder(dir, new Grid(16, 1, 12));
    JsonNode cycles = Json.read(dir.resolve("summary.json")).get("cycles");
    Figure f = RunFigures.coulombicEfficiency(cycles);
    assertRenders(f, "ce");
    for (int k = 0; k < cycles.size(); k++) {
      assertEquals(cycles.get(k).get("coulombicEfficiency").asDouble(),
          f.data().get("coulombicEfficiency")[k]);
      assertEquals(cycles.get(k).get("cycle").asDouble(), f.data().get("cycle")[k]);
    }
  }

  @Test
  void snapshotsSpreadOverTheSeries() throws Exception {
    Fixtures.runFolder(dir, new Grid(12, 6, 10));
    List<Pvd.Entry> all = RunFigures.snapshotEntries(dir);
    Figure f = RunFigures.snapshots(dir, all, Fixtures.materials());
    assertRenders(f, "snapshots");
    double[] t = f.data().get("time_s");
    assertEquals(RunFigures.MAX_SNAPSHOTS, t.length);
    assertEquals(all.get(0).time_s(), t[0]);
    assertEquals(all.get(all.size() - 1).time_s(), t[t.length - 1]);
  }

  @Test
  void comparisonBarsEqualTheCsvWithCisClippedToTheRange() throws Exception {
    Csv.Text table = Fixtures.comparisonFolder(dir);
    Map<String, Figure> figs = ComparisonFigures.renderAll(dir);
    int bars = 0;
    for (Map.Entry<String, Figure> e : figs.entrySet()) {
      if (!e.getKey().startsWith("comparison_")) {
        continue;
      }
      bars++;
      String stat = e.getKey().substring("comparison_".length());
      ComparisonFigures.Statistic st = ComparisonFigures.STATISTICS.get(stat);
      Figure f = e.getValue();
      assertRenders(f, e.getKey());
      for (String suffix : List.of("_mean", "_ciLow", "_ciHigh", "_ratio")) {
        double[] expected = table.rows().stream().mapToDouble(r -> table.number(r, stat + suffix))
            .map(v -> suffix.startsWith("_ci") ? st.clip(v) : v).toArray();
        assertArrayEquals(expected, f.data().get(stat + suffix), stat + suffix);
      }
      for (double lo : f.data().get(stat + "_ciLow")) {
        assertTrue(lo >= st.min(), stat + ": CI drawn below " + st.min() + ": " + lo);
      }
      assertEquals(List.of(Fixtures.IDS), f.labels());
      assertEquals(1, f.data().get("is_baseline")[0]);
      var axis = (org.jfree.chart.axis.SymbolAxis) f.chart().getXYPlot().getDomainAxis();
      assertEquals(List.of(Fixtures.NAMES), List.of(axis.getSymbols()), "bars named");
      assertTrue(Files.exists(dir.resolve(e.getKey() + ".svg")));
    }
    assertEquals(ComparisonFigures.STATISTICS.size() - 1, bars, "no short circuits");
    assertEquals(0.0, figs.get("comparison_roughness_nm").data().get("roughness_nm_ciLow")[2],
        "-4.7 nm clipped to 0");
  }

  @Test
  void heightsOfEachStrategyNameTheStrategy() throws Exception {
    Fixtures.comparisonFolder(dir);
    Map<String, Figure> figs = ComparisonFigures.renderAll(dir);
    for (int k = 0; k < Fixtures.IDS.length; k++) {
      Figure f = figs.get("heights_" + Fixtures.IDS[k]);
      assertRenders(f, "heights_" + Fixtures.IDS[k]);
      assertTrue(f.title().startsWith(Fixtures.NAMES[k] + ": "), f.title());
    }
  }

  @Test
  void galleryShowsReplicaZeroOfEveryStrategyAtOneScale() throws Exception {
    Fixtures.comparisonFolder(dir);
    Figure f = ComparisonFigures.renderAll(dir).get(ComparisonFigures.GALLERY);
    assertRenders(f, "gallery");
    assertEquals(List.of(Fixtures.IDS), f.labels());
    assertEquals(1, f.data().get("px_per_nm").length);
    assertTrue(f.data().get("px_per_nm")[0] > 1, "maps drawn larger than 1 px per nm");
    for (String id : Fixtures.IDS) {
      Path r0 = dir.resolve("runs").resolve(id).resolve("r0");
      Lattice plated = Vti.read(r0.resolve("plated_1.vti")).lattice();
      Lattice fin = Vti.read(r0.resolve("final.vti")).lattice();
      assertArrayEquals(sectionOf(plated), f.data().get(id + "/0"), id + " plated");
      assertArrayEquals(sectionOf(fin), f.data().get(id + "/1"), id + " final");
    }
    var legend = f.chart().getPlot().getLegendItems();
    assertEquals(Fixtures.materials().size() + 1, legend.getItemCount());
    MaterialLegend colours = MaterialLegend.of(Fixtures.materials());
    for (int id = 0; id < colours.size(); id++) {
      assertEquals(new java.awt.Color(colours.rgb(id)), legend.get(id).getFillPaint(),
          "gallery colour of " + colours.name(id) + " is the run figures' colour");
    }
  }

  @Test
  void deadLiHasOneColourInEveryFigure() throws Exception {
    MaterialTable mt = Fixtures.materials();
    MaterialLegend legend = MaterialLegend.of(mt);
    java.awt.Color dead = new java.awt.Color(legend.rgb(Fixtures.DEAD));
    Figure morph = RunFigures.morphology(new Vti.Image(Fixtures.deposit(new Grid(16, 1, 12),
        1, 0.5), 0.3), mt);
    assertEquals(dead, morph.chart().getXYPlot().getFixedLegendItems().get(Fixtures.DEAD)
        .getFillPaint());
    Figure inv = RunFigures.inventory(Fixtures.timeseries(1), legend);
    assertEquals(dead, inv.chart().getXYPlot().getRenderer().getSeriesPaint(1), "dead Li");
    assertEquals(new java.awt.Color(legend.rgb(Fixtures.METAL)),
        inv.chart().getXYPlot().getRenderer().getSeriesPaint(0), "Li metal");
    assertEquals(new java.awt.Color(legend.ionRgb()),
        inv.chart().getXYPlot().getRenderer().getSeriesPaint(3), "ions");
  }

  private static double[] sectionOf(Lattice l) {
    return java.util.Arrays.stream(MaterialMaps.section(l, l.grid().ny / 2)).asDoubleStream()
        .toArray();
  }
}
