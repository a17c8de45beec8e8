package org.liko.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.liko.engine.Changes;
import org.liko.engine.EventModel;
import org.liko.engine.ExactSolver;
import org.liko.engine.Grid;
import org.liko.engine.InputException;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.engine.MaterialTable;
import org.liko.engine.rules.Connectivity;
import org.liko.engine.rules.SiteRules;
import org.liko.engine.walk.FirstPassage;

/**
 * Li plating and stripping on a collector (DESIGN section 5), as an {@link EventModel} for the
 * exact solver. Channels:
 * <ul>
 *   <li>{@link #DEPOSIT} (driven at I/e while plating, reaction mode): reduction at candidate
 *       sites with weights w_i (1 on Li; exp(-S(theta) dG* / kT) on a foreign substrate;
 *       exp(-(E_layer - E_liquid)/kT) beneath a carrier-conducting layer, which is lifted).
 *       The galvanostatic overpotential follows from sum_i k0 w_i exp(-alpha f eta) = I/e.</li>
 *   <li>{@link #DISSOLVE} (driven at I/e while stripping): live surface Li with weight
 *       exp(-(n_i - n_ref) E_b/kT), n_ref = half the face neighbours (kink site).</li>
 *   <li>{@link #HOP}: bond-counting adatom hops nu exp(-(E_d + n E_b)/kT) per allowed target;
 *       zero-neighbour hops forbidden.</li>
 *   <li>{@link #SEI}: self-limiting conversion k_SEI0 exp(-L/lambda) of exposed Li; the Li comes
 *       from the current while current flows (a fluid site becomes SEI) and from the metal at
 *       rest (the metal site becomes SEI).</li>
 *   <li>{@link #WALK} and {@link #INJECT} (walkers mode): explicit Li+ walkers hopping with
 *       G = D/a^2, reducing on contact with probability p, with exact first-passage jumps when
 *       far above every solid (the scheduled queue).</li>
 * </ul>
 */
public final class LiModel implements EventModel {
  /** Reduction channel (reaction mode). */
  public static final int DEPOSIT = 0;
  /** Oxidation channel. */
  public static final int DISSOLVE = 1;
  /** Surface hop channel. */
  public static final int HOP = 2;
  /** SEI formation channel. */
  public static final int SEI = 3;
  /** Walker hop channel (leaves = walker slots). */
  public static final int WALK = 4;
  /** Walker injection channel (one leaf). */
  public static final int INJECT = 5;
  private static final int CHANNELS = 6;

  /** What the protocol is doing now. */
  public enum Mode { PLATE, REST, STRIP }

  private final Scenario scenario;
  private final Grid grid;
  private final Lattice lattice;
  private final MaterialTable materials;
  private final int[] flags;
  private final int nx;
  private final int ny;
  private final int nz;
  private final int dirs;
  private final byte[] cells;
  private final Connectivity connectivity;

  // physical scales
  private final double siteNm; // site edge, nm
  private final double areaM2; // electrode area, m^2
  private final double kT; // eV
  private final double alphaF; // alpha F / RT, 1/V
  private final double betaF; // (1 - alpha) F / RT, 1/V
  private final double k0; // exchange rate per reference site, 1/s
  private final int nRef; // reference coordination of the exchange rate (kink site)
  private final int collector;
  private final int collectorTop; // first z above the collector
  private final int separatorZ; // first z of the separator wall

  // rate tables (built once; indexed by rule class codes)
  private final double[] depositWeight = new double[SiteRules.DEPOSIT_CLASSES];
  private final double[] dissolveWeight = new double[7];
  private final double[] hopRate = new double[7];
  private final double[] seiRate;
  private final int seiMaxRun;
  private final boolean seiOn;
  private final boolean hopOn;
  private final boolean walkers;
  private final boolean ballistic;
  private final boolean stickTop;
  private final int seiInorganicShare; // out of 2^24
  private final String recipe;

