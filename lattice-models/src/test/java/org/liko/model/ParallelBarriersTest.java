package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.liko.engine.MaterialTable;
import org.liko.engine.backend.Backends;

/**
 * Per-substrate terrace barriers ({@code surface.terraceBarrierOn*_eV}) and the
 * Ehrlich-Schwoebel step-edge barrier ({@code surface.ehrlichSchwoebel_eV}) on the
 * {@code parallel} solver, against the exact solver's rate law (SubstrateBarrierTest,
 * StepEdgeBarrierTest).
 *
 * <ol>
 *   <li>Rate law, per substrate: a lone adatom on a flat 3D substrate of Li, Cu, inorganic and
 *       organic SEI (the hand-made lattice of SubstrateBarrierTest) hops, per move, at the rate
 *       the sweep's thresholds carry ({@link SweepStepper#hopRatePerMove}); times its four
 *       allowed moves it equals the exact solver's total rate 4 nu exp(-E_d(m)/kT). Tolerance:
 *       each threshold is floor(rate / maxHop 2^32), so a move's rate is at most
 *       maxHop 2^-32 low (maxHop: the Li adatom's rate, the largest present), plus 1e-9
 *       relative for the 32-bit type share; the exact rate law is SubstrateBarrierTest's
 *       (1e-12).</li>
 *   <li>Rate law, step down: an adatom at an island edge (StepEdgeBarrierTest's configuration)
 *       has the face hop back at nu exp(-(E_d + E_b)/kT) and the step-down move at
 *       nu exp(-(E_d + E_b + E_ES)/kT), to the same rounding bound.</li>
 *   <li>Dynamics, step down: 4096 islands of 3 atoms, each with an adatom at its right edge
 *       (2D, period 8 sites, E_ES = 0.05 eV, 298 K), run for t = 2 / (Gamma (1 + f)),
 *       f = exp(-E_ES/kT) (twice the mean time to an edge adatom's first move). The share of
 *       adatoms that left the island plane is measured on both solvers (exact seed 1001,
 *       parallel seed 1002, not tuned) and must agree within 4 standard errors of the
 *       difference (binomial, sqrt(2 p (1 - p) / 4096) = 0.0074 at the measured p = 0.13:
 *       exact 0.1311, parallel 0.1299). Power: the share is nearly proportional to the
 *       step-down rate (first-move share f / (1 + f) = 0.125), so 4 standard errors, 0.030,
 *       is a step-down rate wrong by about 23%; a solver that ignored the barrier (f = 1)
 *       would give a share near 0.5.</li>
 *   <li>Dynamics, substrate: 41 adatoms (0.01 ML, 64 x 64, face hops, E_b = 0, 300 K) on Cu
 *       at 0.05 eV and on inorganic SEI at 0.124 eV (Li on Li 0.20 eV, slower than both, so the
 *       adatoms' own row sets the bound; parallel seeds 1003, 1004): the hop counts
 *       per adatom and second give the ratio exp(0.074 eV / kT) = 17.50 within 6% (about 12000
 *       hops each: 0.9% relative error per rate, 1.3% for the ratio, so 6% is 4.6 of those;
 *       blocking between adatoms is the same on both substrates). Measured 17.37 (Cu:
 *       5.70e12 hops per adatom and second, 4 Gamma = 5.78e12 less blocking).</li>
 *   <li>Bitwise: a 3D plate and strip with both keys set (SEI on, so atoms stand on Cu, Li and
 *       both SEI species) gives the same lattice and summary on cpu and on cpu-parallel with 2
 *       and 4 threads (seed 20261201).</li>
 * </ol>
 * Measured cost: about 14 s on 2 cores shared at load 6 (bitwise 4.9 s, step-down share 5.5 s,
 * substrate ratio 3.6 s); about twice that at load 10.
 */
class ParallelBarriersTest {
  static final double NU = 1.0e13;
  static final double ED = 0.074;
  static final double ES = 0.05;
  static final double TWO32 = 4294967296.0;

  /** A parallel stepper on model (its lattice as it is now), cpu backend, one thread. */
  static SweepStepper parallel(LiModel model, Scenario s, long seed, String backend,
      int threads) {
    return new SweepStepper(model, s, model.materials(), seed, Backends.load().select(backend),
        threads, 0.0, 0.15, 0, Thermal.of(s), 1.0);
  }

  /** Runs a rest step of length t on a stepper. */
  static void rest(Stepper st, double t) {
    st.beginStep(LiModel.Mode.REST, new Scenario.Step("rest", 0, 0, t, 0, 0));
    double tEnd = st.time() + t;
    while (st.advance(tEnd, tEnd) == Stepper.MOVED) {
      // until the rest ends
    }
  }

