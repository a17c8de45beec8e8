package org.liko.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.liko.engine.Changes;
import org.liko.engine.ExactSolver;
import org.liko.engine.Grid;
import org.liko.engine.InputException;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.engine.rules.SiteRules;
import org.liko.engine.walk.FirstPassage;

/**
 * {@code transport.mode: walkers}: explicit Li+ walkers hopping with G = D/a^2 per direction
 * (biased by {@code transport.drift}), reducing on contact with probability p times the
 * site's reduction weight, with exact first-passage jumps when far above every solid (the
 * scheduled queue). Walkers enter at I/e while plating ({@link LiModel#INJECT}) or keep a fixed
 * population; ballistic walkers fall to first contact in one event. Oxidation runs at I/e while
 * stripping; no overpotential is solved.
 *
 * <p>With {@code transport.butlerVolmer: true} (diffusing walkers, no fixed population, exact
 * solver) the walkers run full Butler-Volmer kinetics (docs/model.md, "Butler-Volmer with
 * walkers"): f eta is solved as in the reaction mode from the interface's weights (the candidate
 * sites are site leaves of the reduction channels that never fire themselves); a walker at a
 * contact site of class c reduces at each of its hop events (blocked hops and relaunches
 * included; none when it is created) with probability min(1, p w_c(x) exp(-alpha x)), i.e. at
 * the rate p w_c(x) exp(-alpha x) dirs G while in contact, whatever its age;
 * every live surface atom oxidises at k0 v exp((1 - alpha) x) in every mode (at rest while
 * {@code kinetics.openCircuitExchange}) and leaves a walker on the site it vacated; while
 * stripping the walker highest above the collector leaves to the bulk at I/e. Walkers enter
 * (injected, relaunched, seeded) launchGap sites above a uniform random column's top, and are
 * relaunched once more than relaunchGap sites above their own column's top (the electrolyte
 * layer follows the surface; relaunchGap 1: well stirred). The walker
 * occupancy of a contact site at which the walkers reduce at k0 exp(-alpha x) per unit weight is
 * rho = k0 / (dirs G p); the region up to the relaunch height is seeded at that density, so a
 * flat electrode starts at the concentration the solve assumes.
 */
final class WalkerTransport implements Transport {
  /** Walker parameters of a scenario (read in every mode: the parallel solver uploads them). */
  record Params(boolean ballistic, boolean stickTop, double beamRadius, double hopRate,
      double drift, double reactionP, int population, int launchGap, int relaunchGap,
      int fpMin) {
    static Params of(Scenario s, boolean walkers, double k0, double aM, int dirs, int nx) {
      double g = s.d("transport.diffusivity_m2_s") / (aM * aM);
      double p = s.d("transport.reactionProbability");
      int launchGap = s.i("transport.launchGap_sites");
      int rg = s.i("transport.relaunchGap_sites");
      return new Params(walkers && s.b("transport.ballistic"), s.b("transport.stickTopOnly"),
          s.d("transport.beamRadius_sites"), g, s.d("transport.drift"),
          p >= 0 ? p : k0 / (k0 + dirs * g), s.i("transport.population"), launchGap,
          rg > 0 ? rg : 2 * nx + launchGap, s.i("transport.firstPassageMin_sites"));
    }
  }

  private static final int WALKER_SLOTS = 4096;
  private final LiModel model;
  private final Kinetics kinetics;
  private final Params p;
  private final Grid grid;
  private final byte[] cells;
  private final int[] flags;
  private final int nx;
  private final int ny;
  private final int dirs;
  private final int separatorZ;
  private long droppedInjections;
  private final int[] walkerSite;
  private final boolean[] walkerInFlight;
  private int walkerCount;
  private final int[] freeSlots;
  private int freeCount;
  private final int[] columnTop; // highest non-fluid z per column
  private int highest; // highest non-fluid z above the collector
  private final FirstPassage firstPassage;
  // full Butler-Volmer (transport.butlerVolmer): see the class comment
  private final boolean bv;
  private final double rhoRef; // walkers per contact site at which the solve's rates hold
  private long drainMisses; // bulk departures owed while stripping with no walker to send
  private double cacheW = Double.NaN; // inputs of the last solve (a pure function of them)
  private double cacheV;
  private double cacheT;
  private double cacheA;
  private final double[] cacheN;

  /** Slots of the walker table for a scenario's parameters. */
  static int slots(Params p) {
    return !p.ballistic() ? Math.max(p.population(), WALKER_SLOTS) : 1;
  }

