package org.liko.model.verify;

import java.util.List;

/**
 * The figure of a verification case as numbers: measured points against the theory line, on the
 * axes the reference uses. The plots module draws it; nothing here knows about charts.
 *
 * @param title figure title
 * @param xLabel x axis label with unit
 * @param yLabel y axis label with unit
 * @param logX logarithmic x axis
 * @param logY logarithmic y axis
 * @param series the curves, measured first
 */
public record CaseFigure(String title, String xLabel, String yLabel, boolean logX,
    boolean logY, List<Series> series) {

  /** Copies the list. */
  public CaseFigure {
    series = List.copyOf(series);
  }

  /**
   * One curve.
   *
   * @param name legend text
   * @param x x values
   * @param y y values
   * @param theory true: drawn as a line (expected), false: as points (measured)
   */
  public record Series(String name, double[] x, double[] y, boolean theory) {}

  /** Measured points. */
  public static Series measured(String name, double[] x, double[] y) {
    return new Series(name, x, y, false);
  }

  /** A theory line. */
  public static Series theory(String name, double[] x, double[] y) {
    return new Series(name, x, y, true);
  }
}
