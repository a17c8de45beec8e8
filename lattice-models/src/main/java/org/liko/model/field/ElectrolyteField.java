package org.liko.model.field;

import org.liko.engine.relax.Multigrid;
import org.liko.engine.relax.RedBlackRelaxation;
import org.liko.model.Physics;

/**
 * Salt concentration c and electrolyte potential Phi of a concentrated binary electrolyte on the
 * fluid cells of a lattice-shaped grid (Newman and Thomas-Alyea, Electrochemical Systems, 3rd ed.,
 * ch. 12), with Butler-Volmer kinetics at the electrode faces and a galvanostatic constraint.
 *
 * <p>Equations (SI; Phi measured with a Li reference electrode):
 * <pre>
 *   eps dc/dt = div(D_eff grad c) - i . grad(t+) / F           (t+ constant: last term 0)
 *   i = -kappa_eff grad Phi + (2 kappa_eff R T / F)(1 - t+)(1 + dln f/dln c) grad ln c
 *   div i = 0
 *   D_eff = (eps / tau) D(c),  kappa_eff = (eps / tau) kappa(c)
 * </pre>
 * At an electrode face of area A next to fluid cell k the reduction current is
 * I_k = A i0 (c_k / c0)^(1 - alpha) [exp(-alpha f eta_k) - exp((1 - alpha) f eta_k)],
 * eta_k = V - Phi_k, f = F / RT: the concentration enters through i0 only (with a Li reference
 * there is no separate Nernst term and no extra c/c0 factor); c_k and Phi_k are the values of the
 * fluid cell next to the face. The electrode potential V is set each update so that sum_k I_k
 * equals the applied current. A reduction current I_k removes (1 - t+) I_k / F of salt from cell k.
 *
 * <p>Boundaries: x and y periodic; z = 0 (the collector plane) and solid cells carry no flux
 * except through the electrode faces; the top face of the top row is either a reservoir
 * (c = c0, Phi = 0 at the face) or a salt-conserving counter electrode (Phi = 0 at the face,
 * Li+ released there at the local current, so the salt source is (1 - t+) I_top / F and no salt is
 * exchanged with the outside).
 * With a far field ({@link #setFarField}) a 1D region of free electrolyte ({@link FarField})
 * lies between the top face and that boundary: the top face then holds the region's interface
 * values c_s and Phi_s (laterally uniform).
 *
 * <p>Numerics: cell-centred finite volumes on cubes of edge h (a 2D grid is one cell deep), face
 * properties as harmonic means of the two cells' effective values, Dirichlet top faces at h/2.
 * Concentration: backward Euler with D evaluated at the start of the step (one linear solve per
 * step). Potential: an iteration on V and the Butler-Volmer faces linearised in Phi: each
 * iterate solves for Phi_A at the present V, then takes V as the root of the full galvanostatic
 * sum with Phi = Phi_A + (V - V_old) Phi_B, Phi_B the response of Phi to V (estimated cell by
 * cell, solved as a second linear problem only when an iterate fails to halve the change: a
 * Newton step); it stops when V and Phi move by less than 1e-6 RT/F ({@link #setTolerance}).
 * The iteration is an inexact Newton one ({@link #FORCING}): only the iterate that stops it
 * solves Phi_A to the full linear tolerance, and Phi_B is not solved again on that iterate.
 * Each linear solve is
 * conjugate gradients preconditioned by a multigrid V-cycle ({@link Multigrid}, smoothed by
 * {@link RedBlackRelaxation}), or red-black SOR where the grid does not halve; the class does
 * the same arithmetic in the same order on every run.
 */
public final class ElectrolyteField {
  /**
   * kappa is read at c no lower than this fraction of c0: a cell that a coarse site's reduction
   * drained to c &lt;= 0 before the interface as a whole is depleted keeps a small conductance
   * (kappa(0) = 0 would cut it out of the potential solve).
   */
  static final double KAPPA_FLOOR = 1e-3;

  /**
   * {@link #solvePotential} takes full Newton steps from the first iterate when a wet cell's
   * one-cell response of Phi to V exceeds this (its face conducts at least a tenth as well as
   * the electrolyte around it).
   */
  static final double STRONG_FACE = 0.1;

  /**
   * Forcing term of the inexact Newton iteration of {@link #solvePotential}: an iterate that does
   * not stop the iteration solves phiA to this fraction of its starting residual, and every
   * solve of the response phiB goes to it (Eisenstat and Walker, SIAM J. Sci. Comput. 17, 16
   * (1996): a constant forcing term keeps linear convergence at that rate). The final iterate is
   * solved to the full tolerance, so the answer keeps the tolerance of {@link #setTolerance}.
   */
  static final double FORCING = 1e-2;

  /** Relative tolerance of the concentration step's linear solve. */
  static final double CONCENTRATION_TOL = 1e-9;

  /**
   * The same with a far field ({@link #setFarField}): the top cells' salt then enters through
   * c_s, set each step, and a solve stopped just under 1e-9 left salt-book errors of up to
   * 2e-5 of a step's sink on a 4 x 10 grid (4e-7 of the salt after 200 steps); at 1e-12 the
   * same run closes to 4e-10 of the salt (FarFieldTest).
   */
  static final double FAR_CONCENTRATION_TOL = 1e-12;

  /** The top boundary. */
  public enum Top {
    /** Bulk electrolyte at the top face: c = c0, Phi = 0. */
    RESERVOIR,
    /** Li counter electrode at the top face: Phi = 0, salt conserved. */
    COUNTER_ELECTRODE
  }

  private static final double LN_FLOOR = 1e-9; // c / c0 below which ln c is clipped

  /** ln(c / c0) with c / c0 clipped below at 1e-9 (the diffusion potential's logarithm). */
  static double lnRatio(double ci, double c0) {
    return StrictMath.log(Math.max(ci / c0, LN_FLOOR));
  }

