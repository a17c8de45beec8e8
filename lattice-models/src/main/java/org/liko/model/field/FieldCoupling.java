package org.liko.model.field;

import org.liko.model.Physics;

/**
 * What a lattice model needs from the electrolyte field between its events (the host side of
 * a {@code field} transport mode): local Butler-Volmer weights of reduction candidates and of
 * oxidisable metal sites, the field updates at a model-time interval, and the Li+ book.
 *
 * <p>Rates. With i0 the exchange current density per real area at c0, a the site edge and n the
 * atoms per site, a candidate (fluid) site s with w_s electrode faces reduces at
 * (i0 a^2 / (n e)) w_s (c_s/c0)^(1 - alpha) exp(-alpha f (V + dV - Phi_s)), and a metal site j
 * oxidises at (i0 a^2 / (n e)) times the sum over its faces to fluid cells k of
 * (c_k/c0)^(1 - alpha) exp((1 - alpha) f (V + dV - Phi_k)): the local Butler-Volmer current
 * per real area on the wetted faces, times their area, over n e ({@link #rateScale},
 * {@link #reductionWeight}, {@link #oxidationFaceWeight}). V comes from the field's galvanostatic
 * solve at each update; between updates the lattice moves on, and the scalar dV ({@link #shift},
 * 0 right after an update) keeps the expected net rate at the applied current over n e, as the
 * reaction mode's overpotential does.
 *
 * <p>Updates. {@link #update} advances c over the interval with the charge the galvanostat
 * passed, I dt / (n e) sites' worth of Li+, as the salt sink ((1 - t+) n per site; the rest of
 * the Li+ arrives by migration through the top), spread over the electrode's interface cells
 * by their net Butler-Volmer shares ({@code spreadSinks}), moves the domain to the lattice and
 * solves the potential again. The lattice's site events ({@link #reduced}, {@link #oxidised})
 * are counted, not booked as sinks: each is a sink of n ions, about 77 cells' worth of salt at
 * any site size, and booking them made the interface concentration a noisy signal whose first
 * passage through 0 came earlier the shorter the interval (-2.3 % per halving). The Li booked
 * less the Li placed is the pending Li ({@link #pendingSites}), which the lattice's driven rate
 * catches up ({@link #catchUpRate}); at rest (I = 0) the sites placed are the sink and the
 * pending Li waits. The Li+ book: Li+ in the electrolyte (the salt, electroneutral binary) plus
 * the Li placed plus the pending Li equals the start plus what entered through the top
 * (diffusive salt flux plus t+ of the charge passed). It holds to the solvers' tolerance since
 * c is real-valued ({@link #inventoryError}).
 */
public final class FieldCoupling {
  /**
   * The potential solve's tolerance in the coupled model, in RT/F: V and Phi to 1e-4 RT/F
   * (2.6 uV) move a site's Butler-Volmer factor by at most 1e-4 relative, far below the
   * Poisson noise of the events between two updates (about 200 in {@code bench/field-2d.yaml},
   * 7 %); the field's own default (1e-6) is for the continuum tests.
   */
  public static final double POTENTIAL_TOL = 1e-4;

  /** Relative tolerance of the potential's linear solves in the coupled model (see above). */
  public static final double POTENTIAL_LINEAR_TOL = 1e-6;

  private final ElectrolyteField field;
  private final LatticeFieldMap map;
  private final int nx;
  private final int ny;
  private final int nz;
  private final double atomsPerSite; // n
  private final double interval; // model time between field updates, s
  private final double rateScale; // i0 a^2 / (n e), 1/s
  private boolean net; // net exchange (see setNetExchange)
  private double netRef; // f (E_ref - V): the faces are netted at E_ref (see setNetReference)
  private double netRefExp = 1.0; // exp(netRef)
  private final double[] red; // sink current per cell over the interval, A (scratch)
  private final double[] topA; // top-face currents (counter electrode), A
  private long reducedIn; // reductions (and SEI sites from the current) in the present interval
  private long oxidisedIn; // oxidations in the present interval
  private boolean carrying; // the last update or setCurrent solved a potential for the current
  private double pendingSites; // Li booked out of the salt - Li placed on the lattice, sites
  private double catchUpTime; // model time of the last site event or update (see catchUpRate)
  // per-cell Butler-Volmer factors of the field's present state (NaN: not computed since the
  // field last changed); the field is fixed between updates while the lattice asks for them
  // after every event
  private final double[] redFactor;
  private final double[] oxFactor;
  private double lastUpdate; // s
  private double prevInterface; // interface concentration at the last update, mol/m^3
  private double prevMin; // least c of a fluid cell at the last update, mol/m^3
  private double crossing = Double.NaN; // s, see depletionTime
  private double applied; // A
  private double startMoles; // Li+ in the electrolyte at the start, mol
  private double liMoles; // Li reduced - oxidised since the start, mol
  private double topInMoles; // Li+ in through the top since the start, mol

