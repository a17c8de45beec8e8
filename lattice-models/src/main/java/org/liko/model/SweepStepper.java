package org.liko.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.liko.engine.Grid;
import org.liko.engine.InputException;
import org.liko.engine.Lattice;
import org.liko.engine.MaterialTable;
import org.liko.engine.backend.Backend;
import org.liko.engine.backend.SweepEngine;
import org.liko.engine.checkpoint.StateIn;
import org.liko.engine.checkpoint.StateOut;
import org.liko.engine.parallel.PoissonTable;
import org.liko.engine.parallel.SectorKernel;
import org.liko.engine.parallel.SectorLayout;
import org.liko.engine.rng.Philox;
import org.liko.engine.rules.SiteRules;

/**
 * The parallel solver's sector method (described in {@link ParallelSimulation}) behind the
 * protocol loop's {@link Stepper} interface: one sweep per {@link #advance} on a
 * {@link SweepEngine} (count pass, host thresholds, one pass per colour, global steps;
 * time += tau). It needs only the model, the scenario and its settings, never the loop.
 */
final class SweepStepper implements Stepper {
  /** Default expected attempts per site per colour and sweep (automatic window). */
  static final double DEFAULT_ATTEMPTS_PER_SITE = 0.15;

  private static final double TWO32 = 4294967296.0;
  private final LiModel model;
  private final long seed;
  private final double window;
  private final double eps;
  private final long maxSweeps;
  private final Thermal thermal;
  private final double updateK;
  /**
   * Planes added above and below each sector's active band (SectorKernel.P_BAND): an event that
   * makes a new active site beyond it waits for the next window, a chain of three events in one
   * window and place.
   */
  static final int BAND_MARGIN = 2;
  private final SectorLayout layout;
  private final int maxRun;
  private final int nSec;
  private final int histSize;
  private final int[] params;
  private final double maxHeal;
  private final int dirs;
  private final byte[] cells;
  /** Class histogram summed over the sectors (a running sum, see {@link #advance}). */
  private final long[] hist;
  /** True until {@link #hist} is summed over every sector (first sweep, after a restore). */
  private boolean histStale = true;
  /** Sectors the coming count pass reclassifies (the dirty ones), when it keeps the others. */
  private final boolean[] recount;
  /** The sectors of {@link #recount}, ascending (the first entries hold them). */
  private final int[] recountList;
  private final int[] histDev;
  private final int[] countersDev;
  private final long[] sums;
  private final int[] attempts;
  /** Sites of each sector's active band at the last count pass. */
  private final int[] bandSites;
  private final int nz;
  /**
   * Poisson tables of attempts, valid for {@link #poissonPerSite}: by the index of a sector's
   * column count ({@link #columnIndex}) and the planes of its band (a few column counts occur:
   * blocks differ by one column at most), so a sweep looks them up without boxing.
   */
  private final int[][][] poissonTables;
  /** Sector -> index of its column count in {@link #poissonTables}. */
  private final int[] columnIndex;
  /** Columns of each sector. */
  private final int[] sectorColumns;
  private double poissonPerSite = -1;
  /** Highest non-fluid z at the last count pass (SectorKernel.C_SOLID_TOP over the sectors). */
  private int activeTop;
  /** One Philox block of the host's draws. */
  private final int[] block = new int[4];
  /**
   * True when the count pass may start its column walks below the top of the box: no drops
   * and no inert material that takes deposits (SectorKernel.P_TOP_SKIP).
   */
  private final boolean topBounded;
  private final double[] typeRate = new double[SectorKernel.TYPES];
  private final String engineName;
  private final String engineDevice;
  private final int engineThreads;
  private final SweepEngine engine;
  private LiModel.Mode mode;
  private Scenario.Step step;
  private double currentPerE;
  private double time;
  private long events;
  private long attemptsTotal;
  private long sweep;
  private long sweepNanos;
  private long stripSinceFill;
  private long fills;
  private double eta;
  private boolean copied;
  private boolean observed;
  private final int[] materialsDev;
  private final double[] nForeign; // candidate sites per foreign substrate (this sweep)
  private final int[] foreignIndex = new int[Lattice.MAX_MATERIALS]; // material -> substrate k
  private final double[] depAt = new double[SiteRules.DEPOSIT_CLASSES]; // weights at this eta
  private final int[] tops;
  // walkers: diffusing ones live in the carriers table, ballistic ones are DROP events
  private final boolean walkOn;
  private final boolean dropOn;
  private final int[] carriers;
  private final double walkRate;
  private final int plane;
  private int highest;
  private long walkerEvents;
  private long relaunched;
  private int[] launchList = new int[64];

