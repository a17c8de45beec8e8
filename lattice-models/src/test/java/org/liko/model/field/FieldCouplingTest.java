package org.liko.model.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.model.LiMaterials;
import org.liko.model.Physics;

/**
 * The host side of the field transport mode, driven by a minimal exact kinetic Monte Carlo loop
 * (Gillespie's direct method over all candidate reductions and metal oxidations, rates
 * recomputed after every event, field updates at a fixed model-time interval): a 2D lattice of
 * 16 x 40 coarse sites of 50 nm (n = 5.75e6 atoms each), a Cu row under a Li row, electrolyte
 * above, a reservoir on top, 2 mA/cm^2 and i0 = 1 mA/cm^2. Checks, seed 1:
 * <ul>
 *   <li>galvanostatic: right after each field update the scalar shift that keeps the expected
 *       net rate at I / (n e) is below {@link FieldCoupling#POTENTIAL_TOL} (1e-4) in f dV, the
 *       potential solve's tolerance in the coupled model (the field's own V already does it;
 *       between updates the shift follows the lattice and adds the pending Li's catch-up,
 *       which this check leaves out; measured 3e-5);</li>
 *   <li>Faraday: the net events times n e equal I t within 4 Poisson standard deviations;</li>
 *   <li>the Li+ book: Li+ in the electrolyte plus Li reduced equals the start plus what came
 *       through the top, to 1e-5 of the Li plated (c is real-valued, and each backward-Euler
 *       step conserves salt to the linear solver's residual, relative 1e-9; measured 2e-7);</li>
 *   <li>two runs give the same bits.</li>
 * </ul>
 * Runs in about a second.
 */
class FieldCouplingTest {
  static final int NX = 16;
  static final int NZ = 40;
  static final double A = 50e-9;
  static final double N_ATOMS = Math.pow(50 / Physics.LI_SITE_NM, 3);

  static int[] neighbours(int i) {
    int x = i % NX;
    int z = i / NX;
    return new int[] {z * NX + (x + 1) % NX, z * NX + (x + NX - 1) % NX,
        z + 1 < NZ ? i + NX : -1, z > 0 ? i - NX : -1};
  }

  record Result(double[] c, long net, double time, double maxRateError, double inventory,
      double ions) {}

  /** A started coupling on a flat film ({@link #flatFilm}). */
  record Flat(byte[] cells, ElectrolyteField fld, FieldCoupling fc) {}

  /**
   * One layer of Li on Cu under NX x (NZ - 2) electrolyte cells, reservoir on top, i0 = 1
   * mA/cm^2, alpha 1/2, updates every 10 s; started at mA (reduction positive).
   */
  static Flat flatFilm(double mA) {
    int[] flags = new int[Lattice.MAX_MATERIALS];
    flags[LiMaterials.ELECTROLYTE] = Material.FLUID | Material.CARRIER_CONDUCTOR;
    flags[LiMaterials.LI] = Material.ELECTRONIC | Material.DEPOSIT_ON | Material.BEARS_CARRIER;
    flags[LiMaterials.CU] = Material.ELECTRONIC | Material.DEPOSIT_ON | Material.FIXED;
    double[] eps = new double[Lattice.MAX_MATERIALS];
    double[] tau = new double[Lattice.MAX_MATERIALS];
    java.util.Arrays.fill(tau, 1.0);
    byte[] cells = new byte[NX * NZ];
    for (int x = 0; x < NX; x++) {
      cells[x] = (byte) LiMaterials.CU;
      cells[NX + x] = (byte) LiMaterials.LI;
    }
    ElectrolyteField fld = new ElectrolyteField(NX, 1, NZ, A, Electrolyte.valoenReimers(298.15),
        298.15, 1000.0, ElectrolyteField.Top.RESERVOIR);
    double i0 = Physics.mAcm2ToAm2(1.0);
    fld.setKinetics(i0, 0.5);
    LatticeFieldMap map = new LatticeFieldMap(NX, 1, NZ, A, flags, eps, tau);
    FieldCoupling fc = new FieldCoupling(fld, map, NX, 1, NZ, N_ATOMS, i0, 10.0);
    fc.start(cells, 0.0, Physics.mAcm2ToAm2(mA) * NX * A * A);
    return new Flat(cells, fld, fc);
  }

