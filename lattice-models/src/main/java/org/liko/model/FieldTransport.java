package org.liko.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.liko.engine.Changes;
import org.liko.engine.ExactSolver;
import org.liko.engine.Grid;
import org.liko.engine.InputException;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.engine.rules.SiteRules;
import org.liko.model.field.Electrolyte;
import org.liko.model.field.ElectrolyteField;
import org.liko.model.field.FarField;
import org.liko.model.field.FieldCoupling;
import org.liko.model.field.FieldSolveException;
import org.liko.model.field.LatticeFieldMap;

/**
 * {@code transport.mode: field}: salt concentration c and electrolyte potential Phi of a
 * concentrated binary electrolyte (1 M LiPF6 in EC/DMC, Valoen and Reimers 2005) on the fluid
 * sites below the separator plane, with local Butler-Volmer kinetics ({@link FieldCoupling}).
 *
 * <p>Rates. A fluid candidate site s reduces at (i0 a^2 / (n e)) w_s F_s (c/c0)^(1 - alpha)
 * exp(-alpha f (V + dV - Phi)), F_s its faces to electrode sites and w_s its class weight
 * ({@link Kinetics#depositWeight}: 1 on Li and, barrier-free, on the collector); a live Li site
 * oxidises at (i0 a^2 / (n e)) times the sum over its faces to fluid sites of
 * (c/c0)^(1 - alpha) exp((1 - alpha) f (V + dV - Phi)): the local current per real area on the
 * wetted faces, times their area, over n e. No bond-energy factor enters the oxidation weight
 * (at coarse sites capillarity is about 1 mV at 50 nm); surface hops keep theirs. The reduction
 * and oxidation channels are driven like the reaction mode's: their total rates are
 * (i0 a^2 / (n e)) exp(-alpha x) R and exp((1 - alpha) x) O with x = f dV solved after every
 * event so that the expected net rate is I / (n e) ({@link FieldCoupling#shift}).
 *
 * <p>Exchange ({@code transport.field.exchange}; the default {@code auto} is net on coarse
 * sites and gross at n = 1, {@link #netExchange}). {@code gross} draws both
 * directions as whole-site events at the rates above. A coarse site holds n atoms, so each
 * event moves n of them: the gross exchange, which atomistically averages out, then gives the
 * deposit n times the atomistic variance (at 50 nm, n = 5.7e6, the exchange rate per site
 * at i0 = 1 mA/cm^2 is half the net rate at 2 mA/cm^2). {@code net} gives every face between
 * Li and a fluid (or field-layer) site only its local net Butler-Volmer rate, to the fluid
 * site's reduction where it is cathodic and to the Li site's oxidation where it is anodic
 * ({@link FieldCoupling#setNetExchange}): the large-n limit of the atomistic process, in which
 * the exchange of n atoms averages out as 1/sqrt(n) (Gillespie, J. Chem. Phys. 113, 297
 * (2000)). The leaves are the local net rates at the field's V (right after an update they sum
 * to the field's own galvanostatic current); the shift solve is the same sum scaled as above,
 * the galvanostatic normaliser between updates. Faces to the collector and the nucleation and
 * SEI channels are unchanged (they have no anodic counterpart). With net exchange the field's
 * domain follows the lattice before the update's salt step ({@link FieldCoupling#update}), and
 * when the lattice has used up the net faces the current needs the field is updated at once.
 * With a nucleation barrier the faces are netted at the lattice's own galvanostatic potential
 * rather than at the field's barrier-free V ({@code refreshNetReference}).
 *
 * <p>Field updates are scheduled events of the exact solver every {@code transport.field.interval_s}
 * (0: {@link FieldCoupling#suggestedInterval} at the protocol's largest current): the charge
 * passed over the interval is the salt sink (the site events differ from it by the pending Li,
 * which the driven rate catches up), the domain follows the lattice, V is solved again and every
 * rate is rebuilt. A protocol step boundary updates the field at once and solves V at the new
 * current. When the electrolyte is depleted at the electrode (the wet-area mean of c over the
 * fluid cells touching the metal reaches 0: Sand's time,
 * {@link FieldCoupling#interfaceConcentration}) no potential can carry the current: the plating
 * step stalls with that reason.
 *
 * <p>Solids that carry Li+ are effective media of the electrolyte ({@link #effectiveTransport}):
 * a cell of porosity eps and tortuosity tau holds eps of its volume as electrolyte and has
 * D -> eps D / tau, kappa -> eps kappa / tau. A porous separator
 * ({@code transport.field.separatorPorosity} &gt; 0) fills the rows from separator_nm to the top
 * of the box; the reservoir or the counter electrode is on its upper face, and Li is blocked at
 * its lower face: a separator site never takes Li (its pores, tens of nm in Celgard-type
 * separators, are not resolved by coarse sites), it has no electrode area in the field, and
 * touching it is not a short circuit. A coating or layer (a non-fixed Li+ conductor) is lifted by
 * the Li deposited beneath it, as in the reaction mode; its cell takes the reduction current of
 * its faces to the metal.
 *
 * <p>{@code transport.field.farField_um} &gt; 0 puts a 1D region of electrolyte (free, or a
 * porous separator with {@code farFieldPorosity} and {@code farFieldTortuosity}) of that
 * thickness between the field's top and the reservoir or counter electrode ({@link
 * org.liko.model.field.FarField}; laterally uniform), for gaps the lattice cannot hold; its
 * salt is in the Li+ book and V is measured against its far end.
 *
 * <p>Li inventory: the lattice keeps its identity in sites exactly; the Li+ of the electrolyte
 * (real-valued, mol) is kept by the field's book, (Li+ in the electrolyte + Li reduced) - (start
 * + Li+ in through the top) = 0 to the solvers' tolerance ({@link #ionBookError}).
 */
