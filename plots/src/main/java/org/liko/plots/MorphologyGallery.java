package org.liko.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;
import org.liko.engine.Grid;

/**
 * Small multiples of morphology: for each strategy (one cell, titled with its name) x-z maps of
 * a few lattices side by side (for {@code liko compare}: the end of the first plating step and
 * the end of the run of one replica), every map at the same nm-per-pixel scale and in the
 * colours of {@link MaterialLegend}, with one legend and one scale bar for the whole figure.
 */
public final class MorphologyGallery {
  private static final int LABEL_PX = 18;
  private static final int CAPTION_PX = 14;
  private static final int PAD_PX = 8;
  private static final int SCALE_BAR_PX = 26;

  private MorphologyGallery() {}

  /**
   * One map of a cell.
   *
   * @param caption what it shows (e.g. "end of plating 1")
   * @param image the lattice (its legend gives names and colours)
   */
  public record Panel(String caption, Vti.Image image) {}

  /**
   * One cell of the gallery.
   *
   * @param id strategy id (figure data key)
   * @param title strategy name, drawn above the maps
   * @param panels the maps, left to right
   */
  public record Cell(String id, String title, List<Panel> panels) {}

  /**
   * The gallery figure, {@code widthPx} wide with {@code columns} cells per row; its height
   * follows from the common scale. Data: {@code px_per_nm} (one value, the scale of every map)
   * and per cell and panel {@code <id>/<k>} the section drawn (material ids, ion bit added,
   * index z*nx+x); labels: the cell ids.
   */
  public static Figure figure(String title, List<Cell> cells, int widthPx, int columns) {
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("gallery: no cells");
    }
    GalleryPlot plot = new GalleryPlot(cells, columns);
    int rows = (cells.size() + columns - 1) / columns;
    double cellW = (widthPx - 2.0 * PAD_PX) / columns;
    double scale = plot.scaleForWidth(cellW);
    // title, legend rows (as wide as their labels in the legend font plus swatches), insets
    FontMetrics fm = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics()
        .getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    double legendWidth = 0;
    for (int k = 0; k < plot.getLegendItems().getItemCount(); k++) {
      legendWidth += fm.stringWidth(plot.getLegendItems().get(k).getLabel()) + 20;
    }
    int legendRows = Math.max(1, (int) Math.ceil(legendWidth / (widthPx - 40)));
    int heightPx = (int) Math.ceil(rows * plot.cellHeight(scale) + SCALE_BAR_PX + 50
        + 22 * legendRows);
    JFreeChart chart = Charts.chart(title, plot, true);
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put("px_per_nm", new double[] {scale});
    for (Cell c : cells) {
      for (int k = 0; k < c.panels().size(); k++) {
        data.put(c.id() + "/" + k, Arrays.stream(section(c.panels().get(k).image()))
            .asDoubleStream().toArray());
      }
    }
    return new Figure(chart, widthPx, heightPx, data, cells.stream().map(Cell::id).toList());
  }

  private static int[] section(Vti.Image img) {
    return MaterialMaps.section(img.lattice(), img.lattice().grid().ny / 2);
  }

  /** The legend of an image, or one in the chart series colours when the file had none. */
  static MaterialLegend legend(Vti.Image img) {
    if (img.legend() != null) {
      return img.legend();
    }
    int n = 0;
    for (byte b : img.lattice().cells()) {
      n = Math.max(n, (b & org.liko.engine.Lattice.MATERIAL_MASK) + 1);
    }
    String[] names = new String[n];
    int[] rgb = new int[n];
    for (int id = 0; id < n; id++) {
      names[id] = "material " + id;
      rgb[id] = Charts.SERIES[id % Charts.SERIES.length].getRGB() & 0xFFFFFF;
    }
    return MaterialLegend.of(List.of(names), rgb, MaterialLegend.ION_RGB);
  }

  /** Draws the cells in a grid at one scale; the legend is the union of the cells' materials. */
  private static final class GalleryPlot extends Plot {
    private static final long serialVersionUID = 1L;
    private final transient List<Cell> cells;
    private final transient List<List<BufferedImage>> images;
    private final int columns;
    private final double maxRowWidthNm; // widest cell: sum of its panel widths
    private final double maxHeightNm;
    private final transient LegendItemCollection legend;

    GalleryPlot(List<Cell> cells, int columns) {
      this.cells = List.copyOf(cells);
      this.columns = columns;
      double w = 0;
      double h = 0;
      Map<String, Integer> union = new LinkedHashMap<>();
      int ion = MaterialLegend.ION_RGB;
      this.images = new java.util.ArrayList<>();
      for (Cell c : cells) {
        double sum = 0;
        List<BufferedImage> row = new java.util.ArrayList<>();
        for (Panel p : c.panels()) {
          Grid g = p.image().lattice().grid();
          double a = p.image().spacingNm();
          sum += g.nx * a;
          h = Math.max(h, g.nz * a);
          MaterialLegend l = legend(p.image());
          row.add(MaterialMaps.sectionImage(section(p.image()), g.nx, g.nz, l));
          for (int id = 0; id < l.size(); id++) {
            union.putIfAbsent(l.name(id), l.rgb(id));
          }
          ion = l.ionRgb();
        }
        images.add(row);
        w = Math.max(w, sum);
      }
      this.maxRowWidthNm = w;
      this.maxHeightNm = h;
      int[] rgb = union.values().stream().mapToInt(Integer::intValue).toArray();
      this.legend = MaterialLegend.of(List.copyOf(union.keySet()), rgb, ion).items();
      setOutlineVisible(false);
    }

    double panelsPerCell() {
      return cells.stream().mapToInt(c -> c.panels().size()).max().orElse(1);
    }

    /** Pixels per nm so that the widest cell fits {@code cellW}. */
    double scaleForWidth(double cellW) {
      return (cellW - PAD_PX * (panelsPerCell() + 1)) / maxRowWidthNm;
    }

    double cellHeight(double scale) {
      return LABEL_PX + maxHeightNm * scale + CAPTION_PX + PAD_PX * 2;
    }

    @Override
    public String getPlotType() {
      return "Morphology gallery";
    }

    @Override
    public LegendItemCollection getLegendItems() {
      return legend;
    }

    @Override
    public void draw(Graphics2D g2, Rectangle2D area, Point2D anchor, PlotState parentState,
        PlotRenderingInfo info) {
      if (info != null) {
        info.setPlotArea(area);
        info.setDataArea(area);
      }
      int rows = (cells.size() + columns - 1) / columns;
      double cellW = area.getWidth() / columns;
      double scale = Math.min(scaleForWidth(cellW),
          ((area.getHeight() - SCALE_BAR_PX) / rows - LABEL_PX - CAPTION_PX - 2 * PAD_PX)
              / maxHeightNm);
      double cellH = cellHeight(scale);
      Shape clip = g2.getClip();
      Object interpolation = g2.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
      g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
          RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      Font label = new Font(Font.SANS_SERIF, Font.BOLD, 12);
      Font caption = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
      for (int k = 0; k < cells.size(); k++) {
        Cell c = cells.get(k);
        double x0 = area.getX() + (k % columns) * cellW + PAD_PX;
        double y0 = area.getY() + (k / columns) * cellH;
        g2.setClip(new Rectangle2D.Double(x0, y0, cellW - PAD_PX, cellH));
        g2.setPaint(Color.BLACK);
        g2.setFont(label);
        g2.drawString(fit(g2, c.title(), cellW - 2 * PAD_PX), (float) x0,
            (float) (y0 + LABEL_PX - 5));
        double x = x0;
        double top = y0 + LABEL_PX;
        for (int p = 0; p < c.panels().size(); p++) {
          Panel panel = c.panels().get(p);
          Grid g = panel.image().lattice().grid();
          double a = panel.image().spacingNm();
          int w = (int) Math.round(g.nx * a * scale);
          int h = (int) Math.round(g.nz * a * scale);
          int y = (int) Math.round(top + maxHeightNm * scale - h); // collectors on one line
          g2.drawImage(images.get(k).get(p), (int) Math.round(x), y, w, h, null);
          g2.setPaint(Color.DARK_GRAY);
          g2.setStroke(new BasicStroke(0.8f));
          g2.drawRect((int) Math.round(x), y, w, h);
          g2.setFont(caption);
          g2.drawString(fit(g2, panel.caption(), w), (float) x,
              (float) (top + maxHeightNm * scale + CAPTION_PX - 3));
          x += w + PAD_PX;
        }
      }
      g2.setClip(clip);
      drawScaleBar(g2, area, scale, rows * cellH);
      if (interpolation != null) {
        g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
      }
    }

    /** A bar of a round length (1, 2 or 5 x 10^k nm) about a fifth of a map wide. */
    private void drawScaleBar(Graphics2D g2, Rectangle2D area, double scale, double top) {
      double target = maxRowWidthNm / panelsPerCell() / 4;
      double pow = Math.pow(10, Math.floor(Math.log10(target)));
      double nm = target / pow >= 5 ? 5 * pow : target / pow >= 2 ? 2 * pow : pow;
      int len = (int) Math.round(nm * scale);
      int x = (int) (area.getX() + PAD_PX);
      int y = (int) (area.getY() + top + SCALE_BAR_PX / 2.0);
      g2.setPaint(Color.BLACK);
      g2.setStroke(new BasicStroke(3f));
      g2.drawLine(x, y, x + len, y);
      g2.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      String text = java.math.BigDecimal.valueOf(nm).round(new java.math.MathContext(3))
          .stripTrailingZeros().toPlainString();
      g2.drawString(text + " nm (every map at this scale)", x + len + 8, y + 4);
    }

    private static String fit(Graphics2D g2, String s, double width) {
      FontMetrics fm = g2.getFontMetrics();
      if (fm.stringWidth(s) <= width) {
        return s;
      }
      String t = s;
      while (t.length() > 1 && fm.stringWidth(t + "\u2026") > width) {
        t = t.substring(0, t.length() - 1);
      }
      return t + "\u2026";
    }
  }
}
