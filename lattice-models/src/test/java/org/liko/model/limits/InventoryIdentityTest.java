package org.liko.model.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.liko.model.LiModel;
import org.liko.model.Physics;
import org.liko.model.Scenario;
import org.liko.model.Simulation;
import org.liko.model.verify.Setups;

/**
 * Li inventory identity (DESIGN section 5): initial + injected - extracted = metal + dead + SEI +
 * ions + host, exactly (long integers), at every sampled row; {@link Simulation} throws when it
 * breaks. Here the electron book is checked against the lattice at every row: the Li held in
 * the lattice (metal + dead + SEI + host, counted from the material counts) equals initial +
 * plated - stripped + rest charge, the charges recovered from the time-series columns (net
 * electrons counted from the events; exact to rounding: counts below 2^53).
 */
class InventoryIdentityTest {
  private static void assertIdentity(Simulation.Result res) {
    LiModel m = res.model();
    List<double[]> rows = res.rows();
    assertTrue(rows.size() >= 20, "rows " + rows.size());
    int c = Simulation.COLUMNS.indexOf("charge_mAh_cm2");
    int s = Simulation.COLUMNS.indexOf("stripped_mAh_cm2");
    int r = Simulation.COLUMNS.indexOf("rest_mAh_cm2");
    int metal = Simulation.COLUMNS.indexOf("li_metal");
    int ions = Simulation.COLUMNS.indexOf("li_ions");
    for (double[] row : rows) {
      long plated = Physics.mahCm2ToCount(row[c], m.areaM2());
      long stripped = Physics.mahCm2ToCount(row[s], m.areaM2());
      long rest = Physics.mahCm2ToCount(row[r], m.areaM2());
      long held = 0;
      for (int k = metal; k < metal + 5; k++) {
        held += k == ions ? 0 : (long) row[k];
      }
      assertEquals(m.initial() + plated - stripped + rest, held, "Li held at t = " + row[0]);
    }
  }

  /** Walkers mode, 40 walkers at a time, p = 0.3, on a 2 nm Li film: plate, rest. */
  @Test
  void walkersWithPopulation() {
    long seed = Limits.seed("InventoryIdentityTest.walkers", 77L);
    String text = Setups.walkersHead(48, 1, 96)
        + "transport: {mode: walkers, population: 40, reactionProbability: 0.3}\n"
        + "geometry: {initialLi_nm: 2}\n"
        + "output: {samples: 50}\n"
        + "protocol:\n  - plate: {current_mA_cm2: 1, time_s: 2.0e-6}\n  - rest: {time_s: 1.0e-7}\n";
    Simulation.Result res = new Simulation(Scenario.parse(text, "inv-walkers"), seed)
        .run(new Simulation.Listener() {});
    System.out.println("walkers inventory: " + res.summary().get("inventory"));
    assertTrue(res.model().injected() > 200, "injected " + res.model().injected());
    assertEquals(40, res.model().ions());
    assertIdentity(res);
  }

  /** Reaction mode with SEI (inorganic, 0.5 Hz), no surface hops: plate 2 s, rest (corrosion), strip 1 s. */
  @Test
  void reactionModeWithSei() {
    long seed = Limits.seed("InventoryIdentityTest.reaction", 78L);
    String text = "schemaVersion: 1\n"
        + "lattice: {nx: 32, ny: 1, nz: 64}\n"
        + "surface: {attemptFrequency_Hz: 0}\n"
        + "sei: {recipe: inorganic, rate_Hz: 0.5}\n"
        + "geometry: {initialLi_nm: 1}\n"
        + "output: {samples: 60}\n"
        + "protocol:\n"
        + "  - plate: {current_mA_cm2: 1, time_s: 2.0}\n"
        + "  - rest: {time_s: 0.5}\n"
        + "  - strip: {current_mA_cm2: 1, time_s: 1.0}\n";
    Simulation.Result res = new Simulation(Scenario.parse(text, "inv-reaction"), seed)
        .run(new Simulation.Listener() {});
    System.out.println("reaction inventory: " + res.summary().get("inventory"));
    assertTrue(res.model().extracted() > 0, "nothing stripped");
    assertIdentity(res);
  }
}
