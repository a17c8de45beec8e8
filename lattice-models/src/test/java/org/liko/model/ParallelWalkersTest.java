package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liko.engine.Grid;
import org.liko.engine.InputException;
import org.liko.engine.Lattice;
import org.liko.engine.backend.Backends;

/**
 * Walkers transport under the {@code parallel} solver (DESIGN sections 3 and 9): the lone
 * walker's MSD, the random and ballistic deposition limits, the inventory, and bitwise
 * reproducibility over backends and thread counts.
 *
 * <p>The tests drive a {@link SweepStepper} (and, for the reference, an {@link ExactStepper})
 * directly, so that they can read the walker counts and stop at exact coverages. Lattices and
 * statistics are chosen to keep the class near 40 s on 2 cores; each test states its tolerance
 * and why.
 */
class ParallelWalkersTest {
  static final double D = 3.0e-10; // m^2/s

  /** Walkers-mode head without surface hops or SEI, nucleation barrier 0 (as the limit tests). */
  static String head(int nx, int ny, int nz) {
    return "schemaVersion: 1\nname: pw\n"
        + "lattice: {nx: " + nx + ", ny: " + ny + ", nz: " + nz + "}\n"
        + "surface: {attemptFrequency_Hz: 0}\nsei: {recipe: none}\n"
        + "kinetics: {interfacialEnergy_J_m2: 0}\n";
  }

  /** A stepper of either solver on a fresh model, and the model. */
  record Run(LiModel model, Stepper stepper) {
    /** Runs a step until its charge (plating, stripping) or its time (rest) is reached. */
    void step(LiModel.Mode mode, double current, long count, double time) {
      Scenario.Step st = new Scenario.Step(mode.name().toLowerCase(), current, 0, time, 0, 0);
      stepper.beginStep(mode, st);
      double tEnd = mode == LiModel.Mode.REST ? stepper.time() + time : Double.POSITIVE_INFINITY;
      while (true) {
        if (mode == LiModel.Mode.PLATE && model.reducedInStep() >= count) {
          return;
        }
        if (mode == LiModel.Mode.STRIP && model.extractedInStep() >= count) {
          return;
        }
        int r = stepper.advance(Double.POSITIVE_INFINITY, tEnd);
        if (r != Stepper.MOVED) {
          assertEquals(Stepper.END, r, "step stopped early");
          assertEquals(LiModel.Mode.REST, mode, "only a rest ends on its clock");
          return;
        }
      }
    }
  }

  static Run parallel(String yaml, long seed, String backend, int threads, double eps) {
    Scenario s = Scenario.parse(yaml, "test");
    LiModel model = new LiModel(s, LiMaterials.table(s), seed);
    return new Run(model, new SweepStepper(model, s, model.materials(), seed,
        Backends.load().select(backend), threads, 0.0, eps, 0, Thermal.of(s), 1.0));
  }

  static Run exact(String yaml, long seed) {
    Scenario s = Scenario.parse(yaml, "test");
    LiModel model = new LiModel(s, LiMaterials.table(s), seed);
    return new Run(model, new ExactStepper(model, seed, Thermal.of(s), 1.0));
  }

  /**
   * Lone-walker MSD along z. Walkers do not interact, so N walkers launched on one plane give N
   * samples of one walker's displacement; the counts per site are all the parallel solver keeps,
   * so the z axis (all walkers start at the launch plane z0) is the one measured: MSD_z = 2 G t
   * with G = D / a^2 (drift 0, p = 0, no relaunch; z0 is at least 7 standard deviations from
   * every solid and wall at G t = 10). N = 8000 gives a relative standard error of
   * sqrt(2 / N) = 1.6%, tested at 5%.
   */
  @Test
  void lateWalkerMsdAlongZIsTwoGt() {
    assertEquals(1.0, msdRatio(256, 1, 96, 48, 41L), 0.05);
    assertEquals(1.0, msdRatio(32, 32, 64, 32, 42L), 0.05);
  }

