package org.liko.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;

/** Shared look of every chart: white background, light grid, one font family. */
final class Charts {
  static final Color GRID = new Color(0xDDDDDD);
  /** Line colours for series 0, 1, 2, ... (Okabe and Ito, 2008, colour-blind safe). */
  static final Color[] SERIES = {new Color(0x0072B2), new Color(0xD55E00),
      new Color(0x009E73), new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9)};

  private Charts() {}

  /** A chart with the common style; {@code legend} adds the plot's legend below it. */
  static JFreeChart chart(String title, Plot plot, boolean legend) {
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot,
        legend);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    plot.setBackgroundPaint(Color.WHITE);
    if (plot instanceof XYPlot xy) {
      grid(xy);
    }
    LegendTitle l = chart.getLegend();
    if (l != null) {
      l.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }
    return chart;
  }

  /** Light grid lines on an XY plot. */
  static void grid(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
  }

  /** Stroke for data lines. */
  static BasicStroke line() {
    return new BasicStroke(1.8f);
  }

  /** Linear interpolation of (xs, ys) at x, clamped to the end values; xs non-decreasing. */
  static double interpolate(double[] xs, double[] ys, double x) {
    int n = xs.length;
    if (n == 0) {
      return Double.NaN;
    }
    if (x <= xs[0]) {
      return ys[0];
    }
    if (x >= xs[n - 1]) {
      return ys[n - 1];
    }
    int k = Arrays.binarySearch(xs, x);
    if (k >= 0) {
      return ys[k];
    }
    int hi = -k - 1;
    int lo = hi - 1;
    double f = (x - xs[lo]) / (xs[hi] - xs[lo]);
    return ys[lo] + f * (ys[hi] - ys[lo]);
  }
}
