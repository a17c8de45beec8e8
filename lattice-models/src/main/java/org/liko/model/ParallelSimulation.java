package org.liko.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liko.engine.Grid;
import org.liko.engine.InputException;
import org.liko.engine.Lattice;
import org.liko.engine.backend.Backend;
import org.liko.engine.backend.SweepEngine;
import org.liko.engine.parallel.PoissonTable;
import org.liko.engine.parallel.SectorKernel;
import org.liko.engine.parallel.SectorLayout;
import org.liko.engine.rng.Philox;
import org.liko.engine.rules.SiteRules;

/**
 * The {@code parallel} solver (DESIGN section 3) for the {@link LiModel}: synchronous
 * sublattice / sector method with null-event rejection, run behind the Backend SPI
 * ({@link SweepEngine} passes of {@link SectorKernel}). Same protocol loop, rows and summary as
 * the exact solver's {@link Simulation}; time = sum of the sweep windows.
 *
 * <h2>One sweep</h2>
 * <ol>
 *   <li>Global step (host): the count pass gives per-class site counts; from them and the same
 *       rate tables LiModel builds, the driven rates k_red = (I/e - R_SEI) / sum w (plating) and
 *       k_ox = (I/e) / sum w (stripping) are recomputed once per sweep, with the overpotential,
 *       the per-type largest site rates R_T, R_max = sum R_T, the type split and the 32-bit
 *       thresholds floor(rate / R_T 2^32) per class.</li>
 *   <li>For each colour in order: attempts per sector drawn on the host from
 *       Poisson(tau R_max n_sites) with an integer inverse-CDF table and one Philox word
 *       (counter: sector, colour, stream 1, sweep); then the sweep pass.</li>
 *   <li>Global steps in fixed order: short-circuit check, dead-Li flood fill (after
 *       {@code deadLi.checkInterval_events} stripping events, at the end of a stripping step, and
 *       after a sweep that put live Li next to dead Li, which the exact solver revives at
 *       once), time += tau.</li>
 * </ol>
 *
 * <h2>Window</h2>
 * {@code window(tau)} fixes tau in seconds; by default tau = eps / R_max per sweep with eps =
 * {@value #DEFAULT_ATTEMPTS_PER_SITE} expected attempts per site per colour (the rates are
 * frozen for one window and a site's neighbourhood in the other colours is frozen while it is
 * updated; both errors vanish as eps goes to 0). Plating and stripping steps end on the first
 * sweep that reaches their charge (overshoot at most one sweep); timed steps end exactly (the
 * last window is shortened).
 *
 * <p>Healing layers: event type HEAL, bounded by the fastest healing layer. Self-heating: the
 * temperature is advanced over each window at the step's current and the rate tables are
 * rebuilt when it moved by {@code thermal.update_K} (the exact solver does so at samples and
 * step boundaries). Not supported: walkers transport mode (an {@link InputException} says so).
 */
public final class ParallelSimulation {
  /** Default expected attempts per site per colour and sweep (automatic window). */
  public static final double DEFAULT_ATTEMPTS_PER_SITE = 0.15;

  private static final double TWO32 = 4294967296.0;

  private final Simulation sim;
  private final Backend backend;
  private final int threads;
  private final double window;
  private final double eps;
  private long maxSweeps;

  ParallelSimulation(Simulation sim, Backend backend, int threads, double window, double eps) {
    this.sim = sim;
    this.backend = backend;
    this.threads = threads;
    this.window = window;
    this.eps = eps;
  }

  /** Result of {@link #bench}: throughput of the sweep loop. */
  public record Bench(String backend, int threads, String lattice, long sweeps, long attempts,
      long accepted, double seconds, double siteAttemptsPerSecond,
      double acceptedEventsPerSecond) {}

