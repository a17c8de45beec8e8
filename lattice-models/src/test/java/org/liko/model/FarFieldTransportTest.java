package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liko.engine.InputException;
import org.liko.model.field.Electrolyte;
import org.liko.model.field.ElectrolyteField;
import org.liko.model.verify.SandTimeCase;

/**
 * {@code transport.field.farField_um} end to end through {@link Simulation} (exact solver): the
 * lattice's field coupled to the 1D far field ({@link org.liko.model.field.FarField}).
 */
class FarFieldTransportTest {
  /**
   * FieldTransportTest's depletion case (32 columns of 50 nm sites, n = 5 746 000, reservoir
   * L = 51.05 um above the film, J = 3 J_lim(D(c0)) = 295 mA/cm^2, updates every
   * t_s(D(c0)) / 40, seed 1002, gross exchange as that run was measured) with the lattice cut
   * to 65 rows and the 47.97 um above them a far field. Checks, as there: the plating step stops on depletion at a time between
   * 0.75 t_s(D(c0)) and 1.1 t_s(D(0)) (the continuum bracket of the Valoen-Reimers D(c)); the
   * Li+ book with the far field's salt closes within 1e-6 of the Li moved; the lattice's
   * identity in atoms; the summary reports the far field and its ohmic drop. The continuum of the
   * same equations (a 1-cell column of the field's rows under the same far field, uniform flux,
   * steps of t_s / 400) is printed. Measured: depleted at 1.0677 s (continuum 1.057 s; the
   * all-lattice run on the same seed, 1.088 s); with the realized events as the salt sink (before
   * 2026-12-01) 1.03562 s, the all-lattice run's 1.0357 s. The seed-to-seed spread is the
   * coarse events' noise (with a 2.7 s step, which moves the samples and so the path: seeds
   * 1002-1005 gave 0.999, 0.790, 1.055, 0.596 s; docs/validation.md). About 2 s alone (5.5 s at
   * load 20), against about 45 s for the all-lattice run.
   */
  @Test
  void depletesLikeTheAllLatticeRunAndKeepsTheBooks() {
    Electrolyte e = Electrolyte.valoenReimers(298.15);
    double c0 = 1000.0;
    double tm = 1 - e.tPlus();
    double a = FieldTransportTest.A;
    double l = (1024 - 1 - 2) * a; // separator plane of the all-lattice run - collector and film
    double jLim = Physics.FARADAY * e.diffusivity(c0) * c0 / (tm * l);
    double j = 3 * jLim;
    double ts0 = sand(e.diffusivity(c0), c0, j, tm);
    double tsMax = sand(e.diffusivity(0.0), c0, j, tm);
    double farUm = (1024 - 64) * a * 1e6; // the rows the lattice no longer holds
    String text = FieldTransportTest.head(32, 65, "reservoir", ts0 / 40)
        .replace("interval_s: " + ts0 / 40 + "}", "interval_s: " + ts0 / 40 + ", farField_um: "
            + farUm + ", exchange: gross}")
        + "output: {samples: 161}\nprotocol:\n  - plate: {current_mA_cm2: " + j / 10
        + ", time_s: " + 2 * tsMax + "}\n";
    Simulation.Result r = new Simulation(Scenario.parse(text, "far-sand"), 1002L)
        .run(new Simulation.Listener() {});
    @SuppressWarnings("unchecked")
    Map<String, Object> f = (Map<String, Object>) r.summary().get("field");
    double continuum = continuumSand(e, c0, j, a, 61, farUm * 1e-6);
    Object dep = f.get("depletedAt_s");
    System.out.printf("far-field coupled Sand: depleted at %s s, continuum %.4f s, t_s(D(c0))"
        + " %.4f s, t_s(D(0)) %.4f s; field %s%n", dep, continuum, ts0, tsMax, f);
    assertNotNull(dep, "depleted");
    double td = (Double) dep;
    assertTrue(td > 0.75 * ts0 && td < 1.1 * tsMax, "depletion time " + td);
    LiModel m = r.model();
    long[] n = m.lattice().countByMaterial();
    long atoms = FieldTransportTest.N_ATOMS;
    assertEquals(m.initial() + m.injected() - m.extracted(), atoms * (n[LiMaterials.LI]
        + n[LiMaterials.LI_DEAD]), "lattice identity (atoms = n x sites)");
    double moved = (m.injected() + m.extracted()) * Physics.E_CHARGE / Physics.FARADAY;
    assertEquals(0.0, (Double) f.get("ionBookError_mol"), 1e-6 * moved, "Li+ book");
    assertEquals(farUm, (Double) f.get("farField_um"), 1e-9 * farUm);
    assertTrue((Double) f.get("farFieldPotentialDrop_V") < 0, "ohmic drop while plating");
  }

  /**
   * Sand's time (s) of the continuum of the same equations: a 1-cell column of nz cells of
   * edge a under a far field, the uniform flux j into the bottom cell, steps of t_s / 400.
   */
  static double continuumSand(Electrolyte e, double c0, double j, double a, int nz, double far) {
    ElectrolyteField fld = new ElectrolyteField(1, 1, nz, a, e, 298.15, c0,
        ElectrolyteField.Top.RESERVOIR);
    fld.setWetArea(0, a * a);
    fld.setFarField(far);
    double[] red = new double[nz];
    red[0] = j * a * a;
    return SandTimeCase.firstDepletion(fld, red,
        sand(e.diffusivity(c0), c0, j, 1 - e.tPlus()) / 400, 4000);
  }

  static double sand(double d, double c0, double j, double tm) {
    return Math.PI * d * Math.pow(c0 * Physics.FARADAY, 2) / (4 * Math.pow(j * tm, 2));
  }

  /**
   * A far field outside field mode is refused by name (the option and the fix). Milliseconds.
   */
  @Test
  void farFieldOutsideFieldModeIsRefused() {
    String text = "schemaVersion: 1\nlattice: {nx: 8, nz: 8}\n"
        + "transport: {mode: reaction, field: {farField_um: 100}}\n"
        + "protocol:\n  - plate: {current_mA_cm2: 1, time_s: 1}\n";
    InputException ex = assertThrows(InputException.class,
        () -> new Simulation(Scenario.parse(text, "far-reaction"), 1L)
            .run(new Simulation.Listener() {}));
    assertTrue(ex.getMessage().contains("transport.field.farField_um")
        && ex.getMessage().contains("transport.mode field"), ex.getMessage());
  }
}
