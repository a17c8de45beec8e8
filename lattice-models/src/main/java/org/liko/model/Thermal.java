package org.liko.model;

/**
 * Temperature of the electrode under pulse self-heating (event 8). Joule heating of the
 * interface scales as i^2, so the steady rise is kappa i^2 above the ambient T0, and the
 * temperature relaxes towards it with one time constant tau:
 *
 * <pre>dT/dt = (T0 + kappa i^2 - T) / tau</pre>
 *
 * integrated exactly over intervals of constant current. The law is the lumped form of the
 * self-heating argument of Li et al., Science 359, 1513 (2018), doi:10.1126/science.aap8787
 * (review 3.5.1): at about 9 mA/cm^2 local heating speeds up surface diffusion enough to smooth
 * dendrites. kappa and tau are scenario levers ({@code thermal.*}); kappa = 0 keeps T = T0.
 */
public final class Thermal {
  private final double ambientK; // K
  private final double kappa; // K per (mA/cm^2)^2
  private final double tauS; // s
  private double temperatureK;

  /** Creates the model at the ambient temperature. */
  public Thermal(double ambientK, double kappa, double tauS) {
    this.ambientK = ambientK;
    this.kappa = kappa;
    this.tauS = tauS;
    this.temperatureK = ambientK;
  }

  /** From a scenario's {@code temperature_K} and {@code thermal.*} fields. */
  public static Thermal of(Scenario s) {
    return new Thermal(s.d("temperature_K"), s.d("thermal.selfHeating_K_per_mA2cm4"),
        s.d("thermal.relaxation_s"));
  }

  /** True when self-heating is on. */
  public boolean active() {
    return kappa > 0;
  }

  /** Advances by dt seconds at constant current density i (mA/cm^2); returns the new T (K). */
  public double advance(double dtS, double current_mA_cm2) {
    double steady = ambientK + kappa * current_mA_cm2 * current_mA_cm2;
    temperatureK = steady + (temperatureK - steady) * StrictMath.exp(-dtS / tauS);
    return temperatureK;
  }

  /** Present temperature, K. */
  public double temperatureK() {
    return temperatureK;
  }

  /** Writes the temperature for a checkpoint (raw bits). */
  void save(org.liko.engine.checkpoint.StateOut out) {
    out.section("thermal").d(temperatureK);
  }

  /** Puts back what {@link #save} wrote. */
  void restore(org.liko.engine.checkpoint.StateIn in) {
    temperatureK = in.section("thermal").d();
  }
}
