package org.liko.model.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.liko.model.Physics;
import org.liko.model.field.Electrolyte;
import org.liko.model.field.ElectrolyteField;

/**
 * Sand's time on a flat electrode from the electrolyte field solver: galvanostatic plating at
 * current density J depletes the salt at the surface at t_s = pi D (c0 F)^2 / (4 (J (1 - t+))^2)
 * (Sand 1901; Bard and Faulkner, Electrochemical Methods, 2nd ed., eq. 8.2.14 with the
 * binary-salt flux (1 - t+) J / F), D the salt diffusivity. The properties are held constant at
 * the Valoen-Reimers values at 1 mol/L and 298.15 K (D = 3.2e-10 m^2/s, t+ = 0.38) because the
 * closed form assumes constant D; the domain is a column of 2 um cells, 1 cell wide, at least
 * 5 sqrt(D t_s) deep, with a reservoir at the top (c = c0). The surface concentration is the
 * cell-centre value extrapolated over h/2 with the imposed flux; t_s is where it crosses 0,
 * interpolated linearly within the step of t_s / 400.
 *
 * <p>Tolerance 5 % at each current (the measured errors are about 1 %; halving the step changes
 * t_s by less than 1 %, see SandTimeTest). Deterministic (no random numbers; the seed is
 * unused); TEST and QUICK run 50, 100 and 200 mA/cm^2 (well under a second), FULL adds 25 and
 * 400 mA/cm^2.
 */
public final class SandTimeCase implements VerifyCase {
  /** Temperature of the case, K. */
  public static final double T = 298.15;
  /** Bulk salt concentration, mol/m^3. */
  public static final double C0 = 1000.0;
  /** Relative tolerance on t_s. */
  public static final double TOLERANCE = 0.05;

  @Override
  public String id() {
    return "sand-time";
  }

  @Override
  public String title() {
    return "Sand's time on a flat electrode: t_s = pi D (c0 F)^2 / (4 (J (1 - t+))^2)";
  }

  @Override
  public String reference() {
    return "Sand, Phil. Mag. 1, 45 (1901); Bard and Faulkner, Electrochemical Methods (2001),"
        + " eq. 8.2.14";
  }

  @Override
  public long seed() {
    return 1L;
  }

  /** The Valoen-Reimers properties at 1 mol/L and 298.15 K, held constant. */
  public static Electrolyte constantVr() {
    Electrolyte vr = Electrolyte.valoenReimers(T);
    return Electrolyte.constant(vr.kappa(C0), vr.diffusivity(C0), vr.tPlus(), 1.0);
  }

  /** Sand's time (s) at current density j (A/m^2). */
  public static double analytic(Electrolyte e, double j) {
    double a = j * (1 - e.tPlus());
    return Math.PI * e.diffusivity(C0) * Math.pow(C0 * Physics.FARADAY, 2) / (4 * a * a);
  }

  /** Measured Sand time (s) at j (A/m^2) with steps of t_s / stepsPerTs; NaN if none. */
  public static double sandTime(Electrolyte e, double j, int stepsPerTs) {
    double ts = analytic(e, j);
    double h = 2e-6;
    int nz = (int) Math.ceil(5 * Math.sqrt(e.diffusivity(C0) * ts) / h);
    ElectrolyteField fld = new ElectrolyteField(1, 1, nz, h, e, T, C0,
        ElectrolyteField.Top.RESERVOIR);
    fld.setWetArea(0, h * h);
    double[] red = new double[nz];
    red[0] = j * h * h;
    return firstDepletion(fld, red, ts / stepsPerTs, 4 * stepsPerTs);
  }

  /**
   * Time (s) at which the face concentration of the bottom cell of a one-column field reaches 0
   * (linear between steps) under constant sink currents per cell (A; {@code red[0]} is that
   * cell's), with steps of dt over at most {@code steps} steps; NaN if it does not.
   */
  public static double firstDepletion(ElectrolyteField fld, double[] red, double dt,
      int steps) {
    double t = 0;
    double prev = fld.faceConcentration(0, red[0]);
    for (int s = 0; s < steps; s++) {
      fld.advanceConcentration(dt, red, null);
      double cs = fld.faceConcentration(0, red[0]);
      if (cs <= 0) {
        return t + dt * prev / (prev - cs);
      }
      prev = cs;
      t += dt;
    }
    return Double.NaN;
  }

  @Override
  public Outcome run(Size size, long seed) {
    double[] currents = size == Size.FULL ? new double[] {25, 50, 100, 200, 400}
        : new double[] {50, 100, 200};
    Electrolyte e = constantVr();
    List<Check> checks = new ArrayList<>();
    double[] x = new double[currents.length];
    double[] y = new double[currents.length];
    double[] th = new double[currents.length];
    for (int k = 0; k < currents.length; k++) {
      double j = Physics.mAcm2ToAm2(currents[k]);
      x[k] = currents[k];
      th[k] = analytic(e, j);
      y[k] = sandTime(e, j, 400);
      checks.add(Check.relative(String.format(Locale.ROOT, "t_s at %.0f mA/cm^2 (s)",
          currents[k]), y[k], th[k], TOLERANCE, ""));
    }
    CaseFigure fig = new CaseFigure("Sand's time against current density",
        "Current density (mA/cm^2)", "Sand's time (s)", true, true, List.of(
        CaseFigure.measured("field solver", x, y),
        CaseFigure.theory("pi D (c0 F)^2 / (4 (J (1 - t+))^2)", x, th)));
    return new Outcome(checks, fig, String.format(Locale.ROOT, "%d currents; a 1-cell-wide"
        + " column of 2 um cells, constant D = %.3g m^2/s, t+ = %.2f, c0 = 1 mol/L, steps of"
        + " t_s/400, reservoir at 5 sqrt(D t_s)", currents.length, e.diffusivity(C0), e.tPlus()));
  }
}