final class FieldTransport implements Transport {
  /** Token of the scheduled field update. */
  static final long UPDATE_TOKEN = Long.MIN_VALUE + 1;

  private final LiModel model;
  private final Kinetics kinetics;
  private final ElectrolyteField field;
  private final FieldCoupling coupling;
  private final byte[] cells;
  private final int[] flags;
  private final Grid grid;
  private final int fieldSites; // the sites below the separator plane (where Li can go)
  private final boolean[] inField; // by material: a solid with a porosity in the field
  private final double atomsPerSite;
  private ExactSolver solver;
  private boolean depleted;
  private double depletedAt = Double.NaN;
  private double shift; // f dV of the last solve (NaN: no root)
  private long updates;
  // overpotential-driven nucleation on foreign substrates (unused when every barrier is 0)
  private final boolean nucleation;
  private final int nucPower;
  private final double[] nucCoef; // c_k of dG* / kT = c_k / |f eta|^p per nucleation class
  private final double[] nucOff; // ybar_k: mean f (V - Phi) of class k's candidates at the update
  private final double[] nucN; // scratch: channel weights for the shift solve
  private final double[] nucW; // scratch of refreshNucleation: weight sums per class
  private final double[] nucWy; // scratch of refreshNucleation: weighted sums of y per class
  private double sRef; // the shift the leaves' local barriers are referred to
  private final String source; // the scenario's name, for messages
  private final double exchangeMaCm2; // kinetics.exchangeCurrent_mA_cm2, for messages
  private final boolean netExchange; // transport.field.exchange: net (or auto on coarse sites)
  private boolean grossPass; // refreshNetReference: the leaves' gross weights are read
  private long eventsSinceUpdate; // reductions, oxidations and SEI sites since the last update
  private boolean resolving; // net exchange: an update is scheduled now (see solveShift)
  private final SeiFilm film; // sub-grid SEI film (sei.film), or null
  private final int separatorZ; // first row of the separator (Li is blocked from it up)
  private final double[] layers; // transport stack above the lattice's gap: thickness, eps, tau
  private final double exchangeAm2; // i0 at c0, A/m^2

  FieldTransport(LiModel model, Kinetics kinetics, Scenario s, double aM, long atomsPerSite,
      int separatorZ, boolean parallel) {
    this.model = model;
    this.kinetics = kinetics;
    Lattice lattice = model.lattice();
    this.grid = lattice.grid();
    this.cells = lattice.cells();
    this.flags = model.materials().flags;
    this.atomsPerSite = atomsPerSite;
    refuseUnsupported(s, parallel, separatorZ);
    double t = s.d("temperature_K");
    Electrolyte props;
    try {
      props = Electrolyte.valoenReimers(t);
    } catch (IllegalArgumentException e) {
      throw new InputException(s.source() + ": field 'temperature_K': value " + t
          + " is outside the 263-333 K of the Valoen-Reimers electrolyte fits that"
          + " transport.mode field uses; allowed: 263 to 333");
    }
    double c0 = s.d("kinetics.concentration_M") * 1000.0;
    props = electrolyte(s, props, c0);
    ElectrolyteField.Top top = s.s("transport.field.top").equals("counter")
        ? ElectrolyteField.Top.COUNTER_ELECTRODE : ElectrolyteField.Top.RESERVOIR;
    int nx = grid.nx;
    int ny = grid.ny;
    double[] eps = new double[Lattice.MAX_MATERIALS];
    double[] tau = new double[Lattice.MAX_MATERIALS];
    effectiveTransport(s, eps, tau);
    this.inField = new boolean[Lattice.MAX_MATERIALS];
    for (int m = 0; m < eps.length; m++) {
      inField[m] = eps[m] > 0;
    }
    // a porous separator is part of the field: the top boundary sits on its upper face
    int fieldNz = eps[LiMaterials.SEPARATOR] > 0 ? grid.nz : separatorZ;
    this.field = new ElectrolyteField(nx, ny, fieldNz, aM, props, t, c0, top);
    double i0 = Physics.mAcm2ToAm2(s.d("kinetics.exchangeCurrent_mA_cm2"));
    field.setKinetics(i0, s.d("kinetics.alpha"));
    double farUm = s.d("transport.field.farField_um");
    if (farUm > 0) {
      field.setFarField(farUm * 1e-6, s.d("transport.field.farFieldPorosity"),
          s.d("transport.field.farFieldTortuosity"));
    }
    LatticeFieldMap map = new LatticeFieldMap(nx, ny, fieldNz, aM, flags, eps, tau);
    double interval = s.d("transport.field.interval_s");
    if (interval <= 0) {
      double jMax = 0;
      for (Scenario.Step st : s.protocol()) {
        if (!st.kind().equals("rest")) {
          jMax = Math.max(jMax, st.current_mA_cm2());
        }
      }
      interval = FieldCoupling.suggestedInterval(Physics.mAcm2ToAm2(jMax), aM, atomsPerSite,
          props, c0);
    }
    this.coupling = new FieldCoupling(field, map, nx, ny, fieldNz, atomsPerSite, i0,
        interval);
    this.netExchange = netExchange(s.s("transport.field.exchange"), atomsPerSite);
    coupling.setNetExchange(netExchange);
    this.film = model.film();
    if (film != null && !netExchange) {
      throw new InputException(s.source() + ": field 'sei.film': value true needs each face at"
          + " its local net Butler-Volmer rate (with gross exchange every whole-site exchange"
          + " event would crack the films around it); allowed: transport.field.exchange net"
          + " with the film, or sei.film false");
    }
    this.fieldSites = nx * ny * separatorZ;
    this.separatorZ = separatorZ;
    this.exchangeAm2 = i0;
    // the porous separator rows of the lattice, then the far field (thickness m, eps, tau)
    this.layers = new double[] {
        eps[LiMaterials.SEPARATOR] > 0 ? (grid.nz - separatorZ) * aM : 0.0,
        eps[LiMaterials.SEPARATOR] > 0 ? eps[LiMaterials.SEPARATOR] : 1.0,
        tau[LiMaterials.SEPARATOR],
        farUm * 1e-6, s.d("transport.field.farFieldPorosity"),
        s.d("transport.field.farFieldTortuosity")};
    int nf = kinetics.foreignCount();
    this.nucCoef = new double[nf];
    boolean nuc = false;
    for (int k = 0; k < nf; k++) {
      nucCoef[k] = kinetics.nucleationCoef(kinetics.foreignMaterial(k));
      nuc |= nucCoef[k] > 0;
    }
    this.nucleation = nuc;
    this.nucPower = kinetics.nucleationPower();
    this.nucOff = new double[nf];
    this.nucN = new double[nf];
    this.nucW = new double[nf];
    this.nucWy = new double[nf];
    this.source = s.source();
    this.exchangeMaCm2 = s.d("kinetics.exchangeCurrent_mA_cm2");
  }

