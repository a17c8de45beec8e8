package org.liko.model;

import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.engine.MaterialTable;
import org.liko.engine.rules.SiteRules;

/**
 * Electrode kinetics of {@link LiModel} (DESIGN section 5): every rate law of charge transfer
 * lives here.
 * <ul>
 *   <li>Butler-Volmer: exchange rate k0 = i0 a^2 / e per reference (kink) site, reduction
 *       k0 w_i exp(-alpha f eta), oxidation k0 v_i exp((1 - alpha) f eta).</li>
 *   <li>Reduction weights w of the candidate classes on Li and on foreign substrates (layers add
 *       theirs beneath a layer: {@link Layers}).</li>
 *   <li>Oxidation weights v_n = exp(-(n - n_ref) E_b / kT) of live surface Li with n solid
 *       neighbours, n_ref = half the face neighbours (kink site).</li>
 *   <li>Overpotential-driven nucleation on a foreign substrate: classical barriers with an
 *       effective interfacial energy gamma, dG* / kT = c / |f eta|^p (p = 2 in 3D, 1 in 2D).</li>
 *   <li>The galvanostatic solve for f eta ({@link ButlerVolmer}) and the rate factors it
 *       gives.</li>
 * </ul>
 * The transport mode decides when the solve runs and what current it must carry.
 */
final class Kinetics {
  private double alphaF; // alpha F / RT, 1/V
  private double betaF; // (1 - alpha) F / RT, 1/V
  private final double k0; // exchange rate per reference site, 1/s
  private final int nRef; // reference coordination of the exchange rate (kink site)
  private final boolean exchangeAtRest; // both directions live at open circuit (reaction mode)
  private final int[] foreign; // material ids that can be a foreign nucleation substrate
  private final int nucleationPower; // 2: 3D barrier ~ 1/eta^2; 1: 2D barrier ~ 1/|eta|
  private final double[] nucleationCoef = new double[Lattice.MAX_MATERIALS]; // c of exp(-c/|x|^p)
  // the galvanostatic solve (ButlerVolmer), refreshed with the driven rates
  private double etaX; // f eta of the last solve (NaN: no root)
  private double redFactor; // k0 exp(-alpha x), 1/s per unit reduction weight
  private double oxFactor; // k0 exp((1 - alpha) x), 1/s per unit oxidation weight
  private final double[] nucCount;
  private final double[] nucC;
  // rate tables (built once; indexed by rule class codes)
  private final double[] depositWeight = new double[SiteRules.DEPOSIT_CLASSES];
  private final double[] dissolveWeight = new double[7];

  Kinetics(Scenario s, MaterialTable materials, double siteNm, long atomsPerSite, int dirs,
      boolean twoD) {
    double aM = siteNm * 1e-9;
    // exchange current density i0 = n e k0 / a^2 per surface site: a site event of a coarse
    // site moves n atoms, so the exchange rate in site events is i0 a^2 / (n e)
    this.k0 = Physics.mAcm2ToAm2(s.d("kinetics.exchangeCurrent_mA_cm2")) * aM * aM
        / Physics.E_CHARGE / atomsPerSite;
    this.nRef = dirs / 2;
    this.exchangeAtRest = s.b("kinetics.openCircuitExchange");
    this.nucleationPower = twoD ? 1 : 2;
    java.util.List<Integer> fm = new java.util.ArrayList<>();
    for (int m = 0; m < materials.size(); m++) {
      if (m != LiMaterials.LI && materials.is(m, Material.ELECTRONIC | Material.DEPOSIT_ON)) {
        fm.add(m);
      }
    }
    this.foreign = fm.stream().mapToInt(Integer::intValue).toArray();
    this.nucCount = new double[foreign.length];
    this.nucC = new double[foreign.length];
    this.etaX = Double.NaN;
  }

  /**
   * Rebuilds the temperature-dependent tables: Butler-Volmer factors, nucleation coefficients,
   * the reduction weights on Li and foreign substrates and the oxidation weights.
   */
  void setTemperature(Scenario s, MaterialTable materials, double siteNm, double temperatureK,
      double kT) {
    double f = Physics.FARADAY / (Physics.GAS_R * temperatureK);
    this.alphaF = s.d("kinetics.alpha") * f;
    this.betaF = (1.0 - s.d("kinetics.alpha")) * f;
    // overpotential-driven nucleation on a foreign substrate (event 1): classical barriers with
    // an effective interfacial energy gamma, x = f eta:
    //   3D: dG* = S(theta) 16 pi gamma^3 Omega^2 / (3 (e eta)^2)  -> dG* / kT = c / x^2
    //   2D (one site deep): dG* = S2(theta) pi gamma^2 a Omega / (e |eta|) -> dG* / kT = c / |x|
    double gamma = s.d("kinetics.interfacialEnergy_J_m2");
    double omega = s.d("mechanics.molarVolume_A3") * 1e-30;
    double kTJ = kT * Physics.E_CHARGE;
    double aM = siteNm * 1e-9;
    for (int m = 0; m < materials.size(); m++) {
      double theta = materials.get(m).contactAngleDeg();
      nucleationCoef[m] = nucleationPower == 2
          ? Physics.nucleationFactor(theta) * 16 * Math.PI * gamma * gamma * gamma * omega
              * omega * f * f / (3 * Physics.E_CHARGE * Physics.E_CHARGE * kTJ)
          : Physics.nucleationFactor2D(theta) * Math.PI * gamma * gamma * aM * omega * f
              / (Physics.E_CHARGE * kTJ);
    }
    for (int m = 0; m < materials.size(); m++) {
      depositWeight[SiteRules.ON_PRODUCT * Lattice.MAX_MATERIALS + m] = 1.0;
      // relative weight at a vanishing barrier; the barrier enters through the nucleation
      // channels' driven rates (exact) or depositWeightAt (parallel)
      depositWeight[SiteRules.ON_FOREIGN * Lattice.MAX_MATERIALS + m] = 1.0;
    }
    double eb = s.d("surface.bondEnergy_eV");
    for (int n = 0; n <= 6; n++) {
      dissolveWeight[n] = StrictMath.exp(-(n - nRef) * eb / kT);
    }
  }

