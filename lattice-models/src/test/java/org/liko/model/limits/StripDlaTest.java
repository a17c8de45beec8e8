package org.liko.model.limits;

import org.junit.jupiter.api.Test;
import org.liko.model.verify.StripDlaCase;
import org.liko.model.verify.Verified;

/**
 * Diffusion-limited aggregation in a 2D strip, as the {@code liko verify} case
 * {@link StripDlaCase} defines it: D = 2 + slope of ln rho_steady against ln L over L = 32, 64,
 * 128 with 3 seeds each (deposits about 24 L high); |D - 1.71| <= 0.08, the slope's standard
 * error logged. Cost: about 25 s on 2 cores.
 */
class StripDlaTest {
  @Test
  void fractalDimensionFromDensityScaling() {
    StripDlaCase c = new StripDlaCase();
    Verified.assertPasses(c, Limits.seed("StripDlaTest", c.seed()));
  }
}