  /**
   * The regime numbers of the field at current density {@code j} (A/m^2, 0 at rest), with the
   * bulk electrolyte's properties at c0 (D, kappa, t+ of the Valoen-Reimers fits or the
   * scenario's overrides) and the bare exchange current i0 (the SEI film's series resistance is
   * not in it), into {@code out}:
   * <ul>
   *   <li>{@code transportLength_um}: L_T = L_gap + L_sep tau_s / eps_s + L_far tau_f / eps_f,
   *       the length of free electrolyte with the stack's diffusion resistance; L_gap is the
   *       mean over columns of the free height between the electrode (the highest solid below
   *       the separator) and the separator plane, now.</li>
   *   <li>{@code limitingCurrent_mA_cm2}: J_lim of the 1D stack in steady state. With a
   *       reservoir at the top, F D c0 / ((1 - t+) L_T); with the salt-conserving counter
   *       electrode the salt of the stack stays, so c falls at the electrode and rises at the
   *       counter: J_lim = F c0 (integral of eps dz) / ((1 - t+) integral of eps(z) R(z) dz)
   *       with R(z) = integral from 0 to z of tau / (eps D) (twice the reservoir value in a
   *       uniform gap).</li>
   *   <li>{@code jOverJlim}: j / J_lim.</li>
   *   <li>{@code sandTime_s}: t_s = pi D (c0 F)^2 / (4 (j (1 - t+))^2), the semi-infinite
   *       Sand time at j (infinite at rest).</li>
   *   <li>{@code wagner}: Wa = kappa (RT / F) / (i0 l) with l = {@code wagnerLength_um}, the
   *       box width (the longest lateral wavelength the run holds, so the smallest Wa of the
   *       run): Wa &gt;&gt; 1, the current is nearly uniform over l.</li>
   *   <li>{@code damkohler}: Da = k L_T / D with k = i0 / (F c0), and {@code
   *       damkohlerLength_nm} = D / k.</li>
   * </ul>
   */
  void regimeNumbers(double j, Map<String, Object> out) {
    Electrolyte e = field.electrolyte();
    double c0 = field.bulkConcentration();
    double d = e.diffusivity(c0);
    double tm = 1 - e.tPlus();
    double a = field.cellEdge();
    // mean free gap between the electrode and the separator plane
    double gapSum = 0;
    int columns = grid.nx * grid.ny;
    for (int col = 0; col < columns; col++) {
      int top = 0; // first free row of the column
      for (int z = separatorZ - 1; z >= 0; z--) {
        int m = cells[z * grid.plane + col] & Lattice.MATERIAL_MASK;
        if (!model.materials().is(m, Material.FLUID)) {
          top = z + 1;
          break;
        }
      }
      gapSum += (separatorZ - top) * a;
    }
    double gap = gapSum / columns;
    // the stack: gap (free), separator rows, far field; R = integral of tau / (eps D) dz
    double[] th = {gap, layers[0], layers[3]};
    double[] ep = {1.0, layers[1], layers[4]};
    double[] ta = {1.0, layers[2], layers[5]};
    double lT = 0;
    for (int k = 0; k < 3; k++) {
      lT += th[k] > 0 ? th[k] * ta[k] / ep[k] : 0.0;
    }
    double jLim = FarField.limitingCurrent(d, c0, e.tPlus(),
        field.top() == ElectrolyteField.Top.RESERVOIR, th, ep, ta);
    out.put("transportLength_um", lT * 1e6);
    out.put("limitingCurrent_mA_cm2", jLim / 10.0);
    out.put("jOverJlim", j / jLim);
    double fc = c0 * Physics.FARADAY;
    out.put("sandTime_s", j > 0 ? Math.PI * d * fc * fc / (4 * (j * tm) * (j * tm))
        : Double.POSITIVE_INFINITY);
    double width = grid.nx * a;
    out.put("wagnerLength_um", width * 1e6);
    out.put("wagner", e.kappa(c0) / (field.fOverRt() * exchangeAm2 * width));
    double k = exchangeAm2 / fc;
    out.put("damkohler", k * lT / d);
    out.put("damkohlerLength_nm", d / k * 1e9);
  }

