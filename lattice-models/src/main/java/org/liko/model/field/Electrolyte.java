package org.liko.model.field;

/**
 * Transport properties of a concentrated binary electrolyte (Newman and Thomas-Alyea,
 * Electrochemical Systems, 3rd ed., ch. 12): conductivity kappa(c), salt diffusivity D(c), cation
 * transference number t+ (constant here) and thermodynamic factor 1 + dln f/dln c. Concentrations
 * in mol/m^3, SI units throughout.
 *
 * <p>{@link #valoenReimers} is 1 M LiPF6 in PC:EC:DMC (10:27:63 by volume), the fits of Valoen
 * and Reimers, J. Electrochem. Soc. 152, A882 (2005), valid for about 0-4 mol/L and 263-333 K;
 * {@link #constant} gives fixed properties for analytic comparisons.
 */
public interface Electrolyte {
  /** Conductivity, S/m, at salt concentration c (mol/m^3). */
  double kappa(double c);

  /** Salt diffusivity, m^2/s, at c (mol/m^3). */
  double diffusivity(double c);

  /** Cation transference number relative to the solvent velocity (constant). */
  double tPlus();

  /** Thermodynamic factor 1 + dln f/dln c at c (mol/m^3). */
  double thermodynamicFactor(double c);

  /**
   * Fixed properties.
   *
   * @param kappa conductivity, S/m
   * @param d salt diffusivity, m^2/s
   * @param tPlus cation transference number
   * @param tdf thermodynamic factor 1 + dln f/dln c
   */
  static Electrolyte constant(double kappa, double d, double tPlus, double tdf) {
    if (!(kappa > 0) || !(d > 0) || !(tPlus >= 0 && tPlus < 1) || !(tdf > 0)) {
      throw new IllegalArgumentException("electrolyte: need kappa > 0, D > 0, 0 <= t+ < 1, "
          + "thermodynamic factor > 0 (got " + kappa + ", " + d + ", " + tPlus + ", " + tdf + ")");
    }
    return new Electrolyte() {
      @Override
      public double kappa(double c) {
        return kappa;
      }

      @Override
      public double diffusivity(double c) {
        return d;
      }

      @Override
      public double tPlus() {
        return tPlus;
      }

      @Override
      public double thermodynamicFactor(double c) {
        return tdf;
      }
    };
  }

  /**
   * LiPF6 in PC:EC:DMC 10:27:63 v/v at temperature t (K), Valoen and Reimers (2005). With
   * c in mol/L (m = c / 1000 mol/m^3):
   * <ul>
   *   <li>kappa (mS/cm) = m (-10.5 + 0.0740 T - 6.96e-5 T^2 + m (0.668 - 0.0178 T + 2.80e-5
   *       T^2) + m^2 (0.494 - 8.86e-4 T))^2 (their eq. 17; 0.1 S/m per mS/cm);</li>
   *   <li>log10 D (cm^2/s) = -4.43 - 54 / (T - 229 - 5 m) - 0.22 m (their fit of the restricted
   *       diffusion data);</li>
   *   <li>t+ = 0.38 (their value, taken constant);</li>
   *   <li>(1 - t+)(1 + dln f/dln c) = 0.601 - 0.24 m^0.5 + 0.982 (1 - 0.0052 (T - 294)) m^1.5
   *       (their fit of the concentration-cell data).</li>
   * </ul>
   * At 298.15 K and 1 mol/L: kappa = 1.19 S/m, D = 3.22e-10 m^2/s, thermodynamic factor 2.13.
   */
  static Electrolyte valoenReimers(double t) {
    if (!(t >= 263 && t <= 333)) {
      throw new IllegalArgumentException("Valoen-Reimers electrolyte: temperature " + t
          + " K outside the 263-333 K of the fits");
    }
    return new Electrolyte() {
      @Override
      public double kappa(double c) {
        double m = Math.max(0.0, c) / 1000.0;
        double p = -10.5 + 0.0740 * t - 6.96e-5 * t * t
            + m * (0.668 - 0.0178 * t + 2.80e-5 * t * t) + m * m * (0.494 - 8.86e-4 * t);
        return 0.1 * m * p * p;
      }

      @Override
      public double diffusivity(double c) {
        double m = Math.max(0.0, c) / 1000.0;
        return 1e-4 * StrictMath.pow(10.0, -4.43 - 54.0 / (t - 229.0 - 5.0 * m) - 0.22 * m);
      }

      @Override
      public double tPlus() {
        return 0.38;
      }

      @Override
      public double thermodynamicFactor(double c) {
        double m = Math.max(0.0, c) / 1000.0;
        double s = Math.sqrt(m);
        return (0.601 - 0.24 * s + 0.982 * (1 - 0.0052 * (t - 294.0)) * m * s) / (1 - 0.38);
      }
    };
  }
  /**
   * The properties of {@code base} with measured values put in at the bulk concentration c0
   * (a strategy's electrolyte: a concentrated dual-salt ether, an ionic liquid, a single-ion
   * conductor). The concentration dependence of kappa and D keeps the shape of {@code base}:
   * kappa(c) = base.kappa(c) kappaC0 / base.kappa(c0), D(c) likewise; t+ is replaced. The
   * thermodynamic factor is kept, so the diffusion potential term (1 - t+)(1 + dln f/dln c) scales
   * with 1 - t+: at t+ = 1 (single-ion conductor) the reduction current removes no salt and there
   * is no concentration gradient (Sand's time infinite; Newman and Thomas-Alyea, ch. 12).
   *
   * @param c0 bulk concentration, mol/m^3, at which the given values hold
   * @param kappaC0 conductivity at c0, S/m; 0 keeps base's
   * @param dC0 salt diffusivity at c0, m^2/s; 0 keeps base's
   * @param tPlus cation transference number, 0 to 1; negative keeps base's
   * @return base itself when nothing is replaced (results bit-identical)
   */
  static Electrolyte adjusted(Electrolyte base, double c0, double kappaC0, double dC0,
      double tPlus) {
    if (kappaC0 == 0 && dC0 == 0 && tPlus < 0) {
      return base;
    }
    if (!(kappaC0 >= 0) || !(dC0 >= 0) || !(tPlus <= 1) || !(c0 > 0)) {
      throw new IllegalArgumentException("electrolyte: need kappa >= 0, D >= 0, t+ <= 1 and"
          + " c0 > 0 (got " + kappaC0 + ", " + dC0 + ", " + tPlus + ", " + c0 + ")");
    }
    double ks = kappaC0 > 0 ? kappaC0 / base.kappa(c0) : 1.0;
    double ds = dC0 > 0 ? dC0 / base.diffusivity(c0) : 1.0;
    double tp = tPlus >= 0 ? tPlus : base.tPlus();
    return new Electrolyte() {
      @Override
      public double kappa(double c) {
        return ks * base.kappa(c);
      }

      @Override
      public double diffusivity(double c) {
        return ds * base.diffusivity(c);
      }

      @Override
      public double tPlus() {
        return tp;
      }

      @Override
      public double thermodynamicFactor(double c) {
        return base.thermodynamicFactor(c);
      }
    };
  }
}