  /**
   * Walkers on the model's built lattice: refuses an overpotential-driven nucleation barrier
   * (nothing solves one here) and finds the column tops.
   */
  WalkerTransport(LiModel model, Kinetics kinetics, Params p, int separatorZ) {
    this.model = model;
    this.kinetics = kinetics;
    this.p = p;
    Lattice lattice = model.lattice();
    this.grid = lattice.grid();
    this.cells = lattice.cells();
    this.flags = model.materials().flags;
    this.nx = grid.nx;
    this.ny = grid.ny;
    this.dirs = grid.directions;
    this.separatorZ = separatorZ;
    this.columnTop = new int[nx * ny];
    this.firstPassage = !p.ballistic() ? new FirstPassage(grid.nz) : null;
    Scenario s = model.scenario();
    this.bv = s.b("transport.butlerVolmer");
    this.rhoRef = kinetics.k0() / (dirs * p.hopRate() * p.reactionP());
    this.cacheN = new double[kinetics.foreignCount()];
    int slots = slots(p);
    if (bv) {
      if (p.ballistic() || p.population() > 0) {
        throw new InputException(s.source() + ": field 'transport.butlerVolmer': value true"
            + " needs diffusing walkers injected at I/e (" + (p.ballistic()
            ? "transport.ballistic is true" : "transport.population is " + p.population())
            + "); allowed: false, or transport.ballistic: false and transport.population: 0");
      }
      if (!(p.reactionP() > 0)) {
        throw new InputException(s.source() + ": field 'transport.reactionProbability': value "
            + p.reactionP() + " leaves no reduction with transport.butlerVolmer: true; allowed:"
            + " (0, 1] or -1 (from the exchange rate)");
      }
      double seeded = rhoRef * grid.plane * Math.max(1, p.relaunchGap());
      if (seeded > (1 << 24)) {
        throw new InputException(s.source() + ": field 'transport.reactionProbability': with"
            + " transport.butlerVolmer the electrolyte holds rho = k0 / (dirs G p) = " + rhoRef
            + " walkers per site, " + (long) seeded + " walkers up to the relaunch height (more"
            + " than 2^24); allowed: a larger p, a larger transport.diffusivity_m2_s or a"
            + " smaller transport.relaunchGap_sites");
      }
      slots = Math.max(slots, 2 * (int) seeded + WALKER_SLOTS);
    }
    this.walkerSite = new int[slots];
    java.util.Arrays.fill(walkerSite, -1);
    this.walkerInFlight = new boolean[slots];
    this.freeSlots = new int[slots];
    for (int k = 0; k < slots; k++) {
      freeSlots[freeCount++] = slots - 1 - k;
    }
    long[] present = lattice.countByMaterial();
    for (int m : kinetics.foreign()) {
      if (!bv && present[m] > 0 && kinetics.nucleationCoef(m) > 0) {
        throw new InputException(s.source() + ": field 'kinetics.interfacialEnergy_J_m2':"
            + " value " + s.d("kinetics.interfacialEnergy_J_m2") + " gives an"
            + " overpotential-driven nucleation barrier on '" + model.materials().get(m).name()
            + "', but walkers transport solves no overpotential; allowed: 0 (barrier-free"
            + " nucleation) with transport.mode walkers, transport.butlerVolmer: true (the"
            + " overpotential is then solved), or transport.mode reaction");
      }
    }
    for (int c = 0; c < columnTop.length; c++) {
      int k = (grid.nz - 1) * grid.plane + c;
      while (k >= 0 && (flags[cells[k] & Lattice.MATERIAL_MASK] & Material.FLUID) != 0
          || k >= 0 && (cells[k] & Lattice.MATERIAL_MASK) == LiMaterials.SEPARATOR) {
        k -= grid.plane;
      }
      columnTop[c] = k < 0 ? -1 : k / grid.plane;
      highest = Math.max(highest, columnTop[c]);
    }
  }

  /**
   * Walkers place the Li; with Butler-Volmer on, the reduction channels still hold the candidate
   * sites as leaves (their weights feed the solve; the channels' driven rates are 0).
   */
  @Override
  public boolean siteReduction() {
    return bv;
  }

  /**
   * Walkers carry the reduction; oxidation runs while stripping. With Butler-Volmer on, the
   * reduction leaves are kept up to date in every mode and oxidation is live while plating and
   * stripping, and at rest unless {@code kinetics.openCircuitExchange} is off.
   */
  @Override
  public boolean channelActive(int c, LiModel.Mode m) {
    if (bv) {
      return c != LiModel.DISSOLVE || m != LiModel.Mode.REST || kinetics.exchangeAtRest();
    }
    return c == LiModel.DISSOLVE && m == LiModel.Mode.STRIP;
  }