  /**
   * The exchange {@code transport.field.exchange} resolves to: {@code net} and {@code gross} as
   * named; {@code auto} (the default) is net on coarse sites (n &gt; 1 atoms per site, where a
   * whole-site event would carry n times the atomistic shot noise) and gross at n = 1 (where
   * each event is one atom's reduction or oxidation, the atomistic process itself).
   */
  static boolean netExchange(String exchange, double atomsPerSite) {
    return exchange.equals("net") || exchange.equals("auto") && atomsPerSite > 1;
  }

  /**
   * Porosity and tortuosity by material id of the solids that carry Li+ in the field: the
   * separator from {@code transport.field.separatorPorosity} and {@code separatorTortuosity}
   * (0: a solid wall, the field ends below it), and the scenario's own Li+-conducting solids
   * from their {@code porosity} and {@code tortuosity} (materials rows). Every other solid is
   * 0 (no electrolyte); fluids are 1 in the map whatever is here.
   */
  private void effectiveTransport(Scenario s, double[] eps, double[] tau) {
    java.util.Arrays.fill(tau, 1.0);
    eps[LiMaterials.SEPARATOR] = s.d("transport.field.separatorPorosity");
    tau[LiMaterials.SEPARATOR] = s.d("transport.field.separatorTortuosity");
    int builtIn = model.materials().size() - s.materials().size();
    for (int k = 0; k < s.materials().size(); k++) {
      Scenario.MaterialSpec m = s.materials().get(k);
      int id = builtIn + k;
      if (model.materials().is(id, Material.CARRIER_CONDUCTOR)
          && !model.materials().is(id, Material.FLUID)) {
        eps[id] = m.porosity();
        tau[id] = m.tortuosity();
      }
    }
  }

  /**
   * A field solve that failed at model time t as bad input (exit 2): what failed, and the
   * scenario keys that make it solvable (the solves converge for the exchange currents and
   * update intervals of the validation cases; they fail when the faces react so fast that a
   * coarse site's event moves the potential by many RT/F, or when no potential can carry the
   * current).
   */
  private InputException failed(FieldSolveException e, double t) {
    return new InputException(source + ": transport.mode field: the electrolyte field could not"
        + " be solved at t = " + t + " s: " + e.getMessage() + "; the field's Butler-Volmer faces at kinetics.exchangeCurrent_mA_cm2 "
        + exchangeMaCm2 + " may react too fast for the lattice's coarse events between updates"
        + " every " + coupling.interval() + " s, or the electrode may have no surface that"
        + " carries the current; allowed: a lower kinetics.exchangeCurrent_mA_cm2 (the"
        + " validation cases use 1 to 30), a shorter transport.field.interval_s, or a protocol"
        + " whose steps leave Li in contact with the electrolyte", e);
  }

  /**
   * The field's electrolyte: {@code base} (Valoen-Reimers at temperature_K) with the measured
   * values of {@code transport.field.conductivity_S_m}, {@code diffusivity_m2_s} and {@code
   * tPlus} put in at c0 ({@link Electrolyte#adjusted}); {@code base} itself at the defaults.
   */
  static Electrolyte electrolyte(Scenario s, Electrolyte base, double c0) {
    return Electrolyte.adjusted(base, c0, s.d("transport.field.conductivity_S_m"),
        s.d("transport.field.diffusivity_m2_s"), s.d("transport.field.tPlus"));
  }

  /** Named errors for what the field mode does not handle yet. */
  private void refuseUnsupported(Scenario s, boolean parallel, int separatorZ) {
    String src = s.source() + ": ";
    if (parallel) {
      throw new InputException(src + "transport.mode field runs on the exact solver only (the"
          + " field relaxation is not yet a pass of the parallel solver); use --solver exact");
    }
    if (Thermal.of(s).active()) {
      throw new InputException(src + "field 'thermal.selfHeating_K_per_mA2cm4': self-heating"
          + " changes the temperature, but the field's electrolyte properties are fixed at"
          + " temperature_K; allowed: 0 with transport.mode field");
    }
    long[] present = model.lattice().countByMaterial();
    for (int m = 0; m < model.materials().size(); m++) {
      if (present[m] == 0 || m == LiMaterials.SEPARATOR) {
        continue;
      }
      boolean conducts = model.materials().is(m, Material.CARRIER_CONDUCTOR);
      boolean fluid = model.materials().is(m, Material.FLUID);
      String name = model.materials().get(m).name();
      if (conducts && !fluid && model.materials().is(m, Material.ELECTRONIC)
          && model.materials().is(m, Material.DEPOSIT_ON)) {
        throw new InputException(src + "material '" + name + "' conducts both electrons"
            + " (and takes deposits) and Li+: a mixed-conducting host, whose internal reaction"
            + " area transport.mode field has no model for; allowed: drop carrierConductor from"
            + " its flags (the pores between its grains are electrolyte sites of the field), or"
            + " transport.mode reaction");
      }
      if (conducts && !fluid && porosityOf(s, m) == 0) {
        throw new InputException(src + "material '" + name + "' conducts Li+ as a solid (a"
            + " coating, layer or porous host), but has no porosity for the electrolyte field;"
            + " allowed: give its materials row porosity (0-1) and tortuosity (>= 1), the"
            + " effective medium D -> eps D / tau, kappa -> eps kappa / tau (docs/model.md),"
            + " or use transport.mode reaction");
      }
    }
    for (int i = grid.plane * separatorZ; i < grid.sites; i++) {
      if ((cells[i] & Lattice.MATERIAL_MASK) != LiMaterials.SEPARATOR) {
        throw new InputException(src + "transport.mode field needs the separator wall to fill"
            + " every row from separator_nm up (found another material at z = " + (i / grid.plane)
            + "); allowed: nothing but the separator above separator_nm (make it porous with"
            + " transport.field.separatorPorosity)");
      }
    }
  }

