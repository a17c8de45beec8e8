package org.liko.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.liko.engine.Changes;
import org.liko.engine.EventModel;
import org.liko.engine.ExactSolver;
import org.liko.engine.Grid;
import org.liko.engine.InputException;
import org.liko.engine.checkpoint.StateIn;
import org.liko.engine.checkpoint.StateOut;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.engine.MaterialTable;
import org.liko.engine.rules.Connectivity;
import org.liko.engine.rules.NeighbourCounts;
import org.liko.engine.rules.SiteRules;

/**
 * Li plating and stripping on a collector (DESIGN section 5), as the one {@link EventModel} the
 * solvers see. It owns the lattice, the protocol state and the Li inventory, applies events to
 * the lattice and composes the processes, each of which owns its rate laws and tables:
 * <ul>
 *   <li>{@link Kinetics}: Butler-Volmer reduction and oxidation weights, the galvanostatic
 *       overpotential solve, overpotential-driven nucleation on foreign substrates;</li>
 *   <li>{@link SurfaceDiffusion}: bond-counting surface hops;</li>
 *   <li>{@link Layers}: SEI formation, growth beneath layers (stress, cracks), crack
 *       healing;</li>
 *   <li>one {@link Transport} per {@code transport.mode}: {@link ReactionTransport} (reaction),
 *       {@link WalkerTransport} (walkers), {@link FieldTransport} (field).</li>
 * </ul>
 * Channels:
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
  /** Whether {@link #touch} marks the column below a change ({@link #holdsLiftableLayer}). */
  private final boolean liftWalk;
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
  private final long atomsPerSite; // n: Li atoms (and electrons) moved by one site event
  private final double areaM2; // electrode area, m^2
  private double temperatureK; // K
  private double kT; // eV
  private final int collector;
  private final int collectorTop; // first z above the collector
  private final int separatorZ; // first z of the separator wall
  // field mode with a porous separator: Li is blocked at its lower face, touching it is no short
  private final boolean separatorBlocks;
  private final int hostTop; // first z above the scaffold (collectorTop without one)

  // the processes
  private final Kinetics kinetics;
  private final SurfaceDiffusion surface;
  private final Layers layers;
  private final boolean walkers;
  private final boolean field;
  private final WalkerTransport.Params walkerParams;
  private final Transport transport;
  private long sweptIons; // walkers of the parallel solver (they live in its carriers table)

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
  // sub-grid SEI film (sei.film; null when off): the film Li of oxidised sites stays as SEI, so
  // such a site gives n - (its film atoms) electrons; these atoms enter the electron counters
  private final SeiFilm film;
  private long filmKept; // film atoms left by oxidised sites so far
  private long filmKeptInStep; // ... in the present step
  private long filmPlateClosed; // ... over the closed plating, stripping and rest steps
  private long filmStripClosed;
  private long filmRestClosed;
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
    long atoms = s.l("lattice.atomsPerSite");
    checkCoarseParameters(s, atoms);
    MullinsCalibration.check(s);
    this.atomsPerSite = atoms;
    this.siteNm = siteNmOf(s);
    long sitesWanted = (long) s.i("lattice.nx") * s.i("lattice.ny") * s.i("lattice.nz");
    if ((double) sitesWanted * atoms > MAX_ATOMS) {
      throw new InputException(s.source() + ": field 'lattice.atomsPerSite': value " + atoms
          + " on " + sitesWanted + " sites counts up to " + (double) sitesWanted * atoms
          + " atoms, beyond the 64-bit inventory; allowed: sites x atomsPerSite <= "
          + MAX_ATOMS + " (a smaller lattice or fewer atoms per site)");
    }
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
    this.kinetics = new Kinetics(s, materials, siteNm, atomsPerSite, dirs, ny == 1);

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

    this.surface = new SurfaceDiffusion(s, nx, ny, nz, dirs);
    this.layers = new Layers(s, materials, siteNm);
    setTemperature(s.d("temperature_K"));
    long every = s.i("deadLi.checkInterval_events");
    this.fillInterval = every > 0 ? every : (long) nx * ny;

    this.walkers = s.s("transport.mode").equals("walkers");
    this.field = s.s("transport.mode").equals("field");
    this.separatorBlocks = field && s.d("transport.field.separatorPorosity") > 0;
    if (!field && s.d("transport.field.separatorPorosity") > 0) {
      throw new InputException(s.source() + ": field 'transport.field.separatorPorosity':"
          + " value " + s.d("transport.field.separatorPorosity") + " needs the electrolyte field"
          + " (a porous separator only changes ion transport); allowed: 0, or transport.mode"
          + " field");
    }
    if (!field && s.d("transport.field.farField_um") > 0) {
      throw new InputException(s.source() + ": field 'transport.field.farField_um': value "
          + s.d("transport.field.farField_um") + " is a region of the electrolyte field;"
          + " allowed: 0, or transport.mode field");
    }
    if (!field && s.s("transport.field.exchange").equals("net")) {
      throw new InputException(s.source() + ": field 'transport.field.exchange': value net"
          + " applies to the electrolyte field's Butler-Volmer faces; allowed: auto or gross, or"
          + " transport.mode field");
    }
    this.walkerParams = WalkerTransport.Params.of(s, walkers, kinetics.k0(), aM, dirs, nx);
    this.initial = Geometry.build(s, lattice, materials, siteNm, collector, collectorTop,
        collectorTop + film, separatorZ, seed);
    int top = collectorTop;
    for (int i = collectorTop * grid.plane; i < grid.sites; i++) {
      if (materials.is(cells[i] & Lattice.MATERIAL_MASK, Material.ELECTRONIC | Material.FIXED)) {
        top = i / grid.plane + 1;
      }
    }
    this.hostTop = top;
    this.liftWalk = layers.seiOn() || layers.healOn() || holdsLiftableLayer();
    this.film = s.b("sei.film") ? filmOf(s, seed) : null;
    this.transport = walkers ? new WalkerTransport(this, kinetics, walkerParams, separatorZ)
        : field ? new FieldTransport(this, kinetics, s, aM, atoms, separatorZ, parallel)
        : new ReactionTransport(this, kinetics);
  }


  /**
   * Parameters whose defaults are per-atom quantities (a bond, an adatom hop, a few-atom
   * nucleus, one atom's conversion to SEI): with coarse sites each needs a value mapped to the
   * site edge (docs/model.md, "Coarse-grained sites"), and the mapping each one takes.
   */
  static final String[][] ATOMISTIC = {
    {"surface.bondEnergy_eV", "0 (a coarse bond carries gamma Omega / a, about 1 meV at 50 nm:"
        + " capillarity is negligible at this scale)"},
    {"surface.attemptFrequency_Hz", "0 (no surface diffusion), surface.coarse.mullins: true"
        + " (hop rates calibrated to the Mullins coefficient B = D_s gamma Omega^2 nu / kT of"
        + " surface.coarse.selfDiffusivity_m2_s and surface.coarse.surfaceEnergy_J_m2) or a hop"
        + " rate of your own"},
    {"surface.terraceBarrier_eV", "the barrier of the calibrated hop rate (or 0 with"
        + " surface.attemptFrequency_Hz: 0)"},
    {"kinetics.interfacialEnergy_J_m2", "0 (critical nuclei of a few nm are sub-grid: every"
        + " candidate site on a lithiophilic substrate nucleates at the Butler-Volmer rate) or an"
        + " effective per-site gamma calibrated to a measured nucleation overpotential"},
    {"sei.rate_Hz", "k_atom x a0 / a (the conversion rate of a whole site, so that the SEI"
        + " thickens at the atomistic speed)"},
  };

  /**
   * Refuses coarse sites (n > 1) that keep an atomistic default ({@link #ATOMISTIC}) unless the
   * scenario says so with {@code lattice.atomisticRatesOnCoarseSites: true}.
   */
  private static void checkCoarseParameters(Scenario s, long atoms) {
    if (atoms <= 1 || s.b("lattice.atomisticRatesOnCoarseSites")) {
      return;
    }
    ParameterSchema schema = ParameterSchema.get();
    StringBuilder b = new StringBuilder();
    for (String[] k : ATOMISTIC) {
      boolean relevant = switch (k[0]) {
        case "surface.terraceBarrier_eV" -> s.d("surface.attemptFrequency_Hz") > 0
            && !MullinsCalibration.on(s);
        case "surface.attemptFrequency_Hz" -> !MullinsCalibration.on(s);
        case "sei.rate_Hz" -> !s.s("sei.recipe").equals("none");
        default -> true;
      };
      double def = ((Number) schema.param(k[0]).defaultValue()).doubleValue();
      if (relevant && s.d(k[0]) == def) {
        b.append(b.length() > 0 ? "; " : "").append(k[0]).append(" (atomistic default ")
            .append(def).append("): set ").append(k[1]);
      }
    }
    if (b.length() > 0) {
      throw new InputException(s.source() + ": field 'lattice.atomsPerSite': value " + atoms
          + " makes coarse sites of a = " + (float) (Physics.LI_SITE_NM * Math.cbrt(atoms))
          + " nm, but these per-atom defaults do not apply to a coarse site: " + b
          + ". Allowed: coarse values for them (docs/model.md, Coarse-grained sites), or"
          + " lattice.atomisticRatesOnCoarseSites: true to keep the atomistic values knowingly");
    }
  }

  /** The site edge a (nm) of a scenario: a0 n^(1/3) for coarse sites, else lattice.siteNm. */
  static double siteNmOf(Scenario s) {
    long atoms = s.l("lattice.atomsPerSite");
    return atoms > 1 ? Physics.LI_SITE_NM * Math.cbrt(atoms) : s.d("lattice.siteNm");
  }

  /** Most Li atoms a lattice may hold (sites x atomsPerSite), well inside a signed long. */
  static final double MAX_ATOMS = 4.0e18;

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

  /**
   * Sets the temperature (K) and rebuilds every temperature-dependent rate table: Butler-Volmer
   * factors, nucleation and layer-transport weights, stress factors, bond-counting hop and
   * dissolution rates. The caller rebuilds the solver's trees afterwards.
   */
  public void setTemperature(double temperatureK) {
    this.temperatureK = temperatureK;
    this.kT = Physics.KB_EV * temperatureK;
    kinetics.setTemperature(scenario, materials, siteNm, temperatureK, kT);
    layers.setTemperature(scenario, materials, siteNm, dirs, kT, kinetics.depositWeights());
    surface.setTemperature(scenario, kT);
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
   * Heap bytes per site of the field transport mode, counted from its arrays (not measured):
   * 21 doubles of the electrolyte field, 2 doubles and 2 longs of the coupling, 5 bytes of the
   * domain map, and about a third more for the multigrid's coarse levels.
   */
  public static final int FIELD_BYTES_PER_SITE = 256;
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
    long fieldBytes = s.s("transport.mode").equals("field") ? sites * FIELD_BYTES_PER_SITE : 0;
    return sites * EXACT_BYTES_PER_SITE + leaves * EXACT_BYTES_PER_LEAF + fieldBytes;
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
    transport.attach(s, rng);
  }

  /**
   * Sets what the protocol does now and the current density (mA/cm^2, magnitude). The step
   * that ends is booked: its net electrons go to the plated, stripped or rest total.
   */
  public void setMode(Mode m, double current_mA_cm2) {
    long net = stepSites();
    if (mode == Mode.PLATE) {
      platedClosed += net;
      filmPlateClosed += filmKeptInStep;
    } else if (mode == Mode.STRIP) {
      strippedClosed -= net;
      filmStripClosed += filmKeptInStep;
    } else {
      restClosed += net;
      filmRestClosed += filmKeptInStep;
    }
    filmKeptInStep = 0;
    this.mode = m;
    // one site event carries n electrons: the driven rate is I / (n e) site events per second
    this.currentPerE = m == Mode.REST ? 0.0
        : Physics.mAcm2ToAm2(current_mA_cm2) * areaM2 / Physics.E_CHARGE / atomsPerSite;
    reducedInStep = 0;
    extractedInStep = 0;
    seiFromCurrentInStep = 0;
    transport.modeChanged();
  }

  /** True when a protocol step change changes every site's rate (field mode). */
  boolean rebuildOnModeChange() {
    return transport.rebuildOnModeChange();
  }

  /** Why the present step's current cannot be carried beyond "no site", or null. */
  String stallReason() {
    return transport.stallReason();
  }

  /**
   * Transport-specific entries of the run summary (field mode; walkers with Butler-Volmer), or
   * null.
   */
  java.util.Map<String, Object> transportSummary() {
    return transport.summary();
  }

  /** False when the transport writes no checkpoint: a run then writes none. */
  public boolean writesCheckpoints() {
    return transport.writesCheckpoints();
  }

  /**
   * The sub-grid SEI film of {@code sei.film: true}, with its named refusals: it needs the
   * field mode (its face rates), sei.recipe none (it replaces the whole-site SEI conversion) and
   * hops off (a hop would carry a site's film Li along); net exchange is checked by the field.
   */
  private SeiFilm filmOf(Scenario s, long seed) {
    String src = s.source() + ": field 'sei.film': value true ";
    if (!field) {
      throw new InputException(src + "acts on the electrolyte field's Butler-Volmer faces;"
          + " allowed: false, or transport.mode field");
    }
    if (!s.s("sei.recipe").equals("none")) {
      throw new InputException(src + "replaces the whole-site SEI conversion of sei.recipe "
          + s.s("sei.recipe") + "; allowed: sei.recipe none with the film, or sei.film false");
    }
    if (s.d("surface.attemptFrequency_Hz") > 0) {
      throw new InputException(src + "keeps each site's film Li on the site, which a surface"
          + " hop would move; allowed: surface.attemptFrequency_Hz 0 with the film");
    }
    return new SeiFilm(s, grid.sites, siteNm, atomsPerSite, seed);
  }

  /** The sub-grid SEI film, or null when sei.film is off. */
  SeiFilm film() {
    return film;
  }

  /** Film Li atoms on sites of material m (0 without a film). */
  long filmOn(int m) {
    return film == null ? 0 : film.on(cells, m);
  }

  /** Film Li atoms left by oxidised sites as SEI (0 without a film). */
  long filmDebris() {
    return film == null ? 0 : film.debris();
  }

  /** The field transport (field mode), or null. */
  FieldTransport fieldTransport() {
    return transport instanceof FieldTransport f ? f : null;
  }

  /**
   * Net electrons into the electrode in the present step: reductions plus SEI formed from the
   * current, less oxidations (negative while stripping). With a sub-grid SEI film an oxidised
   * site gives n less its film atoms (they stay as SEI), so the film parts are added back.
   */
  public long stepElectrons() {
    return atomsPerSite * stepSites() + filmKeptInStep;
  }

  /** Net site events into the electrode in the present step (n electrons each). */
  private long stepSites() {
    return reducedInStep + seiFromCurrentInStep - extractedInStep;
  }

  /** Plated charge so far (net electrons in over the plating steps, this one included). */
  public long platedElectrons() {
    return atomsPerSite * (platedClosed + (mode == Mode.PLATE ? stepSites() : 0))
        + filmPlateClosed + (mode == Mode.PLATE ? filmKeptInStep : 0);
  }

  /** Stripped charge so far (net electrons out over the stripping steps, this one included). */
  public long strippedElectrons() {
    return atomsPerSite * (strippedClosed - (mode == Mode.STRIP ? stepSites() : 0))
        - filmStripClosed - (mode == Mode.STRIP ? filmKeptInStep : 0);
  }

  /**
   * Net electrons in over the rest steps so far, this one included: at open circuit the
   * exchange balances only on average, so this is the noise of the exchange (0 on average).
   */
  public long restElectrons() {
    return atomsPerSite * (restClosed + (mode == Mode.REST ? stepSites() : 0))
        + filmRestClosed + (mode == Mode.REST ? filmKeptInStep : 0);
  }

  /** Dead Li atoms made live again so far (by contact with live metal, or by a fill). */
  public long revived() {
    return atomsPerSite * revived;
  }

  /** Adds revived dead sites (parallel solver: from its fills). */
  void addRevived(long n) {
    revived += n;
  }

  // ---------------------------------------------------------------- EventModel

  @Override
  public int channelCount() {
    return NUCLEATE + kinetics.foreignCount();
  }

  /** Material id of the foreign substrate of nucleation channel {@code NUCLEATE + k}. */
  public int foreignMaterial(int k) {
    return kinetics.foreignMaterial(k);
  }

  /** Number of foreign substrates (nucleation channels). */
  public int foreignCount() {
    return kinetics.foreignCount();
  }

  @Override
  public int channelSize(int c) {
    switch (c) {
      case DEPOSIT:
        return transport.siteReduction() ? grid.sites : 1;
      case DISSOLVE:
        return grid.sites;
      case HOP:
        return surface.hopOn() ? grid.sites : 1;
      case SEI:
        return layers.seiOn() ? grid.sites : 1;
      case HEAL:
        return layers.healOn() ? grid.sites : 1;
      case WALK:
        return transport.walkerSlots();
      case INJECT:
        return 1;
      default: // nucleation channels
        return transport.siteReduction() ? grid.sites : 1;
    }
  }

  /** Recounts the bond counts behind the hop rates (face hops; built on first use). */
  @Override
  public void rebuilding() {
    surface.rebuilding(cells, flags, nx, ny, nz, dirs);
  }

  @Override
  public boolean siteChannel(int c) {
    return (c <= HEAL || c >= NUCLEATE) && channelSize(c) == grid.sites;
  }

  @Override
  public double weight(int c, int i) {
    switch (c) {
      case DEPOSIT: {
        if (!transport.siteReduction()) {
          return 0.0;
        }
        int cls = SiteRules.depositClass(cells, flags, i, nx, ny, nz, dirs, LiMaterials.LI);
        if (cls == SiteRules.NONE) {
          return 0.0;
        }
        int kind = SiteRules.depositKind(cls);
        if (kind == SiteRules.ON_FOREIGN && !transport.foreignInDeposit()) {
          return 0.0; // a nucleation channel's site
        }
        if (kind == SiteRules.UNDER_LAYER && !canLift(i)) {
          return 0.0;
        }
        return transport.reductionWeight(i, kinetics.depositWeight(cls));
      }
      case DISSOLVE: {
        int n = SiteRules.dissolveClass(cells, flags, i, nx, ny, nz, dirs, LiMaterials.LI);
        return n == SiteRules.NONE ? 0.0 : transport.oxidationWeight(i, kinetics.dissolveWeight(n));
      }
      case HOP:
        return surface.weight(cells, flags, i, nx, ny, nz, dirs);
      case SEI:
        return layers.seiWeight(cells, flags, i, nx, ny, nz, dirs);
      case HEAL:
        return layers.healWeight(cells, flags, i, nx, ny, nz);
      case WALK:
        return transport.walkWeight(i);
      case INJECT:
        return transport.injectWeight();
      default: { // nucleation channel c - NUCLEATE: candidate sites on that substrate
        if (!transport.siteReduction()) {
          return 0.0;
        }
        int cls = SiteRules.depositClass(cells, flags, i, nx, ny, nz, dirs, LiMaterials.LI);
        return cls == SiteRules.ON_FOREIGN * Lattice.MAX_MATERIALS
            + kinetics.foreignMaterial(c - NUCLEATE) ? transport.nucleationLeaf(i, c - NUCLEATE)
            : 0.0;
      }
    }
  }

  /**
   * Reduction (and nucleation) and oxidation channels are live as the transport mode says
   * ({@link Transport#channelActive}); the others always. An inactive channel's leaves are not
   * kept up to date (the solver recomputes them when it comes back).
   */
  @Override
  public boolean channelActive(int c) {
    if (c == DEPOSIT || c == DISSOLVE || c >= NUCLEATE) {
      return transport.channelActive(c, mode);
    }
    return true;
  }

  /** Driven rates: the transport mode's ({@link Transport#drivenRate}). */
  @Override
  public double drivenRate(int c) {
    if (c != INJECT && c != DEPOSIT && c != DISSOLVE && c < NUCLEATE) {
      return Double.NaN;
    }
    return transport.drivenRate(c);
  }

  /**
   * Net reduction rate per k0 the galvanostatic solve must make: I/e less the SEI formed from
   * the current while plating, -I/e while stripping, 0 at rest.
   */
  double targetPerK0(double rSeiFromCurrent) {
    double t = mode == Mode.PLATE ? currentPerE - rSeiFromCurrent
        : mode == Mode.STRIP ? -currentPerE : 0.0;
    return t / kinetics.k0();
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
    return kinetics.solve(w, n, v, targetPerK0(rSei));
  }

  /** k0 exp(-alpha x) of the last solve, 1/s per unit reduction weight. */
  double reductionFactor() {
    return kinetics.reductionFactor();
  }

  /** k0 exp((1 - alpha) x) of the last solve, 1/s per unit oxidation weight. */
  double oxidationFactor() {
    return kinetics.oxidationFactor();
  }

  /**
   * Deposition weight of a class at x = f eta: the table's {@link #depositWeight}, times the
   * nucleation weight on a foreign substrate.
   */
  double depositWeightAt(int cls, double x) {
    return kinetics.depositWeightAt(cls, x);
  }

  @Override
  public void fire(int c, int i, UniformRandomProvider rng, Changes ch) {
    switch (c) {
      case DEPOSIT:
        deposit(i, ch);
        break;
      case DISSOLVE:
        dissolve(i, ch);
        transport.emitted(i, rng, ch);
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
        transport.walk(i, rng, ch);
        break;
      case INJECT:
        transport.inject(rng, ch);
        break;
      default: // nucleation on a foreign substrate
        deposit(i, ch);
    }
  }

  @Override
  public void fireScheduled(long token, UniformRandomProvider rng, Changes ch) {
    transport.fireScheduled(token, rng, ch);
  }

  // ---------------------------------------------------------------- events

  private void deposit(int i, Changes ch) {
    int m = cells[i] & Lattice.MATERIAL_MASK;
    boolean crack = false;
    if ((flags[m] & Material.FLUID) == 0) {
      // growth beneath a layer lifts the column above; a layer stressed past its fracture
      // strength cracks instead, leaving a pocket of electrolyte on the fresh Li
      int cls = SiteRules.depositClass(cells, flags, i, nx, ny, nz, dirs, LiMaterials.LI);
      crack = cls != SiteRules.NONE && layers.cracks(cls);
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
    if (film != null) {
      int below = grid.z(i) > 0 ? i - grid.plane : -1;
      if (film.rootGrowth() && below >= 0 && (cells[below] & Lattice.MATERIAL_MASK) == LiMaterials.LI) {
        // root growth: the column below is extruded, its root is the fresh Li and cracks
        int base = below;
        while (grid.z(base) > 0
            && (cells[base - grid.plane] & Lattice.MATERIAL_MASK) == LiMaterials.LI) {
          base -= grid.plane;
        }
        film.extruded(i, base, grid.plane, ch.now(), injected);
        crackNeighbours(base, ch.now());
        // every film of the column moved: its sites' leaves and their neighbours' change
        for (int j = base; j < i; j += grid.plane) {
          touch(j, ch);
        }
      } else {
        film.plated(i, ch.now(), injected);
        crackNeighbours(i, ch.now());
      }
    }
    transport.reduced(i);
    if (film != null) {
      reviveThroughFilm(i, ch);
    } else {
      revive(i, ch);
    }
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
    if (film != null) {
      long kept = film.oxidised(i);
      filmKept += kept;
      filmKeptInStep += kept;
      crackNeighbours(i, ch.now());
    }
    transport.solidRemoved(i);
    transport.oxidised(i);
    extracted++;
    extractedInStep++;
    touch(i, ch);
    // the dead-Li fill runs on the stripping schedule (oxidations while plating or at rest are
    // the exchange; the fills after stripping steps catch what they cut off)
    if (mode == Mode.STRIP && ++stripEventsSinceFill >= fillInterval && relabelDead() > 0) {
      ch.rebuildAll();
    }
  }

  /** A plating or stripping event at site i at time t cracks the films of its Li neighbours. */
  private void crackNeighbours(int i, double t) {
    for (int d = 0; d < dirs && d < 6; d++) {
      int k = grid.neighbour(i, d);
      if (k >= 0 && (cells[k] & Lattice.MATERIAL_MASK) == LiMaterials.LI) {
        film.crack(k, t);
      }
    }
  }

  /** Observer of surface hops (tracer analyses): called after each hop, from site to site. */
  @FunctionalInterface
  public interface HopObserver {
    /** An atom hopped from site {@code from} to site {@code to}. */
    void hopped(int from, int to);
  }

  private HopObserver hopObserver;

  /** Observes every surface hop of the exact solver from now on (null: none). */
  public void observeHops(HopObserver o) {
    this.hopObserver = o;
  }

  private void hop(int i, UniformRandomProvider rng, Changes ch) {
    int h = surface.pickMove(cells, flags, i, nx, ny, nz, dirs, rng);
    int j = SiteRules.hopTarget(i, h, nx, ny, nz, dirs);
    int r = SiteRules.applyHop(cells, flags, i, j, nx, ny, nz, dirs, LiMaterials.LI,
        LiMaterials.ELECTROLYTE);
    if (hopObserver != null) {
      hopObserver.hopped(i, j);
    }
    touch(i, ch);
    touch(j, ch);
    transport.solidAdded(j);
    transport.solidRemoved(i);
    if (r == SiteRules.HOP_PRODUCT) {
      revive(j, ch);
      checkShort(j);
    } else if (r == SiteRules.HOP_RECONNECTED) {
      revive(j, ch);
    }
  }

  private void convert(int i, UniformRandomProvider rng, Changes ch) {
    int d = SiteRules.conversionDirection(cells, flags, i, nx, ny, nz, dirs, LiMaterials.LI,
        LiMaterials.SEI_INORGANIC, LiMaterials.SEI_ORGANIC, layers.seiMaxRun());
    int product = layers.product(rng);
    // plating: Li from the current, the fluid site closing the run becomes SEI; at rest or
    // while stripping the Li comes from the metal (corrosion): site i becomes SEI
    int changed = SiteRules.applyConvert(cells, flags, i, d, nx, ny, nz, product,
        mode == Mode.PLATE);
    if (mode == Mode.PLATE) {
      injected++;
      seiFromCurrentInStep++;
      transport.seiFromCurrent(changed);
    }
    touch(changed, ch);
  }

  /** Revives dead Li connected to site i again (contact with live metal). */
  void revive(int i, Changes ch) {
    int n = connectivity().reviveFrom(lattice, i, LiMaterials.LI, LiMaterials.LI_DEAD);
    revived += n;
    if (n > 0) {
      for (int s : connectivity.revived()) {
        touch(s, ch);
      }
    }
  }

  /**
   * With the sub-grid SEI film, Li plated at site i touches a dead neighbour through that
   * neighbour's film, an electronic insulator: the dead Li is revived (with the dead Li joined
   * to it) only where that film is thinner than the electron tunnelling length lambda
   * ({@code sei.decayLength_nm}, the length of the film's own growth law; SeiFilm#insulates).
   */
  private void reviveThroughFilm(int i, Changes ch) {
    for (int d = 0; d < dirs && d < 6; d++) {
      int k = grid.neighbour(i, d);
      if (k >= 0 && (cells[k] & Lattice.MATERIAL_MASK) == LiMaterials.LI_DEAD
          && !film.insulates(k, ch.now())) {
        cells[k] = (byte) ((cells[k] & Lattice.CARRIER_BIT) | LiMaterials.LI);
        revived++;
        touch(k, ch);
        revive(k, ch);
      }
    }
  }

  /**
   * A reduction placed by the transport (a walker's Li): site becomes Li, booked as reduced in
   * this step (the caller books its entry as injected).
   */
  void placeReduced(int site, Changes ch) {
    cells[site] = (byte) LiMaterials.LI;
    reducedInStep++;
    checkShort(site);
    // every site channel that reads this site: hops, SEI, the oxidation leaves (live while
    // stripping: walkers still on the lattice keep reducing; inactive, they are marked out of
    // date for the next strip) and with Butler-Volmer the reduction leaves the solve sums
    if (ch != null) {
      touch(site, ch);
    }
  }

  /** Adds Li brought into the electrode (walkers entering). */
  void addInjected(long n) {
    injected += n;
  }

  /** Removes Li from the cell's inventory (walkers leaving to the bulk). */
  void addExtracted(long n) {
    extracted += n;
  }

  private boolean canLift(int i) {
    return SiteRules.canLift(cells, flags, i, nx, ny, nz);
  }

  private void checkShort(int i) {
    if (!separatorBlocks && grid.z(i) >= separatorZ - 1) {
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
    NeighbourCounts hopCounts = surface.counts();
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
    boolean seiOn = layers.seiOn();
    int seiMaxRun = layers.seiMaxRun();
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
    int k = liftWalk ? s - grid.plane : -1;
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
   * True when the lattice holds a material under which Li can deposit and lift the column above
   * ({@link SiteRules#UNDER_LAYER}: a carrier-conducting solid that is neither fluid, fixed nor
   * Li). With none and no channel that makes one (SEI, healing), no site ever reads {@link
   * #canLift}, and {@link #touch} skips the column walk (O(height) per event on a compact
   * deposit: it made random deposition to 1000 monolayers 3x slower).
   */
  private boolean holdsLiftableLayer() {
    boolean[] liftable = new boolean[Lattice.MAX_MATERIALS];
    boolean any = false;
    for (int m = 0; m < materials.size(); m++) {
      int f = flags[m];
      liftable[m] = m != LiMaterials.LI && (f & Material.FLUID) == 0
          && (f & Material.CARRIER_CONDUCTOR) != 0 && (f & Material.FIXED) == 0;
      any |= liftable[m];
    }
    if (!any) {
      return false;
    }
    for (byte c : cells) {
      if (liftable[c & Lattice.MATERIAL_MASK]) {
        return true;
      }
    }
    return false;
  }

  /**
   * True while the hop channel is the only site channel the solver keeps up to date: no SEI or
   * healing channel, and the deposition and dissolution channels inactive (the solver
   * recomputes an inactive channel whole when it comes back).
   */
  private boolean onlyHopsLive() {
    return !layers.seiOn() && !layers.healOn() && !channelActive(DEPOSIT) && !channelActive(DISSOLVE);
  }

  /** Runs the dead-Li flood fill now (after stripping steps). */
  public int relabelDead() {
    stripEventsSinceFill = 0;
    long dead0 = lattice.countByMaterial()[LiMaterials.LI_DEAD];
    // with the sub-grid SEI film, dead Li is wrapped in its film: the fill does not pass
    // through it (contact revival is decided where Li is plated, reviveThroughFilm)
    int changed = connectivity().relabel(lattice, flags, LiMaterials.LI, LiMaterials.LI_DEAD,
        film == null);
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

  /**
   * Li atoms per site, n ({@code lattice.atomsPerSite}): every event that adds or removes a site
   * moves n atoms and n electrons, and the inventory and charge accessors count atoms and
   * electrons (site counts times n).
   */
  public long atomsPerSite() {
    return atomsPerSite;
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

  /** Li atoms at the start (sites times n). */
  public long initial() {
    return atomsPerSite * initial;
  }

  /** Li reduced or brought in so far (reductions, SEI from current). */
  public long injected() {
    return atomsPerSite * injected;
  }

  /** Li stripped out so far. */
  public long extracted() {
    return atomsPerSite * extracted - filmKept;
  }

  /** Li atoms reduced in the current protocol step (site events times n). */
  public long reducedInStep() {
    return atomsPerSite * reducedInStep;
  }

  /** Li atoms oxidised in the current protocol step (site events times n). */
  public long extractedInStep() {
    return atomsPerSite * extractedInStep;
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
    return transport.droppedInjections();
  }

  /** Sets the carrier bit of every site that holds a walker (for output), clearing others. */
  public void markCarriers() {
    for (int i = 0; i < cells.length; i++) {
      cells[i] &= (byte) ~Lattice.CARRIER_BIT;
    }
    for (int k = 0; k < transport.walkerSlots(); k++) {
      int s = transport.walkerSite(k);
      if (s >= 0) {
        cells[s] |= (byte) Lattice.CARRIER_BIT;
      }
    }
  }

  /** Number of walker slots (walkers mode; 1 otherwise). */
  public int walkerSlots() {
    return transport.walkerSlots();
  }

  /**
   * Site of the walker in a slot, or -1 for an empty slot. For a walker on a first-passage
   * jump ({@link #walkerInFlight}) this is the jump's end point, reached at its scheduled time.
   */
  public int walkerSite(int slot) {
    return transport.walkerSite(slot);
  }

  /** True while the walker in a slot is on a first-passage jump (its site is the end point). */
  public boolean walkerInFlight(int slot) {
    return transport.walkerInFlight(slot);
  }

  /** Li+ ions in the electrolyte (walkers in flight, n each). */
  public long ions() {
    return atomsPerSite * (transport.walkerCount() + sweptIons);
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
    return transport.overpotential();
  }

  /**
   * False when the present step's current has nowhere to go: plating with no site that can be
   * reduced, stripping with no live Li left (walkers always carry the plating current).
   */
  public boolean canCarry() {
    if (mode == Mode.REST) {
      return true;
    }
    return transport.canCarry();
  }

  /** The exact solver this model is attached to, or null. */
  ExactSolver solver() {
    return solver;
  }

  /** Exchange rate per reference site, 1/s. */
  public double k0() {
    return kinetics.k0();
  }

  /** alpha F/RT, 1/V. */
  public double alphaF() {
    return kinetics.alphaF();
  }

  /** Thermal energy, eV. */
  public double kT() {
    return kT;
  }

  /** True when depositing in deposition class cls cracks the layer. */
  public boolean cracks(int cls) {
    return layers.cracks(cls);
  }

  /** True when some layer heals cracks. */
  public boolean healOn() {
    return layers.healOn();
  }

  /** Number of hop moves per mobile site (face, plus diagonal when enabled). */
  public int hopMoves() {
    return surface.hopMoves();
  }

  /** Hop rate (1/s) of an atom with n solid neighbours, per target. */
  public double hopRate(int n) {
    return surface.hopRate(n);
  }

  /** Relative deposition weight of a {@link SiteRules#depositClass} code. */
  double depositWeight(int cls) {
    return kinetics.depositWeight(cls);
  }

  /** Relative dissolution weight of a site with n solid neighbours. */
  double dissolveWeight(int n) {
    return kinetics.dissolveWeight(n);
  }

  /** SEI formation rate (1/s) for a layer run of length l, 0..{@link #seiMaxRun()}. */
  double seiRate(int l) {
    return layers.seiRate(l);
  }

  /** Longest SEI layer run that still grows. */
  int seiMaxRun() {
    return layers.seiMaxRun();
  }

  /** True when SEI forms. */
  boolean seiOn() {
    return layers.seiOn();
  }

  /** True when surface hops are on. */
  boolean hopOn() {
    return surface.hopOn();
  }

  /** True when hops that step down an edge carry an Ehrlich-Schwoebel barrier. */
  public boolean stepEdgeBarrier() {
    return surface.stepEdgeBarrier();
  }

  /** exp(-E_ES / kT): a step-down hop's rate over a plain hop's (1 without the barrier). */
  double stepDownFactor() {
    return surface.stepDownFactor();
  }

  /** The parallel solver's hop row of an atom above material m (see SurfaceDiffusion). */
  int hopRow(int m) {
    return surface.hopRow(m);
  }

  /** True when some substrate has a terrace barrier of its own ({@code surface.terraceBarrierOn*}). */
  public boolean barriersBySubstrate() {
    return surface.barriersBySubstrate();
  }

  /**
   * Hop rate (1/s) per target of an atom with n solid neighbours above a site of material m:
   * nu exp(-(E_d(m) + n E_b)/kT).
   */
  public double hopRateOn(int m, int n) {
    return surface.hopRateOn(m, n);
  }

  /** Inorganic share of SEI products, out of 2^24. */
  int seiInorganicShare() {
    return layers.seiInorganicShare();
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
    return layers.healRate(m);
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
    return kinetics.betaF();
  }

  /** Walker hop rate per direction, 1/s. */
  public double walkerHopRate() {
    return walkerParams.hopRate();
  }

  /** Reaction probability per contact of walkers. */
  public double reactionProbability() {
    return walkerParams.reactionP();
  }

  /** Imposed current over e, 1/s. */
  public double currentPerE() {
    return currentPerE;
  }

  /** Walkers mode: true when walkers fall to first contact in one event (ballistic). */
  public boolean ballistic() {
    return walkerParams.ballistic();
  }

  /** Ballistic walkers stick only on top of their own column (random deposition). */
  boolean stickTopOnly() {
    return walkerParams.stickTop();
  }

  /** Ballistic walkers: beam radius in sites (0: one column). */
  double beamRadius() {
    return walkerParams.beamRadius();
  }

  /** Walker hop bias towards the collector, (G+ - G-)/(G+ + G-). */
  double drift() {
    return walkerParams.drift();
  }

  /** Fixed walker count (0: walkers are injected at I/e). */
  int population() {
    return walkerParams.population();
  }

  /** Walkers enter this many sites above the highest deposit. */
  int launchGap() {
    return walkerParams.launchGap();
  }

  /** Walkers this far above the highest deposit are relaunched. */
  int relaunchGap() {
    return walkerParams.relaunchGap();
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

  /**
   * Writes the model's state for a checkpoint: every cell (all bits), the temperature, the mode
   * and its current, the Li ledger and event counters, then the transport's own state
   * (walkers, the electrolyte field). Rate tables, bond counts and the overpotential are
   * functions of these: the solver's restore rebuilds them.
   */
  void save(StateOut out) {
    out.section("li-model").bytes(cells).d(temperatureK).i(mode.ordinal()).d(currentPerE)
        .l(sweptIons).l(initial).l(injected).l(extracted).l(reducedInStep).l(extractedInStep)
        .l(seiFromCurrentInStep).l(platedClosed).l(strippedClosed).l(restClosed).l(revived)
        .l(stripEventsSinceFill).b(shorted).l(cracksOpened).l(healEvents);
    if (film != null) {
      out.l(filmKept).l(filmKeptInStep).l(filmPlateClosed).l(filmStripClosed).l(filmRestClosed);
      film.save(out);
    }
    transport.save(out);
  }

  /**
   * Puts back what {@link #save} wrote into a model built from the same scenario; the solver
   * is restored afterwards (it rebuilds its trees from this state).
   */
  void restore(StateIn in) {
    in.section("li-model");
    byte[] saved = in.bytes();
    if (saved.length != cells.length) {
      throw new InputException("checkpoint: the lattice has " + saved.length + " sites, this"
          + " scenario " + cells.length + "; it does not fit and is not resumed");
    }
    System.arraycopy(saved, 0, cells, 0, cells.length);
    setTemperature(in.d());
    int m = in.i();
    if (m < 0 || m >= Mode.values().length) {
      throw new InputException("checkpoint: unknown mode " + m + "; it is not resumed");
    }
    mode = Mode.values()[m];
    currentPerE = in.d();
    sweptIons = in.l();
    initial = in.l();
    injected = in.l();
    extracted = in.l();
    reducedInStep = in.l();
    extractedInStep = in.l();
    seiFromCurrentInStep = in.l();
    platedClosed = in.l();
    strippedClosed = in.l();
    restClosed = in.l();
    revived = in.l();
    stripEventsSinceFill = in.l();
    shorted = in.b();
    cracksOpened = in.l();
    healEvents = in.l();
    if (film != null) {
      filmKept = in.l();
      filmKeptInStep = in.l();
      filmPlateClosed = in.l();
      filmStripClosed = in.l();
      filmRestClosed = in.l();
      film.restore(in);
    }
    transport.restore(in);
  }
}