  /**
   * @param field the field on the lattice's grid (kinetics set)
   * @param map the lattice-to-field map
   * @param atomsPerSite n, atoms of Li per lattice site
   * @param exchangeCurrentDensity i0 at c0, A/m^2 per real area
   * @param interval model time between field updates, s
   */
  public FieldCoupling(ElectrolyteField field, LatticeFieldMap map, int nx, int ny, int nz,
      double atomsPerSite, double exchangeCurrentDensity, double interval) {
    this.field = field;
    this.map = map;
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.atomsPerSite = atomsPerSite;
    this.interval = interval;
    double a = field.cellEdge();
    this.rateScale = exchangeCurrentDensity * a * a / (atomsPerSite * Physics.E_CHARGE);
    int n = field.cells();
    red = new double[n];
    topA = new double[n];
    redFactor = new double[n];
    oxFactor = new double[n];
    fieldChanged();
    field.setTolerance(POTENTIAL_LINEAR_TOL, POTENTIAL_TOL);
  }

  /**
   * The update interval chosen for accuracy: the smaller of (a) the time the applied current
   * density J takes to plate half a layer of sites, so that the domain and the electrode areas
   * never lag the lattice by more than half a layer, and (b) a 200th of Sand's time at J,
   * t_s = pi D (c0 F)^2 / (4 (J (1 - t+))^2), at which {@code SandTimeTest} finds the Sand time
   * within 0.06 % of its converged value (halving it changes it by 0.06 %), and on the coupled
   * lattice {@code CoupledSandTimeTest} finds halving it moves the mean depletion time by 0.25 %.
   *
   * @param j applied current density, A/m^2 (magnitude; 0 gives (b) alone at 1 mA/cm^2)
   * @param siteEdge a, m
   * @param atomsPerSite n
   * @param e the electrolyte
   * @param c0 bulk concentration, mol/m^3
   * @return seconds
   */
  public static double suggestedInterval(double j, double siteEdge, double atomsPerSite,
      Electrolyte e, double c0) {
    double jj = j > 0 ? j : 10.0;
    double layer = 0.5 * atomsPerSite * Physics.E_CHARGE / (jj * siteEdge * siteEdge);
    double a = jj * (1 - e.tPlus());
    double sand = Math.PI * e.diffusivity(c0) * Math.pow(c0 * Physics.FARADAY, 2) / (4 * a * a);
    return Math.min(layer, sand / 200);
  }

  /**
   * Sets the domain from the lattice at c0 and solves the potential for the applied current.
   *
   * @return false if no potential passes it ({@link #setCurrent})
   */
  public boolean start(byte[] cells, double time, double appliedA) {
    fieldChanged();
    map.sync(cells, field);
    field.resetToBulk();
    prevInterface = field.bulkConcentration();
    prevMin = field.bulkConcentration();
    startMoles = field.saltMoles();
    lastUpdate = time;
    catchUpTime = time;
    carrying = false;
    return setCurrent(appliedA);
  }

  /**
   * A new applied current (A, reduction positive): the potential is solved again now.
   *
   * @return false if the Newton iteration found no root ({@link #solvePotential})
   */
  public boolean setCurrent(double appliedA) {
    this.applied = appliedA;
    fieldChanged();
    carrying = solvePotential();
    return carrying;
  }

  /**
   * Solves the potential at the applied current when some electrode face can carry it: a
   * reduction face (wet area) for a reduction current, a face of Li that can oxidise for an
   * oxidation current, both at open circuit. Otherwise (bare collector at rest or while
   * stripping, e.g. anode-free before plating or after the last Li is stripped; a deposit that
   * has closed a porous separator's lower face while plating) no potential exists; V keeps its
   * last value and the lattice's shift finds no root (nothing reacts).
   *
   * @return false if the galvanostatic Newton iteration found no root (Phi and V are then put
   *     back to 0 for the next solve; the caller stalls the step)
   */
  private boolean solvePotential() {
    double red = 0;
    double ox = 0;
    for (int i = 0; i < field.cells(); i++) {
      red += field.wetArea(i);
      ox += field.oxidationWetArea(i);
    }
    boolean carries = applied > 0 ? red > 0 : applied < 0 ? ox > 0 : red > 0 && ox > 0;
    if (carries) {
      try {
        field.solvePotential(applied);
      } catch (FieldSolveException e) {
        if (!e.noRoot()) {
          throw e; // a numerical failure: the field mode reports it as bad input (exit 2)
        }
        field.resetPotential();
        return false;
      }
    }
    return true;
  }

