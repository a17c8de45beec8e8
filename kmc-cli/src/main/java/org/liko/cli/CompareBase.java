package org.liko.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.liko.engine.InputException;
import org.liko.model.Catalogue;
import org.liko.model.CompareRegime;
import org.liko.model.Scenario;
import org.liko.model.Simulation;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code liko compare} and {@code liko sweep} share: the options, the {@link ComparePlan},
 * running this shard's runs on a thread pool, the {@link Manifest} kept up to date after every
 * run, {@code --resume}, and, when the folder holds every run, the comparison files of every
 * point ({@link CompareCommand#writeComparison}). A subclass says only which grid points it
 * runs.
 */
abstract class CompareBase implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--only", paramLabel = "ID[,ID...]", split = ",",
      description = "Only these strategies (the baseline is always included).")
  List<String> only;

  @Option(names = "--regime", paramLabel = "R",
      description = "Setting of the comparison: atomistic (the atomistic catalogue on the"
          + " default comparison scenario, 0.28 nm sites), cell (the mesoscale catalogue on a"
          + " coin cell's separator-on-deposit setting at J/J_lim ~ 0.05, 100 nm sites) or"
          + " transport (the mesoscale catalogue in a liquid gap above the limiting current)."
          + " Default: atomistic.")
  String regimeText;

  @Option(names = "--replicas", paramLabel = "R", defaultValue = "5",
      description = "Runs per strategy. Default: ${DEFAULT-VALUE}.")
  int replicas;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Base seed: replica k of every strategy uses seed N + k. Default:"
          + " ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--backend", paramLabel = "B", defaultValue = "cpu",
      description = "cpu or auto for the exact solver; cpu, cpu-parallel or auto for"
          + " --solver parallel (each run on 1 thread). Default: ${DEFAULT-VALUE}.")
  String backend;

  @Option(names = "--solver", paramLabel = "S", defaultValue = "exact",
      description = "exact or parallel. Default: ${DEFAULT-VALUE}.")
  String solver;

  @Option(names = "--threads", paramLabel = "T",
      description = "Runs in parallel (default: all cores); results do not depend on it.")
  Integer threads;

  @Option(names = "--catalogue", paramLabel = "DIR",
      description = "Extra strategy files (*.yaml, layered over the default comparison scenario);"
          + " an id equal to an embedded one replaces it.")
  Path catalogueDir;

  @Option(names = "--shard", paramLabel = "i/N",
      description = "Run only share i of N of the runs (1 <= i <= N; round robin over the runs"
          + " in replica order); put the shard folders together with liko merge.")
  String shardText;

  @Option(names = "--resume", description = "Continue the comparison in --out: keep its"
      + " complete runs, continue those stopped with a checkpoint from it, run the others. An empty or missing --out starts afresh. Refused when --out holds"
      + " another comparison (options, scenario, liko version or shard).")
  boolean resume;

  /** Test hook: stop as on SIGTERM once a run passed N events (at its next interrupt poll). */
  @Option(names = "--stop-after-events", hidden = true, paramLabel = "N")
  long stopAfterEvents;

  @Mixin OutputOptions output;

  @Mixin QuietOption quiet;

  @Option(names = "--no-plots", description = "Skip comparison figures and report.html.")
  boolean noPlots;

  @Option(names = "--run-plots", description = "Also write figures and a report in every run"
      + " folder (slow; off by default).")
  boolean runPlots;

  private org.liko.engine.backend.Backend parallelBackend;

  /** {@code compare} or {@code sweep}. */
  abstract String command();

  /** Names of the grid parameters (empty for compare). */
  abstract List<String> parameters();

  /**
   * The grid points as scenario edits: per point, the parameter values as given and the
   * {@code --lattice}, {@code --cycles}, {@code --current} edits (null: unchanged).
   */
  abstract List<Edits> edits();

  /**
   * The edits of one grid point.
   *
   * @param values parameter name to value as given (empty for compare)
   */
  record Edits(Map<String, String> values, String lattice, Integer cycles, Double current) {
    /** Folder of the point: "" for compare, else e.g. {@code current-0.5_cycles-2}. */
    String folder() {
      List<String> parts = new ArrayList<>();
      values.forEach((k, v) -> parts.add(k + "-" + v));
      return String.join("_", parts);
    }
  }

  /** sim on the chosen solver (parallel: the chosen backend, one thread per run). */
  private Simulation configure(Simulation sim) {
    if (parallelBackend != null) {
      sim.solver("parallel").backend(parallelBackend).threads(1);
    }
    return sim;
  }

  @Override
  public Integer call() throws Exception {
    long wall0 = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = quiet.diagnostics(spec.commandLine().getErr());
    if (replicas < 1) {
      throw new InputException("--replicas: value " + replicas + " is out of range; allowed: >= 1");
    }
    if (threads != null && threads < 1) {
      throw new InputException("--threads: value " + threads + " is out of range; allowed: >= 1");
    }
    Shard shard = Shard.parse(shardText);
    if (resume && output.out() == null) {
      throw new InputException("--resume: needs --out DIR, the folder of the comparison to"
          + " continue");
    }
    String backendName;
    if (solver.equals("parallel")) {
      parallelBackend = RunCommand.parallelBackend(backend, err);
      backendName = parallelBackend.name();
    } else if (solver.equals("exact")) {
      backendName = RunCommand.exactBackend(backend, err);
    } else {
      throw new InputException("--solver: unknown value '" + solver + "'; allowed: exact,"
          + " parallel");
    }
    CompareRegime regime = regimeText == null ? CompareRegime.DEFAULT
        : CompareRegime.parse(regimeText, "--regime");
    Catalogue catalogue = Catalogue.load(regime, catalogueDir, m -> err.println("liko: " + m));
    List<Catalogue.Strategy> strategies = select(catalogue);
    List<Edits> edits = edits();
    Scenario[] defaults = new Scenario[edits.size()];
    Scenario[][] scenarios = new Scenario[edits.size()][strategies.size()];
    List<ComparePlan.Point> points = new ArrayList<>();
    for (int p = 0; p < edits.size(); p++) {
      Edits e = edits.get(p);
      for (int s = 0; s < strategies.size(); s++) {
        Scenario sc = ScenarioEdits.apply(strategies.get(s).scenario(), e.lattice(), e.cycles(),
            e.current());
        configure(new Simulation(sc, seed)).prepare(); // bad input fails here, before any file
        scenarios[p][s] = sc;
      }
      Scenario d = ScenarioEdits.apply(catalogue.defaultScenario(), e.lattice(), e.cycles(),
          e.current());
      defaults[p] = d;
      points.add(new ComparePlan.Point(e.folder(), e.values(), d.name(), d.i("lattice.nx") + "x"
          + d.i("lattice.ny") + "x" + d.i("lattice.nz")));
    }
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("regime", regime.id());
    options.put("solver", solver);
    options.put("backend", backendName);
    options.put("runPlots", runPlots);
    ComparePlan plan = ComparePlan.of(command(), parameters(), points, strategies, defaults,
        scenarios, replicas, seed, options);

    Path dir = resume ? OutputDir.prepare(output.out(), true) : output.resolve();
    Manifest manifest = resumed(dir, plan, shard, err);
    for (int p = 0; p < points.size(); p++) {
      Path pd = Files.createDirectories(plan.pointDir(dir, p));
      RunWriter.writeScenario(pd, defaults[p], seed);
    }
    List<ComparePlan.Run> mine = new ArrayList<>();
    for (ComparePlan.Run r : plan.runs()) {
      if (shard.owns(r.index()) && !Manifest.DONE.equals(manifest.status(r.index()))) {
        mine.add(r);
      }
    }
    manifest.write(dir);
    int total = mine.size();
    int pool = Math.max(1, Math.min(total, threads != null ? threads : Runtime.getRuntime()
        .availableProcessors()));
    err.println("liko: " + command() + ": " + (points.size() > 1 ? points.size() + " points x "
        : "") + strategies.size() + " strategies x " + replicas + " replicas (seeds " + seed
        + ".." + (seed + replicas - 1) + "), regime " + regime.id()
        + (shard.whole() ? "" : ", shard " + shard + ": "
        + total + " runs") + " on " + pool + " threads into " + dir);
    runAll(dir, plan, scenarios, manifest, mine, pool, backendName, err);

    boolean complete = plan.runs().stream()
        .allMatch(r -> Manifest.DONE.equals(manifest.status(r.index())));
    if (shard.whole() || complete) {
      writeAll(dir, plan, manifest, !noPlots, out);
      out.printf(Locale.ROOT, "%d runs (%s%d strategies x %d replicas) on %d threads, wall time"
          + " %.1f s%noutput %s%n", total, points.size() > 1 ? points.size() + " points x " : "",
          strategies.size(), replicas, pool, (System.nanoTime() - wall0) * 1e-9, dir);
    } else {
      long done = plan.runs().stream()
          .filter(r -> Manifest.DONE.equals(manifest.status(r.index()))).count();
      long owned = plan.runs().stream().filter(r -> shard.owns(r.index())).count();
      out.printf(Locale.ROOT, "shard %s: %d of its %d runs done (of %d in all), wall time"
          + " %.1f s%noutput %s%n%s", shard, done, owned, plan.runs().size(),
          (System.nanoTime() - wall0) * 1e-9, dir, done == owned
              ? "put the shards together with: liko merge SHARD_DIR... --out DIR\n"
              : "continue it with the same command and --resume\n");
    }
    out.flush();
    return Interrupts.requested() ? Interrupts.exitCode() : ExitCode.OK;
  }

  /**
   * The manifest to continue: with {@code --resume} and a manifest in {@code dir}, that one
   * (runs marked done whose folder lacks {@code summary.json} run again); otherwise a new one.
   *
   * @throws InputException when the folder holds another comparison or shard, or is not empty
   *     and has no manifest
   */
  private Manifest resumed(Path dir, ComparePlan plan, Shard shard, PrintWriter err)
      throws IOException {
    if (!resume || !Files.exists(dir.resolve(Manifest.FILE))) {
      if (resume) {
        try (var entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new InputException("--resume: '" + dir + "' is not empty and has no "
                + Manifest.FILE + ", so it is not a comparison to continue; choose another"
                + " --out");
          }
        }
      }
      return new Manifest(plan, shard);
    }
    Manifest old = Manifest.read(dir);
    List<String> diff = ComparePlan.differences(old.plan().json(), plan.json(), 5);
    if (!diff.isEmpty()) {
      throw new InputException("--resume: '" + dir + "' holds another comparison; it differs"
          + " in " + String.join("; ", diff) + " (recorded vs now); use the same options and"
          + " liko version, or another --out");
    }
    if (!old.shard().equals(shard)) {
      throw new InputException("--resume: '" + dir + "' holds shard " + old.shard()
          + ", not " + shard + "; give the same --shard");
    }
    int kept = 0;
    for (ComparePlan.Run r : plan.runs()) {
      if (Manifest.DONE.equals(old.status(r.index()))) {
        if (Files.isRegularFile(plan.runDir(dir, r).resolve(RunWriter.SUMMARY))) {
          kept++;
        } else {
          old.set(r.index(), Manifest.PENDING);
        }
      }
    }
    err.println("liko: --resume: keeping " + kept + " complete runs of " + dir);
    return old;
  }

  /** Runs {@code mine} on {@code pool} threads, marking each in the manifest as it ends. */
  private void runAll(Path dir, ComparePlan plan, Scenario[][] scenarios, Manifest manifest,
      List<ComparePlan.Run> mine, int pool, String backendName, PrintWriter err)
      throws IOException {
    int total = mine.size();
    AtomicInteger done = new AtomicInteger();
    ExecutorService exec = Executors.newFixedThreadPool(pool, r -> {
      Thread t = new Thread(r, "liko-compare");
      t.setDaemon(true);
      return t;
    });
    try (Interrupts.Scope scope = Interrupts.cooperative();
        Progress progress = Progress.open(spec.commandLine().getErr(),
            Main.terminalOf(spec.commandLine()), quiet.quiet(), command())) {
      List<Future<?>> futures = new ArrayList<>();
      for (ComparePlan.Run run : mine) {
        Scenario edited = scenarios[run.point()][run.strategy()];
        futures.add(exec.submit(() -> {
          if (Interrupts.requested()) {
            return null;
          }
          Path runDir = Files.createDirectories(plan.runDir(dir, run));
          Simulation sim = configure(new Simulation(edited, run.seed()))
              .interruptedBy(Interrupts::requested);
          // a run that SIGINT/SIGTERM stops writes its checkpoint; --resume continues it from
          // there rather than from its start
          String resolved = edited.toResolvedYaml(run.seed(), Version.liko());
          RunCheckpoint ckpt = new RunCheckpoint(runDir, resolved, new RunCheckpoint.Options(
              run.seed(), solver, backendName, 0, 0, runPlots), 0, stopAfterEvents, null);
          sim.checkpoints(ckpt);
          byte[] state = null;
          if (resume && Files.isRegularFile(runDir.resolve(RunCheckpoint.FILE))) {
            state = RunCheckpoint.read(runDir, resolved).state();
            err.println("liko: " + command() + ": " + plan.name(run) + " continues from its"
                + " checkpoint");
          }
          Simulation.Listener listener = RunWriter.listener(runDir, edited, false, null);
          Simulation.Result r = state == null ? sim.run(listener)
              : sim.resume(state, runDir.resolve(RunCheckpoint.FILE).toString(), listener);
          Map<String, Object> summary = RunWriter.write(runDir, edited, run.seed(), r,
              backendName, runPlots);
          ckpt.finish(r.stopReason(), null);
          boolean stopped = "interrupted".equals(r.stopReason());
          manifest.set(run.index(), stopped ? Manifest.INTERRUPTED : Manifest.DONE);
          manifest.write(dir);
          int n = done.incrementAndGet();
          synchronized (progress) {
            progress.runs(n, total, plan.name(run));
          }
          if (!progress.active()) {
            err.printf(Locale.ROOT, "liko: %s: %d/%d runs %s (%s, %.2f s)%n", command(), n,
                total, stopped ? "ended, the last one stopped" : "done", plan.name(run),
                (Double) summary.get("wallTime_s"));
          }
          return null;
        }));
      }
      for (int i = 0; i < futures.size(); i++) {
        try {
          futures.get(i).get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the runs", e);
        } catch (ExecutionException e) {
          exec.shutdownNow();
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException("run " + plan.name(mine.get(i)) + " failed: " + c, c);
        }
      }
    } finally {
      exec.shutdownNow();
      manifest.write(dir);
    }
  }

  /**
   * Writes the comparison of every point from the folders in {@code dir} of the runs that the
   * manifest marks done, and prints its
   * table (with a heading per point for a sweep); a sweep also gets {@code sweep.csv}.
   */
  static void writeAll(Path dir, ComparePlan plan, Manifest manifest, boolean plots,
      PrintWriter out) throws IOException {
    for (int p = 0; p < plan.points().size(); p++) {
      List<CompareCommand.Row> rows = CompareCommand.writeComparison(dir, plan, p, manifest,
          plots);
      ComparePlan.Point pt = plan.points().get(p);
      if (!pt.folder().isEmpty()) {
        out.println("== " + pt.folder());
      }
      CompareCommand.printTable(out, rows);
    }
    if (!plan.parameters().isEmpty()) {
      SweepCommand.writeSweepCsv(dir, plan);
    }
  }

  /** The baseline, then the catalogue's strategies or those of --only, without repeats. */
  private List<Catalogue.Strategy> select(Catalogue catalogue) {
    List<Catalogue.Strategy> out = new ArrayList<>();
    if (!catalogue.contains(Catalogue.BASELINE)) {
      throw new InputException("--catalogue: no strategy with id 'baseline'; every comparison"
          + " needs it");
    }
    out.add(catalogue.get(Catalogue.BASELINE));
    List<String> ids = only == null ? catalogue.ids() : only;
    for (String raw : ids) {
      String id = raw.strip();
      if (id.isEmpty()) {
        continue;
      }
      Catalogue.Strategy s;
      try {
        s = catalogue.get(id);
      } catch (InputException e) {
        throw new InputException("--only: " + e.getMessage());
      }
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }
}
