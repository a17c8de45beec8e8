package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.liko.engine.InputException;
import org.liko.model.field.Electrolyte;
import org.liko.model.field.ElectrolyteField;
import org.liko.model.verify.LimitingCurrentCase;
import org.liko.model.verify.SandTimeCase;

/**
 * The field mode's electrolyte overrides ({@code transport.field.conductivity_S_m},
 * {@code diffusivity_m2_s}, {@code tPlus}; {@link Electrolyte#adjusted}) against known answers:
 * the limiting current F D c0 / ((1 - t+) L) moves with D and t+ as the formula says (bracketed
 * within 3 % by the coupled field solver, as {@link LimitingCurrentCase} does for the default
 * electrolyte), a single-ion conductor (t+ = 1) carries ten times the default's limiting current
 * with no concentration gradient at all, and the defaults leave the Valoen-Reimers electrolyte
 * untouched (the same object, so existing runs stay bit-identical). Deterministic 1 x 50 columns
 * of 2 um cells; the class runs in about a second.
 */
class FieldElectrolyteOverrideTest {
  static final double C0 = SandTimeCase.C0;
  static final double AREA = 2e-6 * 2e-6; // the column's cell face (LimitingCurrentCase.H^2)

  @Test
  void limitingCurrentScalesWithDiffusivityOverOneMinusTPlus() {
    Electrolyte base = SandTimeCase.constantVr();
    double d = 2 * base.diffusivity(C0);
    Electrolyte e = Electrolyte.adjusted(base, C0, 0, d, 0.7);
    assertEquals(d, e.diffusivity(C0), 1e-12 * d);
    assertEquals(0.7, e.tPlus(), 0.0);
    double ilimBase = LimitingCurrentCase.analytic(base, 1, 1, 0);
    double ilim = LimitingCurrentCase.analytic(e, 1, 1, 0);
    // known answer: the ratio of the two limiting currents, 2 x (1 - 0.38) / (1 - 0.7) = 4.13
    assertEquals(2 * (1 - 0.38) / (1 - 0.7), ilim / ilimBase, 1e-9);
    // the coupled solver brackets the new i_lim within 3 %: steady below, depleted above
    assertTrue(LimitingCurrentCase.runToSteady(LimitingCurrentCase.column(e, 1, 1, 0),
        0.97 * ilim * AREA), "steady at 0.97 i_lim");
    assertFalse(LimitingCurrentCase.runToSteady(LimitingCurrentCase.column(e, 1, 1, 0),
        1.03 * ilim * AREA), "depleted at 1.03 i_lim");
    // and at 1.03 x the default's i_lim the adjusted electrolyte is far from depletion
    assertTrue(LimitingCurrentCase.runToSteady(LimitingCurrentCase.column(e, 1, 1, 0),
        1.03 * ilimBase * AREA), "4x the limiting current: steady above the default's i_lim");
  }

  @Test
  void singleIonConductorHasNoConcentrationGradient() {
    Electrolyte base = SandTimeCase.constantVr();
    Electrolyte e = Electrolyte.adjusted(base, C0, 0, 0, 1.0);
    double ilimBase = LimitingCurrentCase.analytic(base, 1, 1, 0);
    ElectrolyteField fld = LimitingCurrentCase.column(e, 1, 1, 0);
    assertTrue(LimitingCurrentCase.runToSteady(fld, 10 * ilimBase * AREA),
        "t+ = 1: steady at 10 x the default's limiting current (Sand's time infinite)");
    double maxDev = 0;
    for (int z = 0; z < fld.cells(); z++) {
      maxDev = Math.max(maxDev, Math.abs(fld.concentration(z) - C0) / C0);
    }
    assertEquals(0.0, maxDev, 1e-12, "uniform concentration (relative deviation)");
    // the default electrolyte depletes at the same current
    assertFalse(LimitingCurrentCase.runToSteady(LimitingCurrentCase.column(base, 1, 1, 0),
        10 * ilimBase * AREA));
  }

  static final String PLATE = "protocol:\n  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.01}\n";

  @Test
  void scenarioKeysReachTheFieldAndDefaultsKeepValoenReimers() {
    Electrolyte vr = Electrolyte.valoenReimers(298.15);
    Scenario plain = Scenario.parse("schemaVersion: 1\ntransport: {mode: field}\n" + PLATE,
        "t");
    assertSame(vr, FieldTransport.electrolyte(plain, vr, C0), "defaults: the same object");
    Scenario s = Scenario.parse("schemaVersion: 1\nkinetics: {concentration_M: 2.0}\n"
        + "transport: {mode: field, field: {conductivity_S_m: 0.5, diffusivity_m2_s: 1.0e-10,"
        + " tPlus: 1.0}}\n" + PLATE, "t");
    double c0 = 2000;
    Electrolyte e = FieldTransport.electrolyte(s, vr, c0);
    assertEquals(0.5, e.kappa(c0), 1e-12);
    assertEquals(1.0e-10, e.diffusivity(c0), 1e-22);
    assertEquals(1.0, e.tPlus(), 0.0);
    // the shape of kappa(c) is Valoen-Reimers', scaled
    assertEquals(0.5 / vr.kappa(c0), e.kappa(1000) / vr.kappa(1000), 1e-12);
    InputException bad = assertThrows(InputException.class, () -> Scenario.parse(
        "schemaVersion: 1\ntransport: {mode: field, field: {tPlus: 1.5}}\n" + PLATE, "t"));
    assertTrue(bad.getMessage().contains("transport.field.tPlus"), bad.getMessage());
  }
}