  /** The porosity a scenario material row gives material id m (0 for a built-in). */
  private double porosityOf(Scenario s, int m) {
    int k = m - (model.materials().size() - s.materials().size());
    return k >= 0 ? s.materials().get(k).porosity() : 0.0;
  }

  @Override
  public boolean siteReduction() {
    return true;
  }

  /**
   * Reduction and oxidation as in the reaction mode; the nucleation channels are live only when
   * some foreign substrate has a nucleation barrier (else its candidates reduce barrier-free in
   * the reduction channel).
   */
  @Override
  public boolean channelActive(int c, LiModel.Mode m) {
    if (c >= LiModel.NUCLEATE && !nucleation) {
      return false;
    }
    return m != LiModel.Mode.REST || kinetics.exchangeAtRest();
  }

  @Override
  public boolean foreignInDeposit() {
    return !nucleation;
  }

  /**
   * Leaf of candidate site i on foreign substrate k: its faces to the substrate times the local
   * Butler-Volmer factor (as {@link #reductionWeight}) times its local nucleation weight
   * relative to the class's, exp(-c / |y_i + s_ref|^p) / exp(-c / |ybar_k + s_ref|^p), with
   * y_i = f (V - Phi_i) at the last update, ybar_k the class mean and s_ref the reference shift
   * ({@link #refreshNucleation}). The channel's driven rate carries exp(-c / |ybar_k + s|^p) at
   * the present shift s, so site i nucleates at exactly its local
   * exp(-alpha f eta_i) exp(-dG*(eta_i) / kT) when s = s_ref or Phi is uniform over the
   * candidates, and to first order in (y_i - ybar_k)(s - s_ref) otherwise. The relative factor
   * is capped at e^50 (a candidate far more cathodic than the class mean).
   */
  @Override
  public double nucleationLeaf(int i, int k) {
    if (i >= fieldSites) {
      return 0.0;
    }
    double base = coupling.reductionWeight(i, electrodeFaces(i));
    double ref = nucOff[k] + sRef;
    if (base == 0.0 || !(ref < 0)) {
      return base;
    }
    double y = coupling.localX(i) + sRef;
    if (!(y < 0)) {
      return 0.0;
    }
    double c = nucCoef[k];
    double e = nucPower == 2 ? c / (ref * ref) - c / (y * y) : c / -ref - c / -y;
    return base * StrictMath.exp(Math.min(e, 50.0));
  }

  /**
   * Refers the nucleation leaves to the field just solved: ybar_k, the mean of f (V - Phi) over
   * class k's candidate sites weighted by their Butler-Volmer factor, and s_ref = f (E_prev - V),
   * E_prev the electrode potential V + dV before the update (0 when there was none). The caller
   * rebuilds every rate after this.
   */
  private void refreshNucleation(double ePrev) {
    if (!nucleation) {
      return;
    }
    double f = field.fOverRt();
    double v = field.electrodePotential();
    sRef = Double.isFinite(ePrev) ? f * (ePrev - v) : 0.0;
    int nf = nucOff.length;
    double[] w = nucW;
    double[] wy = nucWy;
    java.util.Arrays.fill(w, 0.0);
    java.util.Arrays.fill(wy, 0.0);
    int[] foreign = kinetics.foreign();
    for (int i = 0; i < fieldSites; i++) {
      if ((flags[cells[i] & Lattice.MATERIAL_MASK] & Material.FLUID) == 0) {
        continue;
      }
      int cls = SiteRules.depositClass(cells, flags, i, grid.nx, grid.ny, grid.nz,
          grid.directions, LiMaterials.LI);
      if (cls == SiteRules.NONE || SiteRules.depositKind(cls) != SiteRules.ON_FOREIGN) {
        continue;
      }
      int m = cls % Lattice.MAX_MATERIALS;
      for (int k = 0; k < nf; k++) {
        if (foreign[k] == m) {
          double b = coupling.reductionWeight(i, electrodeFaces(i));
          double y = coupling.localX(i);
          if (b > 0 && !Double.isNaN(y)) {
            w[k] += b;
            wy[k] += b * y;
          }
        }
      }
    }
    for (int k = 0; k < nf; k++) {
      nucOff[k] = w[k] > 0 ? wy[k] / w[k] : f * v;
    }
  }

