package org.liko.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.liko.engine.InputException;
import org.liko.engine.backend.Backend;
import org.liko.engine.backend.Backends;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.engine.MaterialTable;
import org.liko.engine.checkpoint.StateIn;
import org.liko.engine.checkpoint.StateOut;

/**
 * Runs a scenario's protocol on the {@link LiModel} with the exact or the parallel solver (a
 * {@link Stepper}): steps, sampling of
 * the time series, snapshots, the inventory check, cycles and the summary. Observers hook in
 * through {@link Listener}; the simulation itself knows nothing of files or terminals.
 */
public final class Simulation {
  /**
   * Columns of the time series, in order (units in the names). Charges are net electrons:
   * {@code charge_mAh_cm2} in over the plating steps so far (reductions + SEI formed from the
   * current - oxidations), {@code stripped_mAh_cm2} out over the stripping steps, and
   * {@code rest_mAh_cm2} in over the rests (the open-circuit exchange balances only on
   * average). Metal + dead + SEI + host Li = initial + charge - stripped + rest, to the atom.
   */
  public static final List<String> COLUMNS = List.of("time_s", "charge_mAh_cm2", "events",
      "li_metal", "li_dead", "li_sei", "li_ions", "li_host", "overpotential_V", "height_mean_nm",
      "height_p99_nm", "height_max_nm", "roughness_nm", "stripped_mAh_cm2", "rest_mAh_cm2",
      "step");

  /** Observer of a run (all methods optional). */
  public interface Listener {
    /** A time-series row was sampled (values in {@link #COLUMNS} order). */
    default void sample(double[] row) {}

    /** A snapshot is due: the lattice is valid only during the call. */
    default void snapshot(int index, double time_s, Lattice lattice) {}

    /** Progress in [0, 1] with the latest row. */
    default void progress(double fraction, double[] row) {}

    /**
     * A plating step ended (protocol step index {@code step}); the lattice is up to date and
     * valid only during the call.
     */
    default void platingEnd(int step, double time_s, Lattice lattice) {}

    /**
     * The run continues from a checkpoint ({@link Simulation#resume}), before anything else:
     * the rows sampled so far, the times of the snapshots taken so far (indices 0, 1, ...) and
     * whether a plating step has ended ({@link #platingEnd} was called).
     */
    default void resumed(List<double[]> rows, List<Double> snapshotTimes, boolean platingEnded) {}
  }

  /** Result of a run. */
  public record Result(List<double[]> rows, Map<String, Object> summary, LiModel model,
      String stopReason, List<double[]> nuclei) {

    /** A result without the nuclei series. */
    public Result(List<double[]> rows, Map<String, Object> summary, LiModel model,
        String stopReason) {
      this(rows, summary, model, stopReason, List.of());
    }
  }

  private final Scenario scenario;
  private final long seed;
  private final MaterialTable materials;
  private BooleanSupplier interrupted = () -> false;
  private String solverName = "exact";
  private Backend backend;
  private int threads;
  private double window;
  private double attemptsPerSite = SweepStepper.DEFAULT_ATTEMPTS_PER_SITE;

  /** Prepares a run of scenario with seed. */
  public Simulation(Scenario scenario, long seed) {
    this.scenario = scenario;
    this.seed = seed;
    this.materials = LiMaterials.table(scenario);
  }

  /** Polled between events; true stops the run cleanly (reason "interrupted"). */
  public Simulation interruptedBy(BooleanSupplier flag) {
    this.interrupted = flag;
    return this;
  }

  /**
   * Picks the solver: {@code "exact"} (default, the reference) or {@code "parallel"} (the
   * synchronous-sublattice sector method, {@link ParallelSimulation}).
   *
   * @throws InputException for another name
   */
  public Simulation solver(String name) {
    if (!name.equals("exact") && !name.equals("parallel")) {
      throw new InputException("--solver: unknown value '" + name + "'; allowed: exact, parallel");
    }
    this.solverName = name;
    return this;
  }

  /** The backend of the parallel solver (default: {@code cpu}); ignored by the exact solver. */
  public Simulation backend(Backend b) {
    this.backend = b;
    return this;
  }

  /** Worker threads of the parallel solver's backend; 0 (default) = the backend's default. */
  public Simulation threads(int n) {
    if (n < 0) {
      throw new InputException("--threads: value " + n + " is negative; allowed: 0 or more");
    }
    this.threads = n;
    return this;
  }

