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
   *   <li>{@code damkohler}: k H / D_ion over the box height H, with k = i0/(F c0) the surface
   *       rate constant: small means reaction-limited (the {@code reaction} mode's premise).</li>
   *   <li>{@code damkohlerLength_nm}: D_ion / k, the length below which deposition is
   *       reaction-limited (Jacobson and Miller).</li>
   *   <li>{@code tafelSlope_mV}: ln(10)/(alpha f), mV per decade of current.</li>
   *   <li>{@code seiDecaySites}: lambda / a.</li>
   * </ul>
   * In {@code transport.mode: field} the electrolyte has its own properties and geometry, and
   * {@code damkohler} / {@code damkohlerLength_nm} are the field's (with D(c0) and the stack's
   * transport length), beside {@code jOverJlim}, {@code limitingCurrent_mA_cm2}, {@code
   * transportLength_um}, {@code sandTime_s}, {@code wagner} and {@code wagnerLength_um} at the
   * present current ({@link FieldTransport#regimeNumbers}), and {@code platingTime_s} and
   * {@code tOverSandTime}: the duration t_p of the protocol's first plating step (charge over
   * current, or its time) over the Sand time at its current: where the first plating step ends
   * against t_s. These two are the planned values; once the first plating step has run, the
   * summary's {@code dimensionless} holds its actual duration (a step that stalls at depletion
   * ends early) and {@code platingEnded: true}.
   */
  public static Map<String, Object> numbers(LiModel m) {
    Scenario s = m.scenario();
    Map<String, Object> out = new LinkedHashMap<>();
    double a = m.siteNm() * 1e-9;
    double flux = m.currentPerE() > 0 ? m.currentPerE() / (m.areaM2() / (a * a))
        : m.k0(); // per site per s
    // D_s/(F a^4) with D_s = a^2 G_1 and F = flux per site / a^2 reduces to G_1 / flux
    out.put("Ds_over_Fa4", m.hopRate(1) / flux);
    double dIon = s.d("transport.diffusivity_m2_s");
    // surface rate constant k = i0 / (F c0) (m/s) at the bulk concentration c0
    double kSurface = Physics.mAcm2ToAm2(s.d("kinetics.exchangeCurrent_mA_cm2"))
        / (Physics.FARADAY * s.d("kinetics.concentration_M") * 1000.0);
    out.put("damkohlerLength_nm", dIon / kSurface * 1e9);
    double height = m.lattice().grid().nz * m.siteNm() * 1e-9;
    out.put("damkohler", kSurface * height / dIon);
    out.put("tafelSlope_mV", Math.log(10) / m.alphaF() * 1e3);
    out.put("seiDecaySites", s.d("sei.decayLength_nm") / m.siteNm());
    out.put("walkerReactionProbability", m.reactionProbability());
    FieldTransport field = m.fieldTransport();
    if (field != null) {
      // currentPerE is I / (n e): site events per second
      double j = m.currentPerE() * m.atomsPerSite() * Physics.E_CHARGE / m.areaM2(); // A/m^2
      field.regimeNumbers(j, out);
      Scenario.Step plate = s.protocol().stream().filter(st -> st.kind().equals("plate"))
          .findFirst().orElse(null);
      if (plate != null && plate.current_mA_cm2() > 0) {
        double tp = plate.charge_mAh_cm2() > 0
            ? plate.charge_mAh_cm2() / plate.current_mA_cm2() * 3600.0 : plate.time_s();
        Map<String, Object> atPlate = new LinkedHashMap<>();
        field.regimeNumbers(Physics.mAcm2ToAm2(plate.current_mA_cm2()), atPlate);
        out.put("platingTime_s", tp);
        out.put("tOverSandTime", tp / (Double) atPlate.get("sandTime_s"));
      }
    }
    return out;
  }
}
