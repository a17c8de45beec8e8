package org.liko.plots;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.AbstractXYDataset;
import org.jfree.data.xy.TableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.liko.engine.MaterialTable;

/**
 * The figures of one run folder, each as PNG and SVG under a fixed name:
 *
 * <table>
 * <caption>Files written by {@link #renderAll}</caption>
 * <tr><th>Base name</th><th>Source</th><th>Content</th></tr>
 * <tr><td>{@code morphology}</td><td>{@code final.vti}</td><td>2D: x-z map coloured by material
 *     (ions marked); 3D: x-z cross-section at mid y above a height map of the metal (nm)</td></tr>
 * <tr><td>{@code heights}</td><td>{@code timeseries.csv}</td><td>mean, p99, max deposit height
 *     and RMS roughness (nm) against time (s)</td></tr>
 * <tr><td>{@code inventory}</td><td>{@code timeseries.csv}</td><td>Li in metal, dead Li, SEI and
 *     ions as stacked areas against time (s)</td></tr>
 * <tr><td>{@code overpotential}</td><td>{@code timeseries.csv}</td><td>overpotential (V) against
 *     time (s)</td></tr>
 * <tr><td>{@code ce}</td><td>{@code summary.json}</td><td>Coulombic efficiency per cycle
 *     (bars); only when the run has cycles</td></tr>
 * <tr><td>{@code snapshots}</td><td>{@code series.pvd} or {@code snap_*.vti}</td><td>up to
 *     {@value #MAX_SNAPSHOTS} material maps (x-z, mid y in 3D) evenly spread over the run</td></tr>
 * </table>
 *
 * <p>A figure whose source file is missing is skipped.
 */
public final class RunFigures {
  /** Most panels in the snapshot figure. */
  public static final int MAX_SNAPSHOTS = 6;
  /** Height columns of {@code timeseries.csv} plotted by {@link #heights}, with labels. */
  static final String[][] HEIGHT_COLUMNS = {{"height_mean_nm", "mean height"},
      {"height_p99_nm", "99th percentile height"}, {"height_max_nm", "max height"},
      {"roughness_nm", "RMS roughness"}};
  /**
   * Inventory columns of {@code timeseries.csv} plotted by {@link #inventory}, with labels and
   * the material whose colour they take ({@link MaterialLegend}; "" = the ion colour).
   */
  static final String[][] INVENTORY_COLUMNS = {{"li_metal", "Li metal", "li"},
      {"li_dead", "dead Li", "li_dead"}, {"li_sei", "Li in SEI", "sei_inorganic"},
      {"li_ions", "Li+ ions", ""}};

  private RunFigures() {}

  /** The x axis of a time series chart: a column of {@code timeseries.csv} and its label. */
  public enum XAxis {
    /** Simulated time, s. */
    TIME("time_s", "Time (s)"),
    /** Deposited charge per electrode area, mAh/cm². */
    CHARGE("charge_mAh_cm2", "Deposited charge (mAh/cm²)");

    /** Column name in {@code timeseries.csv}. */
    public final String column;
    /** Axis label with unit. */
    public final String label;

    XAxis(String column, String label) {
      this.column = column;
      this.label = label;
    }
  }

  /**
   * Renders every figure whose source exists in {@code runDir}, saving PNG and SVG there.
   *
   * @param runDir the run folder
   * @param materials the run's materials (names and colours)
   * @return the figures by base name, in report order; each title starts with the run's
   *     scenario name (from {@code summary.json}) when there is one
   */
  public static Map<String, Figure> renderAll(Path runDir, MaterialTable materials)
      throws IOException {
    Map<String, Figure> out = new LinkedHashMap<>();
    Path fin = runDir.resolve("final.vti");
    if (Files.exists(fin)) {
      out.put("morphology", morphology(Vti.read(fin), materials));
    }
    List<Pvd.Entry> snaps = snapshotEntries(runDir);
    if (!snaps.isEmpty()) {
      out.put("snapshots", snapshots(runDir, snaps, materials));
    }
    Path ts = runDir.resolve("timeseries.csv");
    if (Files.exists(ts)) {
      Csv.Table t = Csv.read(ts);
      out.put("heights", heights(List.of(t), XAxis.TIME));
      out.put("inventory", inventory(t, MaterialLegend.of(materials)));
      out.put("overpotential", overpotential(t));
    }
    Path nucleiCsv = runDir.resolve("nuclei.csv");
    if (Files.exists(nucleiCsv)) {
      out.put("nuclei", nuclei(Csv.read(nucleiCsv)));
    }
    Path summary = runDir.resolve("summary.json");
    String name = "";
    if (Files.exists(summary)) {
      JsonNode s = Json.read(summary);
      name = s.path("scenario").asText("");
      JsonNode cycles = s.path("cycles");
      if (cycles.isArray() && cycles.size() > 0) {
        out.put("ce", coulombicEfficiency(cycles));
      }
      JsonNode growth = s.path("growth");
      if (growth.path("beta").isNumber()) {
        out.put("growth", growth(growth));
      }
      if (Files.exists(ts) && growth.path("seiNmPerSite").isNumber()) {
        Csv.Table t = Csv.read(ts);
        double[] sei = t.column("li_sei");
        if (Arrays.stream(sei).max().orElse(0) > 0) {
          out.put("sei", seiThickness(t, growth.path("seiNmPerSite").asDouble()));
        }
      }
    }
    for (Map.Entry<String, Figure> e : out.entrySet()) {
      if (!name.isBlank()) {
        e.getValue().chart().setTitle(name + ": " + e.getValue().title());
      }
      e.getValue().save(runDir, e.getKey());
    }
    return out;
  }