  /**
   * Time window tau (s) of one sweep of the parallel solver. 0 (default) chooses tau per sweep
   * as {@link #attemptsPerSite} / R_max (R_max: the largest total rate of a site).
   */
  public Simulation window(double tauSeconds) {
    if (!(tauSeconds >= 0) || Double.isInfinite(tauSeconds)) {
      throw new InputException("--window: value " + tauSeconds + " is not allowed; allowed: a"
          + " time in seconds > 0, or 0 for the default");
    }
    this.window = tauSeconds;
    return this;
  }

  /**
   * Expected attempts per site per colour when the window is automatic (default
   * {@value SweepStepper#DEFAULT_ATTEMPTS_PER_SITE}).
   */
  public Simulation attemptsPerSite(double eps) {
    if (!(eps > 0) || eps > 16) {
      throw new InputException("attempts per site: value " + eps + " is not allowed; allowed:"
          + " (0, 16]");
    }
    this.attemptsPerSite = eps;
    return this;
  }

  /** Solver name. */
  public String solverName() {
    return solverName;
  }

  Scenario scenario() {
    return scenario;
  }

  long seed() {
    return seed;
  }

  BooleanSupplier interrupted() {
    return interrupted;
  }

  /** The materials of the run. */
  public MaterialTable materials() {
    return materials;
  }

  private LiModel preparedModel;

  /**
   * Builds the lattice and checks everything that can be checked before a run (sizes, memory,
   * geometry), so that bad input fails before any output is written. Optional: {@link #run}
   * prepares when needed.
   */
  public Simulation prepare() {
    if (preparedModel == null) {
      preparedModel = new LiModel(scenario, materials, seed, solverName.equals("parallel"));
    }
    if (solverName.equals("parallel")) {
      if (scenario.b("output.nuclei")) {
        throw new InputException(scenario.source() + ": field 'output.nuclei': value true is"
            + " not supported by --solver parallel (its lattice stays on the device between"
            + " samples); allowed: false (or use --solver exact)");
      }
      if (scenario.b("output.adatomDiffusivity")) {
        throw new InputException(scenario.source() + ": field 'output.adatomDiffusivity': value"
            + " true is not supported by --solver parallel (its sector kernel reports no"
            + " individual hops); allowed: false (or use --solver exact)");
      }
      SweepStepper.layout(preparedModel, scenario); // unsupported input fails here
    }
    return this;
  }

  /** The model {@link #prepare} built (null before); tests of this package read it mid-run. */
  LiModel preparedModel() {
    return preparedModel;
  }

  private long maxSweeps;

  /** Stops the parallel solver after this many sweeps (stop reason "maxSweeps"; benchmarks). */
  Simulation maxSweeps(long sweeps) {
    this.maxSweeps = sweeps;
    return this;
  }

  /** The solver of a run on model. */
  private Stepper stepper(LiModel model, Thermal thermal, double updateK) {
    if (solverName.equals("parallel")) {
      Backend b = backend != null ? backend : Backends.load().select("cpu");
      return new SweepStepper(model, scenario, materials, seed, b, threads, window,
          attemptsPerSite, maxSweeps, thermal, updateK);
    }
    return new ExactStepper(model, seed, thermal, updateK);
  }

  /** Receives the checkpoints of a run ({@link #checkpoints}). */
  public interface Checkpoints {
    /**
     * Polled where the solver polls interrupts (every 1024 events of the exact solver, every
     * sweep of the parallel one): true
     * writes a checkpoint now ({@link #write}) and the run goes on.
     */
    boolean due(long events, double time_s);

    /**
     * Receives a checkpoint's state: the protocol loop's position, the solver's and the
     * model's state ({@link Simulation#resume} continues from it). Also called when an
     * interrupt stops the run, before the stop books the step (a limit of the scenario, such
     * as {@code limits.maxWall_s}, ends the run for good and writes none).
     */
    void write(byte[] state);
  }

  private Checkpoints checkpoints;

  /** Writes checkpoints through {@code c} (null: none); both solvers. */
  public Simulation checkpoints(Checkpoints c) {
    this.checkpoints = c;
    return this;
  }

