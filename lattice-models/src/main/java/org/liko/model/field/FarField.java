package org.liko.model.field;

import org.liko.model.Physics;

/**
 * A 1D continuum region of free electrolyte between the top plane of the lattice's field and
 * the reservoir (c = c0, Phi = 0) or the salt-conserving counter electrode (Phi = 0), for gaps
 * (tens of um to mm) that the lattice cannot hold. Same concentrated-electrolyte equations and
 * properties as {@link ElectrolyteField} (kappa(c), D(c), t+, thermodynamic factor), in z only:
 * <pre>
 *   dc/dt = d/dz (D dc/dz)                                      (t+ constant)
 *   i = -kappa dPhi/dz + (2 kappa R T / F)(1 - t+)(1 + dln f/dln c) d ln c/dz = -I / A
 * </pre>
 * with A the lattice footprint and I the applied reduction current (the region holds no charge
 * and has no electrode, so the whole current crosses every plane of it).
 *
 * <p><b>Lateral-mean approximation.</b> The region is laterally uniform: the lattice's top
 * plane is one interface of concentration c_s and potential Phi_s, coupled to the region by
 * continuity of c and Phi and of the laterally summed salt flux and current. Each top-row fluid
 * cell of the lattice sees c_s and Phi_s at its top face (h/2 away), as it sees c0 and 0 at a
 * reservoir without a far field. Lateral variations of a deposit of period W decay above it as
 * exp(-2 pi z / W), so the lattice should reach a height of about W above the deposit for the
 * approximation to hold (the region then sees only the mean).
 *
 * <p>Grid: cell-centred finite volumes whose widths grow geometrically by {@link #GROWTH} from
 * the lattice's cell edge at the interface, scaled so that they sum to the stated thickness
 * exactly (a 1 mm gap above 50 nm sites: 141 cells). Face conductances are the series values of
 * the two half cells. Concentration: backward Euler with D at the step's start, like the
 * lattice, solved together with the lattice by superposition ({@link #step}): the lattice's
 * step is linear in c_s and so is this region's (a tridiagonal solve for two right-hand sides),
 * and c_s is the root of the scalar flux balance; the salt books close to the lattice's linear
 * solve. Potential: the lattice's potential problem is invariant under a uniform shift of Phi
 * and V, so the lattice is solved with Phi = 0 at its top and then shifted by Phi_s, the drop
 * the applied current and the region's diffusion potential make across it ({@link
 * #solvePotential}); exact, no iteration.
 */
public final class FarField {
  /** Ratio of the widths of neighbouring cells. */
  static final double GROWTH = 1.05;

  private final double length; // m
  private final double area; // cross-section, the lattice footprint, m^2
  private final double porosity; // eps: electrolyte volume fraction (1: free electrolyte)
  private final double perm; // eps / tau: factor on D and kappa (1: free electrolyte)
  private final Electrolyte props;
  private final double c0;
  private final double f; // F / RT, 1/V
  private final boolean reservoir; // false: counter electrode at the top
  private final int m; // cells
  private final double[] w; // widths, interface first, m
  private final double[] c; // concentration, mol/m^3
  // scratch of the tridiagonal step
  private final double[] d;
  private final double[] g; // conductance of the face between j and j + 1, m^3/s
  private final double[] diag;
  private final double[] p;
  private final double[] q;
  private final double[] cp;

  private double surface; // c_s at the interface (the lattice's top plane), mol/m^3
  private double surfacePotential; // Phi_s, V
  private double lastTopSaltIn; // mol, through the far top in the last step
  private double lastInterfaceSalt; // mol, from the region into the lattice in the last step

  /**
   * @param length thickness, m (&gt; 0)
   * @param firstCell width of the cell at the interface, m (the lattice's cell edge)
   * @param footprint cross-section, m^2
   * @param props electrolyte properties
   * @param temperature K
   * @param c0 bulk concentration, mol/m^3
   * @param reservoir true: reservoir at the top; false: counter electrode
   */
  public FarField(double length, double firstCell, double footprint, Electrolyte props,
      double temperature, double c0, boolean reservoir) {
    this(length, firstCell, footprint, props, temperature, c0, reservoir, 1.0, 1.0);
  }