  static double msdRatio(int nx, int ny, int nz, int gap, long seed) {
    int walkers = 8000;
    String yaml = head(nx, ny, nz) + "transport: {mode: walkers, population: " + walkers
        + ", reactionProbability: 0, diffusivity_m2_s: " + D + ", launchGap_sites: " + gap
        + ", relaunchGap_sites: 1000000}\nprotocol:\n  - rest: {time_s: 1}\n";
    Run run = parallel(yaml, seed, "cpu", 1, 0.15);
    SweepStepper st = (SweepStepper) run.stepper();
    Grid g = run.model().lattice().grid();
    int z0 = run.model().collectorTop() - 1 + gap;
    int[] c0 = st.carriers();
    for (int i = 0; i < c0.length; i++) {
      assertTrue(c0[i] == 0 || g.z(i) == z0, "walkers start on the launch plane");
    }
    double g1 = run.model().walkerHopRate();
    double t = 10.0 / g1;
    run.step(LiModel.Mode.REST, 0, 0, t);
    int[] c = st.carriers();
    double sum = 0;
    long n = 0;
    for (int i = 0; i < c.length; i++) {
      double dz = g.z(i) - z0;
      sum += c[i] * dz * dz;
      n += c[i];
    }
    assertEquals(walkers, n, "every walker still on the lattice");
    double ratio = sum / n / (2.0 * g1 * st.time());
    System.out.printf("ParallelWalkersTest MSD %dD: MSD_z / (2 G t) = %.4f (seed %d)%n",
        g.is2d() ? 2 : 3, ratio, seed);
    return ratio;
  }

  /** Column tops (highest product z per column, sites) of a 2D lattice. */
  static double width(Run run) {
    run.stepper().syncLattice();
    Lattice lat = run.model().lattice();
    Grid g = lat.grid();
    byte[] cells = lat.cells();
    double s = 0;
    double s2 = 0;
    for (int x = 0; x < g.nx; x++) {
      int z = g.nz - 1;
      while (z > 0 && (cells[z * g.nx + x] & Lattice.MATERIAL_MASK) != LiMaterials.LI) {
        z--;
      }
      s += z;
      s2 += (double) z * z;
    }
    double m = s / g.nx;
    return Math.sqrt(s2 / g.nx - m * m);
  }

  static String ballistic(int l, int nz, boolean topOnly) {
    return head(l, 1, nz) + "transport: {mode: walkers, ballistic: true, stickTopOnly: "
        + topOnly + "}\nprotocol:\n  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 1}\n";
  }

  /**
   * Random deposition (stickTopOnly): column heights are Poisson, so w^2 = t (1 - 1/L) at t
   * monolayers whatever the window (columns do not interact), here at the default window.
   * L = 2048, t = 10 and 40, 3 replicas: the relative standard error of w^2 is
   * sqrt(2 / (3 L)) = 1.8%; tested at 6%.
   */
  @Test
  void randomDepositionWidthSquaredIsCoverage() {
    int l = 2048;
    int[] ml = {10, 40};
    double[] w2 = new double[ml.length];
    int reps = 3;
    for (int r = 0; r < reps; r++) {
      Run run = parallel(ballistic(l, 100, true), 500L + r, "cpu", 1, 0.15);
      long done = 0;
      for (int k = 0; k < ml.length; k++) {
        run.step(LiModel.Mode.PLATE, 1.0, (long) ml[k] * l - done, 0);
        done = run.model().reducedInStep() + done;
        // the window overshoots by at most one sweep: use the coverage actually reached
        double t = (double) done / l;
        double w = width(run);
        w2[k] += w * w / (t * (1 - 1.0 / l)) / reps;
      }
    }
    for (int k = 0; k < ml.length; k++) {
      System.out.printf("ParallelWalkersTest RD: w^2 / t = %.4f at %d ML (seeds 500-%d)%n",
          w2[k], ml[k], 500 + reps - 1);
      assertEquals(1.0, w2[k], 0.06, "random deposition w^2 / t at " + ml[k] + " ML");
    }
  }