  /**
   * Net exchange with nucleation on a foreign substrate, while plating: nets the faces at the
   * lattice's own galvanostatic potential ({@link FieldCoupling#setNetReference}). The field's
   * potential solve treats the substrate as barrier-free, so while nuclei form its V lies near
   * equilibrium (12 mV at 0.5 mA/cm^2 on bare Cu at i0 = 1 mA/cm^2) and the electrode's potential
   * far below it (about 75 mV: the current must pass the barrier). Faces netted at V then keep
   * only r - o = (1 - exp(f eta_V)) r of their cathodic rate (0.37 r there), and a Li face near
   * an anodic cell even oxidises while the cell plates: growth is starved, the shift drives eta
   * further and nucleation wins. The reference here is the shift x* that carries the current
   * with every leaf's gross weight, R exp(-alpha x*) - O exp((1 - alpha) x*) + nucleation
   * = I / (n e) - SEI: netting every face at x* leaves that sum unchanged (a face's net
   * cathodic minus net anodic part is its gross difference), so right after the update the
   * netted channels carry the current at x = x* and each face reacts at its net rate at the
   * electrode's potential. One pass over the field's sites per update (the cost of a rebuild).
   * Otherwise (gross, no nucleation, not plating, or no root) the faces are netted at V.
   */
  private void refreshNetReference() {
    if (!netExchange || !nucleation) {
      return;
    }
    double x = 0.0;
    if (solver != null && model.mode() == LiModel.Mode.PLATE && !depleted) {
      grossPass = true;
      try {
        double r = 0;
        double o = 0;
        java.util.Arrays.fill(nucN, 0.0);
        for (int i = 0; i < fieldSites; i++) {
          r += model.weight(LiModel.DEPOSIT, i);
          o += model.weight(LiModel.DISSOLVE, i);
          for (int k = 0; k < nucN.length; k++) {
            nucN[k] += model.weight(LiModel.NUCLEATE + k, i);
          }
        }
        double rSei = model.seiOn() ? solver.channelRate(LiModel.SEI) : 0.0;
        x = coupling.shift(r, o, rSei, nucN, nucCoef, nucOff, nucN.length, nucPower);
      } finally {
        grossPass = false;
      }
      x = Double.isFinite(x) ? x : 0.0;
    }
    coupling.setNetReference(x);
  }

  /** V + dV of the last shift solve, V; NaN when there is none. */
  private double electrodePotentialNow() {
    return Double.isNaN(shift) ? Double.NaN : field.electrodePotential() + shift / field.fOverRt();
  }

  @Override
  public double reductionWeight(int i, double w) {
    if (w == 0.0 || i >= fieldSites) {
      return 0.0;
    }
    if (!netExchange || grossPass) {
      return w * coupling.reductionWeight(i, electrodeFaces(i));
    }
    if (film != null) {
      int faces = electrodeFaces(i);
      return faces == 0 ? 0.0
          : w * coupling.reductionWeight(i, faces - dissolvableFaces(i), filmFaces(i));
    }
    return w * coupling.reductionWeight(i, electrodeFaces(i), dissolvableFaces(i));
  }

  /**
   * Sum over the faces of site i to electrode sites that can dissolve (Li) of their sub-grid
   * film's exchange-current factor ({@link SeiFilm#factor}) at the last field update's time:
   * the films' ages are frozen between updates like c and Phi (a film cracked since the update
   * is bare), so every rate is a function of the saved state and a resumed run is the same run.
   */
  private double filmFaces(int i) {
    double g = 0;
    double t = coupling.lastUpdate();
    int want = Material.ELECTRONIC | Material.DEPOSIT_ON | Material.BEARS_CARRIER;
    for (int d = 0; d < grid.directions && d < 6; d++) {
      int k = grid.neighbour(i, d);
      if (k >= 0 && (flags[cells[k] & Lattice.MATERIAL_MASK] & want) == want) {
        g += film.factor(k, t);
      }
    }
    return g;
  }

  /** Faces of site i shared with electrode sites that can dissolve (Li: bears the carrier). */
  private int dissolvableFaces(int i) {
    int n = 0;
    int want = Material.ELECTRONIC | Material.DEPOSIT_ON | Material.BEARS_CARRIER;
    for (int d = 0; d < grid.directions && d < 6; d++) {
      int k = grid.neighbour(i, d);
      if (k >= 0) {
        n += (flags[cells[k] & Lattice.MATERIAL_MASK] & want) == want ? 1 : 0;
      }
    }
    return n;
  }

  /**
   * Sum over the faces of metal site i to fluid sites, and to layer sites that carry Li+ in the
   * field (non-fixed Li+ conductors given a porosity, into which the lattice dissolves Li as in
   * the reaction mode), of the local oxidation factor.
   */
  @Override
  public double oxidationWeight(int i, double v) {
    double sum = 0;
    for (int d = 0; d < grid.directions && d < 6; d++) {
      int k = grid.neighbour(i, d);
      if (k >= 0 && k < fieldSites) {
        int f = flags[cells[k] & Lattice.MATERIAL_MASK];
        if ((f & Material.FLUID) != 0 || (f & Material.CARRIER_CONDUCTOR) != 0
            && (f & Material.FIXED) == 0 && inField[cells[k] & Lattice.MATERIAL_MASK]) {
          sum += coupling.oxidationFaceWeight(k, netExchange && !grossPass);
        }
      }
    }
    if (film != null && sum > 0) {
      sum *= film.factor(i, coupling.lastUpdate());
    }
    return sum;
  }

  /** Faces of site i shared with electrode sites (electronic conductors that take deposits). */
  private int electrodeFaces(int i) {
    int n = 0;
    for (int d = 0; d < grid.directions && d < 6; d++) {
      int k = grid.neighbour(i, d);
      if (k >= 0) {
        int f = flags[cells[k] & Lattice.MATERIAL_MASK];
        n += (f & (Material.ELECTRONIC | Material.DEPOSIT_ON))
            == (Material.ELECTRONIC | Material.DEPOSIT_ON) ? 1 : 0;
      }
    }
    return n;
  }

