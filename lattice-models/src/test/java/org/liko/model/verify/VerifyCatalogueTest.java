package org.liko.model.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.liko.engine.InputException;

/**
 * The verification catalogue: ids unique, selection and its error message, the checks' pass
 * rule, and the SPPARKS deck cases at their test size (one run of each deck, seed 1000: events
 * per model time against SPPARKS's within 3 run-to-run spreads of the difference plus 1% for
 * the one rule difference; bc3d's roughness likewise; see {@link SpparksDeckCase}). The other
 * cases are run by the tests of the limits, Faraday, Butler-Volmer and the parallel solver.
 * Also the adatom Arrhenius case. Cost: about 8 s on 2 cores (the two decks, the sweep).
 */
class VerifyCatalogueTest {
  @Test
  void idsAreUniqueAndSelectable() {
    List<VerifyCase> all = VerifyCatalogue.builtIn();
    Set<String> ids = new HashSet<>();
    for (VerifyCase c : all) {
      assertTrue(ids.add(c.id()), "duplicate id " + c.id());
      assertFalse(c.reference().isBlank(), c.id() + " has no reference");
    }
    assertEquals(all.size(), VerifyCatalogue.select(null).size());
    assertEquals(List.of("faraday", "walker-msd"), VerifyCatalogue.select(
        List.of("faraday", "walker-msd")).stream().map(VerifyCase::id).sorted().toList());
    InputException e = assertThrows(InputException.class,
        () -> VerifyCatalogue.select(List.of("faraday", "nope")));
    assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("random-deposition"),
        e.getMessage());
  }

  @Test
  void checksPassWithinTheirTolerance() {
    assertTrue(new Check("q", 1.04, 1.0, 0.05, "").passed());
    assertFalse(new Check("q", 1.0601, 1.0, 0.05, "").passed());
    assertFalse(new Check("q", Double.NaN, 1.0, 0.05, "").passed());
    assertTrue(Check.interval("q", 0.271, 0.27, 0.36, "").passed());
    assertFalse(Check.interval("q", 0.2599, 0.27, 0.36, "").passed());
    assertTrue(Check.relative("q", 0.98, 1.0, 0.03, "").passed());
  }

  /**
   * Adatom tracer diffusivity from tracked hops over 200-600 K: Arrhenius slope = -E_d within
   * 3% (seeds 1000-1004; about 2 s).
   */
  @Test
  void adatomArrheniusSlopeIsTheTerraceBarrier() {
    AdatomArrheniusCase c = new AdatomArrheniusCase();
    Verified.assertPasses(c, c.seed());
  }

  @Test
  void spparksHopDeckMatchesSpparks() {
    SpparksDeckCase c = SpparksDeckCase.hops();
    Verified.assertPasses(c, c.seed());
  }

  @Test
  void spparksDepositionDeckMatchesSpparks() {
    SpparksDeckCase c = SpparksDeckCase.withDeposition();
    Verified.assertPasses(c, c.seed());
  }
}