  /**
   * Where the protocol loop stands: everything a checkpoint holds beyond the solver and the
   * model (step index and the running step's start, end and charge target, cycle ledger,
   * sampling and snapshot clocks, the rows sampled so far and the summary pieces).
   */
  private static final class Position {
    int k;
    boolean inStep; // step k has begun: t0, tEnd and target are its
    double t0;
    double tEnd;
    long target;
    int cycle;
    CycleLedger ledger;
    double nextSample;
    double nextSnap;
    int snapIndex;
    List<Object> snapTimes = new ArrayList<>(); // Double: the time of each snapshot so far
    List<double[]> rows = new ArrayList<>();
    List<double[]> nuclei = new ArrayList<>(); // output.nuclei rows (Nuclei.COLUMNS)
    List<Object> cycles = new ArrayList<>(); // Map<String, Object> rows
    Double shortTime;
    Map<String, Object> lastPlated;
    List<Object> stalled = new ArrayList<>(); // String
    Map<String, Object> regimes = new LinkedHashMap<>(); // Map<String, Object> values
    Map<String, Object> platingRegime;
    double platedCharge;
    double wallBefore; // wall seconds of the run's earlier segments (before a resume)

    void save(StateOut out, double wallNow) {
      out.section("protocol").i(k).b(inStep).d(t0).d(tEnd).l(target).i(cycle).b(ledger != null);
      if (ledger != null) {
        ledger.save(out);
      }
      out.d(nextSample).d(nextSnap).i(snapIndex).value(snapTimes).i(rows.size());
      for (double[] r : rows) {
        out.doubles(r);
      }
      out.i(nuclei.size());
      for (double[] r : nuclei) {
        out.doubles(r);
      }
      out.value(cycles).value(shortTime).value(lastPlated).value(stalled).value(regimes)
          .value(platingRegime).d(platedCharge).d(wallBefore + wallNow);
    }

    @SuppressWarnings("unchecked")
    static Position restore(StateIn in) {
      Position p = new Position();
      in.section("protocol");
      p.k = in.i();
      p.inStep = in.b();
      p.t0 = in.d();
      p.tEnd = in.d();
      p.target = in.l();
      p.cycle = in.i();
      p.ledger = in.b() ? CycleLedger.restore(in) : null;
      p.nextSample = in.d();
      p.nextSnap = in.d();
      p.snapIndex = in.i();
      p.snapTimes = (List<Object>) in.value();
      int n = in.i();
      for (int r = 0; r < n; r++) {
        double[] row = new double[COLUMNS.size()];
        in.doubles(row);
        p.rows.add(row);
      }
      int nn = in.i();
      for (int r = 0; r < nn; r++) {
        double[] row = new double[Nuclei.COLUMNS.size()];
        in.doubles(row);
        p.nuclei.add(row);
      }
      p.cycles = (List<Object>) in.value();
      p.shortTime = (Double) in.value();
      p.lastPlated = (Map<String, Object>) in.value();
      p.stalled = (List<Object>) in.value();
      p.regimes = (Map<String, Object>) in.value();
      p.platingRegime = (Map<String, Object>) in.value();
      p.platedCharge = in.d();
      p.wallBefore = in.d();
      return p;
    }
  }

  /**
   * Runs the protocol to the end, a short circuit, a limit or an interrupt: the one protocol
   * loop of both solvers ({@link Stepper}).
   */
  public Result run(Listener listener) {
    return execute(listener, null);
  }

  /**
   * Continues the run whose checkpoint state {@link Checkpoints#write} received, on a
   * simulation of the same scenario, seed and solver: the result equals that of the
   * uninterrupted run bit for bit (rows, summary and lattice), except the wall-time fields.
   *
   * @param source names the checkpoint in messages
   * @throws InputException when the state does not fit this run
   */
  public Result resume(byte[] state, String source, Listener listener) {
    return execute(listener, new StateIn(state, source));
  }

