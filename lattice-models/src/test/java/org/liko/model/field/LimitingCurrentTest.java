package org.liko.model.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.liko.model.Physics;
import org.liko.model.verify.LimitingCurrentCase;
import org.liko.model.verify.Verified;

/**
 * The limiting current through the verification case {@link LimitingCurrentCase} (one source of
 * truth: its javadoc gives the setup): i_lim = F D c0 / ((1 - t+) L) with a reservoir at L, in
 * free electrolyte and through a porous layer (D -> eps D / tau), bracketed within 3 % (steady
 * with the linear profile within 0.5 % of c0 at 0.97 i_lim, depleted at 1.03 i_lim). Also: the
 * counter-electrode boundary conserves the salt to 1e-9 relative. Deterministic; the class runs
 * in under a second.
 */
class LimitingCurrentTest {
  static final double T = 298.15;
  static final double C0 = 1000.0;
  static final double H = 2e-6;
  static final int NZ = 50;

  @Test
  void limitingCurrentInFreeElectrolyteAndThroughAPorousLayer() {
    LimitingCurrentCase c = new LimitingCurrentCase();
    Verified.assertPasses(c, c.seed());
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
