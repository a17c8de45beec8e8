package org.liko.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.engine.MaterialTable;

/**
 * Lattices as pictures: x-z cross-sections coloured by material, height maps of the metal
 * deposit, and the plots that hold them. Colours are those of {@link MaterialLegend}; sites
 * holding a mobile ion are drawn in the ion colour.
 */
public final class MaterialMaps {
  private MaterialMaps() {}

  /** True for the deposit that defines heights: carrier-bearing electronic solid. */
  public static boolean isMetal(MaterialTable table, int id) {
    return id < table.size() && table.is(id, Material.BEARS_CARRIER | Material.ELECTRONIC)
        && !table.is(id, Material.FLUID);
  }

  /**
   * Height of the highest metal site of each (x, y) column, nm, measured from the collector
   * (z = 0) to the top face of the site; 0 where a column holds no metal. Index {@code y*nx+x}.
   */
  public static double[] heightMapNm(Lattice lattice, MaterialTable table, double spacingNm) {
    Grid g = lattice.grid();
    double[] h = new double[g.plane];
    for (int col = 0; col < g.plane; col++) {
      for (int z = g.nz - 1; z >= 0; z--) {
        if (isMetal(table, lattice.material(z * g.plane + col))) {
          h[col] = (z + 1) * spacingNm;
          break;
        }
      }
    }
    return h;
  }

  /**
   * Material of each site of the x-z plane at {@code y}, with {@link Lattice#CARRIER_BIT} added
   * where an ion sits; index {@code z*nx+x}.
   */
  public static int[] section(Lattice lattice, int y) {
    Grid g = lattice.grid();
    int[] s = new int[g.nx * g.nz];
    for (int z = 0; z < g.nz; z++) {
      for (int x = 0; x < g.nx; x++) {
        int i = g.index(x, y, z);
        s[z * g.nx + x] = lattice.material(i) | (lattice.carrier(i) ? Lattice.CARRIER_BIT : 0);
      }
    }
    return s;
  }

  /** Image of a section from {@link #section}: pixel (x, nz-1-z), z up. */
  static BufferedImage sectionImage(int[] section, int nx, int nz, MaterialLegend legend) {
    int[] palette = legend.palette();
    BufferedImage img = new BufferedImage(nx, nz, BufferedImage.TYPE_INT_RGB);
    int ion = palette[palette.length - 1];
    for (int z = 0; z < nz; z++) {
      for (int x = 0; x < nx; x++) {
        int v = section[z * nx + x];
        int m = v & Lattice.MATERIAL_MASK;
        int c = (v & Lattice.CARRIER_BIT) != 0 ? ion : m < palette.length - 1 ? palette[m] : 0;
        img.setRGB(x, nz - 1 - z, c);
      }
    }
    return img;
  }

  /** Image of a height map, pixel (x, ny-1-y), coloured by {@code scale}. */
  static BufferedImage heightImage(double[] heightNm, int nx, int ny, PaintScale scale) {
    BufferedImage img = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        img.setRGB(x, ny - 1 - y, ((Color) scale.getPaint(heightNm[y * nx + x])).getRGB());
      }
    }
    return img;
  }

  /**
   * A plot with fixed axes {@code [0, widthNm] x [0, heightNm]} showing an image stretched over
   * the data area.
   */
  static XYPlot imagePlot(BufferedImage img, String xLabel, double widthNm, String yLabel,
      double heightNm) {
    NumberAxis xAxis = new NumberAxis(xLabel);
    xAxis.setRange(0, widthNm);
    NumberAxis yAxis = new NumberAxis(yLabel);
    yAxis.setRange(0, heightNm);
    XYPlot plot = new XYPlot(null, xAxis, yAxis, new XYLineAndShapeRenderer());
    plot.addAnnotation(new ImageAnnotation(img, widthNm, heightNm));
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setOutlinePaint(Color.DARK_GRAY);
    return plot;
  }

  /** Linear colour scale (dark blue - teal - yellow) for heights, nm. */
  static PaintScale heightScale(double maxNm) {
    double upper = maxNm > 0 ? maxNm : 1;
    Color[] stops = {new Color(0x30123B), new Color(0x2C7FB8), new Color(0x41B6A6),
        new Color(0xA6D96A), new Color(0xFDE725)};
    return new PaintScale() {
      @Override
      public double getLowerBound() {
        return 0;
      }

      @Override
      public double getUpperBound() {
        return upper;
      }

      @Override
      public Paint getPaint(double v) {
        double t = Math.max(0, Math.min(1, v / upper)) * (stops.length - 1);
        int k = Math.min((int) t, stops.length - 2);
        double f = t - k;
        Color a = stops[k];
        Color b = stops[k + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
            (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
            (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
      }
    };
  }

  /** Draws an image over the data rectangle [0, w] x [0, h], pixels kept sharp. */
  private static final class ImageAnnotation extends AbstractXYAnnotation {
    private static final long serialVersionUID = 1L;
    private final transient BufferedImage image;
    private final double widthNm;
    private final double heightNm;

    ImageAnnotation(BufferedImage image, double widthNm, double heightNm) {
      this.image = image;
      this.widthNm = widthNm;
      this.heightNm = heightNm;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis,
        ValueAxis rangeAxis, int rendererIndex, PlotRenderingInfo info) {
      RectangleEdge xe = plot.getDomainAxisEdge();
      RectangleEdge ye = plot.getRangeAxisEdge();
      double x0 = domainAxis.valueToJava2D(0, dataArea, xe);
      double x1 = domainAxis.valueToJava2D(widthNm, dataArea, xe);
      double y0 = rangeAxis.valueToJava2D(heightNm, dataArea, ye);
      double y1 = rangeAxis.valueToJava2D(0, dataArea, ye);
      Object old = g2.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
      g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
          RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      g2.drawImage(image, (int) Math.round(Math.min(x0, x1)), (int) Math.round(y0),
          (int) Math.round(Math.abs(x1 - x0)), (int) Math.round(y1 - y0), null);
      if (old != null) {
        g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, old);
      }
    }
  }
}