  /**
   * A region that is a porous medium filled with the electrolyte (a separator): it holds eps of
   * its volume as electrolyte and has D -&gt; eps D / tau, kappa -&gt; eps kappa / tau, as the
   * lattice's porous cells (MacMullin number tau / eps). eps = tau = 1 is free electrolyte.
   *
   * @param porosity eps, 0 &lt; eps &lt;= 1
   * @param tortuosity tau &gt;= 1
   */
  public FarField(double length, double firstCell, double footprint, Electrolyte props,
      double temperature, double c0, boolean reservoir, double porosity, double tortuosity) {
    if (!(porosity > 0 && porosity <= 1) || !(tortuosity >= 1)) {
      throw new IllegalArgumentException("far field: need 0 < porosity <= 1 and tortuosity >= 1"
          + " (got " + porosity + ", " + tortuosity + ")");
    }
    this.porosity = porosity;
    this.perm = porosity / tortuosity;
    if (!(length > 0) || !(firstCell > 0) || !(footprint > 0)) {
      throw new IllegalArgumentException("far field: need thickness, first cell and footprint"
          + " > 0 (got " + length + ", " + firstCell + ", " + footprint + ")");
    }
    this.length = length;
    this.area = footprint;
    this.props = props;
    this.c0 = c0;
    this.f = Physics.FARADAY / (Physics.GAS_R * temperature);
    this.reservoir = reservoir;
    int n = 1;
    double sum = firstCell;
    double wj = firstCell;
    while (sum < length) {
      wj *= GROWTH;
      sum += wj;
      n++;
    }
    this.m = n;
    w = new double[n];
    wj = firstCell;
    for (int j = 0; j < n; j++) {
      w[j] = wj * length / sum;
      wj *= GROWTH;
    }
    c = new double[n];
    d = new double[n];
    g = new double[n];
    diag = new double[n];
    p = new double[n];
    q = new double[n];
    cp = new double[n];
    reset();
  }

  /**
   * Steady-state limiting current density (A/m^2) of a 1D stack of layers above a flat
   * electrode, layer k of thickness th[k] (m), porosity eps[k] and tortuosity tau[k], with
   * constant D and t+, for the two top boundaries:
   * <ul>
   *   <li>reservoir (c = c0 at the top): J_lim = F c0 / ((1 - t+) R(L)), R(z) = integral from 0
   *       to z of tau / (eps D) dz, the series diffusion resistance of the stack;</li>
   *   <li>salt-conserving counter electrode: the stack keeps its salt, integral of eps c dz =
   *       c0 integral of eps dz, and in steady state c(z) = c(0) + q R(z); the limit c(0) = 0
   *       gives J_lim = F c0 (integral of eps dz) / ((1 - t+) integral of eps(z) R(z) dz),
   *       twice the reservoir value in a uniform stack.</li>
   * </ul>
   * Layers of zero thickness are skipped.
   */
  public static double limitingCurrent(double d, double c0, double tPlus, boolean reservoir,
      double[] th, double[] eps, double[] tau) {
    double r = 0;
    double epsInt = 0;
    double epsR = 0;
    for (int k = 0; k < th.length; k++) {
      if (!(th[k] > 0)) {
        continue;
      }
      double deff = eps[k] * d / tau[k];
      epsInt += eps[k] * th[k];
      epsR += eps[k] * (r * th[k] + th[k] * th[k] / (2 * deff));
      r += th[k] / deff;
    }
    double q = reservoir ? c0 / r : c0 * epsInt / epsR; // salt flux at the limit, mol/m^2/s
    return Physics.FARADAY * q / (1 - tPlus);
  }