  /**
   * True when the last update found the electrolyte depleted: the mean interface
   * concentration or a fluid cell's concentration at or below 0 (Sand's time).
   */
  public boolean concentrationDepleted() {
    return !(prevInterface > 0 && prevMin > 0);
  }

  /**
   * A new applied current (A, reduction positive) while the electrolyte is depleted: the
   * potential is solved at the first update that finds it replenished.
   */
  public void setCurrentLater(double appliedA) {
    this.applied = appliedA;
    carrying = false;
  }

  /**
   * Net exchange ({@code transport.field.exchange: net}): each face between a Li site and a
   * fluid cell carries only its local net Butler-Volmer current, to the fluid site's reduction
   * where it is cathodic and to the Li site's oxidation where it is anodic
   * ({@link #reductionWeight(int, int, int)}, {@link #oxidationFaceWeight}); a face of an
   * electrode that cannot dissolve (the collector) has no anodic term and keeps its reduction.
   * A coarse site of n atoms fills or empties at the local net rate: the gross exchange of the
   * n atoms averages out as 1/sqrt(n) (law of large numbers; the large-n limit of the chemical
   * master equation, Gillespie, J. Chem. Phys. 113, 297 (2000)), while drawing each of the two
   * directions as whole-site events gives the deposit n times the atomistic variance.
   * The interval's sinks are spread by the same net shares ({@code spreadSinks}).
   */
  public void setNetExchange(boolean on) {
    this.net = on;
    fieldChanged();
  }

  /**
   * The potential at which net exchange nets each face, as x_ref = f (E_ref - V) against the
   * field's V (0, the default: at V). A face's net cathodic weight is then
   * max(0, r - o exp(x_ref)) and its net anodic weight max(0, o - r exp(-x_ref)), r and o its
   * reduction and oxidation factors at V: the face's net Butler-Volmer rate at E_ref, in the
   * units the lattice's channels scale by exp(-alpha x) and exp((1 - alpha) x). At x = x_ref
   * the channels carry exactly the faces' net rates. Needed where the field's V is not the
   * electrode's potential: its solve treats a foreign substrate as barrier-free, so while
   * nuclei form the lattice's potential lies far more cathodic than V, and faces netted at V
   * would be netted near equilibrium (FieldTransport sets E_ref to the lattice's own
   * galvanostatic potential at each update). The interval's sinks are spread by the same shares.
   */
  public void setNetReference(double x) {
    netRef = x;
    netRefExp = StrictMath.exp(x);
  }

  /** x_ref of {@link #setNetReference}. */
  public double netReference() {
    return netRef;
  }

  /** True with net exchange ({@link #setNetExchange}). */
  public boolean netExchange() {
    return net;
  }

  /** i0 a^2 / (n e): rate (1/s) per unit weight. */
  public double rateScale() {
    return rateScale;
  }

  /** Model time between field updates, s. */
  public double interval() {
    return interval;
  }

  /** True when the next field update is due at model time t. */
  public boolean due(double t) {
    return t - lastUpdate >= interval;
  }

  /** Model time of the last field update, s. */
  public double lastUpdate() {
    return lastUpdate;
  }

  /** Time of the next update, s. */
  public double nextUpdate() {
    return lastUpdate + interval;
  }

  /** Forgets the cached Butler-Volmer factors (after anything that changes c, Phi or V). */
  private void fieldChanged() {
    java.util.Arrays.fill(redFactor, Double.NaN);
    java.util.Arrays.fill(oxFactor, Double.NaN);
  }

  /** {@link #bv} of reduction at cell k, cached until the field changes (the same bits). */
  private double redBv(int k) {
    double v = redFactor[k];
    if (Double.isNaN(v)) {
      v = bv(k, -field.alpha());
      redFactor[k] = v;
    }
    return v;
  }

