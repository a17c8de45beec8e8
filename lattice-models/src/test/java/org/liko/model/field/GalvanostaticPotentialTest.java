package org.liko.model.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.liko.model.Physics;

/**
 * The galvanostatic electrode potential of a flat electrode below a reservoir at L, against the
 * closed form of the model's equations in 1D (constant properties, thermodynamic factor 2.13 so
 * that the diffusion-potential term is tested): at steady state the cell next to the electrode
 * (centre at h/2) has c_1 = c0 - (1 - t+) J (L - h/2) / (F D) and, integrating
 * i = -kappa dPhi/dz + kappa_D dln c/dz = -J from the reservoir (Phi = 0, c0),
 * Phi_1 = -J (L - h/2) / kappa + (kappa_D / kappa) ln(c_1 / c0), kappa_D = 2 kappa RT/F (1 - t+)
 * (1 + dln f/dln c). Butler-Volmer at alpha = 1/2 with i0 (c_1/c0)^(1/2) gives
 * eta = -(2 RT/F) asinh(J / (2 i0 (c_1/c0)^(1/2))), and V = eta + Phi_1. The finite-volume
 * fluxes telescope, so the discrete answer is exact to the solver tolerance: checked to 3 uV at
 * J = 0.5 i_lim and 0.9 i_lim (c_1 to 1e-5 c0 after 2000 s of 5 s steps; measured 0.3 and 1.3 uV). Runs in well under a
 * second.
 */
class GalvanostaticPotentialTest {
  static final double T = 298.15;
  static final double C0 = 1000.0;

  @Test
  void steadyElectrodePotentialMatchesTheClosedForm() {
    Electrolyte vr = Electrolyte.valoenReimers(T);
    Electrolyte e = Electrolyte.constant(vr.kappa(C0), vr.diffusivity(C0), vr.tPlus(),
        vr.thermodynamicFactor(C0));
    double h = 2e-6;
    int nz = 50;
    double l = nz * h;
    double f = Physics.FARADAY / (Physics.GAS_R * T);
    double i0 = 10.0;
    double tm = 1 - e.tPlus();
    double ilim = Physics.FARADAY * e.diffusivity(C0) * C0 / (tm * l);
    for (double frac : new double[] {0.5, 0.9}) {
      double j = frac * ilim;
      ElectrolyteField fld = new ElectrolyteField(1, 1, nz, h, e, T, C0,
          ElectrolyteField.Top.RESERVOIR);
      fld.setWetArea(0, h * h);
      fld.setKinetics(i0, 0.5);
      double[] red = new double[nz];
      double v = 0;
      for (int s = 0; s < 400; s++) {
        v = fld.solvePotential(j * h * h);
        red[0] = fld.current(0);
        fld.advanceConcentration(5.0, red, null);
      }
      v = fld.solvePotential(j * h * h);
      double c1 = C0 - tm * j * (l - h / 2) / (Physics.FARADAY * e.diffusivity(C0));
      double kd = 2 / f * tm * e.thermodynamicFactor(C0);
      double phi1 = -j * (l - h / 2) / e.kappa(C0) + kd * Math.log(c1 / C0);
      double x = j / (2 * i0 * Math.sqrt(c1 / C0));
      double eta = -2 / f * Math.log(x + Math.sqrt(x * x + 1));
      System.out.printf("J = %.1f i_lim: V %.6f V, closed form %.6f V (eta %.6f, ohmic %.6f,"
          + " diffusion %.6f)%n", frac, v, eta + phi1, eta, -j * (l - h / 2) / e.kappa(C0),
          kd * Math.log(c1 / C0));
      assertEquals(c1, fld.concentration(0), 1e-5 * C0, "steady c next to the electrode");
      assertEquals(eta + phi1, v, 3e-6, "electrode potential at " + frac + " i_lim");
    }
  }
}
