package org.liko.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liko.engine.Material;
import org.liko.engine.MaterialTable;

/** One colour per material, told apart at a glance, the same in every output. */
class MaterialLegendTest {
  private static Material solid(String name, int rgb) {
    return new Material(name, Material.CARRIER_CONDUCTOR, 0.3, 90, 10, 1, 0, rgb);
  }

  @Test
  void coloursAreFarApartAndTheIonMarkerKeepsItsOwn() {
    List<Material> rows = new ArrayList<>(Fixtures.materials().rows());
    rows.add(solid("near_li", 0x95AFC0));       // 19 from li's grey
    rows.add(solid("ion_yellow", MaterialLegend.ION_RGB));
    rows.add(solid("twin", 0x2E8B57));          // the SEI colour exactly
    MaterialLegend legend = MaterialLegend.of(MaterialTable.of(rows));
    assertEquals(MaterialLegend.ION_RGB, legend.ionRgb(), "the ion colour never moves");
    assertEquals(0xB87333, legend.rgb(Fixtures.COLLECTOR), "no conflict: colour as given");
    List<Integer> all = new ArrayList<>();
    for (int id = 0; id < legend.size(); id++) {
      all.add(legend.rgb(id));
    }
    all.add(legend.ionRgb());
    for (int a = 0; a < all.size(); a++) {
      for (int b = 0; b < a; b++) {
        assertTrue(distance(all.get(a), all.get(b)) >= MaterialLegend.MIN_DISTANCE,
            String.format("#%06x and #%06x too close", all.get(a), all.get(b)));
      }
    }
    assertEquals(legend.rgb(3), MaterialLegend.of(MaterialTable.of(rows)).rgb(3),
        "deterministic");
  }

  @Test
  void paraviewPresetNamesEveryMaterialInItsColour() throws Exception {
    MaterialLegend legend = MaterialLegend.of(Fixtures.materials());
    JsonNode preset = Json.MAPPER.readTree(legend.paraviewPreset()).get(0);
    assertEquals(MaterialLegend.PRESET_NAME, preset.get("Name").asText());
    for (int id = 0; id < legend.size(); id++) {
      assertEquals(Integer.toString(id), preset.get("Annotations").get(2 * id).asText());
      assertEquals(legend.name(id), preset.get("Annotations").get(2 * id + 1).asText());
      assertEquals(((legend.rgb(id) >> 16) & 0xFF) / 255.0,
          preset.get("IndexedColors").get(3 * id).asDouble(), 1e-4);
    }
  }

  private static double distance(int a, int b) {
    int dr = ((a >> 16) & 0xFF) - ((b >> 16) & 0xFF);
    int dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF);
    int db = (a & 0xFF) - (b & 0xFF);
    return Math.sqrt(dr * dr + dg * dg + db * db);
  }
}
