package org.liko.model.verify;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.liko.model.LiMaterials;
import org.liko.model.Physics;
import org.liko.model.Scenario;
import org.liko.model.Simulation;

/**
 * Faraday's law counted in the lattice, one atom per site (n = 1): after plating a requested
 * charge Q (no SEI, reaction mode with both Butler-Volmer directions live), the Li sites in the
 * final lattice number exactly Q A / e (the step ends on the net electrons, each event moves them
 * by one) whatever the exchange did on the way; the charge column says Q to within one atom; a
 * compact film (lithiophilic collector, fast surface diffusion) grows 4.85 um per mAh/cm^2 (bcc
 * Li, 46.3 atoms/nm^3: 1 mAh/cm^2 = 2.247e17 atoms/cm^2) within 5% (the film's last partial
 * layer and its few vacancies).
 */
public final class FaradayCase implements VerifyCase {
  /** Compact-film thickness per charge, nm per mAh/cm^2 (bcc Li at 0.279 nm per atom). */
  public static final double NM_PER_MAH_CM2 = 4850.0;

  @Override
  public String id() {
    return "faraday";
  }

  @Override
  public String title() {
    return "Faraday at n = 1: Li sites = Q A / e; compact film 4.85 um per mAh/cm^2";
  }

  @Override
  public String reference() {
    return "Faraday's law, Q = z e N (Bard and Faulkner, Electrochemical Methods, 2001, eq. 1.3.6);"
        + " bcc Li density 0.534 g/cm^3 (CRC Handbook)";
  }

  @Override
  public long seed() {
    return 11L;
  }

  @Override
  public Outcome run(Size size, long seed) {
    String lattice = size == Size.FULL ? "128x60" : "64x40";
    double q = size == Size.FULL ? 0.0012 : 0.0006;
    Scenario s = Scenario.parse("schemaVersion: 1\nname: faraday\nlattice: " + lattice + "\n"
        + "sei: {recipe: none}\nsurface: {attemptFrequency_Hz: 1.0e6, bondEnergy_eV: 0.15}\n"
        + "geometry: {collectorContactAngle_deg: 0}\n"
        + "protocol:\n  - plate: {current_mA_cm2: 1.0, charge_mAh_cm2: " + q + "}\n", "faraday");
    Simulation.Result r = new Simulation(s, seed).run(new Simulation.Listener() {});
    double area = r.model().areaM2();
    long[] n = r.model().lattice().countByMaterial();
    long held = n[LiMaterials.LI] + n[LiMaterials.LI_DEAD] + n[LiMaterials.SEI_INORGANIC]
        + n[LiMaterials.SEI_ORGANIC];
    long expected = Math.round(q * Physics.MAH_CM2_IN_C_M2 * area / Physics.E_CHARGE);
    Map<?, ?> inv = (Map<?, ?>) r.summary().get("inventory");
    Map<?, ?> mo = (Map<?, ?>) r.summary().get("morphology");
    long extracted = ((Number) inv.get("extracted")).longValue();
    int cq = Simulation.COLUMNS.indexOf("charge_mAh_cm2");
    int ch = Simulation.COLUMNS.indexOf("height_mean_nm");
    double[] last = r.rows().get(r.rows().size() - 1);
    double oneAtom = Physics.E_CHARGE / area / Physics.MAH_CM2_IN_C_M2;
    double porosity = ((Number) mo.get("porosity")).doubleValue();
    List<Check> checks = List.of(
        new Check("Li sites in the lattice (atoms)", held, expected, 0,
            "expected = Q A / e, exact"),
        new Check("charge column at the end (mAh/cm^2)", last[cq], q, 0.6 * oneAtom,
            "within one atom"),
        Check.relative("film height per charge (nm per mAh/cm^2)", last[ch] / q, NM_PER_MAH_CM2,
            0.05, ""),
        Check.interval("porosity of the film", porosity, 0, 0.05, "compact film"),
        new Check("the exchange oxidised atoms too (1 = yes)", extracted > 0 ? 1 : 0, 1, 0,
            extracted + " atoms oxidised while plating"));
    double[] x = new double[r.rows().size()];
    double[] y = new double[x.length];
    double[] t = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      x[k] = r.rows().get(k)[cq];
      y[k] = r.rows().get(k)[ch];
      t[k] = NM_PER_MAH_CM2 * x[k];
    }
    CaseFigure fig = new CaseFigure("Faraday: compact film height against charge",
        "Deposited charge (mAh/cm^2)", "Mean film height (nm)", false, false, List.of(
        CaseFigure.measured("model", x, y),
        CaseFigure.theory("4.85 um per mAh/cm^2", x, t)));
    return new Outcome(checks, fig, String.format(Locale.ROOT, "2D %s sites of 0.279 nm, plate"
        + " %.4f mAh/cm^2 at 1 mA/cm^2, seed %d", lattice, q, seed));
  }
}
