package org.liko.plots;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The figure of one {@code liko verify} case: measured points against theory lines, on linear
 * or logarithmic axes as the case's reference draws them. Each figure is saved as
 * {@code verify_<case>.png/.svg}; its data map holds every curve's x and y under
 * {@code <curve name>.x} and {@code <curve name>.y}.
 */
public final class VerifyFigures {
  /** Figure size, pixels. */
  static final int WIDTH = 640;
  static final int HEIGHT = 420;

  private VerifyFigures() {}

  /**
   * One curve.
   *
   * @param name legend text
   * @param x x values
   * @param y y values
   * @param line true: a theory line; false: measured points
   */
  public record Curve(String name, double[] x, double[] y, boolean line) {}

  /** The base name of a case's figure files. */
  public static String baseName(String caseId) {
    return "verify_" + caseId;
  }

  /** A chart of the curves; log axes skip non-positive values (they cannot be drawn). */
  public static Figure figure(String title, String xLabel, String yLabel, boolean logX,
      boolean logY, List<Curve> curves) {
    XYSeriesCollection data = new XYSeriesCollection();
    Map<String, double[]> numbers = new LinkedHashMap<>();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    int k = 0;
    for (Curve c : curves) {
      XYSeries s = new XYSeries(c.name(), false, true);
      for (int i = 0; i < c.x().length; i++) {
        if ((!logX || c.x()[i] > 0) && (!logY || c.y()[i] > 0)) {
          s.add(c.x()[i], c.y()[i]);
        }
      }
      data.addSeries(s);
      numbers.put(c.name() + ".x", c.x());
      numbers.put(c.name() + ".y", c.y());
      java.awt.Color colour = Charts.SERIES[k % Charts.SERIES.length];
      r.setSeriesPaint(k, colour);
      r.setSeriesLinesVisible(k, c.line());
      r.setSeriesShapesVisible(k, !c.line());
      r.setSeriesShape(k, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
      r.setSeriesStroke(k, c.line() ? new BasicStroke(1.8f, BasicStroke.CAP_ROUND,
          BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f) : Charts.line());
      k++;
    }
    XYPlot plot = new XYPlot(data, axis(xLabel, logX), axis(yLabel, logY), r);
    JFreeChart chart = Charts.chart(title, plot, true);
    return new Figure(chart, WIDTH, HEIGHT, numbers, List.of());
  }

  private static ValueAxis axis(String label, boolean log) {
    if (log) {
      LogarithmicAxis a = new LogarithmicAxis(label); // plain-number tick labels
      a.setStrictValuesFlag(false);
      a.setAutoRangeNextLogFlag(false);
      return a;
    }
    NumberAxis a = new NumberAxis(label);
    a.setAutoRangeIncludesZero(false);
    return a;
  }
}
