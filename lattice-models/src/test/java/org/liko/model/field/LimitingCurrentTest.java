package org.liko.model.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.liko.model.Physics;

/**
 * Limiting current with a reservoir at distance L (Newman and Thomas-Alyea, Electrochemical
 * Systems, 3rd ed., section 19; for a binary salt the steady surface flux (1 - t+) i / F equals
 * D c0 / L at depletion): i_lim = F D c0 / ((1 - t+) L), and below it the steady profile is linear,
 * c(z) = c0 - (1 - t+) i (L - z) / (F D). With a porous layer of thickness Lp, porosity eps and
 * tortuosity tau next to the electrode the layer's resistance is Lp tau / (eps D), so
 * i_lim = F c0 / ((1 - t+) ((L - Lp) / D + Lp tau / (eps D))).
 *
 * <p>The run is the full coupled update (galvanostatic Butler-Volmer potential solve, then the
 * concentration step with the resulting currents) on a 1 x 50 column of 2 um cells (L = 100 um),
 * constant properties (the Valoen-Reimers values at 1 mol/L, because the closed form assumes
 * constant D), steps of 2 s to steady state. Checks: at 0.97 i_lim the steady state exists and
 * every cell is on the linear profile within 0.5 % of c0; at 1.03 i_lim the surface concentration
 * reaches 0 (no steady state), which brackets i_lim within 3 %. The counter-electrode boundary
 * conserves the salt to 1e-9 relative. The class runs in under a second.
 */
class LimitingCurrentTest {
  static final double T = 298.15;
  static final double C0 = 1000.0;
  static final double H = 2e-6;
  static final int NZ = 50;

  /** Runs to steady state (true) or to depletion of the surface (false). */
  static boolean runToSteady(ElectrolyteField fld, double currentA) {
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
      if (Math.abs(cs - prevC) < 1e-9 * C0) {
        return true;
      }
      prevC = cs;
    }
    throw new AssertionError("neither steady nor depleted after 2000 steps");
  }

  static ElectrolyteField column(Electrolyte e, double eps, double tau, int porousCells) {
    ElectrolyteField fld = new ElectrolyteField(1, 1, NZ, H, e, T, C0,
        ElectrolyteField.Top.RESERVOIR);
    for (int z = 0; z < porousCells; z++) {
      fld.setPorous(z, eps, tau);
    }
    fld.setWetArea(0, H * H);
    fld.setKinetics(10.0, 0.5);
    return fld;
  }

  static void check(double eps, double tau, int porousCells) {
    Electrolyte e = SandTimeTest.constantVr();
    double d = e.diffusivity(C0);
    double tm = 1 - e.tPlus();
    double lp = porousCells * H;
    double l = NZ * H;
    double resist = (l - lp) / d + lp * tau / (eps * d); // s/m
    double ilim = Physics.FARADAY * C0 / (tm * resist); // A/m^2
    ElectrolyteField below = column(e, eps, tau, porousCells);
    assertTrue(runToSteady(below, 0.97 * ilim * H * H), "steady state at 0.97 i_lim");
    // linear profile: flux q = (1 - t+) i / F through each resistance in series
    double q = tm * 0.97 * ilim / Physics.FARADAY;
    double maxErr = 0;
    for (int z = 0; z < NZ; z++) {
      double zc = (z + 0.5) * H; // cell centre
      double above = zc >= lp ? (l - zc) / d : (l - lp) / d + (lp - zc) * tau / (eps * d);
      double expect = C0 - q * above;
      maxErr = Math.max(maxErr, Math.abs(below.concentration(z) - expect) / C0);
    }
    System.out.printf("limiting current eps/tau %.2f over %d cells: i_lim %.3f mA/cm2, "
        + "profile error %.2e c0%n", eps / tau, porousCells, ilim / 10, maxErr);
    assertTrue(maxErr < 0.005, "steady profile off the linear one by " + maxErr + " c0");
    ElectrolyteField over = column(e, eps, tau, porousCells);
    assertTrue(!runToSteady(over, 1.03 * ilim * H * H), "depletion at 1.03 i_lim");
  }

  @Test
  void limitingCurrentInFreeElectrolyte() {
    check(1.0, 1.0, 0);
  }

  @Test
  void limitingCurrentThroughAPorousLayer() {
    check(0.4, 2.5, NZ / 2);
  }

  @Test
  void counterElectrodeConservesSalt() {
    Electrolyte e = Electrolyte.valoenReimers(T);
    ElectrolyteField fld = new ElectrolyteField(1, 1, NZ, H, e, T, C0,
        ElectrolyteField.Top.COUNTER_ELECTRODE);
    fld.setWetArea(0, H * H);
    fld.setKinetics(10.0, 0.5);
    double before = fld.saltMoles();
    double[] red = new double[fld.cells()];
    double[] topA = new double[fld.cells()];
    for (int s = 0; s < 50; s++) {
      fld.solvePotential(Physics.mAcm2ToAm2(2) * H * H);
      for (int i = 0; i < fld.cells(); i++) {
        red[i] = fld.current(i);
      }
      fld.topCurrents(topA);
      fld.advanceConcentration(0.5, red, topA);
    }
    assertTrue(fld.concentration(0) < 0.99 * C0, "the electrode side is depleted");
    assertEquals(before, fld.saltMoles(), 1e-9 * before, "salt conserved");
  }
}
