package org.liko.plots;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * A chart together with the numbers it shows. Every figure function returns one, so a test (or a
 * reader of the report) can compare what was plotted with the file it came from.
 *
 * @param chart the chart, ready to draw
 * @param widthPx image width, pixels
 * @param heightPx image height, pixels
 * @param data the plotted values by name; line charts use the source CSV column names
 *     (e.g. {@code time_s}, {@code height_p99_nm}), replica bands add {@code _min}/{@code _max}
 * @param labels category labels of bar charts and panel names, in plotting order (may be empty)
 */
public record Figure(JFreeChart chart, int widthPx, int heightPx, Map<String, double[]> data,
    List<String> labels) {

  /** Copies the data map (keeping its order) and labels. */
  public Figure {
    data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    labels = List.copyOf(labels);
  }

  /**
   * Paths of a saved figure.
   *
   * @param png raster image
   * @param svg vector image
   */
  public record Saved(Path png, Path svg) {}

  /** The chart's title text (empty when it has none). */
  public String title() {
    return chart.getTitle() == null ? "" : chart.getTitle().getText();
  }

  /**
   * Renders the chart headless to {@code dir/baseName.png} and {@code dir/baseName.svg},
   * atomically.
   */
  public Saved save(Path dir, String baseName) throws IOException {
    Path png = AtomicFiles.write(dir.resolve(baseName + ".png"),
        out -> ChartUtils.writeChartAsPNG(out, chart, widthPx, heightPx));
    SVGGraphics2D g = new SVGGraphics2D(widthPx, heightPx);
    g.setDefsKeyPrefix(baseName); // fixed ids: same chart, same SVG
    chart.draw(g, new Rectangle(widthPx, heightPx));
    Path svg = AtomicFiles.writeString(dir.resolve(baseName + ".svg"), g.getSVGDocument());
    return new Saved(png, svg);
  }
}
