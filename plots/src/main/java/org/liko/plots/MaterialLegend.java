package org.liko.plots;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.liko.engine.Material;
import org.liko.engine.MaterialTable;

/**
 * The one colour of each material, shared by every figure (maps, galleries, the inventory
 * chart), the HTML reports' legend, the {@code material_names}/{@code material_rgb} field data
 * of the VTK files and the ParaView colour preset. Colours come from
 * {@link Material#displayRgb()}; where two materials have the same or nearly the same colour
 * (for example a scenario material given a grey close to that of Li) the later one is shifted
 * until every material, and the ion marker, is at least {@link #MIN_DISTANCE} from the others.
 */
public final class MaterialLegend {
  /** Colour of a site holding a mobile ion before de-duplication, 0xRRGGBB. */
  public static final int ION_RGB = 0xFFD21F;
  /** Legend label of sites holding a mobile ion. */
  public static final String ION_LABEL = "Li+ ion";
  /** Least RGB distance between two colours of a legend (of 441 between black and white). */
  public static final double MIN_DISTANCE = 30;
  /** Name of the ParaView colour preset written by {@link #paraviewPreset()}. */
  public static final String PRESET_NAME = "liko materials";

  private final List<String> names;
  private final int[] rgb; // index = material id; the last entry is the ion colour

  private MaterialLegend(List<String> names, int[] rgb) {
    this.names = List.copyOf(names);
    this.rgb = rgb;
  }

  /** The legend of a materials table. */
  public static MaterialLegend of(MaterialTable table) {
    List<String> names = new ArrayList<>();
    int[] wanted = new int[table.size() + 1];
    for (int id = 0; id < table.size(); id++) {
      names.add(table.get(id).name());
      wanted[id] = table.get(id).displayRgb();
    }
    wanted[table.size()] = ION_RGB;
    // the ion marker first, so that it keeps its colour in every table; materials make way
    int[] order = new int[wanted.length];
    order[0] = ION_RGB;
    System.arraycopy(wanted, 0, order, 1, table.size());
    int[] shifted = distinct(order);
    int[] rgb = new int[wanted.length];
    System.arraycopy(shifted, 1, rgb, 0, table.size());
    rgb[table.size()] = shifted[0];
    return new MaterialLegend(names, rgb);
  }

  /**
   * A legend as stored in a file: names and colours per material id, then the ion colour. The
   * colours are taken as they are (they were made distinct when written).
   */
  public static MaterialLegend of(List<String> names, int[] materialRgb, int ionRgb) {
    if (names.size() != materialRgb.length) {
      throw new IllegalArgumentException(names.size() + " names but " + materialRgb.length
          + " colours");
    }
    int[] rgb = Arrays.copyOf(materialRgb, materialRgb.length + 1);
    rgb[materialRgb.length] = ionRgb;
    return new MaterialLegend(names, rgb);
  }

  /**
   * Colours at least {@link #MIN_DISTANCE} apart (Euclidean, RGB 0-255), in id order: a colour
   * too close to an earlier one is replaced by the first of its darker and brighter shades (then
   * hue-shifted variants) that is far enough, or the farthest of them.
   */
  private static int[] distinct(int[] wanted) {
    int[] rgb = new int[wanted.length];
    for (int id = 0; id < wanted.length; id++) {
      int best = wanted[id] & 0xFFFFFF;
      double bestDistance = nearest(best, rgb, id);
      for (int k = 0; k < 24 && bestDistance < MIN_DISTANCE; k++) {
        int c = variant(wanted[id] & 0xFFFFFF, k);
        double d = nearest(c, rgb, id);
        if (d > bestDistance) {
          best = c;
          bestDistance = d;
        }
      }
      rgb[id] = best;
    }
    return rgb;
  }