  static Result run(long seed, int events) {
    Flat flat = flatFilm(2.0);
    byte[] cells = flat.cells();
    ElectrolyteField fld = flat.fld();
    FieldCoupling fc = flat.fc();
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    double[] rate = new double[2 * NX * NZ];
    double t = 0;
    long net = 0;
    double maxErr = 0;
    for (int ev = 0; ev < events; ) {
      double redW = 0;
      double oxW = 0;
      for (int i = 0; i < NX * NZ; i++) {
        int m = cells[i] & Lattice.MATERIAL_MASK;
        rate[2 * i] = 0;
        rate[2 * i + 1] = 0;
        int[] nb = neighbours(i);
        if (m == LiMaterials.ELECTROLYTE) {
          int faces = 0;
          for (int j : nb) {
            int mj = j < 0 ? -1 : cells[j] & Lattice.MATERIAL_MASK;
            faces += mj == LiMaterials.LI || mj == LiMaterials.CU ? 1 : 0;
          }
          rate[2 * i] = fc.reductionWeight(i, faces);
        } else if (m == LiMaterials.LI) {
          for (int j : nb) {
            if (j >= 0 && (cells[j] & Lattice.MATERIAL_MASK) == LiMaterials.ELECTROLYTE) {
              rate[2 * i + 1] += fc.oxidationFaceWeight(j);
            }
          }
        }
        redW += rate[2 * i];
        oxW += rate[2 * i + 1];
      }
      double x = fc.shift(redW, oxW);
      if (t == fc.nextUpdate() - fc.interval()) {
        // the field's own V carries I / (n e): the shift without the pending Li's catch-up
        double target = Physics.mAcm2ToAm2(2.0) * NX * A * A / (N_ATOMS * Physics.E_CHARGE)
            / fc.rateScale();
        double x0 = org.liko.model.ButlerVolmer.solve(0.5, redW, null, null, null, 0, 1, oxW,
            target);
        maxErr = Math.max(maxErr, Math.abs(x0));
      }
      double fr = fc.rateScale() * Math.exp(-0.5 * x);
      double fo = fc.rateScale() * Math.exp(0.5 * x);
      double total = 0;
      for (int i = 0; i < NX * NZ; i++) {
        rate[2 * i] *= fr;
        rate[2 * i + 1] *= fo;
        total += rate[2 * i] + rate[2 * i + 1];
      }
      double step = -Math.log(1 - rng.nextDouble()) / total;
      if (t + step >= fc.nextUpdate()) {
        t = fc.nextUpdate();
        boolean ok = fc.update(t, cells);
        if (!ok) {
          double min = 1e9;
          int at = -1;
          for (int i = 0; i < NX * NZ; i++) {
            if (fld.porosity(i) > 0 && fld.concentration(i) < min) {
              min = fld.concentration(i);
              at = i;
            }
          }
          System.out.println("t " + t + " ev " + ev + " min c " + min + " at " + at);
        }
        assertTrue(ok, "electrolyte not depleted");
        continue;
      }
      t += step;
      double u = rng.nextDouble() * total;
      int k = 0;
      while (k < rate.length - 1 && (u -= rate[k]) > 0) {
        k++;
      }
      int site = k / 2;
      if ((k & 1) == 0) {
        cells[site] = (byte) LiMaterials.LI;
        fc.reduced(site);
        net++;
      } else {
        cells[site] = (byte) LiMaterials.ELECTROLYTE;
        fc.oxidised(site);
        net--;
      }
      ev++;
    }
    t = fc.nextUpdate();
    fc.update(t, cells);
    double[] c = new double[NX * NZ];
    for (int i = 0; i < c.length; i++) {
      c[i] = fld.concentration(i);
    }
    return new Result(c, net, t, maxErr, fc.inventoryError(), fc.ionMoles());
  }

  @Test
  void couplingKeepsTheCurrentFaradayAndTheLiInventory() {
    Result r = run(1, 600);
    double current = Physics.mAcm2ToAm2(2.0) * NX * A * A;
    double expected = current * r.time() / (N_ATOMS * Physics.E_CHARGE);
    System.out.printf("field coupling: net events %d, I t / (n e) %.1f, |f dV| after updates %.2e, "
        + "Li+ book error %.2e of %.3e mol%n", r.net(), expected, r.maxRateError(),
        r.inventory(), r.ions());
    assertTrue(r.maxRateError() < FieldCoupling.POTENTIAL_TOL, "the field's V is galvanostatic: f dV = " + r.maxRateError());
    assertEquals(expected, r.net(), 4 * Math.sqrt(expected) + 2, "Faraday");
    double plated = Math.abs(r.net()) * N_ATOMS * Physics.E_CHARGE / Physics.FARADAY;
    assertEquals(0.0, r.inventory(), 1e-5 * plated, "Li+ book");
    Result again = run(1, 600);
    assertArrayEquals(r.c(), again.c(), 0.0);
  }