  /**
   * Roughness against deposited (compact-equivalent) thickness of the first plating step on
   * log-log axes, with the fitted power law w = exp(lnPrefactor) h^beta ({@code growth} of
   * {@code summary.json}). Data: {@code thickness_nm}, {@code roughness_nm}, {@code fit_nm}.
   */
  public static Figure growth(JsonNode growth) {
    double[] h = numbers(growth.path("thickness_nm"));
    double[] w = numbers(growth.path("roughness_nm"));
    double beta = growth.path("beta").asDouble();
    double lnA = growth.path("lnPrefactor").asDouble();
    double[] fit = new double[h.length];
    for (int k = 0; k < h.length; k++) {
      fit[k] = Math.exp(lnA) * Math.pow(h[k], beta);
    }
    String label = String.format(Locale.ROOT, "fit w ~ h^%.3f (\u00b1 %.3f)", beta,
        growth.path("betaStdErr").asDouble(Double.NaN));
    Figure f = VerifyFigures.figure("Roughness against deposited thickness",
        "Deposited thickness h (nm, compact equivalent)", "RMS roughness w (nm)", true, true,
        List.of(new VerifyFigures.Curve("roughness", h, w, false),
            new VerifyFigures.Curve(label, h, fit, true)));
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put("thickness_nm", h);
    data.put("roughness_nm", w);
    data.put("fit_nm", fit);
    return new Figure(f.chart(), f.widthPx(), f.heightPx(), data, List.of());
  }

  /**
   * Mean SEI thickness (SEI-bound Li sites of {@code timeseries.csv} times a / columns, compact
   * equivalent) against time. Data: {@code time_s}, {@code sei_thickness_nm}.
   */
  public static Figure seiThickness(Csv.Table t, double nmPerSite) {
    double[] time = t.column("time_s");
    double[] sei = t.column("li_sei").clone();
    for (int k = 0; k < sei.length; k++) {
      sei[k] *= nmPerSite;
    }
    Figure f = VerifyFigures.figure("SEI thickness against time", "Time (s)",
        "Mean SEI thickness (nm, compact equivalent)", false, false,
        List.of(new VerifyFigures.Curve("SEI", time, sei, true)));
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put("time_s", time);
    data.put("sei_thickness_nm", sei);
    return new Figure(f.chart(), f.widthPx(), f.heightPx(), data, List.of());
  }

  /**
   * Nucleus count and sizes against time ({@code nuclei.csv}): count, mean, median and 90th
   * percentile size (sites), one plain axis. Data: the csv's columns.
   */
  public static Figure nuclei(Csv.Table t) {
    double[] time = t.column("time_s");
    Figure f = VerifyFigures.figure("Nuclei against time", "Time (s)",
        "Nuclei (count) and nucleus size (sites)", false, false, List.of(
        new VerifyFigures.Curve("nuclei", time, t.column("nuclei"), true),
        new VerifyFigures.Curve("mean size", time, t.column("mean_size_sites"), true),
        new VerifyFigures.Curve("p50 size", time, t.column("p50_size_sites"), true),
        new VerifyFigures.Curve("p90 size", time, t.column("p90_size_sites"), true)));
    Map<String, double[]> data = new LinkedHashMap<>();
    for (String c : t.columns()) {
      data.put(c, t.column(c));
    }
    return new Figure(f.chart(), f.widthPx(), f.heightPx(), data, List.of());
  }

