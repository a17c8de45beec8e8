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
import org.liko.model.field.Electrolyte;
import org.liko.model.field.ElectrolyteField;
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
 * <p>Field updates are scheduled events of the exact solver every {@code transport.field.interval_s}
 * (0: {@link FieldCoupling#suggestedInterval} at the protocol's largest current): the events of
 * the interval are the salt sink, the domain follows the lattice, V is solved again and every
 * rate is rebuilt. A protocol step boundary updates the field at once and solves V at the new
 * current. When the electrolyte is depleted at the electrode (the wet-area mean of c over the
 * fluid cells touching the metal reaches 0: Sand's time,
 * {@link FieldCoupling#interfaceConcentration}) no potential can carry the current: the plating
 * step stalls with that reason.
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
  private final int fieldSites; // the sites below the separator plane
  private final double atomsPerSite;
  private ExactSolver solver;
  private boolean depleted;
  private double depletedAt = Double.NaN;
  private double shift; // f dV of the last solve (NaN: no root)
  private long updates;
  private final String source; // the scenario's name, for messages
  private final double exchangeMaCm2; // kinetics.exchangeCurrent_mA_cm2, for messages

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
    ElectrolyteField.Top top = s.s("transport.field.top").equals("counter")
        ? ElectrolyteField.Top.COUNTER_ELECTRODE : ElectrolyteField.Top.RESERVOIR;
    int nx = grid.nx;
    int ny = grid.ny;
    this.field = new ElectrolyteField(nx, ny, separatorZ, aM, props, t, c0, top);
    double i0 = Physics.mAcm2ToAm2(s.d("kinetics.exchangeCurrent_mA_cm2"));
    field.setKinetics(i0, s.d("kinetics.alpha"));
    double[] eps = new double[Lattice.MAX_MATERIALS];
    double[] tau = new double[Lattice.MAX_MATERIALS];
    java.util.Arrays.fill(tau, 1.0);
    LatticeFieldMap map = new LatticeFieldMap(nx, ny, separatorZ, aM, flags, eps, tau);
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
    this.coupling = new FieldCoupling(field, map, nx, ny, separatorZ, atomsPerSite, i0,
        interval);
    this.fieldSites = nx * ny * separatorZ;
    this.source = s.source();
    this.exchangeMaCm2 = s.d("kinetics.exchangeCurrent_mA_cm2");
  }

  /**
   * A field solve that failed at model time t as bad input (exit 2): what failed, and the
   * scenario keys that make it solvable (the solves converge for the exchange currents and
   * update intervals of the validation cases; they fail when the faces react so fast that a
   * coarse site's event moves the potential by many RT/F, or when no potential can carry the
   * current).
   */
  private InputException failed(FieldSolveException e, double t) {
    double area = grid.nx * grid.ny * Math.pow(field.cellEdge() * 100, 2); // cm^2
    return new InputException(source + ": transport.mode field: the electrolyte field could not"
        + " be solved at t = " + t + " s (" + applied() * 1000 / area + " mA/cm^2 applied): "
        + e.getMessage() + "; the field's Butler-Volmer faces at kinetics.exchangeCurrent_mA_cm2 "
        + exchangeMaCm2 + " may react too fast for the lattice's coarse events between updates"
        + " every " + coupling.interval() + " s, or the electrode may have no surface that"
        + " carries the current; allowed: a lower kinetics.exchangeCurrent_mA_cm2 (the"
        + " validation cases use 1 to 30), a shorter transport.field.interval_s, or a protocol"
        + " whose steps leave Li in contact with the electrolyte", e);
  }

  /** Named errors for what the field mode does not handle yet. */
  private void refuseUnsupported(Scenario s, boolean parallel, int separatorZ) {
    String src = s.source() + ": ";
    if (parallel) {
      throw new InputException(src + "transport.mode field runs on the exact solver only (the"
          + " field relaxation is not yet a pass of the parallel solver); use --solver exact");
    }
    if (!s.s("sei.recipe").equals("none") && s.d("sei.rate_Hz") > 0) {
      throw new InputException(src + "field 'sei.rate_Hz': value " + s.d("sei.rate_Hz")
          + " forms SEI, which transport.mode field does not handle yet (SEI formed from the"
          + " current is not in the field's Li+ book, and SEI has no porosity for the"
          + " electrolyte); allowed: sei.recipe none or sei.rate_Hz 0 with transport.mode field");
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
      if (conducts && !fluid) {
        throw new InputException(src + "material '" + model.materials().get(m).name()
            + "' conducts Li+ as a solid (a coating, layer or porous host), but transport.mode"
            + " field has no porosity or tortuosity for it yet; allowed: remove it, or use"
            + " transport.mode reaction");
      }
      if (m != LiMaterials.LI && kinetics.nucleationCoef(m) > 0
          && model.materials().is(m, Material.ELECTRONIC | Material.DEPOSIT_ON)) {
        throw new InputException(src + "field 'kinetics.interfacialEnergy_J_m2': value "
            + s.d("kinetics.interfacialEnergy_J_m2") + " gives an overpotential-driven"
            + " nucleation barrier on '" + model.materials().get(m).name() + "', which"
            + " transport.mode field does not handle yet; allowed: 0 (barrier-free nucleation)"
            + " with transport.mode field, or transport.mode reaction");
      }
    }
    for (int i = grid.plane * separatorZ; i < grid.sites; i++) {
      if ((cells[i] & Lattice.MATERIAL_MASK) != LiMaterials.SEPARATOR) {
        throw new InputException(src + "transport.mode field needs the separator wall to fill"
            + " every row from separator_nm up (found another material at z = " + (i / grid.plane)
            + "); a porous separator is not handled yet");
      }
    }
  }

  @Override
  public boolean siteReduction() {
    return true;
  }

  /** Reduction and oxidation as in the reaction mode; the nucleation channels stay empty. */
  @Override
  public boolean channelActive(int c, LiModel.Mode m) {
    if (c >= LiModel.NUCLEATE) {
      return false;
    }
    return m != LiModel.Mode.REST || kinetics.exchangeAtRest();
  }

  @Override
  public boolean foreignInDeposit() {
    return true;
  }

  @Override
  public double reductionWeight(int i, double w) {
    if (w == 0.0 || i >= fieldSites) {
      return 0.0;
    }
    return w * coupling.reductionWeight(i, electrodeFaces(i));
  }

  /** Sum over the faces of metal site i to fluid sites of the local oxidation factor. */
  @Override
  public double oxidationWeight(int i, double v) {
    double sum = 0;
    for (int d = 0; d < grid.directions && d < 6; d++) {
      int k = grid.neighbour(i, d);
      if (k >= 0 && k < fieldSites
          && (flags[cells[k] & Lattice.MATERIAL_MASK] & Material.FLUID) != 0) {
        sum += coupling.oxidationFaceWeight(k);
      }
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
      coupling.start(cells, s.time(), applied());
    } catch (FieldSolveException e) {
      throw failed(e, s.time());
    }
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
    fieldUpdate(solver.time());
    if (!depleted) {
      try {
        coupling.setCurrent(applied());
      } catch (FieldSolveException e) {
        throw failed(e, solver.time());
      }
    } else {
      coupling.setCurrentLater(applied());
    }
  }

  @Override
  public boolean rebuildOnModeChange() {
    return true;
  }

  private void fieldUpdate(double t) {
    boolean ok;
    try {
      ok = coupling.update(t, cells);
    } catch (FieldSolveException e) {
      throw failed(e, t);
    }
    updates++;
    if (!ok && !depleted) {
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
    fieldUpdate(ch.now());
    ch.rebuildAll();
  }

  @Override
  public void reduced(int i) {
    coupling.reduced(i);
  }

  @Override
  public void oxidised(int i) {
    coupling.oxidised(i);
  }

  /** The shift is solved when the reduction channel's rate is read (first, in channel order). */
  @Override
  public double drivenRate(int c) {
    if (c == LiModel.INJECT || c >= LiModel.NUCLEATE) {
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
    return coupling.rateScale() * StrictMath.exp((1 - a) * shift)
        * solver.channelWeight(LiModel.DISSOLVE);
  }

  private void solveShift() {
    if (solver == null || !model.channelActive(LiModel.DEPOSIT)
        || depleted && model.mode() != LiModel.Mode.REST) {
      shift = Double.NaN;
      return;
    }
    shift = coupling.shift(solver.channelWeight(LiModel.DEPOSIT),
        solver.channelWeight(LiModel.DISSOLVE));
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
    return !Double.isNaN(shift);
  }

  @Override
  public String stallReason() {
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
    m.put("ions_mol", coupling.ionMoles());
    m.put("ionsInThroughTop_mol", coupling.topInMoles());
    m.put("ionBookError_mol", coupling.inventoryError());
    m.put("electrodePotential_V", field.electrodePotential());
    m.put("depletedAt_s", Double.isNaN(depletedAt) ? null : depletedAt);
    return m;
  }

  /**
   * Writes the field transport for a checkpoint: the depletion flag and time, the last shift
   * f dV (raw bits), the update count, then the coupling (c, Phi, V, the domain, the pending
   * sinks, the Li+ book). The next field update is the solver's scheduled event
   * ({@link #UPDATE_TOKEN}), which the solver's queue writes.
   */
  @Override
  public void save(org.liko.engine.checkpoint.StateOut out) {
    out.section("field").b(depleted).d(depletedAt).d(shift).l(updates);
    coupling.save(out);
  }

  @Override
  public void restore(org.liko.engine.checkpoint.StateIn in) {
    in.section("field");
    depleted = in.b();
    depletedAt = in.d();
    shift = in.d();
    updates = in.l();
    coupling.restore(in);
  }
}