  /**
   * Oxidation at I/e while stripping, injection at I/e while plating. With Butler-Volmer on: the
   * solve runs when the reduction channel's rate is read (first, in channel order; the reduction
   * and nucleation channels themselves never fire), oxidation at k0 V exp((1 - alpha) x) and the
   * injection channel carries I/e in while plating and I/e out (to the bulk) while stripping.
   */
  @Override
  public double drivenRate(int c) {
    LiModel.Mode mode = model.mode();
    if (bv) {
      if (c == LiModel.INJECT) {
        return mode == LiModel.Mode.REST ? 0.0 : model.currentPerE();
      }
      if (c == LiModel.DEPOSIT) {
        solveOverpotential();
        return 0.0;
      }
      if (c == LiModel.DISSOLVE && !Double.isNaN(kinetics.etaX())) {
        return kinetics.oxidationFactor() * model.solver().channelWeight(LiModel.DISSOLVE);
      }
      return 0.0;
    }
    if (c == LiModel.INJECT) {
      return mode == LiModel.Mode.PLATE ? model.currentPerE() : 0.0;
    }
    return c == LiModel.DISSOLVE && mode == LiModel.Mode.STRIP ? model.currentPerE() : 0.0;
  }

  /**
   * The galvanostatic solve of the reaction mode on the interface's weights (W, n_k, V; target
   * +-I/(e k0), 0 at rest), skipped when its inputs did not change since the last one.
   */
  private void solveOverpotential() {
    org.liko.engine.ExactSolver solver = model.solver();
    if (solver == null) {
      kinetics.clearSolution();
      cacheW = Double.NaN;
      return;
    }
    double[] n = kinetics.nucleationCounts();
    boolean same = true;
    for (int k = 0; k < n.length; k++) {
      n[k] = solver.channelWeight(LiModel.NUCLEATE + k);
      same &= n[k] == cacheN[k];
    }
    double w = solver.channelWeight(LiModel.DEPOSIT);
    boolean oxLive = model.channelActive(LiModel.DISSOLVE);
    double v = oxLive ? solver.channelWeight(LiModel.DISSOLVE) : 0.0;
    double t = model.targetPerK0(0.0);
    double a = kinetics.alphaF();
    if (same && w == cacheW && v == cacheV && t == cacheT && a == cacheA) {
      return;
    }
    cacheA = a;
    cacheW = w;
    cacheV = v;
    cacheT = t;
    System.arraycopy(n, 0, cacheN, 0, n.length);
    if (!oxLive && t == 0) {
      // at rest without exchange nothing reacts: the walkers reduce at the x = 0 rate
      kinetics.clearSolution();
      return;
    }
    kinetics.solve(w, n, v, t);
  }

  /** 0 without Butler-Volmer; else the solved overpotential as in the reaction mode. */
  @Override
  public double overpotential() {
    if (!bv || model.solver() == null) {
      return 0.0;
    }
    if (Double.isNaN(kinetics.etaX())) {
      return model.mode() == LiModel.Mode.STRIP ? Double.POSITIVE_INFINITY : 0.0;
    }
    return kinetics.etaX() / (kinetics.alphaF() + kinetics.betaF());
  }

  /** Walkers always carry the plating current; with Butler-Volmer the solve must have a root. */
  @Override
  public boolean canCarry() {
    if (bv) {
      return !Double.isNaN(kinetics.etaX());
    }
    return model.mode() == LiModel.Mode.PLATE
        || model.solver().channelWeight(LiModel.DISSOLVE) > 0;
  }

  @Override
  public void attach(ExactSolver solver, UniformRandomProvider rng) {
    if (bv) {
      // the electrolyte at the reference occupancy rho: rho per site in the launch layer times
      // the relaunch gap, placed without a draw (a placed walker has not arrived anywhere: its
      // first draw comes with its first hop, so the occupancy starts at rho, not below it)
      long seeded = Math.round(rhoRef * grid.plane * Math.max(1, p.relaunchGap()));
      for (long k = 0; k < seeded && freeCount > 0; k++) {
        model.addInjected(1);
        int col = rng.nextInt(grid.plane);
        int z = Math.min(columnTop[col] + 1 + (int) (k % Math.max(1, p.relaunchGap())),
            separatorZ - 1);
        walkerSite[newSlot()] = z * grid.plane + col;
      }
      solver.rebuild();
      return;
    }
    if (!p.ballistic()) {
      for (int k = 0; k < p.population(); k++) {
        model.addInjected(1);
        launch(newSlot(), rng, null, true);
      }
      solver.rebuild();
    }
  }

