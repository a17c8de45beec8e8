package org.liko.model.field;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.liko.model.Physics;
import org.liko.model.verify.SandTimeCase;
import org.liko.model.verify.Verified;

/**
 * Sand's time on a flat electrode through the verification case {@link SandTimeCase} (one source
 * of truth: its javadoc gives the setup): t_s = pi D (c0 F)^2 / (4 (J (1 - t+))^2) within 5 % at
 * 50, 100 and 200 mA/cm^2 (the measured errors are printed and are about 1 %), and halving the
 * update interval changes t_s by less than 1 %. Deterministic; the class runs in well under a
 * second.
 */
class SandTimeTest {
  @Test
  void sandTimeAtThreeCurrents() {
    SandTimeCase c = new SandTimeCase();
    Verified.assertPasses(c, c.seed());
  }

  @Test
  void halvingTheIntervalChangesSandTimeByUnderOnePercent() {
    Electrolyte e = SandTimeCase.constantVr();
    double j = Physics.mAcm2ToAm2(100);
    double a = SandTimeCase.sandTime(e, j, 200);
    double b = SandTimeCase.sandTime(e, j, 400);
    System.out.printf("Sand 100 mA/cm2: dt = ts/200 %.5f s, ts/400 %.5f s (%.3f %%)%n", a, b,
        100 * (a / b - 1));
    assertTrue(Math.abs(a / b - 1) < 0.01, "halving dt changed t_s by " + (a / b - 1));
  }
}
