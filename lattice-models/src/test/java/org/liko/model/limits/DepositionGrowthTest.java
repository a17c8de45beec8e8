package org.liko.model.limits;

import org.junit.jupiter.api.Test;
import org.liko.model.verify.DepositionGrowthCase;
import org.liko.model.verify.Verified;

/**
 * Growth exponents of the ballistic limits of walkers mode in 1+1 dimensions, as the
 * {@code liko verify} cases {@link DepositionGrowthCase} define them (one definition): L = 4096
 * columns, 8 replicas, 25 log-spaced coverages from 10 to 1000 monolayers, the model on the
 * exact solver event by event. Tolerances and their reasons are in {@link DepositionGrowthCase}:
 * random deposition beta = 0.50 +- 0.03; ballistic deposition beta in [0.27, 0.36], width within
 * 3% (geometric mean over coverages) and max(3%, 4 s.e.) per coverage of an independent
 * recursion. Cost: about 15 s each on 2 cores.
 */
class DepositionGrowthTest {
  /** Ballistic deposition against the exact recursion (seed 4242 unless overridden). */
  @Test
  void ballisticDepositionMatchesRecursion() {
    DepositionGrowthCase c = DepositionGrowthCase.ballisticDeposition();
    Verified.assertPasses(c, Limits.seed("DepositionGrowthTest.bd", c.seed()));
  }

  /** Random deposition: beta = 0.50 +- 0.03 (w = sqrt(t) exactly; seed 4343). */
  @Test
  void randomDepositionHasBetaOneHalf() {
    DepositionGrowthCase c = DepositionGrowthCase.random();
    Verified.assertPasses(c, Limits.seed("DepositionGrowthTest.rd", c.seed()));
  }
}