  @Override
  public int walkerSlots() {
    return walkerSite.length;
  }

  @Override
  public int walkerSite(int slot) {
    return walkerSite[slot];
  }

  @Override
  public boolean walkerInFlight(int slot) {
    return walkerInFlight[slot];
  }

  @Override
  public long walkerCount() {
    return walkerCount;
  }

  @Override
  public long droppedInjections() {
    return droppedInjections;
  }

  @Override
  public double walkWeight(int slot) {
    return walkerSite[slot] >= 0 && !walkerInFlight[slot] ? dirs * p.hopRate() : 0.0;
  }

  /**
   * The leaf must not depend on the mode (setMode updates no leaf), the driven rate switches
   * injection on and off.
   */
  @Override
  public double injectWeight() {
    return p.ballistic() || p.population() == 0 ? 1.0 : 0.0;
  }

  @Override
  public void fireScheduled(long token, UniformRandomProvider rng, Changes ch) {
    // the jump's end point was stored in walkerSite when the jump was scheduled
    int slot = (int) token;
    walkerInFlight[slot] = false;
    afterWalkerMove(slot, rng, ch, true);
  }

  private int newSlot() {
    int slot = freeSlots[--freeCount];
    walkerSite[slot] = -1;
    walkerCount++;
    return slot;
  }

  private void freeSlot(int slot) {
    walkerSite[slot] = -1;
    walkerInFlight[slot] = false;
    walkerCount--;
    freeSlots[freeCount++] = slot;
  }

  @Override
  public void inject(UniformRandomProvider rng, Changes ch) {
    if (bv && model.mode() == LiModel.Mode.STRIP) {
      drain(ch);
      return;
    }
    if (p.ballistic()) {
      int col;
      int z;
      if (p.beamRadius() > 0) {
        int s = beamLanding(rng);
        if (s < 0) {
          droppedInjections++; // no column within the beam radius (SPPARKS: failed deposition)
          return;
        }
        col = s % grid.plane;
        z = s / grid.plane;
      } else {
        col = rng.nextInt(nx * ny);
        z = landingZ(col);
      }
      if (z >= separatorZ) {
        model.markShorted();
        return;
      }
      model.addInjected(1);
      place(z * grid.plane + col, ch);
      return;
    }
    if (freeCount == 0) {
      droppedInjections++; // every slot busy: this injection is lost (reported in the summary)
      return;
    }
    model.addInjected(1);
    launch(newSlot(), rng, ch, !bv);
  }

  /** Highest fluid site of column col with a solid face neighbour (ballistic walkers). */
  private int landingZ(int col) {
    int z = columnTop[col] + 1;
    if (!p.stickTop()) {
      int x = col % nx;
      int y = col / nx;
      for (int d = 0; d < dirs; d++) {
        if (Grid.DZ[d] != 0) {
          continue;
        }
        int xx = Math.floorMod(x + Grid.DX[d], nx);
        int yy = Math.floorMod(y + Grid.DY[d], ny);
        z = Math.max(z, columnTop[yy * nx + xx]);
      }
    }
    return z;
  }

  /**
   * Landing site of a vertical line at a uniform random (x, y): the highest {@link #landingZ}
   * over the columns within beamRadius of the line (ties: lowest column index), or -1 when no
   * column is that close. SPPARKS app diffusion's `deposition event F 0 0 -1 d0 1 6`.
   */
  private int beamLanding(UniformRandomProvider rng) {
    double beamRadius = p.beamRadius();
    double x0 = rng.nextDouble() * nx;
    double y0 = ny > 1 ? rng.nextDouble() * ny : 0.0;
    double r2 = beamRadius * beamRadius;
    int best = -1;
    int bestZ = -1;
    int yLo = ny > 1 ? (int) Math.floor(y0 - beamRadius) : 0;
    int yHi = ny > 1 ? (int) Math.ceil(y0 + beamRadius) : 0;
    for (int iy = yLo; iy <= yHi; iy++) {
      for (int ix = (int) Math.floor(x0 - beamRadius); ix <= (int) Math.ceil(x0 + beamRadius);
          ix++) {
        double dx = ix - x0;
        double dy = iy - y0;
        if (dx * dx + dy * dy > r2) {
          continue;
        }
        int col = Math.floorMod(iy, ny) * nx + Math.floorMod(ix, nx);
        int z = landingZ(col);
        if (z > bestZ || (z == bestZ && col < best)) {
          bestZ = z;
          best = col;
        }
      }
    }
    return best < 0 ? -1 : bestZ * grid.plane + best;
  }

