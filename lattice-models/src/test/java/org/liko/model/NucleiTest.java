package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.liko.engine.Grid;
import org.liko.engine.InputException;
import org.liko.engine.Lattice;

/**
 * Nucleus count and size distribution ({@link Nuclei}, {@code output.nuclei}). Known answer: a
 * hand-made 16 x 16 x 10 lattice on a Cu collector with five Li clusters: a lone adatom, a
 * second adatom touching it only diagonally (a separate nucleus: clusters are face-connected),
 * a 2 x 2 island with one dead site (dead Li counts), a three-site column, and a floating
 * cluster that does not touch the substrate (not a nucleus): count 4, sizes {1, 1, 4, 3}, mean
 * 2.25, p50 2, p90 3.7 (interpolated order statistics), max 4, density 4 / (16 a)^2 per um^2;
 * exact (1e-12). A plating run with {@code output.nuclei: true} has one nuclei row per
 * time-series row, none at the start on bare Cu, and its last row's count equals the summary's
 * morphology.nuclei; the parallel solver refuses it by name. About 1 s.
 */
class NucleiTest {
  @Test
  void countsAndSizesOfAConstructedLattice() {
    Scenario s = Scenario.parse("schemaVersion: 1\nname: nuc\nlattice: {nx: 16, ny: 16, nz: 10}\n"
        + "sei: {recipe: none}\nprotocol:\n  - rest: {time_s: 1}\n", "nuc.yaml");
    LiModel m = new LiModel(s, LiMaterials.table(s), 1);
    Lattice lat = m.lattice();
    Grid g = lat.grid();
    byte[] c = lat.cells();
    int b = m.collectorTop();
    byte li = (byte) LiMaterials.LI;
    c[g.index(1, 1, b)] = li; // lone adatom
    c[g.index(2, 2, b)] = li; // diagonal neighbour: its own nucleus
    for (int x = 5; x <= 6; x++) {
      for (int y = 5; y <= 6; y++) {
        c[g.index(x, y, b)] = li; // 2 x 2 island
      }
    }
    c[g.index(6, 6, b)] = (byte) LiMaterials.LI_DEAD;
    for (int z = b; z < b + 3; z++) {
      c[g.index(10, 10, z)] = li; // column of 3
    }
    c[g.index(12, 3, b + 3)] = li; // floating: not on the substrate
    c[g.index(13, 3, b + 3)] = li;
    int[] sizes = Morphology.nucleusSizes(lat, b, LiMaterials.LI, LiMaterials.LI_DEAD);
    assertArrayEquals(new int[] {1, 1, 4, 3}, sizes);
    double[] row = Nuclei.row(lat, b, m.siteNm(), 2.5);
    double um = m.siteNm() * 1e-3;
    double[] expected = {2.5, 4, 2.25, 2, 3.7, 4, 4 / (16 * um * 16 * um)};
    for (int k = 0; k < expected.length; k++) {
      assertEquals(expected[k], row[k], 1e-12 * Math.abs(expected[k]), Nuclei.COLUMNS.get(k));
    }
    assertEquals(4, Morphology.nuclei(lat, b, LiMaterials.LI, LiMaterials.LI_DEAD)[0]);
  }

  static String plating(boolean on) {
    return "schemaVersion: 1\nname: nucrun\nlattice: {nx: 24, ny: 24, nz: 12}\n"
        + "surface: {attemptFrequency_Hz: 0}\nsei: {recipe: none}\n"
        + "output: {samples: 12, nuclei: " + on + "}\n"
        + "protocol:\n  - plate: {current_mA_cm2: 10, charge_mAh_cm2: 0.000005}\n";
  }

  @Test
  void aPlatingRunWritesOneRowPerSample() {
    Scenario s = Scenario.parse(plating(true), "nucrun.yaml");
    Simulation.Result r = new Simulation(s, 1004L).run(new Simulation.Listener() {});
    List<double[]> rows = r.nuclei();
    assertEquals(r.rows().size(), rows.size());
    assertEquals(0.0, rows.get(0)[1], "bare Cu at the start");
    double[] last = rows.get(rows.size() - 1);
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> morph =
        (java.util.Map<String, Object>) r.summary().get("morphology");
    System.out.printf("last: %d nuclei, mean size %.2f sites, density %.3g per um^2%n",
        (int) last[1], last[2], last[6]);
    assertTrue(last[1] > 0, "nuclei after plating");
    assertEquals(((Number) morph.get("nuclei")).doubleValue(), last[1]);
    assertTrue(new Simulation(Scenario.parse(plating(false), "off.yaml"), 1004L)
        .run(new Simulation.Listener() {}).nuclei().isEmpty());
    InputException e = assertThrows(InputException.class,
        () -> new Simulation(s, 1).solver("parallel").prepare());
    assertTrue(e.getMessage().contains("output.nuclei") && e.getMessage()
        .contains("--solver exact"), e.getMessage());
  }
}