  // walkers
  private final double walkerHopRate; // G per direction, 1/s
  private final double drift;
  private final double reactionP;
  private final int population;
  private final int launchGap;
  private final int relaunchGap;
  private final int fpMin;
  private static final int WALKER_SLOTS = 4096;
  private long droppedInjections;
  private int[] walkerSite;
  private boolean[] walkerInFlight;
  private int walkerCount;
  private int[] freeSlots;
  private int freeCount;
  private final int[] columnTop; // highest non-fluid z per column (walkers mode only)
  private int highest; // highest non-fluid z above the collector (walkers mode only)
  private final FirstPassage firstPassage;

  // protocol state and ledger
  private Mode mode = Mode.REST;
  private double currentPerE; // |I|/e, 1/s
  private ExactSolver solver;
  private long initial;
  private long injected;
  private long extracted;
  private long reducedInStep;
  private long extractedInStep;
  private long stripEventsSinceFill;
  private final long fillInterval;
  private boolean shorted;

  /** Builds the lattice and rate tables of a scenario. */
  public LiModel(Scenario s, MaterialTable materials) {
    this.scenario = s;
    this.materials = materials;
    this.flags = materials.flags;
    int atoms = s.i("lattice.atomsPerSite");
    this.siteNm = atoms > 1 ? Physics.LI_SITE_NM * Math.cbrt(atoms) : s.d("lattice.siteNm");
    long sitesWanted = (long) s.i("lattice.nx") * s.i("lattice.ny") * s.i("lattice.nz");
    checkMemory(s, sitesWanted);
    try {
      this.grid = new Grid(s.i("lattice.nx"), s.i("lattice.ny"), s.i("lattice.nz"));
    } catch (IllegalArgumentException e) {
      throw new InputException(s.source() + ": field 'lattice': " + e.getMessage());
    }
    this.lattice = new Lattice(grid);
    this.cells = lattice.cells();
    this.nx = grid.nx;
    this.ny = grid.ny;
    this.nz = grid.nz;
    this.dirs = grid.directions;
    double aM = siteNm * 1e-9;
    this.areaM2 = (double) nx * ny * aM * aM;
    double temperature = s.d("temperature_K");
    this.kT = Physics.KB_EV * temperature;
    double alpha = s.d("kinetics.alpha");
    double f = Physics.FARADAY / (Physics.GAS_R * temperature);
    this.alphaF = alpha * f;
    this.betaF = (1.0 - alpha) * f;
    // exchange current density i0 = e k0 / a^2 per surface site
    this.k0 = Physics.mAcm2ToAm2(s.d("kinetics.exchangeCurrent_mA_cm2")) * aM * aM
        / Physics.E_CHARGE;
    this.nRef = dirs / 2;

    String coll = s.s("geometry.collector");
    this.collector = materials.id(coll);
    if (collector < 0 || !materials.is(collector, Material.ELECTRONIC | Material.FIXED)) {
      throw new InputException(s.source() + ": field 'geometry.collector': value '" + coll
          + "' is not a fixed electronic conductor; allowed: cu");
    }
    this.collectorTop = s.i("geometry.collectorLayers");
    double sep = s.d("separator_nm");
    this.separatorZ = sep > 0 ? (int) Math.round(sep / siteNm) : nz - 1;
    int film = (int) Math.round(s.d("geometry.initialLi_nm") / siteNm);
    if (separatorZ >= nz || separatorZ <= collectorTop + film + 1) {
      throw new InputException(s.source() + ": field 'separator_nm': value " + sep
          + " puts the separator at z = " + separatorZ + " sites; allowed: above the collector"
          + " and initial film (z > " + (collectorTop + film + 1) + ") and inside the box (z < "
          + nz + ", i.e. < " + (nz * siteNm) + " nm): raise lattice.nz or lower separator_nm");
    }
    this.connectivity = new Connectivity(grid.sites);

    // rate tables
    double dG = s.d("kinetics.nucleationBarrier_eV");
    double eLiquid = materials.get(LiMaterials.ELECTROLYTE).carrierBarrierEv();
    for (int m = 0; m < materials.size(); m++) {
      Material mat = materials.get(m);
      depositWeight[SiteRules.ON_PRODUCT * Lattice.MAX_MATERIALS + m] = 1.0;
      depositWeight[SiteRules.ON_FOREIGN * Lattice.MAX_MATERIALS + m] =
          StrictMath.exp(-Physics.nucleationFactor(mat.contactAngleDeg()) * dG / kT);
      depositWeight[SiteRules.UNDER_LAYER * Lattice.MAX_MATERIALS + m] =
          StrictMath.exp(-Math.max(0.0, mat.carrierBarrierEv() - eLiquid) / kT);
    }
    double eb = s.d("surface.bondEnergy_eV");
    double ed = s.d("surface.terraceBarrier_eV");
    double nu = s.d("surface.attemptFrequency_Hz");
    for (int n = 0; n <= 6; n++) {
      dissolveWeight[n] = StrictMath.exp(-(n - nRef) * eb / kT);
      hopRate[n] = nu * StrictMath.exp(-(ed + n * eb) / kT);
    }
    this.hopOn = nu > 0;
    this.recipe = s.s("sei.recipe");
    this.seiOn = !recipe.equals("none") && s.d("sei.rate_Hz") > 0;
    double lambdaSites = s.d("sei.decayLength_nm") / siteNm;
    this.seiMaxRun = (int) Math.ceil(6 * lambdaSites);
    this.seiRate = new double[seiMaxRun + 1];
    for (int l = 0; l <= seiMaxRun; l++) {
      seiRate[l] = s.d("sei.rate_Hz") * StrictMath.exp(-l / lambdaSites);
    }
    double share = recipe.equals("inorganic") ? 1.0 : recipe.equals("organic") ? 0.0
        : s.d("sei.inorganicFraction");
    this.seiInorganicShare = (int) Math.round(share * (1 << 24));
    long every = s.i("deadLi.checkInterval_events");
    this.fillInterval = every > 0 ? every : (long) nx * ny;

    // walkers
    this.walkers = s.s("transport.mode").equals("walkers");
    this.ballistic = walkers && s.b("transport.ballistic");
    this.stickTop = s.b("transport.stickTopOnly");
    this.walkerHopRate = s.d("transport.diffusivity_m2_s") / (aM * aM);
    this.drift = s.d("transport.drift");
    double p = s.d("transport.reactionProbability");
    this.reactionP = p >= 0 ? p : k0 / (k0 + dirs * walkerHopRate);
    this.population = s.i("transport.population");
    this.launchGap = s.i("transport.launchGap_sites");
    int rg = s.i("transport.relaunchGap_sites");
    this.relaunchGap = rg > 0 ? rg : 2 * nx + launchGap;
    this.fpMin = s.i("transport.firstPassageMin_sites");
    this.columnTop = walkers ? new int[nx * ny] : new int[0];
    this.firstPassage = walkers && !ballistic ? new FirstPassage(nz) : null;
    int slots = walkers && !ballistic ? Math.max(population, WALKER_SLOTS) : 1;
    this.walkerSite = new int[slots];
    java.util.Arrays.fill(walkerSite, -1);
    this.walkerInFlight = new boolean[slots];
    this.freeSlots = new int[slots];
    for (int k = 0; k < slots; k++) {
      freeSlots[freeCount++] = slots - 1 - k;
    }
    build(film);
  }

