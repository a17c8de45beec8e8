package org.liko.plots;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.engine.MaterialTable;

/** Synthetic lattices and run/comparison folders, written with the module's own writers. */
final class Fixtures {
  static final long SEED = 20240611L;
  static final double SPACING_NM = 0.35;
  static final int FLUID = 0;
  static final int COLLECTOR = 1;
  static final int METAL = 2;
  static final int DEAD = 3;
  static final int SEI = 4;

  private Fixtures() {}

  /** Five materials; live and dead metal share a display colour on purpose. */
  static MaterialTable materials() {
    double inf = Double.POSITIVE_INFINITY;
    return MaterialTable.of(List.of(
        new Material("electrolyte", Material.FLUID, 0, 0, 0, inf, 0, 0xDDEEFF),
        new Material("collector", Material.ELECTRONIC | Material.FIXED | Material.DEPOSIT_ON,
            0, 30, 110, inf, 0, 0xB87333),
        new Material("li", Material.ELECTRONIC | Material.DEPOSIT_ON | Material.BEARS_CARRIER
            | Material.MOBILE, 0, 0, 4.9, inf, 0, 0x8C8C8C),
        new Material("li_dead", Material.ELECTRONIC | Material.BEARS_CARRIER, 0, 0, 4.9, inf,
            0, 0x8C8C8C),
        new Material("sei", Material.BEARS_CARRIER | Material.CARRIER_CONDUCTOR, 0.4, 0, 60,
            1, 0, 0x2E8B57)));
  }

  /** Uniformly random site bytes (material below {@code materials}, random carrier bit). */
  static Lattice random(Grid g, int materials, long seed) {
    Random r = new Random(seed);
    Lattice l = new Lattice(g);
    for (int i = 0; i < g.sites; i++) {
      l.setMaterial(i, r.nextInt(materials));
      l.setCarrier(i, r.nextInt(4) == 0);
    }
    return l;
  }

  /**
   * A plausible deposit: collector at z = 0, metal columns of random height with dead metal and
   * SEI on top, ions in the fluid.
   */
  static Lattice deposit(Grid g, long seed, double fill) {
    Random r = new Random(seed);
    Lattice l = new Lattice(g);
    for (int y = 0; y < g.ny; y++) {
      for (int x = 0; x < g.nx; x++) {
        int h = 1 + (int) (fill * (g.nz - 2) * r.nextDouble());
        for (int z = 0; z < g.nz; z++) {
          int i = g.index(x, y, z);
          int m = z == 0 ? COLLECTOR : z < h ? (r.nextInt(10) == 0 ? DEAD : METAL)
              : z == h ? SEI : FLUID;
          l.setMaterial(i, m);
          l.setCarrier(i, m == FLUID && r.nextInt(20) == 0);
        }
      }
    }
    return l;
  }

  /** The time series table of a run: 30 rows, every contract column. */
  static Csv.Table timeseries(long seed) {
    Random r = new Random(seed);
    List<String> cols = List.of("time_s", "charge_mAh_cm2", "events", "li_metal", "li_dead",
        "li_sei", "li_ions", "overpotential_V", "height_mean_nm", "height_p99_nm",
        "height_max_nm", "roughness_nm", "tips");
    List<double[]> rows = new ArrayList<>();
    for (int k = 0; k < 30; k++) {
      double t = k * 0.5;
      double mean = 2 + 0.3 * k + r.nextDouble();
      rows.add(new double[] {t, 1e-3 * k, 1000.0 * k, 100 + 20 * k, 3 * k, 10 + k,
          1000 - 24 * k, -0.05 - 0.01 * r.nextDouble(), mean, mean * 1.8, mean * 2.1,
          0.4 * mean, k % 5});
    }
    return new Csv.Table(cols, rows);
  }

