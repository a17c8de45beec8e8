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
import org.liko.engine.rules.NeighbourCounts;
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
  /** Crack healing channel: a healing layer flows into a pocket beneath it. */
  public static final int HEAL = 4;
  /** Walker hop channel (leaves = walker slots). */
  public static final int WALK = 5;
  /** Walker injection channel (one leaf). */
  public static final int INJECT = 6;
  /**
   * First nucleation channel (reaction mode): channel {@code NUCLEATE + k} holds the candidate
   * sites on the k-th foreign substrate ({@link #foreignMaterial}), weight 1 each; its driven
   * rate carries the overpotential-dependent nucleation weight.
   */
  public static final int NUCLEATE = 7;

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
  private Connectivity connectivity; // the exact solver's flood fill (allocated on first use)
  // offsets of the sites within Manhattan distance 3 (the reach of a site's rates)
  private final int[] reachX;
  private final int[] reachY;
  private final int[] reachZ;

  // physical scales
  private final double siteNm; // site edge, nm
  private final double areaM2; // electrode area, m^2
  private double temperatureK; // K
  private double kT; // eV
  private double alphaF; // alpha F / RT, 1/V
  private double betaF; // (1 - alpha) F / RT, 1/V
  private final double k0; // exchange rate per reference site, 1/s
  private final int nRef; // reference coordination of the exchange rate (kink site)
  private final boolean exchangeAtRest; // both directions live at open circuit (reaction mode)
  private final int[] foreign; // material ids that can be a foreign nucleation substrate
  private final int nucleationPower; // 2: 3D barrier ~ 1/eta^2; 1: 2D barrier ~ 1/|eta|
  private final double[] nucleationCoef = new double[Lattice.MAX_MATERIALS]; // c of exp(-c/|x|^p)
  // the galvanostatic solve (ButlerVolmer), refreshed with the driven rates
  private double etaX; // f eta of the last solve (NaN: no root)
  private double redFactor; // k0 exp(-alpha x), 1/s per unit reduction weight
  private double oxFactor; // k0 exp((1 - alpha) x), 1/s per unit oxidation weight
  private final double[] nucCount;
  private final double[] nucC;
  private final int collector;
  private final int collectorTop; // first z above the collector
  private final int separatorZ; // first z of the separator wall
  private final int hostTop; // first z above the scaffold (collectorTop without one)

  // rate tables (built once; indexed by rule class codes)
  private final double[] depositWeight = new double[SiteRules.DEPOSIT_CLASSES];
  private final boolean[] cracks = new boolean[SiteRules.DEPOSIT_CLASSES];
  private final double[] healRate = new double[Lattice.MAX_MATERIALS];
  private final boolean mechanics;
  private final boolean healOn;
  private final double[] dissolveWeight = new double[7];
  private final double[] hopRate = new double[7];
  private final double[] seiRate;
  private final int seiMaxRun;
  private final boolean seiOn;
  private final boolean hopOn;
  private final int hopMoves; // face moves, plus diagonal step-down/up moves when enabled
  private final boolean countHops; // face hops on a grid NeighbourCounts supports
  private NeighbourCounts hopCounts; // exact solver only: built at its first rebuild
  private final boolean walkers;
  private final boolean ballistic;
  private final boolean stickTop;
  private final double beamRadius; // ballistic walkers: 0 = one column, else line radius, sites
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
  private long sweptIons; // walkers of the parallel solver (they live in its carriers table)
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
  private long seiFromCurrentInStep;
  private long platedClosed; // net electrons in over the closed plating steps
  private long strippedClosed; // net electrons out over the closed stripping steps
  private long restClosed; // net electrons in over the closed rest steps (exchange noise)
  private long revived; // dead sites made live again by contact or a fill
  private long stripEventsSinceFill;
  private final long fillInterval;
  private boolean shorted;
  private long cracksOpened;
  private long healEvents;

  /** Builds the lattice and rate tables of a scenario (random geometry from the file's seed). */
  public LiModel(Scenario s, MaterialTable materials) {
    this(s, materials, s.seed() != null ? s.seed() : 0L);
  }

  /**
   * Builds the lattice and rate tables of a scenario; random geometry (porous hosts, grains,
   * initial adatoms) draws from streams of {@code seed} apart from the run's.
   */
  public LiModel(Scenario s, MaterialTable materials, long seed) {
    this(s, materials, seed, false);
  }

  /**
   * As {@link #LiModel(Scenario, MaterialTable, long)} for a solver: the heap check counts what
   * the solver holds ({@link #bytesNeeded}: about 90 to 160 bytes per site for the exact solver,
   * 5 for the parallel one, plus 8 in walkers mode).
   */
  LiModel(Scenario s, MaterialTable materials, long seed, boolean parallel) {
    this.scenario = s;
    this.materials = materials;
    this.flags = materials.flags;
    int atoms = s.i("lattice.atomsPerSite");
    this.siteNm = atoms > 1 ? Physics.LI_SITE_NM * Math.cbrt(atoms) : s.d("lattice.siteNm");
    long sitesWanted = (long) s.i("lattice.nx") * s.i("lattice.ny") * s.i("lattice.nz");
    checkMemory(s, sitesWanted, parallel);
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
    // exchange current density i0 = e k0 / a^2 per surface site
    this.k0 = Physics.mAcm2ToAm2(s.d("kinetics.exchangeCurrent_mA_cm2")) * aM * aM
        / Physics.E_CHARGE;
    this.nRef = dirs / 2;
    this.exchangeAtRest = s.b("kinetics.openCircuitExchange");
    this.nucleationPower = ny == 1 ? 1 : 2;
    java.util.List<Integer> fm = new java.util.ArrayList<>();
    for (int m = 0; m < materials.size(); m++) {
      if (m != LiMaterials.LI && materials.is(m, Material.ELECTRONIC | Material.DEPOSIT_ON)) {
        fm.add(m);
      }
    }
    this.foreign = fm.stream().mapToInt(Integer::intValue).toArray();
    this.nucCount = new double[foreign.length];
    this.nucC = new double[foreign.length];
    this.etaX = Double.NaN;

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
    // a site's rates read up to two sites away (three with diagonal hops: target + support)
    int radius = s.b("surface.diagonalHops") ? 3 : 2;
    int[][] reach = reach(radius, ny == 1 ? 0 : Math.min(radius, ny / 2));
    this.reachX = reach[0];
    this.reachY = reach[1];
    this.reachZ = reach[2];

    double nu = s.d("surface.attemptFrequency_Hz");
    this.hopOn = nu > 0;
    this.hopMoves = SiteRules.hopMoves(dirs, s.b("surface.diagonalHops"));
    this.countHops = hopOn && hopMoves == dirs && NeighbourCounts.supports(nx, ny, nz, dirs);
    this.mechanics = s.b("mechanics.enabled");
    this.recipe = s.s("sei.recipe");
    this.seiOn = !recipe.equals("none") && s.d("sei.rate_Hz") > 0;
    double lambdaSites = s.d("sei.decayLength_nm") / siteNm;
    this.seiMaxRun = (int) Math.ceil(6 * lambdaSites);
    this.seiRate = new double[seiMaxRun + 1];
    for (int l = 0; l <= seiMaxRun; l++) {
      seiRate[l] = s.d("sei.rate_Hz") * StrictMath.exp(-l / lambdaSites);
    }
    this.healOn = materials.rows().stream().anyMatch(m -> m.healingPerS() > 0);
    setTemperature(s.d("temperature_K"));
    double share = recipe.equals("inorganic") ? 1.0 : recipe.equals("organic") ? 0.0
        : s.d("sei.inorganicFraction");
    this.seiInorganicShare = (int) Math.round(share * (1 << 24));
    long every = s.i("deadLi.checkInterval_events");
    this.fillInterval = every > 0 ? every : (long) nx * ny;

    // walkers
    this.walkers = s.s("transport.mode").equals("walkers");
    this.ballistic = walkers && s.b("transport.ballistic");
    this.stickTop = s.b("transport.stickTopOnly");
    this.beamRadius = s.d("transport.beamRadius_sites");
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
    this.initial = Geometry.build(s, lattice, materials, siteNm, collector, collectorTop,
        collectorTop + film, separatorZ, seed);
    int top = collectorTop;
    for (int i = collectorTop * grid.plane; i < grid.sites; i++) {
      if (materials.is(cells[i] & Lattice.MATERIAL_MASK, Material.ELECTRONIC | Material.FIXED)) {
        top = i / grid.plane + 1;
      }
    }
    this.hostTop = top;
    if (walkers) {
      long[] present = lattice.countByMaterial();
      for (int m : foreign) {
        if (present[m] > 0 && nucleationCoef[m] > 0) {
          throw new InputException(s.source() + ": field 'kinetics.interfacialEnergy_J_m2':"
              + " value " + s.d("kinetics.interfacialEnergy_J_m2") + " gives an"
              + " overpotential-driven nucleation barrier on '" + materials.get(m).name()
              + "', but walkers transport solves no overpotential; allowed: 0 (barrier-free"
              + " nucleation) with transport.mode walkers, or transport.mode reaction");
        }
      }
    }
    if (walkers) {
      for (int c = 0; c < columnTop.length; c++) {
        int k = (nz - 1) * grid.plane + c;
        while (k >= 0 && (flags[cells[k] & Lattice.MATERIAL_MASK] & Material.FLUID) != 0
            || k >= 0 && (cells[k] & Lattice.MATERIAL_MASK) == LiMaterials.SEPARATOR) {
          k -= grid.plane;
        }
        columnTop[c] = k < 0 ? -1 : k / grid.plane;
        highest = Math.max(highest, columnTop[c]);
      }
    }
  }

  /** Offsets (dx, dy, dz) with |dx| + |dy| + |dz| <= radius and |dy| <= maxDy. */
  private int[][] reach(int radius, int maxDy) {
    java.util.List<int[]> o = new java.util.ArrayList<>();
    int rx = Math.min(radius, nx / 2); // duplicates on tiny lattices are harmless (deduplicated)
    for (int dz = -radius; dz <= radius; dz++) {
      for (int dy = -maxDy; dy <= maxDy; dy++) {
        for (int dx = -rx; dx <= rx; dx++) {
          if (Math.abs(dx) + Math.abs(dy) + Math.abs(dz) <= radius) {
            o.add(new int[] {dx, dy, dz});
          }
        }
      }
    }
    int[][] r = new int[3][o.size()];
    for (int k = 0; k < o.size(); k++) {
      r[0][k] = o.get(k)[0];
      r[1][k] = o.get(k)[1];
      r[2][k] = o.get(k)[2];
    }
    return r;
  }

  /**
   * Sets the temperature (K) and rebuilds every temperature-dependent rate table: Butler-Volmer
   * factors, nucleation and layer-transport weights, stress factors, bond-counting hop and
   * dissolution rates. The caller rebuilds the solver's trees afterwards.
   */
  public void setTemperature(double temperatureK) {
    Scenario s = scenario;
    this.temperatureK = temperatureK;
    this.kT = Physics.KB_EV * temperatureK;
    double f = Physics.FARADAY / (Physics.GAS_R * temperatureK);
    this.alphaF = s.d("kinetics.alpha") * f;
    this.betaF = (1.0 - s.d("kinetics.alpha")) * f;
    // overpotential-driven nucleation on a foreign substrate (event 1): classical barriers with
    // an effective interfacial energy gamma, x = f eta:
    //   3D: dG* = S(theta) 16 pi gamma^3 Omega^2 / (3 (e eta)^2)  -> dG*/kT = c / x^2
    //   2D (one site deep): dG* = S2(theta) pi gamma^2 a Omega / (e |eta|) -> dG*/kT = c / |x|
    double gamma = s.d("kinetics.interfacialEnergy_J_m2");
    double omega = s.d("mechanics.molarVolume_A3") * 1e-30;
    double kTJ = kT * Physics.E_CHARGE;
    double aM = siteNm * 1e-9;
    for (int m = 0; m < materials.size(); m++) {
      double theta = materials.get(m).contactAngleDeg();
      nucleationCoef[m] = nucleationPower == 2
          ? Physics.nucleationFactor(theta) * 16 * Math.PI * gamma * gamma * gamma * omega
              * omega * f * f / (3 * Physics.E_CHARGE * Physics.E_CHARGE * kTJ)
          : Physics.nucleationFactor2D(theta) * Math.PI * gamma * gamma * aM * omega * f
              / (Physics.E_CHARGE * kTJ);
    }
    double eLiquid = materials.get(LiMaterials.ELECTROLYTE).carrierBarrierEv();
    // growth under a layer (event 5): sigma = min(E eps, sigma_frac), eps = mean height step
    // under the neighbouring layer sites (sites) x a / strain length; factor exp(-sigma Omega/kT)
    double omegaM3 = s.d("mechanics.molarVolume_A3") * 1e-30;
    double strainPerSite = siteNm / s.d("mechanics.strainLength_nm");
    int lateral = dirs - 2;
    for (int m = 0; m < materials.size(); m++) {
      Material mat = materials.get(m);
      depositWeight[SiteRules.ON_PRODUCT * Lattice.MAX_MATERIALS + m] = 1.0;
      // relative weight at a vanishing barrier; the barrier enters through the nucleation
      // channels' driven rates (exact) or depositWeightAt (parallel)
      depositWeight[SiteRules.ON_FOREIGN * Lattice.MAX_MATERIALS + m] = 1.0;
      double transport = StrictMath.exp(-Math.max(0.0, mat.carrierBarrierEv() - eLiquid) / kT);
      for (int level = 0; level <= SiteRules.MAX_STRESS_LEVEL; level++) {
        int cls = (SiteRules.UNDER_LAYER + level) * Lattice.MAX_MATERIALS + m;
        double eps = (double) level / lateral * strainPerSite;
        double sigmaGPa = mechanics ? mat.youngGPa() * eps : 0.0;
        cracks[cls] = mechanics && sigmaGPa >= mat.fractureGPa();
        double sigmaEv = Math.min(sigmaGPa, mat.fractureGPa()) * 1e9 * omegaM3
            / Physics.E_CHARGE;
        depositWeight[cls] = transport * StrictMath.exp(-sigmaEv / kT);
      }
      healRate[m] = mat.healingPerS();
    }
    double eb = s.d("surface.bondEnergy_eV");
    double ed = s.d("surface.terraceBarrier_eV");
    double nu = s.d("surface.attemptFrequency_Hz");
    for (int n = 0; n <= 6; n++) {
      dissolveWeight[n] = StrictMath.exp(-(n - nRef) * eb / kT);
      hopRate[n] = nu * StrictMath.exp(-(ed + n * eb) / kT);
    }
  }

  /** Present temperature, K. */
  public double temperatureK() {
    return temperatureK;
  }

  /**
   * Heap bytes per site of the exact solver apart from its sum trees (lattice, bond counts,
   * per-site stamps); measured by {@code MemoryEstimateTest}: 11 B/site.
   */
  public static final int EXACT_BYTES_PER_SITE = 12;
  /**
   * Heap bytes of the exact solver's sum trees per leaf, the leaves being the sites rounded up
   * to a power of two (about 4.7 trees of 2 doubles per leaf); measured: 75 B/leaf.
   */
  public static final int EXACT_BYTES_PER_LEAF = 76;
  /**
   * Heap bytes per site of the parallel solver: the model's lattice and the engine's copy (a
   * byte each), and the summary's pore flood fill (a flag per site, held while the summary is
   * written). Measured by {@code MemoryEstimateTest} (heap held, after GC, between two lattice
   * heights): 3.5 B/site on a 1000-column lattice; 4.7 on power-of-two lattices of 2^21 sites,
   * where G1 gives each lattice array a whole region; the estimate stays within 25 % of both.
   */
  public static final int PARALLEL_BYTES_PER_SITE = 3;
  /**
   * Heap bytes per column of the parallel solver: the column heights of the observe pass
   * (an int on the host, one in the engine) and the morphology's heights (a double).
   */
  public static final int PARALLEL_BYTES_PER_COLUMN = 16;
  /**
   * Heap bytes of the parallel solver apart from its lattice and columns (sectors' tables,
   * outputs, classes): about 0.7-1.7 MB measured; 1 MiB budgeted.
   */
  public static final long PARALLEL_FIXED_BYTES = 1L << 20;

  /**
   * Heap bytes that {@link #checkMemory} budgets for a run of scenario s on {@code sites} sites:
   * the exact solver's tables and sum trees, or the parallel solver's lattices, pore flags,
   * column tables and fixed tables and, in walkers mode, two carrier tables of 4 bytes per site.
   * The writers stream their files and add only a few blocks.
   */
  static long bytesNeeded(Scenario s, long sites, boolean parallel) {
    if (parallel) {
      boolean walkers = s.s("transport.mode").equals("walkers") && !s.b("transport.ballistic");
      long columns = (long) s.i("lattice.nx") * s.i("lattice.ny");
      return sites * (PARALLEL_BYTES_PER_SITE + (walkers ? 8 : 0))
          + columns * PARALLEL_BYTES_PER_COLUMN + PARALLEL_FIXED_BYTES;
    }
    long leaves = sites <= 1 ? 1 : Long.highestOneBit(sites - 1) << 1;
    return sites * EXACT_BYTES_PER_SITE + leaves * EXACT_BYTES_PER_LEAF;
  }

  private static void checkMemory(Scenario s, long sites, boolean parallel) {
    long need = bytesNeeded(s, sites, parallel);
    double perSite = (double) need / Math.max(1, sites);
    long max = Runtime.getRuntime().maxMemory();
    String solver = parallel ? "parallel" : "exact";
    if (sites > org.liko.engine.Grid.MAX_SITES || need > max * 0.9) {
      throw new InputException(s.source() + ": field 'lattice': " + s.i("lattice.nx") + "x"
          + s.i("lattice.ny") + "x" + s.i("lattice.nz") + " = " + sites + " sites needs about "
          + (need >> 20) + " MiB with the " + solver + " solver but the heap holds "
          + (max >> 20) + " MiB; allowed: at most "
          + Math.min(org.liko.engine.Grid.MAX_SITES, (long) (max * 0.9 / perSite))
          + " sites here. Use a smaller lattice, coarse-grained sites (lattice.atomsPerSite),"
          + (parallel ? "" : " the parallel solver (--solver parallel),")
          + " or raise the heap with LIKO_JAVA_OPTS=-Xmx<size>");
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

  /**
   * Sets what the protocol does now and the current density (mA/cm^2, magnitude). The step
   * that ends is booked: its net electrons go to the plated, stripped or rest total.
   */
  public void setMode(Mode m, double current_mA_cm2) {
    long net = stepElectrons();
    if (mode == Mode.PLATE) {
      platedClosed += net;
    } else if (mode == Mode.STRIP) {
      strippedClosed -= net;
    } else {
      restClosed += net;
    }
    this.mode = m;
    this.currentPerE = m == Mode.REST ? 0.0
        : Physics.mAcm2ToAm2(current_mA_cm2) * areaM2 / Physics.E_CHARGE;
    reducedInStep = 0;
    extractedInStep = 0;
    seiFromCurrentInStep = 0;
  }

  /**
   * Net electrons into the electrode in the present step: reductions plus SEI formed from the
   * current, less oxidations (negative while stripping).
   */
  public long stepElectrons() {
    return reducedInStep + seiFromCurrentInStep - extractedInStep;
  }

  /** Plated charge so far (net electrons in over the plating steps, this one included). */
  public long platedElectrons() {
    return platedClosed + (mode == Mode.PLATE ? stepElectrons() : 0);
  }

  /** Stripped charge so far (net electrons out over the stripping steps, this one included). */
  public long strippedElectrons() {
    return strippedClosed - (mode == Mode.STRIP ? stepElectrons() : 0);
  }

  /**
   * Net electrons in over the rest steps so far, this one included: at open circuit the
   * exchange balances only on average, so this is the noise of the exchange (0 on average).
   */
  public long restElectrons() {
    return restClosed + (mode == Mode.REST ? stepElectrons() : 0);
  }

  /** Dead sites made live again so far (by contact with live metal, or by a fill). */
  public long revived() {
    return revived;
  }

  /** Adds revived dead sites (parallel solver: from its fills). */
  void addRevived(long n) {
    revived += n;
  }

  // ---------------------------------------------------------------- EventModel

  @Override
  public int channelCount() {
    return NUCLEATE + foreign.length;
  }

  /** Material id of the foreign substrate of nucleation channel {@code NUCLEATE + k}. */
  public int foreignMaterial(int k) {
    return foreign[k];
  }

  /** Number of foreign substrates (nucleation channels). */
  public int foreignCount() {
    return foreign.length;
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
      case HEAL:
        return healOn ? grid.sites : 1;
      case WALK:
        return walkerSite.length;
      case INJECT:
        return 1;
      default: // nucleation channels
        return walkers ? 1 : grid.sites;
    }
  }

  /** Recounts the bond counts behind the hop rates (face hops; built on first use). */
  @Override
  public void rebuilding() {
    if (countHops) {
      if (hopCounts == null) {
        hopCounts = new NeighbourCounts(cells, flags, nx, ny, nz, dirs);
      }
      hopCounts.recount();
    }
  }

  @Override
  public boolean siteChannel(int c) {
    return (c <= HEAL || c >= NUCLEATE) && channelSize(c) == grid.sites;
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
        int kind = SiteRules.depositKind(cls);
        if (kind == SiteRules.ON_FOREIGN) {
          return 0.0; // a nucleation channel's site
        }
        if (kind == SiteRules.UNDER_LAYER && !canLift(i)) {
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
        if (hopCounts != null) { // the same count and moves as hopState, from cached counts
          int t = Integer.bitCount(hopCounts.hopMask(i));
          return t == 0 ? 0.0 : hopRate[hopCounts.solidNeighbours(i)] * t;
        }
        int h = SiteRules.hopState(cells, flags, i, nx, ny, nz, dirs, hopMoves);
        int t = Integer.bitCount(SiteRules.hopMaskOf(h));
        return t == 0 ? 0.0 : hopRate[SiteRules.solidNeighboursOf(h)] * t;
      }
      case SEI: {
        if (!seiOn) {
          return 0.0;
        }
        int l = SiteRules.convertClass(cells, flags, i, nx, ny, nz, dirs, LiMaterials.LI,
            LiMaterials.SEI_INORGANIC, LiMaterials.SEI_ORGANIC, seiMaxRun);
        return l == SiteRules.NONE ? 0.0 : seiRate[l];
      }
      case HEAL: {
        if (!healOn) {
          return 0.0;
        }
        int m = SiteRules.healClass(cells, flags, i, nx, ny, nz, LiMaterials.LI);
        return m == SiteRules.NONE ? 0.0 : healRate[m];
      }
      case WALK:
        return walkerSite[i] >= 0 && !walkerInFlight[i] ? dirs * walkerHopRate : 0.0;
      case INJECT: // the leaf must not depend on the mode (setMode updates no leaf), the
        // driven rate switches injection on and off
        return walkers && (ballistic || population == 0) ? 1.0 : 0.0;
      default: { // nucleation channel c - NUCLEATE: candidate sites on that substrate
        if (walkers) {
          return 0.0;
        }
        int cls = SiteRules.depositClass(cells, flags, i, nx, ny, nz, dirs, LiMaterials.LI);
        return cls == SiteRules.ON_FOREIGN * Lattice.MAX_MATERIALS + foreign[c - NUCLEATE]
            ? 1.0 : 0.0;
      }
    }
  }

  /**
   * Reaction mode: reduction (and nucleation) and oxidation are live together while plating and
   * stripping, and at rest unless {@code kinetics.openCircuitExchange} is off (full
   * Butler-Volmer). Walkers mode: walkers carry the reduction, oxidation runs while stripping.
   * An inactive channel's leaves are not kept up to date (the solver recomputes them when it
   * comes back).
   */
  @Override
  public boolean channelActive(int c) {
    if (c == DEPOSIT || c == DISSOLVE || c >= NUCLEATE) {
      if (walkers) {
        return c == DISSOLVE && mode == Mode.STRIP;
      }
      return mode != Mode.REST || exchangeAtRest;
    }
    return true;
  }

  /**
   * Driven rates. Reaction mode: the galvanostatic solve ({@link ButlerVolmer}) runs when the
   * reduction channel's rate is read (first, in channel order) and gives the reduction,
   * nucleation and oxidation totals k0 W exp(-alpha x), k0 n_k w_k(x) exp(-alpha x) and
   * k0 V exp((1 - alpha) x). Walkers mode: oxidation at I/e while stripping, injection at I/e
   * while plating.
   */
  @Override
  public double drivenRate(int c) {
    if (c == INJECT) {
      return mode == Mode.PLATE ? currentPerE : 0.0;
    }
    if (c != DEPOSIT && c != DISSOLVE && c < NUCLEATE) {
      return Double.NaN;
    }
    if (walkers) {
      return c == DISSOLVE && mode == Mode.STRIP ? currentPerE : 0.0;
    }
    if (c == DEPOSIT) {
      solveOverpotential();
    }
    if (Double.isNaN(etaX)) {
      return 0.0;
    }
    if (c == DEPOSIT) {
      return redFactor * solver.channelWeight(DEPOSIT);
    }
    if (c == DISSOLVE) {
      return oxFactor * solver.channelWeight(DISSOLVE);
    }
    int k = c - NUCLEATE;
    return redFactor * nucCount[k]
        * ButlerVolmer.nucleationWeight(nucC[k], nucleationPower, etaX);
  }

  /**
   * Net reduction rate per k0 the galvanostatic solve must make: I/e less the SEI formed from
   * the current while plating, -I/e while stripping, 0 at rest.
   */
  private double targetPerK0(double rSeiFromCurrent) {
    double t = mode == Mode.PLATE ? currentPerE - rSeiFromCurrent
        : mode == Mode.STRIP ? -currentPerE : 0.0;
    return t / k0;
  }

  /** Exact solver: solves for f eta from the live channel weights (reaction mode). */
  private void solveOverpotential() {
    if (solver == null || !channelActive(DEPOSIT)) {
      etaX = Double.NaN;
      return;
    }
    for (int k = 0; k < foreign.length; k++) {
      nucCount[k] = solver.channelWeight(NUCLEATE + k);
      nucC[k] = nucleationCoef[foreign[k]];
    }
    double rSei = mode == Mode.PLATE && seiOn ? solver.channelRate(SEI) : 0.0;
    setSolution(ButlerVolmer.solve(alpha(), solver.channelWeight(DEPOSIT), nucCount, nucC,
        foreign.length, nucleationPower, solver.channelWeight(DISSOLVE), targetPerK0(rSei)));
  }

  /** Stores a solution x = f eta (NaN: none) and its rate factors. */
  private void setSolution(double x) {
    etaX = x;
    if (!Double.isNaN(x)) {
      redFactor = k0 * StrictMath.exp(-alpha() * x);
      oxFactor = k0 * StrictMath.exp((1 - alpha()) * x);
    }
  }

  /**
   * The parallel solver's galvanostatic solve from its class counts: {@code w} the total
   * overpotential-independent reduction weight, {@code n[k]} the candidate sites on foreign
   * substrate k ({@link #foreignMaterial}), {@code v} the total oxidation weight and
   * {@code rSei} the rate of SEI formed from the current (while plating).
   *
   * @return f eta, or NaN when no site can carry the current
   */
  double solveOverpotential(double w, double[] n, double v, double rSei) {
    for (int k = 0; k < foreign.length; k++) {
      nucC[k] = nucleationCoef[foreign[k]];
    }
    setSolution(ButlerVolmer.solve(alpha(), w, n, nucC, foreign.length, nucleationPower, v,
        targetPerK0(rSei)));
    return etaX;
  }

  /** k0 exp(-alpha x) of the last solve, 1/s per unit reduction weight. */
  double reductionFactor() {
    return redFactor;
  }

  /** k0 exp((1 - alpha) x) of the last solve, 1/s per unit oxidation weight. */
  double oxidationFactor() {
    return oxFactor;
  }

  /**
   * Deposition weight of a class at x = f eta: the table's {@link #depositWeight}, times the
   * nucleation weight on a foreign substrate.
   */
  double depositWeightAt(int cls, double x) {
    if (SiteRules.depositKind(cls) == SiteRules.ON_FOREIGN) {
      int m = cls % Lattice.MAX_MATERIALS;
      return depositWeight[cls]
          * ButlerVolmer.nucleationWeight(nucleationCoef[m], nucleationPower, x);
    }
    return depositWeight[cls];
  }

  /** Transfer coefficient alpha (alpha F/RT over F/RT). */
  private double alpha() {
    return alphaF / (alphaF + betaF);
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
      case HEAL:
        heal(i, ch);
        break;
      case WALK:
        walkerHop(i, rng, ch);
        break;
      case INJECT:
        inject(rng, ch);
        break;
      default: // nucleation on a foreign substrate
        deposit(i, ch);
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
    int m = cells[i] & Lattice.MATERIAL_MASK;
    boolean crack = false;
    if ((flags[m] & Material.FLUID) == 0) {
      // growth beneath a layer lifts the column above; a layer stressed past its fracture
      // strength cracks instead, leaving a pocket of electrolyte on the fresh Li
      int cls = SiteRules.depositClass(cells, flags, i, nx, ny, nz, dirs, LiMaterials.LI);
      crack = cls != SiteRules.NONE && cracks[cls];
    }
    int r = SiteRules.applyDeposit(cells, flags, i, nx, ny, nz, LiMaterials.LI,
        LiMaterials.ELECTROLYTE, crack);
    if (r >= 0 && (r & SiteRules.CRACKED) != 0) {
      cracksOpened++;
    }
    int top = r < 0 ? r : r & ~SiteRules.CRACKED;
    for (int z = grid.z(i); z <= top; z++) {
      touch(grid.index(grid.x(i), grid.y(i), z), ch);
    }
    injected++;
    reducedInStep++;
    revive(i, ch);
    touch(i, ch);
    checkShort(i);
  }

  /** A healing layer flows into the pocket at f: the layer site above and the pocket swap. */
  private void heal(int f, Changes ch) {
    int u = f + grid.plane;
    byte t = cells[f];
    cells[f] = cells[u];
    cells[u] = t;
    healEvents++;
    touch(f, ch);
    touch(u, ch);
  }

  private void dissolve(int i, Changes ch) {
    SiteRules.applyDissolve(cells, i, LiMaterials.ELECTROLYTE);
    if (walkers) {
      solidRemoved(i);
    }
    extracted++;
    extractedInStep++;
    touch(i, ch);
    // the dead-Li fill runs on the stripping schedule (oxidations while plating or at rest are
    // the exchange; the fills after stripping steps catch what they cut off)
    if (mode == Mode.STRIP && ++stripEventsSinceFill >= fillInterval && relabelDead() > 0) {
      ch.rebuildAll();
    }
  }

  private void hop(int i, UniformRandomProvider rng, Changes ch) {
    int allowed = hopCounts != null ? hopCounts.hopMask(i) : SiteRules.hopMaskOf(
        SiteRules.hopState(cells, flags, i, nx, ny, nz, dirs, hopMoves));
    int pick = rng.nextInt(Integer.bitCount(allowed));
    int h = 0;
    for (; h < hopMoves; h++) {
      if ((allowed & (1 << h)) != 0 && pick-- == 0) {
        break;
      }
    }
    int j = SiteRules.hopTarget(i, h, nx, ny, nz, dirs);
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
      seiFromCurrentInStep++;
    }
    touch(changed, ch);
  }

  private void revive(int i, Changes ch) {
    int n = connectivity().reviveFrom(lattice, i, LiMaterials.LI, LiMaterials.LI_DEAD);
    revived += n;
    if (n > 0) {
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
   * Marks every site whose rates may depend on site s: sites within Manhattan distance two, or
   * three with diagonal hops (bond counts, hop targets and their support), the layer runs
   * through s (SEI thickness), and the column below s down to the first fluid site (whether a
   * layer there can be lifted). While only hop rates are live and the bond counts are kept, the
   * counts mark just the sites whose hop rate can change. Every changed site passes through here
   * (that keeps the counts up to date).
   */
  private void touch(int s, Changes ch) {
    if (hopCounts != null) {
      if (onlyHopsLive()) {
        // the hop rates are the only live site rates: mark just those that can change
        hopCounts.sync(s, ch);
        ch.site(s);
        return;
      }
      hopCounts.sync(s, null);
    }
    int sx = s % nx;
    int sy = (s / nx) % ny;
    int sz = s / grid.plane;
    for (int k = 0; k < reachZ.length; k++) {
      int z = sz + reachZ[k];
      if (z < 0 || z >= nz) {
        continue;
      }
      int x = sx + reachX[k];
      x = x < 0 ? x + nx : x >= nx ? x - nx : x;
      int y = sy + reachY[k];
      y = y < 0 ? y + ny : y >= ny ? y - ny : y;
      ch.site((z * ny + y) * nx + x);
    }
    for (int d = 0; seiOn && d < dirs; d++) {
      int j = grid.neighbour(s, d);
      if (j < 0) {
        continue;
      }
      {
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

  /**
   * True while the hop channel is the only site channel the solver keeps up to date: no SEI or
   * healing channel, and the deposition and dissolution channels inactive (the solver
   * recomputes an inactive channel whole when it comes back).
   */
  private boolean onlyHopsLive() {
    return !seiOn && !healOn && !channelActive(DEPOSIT) && !channelActive(DISSOLVE);
  }

  /** Runs the dead-Li flood fill now (after stripping steps). */
  public int relabelDead() {
    stripEventsSinceFill = 0;
    long dead0 = lattice.countByMaterial()[LiMaterials.LI_DEAD];
    int changed = connectivity().relabel(lattice, flags, LiMaterials.LI, LiMaterials.LI_DEAD);
    // changed = newly dead + revived, and the dead count moved by newly dead - revived
    revived += (changed - (lattice.countByMaterial()[LiMaterials.LI_DEAD] - dead0)) / 2;
    return changed;
  }

  private Connectivity connectivity() {
    if (connectivity == null) {
      connectivity = new Connectivity(grid.sites);
    }
    return connectivity;
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
      int col;
      int z;
      if (beamRadius > 0) {
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

  /** Highest fluid site of column col with a solid face neighbour (ballistic walkers). */
  private int landingZ(int col) {
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
    return z;
  }

  /**
   * Landing site of a vertical line at a uniform random (x, y): the highest {@link #landingZ}
   * over the columns within beamRadius of the line (ties: lowest column index), or -1 when no
   * column is that close. SPPARKS app diffusion's `deposition event F 0 0 -1 d0 1 6`.
   */
  private int beamLanding(UniformRandomProvider rng) {
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
    if (cls != SiteRules.NONE && SiteRules.depositKind(cls) != SiteRules.UNDER_LAYER
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
    // the open slab |z' - z| < r must hold no solid: neither the deposit below nor the
    // separator wall above, and its exit plane z + r must be a fluid site inside the box
    int r = Math.min(z - highest - 1, separatorZ - 1 - z);
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

  /** Material id of the collector. */
  public int collector() {
    return collector;
  }

  /** First z above the collector. */
  public int collectorTop() {
    return collectorTop;
  }

  /**
   * First z above the scaffold: the highest fixed electronic conductor above the collector
   * (host grains, pillars, walls) plus one; {@link #collectorTop} without a scaffold.
   */
  public int hostTop() {
    return hostTop;
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

  /** Cracks opened in layers by growth stress beyond their fracture strength. */
  public long cracksOpened() {
    return cracksOpened;
  }

  /** Pocket-closing moves of healing layers. */
  public long healEvents() {
    return healEvents;
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

  /** Number of walker slots (walkers mode; 1 otherwise). */
  public int walkerSlots() {
    return walkerSite.length;
  }

  /**
   * Site of the walker in a slot, or -1 for an empty slot. For a walker on a first-passage
   * jump ({@link #walkerInFlight}) this is the jump's end point, reached at its scheduled time.
   */
  public int walkerSite(int slot) {
    return walkerSite[slot];
  }

  /** True while the walker in a slot is on a first-passage jump (its site is the end point). */
  public boolean walkerInFlight(int slot) {
    return walkerInFlight[slot];
  }

  /** Ions in the electrolyte (walkers in flight). */
  public long ions() {
    return walkerCount + sweptIons;
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
   * Overpotential (V) of the last galvanostatic solve (full Butler-Volmer, reaction mode); while
   * stripping with nothing left to oxidise +infinity; 0 in walkers mode (not solved) and when
   * nothing can react.
   */
  public double overpotential() {
    if (walkers || solver == null) {
      return 0.0;
    }
    if (Double.isNaN(etaX)) {
      return mode == Mode.STRIP ? Double.POSITIVE_INFINITY : 0.0;
    }
    return etaX / (alphaF + betaF);
  }

  /**
   * False when the present step's current has nowhere to go: plating with no site that can be
   * reduced, stripping with no live Li left (walkers always carry the plating current).
   */
  public boolean canCarry() {
    if (mode == Mode.REST) {
      return true;
    }
    if (walkers) {
      return mode == Mode.PLATE || solver.channelWeight(DISSOLVE) > 0;
    }
    return !Double.isNaN(etaX);
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

  /** True when depositing in deposition class cls cracks the layer. */
  public boolean cracks(int cls) {
    return cracks[cls];
  }

  /** True when some layer heals cracks. */
  public boolean healOn() {
    return healOn;
  }

  /** Number of hop moves per mobile site (face, plus diagonal when enabled). */
  public int hopMoves() {
    return hopMoves;
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
    seiFromCurrentInStep += seiFromCurrent;
    reducedInStep += reduced;
    extracted += stripped;
    extractedInStep += stripped;
  }

  /** Healing rate (1/s) of a pocket under layer material m (0: that material does not heal). */
  double healRate(int m) {
    return healRate[m];
  }

  /** Adds healing moves made by the parallel solver's sweeps. */
  void addHeals(long n) {
    healEvents += n;
  }

  /** Adds cracks opened by the parallel solver's sweeps. */
  void addCracks(long n) {
    cracksOpened += n;
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

  /** Walkers mode: true when walkers fall to first contact in one event (ballistic). */
  public boolean ballistic() {
    return ballistic;
  }

  /** Ballistic walkers stick only on top of their own column (random deposition). */
  boolean stickTopOnly() {
    return stickTop;
  }

  /** Ballistic walkers: beam radius in sites (0: one column). */
  double beamRadius() {
    return beamRadius;
  }

  /** Walker hop bias towards the collector, (G+ - G-)/(G+ + G-). */
  double drift() {
    return drift;
  }

  /** Fixed walker count (0: walkers are injected at I/e). */
  int population() {
    return population;
  }

  /** Walkers enter this many sites above the highest deposit. */
  int launchGap() {
    return launchGap;
  }

  /** Walkers this far above the highest deposit are relaunched. */
  int relaunchGap() {
    return relaunchGap;
  }

  /**
   * Books the walkers of a parallel-solver sweep: {@code entered} walkers that came in from the
   * electrolyte (injected), {@code reduced} of them reduced to Li, {@code dropped} ballistic
   * walkers placed on arrival (injected and reduced at once), and the net change of walkers on
   * the lattice.
   */
  void addWalkerLedger(long entered, long reduced, long dropped, long ionsChange) {
    injected += entered + dropped;
    reducedInStep += reduced + dropped;
    sweptIons += ionsChange;
  }
}
