package org.liko.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The growth and SEI figures of a run plot exactly their source numbers: the fitted samples and
 * power law of {@code summary.json}'s {@code growth}, and li_sei of {@code timeseries.csv} times
 * the thickness per SEI site; the nuclei figure every column of {@code nuclei.csv}; a verify
 * figure keeps every curve. Milliseconds.
 */
class GrowthFiguresTest {
  @Test
  void growthFigureShowsTheSamplesAndTheFit() {
    ObjectNode g = Json.MAPPER.createObjectNode();
    g.put("beta", 0.5);
    g.put("betaStdErr", 0.01);
    g.put("lnPrefactor", Math.log(2));
    g.putArray("thickness_nm").add(1.0).add(4.0);
    g.putArray("roughness_nm").add(2.1).add(3.9);
    Figure f = RunFigures.growth(g);
    assertArrayEquals(new double[] {1, 4}, f.data().get("thickness_nm"));
    assertArrayEquals(new double[] {2.1, 3.9}, f.data().get("roughness_nm"));
    assertArrayEquals(new double[] {2, 4}, f.data().get("fit_nm"), 1e-12);
    assertTrue(f.title().contains("thickness"));
  }

  @Test
  void seiFigureConvertsSitesToThickness() {
    Csv.Table t = new Csv.Table(List.of("time_s", "li_sei"), List.of(new double[] {0, 0},
        new double[] {1, 10}, new double[] {2, 30}));
    Figure f = RunFigures.seiThickness(t, 0.01);
    assertArrayEquals(new double[] {0, 1, 2}, f.data().get("time_s"));
    assertArrayEquals(new double[] {0, 0.1, 0.3}, f.data().get("sei_thickness_nm"), 1e-12);
  }

  @Test
  void nucleiFigurePlotsTheCsvColumns() {
    List<String> cols = List.of("time_s", "nuclei", "mean_size_sites", "p50_size_sites",
        "p90_size_sites", "max_size_sites", "density_per_um2");
    Csv.Table t = new Csv.Table(cols, List.of(new double[] {0, 0, 0, 0, 0, 0, 0},
        new double[] {1, 3, 2.5, 2, 3.4, 4, 10}));
    Figure f = RunFigures.nuclei(t);
    assertArrayEquals(new double[] {0, 3}, f.data().get("nuclei"));
    assertArrayEquals(new double[] {0, 3.4}, f.data().get("p90_size_sites"));
    assertTrue(f.title().contains("Nuclei"));
  }

  @Test
  void verifyFigureKeepsEveryCurve() {
    Figure f = VerifyFigures.figure("t", "x", "y", true, true, List.of(
        new VerifyFigures.Curve("m", new double[] {1, 10}, new double[] {2, 20}, false),
        new VerifyFigures.Curve("th", new double[] {1, 10}, new double[] {2, 21}, true)));
    assertArrayEquals(new double[] {2, 20}, f.data().get("m.y"));
    assertArrayEquals(new double[] {1, 10}, f.data().get("th.x"));
  }
}
