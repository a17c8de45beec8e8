package org.liko.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.liko.engine.InputException;
import org.liko.engine.Lattice;
import org.liko.engine.MaterialTable;
import org.liko.model.Growth;
import org.liko.model.LiMaterials;
import org.liko.model.Nuclei;
import org.liko.model.Scenario;
import org.liko.model.Simulation;
import org.liko.plots.AtomicFiles;
import org.liko.plots.Csv;
import org.liko.plots.Json;
import org.liko.plots.MaterialLegend;
import org.liko.plots.Pvd;
import org.liko.plots.Report;
import org.liko.plots.Vti;
import org.liko.plots.Xyz;

/**
 * Writes one run folder (README "Outputs"), each file atomically and the small ones first: {@code
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
  /** Name of the series file of a run folder. */
  public static final String TIMESERIES = "timeseries.csv";
  /** Nucleus count and sizes per sample ({@code output.nuclei}). */
  public static final String NUCLEI = "nuclei.csv";
  /** ParaView colour preset of the materials (categorical, the colours of every figure). */
  public static final String PARAVIEW_PRESET = "materials.paraview.json";
  /** The lattice at the end of the first plating step. */
  public static final String FIRST_PLATING = "plated_1.vti";

  private RunWriter() {}

  /** Writes {@code scenario.resolved.yaml} (scenario, seed, liko version). */
  public static void writeScenario(Path dir, Scenario scenario, long seed) throws IOException {
    AtomicFiles.writeString(dir.resolve(SCENARIO), scenario.toResolvedYaml(seed, Version.liko()));
  }

  /** Edge of a lattice site in nm, as written into the VTK and XYZ files. */
  public static double siteNm(Scenario scenario) {
    return scenario.l("lattice.atomsPerSite") > 1
        ? 0.279 * Math.cbrt(scenario.l("lattice.atomsPerSite")) : scenario.d("lattice.siteNm");
  }

  /**
   * A listener that writes each snapshot as {@code snap_NNNN.vti} and keeps {@code series.pvd}
   * up to date; {@code next} receives every call as well (may be null). The lattice at the end
   * of the first plating step goes to {@value #FIRST_PLATING}.
   */
  public static Simulation.Listener snapshots(Path dir, Scenario scenario,
      Simulation.Listener next) {
    return listener(dir, scenario, true, next);
  }

  /**
   * A listener that writes {@value #FIRST_PLATING} at the end of the first plating step and,
   * with {@code snapshots}, each snapshot as {@code snap_NNNN.vti} with {@code series.pvd} kept
   * up to date; {@code next} receives every call as well (may be null).
   */
  public static Simulation.Listener listener(Path dir, Scenario scenario, boolean snapshots,
      Simulation.Listener next) {
    double siteNm = siteNm(scenario);
    MaterialLegend legend = MaterialLegend.of(LiMaterials.table(scenario));
    List<Pvd.Entry> snaps = new ArrayList<>();
    return new Simulation.Listener() {
      private boolean plated;

      @Override
      public void sample(double[] row) {
        if (next != null) {
          next.sample(row);
        }
      }

      @Override
      public void snapshot(int index, double time, Lattice l) {
        if (snapshots) {
          String name = String.format("snap_%04d.vti", index);
          try {
            Vti.write(dir.resolve(name), l, siteNm, legend);
            snaps.add(new Pvd.Entry(time, name));
            Pvd.write(dir.resolve("series.pvd"), snaps);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
          }
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

      /** A resumed run: the snapshots and first plating written before the checkpoint. */
      @Override
      public void resumed(List<double[]> rows, List<Double> snapshotTimes, boolean platingEnded) {
        snaps.clear();
        if (snapshots) {
          for (int k = 0; k < snapshotTimes.size(); k++) {
            snaps.add(new Pvd.Entry(snapshotTimes.get(k), String.format("snap_%04d.vti", k)));
          }
        }
        plated = platingEnded;
        if (next != null) {
          next.resumed(rows, snapshotTimes, platingEnded);
        }
      }

      @Override
      public void platingEnd(int step, double time, Lattice l) {
        if (!plated) {
          plated = true;
          try {
            Vti.write(dir.resolve(FIRST_PLATING), l, siteNm, legend);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FIRST_PLATING, e);
          }
        }
        if (next != null) {
          next.platingEnd(step, time, l);
        }
      }
    };
  }

  /**
   * Writes the outputs of a finished run into {@code dir}: the resolved scenario, the series,
   * the summary (liko version, backend and scenario name ahead of the simulation's summary), the
   * final lattice as VTK and extended XYZ, and with {@code plots} the figures and report. The
   * small files come first: when a big file cannot be written, {@code summary.json} and
   * {@code timeseries.csv} are already complete.
   *
   * @return the summary as written to {@code summary.json}
   * @throws InputException when a file after the summary cannot be written (the output folder's
   *     fault, e.g. a full disk or a folder in the file's place); the message names the file and
   *     says that the summary and series are kept
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
    org.liko.engine.Grid grid = result.model().lattice().grid();
    summary.put("growth", Growth.of(result.rows(), siteNm(scenario),
        scenario.i("lattice.atomsPerSite"), (long) grid.nx * grid.ny));
    Csv.write(dir.resolve(TIMESERIES), new Csv.Table(Simulation.COLUMNS, result.rows(),
        countColumns(Simulation.COLUMNS)));
    if (!result.nuclei().isEmpty()) {
      Csv.write(dir.resolve(NUCLEI), new Csv.Table(Nuclei.COLUMNS, result.nuclei(),
          Set.of("nuclei")));
    }
    Json.write(dir.resolve(SUMMARY), summary);
    Lattice fin = result.model().lattice();
    double siteNm = siteNm(scenario);
    MaterialTable mt = result.model().materials();
    MaterialLegend legend = MaterialLegend.of(mt);
    kept(dir, "final.vti", () -> Vti.write(dir.resolve("final.vti"), fin, siteNm, legend));
    kept(dir, "final.xyz", () -> Xyz.write(dir.resolve("final.xyz"), fin, siteNm,
        xyzSpecies(mt)));
    kept(dir, PARAVIEW_PRESET, () -> AtomicFiles.writeString(dir.resolve(PARAVIEW_PRESET),
        legend.paraviewPreset()));
    if (plots) {
      kept(dir, "figures and report.html", () -> Report.writeRun(dir, mt));
    }
    return summary;
  }

  /** One write after the summary. */
  @FunctionalInterface
  private interface Step {
    void run() throws IOException;
  }

  /** Runs a write after the summary; an I/O failure becomes an error naming the kept files. */
  private static void kept(Path dir, String what, Step step) {
    try {
      step.run();
    } catch (IOException | UncheckedIOException e) {
      throw new InputException("cannot write " + what + " in " + dir + " (" + e + "); "
          + SUMMARY + " and " + TIMESERIES + " are complete", e);
    }
  }

  /**
   * Columns of {@code timeseries.csv} that count (events, Li atoms, the step index): written as
   * integers.
   */
  static Set<String> countColumns(List<String> columns) {
    Set<String> out = new LinkedHashSet<>();
    for (String c : columns) {
      if (c.equals("events") || c.equals("step") || c.startsWith("li_")) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * The sites of {@code final.xyz}: Li metal and dead Li as {@code Li}; SEI as a stand-in
   * element, F for the inorganic SEI (LiF-rich) and O for the organic one (O is the most
   * frequent element of its carbonate and alkoxide products, e.g. (CH2OCO2Li)2); the material
   * column tells them apart.
   */
  static Map<Integer, Xyz.Species> xyzSpecies(MaterialTable mt) {
    Map<Integer, Xyz.Species> species = new LinkedHashMap<>();
    species.put(LiMaterials.LI, new Xyz.Species("Li", mt.get(LiMaterials.LI).name()));
    species.put(LiMaterials.LI_DEAD, new Xyz.Species("Li", mt.get(LiMaterials.LI_DEAD).name()));
    species.put(LiMaterials.SEI_INORGANIC,
        new Xyz.Species("F", mt.get(LiMaterials.SEI_INORGANIC).name()));
    species.put(LiMaterials.SEI_ORGANIC,
        new Xyz.Species("O", mt.get(LiMaterials.SEI_ORGANIC).name()));
    return species;
  }
}