  private static double[] numbers(JsonNode array) {
    double[] v = new double[array.size()];
    for (int k = 0; k < v.length; k++) {
      v[k] = array.get(k).asDouble();
    }
    return v;
  }

  /**
   * Morphology map of a lattice. 2D: the x-z plane coloured by material. 3D: the x-z
   * cross-section at mid y above the height map of the metal deposit (nm, colour bar).
   * Data: {@code section} (material ids, carrier bit added, index z*nx+x) and, in 3D,
   * {@code height_nm} (index y*nx+x).
   */
  public static Figure morphology(Vti.Image image, MaterialTable materials) {
    Lattice lattice = image.lattice();
    Grid g = lattice.grid();
    double a = image.spacingNm();
    MaterialLegend legend = MaterialLegend.of(materials);
    int midY = g.ny / 2;
    int[] section = MaterialMaps.section(lattice, midY);
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put("section", Arrays.stream(section).asDoubleStream().toArray());
    XYPlot sectionPlot = MaterialMaps.imagePlot(
        MaterialMaps.sectionImage(section, g.nx, g.nz, legend), "x (nm)", g.nx * a, "z (nm)",
        g.nz * a);
    sectionPlot.setFixedLegendItems(legend.items());
    if (g.is2d()) {
      JFreeChart chart = Charts.chart("Morphology, " + g + " sites", sectionPlot, true);
      return new Figure(chart, 1000, 700, data, List.of());
    }
    double[] h = MaterialMaps.heightMapNm(lattice, materials, a);
    data.put("height_nm", h);
    PaintScale scale = MaterialMaps.heightScale(Arrays.stream(h).max().orElse(0));
    XYPlot heightPlot = MaterialMaps.imagePlot(MaterialMaps.heightImage(h, g.nx, g.ny, scale),
        "x (nm)", g.nx * a, "y (nm)", g.ny * a);
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis("x (nm)"));
    combined.getDomainAxis().setRange(0, g.nx * a);
    combined.setGap(12);
    combined.add(sectionPlot, 1);
    combined.add(heightPlot, 1);
    combined.setFixedLegendItems(legend.items());
    JFreeChart chart = Charts.chart("Morphology, " + g + " sites: section at y = "
        + fmt((midY + 0.5) * a) + " nm and metal height", combined, true);
    NumberAxis scaleAxis = new NumberAxis("Metal height (nm)");
    scaleAxis.setRange(scale.getLowerBound(), scale.getUpperBound());
    PaintScaleLegend bar = new PaintScaleLegend(scale, scaleAxis);
    bar.setPosition(RectangleEdge.RIGHT);
    bar.setMargin(new RectangleInsets(40, 8, 60, 8));
    bar.setStripWidth(14);
    chart.addSubtitle(bar);
    return new Figure(chart, 1000, 1000, data, List.of());
  }

  /**
   * Mean, p99 and max height and RMS roughness (nm). With several replicas (tables with the
   * same columns) the lines are the replica mean and the band spans replica min to max; replicas
   * are interpolated linearly onto the first replica's x values (exact where they coincide).
   * Data: the x column, then per height column its mean and {@code _min}/{@code _max}.
   */
  public static Figure heights(List<Csv.Table> replicas, XAxis x) {
    if (replicas.isEmpty()) {
      throw new IllegalArgumentException("heights: need at least one timeseries table");
    }
    double[] xs = replicas.get(0).column(x.column);
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put(x.column, xs);
    YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
    for (String[] col : HEIGHT_COLUMNS) {
      double[][] band = band(replicas, x.column, col[0], xs);
      data.put(col[0], band[0]);
      data.put(col[0] + "_min", band[1]);
      data.put(col[0] + "_max", band[2]);
      YIntervalSeries s = new YIntervalSeries(col[1], false, true);
      for (int k = 0; k < xs.length; k++) {
        s.add(xs[k], band[0][k], band[1][k], band[2][k]);
      }
      ds.addSeries(s);
    }
    DeviationRenderer r = new DeviationRenderer(true, false);
    r.setAlpha(0.2f);
    for (int k = 0; k < HEIGHT_COLUMNS.length; k++) {
      r.setSeriesPaint(k, Charts.SERIES[k]);
      r.setSeriesFillPaint(k, Charts.SERIES[k]);
      r.setSeriesStroke(k, Charts.line());
    }
    XYPlot plot = new XYPlot(ds, axis(x.label), axis("Height (nm)"), r);
    String title = "Deposit height and roughness"
        + (replicas.size() > 1 ? " (" + replicas.size() + " replicas, band min-max)" : "");
    return new Figure(Charts.chart(title, plot, true), 900, 600, data, List.of());
  }

  /**
   * Li inventory as stacked areas (metal, dead, SEI, ions; atoms) against time (s), each in the
   * colour of its material in {@code legend} (chart series colours when null or missing). Data:
   * {@code time_s} and the four columns as read.
   */
  public static Figure inventory(Csv.Table table, MaterialLegend legend) {
    double[] t = table.column("time_s");
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put("time_s", t);
    List<String> names = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (String[] col : INVENTORY_COLUMNS) {
      double[] y = table.column(col[0]);
      data.put(col[0], y);
      names.add(col[1]);
      ys.add(y);
    }
    StackedXYAreaRenderer2 r = new StackedXYAreaRenderer2();
    for (int k = 0; k < INVENTORY_COLUMNS.length; k++) {
      int fallback = Charts.SERIES[k].getRGB() & 0xFFFFFF;
      String material = INVENTORY_COLUMNS[k][2];
      r.setSeriesPaint(k, new java.awt.Color(legend == null ? fallback
          : material.isEmpty() ? legend.ionRgb() : legend.rgb(material, fallback)));
    }
    XYPlot plot = new XYPlot(new ArrayTableXYDataset(t, names, ys), axis("Time (s)"),
        axis("Li inventory (atoms)"), r);
    plot.setForegroundAlpha(0.85f);
    return new Figure(Charts.chart("Li inventory", plot, true), 900, 600, data, List.of());
  }

  /** Overpotential (V) against time (s). Data: {@code time_s}, {@code overpotential_V}. */
  public static Figure overpotential(Csv.Table table) {
    double[] t = table.column("time_s");
    double[] v = table.column("overpotential_V");
    XYSeries s = new XYSeries("overpotential", false, true);
    for (int k = 0; k < t.length; k++) {
      s.add(t[k], v[k]);
    }
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setSeriesPaint(0, Charts.SERIES[0]);
    r.setSeriesStroke(0, Charts.line());
    XYPlot plot = new XYPlot(new XYSeriesCollection(s), axis("Time (s)"),
        axis("Overpotential (V)"), r);
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put("time_s", t);
    data.put("overpotential_V", v);
    return new Figure(Charts.chart("Overpotential", plot, false), 900, 600, data, List.of());
  }

  /**
   * Coulombic efficiency per cycle (bars) from the {@code cycles} array of {@code summary.json}.
   * Data: {@code cycle}, {@code coulombicEfficiency}; labels: the cycle numbers.
   */
  public static Figure coulombicEfficiency(JsonNode cycles) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    double[] cycle = new double[cycles.size()];
    double[] ce = new double[cycles.size()];
    List<String> labels = new ArrayList<>();
    for (int k = 0; k < cycle.length; k++) {
      JsonNode c = cycles.get(k);
      cycle[k] = c.path("cycle").asDouble(k + 1);
      ce[k] = c.path("coulombicEfficiency").asDouble(Double.NaN);
      String label = c.has("cycle") ? c.get("cycle").asText() : Integer.toString(k + 1);
      labels.add(label);
      ds.addValue(ce[k], "Coulombic efficiency", label);
    }
    BarRenderer r = new BarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setSeriesPaint(0, Charts.SERIES[0]);
    r.setMaximumBarWidth(0.08);
    NumberAxis y = axis("Coulombic efficiency (stripped / plated charge)");
    y.setAutoRangeIncludesZero(true);
    CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis("Cycle"), y, r);
    plot.setRangeGridlinePaint(Charts.GRID);
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put("cycle", cycle);
    data.put("coulombicEfficiency", ce);
    return new Figure(Charts.chart("Coulombic efficiency per cycle", plot, false), 900, 600,
        data, labels);
  }

  /**
   * Snapshot maps: up to {@link #MAX_SNAPSHOTS} entries, evenly spread from first to last, side
   * by side with a shared z axis (x-z section at mid y in 3D). Data: {@code time_s} of the
   * panels; labels: their file names.
   */
  public static Figure snapshots(Path runDir, List<Pvd.Entry> entries, MaterialTable materials)
      throws IOException {
    List<Pvd.Entry> chosen = spread(entries, MAX_SNAPSHOTS);
    MaterialLegend legend = MaterialLegend.of(materials);
    NumberAxis z = null;
    CombinedRangeXYPlot combined = null;
    double[] times = new double[chosen.size()];
    List<String> labels = new ArrayList<>();
    for (int k = 0; k < chosen.size(); k++) {
      Pvd.Entry e = chosen.get(k);
      Vti.Image img = Vti.read(runDir.resolve(e.file()));
      Grid g = img.lattice().grid();
      double a = img.spacingNm();
      if (combined == null) {
        z = axis("z (nm)");
        z.setRange(0, g.nz * a);
        combined = new CombinedRangeXYPlot(z);
        combined.setGap(8);
      }
      int[] section = MaterialMaps.section(img.lattice(), g.ny / 2);
      XYPlot p = MaterialMaps.imagePlot(MaterialMaps.sectionImage(section, g.nx, g.nz, legend),
          "x (nm), t = " + fmt(e.time_s()) + " s", g.nx * a, "z (nm)", g.nz * a);
      combined.add(p, 1);
      times[k] = e.time_s();
      labels.add(e.file());
    }
    if (combined == null) {
      throw new IllegalArgumentException("snapshots: no entries");
    }
    combined.setFixedLegendItems(legend.items());
    JFreeChart chart = Charts.chart("Morphology over time", combined, true);
    return new Figure(chart, 1500, 600, Map.of("time_s", times), labels);
  }

  /**
   * Snapshots of a run folder: the entries of {@code series.pvd} when present, else
   * {@code snap_*.vti} in name order with their index as time.
   */
  public static List<Pvd.Entry> snapshotEntries(Path runDir) throws IOException {
    Path pvd = runDir.resolve("series.pvd");
    if (Files.exists(pvd)) {
      return Pvd.read(pvd);
    }
    List<Pvd.Entry> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(runDir)) {
      List<String> names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("snap_") && n.endsWith(".vti")).sorted().toList();
      for (int k = 0; k < names.size(); k++) {
        out.add(new Pvd.Entry(k, names.get(k)));
      }
    }
    return out;
  }

  /** At most {@code n} entries, evenly spread, first and last included. */
  static <T> List<T> spread(List<T> all, int n) {
    if (all.size() <= n) {
      return List.copyOf(all);
    }
    List<T> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add(all.get((int) Math.round(k * (all.size() - 1) / (double) (n - 1))));
    }
    return out;
  }

  /** Mean, min, max over replicas of {@code column} at {@code xs}. */
  private static double[][] band(List<Csv.Table> replicas, String xColumn, String column,
      double[] xs) {
    double[][] b = new double[3][xs.length];
    Arrays.fill(b[1], Double.POSITIVE_INFINITY);
    Arrays.fill(b[2], Double.NEGATIVE_INFINITY);
    for (Csv.Table t : replicas) {
      double[] rx = t.column(xColumn);
      double[] ry = t.column(column);
      boolean same = Arrays.equals(rx, xs);
      for (int k = 0; k < xs.length; k++) {
        double v = same ? ry[k] : Charts.interpolate(rx, ry, xs[k]);
        b[0][k] += v;
        b[1][k] = Math.min(b[1][k], v);
        b[2][k] = Math.max(b[2][k], v);
      }
    }
    for (int k = 0; k < xs.length; k++) {
      b[0][k] = replicas.size() == 1 ? b[1][k] : b[0][k] / replicas.size();
    }
    return b;
  }

  private static NumberAxis axis(String label) {
    NumberAxis a = new NumberAxis(label);
    a.setAutoRangeIncludesZero(false);
    return a;
  }

  /** Short number for titles and labels. */
  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** Columns of arrays as a table dataset (duplicate x allowed, unlike DefaultTableXYDataset). */
  private static final class ArrayTableXYDataset extends AbstractXYDataset
      implements TableXYDataset {
    private static final long serialVersionUID = 1L;
    private final double[] x;
    private final List<String> names;
    private final List<double[]> ys;

    ArrayTableXYDataset(double[] x, List<String> names, List<double[]> ys) {
      this.x = x;
      this.names = names;
      this.ys = ys;
    }

    @Override
    public int getItemCount() {
      return x.length;
    }

    @Override
    public int getItemCount(int series) {
      return x.length;
    }

    @Override
    public int getSeriesCount() {
      return names.size();
    }

    @Override
    public Comparable<String> getSeriesKey(int series) {
      return names.get(series);
    }

    @Override
    public Number getX(int series, int item) {
      return x[item];
    }

    @Override
    public Number getY(int series, int item) {
      return ys.get(series)[item];
    }
  }
}
