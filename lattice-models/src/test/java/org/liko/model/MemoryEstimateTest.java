package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.junit.jupiter.api.Test;

/**
 * The up-front heap check of {@link LiModel} against what the solvers really hold: the heap in
 * use during a run (after a full collection, seen from the first samples) on two lattice sizes;
 * the difference over the difference in sites is the cost of a site, fixed costs cancel.
 * Tolerance 25 % of the heap held (the bound); power-of-two lattices (G1 gives a 2^21-byte
 * array a whole region) and others (1000 x 1500) are both checked. About 15 s.
 */
class MemoryEstimateTest {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private static long usedAfterGc() {
    long best = Long.MAX_VALUE;
    for (int k = 0; k < 3; k++) {
      System.gc();
      best = Math.min(best, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return best;
  }

  private static String yaml(int nx, int ny, int nz) {
    return "schemaVersion: 1\nname: mem\nsurface: {attemptFrequency_Hz: 1.0e3}\n"
        + "sei: {decayLength_nm: 0.3}\n"
        + "output: {samples: 8}\nlattice: {nx: " + nx + ", ny: " + ny + ", nz: " + nz + "}\n"
        + "protocol:\n  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.0000002}\n"
        + "  - strip: {current_mA_cm2: 1, charge_mAh_cm2: 0.0000001}\n";
  }

  /** Heap held during a run beyond what was held before it, bytes. */
  private static long heldDuringRun(String solver, int nx, int ny, int nz) {
    Scenario s = Scenario.parse(yaml(nx, ny, nz), "mem");
    long before = usedAfterGc();
    long[] peak = {0};
    Simulation sim = new Simulation(s, 1).solver(solver);
    sim.run(new Simulation.Listener() {
      @Override
      public void sample(double[] row) {
        peak[0] = Math.max(peak[0], usedAfterGc());
      }
    });
    return peak[0] - before;
  }

  /**
   * Checks the estimate against the heap a run holds at nx x ny x nz2 sites; prints the bytes
   * per site between nz1 and nz2 (fixed costs cancel) as well.
   */
  static void check(String solver, int nx, int ny, int nz1, int nz2) {
    long small = heldDuringRun(solver, nx, ny, nz1);
    long big = heldDuringRun(solver, nx, ny, nz2);
    long sites = (long) nx * ny * nz2;
    long estimate = LiModel.bytesNeeded(Scenario.parse(yaml(nx, ny, nz2), "mem"), sites,
        solver.equals("parallel"));
    System.out.printf("%s solver %dx%dx%d: held %d B (%.1f B/site), estimate %d B (%.1f B/site);"
        + " %.1f B/site from nz %d to %d%n", solver, nx, ny, nz2, big, (double) big / sites,
        estimate, (double) estimate / sites, (double) (big - small) / nx / ny / (nz2 - nz1),
        nz1, nz2);
    assertTrue(Math.abs(estimate - big) <= 0.25 * big, solver + " " + nx + "x" + ny + "x" + nz2
        + ": estimate " + estimate + " B, held " + big + " B");
  }

  @Test
  void exactEstimateIsWithinAQuarterOfWhatTheSolverHolds() {
    heldDuringRun("exact", 256, 1, 256); // warm up: classes, JIT
    check("exact", 1024, 1, 512, 2048); // 2^21 sites: the sum trees are full
    check("exact", 1024, 1, 700, 1500); // 1.5 M sites: trees rounded up to 2^21 leaves
    check("exact", 64, 64, 128, 512); // 3D
  }

  @Test
  void parallelEstimateIsWithinAQuarterOfWhatTheSolverHolds() {
    heldDuringRun("parallel", 256, 1, 256);
    check("parallel", 1024, 1, 512, 2048);
    check("parallel", 64, 64, 128, 512);
    check("parallel", 1000, 1, 700, 1500); // 1.5 M sites, not a power of two
  }
}