  /** {@link #bv} of oxidation at cell k, cached until the field changes (the same bits). */
  private double oxBv(int k) {
    double v = oxFactor[k];
    if (Double.isNaN(v)) {
      v = bv(k, 1 - field.alpha());
      oxFactor[k] = v;
    }
    return v;
  }

  private double bv(int k, double exponent) {
    double x = field.concentration(k) / field.bulkConcentration();
    double eta = field.electrodePotential() - field.potential(k);
    return StrictMath.pow(Math.max(x, 0.0), 1 - field.alpha())
        * StrictMath.exp(exponent * field.fOverRt() * eta);
  }

  /**
   * The cell whose field values stand for site k: k itself when it is in the field's domain,
   * else its first face neighbour in the domain (+z first: a site opens towards the bulk), else
   * -1 (a pocket with no path to the electrolyte). Between updates the lattice moves ahead of
   * the field; the geometry is read from the lattice, the values from the field.
   */
  private int valueCell(int k) {
    if (field.porosity(k) > 0) {
      return k;
    }
    int x = k % nx;
    int y = (k / nx) % ny;
    int z = k / (nx * ny);
    if (z + 1 < nz && field.porosity(k + nx * ny) > 0) {
      return k + nx * ny;
    }
    if (nx > 1) {
      int j = field.index((x + 1) % nx, y, z);
      if (field.porosity(j) > 0) {
        return j;
      }
      j = field.index((x + nx - 1) % nx, y, z);
      if (field.porosity(j) > 0) {
        return j;
      }
    }
    if (ny > 1) {
      int j = field.index(x, (y + 1) % ny, z);
      if (field.porosity(j) > 0) {
        return j;
      }
      j = field.index(x, (y + ny - 1) % ny, z);
      if (field.porosity(j) > 0) {
        return j;
      }
    }
    if (z > 0 && field.porosity(k - nx * ny) > 0) {
      return k - nx * ny;
    }
    return -1;
  }

  /**
   * Reduction weight of candidate site s (a fluid site of the lattice now): its faces to metal
   * that takes deposits (counted on the lattice) times the local Butler-Volmer factor
   * (c/c0)^(1 - alpha) exp(-alpha f (V - Phi)) of its field cell; 0 for a pocket with no path
   * to the electrolyte (at 50 nm a pocket holds about 1 % of the Li+ that fills it).
   *
   * @param electrodeFaces faces of s shared with metal that takes deposits
   */
  public double reductionWeight(int s, int electrodeFaces) {
    if (electrodeFaces == 0) {
      return 0.0;
    }
    int k = valueCell(s);
    return k < 0 ? 0.0 : electrodeFaces * redBv(k);
  }

  /**
   * {@link #reductionWeight(int, int)} that knows which faces can dissolve: with gross exchange
   * the same; with net exchange ({@link #setNetExchange}) the faces to metal that cannot
   * dissolve keep the reduction factor r and each of the dissolvableFaces (faces to Li) carries
   * max(0, r - o), o the oxidation factor of the same cell: the face's net cathodic part
   * (max(0, r - o exp(x_ref)) netted at another potential, {@link #setNetReference}).
   *
   * @param dissolvableFaces the part of electrodeFaces shared with metal that can dissolve
   */
  public double reductionWeight(int s, int electrodeFaces, int dissolvableFaces) {
    if (!net || dissolvableFaces == 0) {
      return reductionWeight(s, electrodeFaces);
    }
    int k = valueCell(s);
    if (k < 0) {
      return 0.0;
    }
    double r = redBv(k);
    return (electrodeFaces - dissolvableFaces) * r
        + dissolvableFaces * Math.max(r - oxBv(k) * netRefExp, 0.0);
  }

  /**
   * Net-exchange reduction weight of candidate site s with a sub-grid film on its Li faces
   * (sei.film): the collectorFaces (metal that cannot dissolve) keep the reduction factor r,
   * and the Li faces carry filmFaces x max(0, r - o) (netted at the reference potential, as
   * {@link #reductionWeight(int, int, int)}), filmFaces the sum of their films' exchange-current
   * factors (1 each without a film).
   */
  public double reductionWeight(int s, int collectorFaces, double filmFaces) {
    int k = valueCell(s);
    if (k < 0) {
      return 0.0;
    }
    double r = redBv(k);
    return collectorFaces * r + filmFaces * Math.max(r - oxBv(k) * netRefExp, 0.0);
  }