  private static void checkMemory(Scenario s, long sites) {
    // bytes per site: lattice 1, flood-fill stack 4, four sum trees of doubles (2 x 8 per leaf
    // after rounding up to a power of two, so up to 32 per tree) -> budget 140 per site
    long need = sites * 140L;
    long max = Runtime.getRuntime().maxMemory();
    if (sites > org.liko.engine.Grid.MAX_SITES || need > max * 0.9) {
      throw new InputException(s.source() + ": field 'lattice': " + s.i("lattice.nx") + "x"
          + s.i("lattice.ny") + "x" + s.i("lattice.nz") + " = " + sites + " sites needs about "
          + (need >> 20) + " MiB with the exact solver but the heap holds " + (max >> 20)
          + " MiB; allowed: at most " + (long) (max * 0.9 / 140) + " sites here. Use a smaller"
          + " lattice, coarse-grained sites (lattice.atomsPerSite), or raise the heap with"
          + " LIKO_JAVA_OPTS=-Xmx<size>");
    }
  }

  private void build(int film) {
    for (int z = 0; z < nz; z++) {
      int m = z < collectorTop ? collector : z < collectorTop + film ? LiMaterials.LI
          : z >= separatorZ ? LiMaterials.SEPARATOR : LiMaterials.ELECTROLYTE;
      java.util.Arrays.fill(cells, z * grid.plane, (z + 1) * grid.plane, (byte) m);
    }
    initial = (long) film * grid.plane;
    if (walkers) {
      for (int c = 0; c < columnTop.length; c++) {
        columnTop[c] = collectorTop + film - 1;
      }
      highest = collectorTop + film - 1;
    }
  }

