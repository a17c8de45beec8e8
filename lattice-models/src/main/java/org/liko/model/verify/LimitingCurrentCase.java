package org.liko.model.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.liko.model.Physics;
import org.liko.model.field.Electrolyte;
import org.liko.model.field.ElectrolyteField;

/**
 * Limiting current with a reservoir at distance L (Newman and Thomas-Alyea, Electrochemical
 * Systems, 3rd ed., section 19; for a binary salt the steady surface flux (1 - t+) i / F equals
 * D c0 / L at depletion): i_lim = F D c0 / ((1 - t+) L), and below it the steady profile is
 * linear, c(z) = c0 - (1 - t+) i (L - z) / (F D). With a porous layer of thickness Lp, porosity
 * eps and tortuosity tau next to the electrode (D -> eps D / tau) the layer's resistance is
 * Lp tau / (eps D), so i_lim = F c0 / ((1 - t+) ((L - Lp) / D + Lp tau / (eps D))).
 *
 * <p>The run is the full coupled update of the field solver (galvanostatic Butler-Volmer
 * potential solve, then the concentration step with the resulting currents) on a 1 x 50 column
 * of 2 um cells (L = 100 um), constant properties (the Valoen-Reimers values at 1 mol/L, see
 * {@link SandTimeCase#constantVr()}), steps of 2 s to steady state, in free electrolyte and with a
 * porous layer (eps 0.4, tau 2.5) over the lower half. Checks for each: at 0.97 i_lim the steady
 * state exists and every cell is on the linear profile within 0.5 % of c0; at 1.03 i_lim the
 * surface concentration reaches 0 (no steady state), which brackets i_lim within 3 %. QUICK and
 * FULL then bisect the bracket (3 and 6 halvings) and report its midpoint as the measured i_lim.
 * Deterministic (the seed is unused). TEST: under a second.
 */
public final class LimitingCurrentCase implements VerifyCase {
  static final double H = 2e-6;
  static final int NZ = 50;
  /** Relative half-width of the bracket around i_lim. */
  public static final double TOLERANCE = 0.03;

  @Override
  public String id() {
    return "limiting-current";
  }

  @Override
  public String title() {
    return "Limiting current with a reservoir at L: i_lim = F D c0 / ((1 - t+) L),"
        + " porous layer D -> eps D / tau";
  }

  @Override
  public String reference() {
    return "Newman and Thomas-Alyea, Electrochemical Systems, 3rd ed. (2004), section 19;"
        + " Bard and Faulkner, Electrochemical Methods (2001), eq. 1.4.10";
  }

  @Override
  public long seed() {
    return 1L;
  }

  /** A 1 x NZ column with a porous layer (eps, tau) over its lowest porousCells cells. */
  public static ElectrolyteField column(Electrolyte e, double eps, double tau, int porousCells) {
    ElectrolyteField fld = new ElectrolyteField(1, 1, NZ, H, e, SandTimeCase.T, SandTimeCase.C0,
        ElectrolyteField.Top.RESERVOIR);
    for (int z = 0; z < porousCells; z++) {
      fld.setPorous(z, eps, tau);
    }
    fld.setWetArea(0, H * H);
    fld.setKinetics(10.0, 0.5);
    return fld;
  }

  /**
   * Runs at currentA (A) to steady state (true) or to depletion of the surface (false).
   *
   * @throws IllegalStateException when neither happens in 2000 steps of 2 s
   */
  public static boolean runToSteady(ElectrolyteField fld, double currentA) {
    double[] red = new double[fld.cells()];
    double[] topA = new double[fld.cells()];
    double prevC = -1;
    for (int s = 0; s < 2000; s++) {
      fld.solvePotential(currentA);
      for (int i = 0; i < fld.cells(); i++) {
        red[i] = fld.current(i);
      }
      fld.topCurrents(topA);
      fld.advanceConcentration(2.0, red, topA);
      double cs = fld.faceConcentration(0, red[0]);
      if (cs <= 0) {
        return false;
      }
      if (Math.abs(cs - prevC) < 1e-9 * SandTimeCase.C0) {
        return true;
      }
      prevC = cs;
    }
    throw new IllegalStateException("neither steady nor depleted after 2000 steps");
  }

  /** i_lim (A/m^2) of the column with a porous layer. */
  public static double analytic(Electrolyte e, double eps, double tau, int porousCells) {
    double d = e.diffusivity(SandTimeCase.C0);
    double lp = porousCells * H;
    double resist = (NZ * H - lp) / d + lp * tau / (eps * d); // s/m
    return Physics.FARADAY * SandTimeCase.C0 / ((1 - e.tPlus()) * resist);
  }

