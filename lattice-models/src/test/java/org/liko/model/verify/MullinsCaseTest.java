package org.liko.model.verify;

import org.junit.jupiter.api.Test;

/**
 * The verify case {@code mullins} at its test size ({@link MullinsCase}; seed 1000): the decay
 * of sinusoids (wavelength 16, 24, 32 sites, amplitude 0.04 wavelength, 160 / 64 / 40 replicas)
 * on the 2D lattice of calibrated coarse sites (J = 3 kT, hops only, Butler-Volmer exchange off).
 * Checks: the exponent of sigma(q) is 4 +- 0.4; B = sigma / q^4 is within 25% of
 * B = mobility x stiffness / kT from the lattice's equilibrium fluctuations; that B is within
 * 20% of the calibration constant {@code MullinsCalibration.B_LATTICE}. Tolerances and the
 * measured spread: see the case's javadoc. Cost: about 40 s of CPU (65 s wall on the shared
 * 2-core VM at load average 6, 105 s at 15).
 */
class MullinsCaseTest {
  @Test
  void sinusoidsDecayAsMullinsWithTheLatticesOwnCoefficient() {
    MullinsCase c = new MullinsCase();
    Verified.assertPasses(c, c.seed());
  }
}