  /** Connects the model to its solver (needed for the SEI share of the current). */
  public void attach(ExactSolver s, UniformRandomProvider rng) {
    this.solver = s;
    if (walkers && !ballistic) {
      for (int k = 0; k < population; k++) {
        injected++;
        launch(newSlot(), rng, null);
      }
      solver.rebuild();
    }
  }

  /** Sets what the protocol does now and the current density (mA/cm^2, magnitude). */
  public void setMode(Mode m, double current_mA_cm2) {
    this.mode = m;
    this.currentPerE = m == Mode.REST ? 0.0
        : Physics.mAcm2ToAm2(current_mA_cm2) * areaM2 / Physics.E_CHARGE;
    reducedInStep = 0;
    extractedInStep = 0;
  }

  // ---------------------------------------------------------------- EventModel

  @Override
  public int channelCount() {
    return CHANNELS;
  }

  @Override
  public int channelSize(int c) {
    switch (c) {
      case DEPOSIT:
        return walkers ? 1 : grid.sites;
      case DISSOLVE:
        return grid.sites;
      case HOP:
        return hopOn ? grid.sites : 1;
      case SEI:
        return seiOn ? grid.sites : 1;
      case WALK:
        return walkerSite.length;
      default:
        return 1;
    }
  }

  @Override
  public boolean siteChannel(int c) {
    return c <= SEI && channelSize(c) == grid.sites;
  }

  @Override
  public double weight(int c, int i) {
    switch (c) {
      case DEPOSIT: {
        if (walkers) {
          return 0.0;
        }
        int cls = SiteRules.depositClass(cells, flags, i, nx, ny, nz, dirs, LiMaterials.LI);
        if (cls == SiteRules.NONE) {
          return 0.0;
        }
        if (cls / Lattice.MAX_MATERIALS == SiteRules.UNDER_LAYER && !canLift(i)) {
          return 0.0;
        }
        return depositWeight[cls];
      }
      case DISSOLVE: {
        int n = SiteRules.dissolveClass(cells, flags, i, nx, ny, nz, dirs, LiMaterials.LI);
        return n == SiteRules.NONE ? 0.0 : dissolveWeight[n];
      }
      case HOP: {
        if (!hopOn) {
          return 0.0;
        }
        int t = SiteRules.hopTargets(cells, flags, i, nx, ny, nz, dirs);
        return t == 0 ? 0.0
            : hopRate[SiteRules.solidNeighbours(cells, flags, i, nx, ny, nz, dirs)] * t;
      }
      case SEI: {
        if (!seiOn) {
          return 0.0;
        }
        int l = SiteRules.convertClass(cells, flags, i, nx, ny, nz, dirs, LiMaterials.LI,
            LiMaterials.SEI_INORGANIC, LiMaterials.SEI_ORGANIC, seiMaxRun);
        return l == SiteRules.NONE ? 0.0 : seiRate[l];
      }
      case WALK:
        return walkerSite[i] >= 0 && !walkerInFlight[i] ? dirs * walkerHopRate : 0.0;
      default: // INJECT
        return walkers && mode == Mode.PLATE && (ballistic || population == 0) ? 1.0 : 0.0;
    }
  }

