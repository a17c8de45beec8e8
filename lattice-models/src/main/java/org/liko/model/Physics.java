package org.liko.model;

/** Physical constants (CODATA 2018 exact SI values) and the unit conversions the model uses. */
public final class Physics {
  /** Elementary charge, C. */
  public static final double E_CHARGE = 1.602176634e-19;
  /** Boltzmann constant, eV/K. */
  public static final double KB_EV = 8.617333262e-5;
  /** Faraday constant, C/mol. */
  public static final double FARADAY = 96485.33212;
  /** Gas constant, J/(mol K). */
  public static final double GAS_R = 8.314462618;
  /** One mAh/cm^2 in C/m^2: 3.6 C/cm^2 = 36000 C/m^2. */
  public static final double MAH_CM2_IN_C_M2 = 36000.0;
  /** Default site edge for one Li atom at bcc Li density 46.3 nm^-3, nm (Omega = 21.6 A^3). */
  public static final double LI_SITE_NM = 0.279;

  private Physics() {}

  /** Current density in mA/cm^2 to A/m^2. */
  public static double mAcm2ToAm2(double mAcm2) {
    return mAcm2 * 10.0;
  }

  /** Charge density: number of elementary charges on area (m^2) to mAh/cm^2. */
  public static double countToMahCm2(long count, double areaM2) {
    return count * E_CHARGE / areaM2 / MAH_CM2_IN_C_M2;
  }

  /** Charge density mAh/cm^2 on area (m^2) to a number of elementary charges (rounded). */
  public static long mahCm2ToCount(double mahCm2, double areaM2) {
    return Math.round(mahCm2 * MAH_CM2_IN_C_M2 * areaM2 / E_CHARGE);
  }

  /** Nucleation factor S(theta) = (2 + cos theta)(1 - cos theta)^2 / 4 (review 3.3, eq. 2). */
  public static double nucleationFactor(double thetaDeg) {
    double c = StrictMath.cos(StrictMath.toRadians(thetaDeg));
    return (2.0 + c) * (1.0 - c) * (1.0 - c) / 4.0;
  }

  /**
   * Nucleation factor of a 2D (one site deep) cap, the area of a circular segment of contact
   * angle theta over that of the full disk: S2(theta) = (theta - sin theta cos theta) / pi
   * (S2(90) = 1/2, S2(180) = 1), the 2D analogue of {@link #nucleationFactor}.
   */
  public static double nucleationFactor2D(double thetaDeg) {
    double t = StrictMath.toRadians(thetaDeg);
    return (t - StrictMath.sin(t) * StrictMath.cos(t)) / Math.PI;
  }
}