  private final int nx;
  private final int ny;
  private final int nz;
  private final int cells;
  private final double h; // cell edge, m
  private final double area; // face area, m^2
  private final double volume; // cell volume, m^3
  private final Electrolyte props;
  private final double temperature; // K
  private final double c0; // bulk salt concentration, mol/m^3
  private final Top top;
  private final double f; // F / RT, 1/V
  private final RedBlackRelaxation relax;
  private final Multigrid mg;
  private final double omega;

  private final double[] eps; // porosity of each cell (0: solid, no electrolyte)
  private final double[] perm; // eps / tau of each cell
  private final double[] wet; // electrode face area touching each fluid cell, m^2
  private final double[] oxWet; // the part of it that can dissolve (Li), m^2
  private final double[] c; // salt concentration, mol/m^3
  private final double[] phi; // electrolyte potential, V
  private final double[] current; // reduction current into the electrode at each cell, A

  // work arrays of the linear solves
  private final double[] gx;
  private final double[] gy;
  private final double[] gz;
  private final double[] diag;
  private final double[] rhs;
  private final double[] rhsB;
  private final double[] phiA;
  private final double[] phiB;
  private final double[] cond; // G_k of the linearised kinetics, A/V
  private final double[] kap; // effective conductivity of each cell, S/m
  private final double[] baseRhs; // diffusion-potential sources of the potential solve, A
  private final double[] topDiag; // conductance of each top face to Phi = 0, A/V
  private final double[] ck; // i0 (c/c0)^(1 - alpha) of each wet cell, A/m^2
  private final int[] wetCells; // indices of the wet cells of the present potential solve
  private final int[] neighbours = new int[6]; // scratch of spread()
  private FarField far; // 1D region between the top plane and the reservoir/counter, or null
  private double[] farW; // response of the lattice's c to a unit c_s at the top (far field)

  private double i0; // exchange current density at c0, A/m^2
  private double alpha = 0.5; // cathodic transfer coefficient
  private double potential; // V, electrode potential vs the Li reference at Phi = 0
  private int sweeps; // relaxation sweeps of the last update (diagnostics)
  private int newtonIterations; // of the last potential solve (diagnostics)
  private double lastTopSaltIn; // salt that entered through the top face in the last step, mol
  private double relTol = 1e-9;
  private double newtonTol = 1e-6; // Newton stops when V and Phi move less than this x RT/F
  private double dvRaw; // the linearised step of V of the last voltageStep, V (scratch)
  private boolean tightNext; // the next iterate solves phiA to the full tolerance (scratch)

  /**
   * A field on an nx x ny x nz grid of cubes of edge h, all fluid (eps = tau = 1) at c0.
   *
   * @param h cell edge, m
   * @param props electrolyte properties
   * @param temperature K
   * @param c0 bulk salt concentration, mol/m^3
   * @param top the top boundary
   */
  public ElectrolyteField(int nx, int ny, int nz, double h, Electrolyte props, double temperature,
      double c0, Top top) {
    if (!(h > 0) || !(temperature > 0) || !(c0 > 0)) {
      throw new IllegalArgumentException("field: need h > 0, T > 0, c0 > 0");
    }
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.relax = new RedBlackRelaxation(nx, ny, nz);
    this.mg = new Multigrid(nx, ny, nz);
    this.cells = relax.cells();
    this.h = h;
    this.area = h * h;
    this.volume = h * h * h;
    this.props = props;
    this.temperature = temperature;
    this.c0 = c0;
    this.top = top;
    this.f = Physics.FARADAY / (Physics.GAS_R * temperature);
    this.omega = RedBlackRelaxation.optimalOmega(2 * Math.max(nz, Math.max(nx, ny)));
    eps = new double[cells];
    perm = new double[cells];
    wet = new double[cells];
    oxWet = new double[cells];
    c = new double[cells];
    phi = new double[cells];
    current = new double[cells];
    gx = new double[cells];
    gy = new double[cells];
    gz = new double[cells];
    diag = new double[cells];
    rhs = new double[cells];
    rhsB = new double[cells];
    phiA = new double[cells];
    phiB = new double[cells];
    cond = new double[cells];
    kap = new double[cells];
    baseRhs = new double[cells];
    topDiag = new double[cells];
    ck = new double[cells];
    wetCells = new int[cells];
    java.util.Arrays.fill(eps, 1.0);
    java.util.Arrays.fill(perm, 1.0);
    java.util.Arrays.fill(c, c0);
  }

  /** Cell index of (x, y, z), as {@link org.liko.engine.Grid#index}. */
  public int index(int x, int y, int z) {
    return (z * ny + y) * nx + x;
  }

  /** Number of cells. */
  public int cells() {
    return cells;
  }

  /** Cell edge, m. */
  public double cellEdge() {
    return h;
  }

  /** Electrolyte properties. */
  public Electrolyte electrolyte() {
    return props;
  }

  /**
   * Sets a cell's porosity and tortuosity: D and kappa become (eps / tau) times their bulk values
   * and the cell holds eps of its volume as electrolyte. eps = 0 makes the cell solid.
   */
  public void setPorous(int i, double porosity, double tortuosity) {
    if (!(porosity >= 0 && porosity <= 1) || !(tortuosity >= 1)) {
      throw new IllegalArgumentException("cell " + i + ": need 0 <= eps <= 1 and tau >= 1 (got "
          + porosity + ", " + tortuosity + ")");
    }
    eps[i] = porosity;
    perm[i] = porosity / tortuosity;
    if (porosity == 0) {
      c[i] = 0;
      phi[i] = 0;
      wet[i] = 0;
    oxWet[i] = 0;
    } else if (c[i] == 0) {
      c[i] = c0;
    }
  }