  /**
   * Runs {@code sweeps} sweeps of a plating run on an nx x ny x nz lattice (default model, a
   * 10-site Li film on the collector, 1 mA/cm^2, automatic window) and measures the sweep loop
   * (count pass, attempt draws, colour passes, global steps), without setup and output.
   *
   * @param nx sites along x
   * @param ny sites along y (1: 2D)
   * @param nz sites along z
   * @param sweeps number of sweeps
   * @param backend the backend
   * @param threads worker threads (0: the backend's default)
   * @param seed seed
   * @return attempts and accepted events per second
   */
  public static Bench bench(int nx, int ny, int nz, long sweeps, Backend backend, int threads,
      long seed) {
    Scenario s = benchScenario(nx, ny, nz);
    Simulation sim = new Simulation(s, seed);
    ParallelSimulation p = new ParallelSimulation(sim, backend, threads, 0.0,
        DEFAULT_ATTEMPTS_PER_SITE);
    p.maxSweeps = sweeps;
    Simulation.Result r = p.run(new Simulation.Listener() {});
    Map<String, Object> m = r.summary();
    long attempts = (Long) m.get("attempts");
    long events = (Long) m.get("events");
    double secs = (Double) m.get("sweepWallTime_s");
    return new Bench(backend.name(), (Integer) m.get("threads"),
        new Grid(nx, ny, nz).toString(), (Long) m.get("sweeps"), attempts, events, secs,
        attempts / secs, events / secs);
  }

  /**
   * The scenario {@link #bench} runs: default model on an nx x ny x nz lattice, a 10-site Li film
   * on the collector, plating at 1 mA/cm^2 for a very long time (stop it with a limit).
   */
  public static Scenario benchScenario(int nx, int ny, int nz) {
    String yaml = "schemaVersion: 1\nname: bench\nlattice: {nx: " + nx + ", ny: " + ny
        + ", nz: " + nz + "}\ngeometry: {initialLi_nm: " + (10 * Physics.LI_SITE_NM) + "}\n"
        + "output: {samples: 2}\nprotocol:\n  - plate: {current_mA_cm2: 1, time_s: 1.0e9}\n";
    return Scenario.parse(yaml, "bench");
  }

  /**
   * The sector layout of the model's lattice, or an {@link InputException} when the parallel
   * solver cannot run the scenario (walkers transport, a lattice too narrow for the sectors).
   */
  static SectorLayout layout(LiModel model, Scenario scenario) {
    if (model.walkers()) {
      throw new InputException(scenario.source() + ": field 'transport.mode': value 'walkers'"
          + " is not supported by --solver parallel yet; allowed: reaction (or use --solver"
          + " exact)");
    }
    Grid g = model.lattice().grid();
    int range = model.seiOn() ? model.seiMaxRun() + 1 : 2;
    SectorLayout layout;
    try {
      layout = SectorLayout.of(g, range);
    } catch (IllegalArgumentException e) {
      throw new InputException(scenario.source() + ": field 'lattice': " + e.getMessage()
          + (model.seiOn() ? " (SEI layer runs up to " + model.seiMaxRun()
          + " sites: lower sei.decayLength_nm to narrow the sectors)" : ""));
    }
    return layout;
  }