  /**
   * Oxidation weight of one face of a metal site to fluid site k of the lattice: the local
   * (c/c0)^(1 - alpha) exp((1 - alpha) f (V - Phi)) of k's field cell (0 for a pocket); with
   * net exchange its anodic net part, max(0, o - r) (max(0, o - r exp(-x_ref)),
   * {@link #setNetReference}). A site's weight is the sum over its faces
   * to fluid sites.
   */
  public double oxidationFaceWeight(int k) {
    return oxidationFaceWeight(k, net);
  }

  /**
   * {@link #oxidationFaceWeight(int)} netted ({@code netted}, at the reference of
   * {@link #setNetReference}) or gross whatever the exchange is.
   */
  public double oxidationFaceWeight(int k, boolean netted) {
    int v = valueCell(k);
    if (v < 0) {
      return 0.0;
    }
    return netted ? Math.max(oxBv(v) - redBv(v) / netRefExp, 0.0) : oxBv(v);
  }

  /**
   * The galvanostatic shift between field updates: x = f dV such that
   * rateScale (R exp(-alpha x) - O exp((1 - alpha) x)) = I / (n e), with R and O the present
   * totals of the reduction and oxidation weights (the lattice changes between updates; the
   * field's V is exact only at them). 0 right after an update. NaN if no site can carry it.
   */
  public double shift(double reductionTotal, double oxidationTotal) {
    return shift(reductionTotal, oxidationTotal, 0.0);
  }

  /**
   * {@link #shift(double, double)} with a parasitic rate (site events per second, e.g. SEI
   * formed from the current) that carries part of I / (n e): the reductions make the rest.
   */
  public double shift(double reductionTotal, double oxidationTotal, double parasiticRate) {
    return shift(reductionTotal, oxidationTotal, parasiticRate, null, null, null, 0, 1);
  }

  /**
   * {@link #shift(double, double, double)} with nucleation classes: class q adds
   * nucleation[q] w_q(x + offset[q]) to the reduction total, w_q(y) = exp(-coef[q] / |y|^p)
   * ({@link org.liko.model.ButlerVolmer#nucleationWeight}), offset[q] the class's f (V - Phi)
   * at the last update.
   */
  public double shift(double reductionTotal, double oxidationTotal, double parasiticRate,
      double[] nucleation, double[] coef, double[] offset, int classes, int p) {
    double target = (applied / (atomsPerSite * Physics.E_CHARGE) + catchUpRate()
        - parasiticRate) / rateScale;
    return org.liko.model.ButlerVolmer.solve(field.alpha(), reductionTotal, nucleation, coef,
        offset, classes, p, oxidationTotal, target);
  }

  /**
   * Li booked out of the salt less Li placed on the lattice at model time t, in sites (the
   * pending Li of {@link #update}): the book at the last update, plus the applied current's
   * I (t - last update) / (n e) while a potential carries it, less the net site events since.
   */
  public double pendingSites(double t) {
    double booked = carrying ? applied * (t - lastUpdate) / (atomsPerSite * Physics.E_CHARGE)
        : 0.0;
    return pendingSites + booked - (reducedIn - oxidisedIn);
  }

  /** Pending Li (see {@link #pendingSites}) at the last update, mol. */
  public double pendingMoles() {
    return pendingSites * atomsPerSite * Physics.E_CHARGE / Physics.FARADAY;
  }

  /**
   * The rate (site events per second) added to I / (n e) in every shift solve so that the
   * pending Li P decays: P / interval, P taken at the last site event or update ({@link
   * #siteEventAt}; piecewise constant, so that a run resumed from a checkpoint solves the same
   * shift as the uninterrupted one), capped at half the applied rate |I| / (2 n e) (0 at rest,
   * where the pending Li waits for the next step). With the cap never reached P is an
   * Ornstein-Uhlenbeck process: mean 0, standard deviation sqrt(|I| interval / (2 n e)) sites, i.e. the square
   * root of half the sites plated in one interval.
   */
  private double catchUpRate() {
    double cap = 0.5 * Math.abs(applied) / (atomsPerSite * Physics.E_CHARGE);
    double r = pendingSites(catchUpTime) / interval;
    return Math.max(-cap, Math.min(cap, r));
  }

  /**
   * f (V - Phi) at the field cell that stands for site s (the local overpotential at the last
   * update without the shift, over RT/F); NaN for a pocket with no path to the electrolyte.
   */
  public double localX(int s) {
    int k = valueCell(s);
    return k < 0 ? Double.NaN
        : field.fOverRt() * (field.electrodePotential() - field.potential(k));
  }