  /** Applied current, A, reduction positive (the model's driven rate is I / (n e)). */
  private double applied() {
    double i = model.currentPerE() * atomsPerSite * Physics.E_CHARGE;
    return model.mode() == LiModel.Mode.PLATE ? i : model.mode() == LiModel.Mode.STRIP ? -i : 0.0;
  }

  @Override
  public void attach(ExactSolver s, UniformRandomProvider rng) {
    this.solver = s;
    try {
      depleted = !coupling.start(cells, s.time(), applied());
    } catch (FieldSolveException e) {
      throw failed(e, s.time());
    }
    refreshNucleation(Double.NaN);
    refreshNetReference();
    s.clearScheduled();
    s.schedule(coupling.nextUpdate(), UPDATE_TOKEN);
    s.rebuild();
  }

  /** A step boundary: the field catches up now and solves V at the new current. */
  @Override
  public void modeChanged() {
    if (solver == null) {
      return;
    }
    double ePrev = electrodePotentialNow();
    fieldUpdate(solver.time());
    if (!depleted) {
      try {
        depleted = !coupling.setCurrent(applied());
      } catch (FieldSolveException e) {
        throw failed(e, solver.time());
      }
    } else {
      coupling.setCurrentLater(applied());
    }
    refreshNucleation(ePrev);
    refreshNetReference();
  }

  @Override
  public boolean rebuildOnModeChange() {
    return true;
  }

  private void fieldUpdate(double t) {
    if (film != null) {
      film.grow(t, cells, flags, grid, LiMaterials.LI, LiMaterials.LI_DEAD, Material.FLUID);
    }
    boolean ok;
    try {
      ok = coupling.update(t, cells);
    } catch (FieldSolveException e) {
      throw failed(e, t);
    }
    updates++;
    eventsSinceUpdate = 0;
    resolving = false;
    if (!ok && !depleted && coupling.concentrationDepleted()) {
      depletedAt = coupling.depletionTime();
    }
    depleted = !ok;
    solver.clearScheduled();
    solver.schedule(coupling.nextUpdate(), UPDATE_TOKEN);
  }

  @Override
  public void fireScheduled(long token, UniformRandomProvider rng, Changes ch) {
    if (token != UPDATE_TOKEN) {
      throw new IllegalStateException("field transport: unknown scheduled token " + token);
    }
    double ePrev = electrodePotentialNow();
    fieldUpdate(ch.now());
    refreshNucleation(ePrev);
    refreshNetReference();
    ch.rebuildAll();
  }

  @Override
  public void reduced(int i) {
    coupling.reduced(i);
    coupling.siteEventAt(solver != null ? solver.time() : coupling.lastUpdate());
    eventsSinceUpdate++;
  }

  @Override
  public void oxidised(int i) {
    coupling.oxidised(i);
    coupling.siteEventAt(solver != null ? solver.time() : coupling.lastUpdate());
    eventsSinceUpdate++;
  }

  /**
   * SEI formed from the current at fluid site i: its n Li+ leave the electrolyte like a
   * reduction's (the field's salt sink and Li+ book count them; the interval's sinks are spread
   * over the interface cells with the reductions, {@link FieldCoupling#update}), its n electrons
   * are in the model's charge count. The site turns into a blocking solid at the next update.
   */
  @Override
  public void seiFromCurrent(int i) {
    coupling.reduced(i);
    coupling.siteEventAt(solver != null ? solver.time() : coupling.lastUpdate());
    eventsSinceUpdate++;
  }

  /** The shift is solved when the reduction channel's rate is read (first, in channel order). */
  @Override
  public double drivenRate(int c) {
    if (c == LiModel.INJECT || c >= LiModel.NUCLEATE && !nucleation) {
      return 0.0;
    }
    if (c == LiModel.DEPOSIT) {
      solveShift();
    }
    if (Double.isNaN(shift)) {
      return 0.0;
    }
    double a = field.alpha();
    if (c == LiModel.DEPOSIT) {
      return coupling.rateScale() * StrictMath.exp(-a * shift)
          * solver.channelWeight(LiModel.DEPOSIT);
    }
    if (c >= LiModel.NUCLEATE) {
      int k = c - LiModel.NUCLEATE;
      return coupling.rateScale() * StrictMath.exp(-a * shift)
          * ButlerVolmer.nucleationWeight(nucCoef[k], nucPower, nucOff[k] + shift)
          * solver.channelWeight(c);
    }
    return coupling.rateScale() * StrictMath.exp((1 - a) * shift)
        * solver.channelWeight(LiModel.DISSOLVE);
  }

  private void solveShift() {
    if (solver == null || !model.channelActive(LiModel.DEPOSIT)
        || depleted && model.mode() != LiModel.Mode.REST) {
      shift = Double.NaN;
      return;
    }
    // while plating, the SEI formed from the current takes its share of I / (n e)
    double rSei = model.mode() == LiModel.Mode.PLATE && model.seiOn()
        ? solver.channelRate(LiModel.SEI) : 0.0;
    if (nucleation) {
      for (int k = 0; k < nucN.length; k++) {
        nucN[k] = solver.channelWeight(LiModel.NUCLEATE + k);
      }
      shift = coupling.shift(solver.channelWeight(LiModel.DEPOSIT),
          solver.channelWeight(LiModel.DISSOLVE), rSei, nucN, nucCoef, nucOff, nucN.length,
          nucPower);
    } else {
      shift = coupling.shift(solver.channelWeight(LiModel.DEPOSIT),
          solver.channelWeight(LiModel.DISSOLVE), rSei);
    }
    if (netExchange && Double.isNaN(shift) && eventsSinceUpdate > 0) {
      // the lattice has used up the field's cathodic (or anodic) net faces since the update:
      // the field catches up now (a scheduled update at this time) instead of stalling
      solver.clearScheduled();
      solver.schedule(solver.time(), UPDATE_TOKEN);
      resolving = true;
    }
  }