  /**
   * Opens the backend and uploads the model's lattice and tables.
   *
   * @param model the model, as prepared (its lattice is uploaded)
   */
  SweepStepper(LiModel model, Scenario scenario, MaterialTable materials, long seed,
      Backend backend, int threads, double window, double eps, long maxSweeps, Thermal thermal,
      double updateK) {
    this.model = model;
    this.seed = seed;
    this.window = window;
    this.eps = eps;
    this.maxSweeps = maxSweeps;
    this.thermal = thermal;
    this.updateK = updateK;
    Grid g = model.lattice().grid();
    layout = layout(model, scenario);
    maxRun = model.seiOn() ? model.seiMaxRun() : 0;
    nSec = layout.sectors;
    histSize = SectorKernel.histSize(maxRun);
    params = SectorKernel.baseParams(g, layout, maxRun, LiMaterials.LI, LiMaterials.LI_DEAD,
        LiMaterials.ELECTROLYTE);
    params[SectorKernel.P_LAYER_A] = LiMaterials.SEI_INORGANIC;
    params[SectorKernel.P_LAYER_B] = LiMaterials.SEI_ORGANIC;
    params[SectorKernel.P_LAYER_SHARE] = model.seiInorganicShare();
    params[SectorKernel.P_SHORT_Z] = model.separatorZ() - 1;
    params[SectorKernel.P_KEY0] = (int) seed;
    params[SectorKernel.P_KEY1] = (int) (seed >>> 32);
    params[SectorKernel.P_KEEP_CLEAN] = 0; // the first count classifies every sector
    params[SectorKernel.P_MATERIAL_IDS] = materials.size(); // ids of the lattice's materials
    params[SectorKernel.P_TOP_SKIP] = 0;
    params[SectorKernel.P_CONVERT_ON] = model.seiOn() ? 1 : 0;
    params[SectorKernel.P_HOP_ON] = model.hopOn() ? 1 : 0;
    params[SectorKernel.P_MOVES] = model.hopMoves();
    // the rate law of SurfaceDiffusion: rows by the material below, a step-down threshold
    if (SurfaceDiffusion.HOP_ROWS > SectorKernel.HOP_ROWS) {
      throw new IllegalStateException("more hop rows than the sector kernel has");
    }
    for (int m = 0; m < Lattice.MAX_MATERIALS; m++) {
      params[SectorKernel.P_HOP_ROW + m] = model.hopRow(m);
    }
    params[SectorKernel.P_HOP_DOWN_ON] = model.stepEdgeBarrier() ? 1 : 0;
    params[SectorKernel.P_HEAL_ON] = model.healOn() ? 1 : 0;
    // healing: bounded by the fastest healing layer (cracks open pockets inside a window)
    double heal = 0;
    for (int m = 0; m < Lattice.MAX_MATERIALS && model.healOn(); m++) {
      heal = Math.max(heal, model.healRate(m));
    }
    maxHeal = heal;
    for (int m = 0; m < Lattice.MAX_MATERIALS; m++) {
      params[SectorKernel.P_HEAL_THR + m] = maxHeal > 0 ? threshold(model.healRate(m) / maxHeal)
          : 0;
    }
    for (int c = 0; c < SiteRules.DEPOSIT_CLASSES; c++) {
      params[SectorKernel.P_CRACK + c] = model.cracks(c) ? 1 : 0;
    }
    dirs = g.directions;
    cells = model.lattice().cells();
    nForeign = new double[model.foreignCount()];
    for (int k = 0; k < model.foreignCount(); k++) {
      foreignIndex[model.foreignMaterial(k)] = k;
    }
    hist = new long[histSize];
    recount = new boolean[nSec];
    recountList = new int[nSec];
    histDev = new int[nSec * histSize];
    countersDev = new int[nSec * SectorKernel.COUNTERS];
    sums = new long[SectorKernel.COUNTERS];
    attempts = new int[nSec];
    bandSites = new int[nSec];
    nz = g.nz;
    sectorColumns = new int[nSec];
    columnIndex = new int[nSec];
    int[] distinct = new int[nSec];
    int nDistinct = 0;
    for (int s = 0; s < nSec; s++) {
      sectorColumns[s] = layout.sites[s] / nz;
      int k = 0;
      while (k < nDistinct && distinct[k] != sectorColumns[s]) {
        k++;
      }
      if (k == nDistinct) {
        distinct[nDistinct++] = sectorColumns[s];
      }
      columnIndex[s] = k;
    }
    poissonTables = new int[nDistinct][nz + 1][];
    engineName = backend.name();
    engineDevice = backend.availability().device();
    engine = backend.open(threads);
    engineThreads = engine.threads();
    engine.uploadLattice(cells);
    engine.uploadTable(SectorKernel.SLOT_FLAGS, materials.flags);
    engine.uploadTable(SectorKernel.SLOT_SECTORS, layout.table);
    engine.uploadTable(SectorKernel.SLOT_COUNTERS, countersDev);
    engine.uploadTable(SectorKernel.SLOT_HIST, histDev);
    engine.uploadTable(SectorKernel.SLOT_ATTEMPTS, attempts);
    params[SectorKernel.P_BASE] = model.collectorTop();
    materialsDev = new int[nSec * Lattice.MAX_MATERIALS];
    tops = new int[g.plane];
    engine.uploadTable(SectorKernel.SLOT_MATERIALS, materialsDev);
    engine.uploadTable(SectorKernel.SLOT_TOPS, tops);
    walkOn = model.walkers() && !model.ballistic();
    dropOn = model.walkers() && model.ballistic();
    walkRate = model.walkerHopRate();
    plane = g.plane;
    carriers = new int[walkOn ? g.sites : 1];
    params[SectorKernel.P_WALK_ON] = walkOn ? 1 : 0;
    params[SectorKernel.P_BAND] = walkOn || dropOn ? -1 : BAND_MARGIN;
    boolean inertTakes = false;
    for (int f : materials.flags) {
      inertTakes |= (f & org.liko.engine.Material.INERT) != 0
          && (f & org.liko.engine.Material.DEPOSIT_ON) != 0;
    }
    topBounded = !dropOn && !inertTakes;
    params[SectorKernel.P_DROP_TOP_ONLY] = model.stickTopOnly() ? 1 : 0;
    params[SectorKernel.P_RELAUNCH_Z] = Integer.MAX_VALUE;
    // walker hops: G to each lateral neighbour, G (1 + drift) down, G (1 - drift) up
    double cum = 0;
    for (int d = 0; d < dirs; d++) {
      cum += d == Grid.UP ? 1.0 - model.drift() : d == Grid.DOWN ? 1.0 + model.drift() : 1.0;
      params[SectorKernel.P_WALK_DIR + d] = d == dirs - 1 ? -1
          : threshold(cum / dirs);
    }
    engine.uploadTable(SectorKernel.SLOT_CARRIERS, carriers);
    engine.uploadTable(SectorKernel.SLOT_LAUNCH, new int[] {0});
    engine.uploadTable(SectorKernel.SLOT_PARAMS, params);
    if (walkOn && model.population() > 0) {
      // the fixed population enters above the highest solid before the first sweep
      engine.runPass(SectorKernel.PASS_COUNT, 0, 0);
      engine.downloadTable(SectorKernel.SLOT_COUNTERS, countersDev);
      highest = maxCounter(SectorKernel.C_HIGHEST);
      launch(model.population(), -1);
      model.addWalkerLedger(model.population(), 0, 0, model.population());
    }
  }

