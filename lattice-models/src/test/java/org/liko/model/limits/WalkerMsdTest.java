package org.liko.model.limits;

import org.junit.jupiter.api.Test;
import org.liko.model.verify.Verified;
import org.liko.model.verify.WalkerMsdCase;

/**
 * A lone walker's mean squared displacement is 2 d D t (DESIGN section 9), as the
 * {@code liko verify} case {@link WalkerMsdCase} defines it: 8000 non-reacting walkers over
 * G t = 40 hops in 2D (4096 x 96) and 3D (512 x 512 x 48); lateral MSD / (2 d_lat D t) within 5%
 * (relative standard error <= 1.6%). Cost: a few seconds.
 */
class WalkerMsdTest {
  @Test
  void msdIsTwoDtIn2dAnd3d() {
    WalkerMsdCase c = new WalkerMsdCase();
    Verified.assertPasses(c, Limits.seed("WalkerMsdTest", c.seed()));
  }
}