  /** Smallest distance from {@code c} to the first {@code n} colours. */
  private static double nearest(int c, int[] colours, int n) {
    double d = Double.POSITIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      int dr = ((c >> 16) & 0xFF) - ((colours[k] >> 16) & 0xFF);
      int dg = ((c >> 8) & 0xFF) - ((colours[k] >> 8) & 0xFF);
      int db = (c & 0xFF) - (colours[k] & 0xFF);
      d = Math.min(d, Math.sqrt(dr * dr + dg * dg + db * db));
    }
    return d;
  }

  /** Variant k of a colour: darker, brighter, twice darker, ..., then hue turns. */
  private static int variant(int c, int k) {
    Color col = new Color(c);
    if (k < 8) {
      float f = (float) Math.pow(0.7, k / 2 + 1);
      return k % 2 == 0
          ? new Color(Math.round(col.getRed() * f), Math.round(col.getGreen() * f),
              Math.round(col.getBlue() * f)).getRGB() & 0xFFFFFF
          : new Color(255 - Math.round((255 - col.getRed()) * f),
              255 - Math.round((255 - col.getGreen()) * f),
              255 - Math.round((255 - col.getBlue()) * f)).getRGB() & 0xFFFFFF;
    }
    float[] hsb = Color.RGBtoHSB(col.getRed(), col.getGreen(), col.getBlue(), null);
    float s = Math.max(hsb[1], 0.45f);
    float b = Math.min(Math.max(hsb[2], 0.35f), 0.9f);
    return Color.HSBtoRGB((hsb[0] + (k - 7) / 17f) % 1f, s, b) & 0xFFFFFF;
  }

  /** Number of materials (ids 0 to size - 1). */
  public int size() {
    return names.size();
  }

  /** Material names by id. */
  public List<String> names() {
    return names;
  }

  /** Name of material {@code id}. */
  public String name(int id) {
    return names.get(id);
  }

  /** Colour of material {@code id}, 0xRRGGBB. */
  public int rgb(int id) {
    return rgb[id];
  }

  /** Colour of the material called {@code name}, or {@code fallback} when there is none. */
  public int rgb(String name, int fallback) {
    int id = names.indexOf(name);
    return id < 0 ? fallback : rgb[id];
  }

  /** Colour of sites holding a mobile ion, 0xRRGGBB. */
  public int ionRgb() {
    return rgb[names.size()];
  }

  /** Colours by material id, then the ion colour (index {@link #size()}). */
  int[] palette() {
    return rgb.clone();
  }

  /** Legend entries for charts: one per material, then the ion marker. */
  LegendItemCollection items() {
    LegendItemCollection items = new LegendItemCollection();
    for (int id = 0; id <= names.size(); id++) {
      String name = id < names.size() ? names.get(id) : ION_LABEL;
      items.add(new LegendItem(name, null, null, null, new Rectangle(-5, -5, 10, 10),
          new Color(rgb[id])));
    }
    return items;
  }

  /** The legend as an HTML list of colour swatches (class {@code legend}). */
  String html() {
    StringBuilder sb = new StringBuilder("<ul class=\"legend\">");
    for (int id = 0; id <= names.size(); id++) {
      String name = id < names.size() ? names.get(id) : ION_LABEL;
      sb.append("<li><span class=\"swatch\" style=\"background:").append(hex(rgb[id]))
          .append("\"></span>").append(Xml.escape(name)).append("</li>");
    }
    return sb.append("</ul>\n").toString();
  }

  /** {@code #rrggbb}. */
  static String hex(int rgb) {
    return String.format("#%06x", rgb & 0xFFFFFF);
  }

  /**
   * A ParaView colour-map preset (import it with "Choose Preset", "Import"): categorical, one
   * annotated colour per material id, so {@code material} shows names instead of a continuous
   * scale.
   */
  public String paraviewPreset() {
    ObjectNode preset = Json.MAPPER.createObjectNode();
    preset.put("Name", PRESET_NAME);
    ArrayNode annotations = preset.putArray("Annotations");
    ArrayNode colours = preset.putArray("IndexedColors");
    for (int id = 0; id < names.size(); id++) {
      annotations.add(Integer.toString(id)).add(names.get(id));
      colours.add(channel(rgb[id], 16)).add(channel(rgb[id], 8)).add(channel(rgb[id], 0));
    }
    ArrayNode list = Json.MAPPER.createArrayNode().add(preset);
    try {
      return Json.toString(list);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double channel(int rgb, int shift) {
    return Math.round(((rgb >> shift) & 0xFF) / 255.0 * 1e4) / 1e4;
  }
}