  /** The reduction weight table by deposit class (layers fill the under-layer classes). */
  double[] depositWeights() {
    return depositWeight;
  }

  /** Relative deposition weight of a {@link SiteRules#depositClass} code. */
  double depositWeight(int cls) {
    return depositWeight[cls];
  }

  /** Relative dissolution weight of a site with n solid neighbours. */
  double dissolveWeight(int n) {
    return dissolveWeight[n];
  }

  /** Nucleation coefficient c of material m: dG* / kT = c / |f eta|^p. */
  double nucleationCoef(int m) {
    return nucleationCoef[m];
  }

  /** Exponent p of the nucleation barrier dG* / kT = c / |f eta|^p: 2 in 3D, 1 in 2D. */
  int nucleationPower() {
    return nucleationPower;
  }

  /** True when both directions are live at open circuit. */
  boolean exchangeAtRest() {
    return exchangeAtRest;
  }

  /** Material id of the foreign substrate of nucleation channel {@code NUCLEATE + k}. */
  int foreignMaterial(int k) {
    return foreign[k];
  }

  /** Material ids of the foreign substrates (live view). */
  int[] foreign() {
    return foreign;
  }

  /** Number of foreign substrates (nucleation channels). */
  int foreignCount() {
    return foreign.length;
  }

  /** Exchange rate per reference site, 1/s. */
  double k0() {
    return k0;
  }

  /** alpha F/RT, 1/V. */
  double alphaF() {
    return alphaF;
  }

  /** (1 - alpha) F/RT, 1/V. */
  double betaF() {
    return betaF;
  }

  /** Transfer coefficient alpha (alpha F/RT over F/RT). */
  double alpha() {
    return alphaF / (alphaF + betaF);
  }

  /** f eta of the last solve (NaN: no root). */
  double etaX() {
    return etaX;
  }

  /** Forgets the last solution (nothing can react). */
  void clearSolution() {
    etaX = Double.NaN;
  }

  /**
   * Solves for f eta and stores it with its rate factors: {@code w} the total
   * overpotential-independent reduction weight, {@code n[k]} the candidate sites on foreign
   * substrate k, {@code v} the total oxidation weight, {@code targetPerK0} the net reduction rate
   * over k0 the current must make.
   *
   * @return f eta, or NaN when no site can carry the current
   */
  double solve(double w, double[] n, double v, double targetPerK0) {
    for (int k = 0; k < foreign.length; k++) {
      nucC[k] = nucleationCoef[foreign[k]];
    }
    setSolution(ButlerVolmer.solve(alpha(), w, n, nucC, foreign.length, nucleationPower, v,
        targetPerK0));
    return etaX;
  }

  /** The candidate-site count array the exact solver fills before {@link #solve}. */
  double[] nucleationCounts() {
    return nucCount;
  }

  /** Stores a solution x = f eta (NaN: none) and its rate factors. */
  private void setSolution(double x) {
    etaX = x;
    if (!Double.isNaN(x)) {
      redFactor = k0 * StrictMath.exp(-alpha() * x);
      oxFactor = k0 * StrictMath.exp((1 - alpha()) * x);
    }
  }

  /** k0 exp(-alpha x) of the last solve, 1/s per unit reduction weight. */
  double reductionFactor() {
    return redFactor;
  }

  /** k0 exp((1 - alpha) x) of the last solve, 1/s per unit oxidation weight. */
  double oxidationFactor() {
    return oxFactor;
  }

  /**
   * Driven rate of nucleation channel k at the last solve: k0 n_k w_k(x) exp(-alpha x) with the
   * candidate count stored by the last exact-solver solve.
   */
  double nucleationRate(int k) {
    return redFactor * nucCount[k]
        * ButlerVolmer.nucleationWeight(nucC[k], nucleationPower, etaX);
  }

  /**
   * Deposition weight of a class at x = f eta: the table's {@link #depositWeight}, times the
   * nucleation weight on a foreign substrate.
   */
  double depositWeightAt(int cls, double x) {
    if (SiteRules.depositKind(cls) == SiteRules.ON_FOREIGN) {
      int m = cls % Lattice.MAX_MATERIALS;
      return depositWeight[cls]
          * ButlerVolmer.nucleationWeight(nucleationCoef[m], nucleationPower, x);
    }
    return depositWeight[cls];
  }
}