  /** A complete run folder. */
  static void runFolder(Path dir, Grid g) throws IOException {
    MaterialTable mt = materials();
    AtomicFiles.writeString(dir.resolve("scenario.resolved.yaml"),
        "schemaVersion: 1\nstrategy: baseline\nlattice: " + g + "\ncurrent_mA_cm2: 1.0\n"
            + "note: \"<escaped & shown>\"\n");
    Csv.write(dir.resolve("timeseries.csv"), timeseries(SEED));
    ObjectNode s = Json.MAPPER.createObjectNode();
    s.put("version", "0.1.0").put("backend", "cpu").put("solver", "exact").put("seed", SEED)
        .put("events", 29000).put("simulatedTime_s", 14.5).put("wallTime_s", 1.2)
        .put("eventsPerSecond", 24166.7).putNull("shortCircuitTime_s");
    ObjectNode mats = s.putObject("materials");
    for (int id = 0; id < mt.size(); id++) {
      mats.put(Integer.toString(id), mt.get(id).name());
    }
    s.putObject("inventory").put("initial", 500).put("metal", 680).put("dead", 87);
    s.putObject("morphology").put("heightMean_nm", 11.2).put("roughness_nm", 4.4);
    s.putObject("dimensionless").put("Da", 0.3);
    ArrayNode cycles = s.putArray("cycles");
    for (int c = 1; c <= 4; c++) {
      cycles.addObject().put("cycle", c).put("platedCharge_mAh_cm2", 1.0)
          .put("strippedCharge_mAh_cm2", 0.9 - 0.02 * c)
          .put("coulombicEfficiency", 0.9 - 0.02 * c);
    }
    Json.write(dir.resolve("summary.json"), s);
    List<Pvd.Entry> entries = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      String name = String.format("snap_%04d.vti", k);
      Vti.write(dir.resolve(name), deposit(g, SEED + k, 0.1 + 0.1 * k), SPACING_NM,
          MaterialLegend.of(mt));
      entries.add(new Pvd.Entry(2.0 * k, name));
    }
    Pvd.write(dir.resolve("series.pvd"), entries);
    Lattice fin = deposit(g, SEED + 99, 0.8);
    Vti.write(dir.resolve("final.vti"), fin, SPACING_NM, MaterialLegend.of(mt));
    Vti.write(dir.resolve("plated_1.vti"), deposit(g, SEED + 50, 0.5), SPACING_NM,
        MaterialLegend.of(mt));
    Xyz.write(dir.resolve("final.xyz"), fin, SPACING_NM,
        Map.of(METAL, new Xyz.Species("Li", "li"), DEAD, new Xyz.Species("Li", "li_dead"),
            SEI, new Xyz.Species("F", "sei")));
  }

  /** Ids and display names of the strategies of {@link #comparisonFolder}. */
  static final String[] IDS = {"baseline", "lif_coating", "pulse_charging"};
  static final String[] NAMES = {"Baseline, bare Cu", "LiF artificial SEI, 20 nm",
      "Pulse \"1 Hz\""};
  /** Grid of the comparison fixture's run folders. */
  static final Grid COMPARE_GRID = new Grid(40, 1, 30);

  /**
   * A comparison folder with three strategies: comparison.csv (every column {@code liko
   * compare} writes; the roughness CI of the last row reaches below zero, no row has a short
   * circuit), comparison.json and two replica run folders per strategy with
   * {@code timeseries.csv}, {@code plated_1.vti} and {@code final.vti}.
   */
  static Csv.Text comparisonFolder(Path dir) throws IOException {
    List<String> cols = new ArrayList<>(List.of("strategy", "name", "n"));
    for (String stat : ComparisonFigures.STATISTICS.keySet()) {
      for (String suffix : List.of("_mean", "_ciLow", "_ciHigh", "_ratio", "_ratioLow",
          "_ratioHigh", "_n")) {
        cols.add(stat + suffix);
      }
    }
    cols.addAll(List.of("expectedTrend", "pValue", "held", "origin", "lever", "needs",
        "expectedStatistic", "note", "reproduced"));
    cols.addAll(ComparisonFigures.REGIME);
    String[] held = {"reference", "true", "inconclusive"};
    String[] pValues = {"NaN", "0.0012", "0.2"};
    String[] levers = {"", "sei.rate_Hz = 0.06 (the SEI loss is set <directly>)", ""};
    String[] reproduced = {"false", "true", "false"};
    String[] notes = {"Reference row: every ratio in the comparison is against this.",
        "Reproduced: a stiff LiF layer flattens the deposit (roughness about halved, beyond the"
            + " 95% CI over 10 replicas).", ""};
    List<String[]> rows = new ArrayList<>();
    MaterialTable mt = materials();
    for (int k = 0; k < IDS.length; k++) {
      List<String> r = new ArrayList<>(List.of(IDS[k], NAMES[k], "2"));
      int j = 0;
      for (String stat : ComparisonFigures.STATISTICS.keySet()) {
        boolean missing = stat.equals("shortCircuitTime_s");
        double mean = 10.0 - 2 * k + j++;
        double lo = stat.equals("roughness_nm") && k == 2 ? -4.7 : mean - 1;
        double ratio = mean / (10.0 + j - 1);
        r.addAll(missing ? List.of("", "", "", "", "", "", "0")
            : List.of(Double.toString(mean), Double.toString(lo), Double.toString(mean + 1.5),
                Double.toString(ratio), Double.toString(ratio - 0.1 - k),
                Double.toString(ratio + 0.1), "2"));
      }
      r.addAll(List.of(k == 0 ? "roughness_nm lower" : "roughness_nm lower", pValues[k],
          held[k], k == 1 ? "imposed" : "emergent", levers[k], k == 2 ? "field" : "",
          "roughness_nm", notes[k], reproduced[k], "1178.5", "0.0342", "118.3", "5.38"));
      rows.add(r.toArray(new String[0]));
      for (int rep = 0; rep < 2; rep++) {
        Path run = dir.resolve("runs").resolve(IDS[k]).resolve("r" + rep);
        Csv.write(run.resolve("timeseries.csv"), timeseries(SEED + 10 * k + rep));
        Vti.write(run.resolve("plated_1.vti"), deposit(COMPARE_GRID, SEED + k, 0.4), SPACING_NM,
            MaterialLegend.of(mt));
        Vti.write(run.resolve("final.vti"), deposit(COMPARE_GRID, SEED + 7 * k, 0.6),
            SPACING_NM, MaterialLegend.of(mt));
      }
    }
    Csv.Text t = new Csv.Text(cols, rows);
    Csv.write(dir.resolve("comparison.csv"), t);
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("scenario", "compare-default").put("lattice", "40x1x30").put("replicas", 2)
        .put("baseSeed", 1).put("holmAlpha", 0.05);
    Json.write(dir.resolve("comparison.json"), json);
    AtomicFiles.writeString(dir.resolve("scenario.resolved.yaml"), "schemaVersion: 1\n");
    return t;
  }
}