  @Test
  void loneAdatomHopRatePerSubstrateIsTheExactOne() {
    double[] ed = {ED, 0.20, 0.15, 0.30}; // Li, Cu, inorganic SEI, organic SEI
    int[] mats = {LiMaterials.LI, LiMaterials.CU, LiMaterials.SEI_INORGANIC,
        LiMaterials.SEI_ORGANIC};
    Scenario s = SubstrateBarrierTest.scenario(", terraceBarrierOnCu_eV: 0.20,"
        + " terraceBarrierOnSeiInorganic_eV: 0.15, terraceBarrierOnSeiOrganic_eV: 0.30");
    for (int k = 0; k < mats.length; k++) {
      LiModel m = new LiModel(s, LiMaterials.table(s), 1);
      Grid g = m.lattice().grid();
      byte[] c = m.lattice().cells();
      int floor = 2;
      for (int i = 0; i < g.sites; i++) {
        if (g.z(i) >= 1 && (c[i] & Lattice.MATERIAL_MASK) != LiMaterials.SEPARATOR) {
          c[i] = (byte) (g.z(i) <= floor ? mats[k] : LiMaterials.ELECTROLYTE);
        }
      }
      c[g.index(5, 7, floor + 1)] = (byte) LiMaterials.LI;
      SweepStepper st = parallel(m, s, 1, "cpu", 0);
      rest(st, 1e-12);
      double exact = 4 * NU * StrictMath.exp(-ed[k] / m.kT());
      double par = 4 * st.hopRatePerMove(mats[k], 1, false);
      MaterialTable mt = LiMaterials.table(s);
      System.out.printf("lone adatom on %s: parallel %.10g /s, exact %.10g /s%n",
          mt.get(mats[k]).name(), par, exact);
      // each threshold is floor(rate / maxHop 2^32): at most 2^-32 maxHop below, per move
      double maxHop = NU * StrictMath.exp(-ED / m.kT()); // the adatom on Li, the fastest row
      assertEquals(exact, par, 4 * 2 * maxHop / TWO32 + 1e-9 * exact,
          "on " + mt.get(mats[k]).name());
      st.close();
    }
  }

  @Test
  void stepDownMoveCarriesTheBarrier() {
    Scenario s = StepEdgeBarrierTest.scenario(ES, true);
    Object[] e = StepEdgeBarrierTest.edge(s);
    LiModel m = (LiModel) e[0];
    SweepStepper st = parallel(m, s, 1, "cpu", 0);
    rest(st, 1e-12);
    double plain = NU * StrictMath.exp(-(ED + 0.1) / m.kT());
    double down = NU * StrictMath.exp(-(ED + 0.1 + ES) / m.kT());
    // maxHop is the adatom's plain rate here (the largest class, E_b > 0)
    assertEquals(plain, st.hopRatePerMove(LiMaterials.LI, 1, false),
        2 * plain / TWO32 + 1e-9 * plain);
    assertEquals(down, st.hopRatePerMove(LiMaterials.LI, 1, true),
        2 * plain / TWO32 + 1e-9 * down);
    st.close();
  }

  /** 2D film with {@code units} 3-atom islands (period 8), an adatom at each right edge. */
  static LiModel islands(Scenario s, int units) {
    LiModel m = new LiModel(s, LiMaterials.table(s), 1);
    Grid g = m.lattice().grid();
    byte[] c = m.lattice().cells();
    int f = topPlane(m);
    byte li = (byte) LiMaterials.LI;
    for (int u = 0; u < units; u++) {
      int x0 = 8 * u + 2;
      for (int x = x0; x < x0 + 3; x++) {
        c[g.index(x, 0, f)] = li;
      }
      c[g.index(x0 + 2, 0, f + 1)] = li;
    }
    return m;
  }

  /** First empty plane above the film of a fresh model. */
  static int topPlane(LiModel m) {
    Grid g = m.lattice().grid();
    byte[] c = m.lattice().cells();
    int f = 0;
    while ((c[g.index(0, 0, f)] & Lattice.MATERIAL_MASK) != 0) {
      f++;
    }
    return f;
  }

  /** Share of the units whose island plane + 1 holds no Li any more (the adatom went down). */
  static double downShare(LiModel m, int f, int units) {
    Grid g = m.lattice().grid();
    byte[] c = m.lattice().cells();
    int up = 0;
    for (int x = 0; x < g.nx; x++) {
      if ((c[g.index(x, 0, f + 1)] & Lattice.MATERIAL_MASK) == LiMaterials.LI) {
        up++;
      }
    }
    return 1.0 - up / (double) units;
  }