  /**
   * The domain follows the lattice: cell i turns solid (Li deposited into it, a layer grown).
   * Its salt is pooled with that of its fluid face neighbours and spread over them at one
   * concentration, so the salt is conserved to rounding; with no fluid neighbour the salt is
   * returned and the caller must book it.
   *
   * @return salt (mol) that found no fluid neighbour (0 normally)
   */
  public double makeSolid(int i) {
    if (eps[i] == 0) {
      return 0.0;
    }
    double salt = eps[i] * c[i] * volume;
    eps[i] = 0;
    perm[i] = 0;
    c[i] = 0;
    phi[i] = 0;
    wet[i] = 0;
    oxWet[i] = 0;
    return spread(i, salt, 0.0) ? 0.0 : salt;
  }

  /**
   * Takes cell i out of the domain without moving its salt (electrolyte trapped in a pocket cut
   * off from the bulk): returns the salt it held, mol, for the caller to book.
   */
  public double dropCell(int i) {
    double salt = eps[i] * c[i] * volume;
    eps[i] = 0;
    perm[i] = 0;
    c[i] = 0;
    phi[i] = 0;
    wet[i] = 0;
    oxWet[i] = 0;
    return salt;
  }

  /**
   * The domain follows the lattice: cell i turns fluid (Li stripped from it) with the given
   * porosity and tortuosity. It is filled from its fluid face neighbours: their salt and the new
   * cell's volume are pooled at one concentration (conserved to rounding). With no fluid
   * neighbour the cell starts at c0 and the salt it was given is returned (negative) for the
   * caller to book.
   *
   * @return salt (mol) created from nothing (0 normally), as a negative number
   */
  public double makeFluid(int i, double porosity, double tortuosity) {
    if (eps[i] > 0) {
      return 0.0;
    }
    setPorous(i, porosity, tortuosity);
    c[i] = 0;
    if (!spread(i, 0.0, eps[i] * volume)) { // no fluid neighbour
      c[i] = c0;
      return -eps[i] * c0 * volume;
    }
    return 0.0;
  }

  /**
   * The domain follows the lattice: cell i, already in the domain, takes another porosity and
   * tortuosity (a layer lifted into a fluid cell, a fluid cell freed from a layer). Its salt is
   * pooled with that of its fluid face neighbours at one concentration over their fluid volumes
   * and the cell's new one, so the salt is conserved to rounding; with no fluid neighbour it
   * stays in the cell at eps_old c / eps_new.
   */
  public void changePorosity(int i, double porosity, double tortuosity) {
    if (!(porosity > 0) || eps[i] == 0) {
      throw new IllegalArgumentException("cell " + i + ": changePorosity keeps a cell in the"
          + " domain (eps " + eps[i] + " -> " + porosity + ")");
    }
    double salt = eps[i] * c[i] * volume;
    setPorous(i, porosity, tortuosity);
    c[i] = 0;
    if (!spread(i, salt, eps[i] * volume)) {
      c[i] = salt / (eps[i] * volume);
    }
  }

  /**
   * Pools {@code salt} (mol) and the salt of the fluid face neighbours of i (plus i itself when
   * {@code ownVolume} &gt; 0, its fluid volume in m^3) and sets them all to the pooled
   * concentration. Returns false (and changes nothing) when there is no fluid neighbour.
   */
  private boolean spread(int i, double salt, double ownVolume) {
    int x = i % nx;
    int y = (i / nx) % ny;
    int z = i / (nx * ny);
    int[] nb = neighbours;
    int k = 0;
    if (nx > 1) {
      nb[k++] = index((x + 1) % nx, y, z);
      nb[k++] = index((x + nx - 1) % nx, y, z);
    }
    if (ny > 1) {
      nb[k++] = index(x, (y + 1) % ny, z);
      nb[k++] = index(x, (y + ny - 1) % ny, z);
    }
    if (z + 1 < nz) {
      nb[k++] = i + nx * ny;
    }
    if (z > 0) {
      nb[k++] = i - nx * ny;
    }
    double total = salt;
    double vol = ownVolume;
    int fluid = 0;
    for (int q = 0; q < k; q++) {
      int j = nb[q];
      if (eps[j] > 0 && j != i) {
        total += eps[j] * c[j] * volume;
        vol += eps[j] * volume;
        fluid++;
      }
    }
    if (fluid == 0) {
      return false;
    }
    double conc = total / vol;
    for (int q = 0; q < k; q++) {
      int j = nb[q];
      if (eps[j] > 0 && j != i) {
        c[j] = conc;
      }
    }
    if (ownVolume > 0) {
      c[i] = conc;
    }
    return true;
  }

  /** Sets the electrode area (m^2) that fluid cell i touches: its faces shared with the metal. */
  public void setWetArea(int i, double a) {
    setWetArea(i, a, a);
  }

  /**
   * Sets the electrode areas (m^2) of fluid cell i: {@code reduction} on every electronic
   * surface that takes deposits (Li, the collector), {@code oxidation} on the part that can
   * dissolve (Li); the cathodic term of Butler-Volmer acts on the first, the anodic on the
   * second.
   */
  public void setWetArea(int i, double reduction, double oxidation) {
    if (!(reduction >= 0) || !(oxidation >= 0) || oxidation > reduction
        || reduction > 0 && eps[i] == 0) {
      throw new IllegalArgumentException("cell " + i + ": wet areas " + reduction + ", "
          + oxidation + " must be >= 0, oxidation <= reduction, and only on a fluid cell");
    }
    wet[i] = reduction;
    oxWet[i] = oxidation;
  }

  /** Sets the kinetics: exchange current density at c0 (A/m^2) and cathodic alpha in (0, 1). */
  public void setKinetics(double exchangeCurrentDensity, double transferCoefficient) {
    if (!(exchangeCurrentDensity > 0) || !(transferCoefficient > 0 && transferCoefficient < 1)) {
      throw new IllegalArgumentException("kinetics: need i0 > 0 and 0 < alpha < 1");
    }
    this.i0 = exchangeCurrentDensity;
    this.alpha = transferCoefficient;
  }