  /**
   * A site event (reduction, oxidation or SEI from the current) happened at model time t: the
   * pending Li's catch-up ({@link #catchUpRate}) is taken at t from now on.
   */
  public void siteEventAt(double t) {
    catchUpTime = t;
  }

  /** A reduction filled fluid site s (n atoms from the electrolyte of that cell). */
  public void reduced(int s) {
    reducedIn++;
  }

  /**
   * An oxidation emptied metal site j: n Li+ enter the electrolyte at j (the cell becomes fluid
   * at the next update, or the salt goes to its fluid neighbours if it stays solid).
   */
  public void oxidised(int j) {
    oxidisedIn++;
  }

  /**
   * The field update at model time t: c advanced over t - (last update) with the booked events
   * as sink, the domain moved to the lattice, the potential solved again. With net exchange the
   * domain moves first, so that the salt a filled cell pushes into its neighbours diffuses over
   * the interval (after the step it stood as a single-cell bump of up to 2.8 c0 whose diffusion
   * potential made concentration cells of both signs at fast exchange; docs/model.md); gross
   * keeps the order of before (results unchanged).
   *
   * @return false if the electrolyte is depleted at the electrode ({@code
   *     #interfaceConcentration} &lt;= 0 after the domain moved; {@link #concentrationDepleted}),
   *     the potential is then not solved (the caller stops: Sand's time, {@link
   *     #depletionTime}), or if the potential solve found no root ({@link #setCurrent})
   */
  public boolean update(double t, byte[] cells) {
    double dt = t - lastUpdate;
    try {
      return advance(t, dt, cells);
    } finally {
      fieldChanged();
    }
  }