  @Test
  void stepDownShareAgreesWithTheExactSolver() {
    int units = 4096;
    Scenario s = Scenario.parse("schemaVersion: 1\nname: es\nlattice: {nx: " + 8 * units
        + ", nz: 10}\n"
        + "surface: {attemptFrequency_Hz: 1.0e13, terraceBarrier_eV: 0.074, bondEnergy_eV: 0.1,"
        + " ehrlichSchwoebel_eV: " + ES + ", diagonalHops: true}\n"
        + "sei: {recipe: none}\nkinetics: {openCircuitExchange: false}\n"
        + "geometry: {initialLi_nm: 0.558}\nprotocol:\n  - rest: {time_s: 1}\n", "es.yaml");
    LiModel ex = islands(s, units);
    int f = topPlane(new LiModel(s, LiMaterials.table(s), 1));
    double kT = ex.kT();
    double fes = StrictMath.exp(-ES / kT);
    double t = 2.0 / (NU * StrictMath.exp(-(ED + 0.1) / kT) * (1 + fes));
    rest(new ExactStepper(ex, 1001L, Thermal.of(s), 1.0), t);
    double pExact = downShare(ex, f, units);
    LiModel pm = islands(s, units);
    SweepStepper st = parallel(pm, s, 1002L, "cpu", 0);
    rest(st, t);
    st.syncLattice();
    double pPar = downShare(pm, f, units);
    st.close();
    double p = (pExact + pPar) / 2;
    double se = Math.sqrt(2 * p * (1 - p) / units);
    System.out.printf("step-down share at t = 2/(Gamma(1+f)): exact %.4f (seed 1001), parallel"
        + " %.4f (seed 1002), difference %.4f, s.e. %.4f; first-move share f/(1+f) = %.4f%n",
        pExact, pPar, pPar - pExact, se, fes / (1 + fes));
    assertTrue(pExact > 0.05 && pExact < 0.5, "the observable moved: " + pExact);
    assertEquals(pExact, pPar, 4 * se);
  }

  @Test
  void hopRateOnTwoSubstratesDiffersByTheArrheniusFactor() {
    double r1 = hopRate(LiMaterials.CU, 1003L);
    double r2 = hopRate(LiMaterials.SEI_INORGANIC, 1004L);
    double kT = 8.617333262e-5 * 300;
    double expected = StrictMath.exp((0.124 - 0.05) / kT);
    System.out.printf("parallel: hops per adatom and second on Cu (0.05 eV) %.5g, on inorganic"
        + " SEI (0.124 eV) %.5g, ratio %.4f, Arrhenius %.4f%n", r1, r2, r1 / r2, expected);
    assertEquals(expected, r1 / r2, 0.06 * expected);
  }

  /** Hops per adatom and second of 0.01 ML adatoms on a floor of material floor (parallel). */
  static double hopRate(int floor, long seed) {
    Scenario s = Scenario.parse("schemaVersion: 1\nname: sub\nlattice: {nx: 64, ny: 64, nz: 8}\n"
        + "temperature_K: 300\n"
        + "surface: {attemptFrequency_Hz: 1.0e13, terraceBarrier_eV: 0.20, bondEnergy_eV: 0,"
        + " diagonalHops: false, terraceBarrierOnCu_eV: 0.05,"
        + " terraceBarrierOnSeiInorganic_eV: 0.124}\n"
        + "sei: {recipe: none}\nkinetics: {openCircuitExchange: false}\n"
        + "geometry: {initialAdatoms_ML: 0.01}\n"
        + "protocol:\n  - rest: {time_s: 1}\n", "sub.yaml");
    LiModel model = new LiModel(s, LiMaterials.table(s), seed);
    Grid g = model.lattice().grid();
    byte[] c = model.lattice().cells();
    for (int i = 0; i < g.plane; i++) {
      c[i] = (byte) floor;
    }
    int adatoms = 0;
    for (byte b : c) {
      adatoms += (b & Lattice.MATERIAL_MASK) == LiMaterials.LI ? 1 : 0;
    }
    SweepStepper st = parallel(model, s, seed, "cpu", 0);
    double t = 300.0 / (4 * model.hopRateOn(floor, 1));
    rest(st, t);
    long hops = st.events();
    st.close();
    return hops / (adatoms * t);
  }

  @Test
  void bitIdenticalOverThreadCountsWithTheKeysSet() {
    String yaml = "schemaVersion: 1\nname: t\n"
        + "surface: {attemptFrequency_Hz: 1.0e3, terraceBarrier_eV: 0.074,"
        + " terraceBarrierOnCu_eV: 0.02, terraceBarrierOnSeiInorganic_eV: 0.04,"
        + " terraceBarrierOnSeiOrganic_eV: 0.10, ehrlichSchwoebel_eV: 0.03}\n"
        + "sei: {decayLength_nm: 0.3, recipe: mixed}\noutput: {samples: 4}\n"
        + "lattice: {nx: 32, ny: 32, nz: 24}\nprotocol:\n"
        + "  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.00005}\n"
        + "  - strip: {current_mA_cm2: 1, charge_mAh_cm2: 0.000025}\n";
    long seed = 20261201L;
    Simulation.Result ref = ParallelSolverTest.parallel(yaml, seed, "cpu", 0, 0.15);
    assertEquals("completed", ref.stopReason());
    assertTrue((Long) ref.summary().get("events") > 1000, "too few events to mean much");
    Map<String, Object> want = ParallelSolverTest.comparable(ref.summary());
    for (int threads : new int[] {2, 4}) {
      Simulation.Result r = ParallelSolverTest.parallel(yaml, seed, "cpu-parallel", threads,
          0.15);
      assertArrayEquals(ref.model().lattice().cells(), r.model().lattice().cells(),
          "lattice, " + threads + " threads");
      assertEquals(want, ParallelSolverTest.comparable(r.summary()), threads + " threads");
    }
    System.out.println("bitwise with barriers by substrate and E_ES: seed " + seed + ", "
        + ref.summary().get("events") + " events");
  }
}