  /**
   * Tolerances of {@link #solvePotential}: of its linear solves, the largest residual relative
   * to the problem's scale (default 1e-9); of its iteration, the largest change of V and Phi in
   * units of RT/F (default 1e-6, i.e. 26 nV: a relative rate error below 1e-6). The
   * concentration step keeps {@link #CONCENTRATION_TOL}: its residual is what the salt book
   * closes to.
   */
  public void setTolerance(double linear, double newton) {
    this.relTol = linear;
    this.newtonTol = newton;
  }

  /**
   * Starts the field from a lattice state: every fluid cell at c0 and Phi = 0 (no salt is moved,
   * unlike {@link #makeSolid} and {@link #makeFluid}).
   */
  public void resetToBulk() {
    for (int i = 0; i < cells; i++) {
      c[i] = eps[i] > 0 ? c0 : 0.0;
      phi[i] = 0;
      phiA[i] = 0;
      phiB[i] = 0;
    }
    potential = 0;
    if (far != null) {
      far.reset();
    }
  }

  /**
   * Puts Phi, V and the starting points of the potential solves back to 0 (after a potential
   * solve that failed left them unusable), without touching c.
   */
  public void resetPotential() {
    java.util.Arrays.fill(phi, 0.0);
    java.util.Arrays.fill(phiA, 0.0);
    java.util.Arrays.fill(phiB, 0.0);
    potential = 0;
    if (far != null) {
      far.resetPotential();
    }
  }

  /** Porosity of cell i. */
  public double porosity(int i) {
    return eps[i];
  }

  /** Electrode area that cell i touches, m^2. */
  public double wetArea(int i) {
    return wet[i];
  }

  /** Electrode area of cell i that can dissolve (the anodic term's area), m^2. */
  public double oxidationWetArea(int i) {
    return oxWet[i];
  }

  /** Salt concentration of cell i, mol/m^3. */
  public double concentration(int i) {
    return c[i];
  }

  /** Sets the salt concentration of a fluid cell, mol/m^3. */
  public void setConcentration(int i, double value) {
    c[i] = value;
  }

  /** Electrolyte potential of cell i, V (against the far end of a far field, if any). */
  public double potential(int i) {
    return far == null ? phi[i] : phi[i] + far.surfacePotential();
  }

  /**
   * Electrode potential V of the last {@link #solvePotential}, V vs Li at Phi = 0 (the top face,
   * or the far end of a far field).
   */
  public double electrodePotential() {
    return far == null ? potential : potential + far.surfacePotential();
  }

  /** Reduction current at the electrode faces of cell i from the last potential solve, A. */
  public double current(int i) {
    return current[i];
  }

  /** Multigrid V-cycles (or relaxation sweeps on a grid that does not coarsen) of the last
   * update, for diagnostics and benchmarks. */
  public int lastSweeps() {
    return sweeps;
  }

  /** Salt (mol) that entered through the top face during the last concentration step. */
  public double lastTopSaltIn() {
    return lastTopSaltIn;
  }

  /** The top boundary. */
  public Top top() {
    return top;
  }

  /**
   * Puts a 1D region of free electrolyte of the given thickness between the top plane and the
   * reservoir or counter electrode ({@link FarField}): the top-row cells then see its interface
   * values c_s and Phi_s at their top faces, the top boundary ({@link #top}) acts at the
   * region's far end, the salt it holds counts in {@link #saltMoles}, {@link #lastTopSaltIn} is
   * what entered at its far end, and Phi and V are measured against the far end.
   *
   * @param thickness m (&gt; 0)
   */
  public void setFarField(double thickness) {
    setFarField(thickness, 1.0, 1.0);
  }

  /**
   * The same with a porous region (a separator) of porosity eps and tortuosity tau: D -&gt; eps D
   * / tau, kappa -&gt; eps kappa / tau, eps of its volume electrolyte ({@link FarField}).
   */
  public void setFarField(double thickness, double porosity, double tortuosity) {
    far = new FarField(thickness, h, nx * ny * area, props, temperature, c0,
        top == Top.RESERVOIR, porosity, tortuosity);
    farW = new double[cells];
  }

  /** The far-field region, or null without one. */
  public FarField farField() {
    return far;
  }

  /** Bulk concentration c0, mol/m^3. */
  public double bulkConcentration() {
    return c0;
  }

  /** Cathodic transfer coefficient alpha. */
  public double alpha() {
    return alpha;
  }

  /** F / RT, 1/V. */
  public double fOverRt() {
    return f;
  }

  /** Newton iterations of the last potential solve (diagnostics). */
  public int lastNewtonIterations() {
    return newtonIterations;
  }

  /** Salt held in the electrolyte, mol: sum of eps c V. */
  public double saltMoles() {
    double s = 0;
    for (int i = 0; i < cells; i++) {
      s += eps[i] * c[i] * volume;
    }
    return far == null ? s : s + far.saltMoles();
  }

  /**
   * Concentration at the electrode face of cell i, extrapolated from the cell centre with the
   * face flux (1 - t+) I / F over h/2, mol/m^3.
   *
   * @param reductionA the reduction current through the cell's electrode faces, A
   */
  public double faceConcentration(int i, double reductionA) {
    double d = perm[i] * props.diffusivity(c[i]);
    double a = wet[i] > 0 ? wet[i] : area;
    return c[i] - (1 - props.tPlus()) * reductionA / Physics.FARADAY * 0.5 * h / (d * a);
  }

  /** Harmonic mean of two effective face values; 0 if either is 0. */
  private static double harmonic(double a, double b) {
    return a > 0 && b > 0 ? 2 * a * b / (a + b) : 0.0;
  }

