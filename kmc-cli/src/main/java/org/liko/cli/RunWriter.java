package org.liko.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liko.engine.Lattice;
import org.liko.engine.MaterialTable;
import org.liko.model.LiMaterials;
import org.liko.model.Scenario;
import org.liko.model.Simulation;
import org.liko.plots.AtomicFiles;
import org.liko.plots.Csv;
import org.liko.plots.Json;
import org.liko.plots.Pvd;
import org.liko.plots.Report;
import org.liko.plots.RunFigures;
import org.liko.plots.Vti;
import org.liko.plots.Xyz;

/**
 * Writes one run folder (README "Outputs"), each file atomically: {@code
 * scenario.resolved.yaml}, {@code timeseries.csv}, {@code summary.json}, {@code final.vti},
 * {@code final.xyz}, optionally figures and {@code report.html}; snapshots ({@code snap_NNNN.vti}
 * and {@code series.pvd}) through {@link #snapshots}. Used by {@code liko run} and, per
 * strategy and replica, by {@code liko compare}.
 */
public final class RunWriter {
  /** Name of the resolved scenario file of a run folder. */
  public static final String SCENARIO = "scenario.resolved.yaml";
  /** Name of the summary file of a run folder. */
  public static final String SUMMARY = "summary.json";

  private RunWriter() {}

  /** Writes {@code scenario.resolved.yaml} (scenario, seed, liko version). */
  public static void writeScenario(Path dir, Scenario scenario, long seed) throws IOException {
    AtomicFiles.writeString(dir.resolve(SCENARIO), scenario.toResolvedYaml(seed, Version.liko()));
  }

  /** Edge of a lattice site in nm, as written into the VTK and XYZ files. */
  public static double siteNm(Scenario scenario) {
    return scenario.i("lattice.atomsPerSite") > 1
        ? 0.279 * Math.cbrt(scenario.i("lattice.atomsPerSite")) : scenario.d("lattice.siteNm");
  }

  /**
   * A listener that writes each snapshot as {@code snap_NNNN.vti} and keeps {@code series.pvd}
   * up to date; {@code next} receives every call as well (may be null).
   */
  public static Simulation.Listener snapshots(Path dir, Scenario scenario,
      Simulation.Listener next) {
    double siteNm = siteNm(scenario);
    List<Pvd.Entry> snaps = new ArrayList<>();
    return new Simulation.Listener() {
      @Override
      public void sample(double[] row) {
        if (next != null) {
          next.sample(row);
        }
      }

      @Override
      public void snapshot(int index, double time, Lattice l) {
        String name = String.format("snap_%04d.vti", index);
        try {
          Vti.write(dir.resolve(name), l, siteNm);
          snaps.add(new Pvd.Entry(time, name));
          Pvd.write(dir.resolve("series.pvd"), snaps);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + name, e);
        }
        if (next != null) {
          next.snapshot(index, time, l);
        }
      }

      @Override
      public void progress(double fraction, double[] row) {
        if (next != null) {
          next.progress(fraction, row);
        }
      }
    };
  }

  /**
   * Writes the outputs of a finished run into {@code dir}: the resolved scenario, the series,
   * the summary (liko version, backend and scenario name ahead of the simulation's summary), the
   * final lattice as VTK and extended XYZ, and with {@code plots} the figures and report.
   *
   * @return the summary as written to {@code summary.json}
   */
  public static Map<String, Object> write(Path dir, Scenario scenario, long seed,
      Simulation.Result result, String backend, boolean plots) throws IOException {
    writeScenario(dir, scenario, seed);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("version", Version.liko());
    summary.put("backend", backend);
    summary.put("scenario", scenario.name());
    if (scenario.strategy() != null) {
      summary.put("strategy", scenario.strategy().get("id"));
    }
    summary.putAll(result.summary());
    Csv.write(dir.resolve("timeseries.csv"), new Csv.Table(Simulation.COLUMNS, result.rows()));
    Lattice fin = result.model().lattice();
    double siteNm = siteNm(scenario);
    Vti.write(dir.resolve("final.vti"), fin, siteNm);
    Map<Integer, String> species = new LinkedHashMap<>();
    species.put(LiMaterials.LI, "Li");
    species.put(LiMaterials.LI_DEAD, "LiDead");
    species.put(LiMaterials.SEI_INORGANIC, "SEIi");
    species.put(LiMaterials.SEI_ORGANIC, "SEIo");
    Xyz.write(dir.resolve("final.xyz"), fin, siteNm, species);
    Json.write(dir.resolve(SUMMARY), summary);
    if (plots) {
      MaterialTable mt = result.model().materials();
      RunFigures.renderAll(dir, mt);
      Report.writeRun(dir, mt);
    }
    return summary;
  }
}