  @Override
  public double drivenRate(int c) {
    switch (c) {
      case DEPOSIT:
        if (mode != Mode.PLATE || walkers) {
          return 0.0;
        }
        return Math.max(0.0, currentPerE - (solver != null ? solver.channelRate(SEI) : 0.0));
      case DISSOLVE:
        return mode == Mode.STRIP ? currentPerE : 0.0;
      case INJECT:
        return currentPerE;
      default:
        return Double.NaN;
    }
  }

  @Override
  public void fire(int c, int i, UniformRandomProvider rng, Changes ch) {
    switch (c) {
      case DEPOSIT:
        deposit(i, ch);
        break;
      case DISSOLVE:
        dissolve(i, ch);
        break;
      case HOP:
        hop(i, rng, ch);
        break;
      case SEI:
        convert(i, rng, ch);
        break;
      case WALK:
        walkerHop(i, rng, ch);
        break;
      default:
        inject(rng, ch);
    }
  }

  @Override
  public void fireScheduled(long token, UniformRandomProvider rng, Changes ch) {
    // the jump's end point was stored in walkerSite when the jump was scheduled
    int slot = (int) token;
    walkerInFlight[slot] = false;
    afterWalkerMove(slot, rng, ch);
  }

  // ---------------------------------------------------------------- events

  private void deposit(int i, Changes ch) {
    int top = SiteRules.applyDeposit(cells, flags, i, nx, ny, nz, LiMaterials.LI);
    for (int z = grid.z(i); z <= top; z++) {
      touch(grid.index(grid.x(i), grid.y(i), z), ch);
    }
    injected++;
    reducedInStep++;
    revive(i, ch);
    touch(i, ch);
    checkShort(i);
  }

  private void dissolve(int i, Changes ch) {
    SiteRules.applyDissolve(cells, i, LiMaterials.ELECTROLYTE);
    if (walkers) {
      solidRemoved(i);
    }
    extracted++;
    extractedInStep++;
    touch(i, ch);
    if (++stripEventsSinceFill >= fillInterval) {
      relabelDead();
      ch.rebuildAll();
    }
  }

  private void hop(int i, UniformRandomProvider rng, Changes ch) {
    int t = SiteRules.hopTargets(cells, flags, i, nx, ny, nz, dirs);
    int pick = rng.nextInt(t);
    int j = SiteRules.hopTarget(cells, flags, i, pick, nx, ny, nz, dirs);
    if (j < 0) {
      return;
    }
    int r = SiteRules.applyHop(cells, flags, i, j, nx, ny, nz, dirs, LiMaterials.LI,
        LiMaterials.ELECTROLYTE);
    touch(i, ch);
    touch(j, ch);
    if (walkers) {
      solidAdded(j);
      solidRemoved(i);
    }
    if (r == SiteRules.HOP_PRODUCT) {
      revive(j, ch);
      checkShort(j);
    } else if (r == SiteRules.HOP_RECONNECTED) {
      revive(j, ch);
    }
  }