  /**
   * Net exchange ({@link FieldCoupling#setNetExchange}) on the flat film of {@link #run} (16
   * columns, Li on Cu, reservoir 2 um above, i0 = 1 mA/cm^2), checked against the gross weights
   * of the same field: (a) plating at 2 mA/cm^2, where every face is cathodic, no Li face has an
   * oxidation weight and each candidate's weight is its faces times (r - o), the gross
   * reduction weight less the gross oxidation weight of the same cell (to 1e-12 relative:
   * round-off of the difference); the net weights times i0 a^2 / (n e) sum to the field's own
   * galvanostatic net rate I / (n e), so the shift right after the solve is below
   * {@link FieldCoupling#POTENTIAL_TOL}; (b) at open circuit (I = 0, uniform c: V = Phi at
   * every face) every net weight is below 1e-6 of the gross one (no exchange is drawn at all;
   * with gross exchange each site would react at i0 a^2 / (n e) = 0.027 /s both ways).
   * Deterministic (no random numbers), milliseconds.
   */
  @Test
  void netExchangeWeightsAreTheLocalNetOfTheGrossOnes() {
    for (double mA : new double[] {2.0, 0.0}) {
      FieldCoupling fc = flatFilm(mA).fc();
      double[][] gw = faceWeights(fc); // gross: net exchange is off by default
      double gross = sum(gw[0]);
      fc.setNetExchange(true);
      double[][] nw = faceWeights(fc);
      for (int x = 0; x < NX; x++) {
        double r = nw[0][x];
        double q = nw[1][x];
        if (mA > 0) {
          assertEquals(0.0, q, 0.0, "no anodic face while plating on a flat film");
          assertEquals(gw[0][x] - gw[1][x], r, 1e-12 * gw[0][x],
              "net = gross reduction - gross oxidation");
        } else {
          assertTrue(r < 1e-6 * gw[0][x] && q < 1e-6 * gw[1][x],
              "open circuit: no net exchange");
        }
      }
      if (mA > 0) {
        double red = sum(nw[0]);
        double x = fc.shift(red, sum(nw[1]));
        System.out.printf("net exchange: gross/net reduction weight %.3f, shift %.2e%n",
            gross / red, x);
        assertTrue(Math.abs(x) < FieldCoupling.POTENTIAL_TOL, "galvanostatic: f dV = " + x);
      }
    }
  }

  /**
   * Reduction and oxidation weights of the candidates above the flat film of {@link #flatFilm}
   * (one face to Li each), as the coupling's exchange (gross or net) gives them: {red, ox}.
   */
  static double[][] faceWeights(FieldCoupling fc) {
    double[][] w = new double[2][NX];
    for (int x = 0; x < NX; x++) {
      int s = 2 * NX + x;
      w[0][x] = fc.reductionWeight(s, 1, 1);
      w[1][x] = fc.oxidationFaceWeight(s);
    }
    return w;
  }

  static double sum(double[] v) {
    double t = 0;
    for (double x : v) {
      t += x;
    }
    return t;
  }

  /**
   * Net exchange netted at another potential ({@link FieldCoupling#setNetReference}): on the
   * flat film of {@link #run} at open circuit (every face at equilibrium at V, where netting at
   * V leaves nothing), netted at x_ref = -3 and +3 (f (E_ref - V), about -/+77 mV) each face's
   * net cathodic weight is r - o exp(x_ref) and net anodic weight o - r exp(-x_ref), with r and
   * o its gross factors at V (to 1e-12 relative); cathodic at -3 (no anodic face), anodic at +3
   * (no cathodic face); and the netted channels carry the gross difference at x = x_ref:
   * R_net exp(-alpha x) - O_net exp((1 - alpha) x) = R exp(-alpha x) - O exp((1 - alpha) x) to
   * 1e-12 relative (what makes the lattice's shift right after an update equal x_ref when x_ref
   * is the gross galvanostatic root). Deterministic, milliseconds.
   */
  @Test
  void netExchangeAtAReferencePotentialCarriesTheGrossDifference() {
    FieldCoupling fc = flatFilm(0.0).fc();
    double alpha = 0.5;
    for (double xr : new double[] {-3.0, 3.0}) {
      fc.setNetExchange(false);
      double[][] gw = faceWeights(fc);
      fc.setNetExchange(true);
      fc.setNetReference(xr);
      double[][] nw = faceWeights(fc);
      for (int x = 0; x < NX; x++) {
        double g = gw[0][x];
        double o = gw[1][x];
        if (xr < 0) {
          assertEquals(g - o * Math.exp(xr), nw[0][x], 1e-12 * g, "net cathodic at x_ref");
          assertEquals(0.0, nw[1][x], 0.0, "no anodic face at x_ref = " + xr);
        } else {
          assertEquals(o - g * Math.exp(-xr), nw[1][x], 1e-12 * o, "net anodic at x_ref");
          assertEquals(0.0, nw[0][x], 0.0, "no cathodic face at x_ref = " + xr);
        }
      }
      double gr = sum(gw[0]);
      double go = sum(gw[1]);
      double nr = sum(nw[0]);
      double no = sum(nw[1]);
      double gross = gr * Math.exp(-alpha * xr) - go * Math.exp((1 - alpha) * xr);
      double net = nr * Math.exp(-alpha * xr) - no * Math.exp((1 - alpha) * xr);
      assertEquals(gross, net, 1e-12 * Math.abs(gross), "net channels at x = x_ref");
      fc.setNetReference(0.0);
    }
  }
}