  /**
   * Puts a walker launchGap sites above the highest solid at a uniform random column (with
   * Butler-Volmer: above that column's top).
   */
  private void launch(int slot, UniformRandomProvider rng, Changes ch, boolean draw) {
    int col = rng.nextInt(grid.plane);
    int base = bv ? columnTop[col] : highest;
    int z = Math.min(base + p.launchGap(), separatorZ - 1);
    walkerSite[slot] = z * grid.plane + col;
    afterWalkerMove(slot, rng, ch, draw);
  }

  /**
   * Butler-Volmer, stripping: the walker highest above the collector (not on a first-passage
   * jump; lowest slot on ties) leaves to the bulk; none there: the departure is counted as
   * missed.
   */
  private void drain(Changes ch) {
    int best = -1;
    int bestZ = -1;
    for (int k = 0; k < walkerSite.length; k++) {
      int s = walkerSite[k];
      if (s >= 0 && !walkerInFlight[k] && s / grid.plane > bestZ) {
        bestZ = s / grid.plane;
        best = k;
      }
    }
    if (best < 0) {
      drainMisses++;
      return;
    }
    freeSlot(best);
    model.addExtracted(1);
    ch.leaf(LiModel.WALK, best);
  }

  /**
   * Butler-Volmer: an oxidation emptied site i; the Li+ it made starts as a walker there (its
   * first stay is a contact like any other). Every slot busy: the ion goes to the bulk at once.
   */
  @Override
  public void emitted(int i, UniformRandomProvider rng, Changes ch) {
    if (!bv) {
      return;
    }
    if (freeCount == 0) {
      droppedInjections++;
      return;
    }
    model.addInjected(1);
    int slot = newSlot();
    walkerSite[slot] = i;
    afterWalkerMove(slot, rng, ch, false);
  }

  @Override
  public void walk(int slot, UniformRandomProvider rng, Changes ch) {
    int s = walkerSite[slot];
    // G to each lateral neighbour, G (1 + drift) down, G (1 - drift) up: total dirs * G
    double u = rng.nextDouble() * dirs;
    int d;
    if (u < dirs - 2) {
      int lateral = (int) u; // 0..dirs-3 -> directions 0, 1, 4, 5
      d = lateral < 2 ? lateral : lateral + 2;
    } else {
      d = u - (dirs - 2) < 1.0 + p.drift() ? Grid.DOWN : Grid.UP;
    }
    int j = grid.neighbour(s, d);
    if (j >= 0 && (flags[cells[j] & Lattice.MATERIAL_MASK] & Material.FLUID) != 0) {
      walkerSite[slot] = j;
    }
    afterWalkerMove(slot, rng, ch, true);
  }

  /** Relaunch, reduction on contact, or a first-passage jump for a walker that just moved. */
  private void afterWalkerMove(int slot, UniformRandomProvider rng, Changes ch, boolean draw) {
    if (ch != null) {
      ch.leaf(LiModel.WALK, slot);
    }
    int s = walkerSite[slot];
    int z = s / grid.plane;
    if (z > (bv ? columnTop[s % grid.plane] : highest) + p.relaunchGap() || z >= separatorZ) {
      launch(slot, rng, ch, draw);
      return;
    }
    int cls = SiteRules.depositClass(cells, flags, s, nx, ny, grid.nz, dirs, LiMaterials.LI);
    if (draw && cls != SiteRules.NONE && SiteRules.depositKind(cls) != SiteRules.UNDER_LAYER
        && rng.nextDouble() < reductionProbability(cls)) {
      freeSlot(slot);
      place(s, ch);
      model.revive(s, ch);
      if (p.population() > 0) {
        int next = newSlot();
        model.addInjected(1);
        launch(next, rng, ch, true);
      }
      return;
    }
    // the open slab |z' - z| < r must hold no solid: neither the deposit below nor the
    // separator wall above, and its exit plane z + r must be a fluid site inside the box
    int r = Math.min(z - highest - 1, separatorZ - 1 - z);
    if (r >= p.fpMin() && p.drift() == 0.0 && ch != null) {
      double hop = p.hopRate();
      double t = firstPassage.sampleExitTime(r, hop, rng);
      int side = firstPassage.sampleExitSide(rng);
      int x = Math.floorMod(s % nx + (int) firstPassage.sampleLateral(hop * t, rng), nx);
      int y = ny == 1 ? 0
          : Math.floorMod((s / nx) % ny + (int) firstPassage.sampleLateral(hop * t, rng),
              ny);
      walkerSite[slot] = grid.index(x, y, z + side * r);
      walkerInFlight[slot] = true;
      ch.schedule(ch.now() + t, slot);
    }
  }