  private boolean advance(double t, double dt, byte[] cells) {
    boolean ok = true;
    if (dt > 0) {
      double perEvent = atomsPerSite * Physics.E_CHARGE / dt; // A per site over the interval
      // the salt's sink is the charge the galvanostat passed (the expected net rate of the
      // site events), spread over the interface cells by their net Butler-Volmer shares; the
      // sites the lattice placed differ from it by the pending Li. At rest (or with no
      // potential) there is no charge to book: the sites placed are the sink, as before.
      long placed = reducedIn - oxidisedIn;
      double net = carrying && applied != 0.0
          ? applied * dt / (atomsPerSite * Physics.E_CHARGE) : placed;
      if (!spreadSinks(net, perEvent)) {
        net = 0.0; // no interface cell to take it: the lattice's events stay pending
      }
      pendingSites += net - placed;
      reducedIn = 0;
      oxidisedIn = 0;
      if (this.net) {
        // net exchange: the domain follows the lattice before the step, so the salt a filled
        // cell pushes into its neighbours (and the salt an opened cell takes) diffuses over the
        // interval in which the coarse site filled, instead of standing as a single-cell
        // concentration bump in front of the potential solve
        map.sync(cells, field);
      }
      // an event in a cell that is solid in the field (oxidation of a buried site) is a source
      // or sink of its fluid neighbours: the domain sync below spreads it; here it enters the
      // nearest fluid cell above in z, which is where the site opens
      for (int i = 0; i < red.length; i++) {
        if (red[i] != 0 && field.porosity(i) == 0) {
          int k = i;
          while (k < red.length && field.porosity(k) == 0) {
            k += nx * ny;
          }
          if (k >= red.length && this.net) {
            // net exchange syncs first: a cell that just closed may have no fluid above it
            // (a tip under the top); its sink goes to a fluid face neighbour
            k = valueCell(i);
            k = k < 0 ? red.length : k;
          }
          if (k < red.length) {
            red[k] += red[i];
          } else {
            // the lattice closed the site off from the electrolyte between two updates (the
            // interval is too long for the current): a failed solve, reported with its fix
            throw new FieldSolveException("the salt sink booked at site " + i + " since the"
                + " last update has no electrolyte cell left to go to (the deposit closed the"
                + " site off)");
          }
          red[i] = 0;
        }
      }
      double tPlus = field.electrolyte().tPlus();
      double netMoles = net * atomsPerSite * Physics.E_CHARGE / Physics.FARADAY;
      double placedMoles = placed * atomsPerSite * Physics.E_CHARGE / Physics.FARADAY;
      java.util.Arrays.fill(topA, 0.0);
      if (field.top() == ElectrolyteField.Top.COUNTER_ELECTRODE) {
        // the counter electrode releases exactly the charge passed, uniformly over its face.
        // Spreading it as the ohmic top currents of the potential solve say (as before) is
        // unstable: those currents leave out the face's diffusion current, so a cell richer in
        // salt draws more current, which releases more salt there; in a 25 um separator under
        // 3 mA/cm^2 the lateral spread doubled every update until the top went below c = 0.
        // At the counter's distance L from a deposit of period W a lateral variation of its
        // current decays as exp(-2 pi L / W): uniform is the stable limit.
        int topRow = (nz - 1) * nx * ny;
        int open = 0;
        for (int i = topRow; i < topA.length; i++) {
          open += field.porosity(i) > 0 ? 1 : 0;
        }
        if (open == 0) {
          throw new IllegalStateException("no electrolyte on the counter electrode's face");
        }
        double want = netMoles * Physics.FARADAY / dt;
        for (int i = topRow; i < topA.length; i++) {
          topA[i] = field.porosity(i) > 0 ? want / open : 0.0;
        }
      }
      // a coarse site's reduction needs far more Li+ than its own cell holds, so the cell that
      // became metal may go below 0 here; its salt balance is pooled by the sync below
      field.advanceConcentration(dt, red, topA);
      liMoles += placedMoles;
      double topIn = field.lastTopSaltIn() + tPlus * netMoles;
      if (field.top() == ElectrolyteField.Top.COUNTER_ELECTRODE) {
        topIn = netMoles; // salt in (1 - t+) plus migration t+: all the Li+ of the charge passed
      }
      topInMoles += topIn;
    }
    if (!net || dt <= 0) {
      map.sync(cells, field);
    }
    double m = interfaceConcentration();
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < field.cells(); i++) {
      if (field.porosity(i) > 0) {
        min = Math.min(min, field.concentration(i));
      }
    }
    // the mean interface c is the criterion; a single cell at c <= 0 before it (a pocket or a
    // pit the spread sink still over-drains) also stops, since the potential solve is not
    // defined there; the crossing is interpolated on the quantity that reached 0
    ok = m > 0 && min > 0;
    if (ok || dt <= 0) {
      crossing = t;
    } else if (m <= 0) {
      crossing = prevInterface > 0 ? lastUpdate + dt * prevInterface / (prevInterface - m) : t;
    } else {
      crossing = prevMin > 0 ? lastUpdate + dt * prevMin / (prevMin - min) : t;
    }
    prevInterface = m;
    prevMin = min;
    lastUpdate = t;
    catchUpTime = t;
    if (ok) {
      ok = solvePotential();
    }
    return ok;
  }

  /**
   * Puts the interval's salt sink, sites sites' worth of Li+ (negative: a source), into red
   * (A), spread over the electrode's interface cells by each cell's net Butler-Volmer share at
   * the field's state of the interval's start: {@link #cathodicShare} - {@link #anodicShare},
   * i.e. wet area x (c/c0)^(1 - alpha) exp(-alpha f (V - Phi)) less dissolvable area x
   * (c/c0)^(1 - alpha) exp((1 - alpha) f (V - Phi)), the local net rate at the field's V (with
   * net exchange netted at the reference potential, the rates the lattice draws its events
   * from). Right after the potential solve these shares carry the applied current, so their
   * sum has its sign; if it has not (a reference potential far from V), the sink goes by the
   * cathodic shares while plating and the anodic ones while stripping.
   *
   * @return false if no cell can take it (no wet area at the last sync), red is then 0
   */
  private boolean spreadSinks(double sites, double perEvent) {
    int n = red.length;
    java.util.Arrays.fill(red, 0.0);
    if (sites == 0.0) {
      return true;
    }
    double sq = 0;
    double sr = 0;
    double so = 0;
    for (int i = 0; i < n; i++) {
      double w = field.wetArea(i);
      if (w > 0) {
        double r = cathodicShare(i, w);
        double o = field.oxidationWetArea(i);
        double x = o > 0 ? anodicShare(i, o) : 0.0;
        sq += r - x;
        sr += r;
        so += x;
      }
    }
    int mode = sq * sites > 0 ? 0 : sites > 0 && sr > 0 ? 1 : sites < 0 && so > 0 ? 2 : -1;
    if (mode < 0) {
      return false;
    }
    double scale = sites * perEvent / (mode == 0 ? sq : mode == 1 ? sr : so);
    for (int i = 0; i < n; i++) {
      double w = field.wetArea(i);
      if (w > 0) {
        double o = field.oxidationWetArea(i);
        double r = mode == 2 ? 0.0 : cathodicShare(i, w);
        double x = mode == 1 || o <= 0 ? 0.0 : anodicShare(i, o);
        red[i] = scale * (mode == 2 ? x : r - x);
      }
    }
    return true;
  }

  /**
   * Expected reduction share of cell i with wet area w: w x the reduction factor; with net
   * exchange the part (w - o) of faces that cannot dissolve keeps it and the dissolvable part o
   * takes max(0, r - o_bv) ({@link #reductionWeight(int, int, int)}).
   */
  private double cathodicShare(int i, double w) {
    double r = bv(i, -field.alpha());
    if (!net) {
      return w * r;
    }
    double o = field.oxidationWetArea(i);
    return (w - o) * r + o * Math.max(r - bv(i, 1 - field.alpha()) * netRefExp, 0.0);
  }

  /** Expected oxidation share of cell i with dissolvable area o (net: its anodic net part). */
  private double anodicShare(int i, double o) {
    double b = bv(i, 1 - field.alpha());
    return net ? o * Math.max(b - bv(i, -field.alpha()) / netRefExp, 0.0) : o * b;
  }

  /**
   * The electrolyte's concentration at the electrode, mol/m^3: the mean of c over the fluid cells
   * that touch the metal, weighted by their wet area (the discrete counterpart of the continuum
   * surface concentration of Sand's problem); c0 if no cell touches the metal.
   */
  public double interfaceConcentration() {
    double w = 0;
    double wc = 0;
    for (int i = 0; i < field.cells(); i++) {
      double a = field.wetArea(i);
      if (a > 0 && field.porosity(i) > 0) {
        w += a;
        wc += a * field.concentration(i);
      }
    }
    return w > 0 ? wc / w : field.bulkConcentration();
  }

  /**
   * After an {@link #update} that found the electrolyte depleted: the time its interface
   * concentration (or, if a single cell got there first, that cell's least c) crossed 0,
   * interpolated linearly between that update and the one before (the update's own time if it
   * was already depleted before), s.
   */
  public double depletionTime() {
    return crossing;
  }

  /** Li+ in the electrolyte now, mol. */
  public double ionMoles() {
    return field.saltMoles();
  }

  /**
   * Salt (mol) that left the field in pockets the deposit cut off, less salt created in cells
   * that opened with no fluid neighbour ({@link LatticeFieldMap#unbookedSalt}).
   */
  public double unbookedSalt() {
    return map.unbookedSalt();
  }

  /** Li+ that entered through the top since the start, mol. */
  public double topInMoles() {
    return topInMoles;
  }

  /**
   * (Li+ in the electrolyte + Li placed on the lattice + pending Li) - (start + Li+ in through
   * the top), mol, counting the events up to the last update, less salt the domain sync could
   * not place; 0 up to the solvers' tolerance.
   */
  public double inventoryError() {
    return field.saltMoles() + liMoles + pendingMoles() - startMoles - topInMoles
        + map.unbookedSalt();
  }

  /**
   * Writes the coupling's state for a checkpoint: the site events since the last update
   * (reductions, oxidations), the last update's time (the next is that plus the
   * interval), the applied current, the Li+ book and the interface concentration of the last
   * update with the depletion time it gave, the pending Li at the last update and whether a
   * potential carries the current, the time the catch-up is taken at (doubles as raw bits),
   * then the field's and
   * the map's state. red and topA are scratch of {@link #update}.
   */
  public void save(org.liko.engine.checkpoint.StateOut out) {
    out.section("field-coupling").l(reducedIn).l(oxidisedIn).d(lastUpdate).d(applied)
        .d(startMoles).d(liMoles).d(topInMoles).d(prevInterface).d(prevMin)
        .d(crossing).d(pendingSites).b(carrying).d(catchUpTime);
    field.save(out);
    map.save(out);
  }

  /** Puts back what {@link #save} wrote into a coupling built from the same scenario. */
  public void restore(org.liko.engine.checkpoint.StateIn in) {
    in.section("field-coupling");
    reducedIn = in.l();
    oxidisedIn = in.l();
    lastUpdate = in.d();
    applied = in.d();
    startMoles = in.d();
    liMoles = in.d();
    topInMoles = in.d();
    prevInterface = in.d();
    prevMin = in.d();
    crossing = in.d();
    pendingSites = in.d();
    carrying = in.b();
    catchUpTime = in.d();
    field.restore(in);
    map.restore(in);
    fieldChanged();
  }
}