  /**
   * Advances c by dt with the given reduction currents (backward Euler, D at the old c).
   *
   * @param dt time step, s
   * @param reductionA reduction current into the electrode at each fluid cell, A (negative:
   *     oxidation); salt sink (1 - t+) I / F
   * @param topCurrentA current entering through the top face of each top-row cell, A (used by the
   *     counter electrode only; may be null for a reservoir)
   * @return true if every fluid cell keeps c &gt; 0 (false: the electrolyte is depleted)
   */
  public boolean advanceConcentration(double dt, double[] reductionA, double[] topCurrentA) {
    double tm = 1 - props.tPlus();
    double[] dc = kap; // per-cell effective D (scratch; the potential solve refills it)
    for (int i = 0; i < cells; i++) {
      dc[i] = eps[i] > 0 ? perm[i] * props.diffusivity(Math.max(c[i], 0.0)) : 0.0;
    }
    faceConductances(dc);
    int topRow = (nz - 1) * nx * ny;
    for (int i = 0; i < cells; i++) {
      if (eps[i] == 0) {
        diag[i] = 0;
        rhs[i] = 0;
        continue;
      }
      double cap = eps[i] * volume / dt;
      diag[i] = cap;
      rhs[i] = cap * c[i] - tm * reductionA[i] / Physics.FARADAY;
      if (i >= topRow) {
        if (far != null) {
          double g = dc[i] * area / (0.5 * h); // to c_s at the far field's interface
          diag[i] += g;
          rhs[i] += g * far.surface();
        } else if (top == Top.RESERVOIR) {
          double g = dc[i] * area / (0.5 * h);
          diag[i] += g;
          rhs[i] += g * c0;
        } else if (topCurrentA != null) {
          rhs[i] += tm * topCurrentA[i] / Physics.FARADAY;
        }
      }
    }
    double scale = 0;
    for (int i = 0; i < cells; i++) {
      scale = Math.max(scale, diag[i] * c0);
    }
    double tolC = far == null ? CONCENTRATION_TOL : FAR_CONCENTRATION_TOL;
    sweeps = linearSolve(tolC * scale, rhs, c);
    if (sweeps < 0) {
      throw new FieldSolveException("the concentration step's linear solve did not reach its"
          + " tolerance in 500 multigrid-preconditioned iterations (step " + dt + " s)");
    }
    if (far != null) {
      return coupleFarField(dt, topCurrentA, topRow, dc, scale / c0);
    }
    // salt that entered through the top face during the step (backward Euler: at the new c)
    double in = 0;
    for (int i = topRow; i < cells; i++) {
      if (eps[i] == 0) {
        continue;
      }
      if (top == Top.RESERVOIR) {
        in += dc[i] * area / (0.5 * h) * (c0 - c[i]) * dt;
      } else if (topCurrentA != null) {
        in += tm * topCurrentA[i] / Physics.FARADAY * dt;
      }
    }
    lastTopSaltIn = in;
    boolean ok = true;
    for (int i = 0; i < cells; i++) {
      if (eps[i] > 0 && !(c[i] > 0)) {
        ok = false;
      }
    }
    return ok;
  }

  /**
   * The rest of a concentration step with a far field: c solved above holds c_s at its old
   * value; the response w to a unit c_s is solved with the same matrix, c_s is set by the flux
   * balance at the interface ({@link FarField#step}) and c moved by (c_s - c_old) w. The salt
   * books close to the two linear solves' residuals.
   */
  private boolean coupleFarField(double dt, double[] topCurrentA, int topRow, double[] dc,
      double scale) {
    double cOld = far.surface();
    java.util.Arrays.fill(rhsB, 0.0);
    for (int i = topRow; i < cells; i++) {
      if (eps[i] > 0) {
        rhsB[i] = dc[i] * area / (0.5 * h);
      }
    }
    java.util.Arrays.fill(farW, 0.0);
    int sw = linearSolve(FAR_CONCENTRATION_TOL * scale, rhsB, farW);
    if (sw < 0) {
      throw new FieldSolveException("the far field's response solve did not reach its"
          + " tolerance in 500 multigrid-preconditioned iterations (step " + dt + " s)");
    }
    sweeps += sw;
    double a = 0;
    double b = 0;
    for (int i = topRow; i < cells; i++) {
      if (eps[i] > 0) {
        double g = dc[i] * area / (0.5 * h);
        a += g * (c[i] - cOld * farW[i]);
        b += g * (1 - farW[i]);
      }
    }
    double topSalt = 0;
    if (top == Top.COUNTER_ELECTRODE && topCurrentA != null) {
      double sum = 0;
      for (double x : topCurrentA) {
        sum += x;
      }
      topSalt = (1 - props.tPlus()) * sum / Physics.FARADAY;
    }
    double cs = far.step(dt, topSalt, a, b);
    for (int i = 0; i < cells; i++) {
      if (eps[i] > 0) {
        c[i] += (cs - cOld) * farW[i];
      }
    }
    lastTopSaltIn = far.lastTopSaltIn();
    boolean ok = far.positive();
    for (int i = 0; i < cells; i++) {
      if (eps[i] > 0 && !(c[i] > 0)) {
        ok = false;
      }
    }
    return ok;
  }

