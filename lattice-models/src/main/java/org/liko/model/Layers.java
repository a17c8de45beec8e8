package org.liko.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.engine.MaterialTable;
import org.liko.engine.rules.SiteRules;

/**
 * SEI and layers of {@link LiModel}: every rate law of the passivating and coating layers
 * lives here.
 * <ul>
 *   <li>SEI: self-limiting conversion k_SEI0 exp(-L/lambda) of exposed Li for a layer run of
 *       L sites ({@code sei.*}); the product is inorganic with the recipe's share.</li>
 *   <li>Growth beneath a carrier-conducting layer: reduction weight
 *       exp(-(E_layer - E_liquid)/kT) exp(-sigma Omega/kT) with the growth stress
 *       sigma = min(E eps, sigma_frac); past the fracture strength the layer cracks. In
 *       {@code transport.mode: field} the first factor is 1 for a layer given a porosity: its
 *       Li+ transport is its porosity and tortuosity in the electrolyte field
 *       ({@code FieldTransport}).</li>
 *   <li>Crack healing: a healing layer flows into a pocket beneath it at its healing rate.</li>
 * </ul>
 */
final class Layers {
  private final double[] seiRate;
  private final int seiMaxRun;
  private final boolean seiOn;
  private final int seiInorganicShare; // out of 2^24
  private final boolean mechanics;
  private final boolean healOn;
  // transport.mode field: no barrier factor under a layer whose Li+ transport the field carries
  // (a materials row with a porosity); SEI and the others keep theirs
  private final boolean[] fieldCarried = new boolean[Lattice.MAX_MATERIALS];
  private final boolean[] cracks = new boolean[SiteRules.DEPOSIT_CLASSES];
  private final double[] healRate = new double[Lattice.MAX_MATERIALS];

  Layers(Scenario s, MaterialTable materials, double siteNm) {
    this.mechanics = s.b("mechanics.enabled");
    if (s.s("transport.mode").equals("field")) {
      int builtIn = materials.size() - s.materials().size();
      for (int k = 0; k < s.materials().size(); k++) {
        fieldCarried[builtIn + k] = s.materials().get(k).porosity() > 0;
      }
    }
    String recipe = s.s("sei.recipe");
    this.seiOn = !recipe.equals("none") && s.d("sei.rate_Hz") > 0;
    double lambdaSites = s.d("sei.decayLength_nm") / siteNm;
    this.seiMaxRun = (int) Math.ceil(6 * lambdaSites);
    this.seiRate = new double[seiMaxRun + 1];
    for (int l = 0; l <= seiMaxRun; l++) {
      seiRate[l] = s.d("sei.rate_Hz") * StrictMath.exp(-l / lambdaSites);
    }
    this.healOn = materials.rows().stream().anyMatch(m -> m.healingPerS() > 0);
    double share = recipe.equals("inorganic") ? 1.0 : recipe.equals("organic") ? 0.0
        : s.d("sei.inorganicFraction");
    this.seiInorganicShare = (int) Math.round(share * (1 << 24));
  }

  /**
   * Rebuilds the temperature-dependent tables: the reduction weights beneath each layer (into
   * the kinetics' {@code depositWeight} table), the crack flags and the healing rates.
   */
  void setTemperature(Scenario s, MaterialTable materials, double siteNm, int dirs, double kT,
      double[] depositWeight) {
    double eLiquid = materials.get(LiMaterials.ELECTROLYTE).carrierBarrierEv();
    // growth under a layer (event 5): sigma = min(E eps, sigma_frac), eps = mean height step
    // under the neighbouring layer sites (sites) x a / strain length; factor exp(-sigma Omega/kT)
    double omegaM3 = s.d("mechanics.molarVolume_A3") * 1e-30;
    double strainPerSite = siteNm / s.d("mechanics.strainLength_nm");
    int lateral = dirs - 2;
    for (int m = 0; m < materials.size(); m++) {
      Material mat = materials.get(m);
      // in field mode the layer's Li+ transport is its porosity and tortuosity in the field
      // (FieldTransport): the barrier factor would count it twice
      double transport = fieldCarried[m] ? 1.0
          : StrictMath.exp(-Math.max(0.0, mat.carrierBarrierEv() - eLiquid) / kT);
      for (int level = 0; level <= SiteRules.MAX_STRESS_LEVEL; level++) {
        int cls = (SiteRules.UNDER_LAYER + level) * Lattice.MAX_MATERIALS + m;
        double eps = (double) level / lateral * strainPerSite;
        double sigmaGPa = mechanics ? mat.youngGPa() * eps : 0.0;
        cracks[cls] = mechanics && sigmaGPa >= mat.fractureGPa();
        double sigmaEv = Math.min(sigmaGPa, mat.fractureGPa()) * 1e9 * omegaM3
            / Physics.E_CHARGE;
        depositWeight[cls] = transport * StrictMath.exp(-sigmaEv / kT);
      }
      healRate[m] = mat.healingPerS();
    }
  }

  /** SEI formation rate of site i (0 when it cannot convert). */
  double seiWeight(byte[] cells, int[] flags, int i, int nx, int ny, int nz, int dirs) {
    if (!seiOn) {
      return 0.0;
    }
    int l = SiteRules.convertClass(cells, flags, i, nx, ny, nz, dirs, LiMaterials.LI,
        LiMaterials.SEI_INORGANIC, LiMaterials.SEI_ORGANIC, seiMaxRun);
    return l == SiteRules.NONE ? 0.0 : seiRate[l];
  }

  /** Healing rate of the pocket at site i (0 when none heals there). */
  double healWeight(byte[] cells, int[] flags, int i, int nx, int ny, int nz) {
    if (!healOn) {
      return 0.0;
    }
    int m = SiteRules.healClass(cells, flags, i, nx, ny, nz, LiMaterials.LI);
    return m == SiteRules.NONE ? 0.0 : healRate[m];
  }

  /** Draws the product of one SEI conversion (inorganic with the recipe's share). */
  int product(UniformRandomProvider rng) {
    return (rng.nextInt() >>> 8) < seiInorganicShare ? LiMaterials.SEI_INORGANIC
        : LiMaterials.SEI_ORGANIC;
  }

  /** True when depositing in deposition class cls cracks the layer. */
  boolean cracks(int cls) {
    return cracks[cls];
  }

  /** True when some layer heals cracks. */
  boolean healOn() {
    return healOn;
  }

  /** SEI formation rate (1/s) for a layer run of length l, 0..{@link #seiMaxRun()}. */
  double seiRate(int l) {
    return seiRate[l];
  }

  /** Longest SEI layer run that still grows. */
  int seiMaxRun() {
    return seiMaxRun;
  }

  /** True when SEI forms. */
  boolean seiOn() {
    return seiOn;
  }

  /** Inorganic share of SEI products, out of 2^24. */
  int seiInorganicShare() {
    return seiInorganicShare;
  }

  /** Healing rate (1/s) of a pocket under layer material m (0: that material does not heal). */
  double healRate(int m) {
    return healRate[m];
  }
}