  private Result execute(Listener listener, StateIn from) {
    long wall0 = System.nanoTime();
    prepare();
    LiModel model = preparedModel;
    preparedModel = null;
    List<Scenario.Step> steps = scenario.protocol();
    double total = estimateDuration(steps);
    int samples = scenario.i("output.samples");
    int snapshots = scenario.i("output.snapshots");
    double sampleDt = total / (samples - 1);
    double snapDt = snapshots > 0 ? total / snapshots : Double.POSITIVE_INFINITY;
    long maxEvents = scenario.l("limits.maxEvents");
    double maxWall = scenario.d("limits.maxWall_s");
    String stop = "completed";
    Position p;
    Map<String, Object> head;
    long events;
    double time;
    boolean nuclei = scenario.b("output.nuclei");
    TracerDiffusivity tracer = scenario.b("output.adatomDiffusivity")
        ? TracerDiffusivity.trackMovers(model) : null;
    try (Stepper stepper = stepper(model, Thermal.of(scenario),
        scenario.d("thermal.update_K"))) {
      if (from == null) {
        p = new Position();
        p.nextSnap = snapDt;
        p.rows.add(sample(model, stepper, stepper.time(), stepper.overpotential(), 0));
        if (nuclei) {
          p.nuclei.add(Nuclei.row(model.lattice(), model.collectorTop(), model.siteNm(),
              stepper.time()));
        }
        listener.sample(p.rows.get(0));
        p.nextSample += sampleDt;
      } else {
        p = Position.restore(from);
        stepper.restore(from);
        if (tracer != null) {
          tracer.restore(from);
        }
        from.end();
        List<Double> times = new ArrayList<>();
        for (Object t : p.snapTimes) {
          times.add((Double) t);
        }
        listener.resumed(p.rows, times, p.lastPlated != null);
      }
      for (; p.k < steps.size(); p.k++) {
        int k = p.k;
        Scenario.Step st = steps.get(k);
        LiModel.Mode mode = LiModel.Mode.valueOf(st.kind().toUpperCase());
        if (!p.inStep) {
          if (st.cycle() != p.cycle) {
            closeCycle(p.cycles, p.ledger, model, stepper);
            p.cycle = st.cycle();
            p.ledger = p.cycle > 0 ? new CycleLedger(p.cycle, model, inventory(model,
                stepper.materialCounts())) : null;
          }
          stepper.beginStep(mode, st);
          // the regime numbers at this step's current (each distinct step kind and current once)
          String key = st.kind() + " " + (mode == LiModel.Mode.REST ? 0.0 : st.current_mA_cm2());
          if (!p.regimes.containsKey(key)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("kind", st.kind());
            r.put("current_mA_cm2", mode == LiModel.Mode.REST ? 0.0 : st.current_mA_cm2());
            r.put("firstStep", k);
            r.putAll(Regime.numbers(model));
            p.regimes.put(key, r);
            if (p.platingRegime == null && mode == LiModel.Mode.PLATE) {
              p.platingRegime = Regime.numbers(model);
            }
          }
          p.t0 = stepper.time();
          p.tEnd = st.time_s() > 0 ? p.t0 + st.time_s() : Double.POSITIVE_INFINITY;
          if (mode == LiModel.Mode.REST && st.time_s() == 0) {
            p.tEnd = p.t0;
          }
          p.target = st.charge_mAh_cm2() > 0
              ? Physics.mahCm2ToCount(st.charge_mAh_cm2(), model.areaM2()) : Long.MAX_VALUE;
          p.inStep = true;
        }
        double tEnd = p.tEnd;
        long target = p.target;
        while (true) {
          // a step's charge is its net electrons (reductions + SEI from the current -
          // oxidations): Faraday holds for the charge passed, whatever the exchange
          if (mode == LiModel.Mode.PLATE && model.stepElectrons() >= target) {
            break;
          }
          if (mode == LiModel.Mode.STRIP && -model.stepElectrons() >= target) {
            break;
          }
          int r = stepper.advance(Math.min(tEnd, p.nextSample), tEnd);
          if (r == Stepper.NO_SITE) {
            // no site can take the current: the step cannot go on (plating with every surface
            // blocked, or stripping with no live Li left)
            if (mode == LiModel.Mode.PLATE) {
              String why = model.stallReason();
              p.stalled.add("step " + k + " (plate) at t = " + stepper.time() + " s: "
                  + (why != null ? why : "no site can take the current"));
            }
            break;
          }
          if (r == Stepper.MAX_SWEEPS) {
            stop = "maxSweeps";
            break;
          }
          if (r != Stepper.MOVED && r != Stepper.LIMIT) {
            break; // END, CUTOFF, STALLED
          }
          double now = stepper.time();
          while (now >= p.nextSample) {
            stepper.beforeSample();
            double[] row = sample(model, stepper, now, stepper.overpotential(), k);
            p.rows.add(row);
            if (nuclei) {
              p.nuclei.add(Nuclei.row(model.lattice(), model.collectorTop(), model.siteNm(),
                  now));
            }
            if (tracer != null) {
              tracer.window(now);
            }
            listener.sample(row);
            listener.progress(Math.min(1.0, now / total), row);
            p.nextSample += sampleDt;
          }
          if (now >= p.nextSnap) {
            stepper.beforeSnapshot();
            listener.snapshot(p.snapIndex++, now, model.lattice());
            p.snapTimes.add(now);
            p.nextSnap += snapDt;
          }
          if (r == Stepper.LIMIT && now >= tEnd) {
            break;
          }
          if (model.shorted()) {
            p.shortTime = now;
            stop = "short circuit";
          } else if (maxEvents > 0 && stepper.events() >= maxEvents) {
            stop = "maxEvents";
          } else if (stepper.pollDue()) {
            // a transport that writes no checkpoint stops on an interrupt without one
            boolean ckpt = checkpoints != null && model.writesCheckpoints();
            boolean due = ckpt && checkpoints.due(stepper.events(), now);
            if (interrupted.getAsBoolean()) {
              stop = "interrupted";
            } else if (maxWall > 0
                && p.wallBefore + (System.nanoTime() - wall0) * 1e-9 > maxWall) {
              stop = "maxWall";
            } else if (due) {
              checkpoints.write(state(p, stepper, tracer, wall0));
            }
          }
          if (checkpoints != null && model.writesCheckpoints() && stop.equals("interrupted")) {
            checkpoints.write(state(p, stepper, tracer, wall0)); // before the stop books the step
          }
          if (!stop.equals("completed")) {
            break;
          }
        }
        p.inStep = false;
        if (mode == LiModel.Mode.PLATE) {
          p.platedCharge += st.current_mA_cm2() * (stepper.time() - p.t0) / 3600.0;
        }
        if (!stop.equals("completed") && !stepper.finishesStepOnStop()) {
          break;
        }
        if (mode == LiModel.Mode.PLATE) {
          stepper.syncLattice();
          p.lastPlated = morphologyMap(model);
          firstPlatingEnded(p.platingRegime, stepper.time() - p.t0);
          listener.platingEnd(k, stepper.time(), model.lattice());
        } else if (mode == LiModel.Mode.STRIP) {
          stepper.relabelDead();
        }
        if (!stop.equals("completed")) {
          break;
        }
      }
      stepper.syncLattice();
      closeCycle(p.cycles, p.ledger, model, stepper);
      model.setMode(LiModel.Mode.REST, 0);
      double[] last = sample(model, stepper, stepper.time(), 0.0, steps.size());
      p.rows.add(last);
      if (nuclei) {
        p.nuclei.add(Nuclei.row(model.lattice(), model.collectorTop(), model.siteNm(),
            stepper.time()));
      }
      listener.sample(last);
      listener.progress(1.0, last);
      events = stepper.events();
      time = stepper.time();
      head = stepper.summaryHead();
    }
    double wall = p.wallBefore + (System.nanoTime() - wall0) * 1e-9;
    platedCharge = p.platedCharge;
    List<Map<String, Object>> cycles = new ArrayList<>();
    for (Object c : p.cycles) {
      @SuppressWarnings("unchecked")
      Map<String, Object> row = (Map<String, Object>) c;
      cycles.add(row);
    }
    Map<String, Object> summary = summary(head, model, events, time, wall, p.shortTime, cycles,
        stop);
    summary.put("morphologyPlated", p.lastPlated != null ? p.lastPlated
        : summary.get("morphology"));
    if (p.platingRegime != null) {
      summary.put("dimensionless", p.platingRegime); // at the (first) plating current
    }
    summary.put("dimensionlessBySteps", new ArrayList<>(p.regimes.values()));
    if (!p.stalled.isEmpty()) {
      summary.put("stalledSteps", p.stalled);
    }
    if (tracer != null) {
      summary.putAll(tracer.summary());
    }
    return new Result(p.rows, summary, model, stop, p.nuclei);
  }

