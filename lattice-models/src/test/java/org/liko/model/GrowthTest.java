package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Growth}: the compact-equivalent thickness per charge of one-atom sites (0.279 nm:
 * 46.0 atoms/nm^3, 4880 nm per mAh/cm^2), the fitted growth exponent on an exact power law, the
 * cut at the first stripping sample, and no fit without three usable samples. Milliseconds.
 */
class GrowthTest {
  static double[] row(double q, double w, double stripped) {
    double[] r = new double[Simulation.COLUMNS.size()];
    r[Simulation.COLUMNS.indexOf("charge_mAh_cm2")] = q;
    r[Simulation.COLUMNS.indexOf("roughness_nm")] = w;
    r[Simulation.COLUMNS.indexOf("stripped_mAh_cm2")] = stripped;
    return r;
  }

  @Test
  void thicknessPerCharge() {
    double expected = 36000.0 / 1.602176634e-19 * Math.pow(0.279e-9, 3) * 1e9;
    assertEquals(expected, Growth.nmPerMahCm2(0.279, 1), 1e-9 * expected);
    assertEquals(4880, Growth.nmPerMahCm2(0.279, 1), 1);
    assertEquals(expected, Growth.nmPerMahCm2(0.279 * Math.cbrt(8), 8), 1e-9 * expected);
  }

  @Test
  void exactPowerLawGivesItsExponentAndStopsAtStripping() {
    double k = Growth.nmPerMahCm2(0.279, 1);
    List<double[]> rows = new ArrayList<>();
    rows.add(row(0, 0, 0));
    rows.add(row(0.5 / k, 0.3, 0)); // h = 0.5 nm < 2 a: skipped
    double[] h = {1, 2, 4, 8, 16};
    for (double x : h) {
      rows.add(row(x / k, 0.7 * Math.pow(x, 0.4), 0));
    }
    rows.add(row(8 / k, 5.0, 1e-6)); // stripping: the first plating step is over
    rows.add(row(32 / k, 9.0, 1e-6));
    Map<String, Object> g = Growth.of(rows, 0.279, 1, 100);
    assertEquals(0.4, (Double) g.get("beta"), 1e-12);
    assertEquals(Math.log(0.7), (Double) g.get("lnPrefactor"), 1e-12);
    assertArrayEquals(h, (double[]) g.get("thickness_nm"), 1e-9);
    assertEquals(0.279 / 100, (Double) g.get("seiNmPerSite"), 1e-15);
    Map<String, Object> none = Growth.of(rows.subList(0, 3), 0.279, 1, 100);
    assertNull(none.get("beta"));
  }
}