  /**
   * Ballistic deposition (first contact, side sticking): the parallel solver's interface width
   * at 10, 30 and 90 monolayers equals the exact solver's (the KPZ growth of
   * DepositionGrowthTest) within the combined standard error. L = 1024, 4 replicas each; the
   * mean width's standard error is about 2%; tested at max(4 SE, 5%).
   */
  @Test
  void ballisticDepositionWidthMatchesExact() {
    int l = 1024;
    int[] ml = {10, 30, 90};
    int reps = 4;
    double[][] wp = new double[ml.length][reps];
    double[][] we = new double[ml.length][reps];
    for (int r = 0; r < reps; r++) {
      Run p = parallel(ballistic(l, 240, false), 700L + r, "cpu", 1, 0.15);
      Run e = exact(ballistic(l, 240, false), 900L + r);
      long dp = 0;
      long de = 0;
      for (int k = 0; k < ml.length; k++) {
        p.step(LiModel.Mode.PLATE, 1.0, (long) ml[k] * l - dp, 0);
        dp += p.model().reducedInStep();
        e.step(LiModel.Mode.PLATE, 1.0, (long) ml[k] * l - de, 0);
        de += e.model().reducedInStep();
        // scale the parallel width to the exact coverage by w ~ t^(1/3) (overshoot < 0.3%)
        wp[k][r] = width(p) * Math.pow((double) de / dp, 1.0 / 3);
        we[k][r] = width(e);
      }
      assertTrue(!p.model().shorted() && !e.model().shorted(), "box too short");
    }
    for (int k = 0; k < ml.length; k++) {
      double mp = ParallelSolverTest.mean(wp[k]);
      double me = ParallelSolverTest.mean(we[k]);
      double se = Math.hypot(ParallelSolverTest.se(wp[k]), ParallelSolverTest.se(we[k]));
      System.out.printf("ParallelWalkersTest BD at %d ML: parallel w = %.3f, exact w = %.3f,"
          + " SE %.3f (seeds 700-%d, 900-%d)%n", ml[k], mp, me, se, 700 + reps - 1,
          900 + reps - 1);
      assertEquals(me, mp, Math.max(4 * se, 0.05 * me), "ballistic width at " + ml[k] + " ML");
    }
  }

  static final String POPULATION = head(64, 1, 64) + "geometry: {initialLi_nm: 0.6}\n"
      + "transport: {mode: walkers, population: 30, reactionProbability: 0.5,"
      + " launchGap_sites: 2, relaunchGap_sites: 8}\n"
      + "output: {samples: 4}\nprotocol:\n  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.00003}\n"
      + "  - rest: {time_s: 1.0e-9}\n";
  static final String INJECTED = head(10, 10, 24) + "geometry: {initialLi_nm: 0.6}\n"
      + "transport: {mode: walkers, reactionProbability: 0.5, drift: 0.2}\n"
      + "deadLi: {checkInterval_events: 2}\n"
      + "output: {samples: 4}\nprotocol:\n  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.00001}\n"
      + "  - strip: {current_mA_cm2: 1, charge_mAh_cm2: 0.000005}\n  - rest: {time_s: 1.0e-8}\n";

  /**
   * Population walkers (2D; a fixed population keeps reducing whatever the protocol's mode, so
   * plating then a short rest) and injected walkers with drift (3D: plating, stripping with
   * dead-Li fills, rest): the run completes, the Li inventory identity holds, and the final lattice (walker
   * sites marked), rows and summary are the same bits on cpu and cpu-parallel with 2 and 3
   * threads (ParallelSolverTest covers 1 to 4 threads for reaction mode).
   */
  @Test
  void walkersAreBitIdenticalOverBackendsAndKeepTheInventory() {
    for (String yaml : List.of(POPULATION, INJECTED)) {
      Simulation.Result ref = ParallelSolverTest.parallel(yaml, 31L, "cpu", 0, 0.15);
      assertEquals("completed", ref.stopReason());
      Map<?, ?> inv = (Map<?, ?>) ref.summary().get("inventory");
      assertEquals(inv.get("total"), (Long) inv.get("initial") + (Long) inv.get("injected")
          - (Long) inv.get("extracted"), "inventory " + inv);
      assertTrue((Long) ref.summary().get("walkerEvents") > 300, "walkers moved");
      assertTrue((Long) inv.get("injected") - (Long) inv.get("ions") > 10,
          "walkers were reduced");
      System.out.println("ParallelWalkersTest inventory: " + inv);
      for (int t = 2; t <= 3; t++) {
        Simulation.Result r = ParallelSolverTest.parallel(yaml, 31L, "cpu-parallel", t, 0.15);
        assertArrayEquals(ref.model().lattice().cells(), r.model().lattice().cells());
        assertEquals(ParallelSolverTest.comparable(ref.summary()),
            ParallelSolverTest.comparable(r.summary()));
        for (int k = 0; k < ref.rows().size(); k++) {
          assertArrayEquals(ref.rows().get(k), r.rows().get(k));
        }
      }
    }
  }

  @Test
  void aBeamIsExactOnly() {
    String yaml = head(64, 1, 64) + "transport: {mode: walkers, ballistic: true,"
        + " beamRadius_sites: 1}\nprotocol:\n  - plate: {charge_mAh_cm2: 0.001}\n";
    InputException e = assertThrows(InputException.class,
        () -> ParallelSolverTest.parallel(yaml, 1L, "cpu", 0, 0.15));
    assertTrue(e.getMessage().contains("beamRadius_sites"), e.getMessage());
  }
}