  /** Adds {@code sign} times sector s's slice of the downloaded histograms to {@link #hist}. */
  private void addSlice(int s, int sign) {
    SectorKernel.addHist(hist, histDev, s * histSize, histSize,
        params[SectorKernel.P_MATERIAL_IDS], sign);
  }

  /** Largest value of a counter over the sectors (from the last counters download). */
  private int maxCounter(int c) {
    int m = Integer.MIN_VALUE;
    for (int s = 0; s < nSec; s++) {
      m = Math.max(m, countersDev[s * SectorKernel.COUNTERS + c]);
    }
    return m;
  }

  /**
   * Launch step (a global step): {@code k} walkers enter at uniform random columns,
   * {@code launchGap} above the highest solid (below the separator), drawn on the host with
   * Philox stream {@link SectorKernel#STREAM_LAUNCH} of sweep {@code sweepNo}.
   */
  private void launch(long k, long sweepNo) {
    if (k <= 0) {
      return;
    }
    if (k > Integer.MAX_VALUE - 9) {
      throw new IllegalStateException("more than 2^31 walkers launched in one window");
    }
    int z = Math.min(highest + model.launchGap(), model.separatorZ() - 1);
    if (launchList.length < k + 1) {
      // grown geometrically, so the device table is reallocated a few times per run at most
      long size = Math.max(k + 1, 2L * launchList.length);
      launchList = new int[(int) Math.min(Integer.MAX_VALUE - 8, size)];
    }
    int[] list = launchList;
    list[0] = (int) k;
    for (int n = 1; n <= k; n++) {
      long u = Philox.draw(seed, n, 0, SectorKernel.STREAM_LAUNCH, sweepNo, 0) & 0xFFFFFFFFL;
      list[n] = z * plane + (int) ((u * plane) >>> 32);
    }
    engine.uploadTable(SectorKernel.SLOT_LAUNCH, list);
    engine.runPass(SectorKernel.PASS_LAUNCH, 0, sweepNo);
    relaunched += k;
  }

  @Override
  public double time() {
    return time;
  }

  @Override
  public long events() {
    return events;
  }

  @Override
  public void beginStep(LiModel.Mode mode, Scenario.Step st) {
    model.setMode(mode, st.current_mA_cm2());
    this.mode = mode;
    this.step = st;
    params[SectorKernel.P_FROM_CARRIER] = mode == LiModel.Mode.PLATE ? 1 : 0;
    engine.uploadTable(SectorKernel.SLOT_PARAMS, params);
    currentPerE = model.currentPerE();
  }

