package org.liko.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Strategy comparison figures from a {@code liko compare} folder: one horizontal bar chart per
 * statistic of {@code comparison.csv} (replica mean per strategy, named, its 95% confidence
 * interval as error bars clipped to the statistic's range, the baseline bar in its own colour
 * and a dashed line at the baseline mean), the heights of each strategy against time, and the
 * morphology gallery.
 *
 * <table>
 * <caption>Files written by {@link #renderAll}</caption>
 * <tr><th>Base name</th><th>Content</th></tr>
 * <tr><td>{@code gallery}</td><td>{@link MorphologyGallery}: replica 0 of every strategy at the
 * end of the first plating step and at the end of the run (from {@code runs/<id>/r0/}), same
 * scale and colours</td></tr>
 * <tr><td>{@code comparison_<stat>}</td><td>bar chart of statistic {@code <stat>} (see
 * {@link #STATISTICS})</td></tr>
 * <tr><td>{@code heights_<strategy>}</td><td>mean, p99 and max height against time with the
 * min-max band over the strategy's replicas (from {@code runs/<strategy>/r<k>/}); the title
 * names the strategy</td></tr>
 * </table>
 *
 * <p>A statistic with no finite mean in any row (e.g. no run shorted) is skipped. Text columns
 * that a reader lacks (an older or newer {@code comparison.csv}) read as empty.
 */
public final class ComparisonFigures {
  /**
   * A statistic of the comparison.
   *
   * @param label axis label with unit
   * @param min lowest possible value (CIs are clipped to it when drawn)
   * @param max highest possible value
   */
  public record Statistic(String label, double min, double max) {
    /** {@code v} clipped to [min, max]; NaN stays NaN. */
    public double clip(double v) {
      return Double.isNaN(v) ? v : Math.max(min, Math.min(max, v));
    }
  }

  /** Statistic column stems of {@code comparison.csv}, in column order, with label and range. */
  public static final Map<String, Statistic> STATISTICS = statistics();
  /**
   * Regime numbers of {@code comparison.csv}, one column each after the strategy's text
   * columns: keys of a run summary's {@code dimensionless} (at the first plating step's
   * current); the last four only in transport.mode field (docs/outputs.md).
   */
  public static final List<String> REGIME = List.of("Ds_over_Fa4", "damkohler",
      "tafelSlope_mV", "seiDecaySites", "jOverJlim", "tOverSandTime", "wagner",
      "limitingCurrent_mA_cm2");
  /** Strategy id of the baseline row. */
  public static final String BASELINE = "baseline";
  /** Base name of the gallery figure. */
  public static final String GALLERY = "gallery";
  private static final Color BASELINE_COLOUR = new Color(0x7F7F7F);
  private static final int NAME_CHARS = 46;

  private ComparisonFigures() {}

  private static Map<String, Statistic> statistics() {
    double inf = Double.POSITIVE_INFINITY;
    Map<String, Statistic> m = new LinkedHashMap<>();
    m.put("p99Height_nm", new Statistic("99th percentile height above collector / host top (nm)",
        0, inf));
    m.put("maxHeight_nm", new Statistic("Max height above collector / host top (nm)", 0, inf));
    m.put("roughness_nm", new Statistic("RMS roughness (nm)", 0, inf));
    m.put("deadFraction", new Statistic("Dead Li fraction (of plated Li)", 0, 1));
    m.put("seiLi", new Statistic("Li in SEI (fraction of plated Li)", 0, 1));
    m.put("coulombicEfficiency", new Statistic(
        "Coulombic efficiency, last cycle (stripped / plated)", 0, inf));
    m.put("coulombicEfficiencyMean", new Statistic("Coulombic efficiency, mean over cycles", 0,
        inf));
    m.put("porosity", new Statistic("Porosity of the deposit (volume fraction)", 0, 1));
    m.put("shortCircuitTime_s", new Statistic("Time to short circuit (s)", 0, inf));
    return Collections.unmodifiableMap(m);
  }

  /**
   * Renders every figure whose source exists in {@code dir}, saving PNG and SVG there.
   *
   * @return the figures by base name: the gallery, the bar charts, the height figures
   */
  public static Map<String, Figure> renderAll(Path dir) throws IOException {
    Csv.Text table = Csv.readText(dir.resolve("comparison.csv"));
    Map<String, Figure> out = new LinkedHashMap<>();
    Optional<Figure> gallery = gallery(dir, table);
    if (gallery.isPresent()) {
      gallery.get().save(dir, GALLERY);
      out.put(GALLERY, gallery.get());
    }
    for (String stat : STATISTICS.keySet()) {
      boolean any = table.rows().stream()
          .anyMatch(r -> Double.isFinite(table.number(r, stat + "_mean")));
      if (any) {
        Figure f = statistic(table, stat);
        f.save(dir, "comparison_" + stat);
        out.put("comparison_" + stat, f);
      }
    }
    for (String[] row : table.rows()) {
      String id = table.get(row, "strategy");
      List<Csv.Table> replicas = new ArrayList<>();
      for (Path r : replicaDirs(dir, id)) {
        Path ts = r.resolve("timeseries.csv");
        if (Files.exists(ts)) {
          replicas.add(Csv.read(ts));
        }
      }
      if (replicas.size() >= 2) {
        Figure f = RunFigures.heights(replicas, RunFigures.XAxis.TIME);
        f.chart().setTitle(name(table, row) + ": " + f.title());
        f.save(dir, "heights_" + id);
        out.put("heights_" + id, f);
      }
    }
    return out;
  }

  /** {@code runs/<id>/r*} folders of a comparison, in name order (empty when none). */
  static List<Path> replicaDirs(Path dir, String id) throws IOException {
    Path runs = dir.resolve("runs").resolve(id);
    if (id.isEmpty() || !Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> rs = Files.list(runs)) {
      return rs.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** The strategy's display name, or its id when the name is missing. */
  static String name(Csv.Text table, String[] row) {
    String n = table.get(row, "name");
    return n.isBlank() ? table.get(row, "strategy") : n;
  }

  /**
   * The morphology gallery: for each strategy with a run folder, its first replica at the end
   * of the first plating step ({@code plated_1.vti}, when written) and at the end of the run
   * ({@code final.vti}); empty when no strategy has a {@code final.vti}.
   */
  public static Optional<Figure> gallery(Path dir, Csv.Text table) throws IOException {
    List<MorphologyGallery.Cell> cells = new ArrayList<>();
    for (String[] row : table.rows()) {
      String id = table.get(row, "strategy");
      List<Path> reps = replicaDirs(dir, id);
      if (reps.isEmpty() || !Files.exists(reps.get(0).resolve("final.vti"))) {
        continue;
      }
      Path r0 = reps.get(0);
      List<MorphologyGallery.Panel> panels = new ArrayList<>();
      if (Files.exists(r0.resolve("plated_1.vti"))) {
        panels.add(new MorphologyGallery.Panel("end of plating 1",
            Vti.read(r0.resolve("plated_1.vti"))));
      }
      panels.add(new MorphologyGallery.Panel("end of run", Vti.read(r0.resolve("final.vti"))));
      cells.add(new MorphologyGallery.Cell(id, name(table, row), panels));
    }
    if (cells.isEmpty()) {
      return Optional.empty();
    }
    int columns = Math.min(cells.size(), 4);
    return Optional.of(MorphologyGallery.figure("Morphology of every strategy (replica 0): end"
        + " of the first plating step and end of the run", cells, 1200, columns));
  }

  /**
   * Horizontal bar chart of one statistic, strategies top to bottom in file order, named by
   * their display names. Data: {@code <stat>_mean}, {@code _ciLow} and {@code _ciHigh} as drawn
   * (clipped to the statistic's range), {@code _ratio} and {@code is_baseline} (1 or 0) per row
   * in file order; labels: strategy ids.
   */
  public static Figure statistic(Csv.Text table, String stat) {
    Statistic st = STATISTICS.getOrDefault(stat, new Statistic(stat,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    int n = table.rows().size();
    double[] mean = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    double[] ratio = new double[n];
    double[] isBase = new double[n];
    List<String> labels = new ArrayList<>();
    String[] names = new String[n];
    XYSeries bars = new XYSeries("strategy mean", false, true);
    XYSeries base = new XYSeries("baseline mean", false, true);
    YIntervalSeries ci = new YIntervalSeries("95% CI (clipped to the possible range)", false,
        true);
    double baselineMean = Double.NaN;
    for (int k = 0; k < n; k++) {
      String[] r = table.rows().get(k);
      String id = table.get(r, "strategy");
      labels.add(id);
      names[k] = shorten(name(table, r));
      mean[k] = table.number(r, stat + "_mean");
      lo[k] = st.clip(table.number(r, stat + "_ciLow"));
      hi[k] = st.clip(table.number(r, stat + "_ciHigh"));
      ratio[k] = table.number(r, stat + "_ratio");
      isBase[k] = BASELINE.equals(id) ? 1 : 0;
      if (Double.isFinite(mean[k])) {
        (isBase[k] == 1 ? base : bars).add(k, mean[k]);
        if (isBase[k] == 1) {
          baselineMean = mean[k];
        }
        if (Double.isFinite(lo[k]) && Double.isFinite(hi[k])) {
          ci.add(k, mean[k], lo[k], hi[k]);
        }
      }
    }
    XYSeriesCollection barData = new XYSeriesCollection();
    barData.addSeries(bars);
    barData.addSeries(base);
    barData.setIntervalWidth(0.6);
    XYBarRenderer barRenderer = new XYBarRenderer();
    barRenderer.setBarPainter(new StandardXYBarPainter());
    barRenderer.setShadowVisible(false);
    barRenderer.setSeriesPaint(0, Charts.SERIES[0]);
    barRenderer.setSeriesPaint(1, BASELINE_COLOUR);
    YIntervalSeriesCollection ciData = new YIntervalSeriesCollection();
    ciData.addSeries(ci);
    XYErrorRenderer errRenderer = new XYErrorRenderer();
    errRenderer.setDrawXError(false);
    errRenderer.setDefaultLinesVisible(false);
    errRenderer.setDefaultShapesVisible(true);
    errRenderer.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
    errRenderer.setErrorPaint(Color.BLACK);
    errRenderer.setErrorStroke(new BasicStroke(1.5f));
    errRenderer.setCapLength(8);
    errRenderer.setSeriesPaint(0, Color.BLACK);

    SymbolAxis x = new SymbolAxis(null, names);
    x.setRange(-0.5, n - 0.5);
    x.setInverted(true); // file order top to bottom: the baseline first
    x.setGridBandsVisible(false);
    x.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    NumberAxis y = new NumberAxis(st.label());
    y.setAutoRangeIncludesZero(st.min() >= 0);
    XYPlot plot = new XYPlot(barData, x, y, barRenderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setDataset(1, ciData);
    plot.setRenderer(1, errRenderer);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    if (Double.isFinite(baselineMean)) {
      ValueMarker m = new ValueMarker(baselineMean, BASELINE_COLOUR, new BasicStroke(1.5f,
          BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      m.setLabel("baseline");
      m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
      m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
      plot.addRangeMarker(m);
    }
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put(stat + "_mean", mean);
    data.put(stat + "_ciLow", lo);
    data.put(stat + "_ciHigh", hi);
    data.put(stat + "_ratio", ratio);
    data.put("is_baseline", isBase);
    String title = st.label() + ": mean and 95% CI per strategy";
    return new Figure(Charts.chart(title, plot, true), 1000, 130 + 30 * n, data, labels);
  }

  private static String shorten(String s) {
    return s.length() <= NAME_CHARS ? s : s.substring(0, NAME_CHARS - 1).strip() + "\u2026";
  }
}
