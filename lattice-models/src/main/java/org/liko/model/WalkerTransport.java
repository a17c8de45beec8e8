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
    int slots = slots(p);
    this.walkerSite = new int[slots];
    java.util.Arrays.fill(walkerSite, -1);
    this.walkerInFlight = new boolean[slots];
    this.freeSlots = new int[slots];
    for (int k = 0; k < slots; k++) {
      freeSlots[freeCount++] = slots - 1 - k;
    }
    Scenario s = model.scenario();
    long[] present = lattice.countByMaterial();
    for (int m : kinetics.foreign()) {
      if (present[m] > 0 && kinetics.nucleationCoef(m) > 0) {
        throw new InputException(s.source() + ": field 'kinetics.interfacialEnergy_J_m2':"
            + " value " + s.d("kinetics.interfacialEnergy_J_m2") + " gives an"
            + " overpotential-driven nucleation barrier on '" + model.materials().get(m).name()
            + "', but walkers transport solves no overpotential; allowed: 0 (barrier-free"
            + " nucleation) with transport.mode walkers, or transport.mode reaction");
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

  @Override
  public boolean siteReduction() {
    return false;
  }

  /** Walkers carry the reduction; oxidation runs while stripping. */
  @Override
  public boolean channelActive(int c, LiModel.Mode m) {
    return c == LiModel.DISSOLVE && m == LiModel.Mode.STRIP;
  }

  /** Oxidation at I/e while stripping, injection at I/e while plating. */
  @Override
  public double drivenRate(int c) {
    LiModel.Mode mode = model.mode();
    if (c == LiModel.INJECT) {
      return mode == LiModel.Mode.PLATE ? model.currentPerE() : 0.0;
    }
    return c == LiModel.DISSOLVE && mode == LiModel.Mode.STRIP ? model.currentPerE() : 0.0;
  }

  @Override
  public double overpotential() {
    return 0.0;
  }

  /** Walkers always carry the plating current. */
  @Override
  public boolean canCarry() {
    return model.mode() == LiModel.Mode.PLATE
        || model.solver().channelWeight(LiModel.DISSOLVE) > 0;
  }

  @Override
  public void attach(ExactSolver solver, UniformRandomProvider rng) {
    if (!p.ballistic()) {
      for (int k = 0; k < p.population(); k++) {
        model.addInjected(1);
        launch(newSlot(), rng, null);
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
    afterWalkerMove(slot, rng, ch);
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
    launch(newSlot(), rng, ch);
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

  /** Puts a walker launchGap sites above the highest solid at a uniform random column. */
  private void launch(int slot, UniformRandomProvider rng, Changes ch) {
    int z = Math.min(highest + p.launchGap(), separatorZ - 1);
    walkerSite[slot] = z * grid.plane + rng.nextInt(grid.plane);
    afterWalkerMove(slot, rng, ch);
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
    afterWalkerMove(slot, rng, ch);
  }

  /** Relaunch, reduction on contact, or a first-passage jump for a walker that just moved. */
  private void afterWalkerMove(int slot, UniformRandomProvider rng, Changes ch) {
    if (ch != null) {
      ch.leaf(LiModel.WALK, slot);
    }
    int s = walkerSite[slot];
    int z = s / grid.plane;
    if (z > highest + p.relaunchGap() || z >= separatorZ) {
      launch(slot, rng, ch);
      return;
    }
    int cls = SiteRules.depositClass(cells, flags, s, nx, ny, grid.nz, dirs, LiMaterials.LI);
    if (cls != SiteRules.NONE && SiteRules.depositKind(cls) != SiteRules.UNDER_LAYER
        && rng.nextDouble() < p.reactionP() * kinetics.depositWeight(cls)) {
      freeSlot(slot);
      place(s, ch);
      model.revive(s, ch);
      if (p.population() > 0) {
        int next = newSlot();
        model.addInjected(1);
        launch(next, rng, ch);
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
  }
}