  /**
   * The electrode potential V + dV (V) against a Li reference at Phi = 0 on the top plane: the
   * surface overpotential plus the electrolyte's ohmic and concentration drop (negative while
   * plating); +infinity once the electrolyte is depleted under current.
   */
  @Override
  public double overpotential() {
    if (solver == null) {
      return 0.0;
    }
    if (Double.isNaN(shift)) {
      return model.mode() == LiModel.Mode.REST ? 0.0
          : model.mode() == LiModel.Mode.PLATE ? Double.NEGATIVE_INFINITY
          : Double.POSITIVE_INFINITY;
    }
    return field.electrodePotential() + shift / field.fOverRt();
  }

  @Override
  public boolean canCarry() {
    return !Double.isNaN(shift) || resolving;
  }

  @Override
  public String stallReason() {
    if (depleted && !coupling.concentrationDepleted()) {
      return "no electrode potential passes the applied current (the field's galvanostatic"
          + " potential solve found no root)";
    }
    return depleted ? "the electrolyte is depleted at the electrode (c <= 0 next to it at t = "
        + depletedAt + " s: Sand's time)" : null;
  }

  /** Li+ in the electrolyte now, mol. */
  double ionMoles() {
    return coupling.ionMoles();
  }

  /** The Li+ book's error, mol (see {@link FieldCoupling#inventoryError}). */
  double ionBookError() {
    return coupling.inventoryError();
  }

  /** Wet-area mean salt concentration at the electrode, mol/m^3 (last update). */
  double interfaceConcentration() {
    return coupling.interfaceConcentration();
  }

  /** Salt that left the field in pockets cut off by the deposit, mol (net). */
  double unbookedSalt() {
    return coupling.unbookedSalt();
  }

  /** Time the electrolyte first depleted, s, or NaN. */
  double depletedAt() {
    return depletedAt;
  }

  /** The field (tests and observers). */
  ElectrolyteField field() {
    return field;
  }

  /** Model time between field updates, s. */
  double interval() {
    return coupling.interval();
  }

  @Override
  public Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("top", field.top() == ElectrolyteField.Top.RESERVOIR ? "reservoir" : "counter");
    m.put("updateInterval_s", coupling.interval());
    m.put("updates", updates);
    m.put("atomsPerSite", (long) atomsPerSite);
    m.put("exchange", netExchange ? "net" : "gross");
    m.put("ions_mol", coupling.ionMoles());
    m.put("ionsInThroughTop_mol", coupling.topInMoles());
    m.put("ionBookError_mol", coupling.inventoryError());
    m.put("pendingLi_mol", coupling.pendingMoles());
    m.put("electrodePotential_V", field.electrodePotential());
    if (field.farField() != null) {
      m.put("farField_um", field.farField().length() * 1e6);
      m.put("farFieldCells", field.farField().cells());
      m.put("farFieldPorosity", field.farField().porosity());
      m.put("farFieldPermeability", field.farField().permeability());
      m.put("farFieldInterfaceConcentration_mol_m3", field.farField().surface());
      m.put("farFieldPotentialDrop_V", field.farField().surfacePotential());
    }
    m.put("depletedAt_s", Double.isNaN(depletedAt) ? null : depletedAt);
    if (film != null) {
      double t = solver == null ? 0.0 : solver.time();
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("resistanceLength_nm", film.resistanceLength());
      f.put("meanThicknessLive_nm", film.meanThickness(cells, flags, grid, LiMaterials.LI,
          Material.FLUID, t));
      f.put("meanThicknessDead_nm", film.meanThickness(cells, flags, grid, LiMaterials.LI_DEAD,
          Material.FLUID, t));
      f.put("filmCracks", film.cracks());
      f.put("filmLiLeftByStrippedSites", film.debris());
      m.put("seiFilm", f);
    }
    return m;
  }

  /**
   * Writes the field transport for a checkpoint: the depletion flag and time, the last shift
   * f dV (raw bits), the update count, with net exchange the events since the update and the
   * pending catch-up flag, then the coupling (c, Phi, V, the domain, the pending
   * sinks, the Li+ book). The next field update is the solver's scheduled event
   * ({@link #UPDATE_TOKEN}), which the solver's queue writes.
   */
  @Override
  public void save(org.liko.engine.checkpoint.StateOut out) {
    out.section("field").b(depleted).d(depletedAt).d(shift).l(updates);
    if (nucleation) {
      out.d(sRef).doubles(nucOff);
      if (netExchange) {
        out.d(coupling.netReference());
      }
    }
    if (netExchange) {
      out.l(eventsSinceUpdate).b(resolving);
    }
    coupling.save(out);
  }

  @Override
  public void restore(org.liko.engine.checkpoint.StateIn in) {
    in.section("field");
    depleted = in.b();
    depletedAt = in.d();
    shift = in.d();
    updates = in.l();
    if (nucleation) {
      sRef = in.d();
      in.doubles(nucOff);
      if (netExchange) {
        coupling.setNetReference(in.d());
      }
    }
    if (netExchange) {
      eventsSinceUpdate = in.l();
      resolving = in.b();
    }
    coupling.restore(in);
  }
}
