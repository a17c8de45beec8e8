package org.liko.model.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.liko.model.Physics;

/**
 * Sand's time on a flat electrode: galvanostatic plating at current density J depletes the salt
 * at the surface at t_s = pi D (c0 F)^2 / (4 (J (1 - t+))^2) (Sand 1901; Bard and Faulkner,
 * Electrochemical Methods, 2nd ed., eq. 8.2.14 with the binary-salt flux (1 - t+) J / F), D the
 * salt diffusivity. The properties are held constant at the Valoen-Reimers values at 1 mol/L and
 * 298.15 K (D = 3.2e-10 m^2/s, t+ = 0.38) because the closed form assumes constant D; the domain
 * is a column of 2 um cells, 1 cell wide, at least 5 sqrt(D t_s) deep, with a reservoir at the top
 * (c = c0). The surface concentration is the cell-centre value extrapolated over h/2 with the
 * imposed flux; t_s is where it crosses 0, interpolated linearly within the step.
 *
 * <p>Tolerances: 5 % at 50, 100 and 200 mA/cm^2 (the bound; the measured errors are
 * printed and are about 1 %); halving the update interval changes t_s by less than 1 %. The
 * class runs in well under a second.
 */
class SandTimeTest {
  static final double T = 298.15;
  static final double C0 = 1000.0;

  static Electrolyte constantVr() {
    Electrolyte vr = Electrolyte.valoenReimers(T);
    return Electrolyte.constant(vr.kappa(C0), vr.diffusivity(C0), vr.tPlus(), 1.0);
  }

  static double analytic(Electrolyte e, double j) {
    double a = j * (1 - e.tPlus());
    return Math.PI * e.diffusivity(C0) * Math.pow(C0 * Physics.FARADAY, 2) / (4 * a * a);
  }

  /** Measured Sand time at J (A/m^2) with steps of ts / stepsPerTs. */
  static double sandTime(Electrolyte e, double j, int stepsPerTs) {
    double ts = analytic(e, j);
    double h = 2e-6;
    int nz = (int) Math.ceil(5 * Math.sqrt(e.diffusivity(C0) * ts) / h);
    ElectrolyteField fld = new ElectrolyteField(1, 1, nz, h, e, T, C0,
        ElectrolyteField.Top.RESERVOIR);
    fld.setWetArea(0, h * h);
    double[] red = new double[nz];
    red[0] = j * h * h;
    double dt = ts / stepsPerTs;
    double t = 0;
    double prev = fld.faceConcentration(0, red[0]);
    for (int s = 0; s < 4 * stepsPerTs; s++) {
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

  @Test
  void sandTimeAtThreeCurrents() {
    Electrolyte e = constantVr();
    for (double mAcm2 : new double[] {50, 100, 200}) {
      double j = Physics.mAcm2ToAm2(mAcm2);
      double ts = analytic(e, j);
      double got = sandTime(e, j, 400);
      System.out.printf("Sand %.0f mA/cm2: t_s analytic %.4f s, field %.4f s (%.2f %%)%n",
          mAcm2, ts, got, 100 * (got / ts - 1));
      assertEquals(ts, got, 0.05 * ts, "Sand time at " + mAcm2 + " mA/cm^2");
    }
  }

  @Test
  void halvingTheIntervalChangesSandTimeByUnderOnePercent() {
    Electrolyte e = constantVr();
    double j = Physics.mAcm2ToAm2(100);
    double a = sandTime(e, j, 200);
    double b = sandTime(e, j, 400);
    System.out.printf("Sand 100 mA/cm2: dt = ts/200 %.5f s, ts/400 %.5f s (%.3f %%)%n", a, b,
        100 * (a / b - 1));
    assertTrue(Math.abs(a / b - 1) < 0.01, "halving dt changed t_s by " + (a / b - 1));
  }
}
