package org.liko.model;

import org.liko.engine.InputException;

/**
 * Mullins-calibrated surface hops of coarse sites ({@code surface.coarse.mullins: true};
 * docs/model.md, "Mullins calibration of coarse-site hops").
 *
 * <p>A smooth surface relaxes by surface diffusion as dh/dt = -B d^4h/dx^4 with
 * B = D_s gamma Omega^2 nu / kT (Mullins, J. Appl. Phys. 28, 333, 1957). The physical B comes
 * from the stated surface self-diffusivity D_s ({@code surface.coarse.selfDiffusivity_m2_s}, in
 * Mullins's convention nu = Omega^(-2/3): every surface atom counted as mobile) and surface
 * energy gamma ({@code surface.coarse.surfaceEnergy_J_m2}), with the atomic volume of Li,
 * Omega = a0^3: B_phys = D_s gamma Omega^(4/3) / kT (m^4/s).
 *
 * <p>The lattice's own B: coarse-site hops use bond counting with the numerical bond
 * J = {@link #BOND_KT} kT (a numerical device, not a physical energy: the real capillary energy
 * of a coarse site is thousands of eV, so a coarse surface does not fluctuate thermally; J sets
 * how rough the lattice front may be on the grid scale, with kinks every few sites) and no
 * terrace barrier, so an atom with n bonds hops at nu_c exp(-n J / kT) per allowed target. At
 * this J the lattice's Mullins coefficient in lattice units is {@link #B_LATTICE} sites^4 per
 * 1/nu_c (mobility x stiffness / kT from the lattice's equilibrium fluctuations; sinusoids of
 * amplitude 0.04 wavelength decay at 0.8-1.0 of it: the verify case {@code mullins}). In
 * physical units the lattice has
 * B = B_LATTICE a^4 nu_c, so the calibrated attempt frequency is
 * nu_c = B_phys / (B_LATTICE a^4).
 *
 * <p>Measured for the 2D lattice (ny = 1) with diagonal hops; 3D coarse scenarios are refused
 * until the 3D lattice's B is measured.
 */
public final class MullinsCalibration {
  private MullinsCalibration() {}

  /** The numerical bond of calibrated coarse sites, J / kT. */
  public static final double BOND_KT = 3.0;

  /**
   * The 2D lattice's Mullins coefficient at J = 3 kT, diagonal hops on, E_d = 0, in sites^4
   * times the attempt frequency: mobility x stiffness / kT measured from equilibrium
   * fluctuations (docs/model.md gives the runs and their spread).
   */
  public static final double B_LATTICE = 2.4e-3;

  /** Key that asks for calibrated hops. */
  static final String KEY = "surface.coarse.mullins";

  /** Whether the scenario asks for Mullins-calibrated hops. */
  static boolean on(Scenario s) {
    return s.b(KEY);
  }

  /** The physical Mullins coefficient B = D_s gamma Omega^(4/3) / kT (m^4/s). */
  public static double physicalB(double selfDiffusivityM2s, double surfaceEnergyJm2,
      double temperatureK) {
    double omega = Math.pow(Physics.LI_SITE_NM * 1e-9, 3);
    double kTJ = Physics.KB_EV * temperatureK * Physics.E_CHARGE;
    return selfDiffusivityM2s * surfaceEnergyJm2 * Math.pow(omega, 4.0 / 3.0) / kTJ;
  }

  /** The calibrated attempt frequency nu_c = B_phys / (B_LATTICE a^4) (Hz), a in nm. */
  public static double attemptFrequencyHz(double selfDiffusivityM2s, double surfaceEnergyJm2,
      double temperatureK, double siteNm) {
    double a = siteNm * 1e-9;
    return physicalB(selfDiffusivityM2s, surfaceEnergyJm2, temperatureK)
        / (B_LATTICE * a * a * a * a);
  }

  /**
   * The hop parameters {attempt frequency (Hz), terrace barrier (eV), bond (eV)} of a scenario:
   * its {@code surface.*} values, or the calibrated ones when {@code surface.coarse.mullins} is
   * on (the bond J = 3 kT at {@code temperature_K}).
   */
  static double[] hopParameters(Scenario s) {
    if (!on(s)) {
      return new double[] {s.d("surface.attemptFrequency_Hz"), s.d("surface.terraceBarrier_eV"),
          s.d("surface.bondEnergy_eV")};
    }
    double t = s.d("temperature_K");
    return new double[] {attemptFrequencyHz(s.d("surface.coarse.selfDiffusivity_m2_s"),
        s.d("surface.coarse.surfaceEnergy_J_m2"), t, LiModel.siteNmOf(s)), 0.0,
        BOND_KT * Physics.KB_EV * t};
  }

  /**
   * Refuses a calibrated scenario the calibration does not cover, naming the field and the fix:
   * atomistic sites, 3D lattices, face hops only, and hop parameters of its own (attempt
   * frequency, terrace barrier, step-edge or per-substrate barriers).
   */
  static void check(Scenario s) {
    if (!on(s)) {
      return;
    }
    String where = s.source() + ": field '" + KEY + "': value true ";
    if (s.l("lattice.atomsPerSite") <= 1) {
      throw new InputException(where + "is for coarse sites; allowed with"
          + " lattice.atomsPerSite > 1 (atomistic sites hop with their own barriers:"
          + " set surface.coarse.mullins: false)");
    }
    if (s.i("lattice.ny") != 1) {
      throw new InputException(where + "is measured for the 2D lattice only (ny = 1); the 3D"
          + " lattice's Mullins coefficient is not measured yet: use a 2D lattice, or"
          + " surface.coarse.mullins: false with a hop rate of your own");
    }
    if (!s.b("surface.diagonalHops")) {
      throw new InputException(where + "is measured with diagonal hops: set"
          + " surface.diagonalHops: true");
    }
    ParameterSchema schema = ParameterSchema.get();
    String[] derived = {"surface.attemptFrequency_Hz", "surface.terraceBarrier_eV",
        "surface.ehrlichSchwoebel_eV", SurfaceDiffusion.SUBSTRATE_KEYS[0],
        SurfaceDiffusion.SUBSTRATE_KEYS[1], SurfaceDiffusion.SUBSTRATE_KEYS[2]};
    for (String k : derived) {
      double def = ((Number) schema.param(k).defaultValue()).doubleValue();
      if (s.d(k) != def) {
        throw new InputException(where + "derives the hop rates (attempt frequency from"
            + " surface.coarse.selfDiffusivity_m2_s and surface.coarse.surfaceEnergy_J_m2, bond "
            + BOND_KT + " kT, no barriers), but field '" + k + "' is set to " + s.d(k)
            + ": remove it, or set surface.coarse.mullins: false to give the hop rates yourself");
      }
    }
  }
}