  /** The checks of one column; its bracket midpoint / i_lim goes to mid[0]. */
  static List<Check> checks(String label, double eps, double tau, int porousCells, int halvings,
      double[] mid) {
    Electrolyte e = SandTimeCase.constantVr();
    double d = e.diffusivity(SandTimeCase.C0);
    double tm = 1 - e.tPlus();
    double lp = porousCells * H;
    double l = NZ * H;
    double ilim = analytic(e, eps, tau, porousCells);
    ElectrolyteField below = column(e, eps, tau, porousCells);
    boolean steady = runToSteady(below, (1 - TOLERANCE) * ilim * H * H);
    // linear profile: flux q = (1 - t+) i / F through each resistance in series
    double q = tm * (1 - TOLERANCE) * ilim / Physics.FARADAY;
    double maxErr = 0;
    for (int z = 0; z < NZ; z++) {
      double zc = (z + 0.5) * H; // cell centre
      double above = zc >= lp ? (l - zc) / d : (l - lp) / d + (lp - zc) * tau / (eps * d);
      double expect = SandTimeCase.C0 - q * above;
      maxErr = Math.max(maxErr, Math.abs(below.concentration(z) - expect) / SandTimeCase.C0);
    }
    boolean depleted = !runToSteady(column(e, eps, tau, porousCells),
        (1 + TOLERANCE) * ilim * H * H);
    double lo = 1 - TOLERANCE;
    double hi = 1 + TOLERANCE;
    for (int k = 0; k < halvings && steady && depleted; k++) {
      double m = 0.5 * (lo + hi);
      if (runToSteady(column(e, eps, tau, porousCells), m * ilim * H * H)) {
        lo = m;
      } else {
        hi = m;
      }
    }
    mid[0] = 0.5 * (lo + hi);
    String ma = String.format(Locale.ROOT, "%s: i_lim %.4g mA/cm^2", label, ilim / 10);
    List<Check> out = new ArrayList<>();
    out.add(new Check(label + ": steady state at 0.97 i_lim (1 = yes)", steady ? 1 : 0, 1, 0,
        ma));
    out.add(Check.interval(label + ": steady profile off the linear one (c0)", maxErr, 0,
        0.005, ""));
    out.add(new Check(label + ": surface depleted at 1.03 i_lim (1 = yes)", depleted ? 1 : 0, 1,
        0, ""));
    out.add(Check.relative(label + ": bracketed i_lim / analytic", mid[0], 1, TOLERANCE,
        String.format(Locale.ROOT, "bracket [%.4f, %.4f] after %d halvings", lo, hi,
        halvings)));
    return out;
  }

  @Override
  public Outcome run(Size size, long seed) {
    int halvings = switch (size) {
      case TEST -> 0;
      case QUICK -> 3;
      case FULL -> 6;
    };
    double[] m = new double[1];
    List<Check> checks = new ArrayList<>(checks("free electrolyte", 1.0, 1.0, 0, halvings, m));
    double free = m[0];
    checks.addAll(checks("porous layer eps 0.4 tau 2.5 over L/2", 0.4, 2.5, NZ / 2, halvings, m));
    double porous = m[0];
    Electrolyte e = SandTimeCase.constantVr();
    double[] x = {NZ * H * 1e6, (NZ - NZ / 2 + NZ / 2 * 2.5 / 0.4) * H * 1e6};
    double[] th = {analytic(e, 1, 1, 0) / 10, analytic(e, 0.4, 2.5, NZ / 2) / 10};
    double[] y = {free * th[0], porous * th[1]};
    double dl = Physics.FARADAY * e.diffusivity(SandTimeCase.C0) * SandTimeCase.C0
        / (1 - e.tPlus()) / 10;
    double[] tx = new double[41];
    double[] ty = new double[tx.length];
    for (int k = 0; k < tx.length; k++) {
      tx[k] = 0.8 * x[0] + (1.2 * x[1] - 0.8 * x[0]) * k / (tx.length - 1);
      ty[k] = dl / (tx[k] * 1e-6);
    }
    CaseFigure fig = new CaseFigure("Limiting current against the effective distance L_eff ="
        + " (L - Lp) + Lp tau / eps", "Effective distance L_eff (um)", "Limiting current"
        + " (mA/cm^2)", false, false, List.of(
        CaseFigure.measured("field solver (bracket midpoint)", x, y),
        CaseFigure.theory("F D c0 / ((1 - t+) L_eff)", tx, ty)));
    return new Outcome(checks, fig, String.format(Locale.ROOT, "1 x 50 column of 2 um cells"
        + " (L = 100 um), constant D = %.3g m^2/s, t+ = %.2f, steps of 2 s, %d halvings of the"
        + " 0.97-1.03 bracket", e.diffusivity(SandTimeCase.C0), e.tPlus(), halvings));
  }
}
