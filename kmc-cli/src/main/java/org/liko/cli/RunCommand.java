package org.liko.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.liko.engine.InputException;
import org.liko.engine.backend.Backends;
import org.liko.engine.backend.Lockstep;
import org.liko.model.Catalogue;
import org.liko.model.Scenario;
import org.liko.model.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code liko run SCENARIO|STRATEGY_ID}: runs one scenario (a file, or a catalogue strategy) and writes its outputs (README "Outputs"), each
 * file atomically.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Run one scenario file or catalogue strategy and write series, summary,"
        + " lattice, figures and report.")
public final class RunCommand implements Callable<Integer> {
  /** Seed used when neither --seed nor the scenario gives one. */
  public static final long DEFAULT_SEED = 1L;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO|STRATEGY_ID",
      description = "Scenario YAML file, or the id of a catalogue strategy (liko strategies).")
  String scenarioArg;

  @Option(names = "--catalogue", paramLabel = "DIR",
      description = "Extra strategy files (*.yaml, layered over the default comparison scenario);"
          + " an id equal to an embedded one replaces it.")
  Path catalogueDir;

  @Mixin OutputOptions output;

  @Option(names = "--seed", paramLabel = "N",
      description = "Random seed (default: the scenario's, else " + DEFAULT_SEED + ").")
  Long seed;

  @Option(names = "--solver", paramLabel = "S", defaultValue = "exact",
      description = "exact (BKL, CPU reference) or parallel (sector method on --backend)."
          + " Default: ${DEFAULT-VALUE}.")
  String solver;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "Worker threads of the parallel solver (0: the backend's default)."
          + " Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--window", paramLabel = "TAU", defaultValue = "0",
      description = "Fixed sweep window of the parallel solver in seconds (0: automatic, "
          + "0.15 expected attempts per site and colour per sweep). Default: ${DEFAULT-VALUE}.")
  double window;

  @Option(names = "--backend", paramLabel = "B", defaultValue = "cpu",
      description = "cpu, cpu-parallel, opencl, cuda or auto. Default: ${DEFAULT-VALUE}.")
  String backend;

  @Option(names = "--lattice", paramLabel = "NXxNZ|NXxNYxNZ",
      description = "Override the scenario's lattice, e.g. 256x128 or 64x64x32; a separator"
          + " keeps its fraction of the box height.")
  String lattice;

  @Option(names = "--lockstep", description = "With --solver parallel: run the cpu backend"
      + " beside the chosen one and compare the lattice and every table after each pass; the"
      + " first difference stops the run (exit 1) naming the pass and site. Slow: for checking a"
      + " GPU, driver or build.")
  boolean lockstep;

  @Option(names = "--checkpoint-every", paramLabel = "DURATION",
      description = "Also write " + RunCheckpoint.FILE + " into the output folder every"
          + " DURATION of wall time (e.g. 30m, 2h, 1h30m); SIGINT/SIGTERM always write one."
          + " Continue with liko resume DIR.")
  String checkpointEvery;

  /** Test hook: stop as on SIGTERM at the first interrupt poll after N events. */
  @Option(names = "--stop-after-events", hidden = true, paramLabel = "N")
  long stopAfterEvents;

  @Mixin QuietOption quiet;

  @Option(names = "--no-plots", description = "Skip figures and report.html.")
  boolean noPlots;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter diag = quiet.diagnostics(err);
    Scenario scenario = ScenarioEdits.lattice(resolveScenario(scenarioArg, catalogueDir, diag),
        lattice);
    long usedSeed = seed != null ? seed : scenario.seed() != null ? scenario.seed() : DEFAULT_SEED;
    Simulation sim = new Simulation(scenario, usedSeed).interruptedBy(Interrupts::requested);
    if (lockstep && !solver.equals("parallel")) {
      throw new InputException("--lockstep: only with --solver parallel");
    }
    String backendName = configure(sim, solver, backend, threads, window, diag);
    if (lockstep) {
      Backends all = Backends.load();
      sim.backend(new Lockstep(all.select(backendName), all.select("cpu")));
      diag.println("liko: --lockstep: checking " + backendName + " against cpu after every pass");
    }
    long everyNanos = checkpointEvery != null
        ? RunCheckpoint.parseDuration("--checkpoint-every", checkpointEvery) : 0;
    sim.prepare(); // bad sizes fail here, before any file exists
    Path dir = output.resolve();
    diag.println("liko: running " + scenario.name() + " (seed " + usedSeed + ") into " + dir);
    RunWriter.writeScenario(dir, scenario, usedSeed);
    RunCheckpoint ckpt = new RunCheckpoint(dir, scenario.toResolvedYaml(usedSeed,
        Version.liko()), new RunCheckpoint.Options(usedSeed, solver, backendName, threads,
        window, !noPlots), everyNanos, stopAfterEvents, diag);
    sim.checkpoints(ckpt);
    return execute(sim, null, scenario, usedSeed, dir, backendName, !noPlots, ckpt, spec,
        quiet.quiet(), out, err);
  }

  /**
   * Runs (or, with {@code state}, resumes) sim into dir, writes the outputs and the summary
   * and keeps or removes the checkpoint; the exit code.
   */
  static int execute(Simulation sim, byte[] state, Scenario scenario, long seed, Path dir,
      String backendName, boolean plots, RunCheckpoint ckpt, CommandSpec spec, boolean quiet,
      PrintWriter out, PrintWriter err) throws java.io.IOException {
    Simulation.Result result;
    try (Progress progress = Progress.open(err, Main.terminalOf(spec.commandLine()),
            quiet, "run " + scenario.name());
        Interrupts.Scope scope = Interrupts.cooperative()) {
      Simulation.Listener listener = RunWriter.snapshots(dir, scenario,
          new Simulation.Listener() {
            @Override
            public void progress(double fraction, double[] row) {
              progress.update(fraction, row[0], row[1]);
            }
          });
      result = state == null ? sim.run(listener)
          : sim.resume(state, dir.resolve(RunCheckpoint.FILE).toString(), listener);
    }
    Map<String, Object> summary =
        RunWriter.write(dir, scenario, seed, result, backendName, plots);
    printSummary(out, summary, dir);
    ckpt.finish(result.stopReason(), quiet ? null : err);
    return Interrupts.requested() ? Interrupts.exitCode() : ExitCode.OK;
  }

  /**
   * SCENARIO as a file when it is one, else as a strategy id of the catalogue (layered over the
   * default comparison scenario); catalogue notices go to {@code err}.
   */
  static Scenario resolveScenario(String scenarioArg, Path catalogueDir, PrintWriter err) {
    Path file = Path.of(scenarioArg);
    if (Files.exists(file)) {
      return Scenario.load(file);
    }
    boolean looksLikeFile = scenarioArg.endsWith(".yaml") || scenarioArg.endsWith(".yml")
        || scenarioArg.contains("/") || scenarioArg.contains(java.io.File.separator);
    if (looksLikeFile && catalogueDir == null) {
      return Scenario.load(file); // "no such scenario file"
    }
    Catalogue catalogue = Catalogue.load(catalogueDir, m -> err.println("liko: " + m));
    if (!catalogue.contains(scenarioArg)) {
      throw new InputException("SCENARIO: '" + scenarioArg + "' is neither a scenario file nor"
          + " a strategy id; known strategies: " + String.join(", ", catalogue.ids()));
    }
    return catalogue.get(scenarioArg).scenario();
  }

  /**
   * Sets the solver, backend, threads and window of sim; returns the backend's name. With
   * {@code --solver parallel}, {@code auto} picks a backend and says which and why on stderr; an
   * unknown backend is bad input (exit 2), an unavailable one exit 3.
   */
  static String configure(Simulation sim, String solver, String backend, int threads,
      double window, PrintWriter err) {
    sim.solver(solver);
    if (!solver.equals("parallel")) {
      if (threads != 0 || window != 0) {
        throw new InputException("--threads/--window: only with --solver parallel");
      }
      return exactBackend(backend, err);
    }
    org.liko.engine.backend.Backend b = parallelBackend(backend, err);
    sim.backend(b).threads(threads).window(window);
    return b.name();
  }

  /**
   * The backend of {@code --solver parallel}: {@code auto} picks one and says which and why on
   * stderr; unknown is bad input (exit 2), unavailable or unable to open a sweep engine (e.g.
   * a backend whose engine is not written yet) exit 3, before any output exists.
   */
  static org.liko.engine.backend.Backend parallelBackend(String backend, PrintWriter err) {
    if (backend.equals("auto")) {
      Backends.Choice c = Backends.load().auto();
      err.println("liko: --backend auto: chose " + c.backend().name() + " (" + c.explanation()
          + ")");
      return c.backend();
    }
    Backends all = Backends.load();
    return all.requireOpens(all.select(backend)); // cannot open a sweep engine -> exit 3
  }

  /**
   * The backend the exact solver runs on: {@code cpu}; {@code auto} chooses cpu (said on
   * stderr); an unknown backend is bad input, an unavailable one exit 3, any other an error.
   */
  static String exactBackend(String backend, PrintWriter err) {
    if (backend.equals("auto")) {
      err.println("liko: --backend auto: the exact solver runs on the CPU only; chose cpu");
      return "cpu";
    } else if (!backend.equals("cpu")) {
      Backends.load().select(backend); // unknown -> exit 2, unavailable -> exit 3
      throw new InputException("--backend: value '" + backend + "' runs only --solver parallel;"
          + " allowed with --solver exact: cpu");
    }
    return backend;
  }

  @SuppressWarnings("unchecked")
  static void printSummary(PrintWriter out, Map<String, Object> s, Path dir) {
    Map<String, Object> m = (Map<String, Object>) s.get("morphology");
    Map<String, Object> inv = (Map<String, Object>) s.get("inventory");
    out.printf("scenario        %s%n", s.get("scenario"));
    if ("parallel".equals(s.get("solver"))) {
      out.printf("solver          parallel on %s, %s threads, %s sweeps%n", s.get("backend"),
          s.get("threads"), s.get("sweeps"));
    } else {
      out.printf("solver          %s%n", s.get("solver"));
    }
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
