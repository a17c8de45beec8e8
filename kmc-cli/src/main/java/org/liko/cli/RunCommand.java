package org.liko.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.liko.engine.InputException;
import org.liko.engine.Lattice;
import org.liko.engine.MaterialTable;
import org.liko.engine.backend.Backends;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code liko run SCENARIO}: runs one scenario and writes its outputs (README "Outputs"), each
 * file atomically.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Run one scenario file and write series, summary, lattice, figures and report.")
public final class RunCommand implements Callable<Integer> {
  /** Seed used when neither --seed nor the scenario gives one. */
  public static final long DEFAULT_SEED = 1L;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario YAML file.")
  Path scenarioFile;

  @Mixin OutputOptions output;

  @Option(names = "--seed", paramLabel = "N",
      description = "Random seed (default: the scenario's, else " + DEFAULT_SEED + ").")
  Long seed;

  @Option(names = "--solver", paramLabel = "S", defaultValue = "exact",
      description = "exact (BKL, CPU reference). Default: ${DEFAULT-VALUE}.")
  String solver;

  @Option(names = "--backend", paramLabel = "B", defaultValue = "cpu",
      description = "cpu, cpu-parallel, opencl, cuda or auto. Default: ${DEFAULT-VALUE}.")
  String backend;

  @Option(names = "--lattice", paramLabel = "NXxNZ|NXxNYxNZ",
      description = "Override the scenario's lattice, e.g. 256x128 or 64x64x32.")
  String lattice;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Option(names = "--no-plots", description = "Skip figures and report.html.")
  boolean noPlots;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Scenario scenario = Scenario.load(scenarioFile);
    if (lattice != null) {
      int[] d = Scenario.parseLattice(lattice, "--lattice");
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("lattice.nx", d[0]);
      o.put("lattice.ny", d[1]);
      o.put("lattice.nz", d[2]);
      scenario = scenario.with(o, "--lattice");
    }
    if (!solver.equals("exact")) {
      throw new InputException("--solver: value '" + solver + "' is not available; allowed: exact");
    }
    String backendName = backend;
    if (backend.equals("auto")) {
      backendName = "cpu";
      err.println("liko: --backend auto: the exact solver runs on the CPU only; chose cpu");
    } else if (!backend.equals("cpu")) {
      Backends.load().select(backend); // unknown -> exit 2, unavailable -> exit 3
      throw new InputException("--backend: value '" + backend + "' runs only --solver parallel;"
          + " allowed with --solver exact: cpu");
    }
    long usedSeed = seed != null ? seed : scenario.seed() != null ? scenario.seed() : DEFAULT_SEED;
    Simulation sim = new Simulation(scenario, usedSeed).interruptedBy(Interrupts::requested);
    sim.prepare(); // bad sizes fail here, before any file exists
    Path dir = output.resolve();
    MaterialTable mt = sim.materials();
    err.println("liko: running " + scenario.name() + " (seed " + usedSeed + ") into " + dir);
    AtomicFiles.writeString(dir.resolve("scenario.resolved.yaml"),
        scenario.toResolvedYaml(usedSeed, Version.liko()));
    double siteNm = scenario.i("lattice.atomsPerSite") > 1
        ? 0.279 * Math.cbrt(scenario.i("lattice.atomsPerSite")) : scenario.d("lattice.siteNm");
    List<Pvd.Entry> snaps = new ArrayList<>();
    Simulation.Result result;
    try (Progress progress = Progress.open(err, quiet, "run " + scenario.name());
        Interrupts.Scope scope = Interrupts.cooperative()) {
      result = sim.run(new Simulation.Listener() {
        @Override
        public void snapshot(int index, double time, Lattice l) {
          String name = String.format("snap_%04d.vti", index);
          try {
            Vti.write(dir.resolve(name), l, siteNm);
            snaps.add(new Pvd.Entry(time, name));
            Pvd.write(dir.resolve("series.pvd"), snaps);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + name, e);
          }
        }

        @Override
        public void progress(double fraction, double[] row) {
          progress.update(fraction, row[0], row[1]);
        }
      });
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("version", Version.liko());
    summary.put("backend", backendName);
    summary.put("scenario", scenario.name());
    summary.putAll(result.summary());
    Csv.write(dir.resolve("timeseries.csv"), new Csv.Table(Simulation.COLUMNS, result.rows()));
    Lattice fin = result.model().lattice();
    Vti.write(dir.resolve("final.vti"), fin, siteNm);
    Map<Integer, String> species = new LinkedHashMap<>();
    species.put(LiMaterials.LI, "Li");
    species.put(LiMaterials.LI_DEAD, "LiDead");
    species.put(LiMaterials.SEI_INORGANIC, "SEIi");
    species.put(LiMaterials.SEI_ORGANIC, "SEIo");
    Xyz.write(dir.resolve("final.xyz"), fin, siteNm, species);
    Json.write(dir.resolve("summary.json"), summary);
    if (!noPlots) {
      RunFigures.renderAll(dir, mt);
      Report.writeRun(dir, mt);
    }
    printSummary(out, summary, dir);
    return Interrupts.requested() ? Interrupts.exitCode() : ExitCode.OK;
  }

  @SuppressWarnings("unchecked")
  static void printSummary(PrintWriter out, Map<String, Object> s, Path dir) {
    Map<String, Object> m = (Map<String, Object>) s.get("morphology");
    Map<String, Object> inv = (Map<String, Object>) s.get("inventory");
    out.printf("scenario        %s%n", s.get("scenario"));
    out.printf("stop            %s after %d events, %.4g s simulated, %.3g s wall (%.3g events/s)%n",
        s.get("stopReason"), (Long) s.get("events"), (Double) s.get("simulatedTime_s"),
        (Double) s.get("wallTime_s"), (Double) s.get("eventsPerSecond"));
    out.printf("height          mean %.3f nm, p99 %.3f nm, max %.3f nm, roughness %.3f nm%n",
        m.get("heightMean_nm"), m.get("heightP99_nm"), m.get("heightMax_nm"),
        m.get("roughness_nm"));
    out.printf("Li inventory    metal %s, dead %s, SEI %s, ions %s (dead fraction %.4f)%n",
        inv.get("metal"), inv.get("dead"), inv.get("sei"), inv.get("ions"), m.get("deadFraction"));
    out.printf("output          %s%n", dir);
    out.flush();
  }
}