  /** One sweep: the global step, the colour passes and the global steps after them. */
  @Override
  public int advance(double limit, double tEnd) {
    copied = false;
    observed = false;
    if (!(time < tEnd)) {
      return END;
    }
    if (maxSweeps > 0 && sweep >= maxSweeps) {
      return MAX_SWEEPS;
    }
    long n0 = System.nanoTime();
      // ---- global step: class counts, driven rates, thresholds
      // The class histogram is kept as a running sum: a count pass that keeps clean sectors
      // changes only the slices of the sectors marked dirty (as the last counters download
      // says), so only those are taken out before it and added back after it.
      boolean fullSum = histStale || params[SectorKernel.P_KEEP_CLEAN] == 0 || walkOn;
      int recounts = 0;
      for (int s = 0; s < nSec; s++) {
        recount[s] = !fullSum
            && countersDev[s * SectorKernel.COUNTERS + SectorKernel.C_DIRTY] != 0;
        if (recount[s]) {
          addSlice(s, -1);
          recountList[recounts++] = s;
        }
      }
      engine.runPass(SectorKernel.PASS_COUNT, 0, sweep);
      if (fullSum) {
        engine.downloadTable(SectorKernel.SLOT_HIST, histDev);
      } else {
        // only the recounted slices changed (an engine may copy the whole table)
        engine.downloadSlices(SectorKernel.SLOT_HIST, histDev, recountList, recounts, histSize);
      }
      engine.downloadTable(SectorKernel.SLOT_COUNTERS, countersDev); // bands, carriers
      if (fullSum) {
        java.util.Arrays.fill(hist, 0);
        for (int s = 0; s < nSec; s++) {
          addSlice(s, 1);
        }
        histStale = false;
      } else {
        for (int s = 0; s < nSec; s++) {
          if (recount[s]) {
            addSlice(s, 1);
          }
        }
      }
      activeTop = maxCounter(SectorKernel.C_ACTIVE_TOP);
      // from now on a count pass reclassifies only the sectors where events happened
      params[SectorKernel.P_KEEP_CLEAN] = 1;
      int walkMax = 0;
      if (walkOn) {
        highest = maxCounter(SectorKernel.C_HIGHEST);
        int most = maxCounter(SectorKernel.C_MAX_CARRIERS);
        // the fullest site bounds the walk rate; a site that gains walkers beyond it within the
        // window hops at that bound until the next window (rare unless walkers are dense)
        walkMax = most;
        long relaunchZ = (long) highest + model.relaunchGap();
        params[SectorKernel.P_RELAUNCH_Z] = (int) Math.min(Integer.MAX_VALUE, relaunchZ);
      }
      // reduction weight: overpotential-independent classes summed, foreign substrates counted
      double sumDep = 0;
      java.util.Arrays.fill(nForeign, 0);
      for (int c = 0; c < SiteRules.DEPOSIT_CLASSES; c++) {
        if (hist[SectorKernel.H_DEP + c] > 0) {
          if (SiteRules.depositKind(c) == SiteRules.ON_FOREIGN) {
            nForeign[foreignIndex[c % Lattice.MAX_MATERIALS]] += hist[SectorKernel.H_DEP + c];
          } else {
            sumDep += hist[SectorKernel.H_DEP + c] * model.depositWeight(c);
          }
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
        for (int r = 0; r < SurfaceDiffusion.HOP_ROWS; r++) {
          if (hist[SectorKernel.H_HOP + 8 * r + n] > 0) {
            maxHop = Math.max(maxHop, model.hopRateOn(SurfaceDiffusion.rowMaterial(r), n));
          }
        }
      }
      // Classes that the sweep itself creates all the time must be covered by R_T from the
      // start, or their rate is clamped for the rest of the window: adatoms (n = 1) once
      // live Li has an open face, fresh SEI (L = 0). (Dissolution keeps the present classes: a
      // bound of w(n = 1) makes stripping of sparse live Li 50 times slower.) With barriers
      // by substrate, adatoms on a substrate too (its row's n = 1) where its row has a hop
      // class or deposits land on it; an atom that reaches another substrate within a window
      // hops there at most at this bound until the next window.
      boolean anyHop = maxHop > 0;
      if (model.hopOn() && (hist[SectorKernel.H_DEP + SiteRules.ON_PRODUCT
          * Lattice.MAX_MATERIALS + LiMaterials.LI] > 0 || anyHop)) {
        maxHop = Math.max(maxHop, model.hopRate(1));
      }
      for (int r = 1; r < SurfaceDiffusion.HOP_ROWS && model.barriersBySubstrate(); r++) {
        int m = SurfaceDiffusion.rowMaterial(r);
        boolean present = hist[SectorKernel.H_DEP + SiteRules.ON_FOREIGN
            * Lattice.MAX_MATERIALS + m] > 0;
        for (int n = 0; n <= dirs; n++) {
          present |= hist[SectorKernel.H_HOP + 8 * r + n] > 0;
        }
        if (present) {
          maxHop = Math.max(maxHop, model.hopRateOn(m, 1));
        }
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
      double x = Double.NaN; // f eta of the galvanostatic solve
      eta = 0.0;
      boolean walkers = model.walkers();
      boolean plating = mode == LiModel.Mode.PLATE;
      if (walkers) {
        // walkers carry the plating current (no overpotential is solved, as exact); oxidation
        // at I/e while stripping
        kDis = mode == LiModel.Mode.STRIP && sumDis > 0 ? currentPerE / sumDis : 0.0;
      } else if (model.channelActive(LiModel.DEPOSIT)) {
        // full Butler-Volmer: both directions live, eta from the same solve as exact
        x = model.solveOverpotential(sumDep, nForeign, sumDis, plating ? rSei : 0.0);
        if (!Double.isNaN(x)) {
          kDep = model.reductionFactor();
          kDis = model.oxidationFactor();
          eta = x / (model.alphaF() + model.betaF());
        } else if (mode == LiModel.Mode.STRIP) {
          eta = Double.POSITIVE_INFINITY;
        }
      }
      if (mode == LiModel.Mode.STRIP && !walkers && eta > step.cutoff_V()
          && step.cutoff_V() > 0) {
        sweepNanos += System.nanoTime() - n0;
        return CUTOFF;
      }
      if (mode != LiModel.Mode.REST && (walkers ? mode == LiModel.Mode.STRIP && sumDis == 0
          : Double.isNaN(x))) {
        // no site can take the current: the step cannot go on (as the exact solver)
        sweepNanos += System.nanoTime() - n0;
        return NO_SITE;
      }
      double maxDep = 0;
      double redWeight = 0; // total reduction weight at x
      for (int c = 0; c < SiteRules.DEPOSIT_CLASSES && kDep > 0; c++) {
        depAt[c] = 0;
        if (hist[SectorKernel.H_DEP + c] > 0) {
          depAt[c] = model.depositWeightAt(c, x);
          redWeight += hist[SectorKernel.H_DEP + c] * depAt[c];
          maxDep = Math.max(maxDep, depAt[c]);
        }
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
      typeRate[SectorKernel.WALK] = walkMax * dirs * walkRate;

      // ballistic walkers: each of the sites takes currentPerE / sites, so a column takes
      // currentPerE / columns
      typeRate[SectorKernel.DROP] = dropOn && plating ? currentPerE / cells.length : 0.0;
      // diffusing walkers injected at I/e enter at the end of each window
      double rInject = walkOn && plating && model.population() == 0 ? currentPerE : 0.0;
      params[SectorKernel.P_WALK_MAX] = walkMax;
      params[SectorKernel.P_WALK_UNIT] = walkMax > 1 ? (int) ((1L << 32) / walkMax) : 0;
      for (int c = 0; c < SiteRules.DEPOSIT_CLASSES && walkOn; c++) {
        params[SectorKernel.P_WALK_REACT + c] = threshold(
            Math.min(1.0, model.reactionProbability() * model.depositWeight(c)));
      }
      double rMax = 0;
      for (double r : typeRate) {
        rMax += r;
      }
      if (!(rMax > 0) && rInject > 0) {
        // no walker on the lattice yet: a window of one expected injection, no attempts
        double tau = Math.min(1.0 / rInject, tEnd - time);
        finishWindow(tau, 0, 0);
        sweepNanos += System.nanoTime() - n0;
        return MOVED;
      }
      if (!(rMax > 0)) {
        sweepNanos += System.nanoTime() - n0;
        if (tEnd < Double.POSITIVE_INFINITY) {
          if (thermal.active()) {
            double tk = thermal.advance(tEnd - time, mode == LiModel.Mode.REST ? 0.0
                : step.current_mA_cm2());
            if (Math.abs(tk - model.temperatureK()) >= updateK) {
              model.setTemperature(tk);
            }
          }
          time = tEnd; // nothing can happen: the clock runs to the end of the step
        }
        return END;
      }
      // cumulative split; from the last type with a rate on, every threshold is 2^32 - 1, so
      // that rounding in cum / rMax never hands an attempt to a type whose rate is 0 (a drop,
      // for one, is always accepted)
      int last = 0;
      for (int t = 0; t < SectorKernel.TYPES; t++) {
        if (typeRate[t] > 0) {
          last = t;
        }
      }
      double cum = 0;
      for (int t = 0; t < SectorKernel.TYPES; t++) {
        cum += typeRate[t];
        params[SectorKernel.P_SPLIT + t] = t >= last ? -1
            : threshold(cum / rMax);
      }
      for (int c = 0; c < SiteRules.DEPOSIT_CLASSES; c++) {
        // classes absent now get the weight at x too (deposition makes them within the window)
        params[SectorKernel.P_DEP_THR + c] = maxDep > 0
            ? threshold(Math.min(1.0, model.depositWeightAt(c, x) / maxDep))
            : 0;
      }
      for (int n = 0; n <= dirs; n++) {
        params[SectorKernel.P_DIS_THR + n] = maxDis > 0
            ? threshold(model.dissolveWeight(n) / maxDis) : 0;
        for (int r = 0; r < SurfaceDiffusion.HOP_ROWS; r++) {
          double rate = model.hopRateOn(SurfaceDiffusion.rowMaterial(r), n);
          params[SectorKernel.P_HOP_THR + 8 * r + n] = maxHop > 0
              ? threshold(rate / maxHop) : 0;
          params[SectorKernel.P_HOP_DOWN_THR + 8 * r + n] = maxHop > 0
              ? threshold(rate * model.stepDownFactor() / maxHop) : 0;
        }
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
        tau = Math.min(tau, 1.0 / (kDep * redWeight));
      }
      if (typeRate[SectorKernel.DROP] > 0) {
        // at most eps expected drops per column and window: a column and its neighbours in
        // another colour then see each other's drops of the same window rarely
        tau = Math.min(tau, window > 0 ? tau : eps * plane / currentPerE);
      }
      if (time + tau > tEnd) {
        tau = tEnd - time;
      }
      // ---- colours
      double perSite = tau * rMax;
      if (perSite != poissonPerSite) {
        for (int[][] t : poissonTables) { // tables are kept while the attempts per site hold
          java.util.Arrays.fill(t, null);
        }
        poissonPerSite = perSite;
      }
      for (int s = 0; s < nSec; s++) {
        int b = s * SectorKernel.COUNTERS;
        int planes = countersDev[b + SectorKernel.C_BAND_HI]
            - countersDev[b + SectorKernel.C_BAND_LO] + 1;
        bandSites[s] = sectorColumns[s] * Math.max(0, planes);
      }
      for (int colour = 0; colour < layout.colours; colour++) {
        // the sweep pass reads the attempts of this colour's sectors only: the others keep the
        // counts of the colour before (no draw is spent on them)
        for (int s : layout.byColour[colour]) {
          int planes = bandSites[s] / sectorColumns[s];
          int[] tab = poissonTables[columnIndex[s]][planes];
          if (tab == null) {
            tab = PoissonTable.of(perSite * bandSites[s]);
            poissonTables[columnIndex[s]][planes] = tab;
          }
          // Philox.draw(seed, s, colour, STREAM_COUNT, sweep, 0) without its allocation
          Philox.philox4(s, Philox.counter1(s, colour, SectorKernel.STREAM_COUNT), (int) sweep,
              (int) (sweep >>> 32), (int) seed, (int) (seed >>> 32), block, 0);
          int u = block[0];
          attempts[s] = bandSites[s] == 0 ? 0 : PoissonTable.draw(tab, u);
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
      walkerEvents += sums[SectorKernel.C_WALKS] + sums[SectorKernel.C_DROPS]
          + sums[SectorKernel.C_DROPS_FULL];
      model.addWalkerLedger(0, 0, sums[SectorKernel.C_DROPS], 0);
      if (walkOn) {
        highest = Math.max(highest, maxCounter(SectorKernel.C_HIGHEST));
      }
      finishWindow(tau, sums[SectorKernel.C_REDUCED], sums[SectorKernel.C_STRAYED]);
      // ---- global steps after the colours, fixed order
      if (sums[SectorKernel.C_SHORT] > 0) {
        model.markShorted();
      }
      if (mode == LiModel.Mode.STRIP) { // the stripping schedule, as the exact solver
        stripSinceFill += sums[SectorKernel.C_DISSOLVES];
      }
      // the next count pass walks columns down from a bound on the highest site that is
      // neither fluid nor inert (topRise)
      long bound = Math.min(nz - 1L, activeTop + 1L + topRise());
      activeTop = (int) bound;
      params[SectorKernel.P_TOP_SKIP] = topBounded ? (int) (nz - 1 - bound) : 0;
      if (stripSinceFill >= model.fillInterval() || sums[SectorKernel.C_INERT_TOUCHED] > 0) {
        fill();
      } else {
        engine.uploadTable(SectorKernel.SLOT_PARAMS, params);
      }
    sweepNanos += System.nanoTime() - n0;
    return MOVED;
  }

  /**
   * Ends a window of length tau: walkers reduced (replaced in population mode) or strayed
   * (relaunched) and those injected over the window enter (launch step), the clock and the
   * self-heating temperature advance, the sweep counter moves on.
   */
  private void finishWindow(double tau, long reduced, long strayed) {
    if (walkOn) {
      long entered = 0;
      if (model.population() > 0) {
        entered = reduced;
      } else if (mode == LiModel.Mode.PLATE) {
        double mean = currentPerE * tau;
        int u = (int) Philox.draw(seed, 0, 0, SectorKernel.STREAM_INJECT, sweep, 0);
        entered = PoissonTable.draw(PoissonTable.of(mean), u);
      }
      launch(entered + strayed, sweep);
      model.addWalkerLedger(entered, reduced, 0, entered - reduced);
    }
    time += tau;
    sweep++;
    if (thermal.active()) {
      // self-heating: the temperature follows the step's current over the window; the
      // rate tables (and so the next sweep's thresholds) follow it in steps of update_K
      double tk = thermal.advance(tau, mode == LiModel.Mode.REST ? 0.0
          : step.current_mA_cm2());
      if (Math.abs(tk - model.temperatureK()) >= updateK) {
        model.setTemperature(tk);
      }
    }
  }

  @Override
  public double overpotential() {
    return eta;
  }

  @Override
  public void beforeSample() {}

  /** Runs the observe pass at most once per sweep and copies its outputs back. */
  private void observe() {
    if (!observed) {
      engine.runPass(SectorKernel.PASS_OBSERVE, 0, sweep);
      engine.downloadTable(SectorKernel.SLOT_MATERIALS, materialsDev);
      engine.downloadTable(SectorKernel.SLOT_TOPS, tops);
      observed = true;
    }
  }

  @Override
  public long[] materialCounts() {
    observe();
    long[] n = new long[Lattice.MAX_MATERIALS];
    for (int s = 0; s < nSec; s++) {
      for (int m = 0; m < Lattice.MAX_MATERIALS; m++) {
        n[m] += materialsDev[s * Lattice.MAX_MATERIALS + m];
      }
    }
    return n;
  }

  @Override
  public double[] columnHeights() {
    observe();
    double[] h = new double[tops.length];
    double siteNm = model.siteNm();
    for (int c = 0; c < h.length; c++) {
      h[c] = tops[c] * siteNm;
    }
    return h;
  }

  @Override
  public void beforeSnapshot() {
    syncOnce();
  }

  /** Copies the lattice back at most once per sweep for its rows and snapshot. */
  private void syncOnce() {
    if (!copied) {
      syncLattice();
      copied = true;
    }
  }

  /** Copies the lattice back and marks the sites that hold walkers (as the exact solver). */
  @Override
  public void syncLattice() {
    engine.downloadLattice(cells);
    if (walkOn) {
      engine.downloadTable(SectorKernel.SLOT_CARRIERS, carriers);
      for (int i = 0; i < cells.length; i++) {
        cells[i] = (byte) (carriers[i] > 0 ? cells[i] | Lattice.CARRIER_BIT
            : cells[i] & ~Lattice.CARRIER_BIT);
      }
    }
  }

  /** Walkers per site, copied back from the device (walkers mode; else one 0). */
  int[] carriers() {
    if (walkOn) {
      engine.downloadTable(SectorKernel.SLOT_CARRIERS, carriers);
    }
    return carriers.clone();
  }

  @Override
  public void relabelDead() {
    fill();
  }

  /**
   * The dead-Li flood fill on the device (a global step): seed pass, growth passes until no
   * sector marks a site, label pass. The lattice stays on the device.
   *
   * @return sites relabelled
   */
  private long fill() {
    long dead0 = materialCounts()[LiMaterials.LI_DEAD];
    params[SectorKernel.P_KEEP_CLEAN] = 0; // relabelled sites: the next count classifies all
    engine.uploadTable(SectorKernel.SLOT_PARAMS, params);
    engine.runPass(SectorKernel.PASS_FILL_SEED, 0, sweep);
    long grown = 1;
    while (grown > 0) {
      engine.runPass(SectorKernel.PASS_FILL_GROW, 0, sweep);
      engine.downloadTable(SectorKernel.SLOT_COUNTERS, countersDev);
      grown = sumCounter(SectorKernel.C_FILL_CHANGED);
    }
    engine.runPass(SectorKernel.PASS_FILL_LABEL, 0, sweep);
    engine.downloadTable(SectorKernel.SLOT_COUNTERS, countersDev);
    stripSinceFill = 0;
    fills++;
    copied = false;
    observed = false;
    long changed = sumCounter(SectorKernel.C_FILL_CHANGED);
    // changed = newly dead + revived, and the dead count moved by newly dead - revived
    model.addRevived((changed - (materialCounts()[LiMaterials.LI_DEAD] - dead0)) / 2);
    return changed;
  }

  /**
   * How far the sweep just run can have raised the highest site that is neither fluid nor inert
   * (from the counters download after the colours): the sum over the colours of the most events
   * one sector of that colour accepted. An event puts such a site at most one plane above one
   * in the columns it reads, and a sector reads no column that another sector of its colour
   * writes in the same pass (blocks are at least {@code 2 range} wide), so the k-th event of a
   * sector writes at most k planes above the highest such site before the pass. A tighter bound
   * than all accepted events (which a sweep of tens of events makes the top of the box); the
   * count pass gives the same numbers from any bound at or above the true top.
   */
  private long topRise() {
    long rise = 0;
    for (int[] sectorsOfColour : layout.byColour) {
      int most = 0;
      for (int s : sectorsOfColour) {
        most = Math.max(most, countersDev[s * SectorKernel.COUNTERS + SectorKernel.C_ACCEPTED]);
      }
      rise += most;
    }
    return rise;
  }

  /** Sum of a counter over the sectors (from the last counters download). */
  private long sumCounter(int c) {
    long n = 0;
    for (int s = 0; s < nSec; s++) {
      n += countersDev[s * SectorKernel.COUNTERS + c];
    }
    return n;
  }

  @Override
  public boolean pollDue() {
    return true;
  }

  @Override
  public boolean finishesStepOnStop() {
    return false;
  }

  @Override
  public Map<String, Object> summaryHead() {
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("solver", "parallel");
    head.put("backend", engineName);
    head.put("device", engineDevice);
    head.put("threads", engineThreads);
    head.put("window_s", window > 0 ? window : null);
    head.put("attemptsPerSite", window > 0 ? null : eps);
    head.put("sectors", nSec);
    head.put("colours", layout.colours);
    head.put("sweeps", sweep);
    head.put("attempts", attemptsTotal);
    head.put("deadLiFills", fills);
    if (model.walkers()) {
      head.put("walkerEvents", walkerEvents);
      head.put("walkersLaunched", relaunched);
    }
    double sweepSecs = sweepNanos * 1e-9;
    head.put("sweepWallTime_s", sweepSecs);
    head.put("deviceBytesPerSite", (double) engine.deviceBytes() / cells.length);
    head.put("siteAttemptsPerSecond", sweepSecs > 0 ? attemptsTotal / sweepSecs : 0.0);
    return head;
  }

  @Override
  public void close() {
    engine.close();
  }

  /**
   * The sector layout of the model's lattice, or an {@link InputException} when the parallel
   * solver cannot run the scenario (walkers transport, a lattice too narrow for the sectors).
   */
  static SectorLayout layout(LiModel model, Scenario scenario) {
    if (model.walkers() && model.ballistic() && model.beamRadius() > 0) {
      throw new InputException(scenario.source() + ": field 'transport.beamRadius_sites': value "
          + model.beamRadius() + " is not supported by --solver parallel (a beam reads columns"
          + " beyond the sector margin); allowed: 0 (or use --solver exact)");
    }
    if (model.walkers() && scenario.b("transport.butlerVolmer")) {
      throw new InputException(scenario.source() + ": field 'transport.butlerVolmer': value true"
          + " is not supported by --solver parallel (its walkers have no overpotential solve);"
          + " allowed: false (or use --solver exact)");
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

  /**
   * The hop rate (1/s) of one move that the sweep's thresholds carry, from the parameter table
   * the kernel read last: attempts per site and second R_max, times the share of the
   * {@link SectorKernel#HOP} type, over the moves, times the acceptance of the class of an atom
   * with n solid neighbours above a site of material {@code below} (its row,
   * {@link SectorKernel#P_HOP_ROW}), for a move that steps down an edge or not. The rate law
   * the parallel solver runs, for tests against the exact solver's.
   */
  double hopRatePerMove(int below, int n, boolean down) {
    int row = params[SectorKernel.P_HOP_ROW + below];
    int thr = params[(down && params[SectorKernel.P_HOP_DOWN_ON] != 0
        ? SectorKernel.P_HOP_DOWN_THR : SectorKernel.P_HOP_THR) + 8 * row + n];
    double share = (params[SectorKernel.P_SPLIT + SectorKernel.HOP] & 0xFFFFFFFFL)
        - (params[SectorKernel.P_SPLIT + SectorKernel.HOP - 1] & 0xFFFFFFFFL);
    double rMax = 0;
    for (double r : typeRate) {
      rMax += r;
    }
    return rMax * share / TWO32 / params[SectorKernel.P_MOVES] * (thr & 0xFFFFFFFFL) / TWO32;
  }

  /**
   * The plane the next count pass starts its column walks at ({@code nz - 1 - }
   * {@link SectorKernel#P_TOP_SKIP}): a bound on the highest site that is neither fluid nor
   * inert, for tests.
   */
  int topBound() {
    return nz - 1 - params[SectorKernel.P_TOP_SKIP];
  }

  /** floor(p 2^32) as an unsigned 32-bit pattern, clamped to [0, 2^32 - 1]. */
  static int threshold(double p) {
    if (!(p > 0)) {
      return 0;
    }
    double v = Math.floor(p * TWO32);
    return v >= TWO32 - 1 ? -1 : (int) (long) v;
  }

  /**
   * Writes the sweep state for a checkpoint, between two sweeps: clock, sweep counter (the
   * Philox counter: the random numbers need no other state), event and walker counts, the
   * step, the host tables and every device table the next sweep reads (the engine's lattice,
   * counters, class histograms, attempts, observation, carriers), then the self-heating
   * temperature and the model.
   */
  @Override
  public void save(StateOut out) {
    out.section("sweep-stepper").i(mode == null ? -1 : mode.ordinal()).b(step != null);
    if (step != null) {
      out.text(step.kind()).d(step.current_mA_cm2()).d(step.charge_mAh_cm2()).d(step.time_s())
          .d(step.cutoff_V()).i(step.cycle());
    }
    out.d(currentPerE).d(time).l(events).l(attemptsTotal).l(sweep).l(sweepNanos)
        .l(stripSinceFill).l(fills).d(eta).b(copied).b(observed).i(highest).l(walkerEvents)
        .l(relaunched).i(activeTop).ints(params).ints(countersDev).longs(hist);
    byte[] device = new byte[cells.length];
    engine.downloadLattice(device);
    out.bytes(device);
    for (int slot : DEVICE_SLOTS) {
      int[] t = table(slot);
      engine.downloadTable(slot, t);
      out.ints(t);
    }
    thermal.save(out);
    model.save(out);
  }

  /** Device tables a checkpoint carries, besides the lattice and the parameters. */
  private static final int[] DEVICE_SLOTS = {SectorKernel.SLOT_COUNTERS,
      SectorKernel.SLOT_HIST, SectorKernel.SLOT_ATTEMPTS, SectorKernel.SLOT_MATERIALS,
      SectorKernel.SLOT_TOPS, SectorKernel.SLOT_CARRIERS};

  /** A scratch array of the size of a device table. */
  private int[] table(int slot) {
    if (slot == SectorKernel.SLOT_COUNTERS) {
      return new int[countersDev.length];
    } else if (slot == SectorKernel.SLOT_HIST) {
      return new int[histDev.length];
    } else if (slot == SectorKernel.SLOT_ATTEMPTS) {
      return new int[attempts.length];
    } else if (slot == SectorKernel.SLOT_MATERIALS) {
      return new int[materialsDev.length];
    } else if (slot == SectorKernel.SLOT_TOPS) {
      return new int[tops.length];
    }
    return new int[carriers.length];
  }

  @Override
  public void restore(StateIn in) {
    in.section("sweep-stepper");
    int m = in.i();
    mode = m < 0 ? null : LiModel.Mode.values()[Math.min(m, LiModel.Mode.values().length - 1)];
    step = in.b() ? new Scenario.Step(in.text(), in.d(), in.d(), in.d(), in.d(), in.i()) : null;
    currentPerE = in.d();
    time = in.d();
    events = in.l();
    attemptsTotal = in.l();
    sweep = in.l();
    sweepNanos = in.l();
    stripSinceFill = in.l();
    fills = in.l();
    eta = in.d();
    copied = in.b();
    observed = in.b();
    highest = in.i();
    walkerEvents = in.l();
    relaunched = in.l();
    activeTop = in.i();
    in.ints(params);
    in.ints(countersDev);
    in.longs(hist);
    histStale = true;
    byte[] device = in.bytes();
    if (device.length != cells.length) {
      throw new org.liko.engine.InputException("checkpoint: the engine's lattice has "
          + device.length + " sites, this run " + cells.length + "; it is not resumed");
    }
    for (int slot : DEVICE_SLOTS) {
      int[] t = table(slot);
      in.ints(t);
      engine.uploadTable(slot, t);
      if (slot == SectorKernel.SLOT_HIST) {
        System.arraycopy(t, 0, histDev, 0, t.length);
      } else if (slot == SectorKernel.SLOT_ATTEMPTS) {
        System.arraycopy(t, 0, attempts, 0, t.length);
      } else if (slot == SectorKernel.SLOT_MATERIALS) {
        System.arraycopy(t, 0, materialsDev, 0, t.length);
      } else if (slot == SectorKernel.SLOT_TOPS) {
        System.arraycopy(t, 0, tops, 0, t.length);
      } else if (slot == SectorKernel.SLOT_CARRIERS) {
        System.arraycopy(t, 0, carriers, 0, t.length);
      }
    }
    engine.uploadLattice(device);
    engine.uploadTable(SectorKernel.SLOT_PARAMS, params);
    thermal.restore(in);
    model.restore(in);
  }
}