  /** Runs the protocol (see {@link Simulation#run}). */
  Simulation.Result run(Simulation.Listener listener) {
    long wall0 = System.nanoTime();
    Scenario scenario = sim.scenario();
    LiModel model = new LiModel(scenario, sim.materials(), sim.seed());
    Grid g = model.lattice().grid();
    SectorLayout layout = layout(model, scenario);
    int maxRun = model.seiOn() ? model.seiMaxRun() : 0;
    int nSec = layout.sectors;
    int histSize = SectorKernel.histSize(maxRun);
    int[] params = new int[SectorKernel.paramsSize(maxRun)];
    params[SectorKernel.P_NX] = g.nx;
    params[SectorKernel.P_NY] = g.ny;
    params[SectorKernel.P_NZ] = g.nz;
    params[SectorKernel.P_DIRS] = g.directions;
    params[SectorKernel.P_PRODUCT] = LiMaterials.LI;
    params[SectorKernel.P_INERT] = LiMaterials.LI_DEAD;
    params[SectorKernel.P_FLUID] = LiMaterials.ELECTROLYTE;
    params[SectorKernel.P_LAYER_A] = LiMaterials.SEI_INORGANIC;
    params[SectorKernel.P_LAYER_B] = LiMaterials.SEI_ORGANIC;
    params[SectorKernel.P_MAX_RUN] = maxRun;
    params[SectorKernel.P_LAYER_SHARE] = model.seiInorganicShare();
    params[SectorKernel.P_SHORT_Z] = model.separatorZ() - 1;
    long seed = sim.seed();
    params[SectorKernel.P_KEY0] = (int) seed;
    params[SectorKernel.P_KEY1] = (int) (seed >>> 32);
    params[SectorKernel.P_SECTORS] = nSec;
    params[SectorKernel.P_CONVERT_ON] = model.seiOn() ? 1 : 0;
    params[SectorKernel.P_HOP_ON] = model.hopOn() ? 1 : 0;
    params[SectorKernel.P_MOVES] = model.hopMoves();
    params[SectorKernel.P_HEAL_ON] = model.healOn() ? 1 : 0;
    // healing: bounded by the fastest healing layer (cracks open pockets inside a window)
    double maxHeal = 0;
    for (int m = 0; m < Lattice.MAX_MATERIALS && model.healOn(); m++) {
      maxHeal = Math.max(maxHeal, model.healRate(m));
    }
    for (int m = 0; m < Lattice.MAX_MATERIALS; m++) {
      params[SectorKernel.P_HEAL_THR + m] = maxHeal > 0 ? threshold(model.healRate(m) / maxHeal)
          : 0;
    }
    Thermal thermal = Thermal.of(scenario);
    double updateK = scenario.d("thermal.update_K");
    for (int c = 0; c < SiteRules.DEPOSIT_CLASSES; c++) {
      params[SectorKernel.P_CRACK + c] = model.cracks(c) ? 1 : 0;
    }
    int dirs = g.directions;
    byte[] cells = model.lattice().cells();

    List<Scenario.Step> steps = scenario.protocol();
    double total = Simulation.estimateDuration(steps);
    int samples = scenario.i("output.samples");
    int snapshots = scenario.i("output.snapshots");
    double sampleDt = total / (samples - 1);
    double snapDt = snapshots > 0 ? total / snapshots : Double.POSITIVE_INFINITY;
    long maxEvents = scenario.l("limits.maxEvents");
    double maxWall = scenario.d("limits.maxWall_s");
    List<double[]> rows = new ArrayList<>();
    List<Map<String, Object>> cycles = new ArrayList<>();
    Double shortTime = null;
    Map<String, Object> lastPlated = null;
    List<String> stalled = new ArrayList<>();
    String stop = "completed";
    double time = 0.0;
    long events = 0;
    long attemptsTotal = 0;
    long sweep = 0;
    long sweepNanos = 0;
    double nextSample = 0.0;
    double nextSnap = snapDt;
    int snapIndex = 0;
    long platedInCycle = 0;
    long strippedInCycle = 0;
    int cycle = 0;
    long stripSinceFill = 0;
    long fills = 0;
    double eta = 0.0;
    long[] hist = new long[histSize];
    int[] histDev = new int[nSec * histSize];
    int[] countersDev = new int[nSec * SectorKernel.COUNTERS];
    long[] sums = new long[SectorKernel.COUNTERS];
    int[] attempts = new int[nSec];
    double[] typeRate = new double[SectorKernel.TYPES];
    String engineName;
    int engineThreads;
    try (SweepEngine engine = backend.open(threads)) {
      engineName = backend.name();
      engineThreads = engine.threads();
      engine.uploadLattice(cells);
      engine.uploadTable(SectorKernel.SLOT_FLAGS, sim.materials().flags);
      engine.uploadTable(SectorKernel.SLOT_SECTORS, layout.table);
      engine.uploadTable(SectorKernel.SLOT_COUNTERS, countersDev);
      engine.uploadTable(SectorKernel.SLOT_HIST, histDev);
      engine.uploadTable(SectorKernel.SLOT_ATTEMPTS, attempts);
      engine.uploadTable(SectorKernel.SLOT_PARAMS, params);
      rows.add(Simulation.sample(model, time, events, eta, 0));
      listener.sample(rows.get(0));
      nextSample += sampleDt;
      outer:
      for (int k = 0; k < steps.size(); k++) {
        Scenario.Step st = steps.get(k);
        if (st.cycle() != cycle) {
          Simulation.closeCycle(cycles, cycle, platedInCycle, strippedInCycle, model.areaM2());
          cycle = st.cycle();
          platedInCycle = 0;
          strippedInCycle = 0;
        }
        LiModel.Mode mode = LiModel.Mode.valueOf(st.kind().toUpperCase());
        model.setMode(mode, st.current_mA_cm2());
        double t0 = time;
        double tEnd = st.time_s() > 0 ? t0 + st.time_s() : Double.POSITIVE_INFINITY;
        if (mode == LiModel.Mode.REST && st.time_s() == 0) {
          tEnd = t0;
        }
        long target = st.charge_mAh_cm2() > 0
            ? Physics.mahCm2ToCount(st.charge_mAh_cm2(), model.areaM2()) : Long.MAX_VALUE;
        params[SectorKernel.P_FROM_CARRIER] = mode == LiModel.Mode.PLATE ? 1 : 0;
        engine.uploadTable(SectorKernel.SLOT_PARAMS, params);
        double currentPerE = model.currentPerE();
        while (time < tEnd) {
          if (mode == LiModel.Mode.PLATE && model.reducedInStep() >= target) {
            break;
          }
          if (mode == LiModel.Mode.STRIP && model.extractedInStep() >= target) {
            break;
          }
          if (maxSweeps > 0 && sweep >= maxSweeps) {
            stop = "maxSweeps";
            break outer;
          }
          long n0 = System.nanoTime();
          // ---- global step: class counts, driven rates, thresholds
          engine.runPass(SectorKernel.PASS_COUNT, 0, sweep);
          engine.downloadTable(SectorKernel.SLOT_HIST, histDev);
          java.util.Arrays.fill(hist, 0);
          for (int s = 0; s < nSec; s++) {
            for (int c = 0; c < histSize; c++) {
              hist[c] += histDev[s * histSize + c];
            }
          }
          double sumDep = 0;
          double maxDep = 0;
          for (int c = 0; c < SiteRules.DEPOSIT_CLASSES; c++) {
            if (hist[SectorKernel.H_DEP + c] > 0) {
              double w = model.depositWeight(c);
              sumDep += hist[SectorKernel.H_DEP + c] * w;
              maxDep = Math.max(maxDep, w);
            }
          }
          double sumDis = 0;
          double maxDis = 0;
          double maxHop = 0;
          for (int n = 0; n <= dirs; n++) {
            if (hist[SectorKernel.H_DIS + n] > 0) {
              sumDis += hist[SectorKernel.H_DIS + n] * model.dissolveWeight(n);
              maxDis = Math.max(maxDis, model.dissolveWeight(n));
            }
            if (hist[SectorKernel.H_HOP + n] > 0) {
              maxHop = Math.max(maxHop, model.hopRate(n));
            }
          }
          // Classes that the sweep itself creates all the time must be covered by R_T from the
          // start, or their rate is clamped for the rest of the window: adatoms (n = 1) once
          // live Li has an open face, fresh SEI (L = 0). (Dissolution keeps the present classes: a
          // bound of w(n = 1) makes stripping of sparse live Li 50 times slower.)
          if (model.hopOn() && (hist[SectorKernel.H_DEP + SiteRules.ON_PRODUCT
              * Lattice.MAX_MATERIALS + LiMaterials.LI] > 0 || maxHop > 0)) {
            maxHop = Math.max(maxHop, model.hopRate(1));
          }
          double rSei = 0;
          double maxSei = 0;
          for (int l = 0; l <= maxRun && model.seiOn(); l++) {
            if (hist[SectorKernel.H_CONV + l] > 0) {
              rSei += hist[SectorKernel.H_CONV + l] * model.seiRate(l);
              maxSei = Math.max(maxSei, model.seiRate(l));
            }
          }
          if (maxSei > 0) {
            maxSei = Math.max(maxSei, model.seiRate(0));
          }
          double kDep = 0;
          double kDis = 0;
          eta = 0.0;
          if (mode == LiModel.Mode.PLATE) {
            double rate = Math.max(0.0, currentPerE - rSei);
            kDep = sumDep > 0 ? rate / sumDep : 0.0;
            eta = sumDep > 0 && rate > 0
                ? -StrictMath.log(rate / (model.k0() * sumDep)) / model.alphaF() : 0.0;
          } else if (mode == LiModel.Mode.STRIP) {
            kDis = sumDis > 0 ? currentPerE / sumDis : 0.0;
            eta = sumDis > 0 ? StrictMath.log(currentPerE / (model.k0() * sumDis)) / model.betaF()
                : Double.POSITIVE_INFINITY;
            if (eta > st.cutoff_V() && st.cutoff_V() > 0) {
              sweepNanos += System.nanoTime() - n0;
              break;
            }
          }
          if ((mode == LiModel.Mode.PLATE && sumDep == 0)
              || (mode == LiModel.Mode.STRIP && sumDis == 0)) {
            // no site can take the current: the step cannot go on (as the exact solver)
            if (mode == LiModel.Mode.PLATE) {
              stalled.add("step " + k + " (plate) at t = " + time + " s: no site can take"
                  + " the current");
            }
            sweepNanos += System.nanoTime() - n0;
            break;
          }
          typeRate[SectorKernel.DEPOSIT] = kDep * maxDep;
          typeRate[SectorKernel.DISSOLVE] = kDis * maxDis;
          typeRate[SectorKernel.HOP] = model.hopMoves() * maxHop;
          typeRate[SectorKernel.CONVERT] = maxSei;
          boolean pockets = false;
          for (int m = 0; m < Lattice.MAX_MATERIALS && maxHeal > 0; m++) {
            pockets |= hist[SectorKernel.H_HEAL + m] > 0;
          }
          // no pocket now: only cracks opened in this window can make one
          typeRate[SectorKernel.HEAL] = pockets || kDep > 0 ? maxHeal : 0.0;
          double rMax = 0;
          for (double r : typeRate) {
            rMax += r;
          }
          if (!(rMax > 0)) {
            sweepNanos += System.nanoTime() - n0;
            if (tEnd < Double.POSITIVE_INFINITY) {
              if (thermal.active()) {
                double tk = thermal.advance(tEnd - time, mode == LiModel.Mode.REST ? 0.0
                    : st.current_mA_cm2());
                if (Math.abs(tk - model.temperatureK()) >= updateK) {
                  model.setTemperature(tk);
                }
              }
              time = tEnd; // nothing can happen: the clock runs to the end of the step
            }
            break;
          }
          double cum = 0;
          for (int t = 0; t < SectorKernel.TYPES; t++) {
            cum += typeRate[t];
            params[SectorKernel.P_SPLIT + t] = t == SectorKernel.TYPES - 1 ? -1
                : threshold(cum / rMax);
          }
          for (int c = 0; c < SiteRules.DEPOSIT_CLASSES; c++) {
            params[SectorKernel.P_DEP_THR + c] = maxDep > 0
                ? threshold(model.depositWeight(c) / maxDep) : 0;
          }
          for (int n = 0; n <= dirs; n++) {
            params[SectorKernel.P_DIS_THR + n] = maxDis > 0
                ? threshold(model.dissolveWeight(n) / maxDis) : 0;
            params[SectorKernel.P_HOP_THR + n] = maxHop > 0
                ? threshold(model.hopRate(n) / maxHop) : 0;
          }
          for (int l = 0; l <= maxRun; l++) {
            params[SectorKernel.P_CONV_THR + l] = maxSei > 0
                ? threshold(model.seiRate(l) / maxSei) : 0;
          }
          engine.uploadTable(SectorKernel.SLOT_PARAMS, params);
          double tau = window > 0 ? window : eps / rMax;
          // Deposition makes live Li with open faces, whose class (deposition on Li, the
          // largest weight) is absent while only the substrate takes the current: a window
          // bounded by the present classes would nucleate on the substrate all through it. Until
          // deposition on Li is present, windows hold one expected deposition.
          boolean onLi = hist[SectorKernel.H_DEP + SiteRules.ON_PRODUCT * Lattice.MAX_MATERIALS
              + LiMaterials.LI] > 0;
          if (kDep > 0 && !onLi) {
            tau = Math.min(tau, 1.0 / (kDep * sumDep));
          }
          if (time + tau > tEnd) {
            tau = tEnd - time;
          }
          // ---- colours
          Map<Integer, int[]> tables = new java.util.HashMap<>();
          for (int colour = 0; colour < layout.colours; colour++) {
            for (int s = 0; s < nSec; s++) {
              int[] tab = tables.get(layout.sites[s]);
              if (tab == null) {
                tab = PoissonTable.of(tau * rMax * layout.sites[s]);
                tables.put(layout.sites[s], tab);
              }
              int u = (int) Philox.draw(seed, s, colour, SectorKernel.STREAM_COUNT, sweep, 0);
              attempts[s] = PoissonTable.draw(tab, u);
            }
            engine.uploadTable(SectorKernel.SLOT_ATTEMPTS, attempts);
            engine.runPass(SectorKernel.PASS_SWEEP, colour, sweep);
          }
          engine.downloadTable(SectorKernel.SLOT_COUNTERS, countersDev);
          java.util.Arrays.fill(sums, 0);
          for (int s = 0; s < nSec; s++) {
            for (int c = 0; c < SectorKernel.COUNTERS; c++) {
              sums[c] += countersDev[s * SectorKernel.COUNTERS + c];
            }
          }
          model.addLedger(sums[SectorKernel.C_DEPOSITS], sums[SectorKernel.C_CONV_CARRIER],
              sums[SectorKernel.C_DISSOLVES]);
          model.addCracks(sums[SectorKernel.C_CRACKS]);
          model.addHeals(sums[SectorKernel.C_HEALS]);
          events += sums[SectorKernel.C_ACCEPTED];
          attemptsTotal += sums[SectorKernel.C_ATTEMPTS];
          time += tau;
          sweep++;
          if (thermal.active()) {
            // self-heating: the temperature follows the step's current over the window; the
            // rate tables (and so the next sweep's thresholds) follow it in steps of update_K
            double tk = thermal.advance(tau, mode == LiModel.Mode.REST ? 0.0
                : st.current_mA_cm2());
            if (Math.abs(tk - model.temperatureK()) >= updateK) {
              model.setTemperature(tk);
            }
          }
          // ---- global steps after the colours, fixed order
          if (sums[SectorKernel.C_SHORT] > 0) {
            model.markShorted();
          }
          stripSinceFill += sums[SectorKernel.C_DISSOLVES];
          if (stripSinceFill >= model.fillInterval() || sums[SectorKernel.C_INERT_TOUCHED] > 0) {
            engine.downloadLattice(cells);
            model.relabelDead();
            engine.uploadLattice(cells);
            stripSinceFill = 0;
            fills++;
          }
          sweepNanos += System.nanoTime() - n0;
          boolean copied = false;
          while (time >= nextSample) {
            if (!copied) {
              engine.downloadLattice(cells);
              copied = true;
            }
            double[] row = Simulation.sample(model, time, events, eta, k);
            rows.add(row);
            listener.sample(row);
            listener.progress(Math.min(1.0, time / total), row);
            nextSample += sampleDt;
          }
          if (time >= nextSnap) {
            if (!copied) {
              engine.downloadLattice(cells);
              copied = true;
            }
            listener.snapshot(snapIndex++, time, model.lattice());
            nextSnap += snapDt;
          }
          if (model.shorted()) {
            shortTime = time;
            stop = "short circuit";
            break outer;
          }
          if (maxEvents > 0 && events >= maxEvents) {
            stop = "maxEvents";
            break outer;
          }
          if (sim.interrupted().getAsBoolean()) {
            stop = "interrupted";
            break outer;
          }
          if (maxWall > 0 && (System.nanoTime() - wall0) * 1e-9 > maxWall) {
            stop = "maxWall";
            break outer;
          }
        }
        if (mode == LiModel.Mode.PLATE) {
          platedInCycle += model.reducedInStep();
          engine.downloadLattice(cells);
          lastPlated = Simulation.morphologyMap(model);
        } else if (mode == LiModel.Mode.STRIP) {
          strippedInCycle += model.extractedInStep();
          engine.downloadLattice(cells);
          if (model.relabelDead() > 0) {
            engine.uploadLattice(cells);
          }
          stripSinceFill = 0;
          fills++;
        }
      }
      engine.downloadLattice(cells);
    }
    Simulation.closeCycle(cycles, cycle, platedInCycle, strippedInCycle, model.areaM2());
    model.setMode(LiModel.Mode.REST, 0);
    double[] last = Simulation.sample(model, time, events, 0.0, steps.size());
    rows.add(last);
    listener.sample(last);
    listener.progress(1.0, last);
    double wall = (System.nanoTime() - wall0) * 1e-9;
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("solver", "parallel");
    head.put("backend", engineName);
    head.put("threads", engineThreads);
    head.put("window_s", window > 0 ? window : null);
    head.put("attemptsPerSite", window > 0 ? null : eps);
    head.put("sectors", nSec);
    head.put("colours", layout.colours);
    head.put("sweeps", sweep);
    head.put("attempts", attemptsTotal);
    head.put("deadLiFills", fills);
    double sweepSecs = sweepNanos * 1e-9;
    head.put("sweepWallTime_s", sweepSecs);
    head.put("siteAttemptsPerSecond", sweepSecs > 0 ? attemptsTotal / sweepSecs : 0.0);
    Map<String, Object> summary = sim.summary(head, model, events, time, wall, shortTime, cycles,
        stop);
    summary.put("morphologyPlated", lastPlated != null ? lastPlated : summary.get("morphology"));
    if (!stalled.isEmpty()) {
      summary.put("stalledSteps", stalled);
    }
    return new Simulation.Result(rows, summary, model, stop);
  }

  /** floor(p 2^32) as an unsigned 32-bit pattern, clamped to [0, 2^32 - 1]. */
  static int threshold(double p) {
    if (!(p > 0)) {
      return 0;
    }
    double v = Math.floor(p * TWO32);
    return v >= TWO32 - 1 ? -1 : (int) (long) v;
  }
}