  private void convert(int i, UniformRandomProvider rng, Changes ch) {
    int d = SiteRules.conversionDirection(cells, flags, i, nx, ny, nz, dirs, LiMaterials.LI,
        LiMaterials.SEI_INORGANIC, LiMaterials.SEI_ORGANIC, seiMaxRun);
    int product = (rng.nextInt() >>> 8) < seiInorganicShare ? LiMaterials.SEI_INORGANIC
        : LiMaterials.SEI_ORGANIC;
    // plating: Li from the current, the fluid site closing the run becomes SEI; at rest or
    // while stripping the Li comes from the metal (corrosion): site i becomes SEI
    int changed = SiteRules.applyConvert(cells, flags, i, d, nx, ny, nz, product,
        mode == Mode.PLATE);
    if (mode == Mode.PLATE) {
      injected++;
    }
    touch(changed, ch);
  }

  private void revive(int i, Changes ch) {
    if (connectivity.reviveFrom(lattice, i, LiMaterials.LI, LiMaterials.LI_DEAD) > 0) {
      for (int s : connectivity.revived()) {
        touch(s, ch);
      }
    }
  }

  private boolean canLift(int i) {
    return SiteRules.canLift(cells, flags, i, nx, ny, nz);
  }

  private void checkShort(int i) {
    if (grid.z(i) >= separatorZ - 1) {
      shorted = true;
    }
  }

  /**
   * Marks every site whose rates may depend on site s: face neighbours up to distance two
   * (bond counts, hop targets), the layer runs through s (SEI thickness), and the column below
   * s down to the first fluid site (whether a layer there can be lifted).
   */
  private void touch(int s, Changes ch) {
    ch.site(s);
    for (int d = 0; d < dirs; d++) {
      int j = grid.neighbour(s, d);
      if (j < 0) {
        continue;
      }
      ch.site(j);
      for (int e = 0; e < dirs; e++) {
        int k = grid.neighbour(j, e);
        if (k >= 0) {
          ch.site(k);
        }
      }
      if (seiOn) {
        // product sites whose layer run passes through s
        int k = j;
        int len = 0;
        while (k >= 0 && len <= seiMaxRun) {
          int mk = cells[k] & Lattice.MATERIAL_MASK;
          if (mk != LiMaterials.SEI_INORGANIC && mk != LiMaterials.SEI_ORGANIC) {
            ch.site(k);
            break;
          }
          k = grid.neighbour(k, d);
          len++;
        }
      }
    }
    int k = s - grid.plane;
    while (k >= 0) {
      int f = flags[cells[k] & Lattice.MATERIAL_MASK];
      if ((f & (Material.FLUID | Material.FIXED)) != 0) {
        break;
      }
      ch.site(k);
      k -= grid.plane;
    }
  }

  /** Runs the dead-Li flood fill now (after stripping steps). */
  public int relabelDead() {
    stripEventsSinceFill = 0;
    return connectivity.relabel(lattice, flags, LiMaterials.LI, LiMaterials.LI_DEAD);
  }

  // ---------------------------------------------------------------- walkers

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

