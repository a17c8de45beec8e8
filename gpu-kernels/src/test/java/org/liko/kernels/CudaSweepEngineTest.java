package org.liko.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.liko.engine.backend.Availability;

/**
 * The {@code cuda} sweep engine on a real GPU runs the parallel solver bit for bit like
 * {@code cpu-parallel} ({@link Bitwise}). Skips, with the reason, without a CUDA driver and
 * device; {@link CudaHostKernelTest} runs the same kernel sources on the CPU everywhere.
 */
class CudaSweepEngineTest {
  @Test
  void bitIdenticalToCpuParallel() {
    CudaBackend cuda = new CudaBackend();
    Availability a = cuda.availability();
    assumeTrue(a.available(), "CUDA " + a.reason());
    Bitwise.assertMatchesCpuParallel(cuda, "cuda", a.device());
  }
}
