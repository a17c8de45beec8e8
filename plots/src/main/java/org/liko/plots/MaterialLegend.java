package org.liko.plots;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.liko.engine.Material;
import org.liko.engine.MaterialTable;

/**
 * The one colour of each material, shared by every figure (maps, galleries, the inventory
 * chart), the HTML reports' legend, the {@code material_names}/{@code material_rgb} field data
 * of the VTK files and the ParaView colour preset. Colours come from
 * {@link Material#displayRgb()}; where two materials share a colour (for example a scenario
 * material given the colour of a built-in one) the later one is shifted until every material,
 * and the ion marker, has its own colour.
 */
public final class MaterialLegend {
  /** Colour of a site holding a mobile ion before de-duplication, 0xRRGGBB. */
  public static final int ION_RGB = 0xFFD21F;
  /** Legend label of sites holding a mobile ion. */
  public static final String ION_LABEL = "Li+ ion";
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
    return new MaterialLegend(names, distinct(wanted));
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

  private static int[] distinct(int[] wanted) {
    int[] rgb = new int[wanted.length];
    Set<Integer> used = new HashSet<>();
    for (int id = 0; id < wanted.length; id++) {
      int c = wanted[id] & 0xFFFFFF;
      for (int k = 0; used.contains(c); k++) {
        Color col = new Color(c);
        Color next = k % 2 == 0 ? col.darker() : col.brighter();
        c = (next.getRGB() == col.getRGB() ? (c + 0x3F1F7F) : next.getRGB()) & 0xFFFFFF;
      }
      used.add(c);
      rgb[id] = c;
    }
    return rgb;
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