  /** Bulk state: c = c0 everywhere, Phi_s = 0. */
  public void reset() {
    java.util.Arrays.fill(c, c0);
    surface = c0;
    surfacePotential = 0;
  }

  /** Puts Phi_s back to 0 (after a failed potential solve). */
  void resetPotential() {
    surfacePotential = 0;
  }

  /** Thickness, m. */
  public double length() {
    return length;
  }

  /** Porosity eps of the region (1: free electrolyte). */
  public double porosity() {
    return porosity;
  }

  /** eps / tau, the factor on D and kappa (1: free electrolyte). */
  public double permeability() {
    return perm;
  }

  /** Number of cells. */
  public int cells() {
    return m;
  }

  /** Height of the centre of cell j above the interface, m. */
  public double centre(int j) {
    double z = 0;
    for (int k = 0; k < j; k++) {
      z += w[k];
    }
    return z + 0.5 * w[j];
  }

  /** Concentration of cell j, mol/m^3. */
  public double concentration(int j) {
    return c[j];
  }

  /** c_s at the interface with the lattice, mol/m^3. */
  public double surface() {
    return surface;
  }

  /** Phi_s at the interface with the lattice, V against the top (reservoir or counter). */
  public double surfacePotential() {
    return surfacePotential;
  }

  /** Salt in the region, mol. */
  public double saltMoles() {
    double s = 0;
    for (int j = 0; j < m; j++) {
      s += porosity * area * w[j] * c[j];
    }
    return s;
  }

  /** Salt that entered through the top (reservoir or counter electrode) in the last step, mol. */
  public double lastTopSaltIn() {
    return lastTopSaltIn;
  }

  /** Salt that went from the region into the lattice in the last step, mol. */
  public double lastInterfaceSalt() {
    return lastInterfaceSalt;
  }

