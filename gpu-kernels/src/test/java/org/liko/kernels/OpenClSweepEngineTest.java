package org.liko.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.liko.engine.backend.Availability;

/**
 * The {@code opencl} sweep engine runs the parallel solver bit for bit like {@code cpu-parallel}
 * ({@link Bitwise}). Skips, with the reason, where OpenCL is unavailable.
 */
class OpenClSweepEngineTest {
  static final OpenClBackend OPENCL = new OpenClBackend();

  @Test
  void bitIdenticalToCpuParallel() {
    Availability a = OPENCL.availability();
    assumeTrue(a.available(), "OpenCL " + a.reason());
    Bitwise.assertMatchesCpuParallel(OPENCL, "opencl", a.device());
  }
}