  /** The state of a checkpoint: the loop's position, then the solver's and the model's. */
  private static byte[] state(Position p, Stepper stepper, TracerDiffusivity tracer,
      long wall0) {
    StateOut out = new StateOut();
    p.save(out, (System.nanoTime() - wall0) * 1e-9);
    stepper.save(out);
    if (tracer != null) {
      tracer.save(out);
    }
    return out.toByteArray();
  }

  /** Closes a cycle's book (if one is open) and adds its row when something was plated. */
  /**
   * At the end of the first plating step of a field run: its actual duration (a step that
   * stalls at depletion ends before its charge) as {@code platingTime_s} and over the Sand time
   * as {@code tOverSandTime} in the regime numbers at the plating current (until then they hold
   * the planned duration, {@link Regime#numbers}).
   */
  private static void firstPlatingEnded(Map<String, Object> regime, double duration) {
    if (regime == null || !(regime.get("sandTime_s") instanceof Number ts)
        || regime.containsKey("platingEnded")) {
      return;
    }
    regime.put("platingTime_s", duration);
    regime.put("tOverSandTime", duration / ts.doubleValue());
    regime.put("platingEnded", true);
  }

  private static void closeCycle(List<Object> cycles, CycleLedger ledger,
      LiModel model, Stepper stepper) {
    if (ledger == null) {
      return;
    }
    Map<String, Object> row = ledger.close(model, inventory(model, stepper.materialCounts()),
        model.areaM2());
    if (row != null) {
      cycles.add(row);
    }
  }

