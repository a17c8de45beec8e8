package org.liko.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.liko.engine.backend.Availability;
import org.liko.engine.backend.Backend;
import org.liko.engine.backend.Backends;
import org.liko.model.ParallelSimulation;

/**
 * Site attempts per second of {@code opencl} against {@code cpu-parallel}, 2D 1024 x 1024 and 3D
 * 256 x 256 x 128, a few sweeps each after a small warm-up (kernel build, JIT). Slow: runs only
 * with {@code -Dliko.opencl.bench=true} (optionally {@code -Dliko.opencl.bench.sweeps=N},
 * {@code -Dliko.opencl.bench.threads=N}, {@code -Dliko.opencl.bench.size=NXxNYxNZ}); prints, asserts nothing.
 */
class OpenClBenchTest {
  @Test
  void siteAttemptsPerSecond() {
    assumeTrue(Boolean.getBoolean("liko.opencl.bench"), "bench off: -Dliko.opencl.bench=true");
    Availability a = OpenClSweepEngineTest.OPENCL.availability();
    assumeTrue(a.available(), "OpenCL " + a.reason());
    long sweeps = Long.getLong("liko.opencl.bench.sweeps", 5);
    int threads = Integer.getInteger("liko.opencl.bench.threads", 2);
    Backend cpu = Backends.load().select("cpu-parallel");
    Backend ocl = OpenClSweepEngineTest.OPENCL;
    ParallelSimulation.bench(256, 1, 64, 2, ocl, 0, 1L); // warm-up: kernel build
    ParallelSimulation.bench(256, 1, 64, 2, cpu, threads, 1L);
    System.out.println("opencl device: " + a.device());
    int[][] sizes = {{1024, 1, 1024}, {256, 256, 128}};
    String only = System.getProperty("liko.opencl.bench.size"); // e.g. 128x128x64
    if (only != null) {
      String[] p = only.split("x");
      sizes = new int[][] {{Integer.parseInt(p[0]), Integer.parseInt(p[1]),
          Integer.parseInt(p[2])}};
    }
    for (int[] n : sizes) {
      for (Backend b : new Backend[] {cpu, ocl}) {
        ParallelSimulation.Bench r = ParallelSimulation.bench(n[0], n[1], n[2], sweeps, b,
            b == cpu ? threads : 0, 20261125L);
        System.out.printf("bench %-12s threads %d %-16s %d sweeps %d attempts %.2f s"
            + " %.3e site attempts/s %.3e accepted/s%n", r.backend(), r.threads(), r.lattice(),
            r.sweeps(), r.attempts(), r.seconds(), r.siteAttemptsPerSecond(),
            r.acceptedEventsPerSecond());
      }
    }
  }
}
