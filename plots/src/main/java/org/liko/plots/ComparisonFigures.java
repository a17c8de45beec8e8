package org.liko.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
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
 * Strategy comparison charts from {@code comparison.csv}: one bar chart per statistic with the
 * replica mean per strategy, its 95% confidence interval as error bars, the baseline bar in its
 * own colour and a dashed line at the baseline mean.
 *
 * <table>
 * <caption>Files written by {@link #renderAll}</caption>
 * <tr><td>{@code heights_<strategy>}</td><td>mean, p99 and max height against time with the
 * min-max band over the strategy's replicas (from {@code runs/<strategy>/r<k>/})</td></tr>
 * <tr><th>Base name</th><th>Statistic</th></tr>
 * <tr><td>{@code comparison_p99Height_nm}</td><td>99th percentile deposit height above the
 * collector, or above the host top for host geometries, nm</td></tr>
 * <tr><td>{@code comparison_maxHeight_nm}</td><td>maximum deposit height (the same
 * reference), nm</td></tr>
 * <tr><td>{@code comparison_roughness_nm}</td><td>RMS roughness, nm</td></tr>
 * <tr><td>{@code comparison_deadFraction}</td><td>dead Li, fraction of all Li that entered</td></tr>
 * <tr><td>{@code comparison_seiLi}</td><td>Li bound in SEI, fraction of all Li that entered</td></tr>
 * <tr><td>{@code comparison_coulombicEfficiency}</td><td>Coulombic efficiency of the last
 * cycle</td></tr>
 * <tr><td>{@code comparison_coulombicEfficiencyMean}</td><td>Coulombic efficiency, mean over
 * the cycles</td></tr>
 * <tr><td>{@code comparison_porosity}</td><td>deposit porosity</td></tr>
 * <tr><td>{@code comparison_shortCircuitTime_s}</td><td>time to short circuit, s</td></tr>
 * </table>
 *
 * <p>A statistic with no finite mean in any row (e.g. no run shorted) is skipped.
 */
public final class ComparisonFigures {
  /** Statistic column stems of {@code comparison.csv} and their axis labels. */
  public static final Map<String, String> STATISTICS = statistics();
  /** Strategy id of the baseline row. */
  public static final String BASELINE = "baseline";
  private static final Color BASELINE_COLOUR = new Color(0x7F7F7F);

  private ComparisonFigures() {}

  private static Map<String, String> statistics() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("p99Height_nm", "99th percentile height above collector / host top (nm)");
    m.put("maxHeight_nm", "Max height above collector / host top (nm)");
    m.put("roughness_nm", "RMS roughness (nm)");
    m.put("deadFraction", "Dead Li fraction (of plated Li)");
    m.put("seiLi", "Li in SEI (fraction of plated Li)");
    m.put("coulombicEfficiency", "Coulombic efficiency, last cycle (stripped / plated)");
    m.put("coulombicEfficiencyMean", "Coulombic efficiency, mean over cycles");
    m.put("porosity", "Porosity of the deposit (volume fraction)");
    m.put("shortCircuitTime_s", "Time to short circuit (s)");
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Renders one chart per statistic present in {@code dir/comparison.csv}, saving
   * {@code comparison_<stat>.png/.svg} in {@code dir}.
   *
   * @return the figures by base name
   */
  public static Map<String, Figure> renderAll(Path dir) throws IOException {
    Csv.Text table = Csv.readText(dir.resolve("comparison.csv"));
    Map<String, Figure> out = new LinkedHashMap<>();
    for (String stat : STATISTICS.keySet()) {
      boolean any = table.rows().stream()
          .anyMatch(r -> Double.isFinite(table.number(r, stat + "_mean")));
      if (any) {
        Figure f = statistic(table, stat);
        f.save(dir, "comparison_" + stat);
        out.put("comparison_" + stat, f);
      }
    }
    // heights against time with the band over replicas, per strategy, from the run folders
    // runs/<strategy>/r<k>/timeseries.csv that `liko compare` writes
    int id = table.columns().indexOf("strategy");
    for (String[] row : table.rows()) {
      Path runs = dir.resolve("runs").resolve(row[id]);
      if (!java.nio.file.Files.isDirectory(runs)) {
        continue;
      }
      List<Csv.Table> replicas = new java.util.ArrayList<>();
      try (java.util.stream.Stream<Path> rs = java.nio.file.Files.list(runs)) {
        for (Path r : rs.sorted().toList()) {
          Path ts = r.resolve("timeseries.csv");
          if (java.nio.file.Files.exists(ts)) {
            replicas.add(Csv.read(ts));
          }
        }
      }
      if (replicas.size() >= 2) {
        Figure f = RunFigures.heights(replicas, RunFigures.XAxis.TIME);
        f.save(dir, "heights_" + row[id]);
        out.put("heights_" + row[id], f);
      }
    }
    return out;
  }

  /**
   * Bar chart of one statistic. Data: {@code <stat>_mean}, {@code _ciLow}, {@code _ciHigh},
   * {@code _ratio} and {@code is_baseline} (1 or 0) per row in file order; labels: strategy ids.
   */
  public static Figure statistic(Csv.Text table, String stat) {
    int n = table.rows().size();
    double[] mean = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    double[] ratio = new double[n];
    double[] isBase = new double[n];
    List<String> labels = new ArrayList<>();
    XYSeries bars = new XYSeries("strategy mean", false, true);
    XYSeries base = new XYSeries("baseline mean", false, true);
    YIntervalSeries ci = new YIntervalSeries("95% CI", false, true);
    double baselineMean = Double.NaN;
    for (int k = 0; k < n; k++) {
      String[] r = table.rows().get(k);
      String id = table.get(r, "strategy");
      labels.add(id);
      mean[k] = table.number(r, stat + "_mean");
      lo[k] = table.number(r, stat + "_ciLow");
      hi[k] = table.number(r, stat + "_ciHigh");
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
    errRenderer.setCapLength(10);
    errRenderer.setSeriesPaint(0, Color.BLACK);

    SymbolAxis x = new SymbolAxis("Strategy", labels.toArray(new String[0]));
    x.setRange(-0.5, n - 0.5);
    x.setGridBandsVisible(false);
    x.setVerticalTickLabels(n > 6);
    NumberAxis y = new NumberAxis(STATISTICS.getOrDefault(stat, stat));
    y.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(barData, x, y, barRenderer);
    plot.setDataset(1, ciData);
    plot.setRenderer(1, errRenderer);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    if (Double.isFinite(baselineMean)) {
      ValueMarker m = new ValueMarker(baselineMean, BASELINE_COLOUR, new BasicStroke(1.5f,
          BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      m.setLabel("baseline");
      m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
      plot.addRangeMarker(m);
    }
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put(stat + "_mean", mean);
    data.put(stat + "_ciLow", lo);
    data.put(stat + "_ciHigh", hi);
    data.put(stat + "_ratio", ratio);
    data.put("is_baseline", isBase);
    String title = "Strategy comparison: " + STATISTICS.getOrDefault(stat, stat)
        + ", mean and 95% CI";
    return new Figure(Charts.chart(title, plot, true), 1000, 650, data, labels);
  }
}
