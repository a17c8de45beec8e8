package org.liko.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dimensionless numbers that decide the growth regime (DESIGN section 5), reported by every
 * run so results can be placed against MD/DFT and continuum literature.
 */
public final class Regime {
  private Regime() {}

  /**
   * Computes:
   * <ul>
   *   <li>{@code Ds_over_Fa4}: adatom diffusivity over deposition flux per site, D_s/(F a^4),
   *       with D_s = a^2 nu exp(-(E_d + E_b)/kT) (one bond) and F = i/(e a^2) per site at the
   *       last imposed current (or the exchange current at rest). Large: compact films.</li>
   *   <li>{@code damkohler}: k_s a / D_ion with k_s = k0 a the surface reaction velocity:
   *       reaction against ion diffusion over one site; small means reaction-limited.</li>
   *   <li>{@code damkohlerLength_nm}: D_ion / (k0 a), the length below which deposition is
   *       reaction-limited (Jacobson and Miller).</li>
   *   <li>{@code tafelSlope_mV}: ln(10)/(alpha f), mV per decade of current.</li>
   *   <li>{@code seiDecaySites}: lambda / a.</li>
   *   <li>{@code hopsPerDeposit}: hop rate of an adatom over the deposition rate per site, the
   *       exact solver's cost per deposited atom.</li>
   * </ul>
   */
  public static Map<String, Object> numbers(LiModel m) {
    Scenario s = m.scenario();
    Map<String, Object> out = new LinkedHashMap<>();
    double a = m.siteNm() * 1e-9;
    double flux = m.currentPerE() > 0 ? m.currentPerE() / (m.areaM2() / (a * a))
        : m.k0(); // per site per s
    double adatomHop = m.hopRate(1);
    double ds = a * a * adatomHop;
    out.put("Ds_over_Fa4", ds / (flux * a * a * a * a));
    double dIon = s.d("transport.diffusivity_m2_s");
    out.put("damkohler", m.k0() * a * a / dIon);
    out.put("damkohlerLength_nm", dIon / (m.k0() * a) * 1e9);
    out.put("tafelSlope_mV", Math.log(10) / m.alphaF() * 1e3);
    out.put("seiDecaySites", s.d("sei.decayLength_nm") / m.siteNm());
    out.put("hopsPerDeposit", adatomHop / flux);
    out.put("walkerReactionProbability", m.reactionProbability());
    return out;
  }
}