  /** Duration estimate of the protocol (s) for sampling intervals and progress. */
  static double estimateDuration(List<Scenario.Step> steps) {
    double total = 0;
    double lastPlate = 1.0;
    for (Scenario.Step s : steps) {
      double t;
      if (s.time_s() > 0) {
        t = s.time_s();
      } else if (s.charge_mAh_cm2() > 0) {
        t = s.charge_mAh_cm2() / s.current_mA_cm2() * 3600.0;
      } else {
        t = s.kind().equals("strip") ? lastPlate : 0;
      }
      if (s.kind().equals("plate")) {
        lastPlate = t;
      }
      total += t;
    }
    return total > 0 ? total : 1.0;
  }

  /** Inventory {metal, dead, sei, ions, host} of the model's lattice. */
  static long[] inventory(LiModel model) {
    return inventory(model, model.lattice().countByMaterial());
  }

  /**
   * Inventory {metal, dead, sei, ions, host} in Li atoms from material site counts n: each
   * site holds {@link LiModel#atomsPerSite} atoms, less the Li its sub-grid SEI film took
   * (counted as SEI with the film Li that oxidised sites left behind).
   */
  static long[] inventory(LiModel model, long[] n) {
    MaterialTable mt = model.materials();
    long host = 0;
    for (int m = 0; m < mt.size(); m++) {
      if (m != LiMaterials.LI && m != LiMaterials.LI_DEAD && m != LiMaterials.SEI_INORGANIC
          && m != LiMaterials.SEI_ORGANIC && mt.is(m, Material.BEARS_CARRIER)) {
        host += n[m];
      }
    }
    long a = model.atomsPerSite();
    // a sub-grid SEI film (sei.film) holds Li taken from its site's metal: SEI Li, not metal
    long fLive = model.filmOn(LiMaterials.LI);
    long fDead = model.filmOn(LiMaterials.LI_DEAD);
    return new long[] {a * n[LiMaterials.LI] - fLive, a * n[LiMaterials.LI_DEAD] - fDead,
        a * (n[LiMaterials.SEI_INORGANIC] + n[LiMaterials.SEI_ORGANIC]) + fLive + fDead
            + model.filmDebris(), model.ions(), a * host};
  }

  /**
   * A time-series row ({@link #COLUMNS}) after checking the Li inventory, from the stepper's
   * material counts and column heights (reduced on the device where the lattice lives).
   */
  static double[] sample(LiModel model, Stepper stepper, double time, double eta, int step) {
    long events = stepper.events();
    long[] inv = inventory(model, stepper.materialCounts());
    long total = inv[0] + inv[1] + inv[2] + inv[3] + inv[4];
    long expected = model.initial() + model.injected() - model.extracted();
    if (total != expected) {
      throw new IllegalStateException("Li inventory broken at t = " + time + " s: "
          + "metal + dead + sei + ions + host = " + total + " but initial + injected - extracted = "
          + expected);
    }
    double[] h = Morphology.heightStats(stepper.columnHeights());
    double a = model.areaM2();
    return new double[] {time, Physics.countToMahCm2(model.platedElectrons(), a),
        events, inv[0], inv[1], inv[2], inv[3], inv[4], eta, h[0],
        h[1], h[2], h[3], Physics.countToMahCm2(model.strippedElectrons(), a),
        Physics.countToMahCm2(model.restElectrons(), a), step};
  }

  /**
   * The run summary: {@code head} (solver name and solver-specific fields, in order), then
   * seed, events, times, stop reason, materials, inventory, morphology, dimensionless numbers,
   * short circuit and cycles.
   */
  /** Charge passed by the plating steps so far, mAh/cm^2 (current x model time). */
  private double platedCharge;