  private void inject(UniformRandomProvider rng, Changes ch) {
    if (ballistic) {
      int col = rng.nextInt(nx * ny);
      int z = columnTop[col] + 1;
      if (!stickTop) {
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
      if (z >= separatorZ) {
        shorted = true;
        return;
      }
      injected++;
      place(z * grid.plane + col, ch);
      return;
    }
    if (freeCount == 0) {
      droppedInjections++; // every slot busy: this injection is lost (reported in the summary)
      return;
    }
    injected++;
    launch(newSlot(), rng, ch);
  }

  /** Puts a walker launchGap sites above the highest solid at a uniform random column. */
  private void launch(int slot, UniformRandomProvider rng, Changes ch) {
    int z = Math.min(highest + launchGap, separatorZ - 1);
    walkerSite[slot] = z * grid.plane + rng.nextInt(grid.plane);
    afterWalkerMove(slot, rng, ch);
  }

  private void walkerHop(int slot, UniformRandomProvider rng, Changes ch) {
    int s = walkerSite[slot];
    // G to each lateral neighbour, G (1 + drift) down, G (1 - drift) up: total dirs * G
    double u = rng.nextDouble() * dirs;
    int d;
    if (u < dirs - 2) {
      int lateral = (int) u; // 0..dirs-3 -> directions 0, 1, 4, 5
      d = lateral < 2 ? lateral : lateral + 2;
    } else {
      d = u - (dirs - 2) < 1.0 + drift ? Grid.DOWN : Grid.UP;
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
      ch.leaf(WALK, slot);
    }
    int s = walkerSite[slot];
    int z = s / grid.plane;
    if (z > highest + relaunchGap || z >= separatorZ) {
      launch(slot, rng, ch);
      return;
    }
    int cls = SiteRules.depositClass(cells, flags, s, nx, ny, nz, dirs, LiMaterials.LI);
    if (cls != SiteRules.NONE && cls / Lattice.MAX_MATERIALS != SiteRules.UNDER_LAYER
        && rng.nextDouble() < reactionP * depositWeight[cls]) {
      freeSlot(slot);
      place(s, ch);
      revive(s, ch);
      if (population > 0) {
        int next = newSlot();
        injected++;
        launch(next, rng, ch);
      }
      return;
    }
    int r = z - highest - 1;
    if (r >= fpMin && drift == 0.0 && ch != null) {
      double t = firstPassage.sampleExitTime(r, walkerHopRate, rng);
      int side = firstPassage.sampleExitSide(rng);
      int x = Math.floorMod(s % nx + (int) firstPassage.sampleLateral(walkerHopRate * t, rng), nx);
      int y = ny == 1 ? 0
          : Math.floorMod((s / nx) % ny + (int) firstPassage.sampleLateral(walkerHopRate * t, rng),
              ny);
      walkerSite[slot] = grid.index(x, y, z + side * r);
      walkerInFlight[slot] = true;
      ch.schedule(ch.now() + t, slot);
    }
  }

  /** Column tops and the highest solid after site j became solid (walkers mode). */
  private void solidAdded(int j) {
    int col = j % grid.plane;
    int z = j / grid.plane;
    columnTop[col] = Math.max(columnTop[col], z);
    highest = Math.max(highest, z);
  }

  /**
   * Column top after site i became fluid (walkers mode). The highest solid is left as an upper
   * bound: first-passage regions stay empty, only a little smaller than they could be.
   */
  private void solidRemoved(int i) {
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

  private void place(int site, Changes ch) {
    cells[site] = (byte) LiMaterials.LI;
    reducedInStep++;
    solidAdded(site);
    checkShort(site);
    if (ch != null && (hopOn || seiOn)) {
      touch(site, ch);
    }
  }

  // ---------------------------------------------------------------- state for observers

  /** The lattice (live view). */
  public Lattice lattice() {
    return lattice;
  }

  /** The materials table. */
  public MaterialTable materials() {
    return materials;
  }

  /** Site edge, nm. */
  public double siteNm() {
    return siteNm;
  }

  /** Electrode area, m^2. */
  public double areaM2() {
    return areaM2;
  }

  /** First z above the collector. */
  public int collectorTop() {
    return collectorTop;
  }

  /** The scenario. */
  public Scenario scenario() {
    return scenario;
  }

  /** Li atoms at the start. */
  public long initial() {
    return initial;
  }

  /** Li reduced or brought in so far (reductions, SEI from current). */
  public long injected() {
    return injected;
  }

  /** Li stripped out so far. */
  public long extracted() {
    return extracted;
  }

  /** Reductions in the current protocol step. */
  public long reducedInStep() {
    return reducedInStep;
  }

  /** Oxidations in the current protocol step. */
  public long extractedInStep() {
    return extractedInStep;
  }

  /** Injections lost because every walker slot was busy. */
  public long droppedInjections() {
    return droppedInjections;
  }

  /** Sets the carrier bit of every site that holds a walker (for output), clearing others. */
  public void markCarriers() {
    for (int i = 0; i < cells.length; i++) {
      cells[i] &= (byte) ~Lattice.CARRIER_BIT;
    }
    for (int s : walkerSite) {
      if (s >= 0) {
        cells[s] |= (byte) Lattice.CARRIER_BIT;
      }
    }
  }

  /** Ions in the electrolyte (walkers in flight). */
  public long ions() {
    return walkerCount;
  }

  /** True once Li touched the separator. */
  public boolean shorted() {
    return shorted;
  }

  /** Current protocol mode. */
  public Mode mode() {
    return mode;
  }

  /** Mode of transport: true for explicit walkers. */
  public boolean walkers() {
    return walkers;
  }

  /**
   * Overpotential (V) that makes the imposed current: plating -ln(I/(e k0 sum w))/(alpha f)
   * (negative), stripping +ln(I/(e k0 sum w))/((1-alpha) f); 0 at rest or without candidates.
   */
  public double overpotential() {
    if (solver == null || mode == Mode.REST || walkers) {
      return 0.0;
    }
    if (mode == Mode.PLATE) {
      double w = solver.channelWeight(DEPOSIT);
      double rate = drivenRate(DEPOSIT);
      return w > 0 && rate > 0 ? -StrictMath.log(rate / (k0 * w)) / alphaF : 0.0;
    }
    double w = solver.channelWeight(DISSOLVE);
    return w > 0 ? StrictMath.log(currentPerE / (k0 * w)) / betaF : Double.POSITIVE_INFINITY;
  }

  /** Exchange rate per reference site, 1/s. */
  public double k0() {
    return k0;
  }

  /** alpha F/RT, 1/V. */
  public double alphaF() {
    return alphaF;
  }

  /** Thermal energy, eV. */
  public double kT() {
    return kT;
  }

  /** Hop rate (1/s) of an atom with n solid neighbours, per target. */
  public double hopRate(int n) {
    return hopRate[n];
  }

  /** Relative deposition weight of a {@link SiteRules#depositClass} code. */
  double depositWeight(int cls) {
    return depositWeight[cls];
  }

  /** Relative dissolution weight of a site with n solid neighbours. */
  double dissolveWeight(int n) {
    return dissolveWeight[n];
  }

  /** SEI formation rate (1/s) for a layer run of length l, 0..{@link #seiMaxRun()}. */
  double seiRate(int l) {
    return seiRate[l];
  }

  /** Longest SEI layer run that still grows. */
  int seiMaxRun() {
    return seiMaxRun;
  }

  /** True when SEI forms. */
  boolean seiOn() {
    return seiOn;
  }

  /** True when surface hops are on. */
  boolean hopOn() {
    return hopOn;
  }

  /** Inorganic share of SEI products, out of 2^24. */
  int seiInorganicShare() {
    return seiInorganicShare;
  }

  /** First z of the separator wall. */
  int separatorZ() {
    return separatorZ;
  }

  /** Stripping events between dead-Li flood fills. */
  long fillInterval() {
    return fillInterval;
  }

  /** Adds to the Li ledger (parallel solver: counts gathered from the sweeps). */
  void addLedger(long reduced, long seiFromCurrent, long stripped) {
    injected += reduced + seiFromCurrent;
    reducedInStep += reduced;
    extracted += stripped;
    extractedInStep += stripped;
  }

  /** Marks the run shorted (parallel solver). */
  void markShorted() {
    shorted = true;
  }

    /** (1 - alpha) F/RT, 1/V. */
  double betaF() {
    return betaF;
  }

  /** Walker hop rate per direction, 1/s. */
  public double walkerHopRate() {
    return walkerHopRate;
  }

  /** Reaction probability per contact of walkers. */
  public double reactionProbability() {
    return reactionP;
  }

  /** Imposed current over e, 1/s. */
  public double currentPerE() {
    return currentPerE;
  }
}