  /**
   * Reduction probability of a walker's stay at a contact site of class cls: p w_c, or with
   * Butler-Volmer min(1, p w_c(x) exp(-alpha x)) at the last solve's x (x = 0 when nothing was
   * solved).
   */
  private double reductionProbability(int cls) {
    if (!bv) {
      return p.reactionP() * kinetics.depositWeight(cls);
    }
    double x = kinetics.etaX();
    if (Double.isNaN(x)) {
      x = 0.0;
    }
    // one draw per hop event (Poisson at dirs G, blocked hops and relaunches included) and none
    // when a walker is created: every walker in contact reduces at q dirs G whatever its age
    return Math.min(1.0, p.reactionP() * kinetics.depositWeightAt(cls, x)
        * StrictMath.exp(-kinetics.alpha() * x));
  }

  /** Walkers per contact site at which walker reduction equals the solve's rate (BV). */
  double referenceOccupancy() {
    return rhoRef;
  }

  /** Bulk departures owed while stripping that found no walker (BV). */
  long drainMisses() {
    return drainMisses;
  }

  /** Butler-Volmer on: the reference occupancy and the missed departures. */
  @Override
  public java.util.Map<String, Object> summary() {
    if (!bv) {
      return null;
    }
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("walkerReferenceOccupancy", rhoRef);
    m.put("walkerDrainMisses", drainMisses);
    return m;
  }

  /** Column tops and the highest solid after site j became solid. */
  @Override
  public void solidAdded(int j) {
    int col = j % grid.plane;
    int z = j / grid.plane;
    columnTop[col] = Math.max(columnTop[col], z);
    highest = Math.max(highest, z);
  }

  /**
   * Column top after site i became fluid. The highest solid is left as an upper bound:
   * first-passage regions stay empty, only a little smaller than they could be.
   */
  @Override
  public void solidRemoved(int i) {
    int col = i % grid.plane;
    int z = i / grid.plane;
    if (columnTop[col] == z) {
      int k = i;
      while (k >= 0 && (flags[cells[k] & Lattice.MATERIAL_MASK] & Material.FLUID) != 0) {
        k -= grid.plane;
      }
      columnTop[col] = k < 0 ? -1 : k / grid.plane;
    }
  }

  /** Reduces the walker's Li at site: the lattice gains it, the column tops follow. */
  private void place(int site, Changes ch) {
    model.placeReduced(site, ch);
    solidAdded(site);
  }

  /**
   * Writes the walkers for a checkpoint: each slot's site and first-passage flag, the free-slot
   * stack, the column tops and the dropped injections (the jumps' end times are the solver's
   * scheduled events).
   */
  @Override
  public void save(org.liko.engine.checkpoint.StateOut out) {
    int[] flight = new int[walkerInFlight.length];
    for (int k = 0; k < flight.length; k++) {
      flight[k] = walkerInFlight[k] ? 1 : 0;
    }
    out.section("walkers").l(droppedInjections).ints(walkerSite).ints(flight).i(walkerCount)
        .ints(freeSlots).i(freeCount).ints(columnTop).i(highest);
    if (bv) {
      out.section("walkers-bv").l(drainMisses);
    }
  }

  @Override
  public void restore(org.liko.engine.checkpoint.StateIn in) {
    in.section("walkers");
    droppedInjections = in.l();
    in.ints(walkerSite);
    int[] flight = new int[walkerInFlight.length];
    in.ints(flight);
    for (int k = 0; k < flight.length; k++) {
      walkerInFlight[k] = flight[k] != 0;
    }
    walkerCount = in.i();
    in.ints(freeSlots);
    freeCount = in.i();
    in.ints(columnTop);
    highest = in.i();
    if (bv) {
      in.section("walkers-bv");
      drainMisses = in.l();
      cacheW = Double.NaN; // the solve runs again on the restored lattice
    }
  }
}