  /** Fills gx, gy, gz with (harmonic face value) x A / h from per-cell effective values. */
  private void faceConductances(double[] v) {
    double k = area / h;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          int i = index(x, y, z);
          gx[i] = nx > 1 ? k * harmonic(v[i], v[index((x + 1) % nx, y, z)]) : 0.0;
          gy[i] = ny > 1 ? k * harmonic(v[i], v[index(x, (y + 1) % ny, z)]) : 0.0;
          gz[i] = z + 1 < nz ? k * harmonic(v[i], v[i + nx * ny]) : 0.0;
        }
      }
    }
  }

  /**
   * Solves div i = 0 with Butler-Volmer faces and the galvanostatic constraint at the present c:
   * sets V, Phi and the per-cell currents.
   *
   * @param appliedA total reduction current, A (negative: stripping)
   * @return the electrode potential V, volts vs Li at Phi = 0
   * @throws FieldSolveException if a linear solve or the iteration
   *     does not converge (e.g. the current exceeds what the depleted electrolyte can carry)
   */
  public double solvePotential(double appliedA) {
    if (!(i0 > 0)) {
      throw new IllegalStateException("kinetics not set");
    }
    double rt = 1.0 / f;
    double tm = 1 - props.tPlus();
    double sumWet = 0;
    for (int i = 0; i < cells; i++) {
      kap[i] = eps[i] > 0 ? perm[i] * props.kappa(Math.max(c[i], KAPPA_FLOOR * c0)) : 0.0;
      sumWet += wet[i];
    }
    if (!(sumWet > 0)) {
      throw new FieldSolveException("no electrolyte cell touches the electrode at " + appliedA
          + " A");
    }
    faceConductances(kap);
    diffusionSource(tm, rt, baseRhs);
    int topRow = (nz - 1) * nx * ny;
    // with a far field the top face is its interface (c_s; Phi_s, added after the solve)
    double lnTop = far == null ? 0.0 : lnc(far.surface());
    for (int i = 0; i < cells; i++) {
      topDiag[i] = 0;
      if (i >= topRow && kap[i] > 0) {
        double g = kap[i] * area / (0.5 * h);
        topDiag[i] = g; // Phi = 0 at the top face
        if (top == Top.RESERVOIR || far != null) {
          // diffusion current out through the top face, KD (ln c0 - ln c_i) A / (h/2)
          double kd = 2 * kap[i] * rt * tm * props.thermodynamicFactor(Math.max(c[i], 0.0));
          baseRhs[i] -= kd * area / (0.5 * h) * (lnTop - lnc(c[i]));
        }
      }
      ck[i] = wet[i] > 0 ? i0 * StrictMath.pow(Math.max(c[i], 0.0) / c0, 1 - alpha) : 0.0;
    }
    int nWet = 0;
    for (int i = 0; i < cells; i++) {
      if (wet[i] > 0) {
        wetCells[nWet++] = i;
      }
    }
    long totalSweeps = 0;
    double v = startPotential(appliedA);
    if (Double.isNaN(v)) {
      v = potential;
    }
    double prevChange = Double.POSITIVE_INFINITY;
    int noRoot = 0; // iterates in a row without a root of the galvanostatic sum
    // the response phiB is the one-cell estimate g / (g + the cell's own conductances) until
    // a step fails to halve the change; then it is solved (a full Newton step). Where a face
    // reacts strongly against the electrolyte (the estimate above STRONG_FACE on some wet
    // cell: a small Wagner number) every iterate is a full Newton step
    boolean exactB = false;
    boolean strong = false;
    boolean bSolved = false; // phiB has been solved in this call
    tightNext = false;
    for (int it = 0; it < 200; it++) {
      double sumG = 0;
      double maxG = 0;
      for (int i = 0; i < cells; i++) {
        if (wet[i] > 0) {
          double e = v - phi[i];
          double ea = StrictMath.exp(-alpha * f * e);
          double eb = StrictMath.exp((1 - alpha) * f * e);
          double ik = ck[i] * (wet[i] * ea - oxWet[i] * eb);
          double g = ck[i] * f * (alpha * wet[i] * ea + (1 - alpha) * oxWet[i] * eb); // -dI/deta
          current[i] = ik;
          cond[i] = g;
          sumG += g;
          maxG = Math.max(maxG, g);
          diag[i] = topDiag[i] + g;
          rhs[i] = baseRhs[i] - ik + g * phi[i]; // the face current linearised at fixed V
          rhsB[i] = g;
        } else {
          cond[i] = 0;
          diag[i] = topDiag[i];
          rhs[i] = baseRhs[i];
          rhsB[i] = 0;
        }
      }
      if (!exactB && !strong) {
        strong = localResponse(nWet) > STRONG_FACE;
      }
      System.arraycopy(phi, 0, phiA, 0, cells);
      // inexact Newton: an iterate far from the answer solves phiA only to a part of its
      // starting residual (the state's own imbalance at this V); the iterate that stops the
      // iteration is always solved to the full tolerance
      double tight = relTol * (Math.abs(appliedA) + sumG * rt);
      double tolA = tightNext ? tight
          : Math.max(tight, FORCING * relax.maxResidual(gx, gy, gz, diag, rhs, phiA));
      int sa = linearSolve(tolA, rhs, phiA);
      if (sa < 0) {
        throw new FieldSolveException("a linear solve of the potential did not reach its"
            + " tolerance in 500 multigrid-preconditioned iterations at " + appliedA + " A");
      }
      totalSweeps += sa;
      double dvStep = voltageStep(v, appliedA, nWet);
      boolean solveB = exactB || strong;
      if (solveB && (bSolved || !strong) && !Double.isNaN(dvStep) && tolA <= tight
          && Math.abs(dvStep) < 0.1 * newtonTol * rt
          && maxPhiChange(dvStep) < 0.5 * newtonTol * rt) {
        // converged with the response of an earlier iterate (or, with weak faces, the cell
        // estimate): V stays where it is, so the step a new response would give is not taken
        // and its solve is skipped; the margins (0.1 and 0.5 of the tolerance) cover the
        // response's change over the last step
        solveB = false;
      }
      if (solveB) {
        // the response only sets the speed of the iteration, not its fixed point: solved
        // to FORCING of its starting residual, at least to the field's tolerance
        double tolB = Math.max(relTol * maxG,
            FORCING * relax.maxResidual(gx, gy, gz, diag, rhsB, phiB));
        int sb = linearSolve(tolB, rhsB, phiB);
        if (sb < 0) {
          throw new FieldSolveException("a linear solve of the potential did not reach its"
              + " tolerance in 500 multigrid-preconditioned iterations at " + appliedA + " A");
        }
        totalSweeps += sb;
        bSolved = true;
        dvStep = voltageStep(v, appliedA, nWet);
      }
      noRoot = Double.isNaN(dvStep) ? noRoot + 1 : 0;
      if (noRoot >= 10) {
        throw new FieldSolveException("no electrode potential within 200 RT/F of " + v
            + " V lets the Butler-Volmer faces carry " + appliedA + " A (10 iterates in a row)",
            true);
      }
      if (Double.isNaN(dvStep)) {
        double lim = 2.0 * rt * Math.max(1.0, 0.5 * Math.abs(v) * f);
        dvStep = Math.abs(dvRaw) > lim ? Math.copySign(lim, dvRaw) : dvRaw;
      }
      double maxDphi = maxPhiChange(dvStep);
      double dv = Math.abs(dvStep);
      boolean small = dv < newtonTol * rt && maxDphi < newtonTol * rt;
      boolean done = small && tolA <= tight;
      tightNext = small; // a small change on a loose solve: solve it again to the tolerance
      // converged: V stays at the linearisation point and Phi is phiA, the solution of the
      // electrolyte's balance with those face currents (the currents into the electrode and
      // out through the top then agree to the linear solve, whatever phiB was)
      double step = done ? 0.0 : dvStep;
      for (int i = 0; i < cells; i++) {
        if (kap[i] > 0) {
          phi[i] = phiA[i] + step * phiB[i];
        }
      }
      v += step;
      if (done) {
        potential = v;
        for (int i = 0; i < cells; i++) {
          if (wet[i] > 0) {
            double e = v - phi[i];
            current[i] = ck[i] * (wet[i] * StrictMath.exp(-alpha * f * e)
                - oxWet[i] * StrictMath.exp((1 - alpha) * f * e));
          } else {
            current[i] = 0;
          }
        }
        sweeps = (int) Math.min(Integer.MAX_VALUE, totalSweeps);
        newtonIterations = it + 1;
        if (far != null) {
          // Phi and V shift by the far field's drop (the lattice solved with Phi = 0 on top)
          return v + far.solvePotential(appliedA);
        }
        return v;
      }
      double change = Math.max(dv, maxDphi);
      // a response phiB solved loosely or at an older linearisation only slows the iteration
      // (the fixed point does not depend on it); when a step fails to halve the change, the
      // next one is a full Newton step
      exactB = change > 0.5 * prevChange;
      prevChange = change;
    }
    throw new FieldSolveException("the galvanostatic iteration did not converge in 200"
        + " iterates at " + appliedA + " A (V moved from " + potential + " to " + v + " V)");
  }

  /**
   * The step of V from the iterate's phiA and the present response phiB: the root of the
   * galvanostatic sum with the full Butler-Volmer faces at Phi = phiA + (V - v) phiB ({@link
   * #faceRoot}), NaN if it has none; the linearised step is left in dvRaw.
   */
  private double voltageStep(double v, double appliedA, int nWet) {
    double num = -appliedA;
    double den = 0;
    for (int q = 0; q < nWet; q++) {
      int i = wetCells[q];
      num += current[i] + cond[i] * (phiA[i] - phi[i]);
      den += cond[i] * (1 - phiB[i]);
    }
    dvRaw = num / den;
    return faceRoot(v, dvRaw, appliedA, nWet) - v;
  }

  /** The largest change of Phi over the electrolyte that the step dv would make. */
  private double maxPhiChange(double dv) {
    double maxDphi = 0;
    for (int i = 0; i < cells; i++) {
      if (kap[i] > 0) {
        maxDphi = Math.max(maxDphi, Math.abs(phiA[i] + dv * phiB[i] - phi[i]));
      }
    }
    return maxDphi;
  }

  /**
   * phiB estimated cell by cell: on a wet cell k, g_k / (g_k + top conductance + the
   * conductances of its faces) (the response of Phi_k to V with its neighbours held), 0
   * elsewhere; returns its largest value.
   */
  private double localResponse(int nWet) {
    java.util.Arrays.fill(phiB, 0.0);
    double max = 0;
    for (int q = 0; q < nWet; q++) {
      int i = wetCells[q];
      int x = i % nx;
      int y = (i / nx) % ny;
      int z = i / (nx * ny);
      double faces = gx[i] + gx[index((x + nx - 1) % nx, y, z)]
          + (z + 1 < nz ? gz[i] : 0.0) + (z > 0 ? gz[i - nx * ny] : 0.0);
      if (ny > 1) {
        faces += gy[i] + gy[index(x, (y + ny - 1) % ny, z)];
      }
      phiB[i] = cond[i] / (diag[i] + faces);
      max = Math.max(max, phiB[i]);
    }
    return max;
  }

  /**
   * The V at which the wet cells' Butler-Volmer currents, with Phi_k = phiA_k + (V - v)
   * phiB_k, sum to the applied current: safeguarded Newton on the monotone scalar sum, from
   * v + dvGuess, to 1e-12 RT/F. NaN if it cannot be bracketed within 200 RT/F.
   */
  private double faceRoot(double v, double dvGuess, double appliedA, int nWet) {
    double rt = 1.0 / f;
    double x = v + (Double.isFinite(dvGuess) ? Math.max(-10 * rt, Math.min(10 * rt, dvGuess))
        : 0.0);
    double lo = Double.NaN;
    double hi = Double.NaN;
    for (int it = 0; it < 200; it++) {
      double sum = -appliedA;
      double slope = 0; // d sum / dV (negative)
      for (int q = 0; q < nWet; q++) {
        int i = wetCells[q];
        double b = phiB[i];
        double e = x - phiA[i] - (x - v) * b;
        double ea = StrictMath.exp(-alpha * f * e);
        double eb = oxWet[i] > 0 ? StrictMath.exp((1 - alpha) * f * e) : 0.0;
        sum += ck[i] * (wet[i] * ea - oxWet[i] * eb);
        slope -= ck[i] * f * (alpha * wet[i] * ea + (1 - alpha) * oxWet[i] * eb) * (1 - b);
      }
      if (sum > 0) {
        lo = x; // more reduction than applied: the root lies above (the sum falls with V)
      } else if (sum < 0) {
        hi = x;
      } else {
        return x;
      }
      double next = slope < 0 ? x - sum / slope : Double.NaN;
      if (!Double.isNaN(lo) && !Double.isNaN(hi)) {
        if (!(next > Math.min(lo, hi) && next < Math.max(lo, hi))) {
          next = 0.5 * (lo + hi);
        }
        if (Math.abs(hi - lo) < 1e-12 * rt) {
          return next;
        }
      } else if (!Double.isFinite(next) || Math.abs(next - x) > 4 * rt) {
        next = x + (sum > 0 ? 4 * rt : -4 * rt); // bracket towards the root
      }
      if (Math.abs(next - x) < 1e-12 * rt) {
        return next;
      }
      if (Math.abs(next - v) > 200 * rt) {
        return Double.NaN;
      }
      x = next;
    }
    return Double.NaN;
  }

  /**
   * The iteration's start: the V at which the Butler-Volmer faces carry the applied
   * current with Phi held at its present values (one scalar root, {@link
   * org.liko.model.ButlerVolmer#solve}); where the electrolyte conducts far better than the
   * faces react (large Wagner number) this is already close to the answer, and elsewhere it is
   * no worse a start than the last V after the electrode or c changed. NaN when no root
   * exists.
   */
  private double startPotential(double appliedA) {
    double red = 0;
    double ox = 0;
    for (int i = 0; i < cells; i++) {
      if (wet[i] > 0) {
        red += ck[i] * wet[i] * StrictMath.exp(alpha * f * phi[i]);
        if (oxWet[i] > 0) {
          ox += ck[i] * oxWet[i] * StrictMath.exp(-(1 - alpha) * f * phi[i]);
        }
      }
    }
    double x = org.liko.model.ButlerVolmer.solve(alpha, red, null, null, 0, 1, ox, appliedA);
    return Double.isFinite(x) ? x / f : Double.NaN;
  }

  /** Current through the top face of each top-row cell into the domain, A (Phi = 0 there). */
  public void topCurrents(double[] out) {
    int topRow = (nz - 1) * nx * ny;
    java.util.Arrays.fill(out, 0.0);
    for (int i = topRow; i < cells; i++) {
      out[i] = topDiag[i] * (0.0 - phi[i]);
    }
  }

  /**
   * One linear solve with the present gx, gy, gz and diag: multigrid V-cycles where the grid
   * coarsens, else red-black SOR.
   *
   * @return work done (V-cycles or sweeps), negative when the tolerance was not reached
   */
  private int linearSolve(double tol, double[] b, double[] u) {
    if (mg.levels() > 1) {
      return mg.solve(tol, 500, gx, gy, gz, diag, b, u);
    }
    return relax.solve(omega, tol, 200000, gx, gy, gz, diag, b, u);
  }

  private double lnc(double ci) {
    return lnRatio(ci, c0);
  }

  /** S_i = sum over faces of KD_f A / h (ln c_nb - ln c_i), KD = 2 kappa RT/F (1 - t+) TDF. */
  private void diffusionSource(double tm, double rt, double[] out) {
    double k = area / h;
    java.util.Arrays.fill(out, 0.0);
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          int i = index(x, y, z);
          if (kap[i] == 0) {
            continue;
          }
          addDiffusion(i, nx > 1 ? index((x + 1) % nx, y, z) : -1, tm, rt, k, out);
          addDiffusion(i, ny > 1 ? index(x, (y + 1) % ny, z) : -1, tm, rt, k, out);
          addDiffusion(i, z + 1 < nz ? i + nx * ny : -1, tm, rt, k, out);
        }
      }
    }
  }

  private void addDiffusion(int i, int j, double tm, double rt, double k, double[] out) {
    if (j < 0 || kap[j] == 0) {
      return;
    }
    double kdi = 2 * kap[i] * rt * tm * props.thermodynamicFactor(Math.max(c[i], 0.0));
    double kdj = 2 * kap[j] * rt * tm * props.thermodynamicFactor(Math.max(c[j], 0.0));
    double q = k * harmonic(kdi, kdj) * (lnc(c[j]) - lnc(c[i]));
    // current i -> j across the face is K (Phi_i - Phi_j) + q; the cell balance keeps q on the
    // right-hand side with the sign of a source into i
    out[i] -= q;
    out[j] += q;
  }

  /**
   * Writes the field's mutable state for a checkpoint, doubles as raw bits: the domain (eps,
   * eps / tau, the wet areas), c, Phi, V, the per-cell currents, the two potential solutions
   * the next solve starts from (phiA, phiB), the top-face conductances of the last potential
   * solve (the counter electrode's currents are read from them at the next update), and the
   * last step's diagnostics. The other arrays are scratch that every solve refills; kinetics,
   * tolerances and geometry come from the scenario.
   */
  public void save(org.liko.engine.checkpoint.StateOut out) {
    out.section("electrolyte-field").doubles(eps).doubles(perm).doubles(wet).doubles(oxWet)
        .doubles(c).doubles(phi).doubles(current).doubles(phiA).doubles(phiB).doubles(topDiag)
        .d(potential).i(sweeps).i(newtonIterations).d(lastTopSaltIn);
    if (far != null) {
      far.save(out);
    }
  }

  /** Puts back what {@link #save} wrote into a field of the same grid. */
  public void restore(org.liko.engine.checkpoint.StateIn in) {
    in.section("electrolyte-field");
    for (double[] a : new double[][] {eps, perm, wet, oxWet, c, phi, current, phiA, phiB,
        topDiag}) {
      in.doubles(a);
    }
    potential = in.d();
    sweeps = in.i();
    newtonIterations = in.i();
    lastTopSaltIn = in.d();
    if (far != null) {
      far.restore(in);
    }
  }
}