  Map<String, Object> summary(Map<String, Object> head, LiModel model, long events,
      double time, double wall, Double shortTime, List<Map<String, Object>> cycles,
      String stop) {
    Map<String, Object> s = new LinkedHashMap<>(head);
    s.put("seed", seed);
    s.put("events", events);
    s.put("simulatedTime_s", time);
    s.put("wallTime_s", wall);
    s.put("eventsPerSecond", wall > 0 ? events / wall : 0.0);
    // the users' unit (DESIGN 10): charge plated per wall-clock hour (the plating steps'
    // current x model time, so that short benchmark runs do not count whole atoms), on this
    // footprint and scaled to 1 um x 1 um (work grows with the footprint at a fixed current
    // density)
    double perHour = wall > 0 ? platedCharge / (wall / 3600.0) : 0.0;
    s.put("depositedPerWallHour_mAh_cm2", perHour);
    s.put("depositedPerWallHourPer1um2_mAh_cm2", perHour * model.areaM2() / 1e-12);
    s.put("stopReason", stop);
    Map<String, Object> mats = new LinkedHashMap<>();
    for (int m = 0; m < materials.size(); m++) {
      mats.put(Integer.toString(m), materials.get(m).name());
    }
    s.put("materials", mats);
    long[] inv = inventory(model);
    Map<String, Object> invMap = new LinkedHashMap<>();
    invMap.put("initial", model.initial());
    invMap.put("injected", model.injected());
    invMap.put("extracted", model.extracted());
    invMap.put("metal", inv[0]);
    invMap.put("dead", inv[1]);
    invMap.put("sei", inv[2]);
    invMap.put("ions", inv[3]);
    invMap.put("host", inv[4]);
    invMap.put("total", inv[0] + inv[1] + inv[2] + inv[3] + inv[4]);
    if (model.atomsPerSite() > 1) {
      invMap.put("atomsPerSite", model.atomsPerSite()); // every count above is in atoms
    }
    s.put("inventory", invMap);
    Map<String, Object> electrons = new LinkedHashMap<>();
    electrons.put("plated", model.platedElectrons());
    electrons.put("stripped", model.strippedElectrons());
    electrons.put("restNet", model.restElectrons());
    electrons.put("revivedDeadLi", model.revived());
    s.put("electrons", electrons);
    s.put("morphology", morphologyMap(model));
    s.put("dimensionless", Regime.numbers(model));
    s.put("shortCircuitTime_s", shortTime);
    s.put("cycles", cycles);
    s.put("cracksOpened", model.cracksOpened());
    s.put("healEvents", model.healEvents());
    s.put("finalTemperature_K", model.temperatureK());
    if (model.transportSummary() != null) {
      s.put(model.walkers() ? "walkers" : "field", model.transportSummary());
    }
    if (model.droppedInjections() > 0) {
      s.put("droppedInjections", model.droppedInjections());
    }
    return s;
  }

  /** Morphology statistics of the model's lattice now, as a JSON-ready map. */
  static Map<String, Object> morphologyMap(LiModel model) {
    Morphology m = Morphology.of(model.lattice(), model.collectorTop(), model.siteNm(),
        LiMaterials.LI, LiMaterials.LI_DEAD, model.collector(), model.hostTop());
    Map<String, Object> mo = new LinkedHashMap<>();
    mo.put("heightMean_nm", m.heightMean_nm());
    mo.put("heightP99_nm", m.heightP99_nm());
    mo.put("heightMax_nm", m.heightMax_nm());
    mo.put("roughness_nm", m.roughness_nm());
    mo.put("fractalDimension", Double.isNaN(m.fractalDimension()) ? null : m.fractalDimension());
    mo.put("surfaceRatio", m.surfaceRatio());
    mo.put("porosity", m.porosity());
    mo.put("deadFraction", m.deadFraction());
    mo.put("tips", m.tips());
    mo.put("nuclei", m.nuclei());
    mo.put("meanNucleusSize_sites", m.meanNucleusSize());
    mo.put("hostTop_nm", m.hostTop_nm());
    mo.put("heightAboveHostP99_nm", m.aboveHostP99_nm());
    mo.put("heightAboveHostMax_nm", m.aboveHostMax_nm());
    mo.put("insideHostFraction", m.insideHostFraction());
    return mo;
  }
}