  /** True when every cell has c &gt; 0. */
  boolean positive() {
    for (int j = 0; j < m; j++) {
      if (!(c[j] > 0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * One backward-Euler step of the region, coupled to the lattice's step: the lattice's top
   * cells, solved with c_s held at its old value c_old, are c_i = u_i + (c_s - c_old) w_i (w the
   * response to a unit c_s), so the salt entering the lattice is c_s b - a with
   * a = sum g_i (u_i - c_old w_i) and b = sum g_i (1 - w_i), g_i the top faces' conductances
   * (m^3/s); the region, with c_s at its lower face, is p + c_s q. The balance of the two fluxes
   * at the interface gives c_s, which this method returns and keeps; the region takes its new
   * c.
   *
   * @param dt s
   * @param topSalt salt released at the top, mol/s (counter electrode: (1 - t+) I / F; 0 at a
   *     reservoir)
   * @param a see above, mol/s
   * @param b see above, m^3/s
   * @return the new c_s, mol/m^3
   */
  double step(double dt, double topSalt, double a, double b) {
    for (int j = 0; j < m; j++) {
      d[j] = perm * props.diffusivity(Math.max(c[j], 0.0));
    }
    for (int j = 0; j + 1 < m; j++) {
      g[j] = area / (0.5 * w[j] / d[j] + 0.5 * w[j + 1] / d[j + 1]);
    }
    double gb = area * d[0] / (0.5 * w[0]); // cell 0 to the interface
    double gt = reservoir ? area * d[m - 1] / (0.5 * w[m - 1]) : 0.0;
    for (int j = 0; j < m; j++) {
      double cap = porosity * area * w[j] / dt;
      diag[j] = cap + (j > 0 ? g[j - 1] : gb) + (j + 1 < m ? g[j] : gt);
      p[j] = cap * c[j];
      q[j] = 0;
    }
    p[m - 1] += reservoir ? gt * c0 : topSalt;
    q[0] = gb;
    thomas(p);
    thomas(q);
    double cs = (gb * p[0] + a) / (gb * (1 - q[0]) + b);
    for (int j = 0; j < m; j++) {
      c[j] = p[j] + cs * q[j];
    }
    surface = cs;
    lastInterfaceSalt = gb * (c[0] - cs) * dt;
    lastTopSaltIn = (reservoir ? gt * (c0 - c[m - 1]) : topSalt) * dt;
    return cs;
  }

  /** Solves the tridiagonal system (diag, -g off the diagonal) for right-hand side x, in place. */
  private void thomas(double[] x) {
    // forward sweep: cp[j] = -upper / pivot, x[j] = (x[j] + g[j-1] x[j-1]) / pivot
    double piv = diag[0];
    cp[0] = m > 1 ? g[0] / piv : 0.0;
    x[0] /= piv;
    for (int j = 1; j < m; j++) {
      piv = diag[j] - g[j - 1] * cp[j - 1];
      cp[j] = j + 1 < m ? g[j] / piv : 0.0;
      x[j] = (x[j] + g[j - 1] * x[j - 1]) / piv;
    }
    for (int j = m - 2; j >= 0; j--) {
      x[j] += cp[j] * x[j + 1];
    }
  }

  /**
   * Phi_s: the drop that the applied reduction current I (A, flowing down through the region)
   * and the region's diffusion potential make between the top (Phi = 0) and the interface, with
   * the present c and c_s. Per face, current downward = K (Phi_above - Phi_below) + KD (ln
   * c_below - ln c_above), K = kappa A / dz, KD = 2 kappa RT/F (1 - t+)(1 + dln f/dln c) A / dz
   * (series values of the half cells); a counter electrode's face has no diffusion term, as in
   * the lattice.
   *
   * @return Phi_s, V
   */
  double solvePotential(double appliedA) {
    double rt = 1.0 / f;
    double tm = 1 - props.tPlus();
    double floor = ElectrolyteField.KAPPA_FLOOR * c0;
    // top half cell
    int t = m - 1;
    double kt = perm * props.kappa(Math.max(c[t], floor));
    double kdt = 2 * kt * rt * tm * props.thermodynamicFactor(Math.max(c[t], 0.0));
    double diffTop = reservoir ? area * kdt / (0.5 * w[t]) * (ln(c[t]) - 0.0) : 0.0;
    double phi = -(appliedA - diffTop) / (area * kt / (0.5 * w[t]));
    for (int j = m - 2; j >= 0; j--) {
      double kb = perm * props.kappa(Math.max(c[j], floor));
      double kdb = 2 * kb * rt * tm * props.thermodynamicFactor(Math.max(c[j], 0.0));
      double rk = 0.5 * w[j] / kb + 0.5 * w[j + 1] / kt; // series resistance x A
      double rkd = 0.5 * w[j] / kdb + 0.5 * w[j + 1] / kdt;
      phi -= (appliedA - area / rkd * (ln(c[j]) - ln(c[j + 1]))) * rk / area;
      kt = kb;
      kdt = kdb;
    }
    // bottom half cell to the interface
    phi -= (appliedA - area * kdt / (0.5 * w[0]) * (ln(surface) - ln(c[0])))
        / (area * kt / (0.5 * w[0]));
    surfacePotential = phi;
    return phi;
  }

  private double ln(double ci) {
    return ElectrolyteField.lnRatio(ci, c0);
  }

  /** Writes the region's state (c, c_s, Phi_s, the last step's books) for a checkpoint. */
  void save(org.liko.engine.checkpoint.StateOut out) {
    out.section("far-field").doubles(c).d(surface).d(surfacePotential).d(lastTopSaltIn)
        .d(lastInterfaceSalt);
  }

  /** Puts back what {@link #save} wrote. */
  void restore(org.liko.engine.checkpoint.StateIn in) {
    in.section("far-field");
    in.doubles(c);
    surface = in.d();
    surfacePotential = in.d();
    lastTopSaltIn = in.d();
    lastInterfaceSalt = in.d();
  }
}
