package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.engine.InputException;

/** The embedded strategy catalogue and user catalogue folders. */
class CatalogueTest {
  private static final String USER_BASELINE = "schemaVersion: 1\nname: my baseline\n"
      + "sei: {recipe: inorganic}\nstrategy:\n  id: baseline\n  name: My own baseline\n";
  private static final String USER_EXTRA = "schemaVersion: 1\nname: extra\n"
      + "lattice: 40x30\nstrategy:\n  id: extra-test\n  name: Extra\n  reviewSection: \"9.9\"\n"
      + "  expectedStatistic: deadFraction\n  expectedDirection: higher\n  origin: imposed\n"
      + "  needs: field\n";

  @Test
  void embeddedCatalogueLoadsEveryIndexedFileInOrder() {
    Catalogue c = Catalogue.embedded();
    List<String> files = Catalogue.index();
    assertFalse(files.isEmpty());
    assertEquals(files.size(), c.list().size(), "one strategy per index line");
    assertEquals("baseline", c.list().get(0).id(), "baseline first");
    for (Catalogue.Strategy s : c.list()) {
      assertFalse(s.id().isEmpty());
      assertFalse(s.name().isEmpty(), s.id() + ": name");
      assertTrue(List.of("lower", "higher").contains(s.expectedDirection()), s.id());
      assertTrue(List.of("emergent", "imposed").contains(s.origin()), s.id());
      assertTrue(!s.origin().equals("imposed") || !s.lever().isBlank(),
          s.id() + ": an imposed trend names its lever");
      assertEquals(s.id(), s.scenario().strategy().get("id"));
      new Simulation(s.scenario(), 1).prepare(); // builds its lattice and geometry
    }
  }

  @Test
  void everyEmbeddedFileIsAValidStrategyOverTheDefault() throws IOException {
    Scenario base = Catalogue.embedded().defaultScenario();
    assertEquals(96, base.i("lattice.nx"));
    for (String f : Catalogue.index()) {
      String text;
      try (var in = Catalogue.class.getResourceAsStream(Catalogue.RESOURCES + f)) {
        text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      Scenario s = Scenario.parse(text, f, base);
      assertTrue(s.strategy() != null, f + " has a strategy block");
      assertFalse(s.protocol().isEmpty(), f);
    }
  }

  /**
   * Every strategy runs a short simulation (5000 events on its own geometry and protocol) with
   * the inventory identity checked at every sample (Simulation throws when it breaks).
   */
  @Test
  void everyStrategyRunsAShortSimulation() {
    for (Catalogue.Strategy st : Catalogue.embedded().list()) {
      Scenario s = st.scenario().with(java.util.Map.of("limits.maxEvents", 5000L,
          "output.samples", 10), "test");
      Simulation.Result r = new Simulation(s, 1).run(new Simulation.Listener() {});
      assertTrue(List.of("maxEvents", "completed", "short circuit").contains(r.stopReason()),
          st.id() + ": " + r.stopReason());
      assertTrue((Long) r.summary().get("events") > 0, st.id() + " ran");
    }
  }

  @Test
  void strategiesInheritTheDefaultScenario() {
    Catalogue c = Catalogue.embedded();
    Catalogue.Strategy b = c.get("baseline");
    assertEquals(c.defaultScenario().protocol(), b.scenario().protocol());
    assertEquals(c.defaultScenario().i("lattice.nz"), b.scenario().i("lattice.nz"));
    assertEquals("p99Height_nm lower", b.expectedTrend());
    assertTrue(b.isBaseline());
  }

  @Test
  void unknownIdListsTheKnownIds() {
    InputException e = assertThrows(InputException.class,
        () -> Catalogue.embedded().get("no-such-strategy"));
    assertTrue(e.getMessage().contains("'no-such-strategy'"), e.getMessage());
    for (String id : Catalogue.embedded().ids()) {
      assertTrue(e.getMessage().contains(id), e.getMessage());
    }
  }

  @Test
  void userFolderAddsAndReplacesWithANotice(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a-baseline.yaml"), USER_BASELINE);
    Files.writeString(dir.resolve("b-extra.yaml"), USER_EXTRA);
    Files.writeString(dir.resolve("notes.txt"), "not a strategy");
    List<String> notices = new ArrayList<>();
    Catalogue c = Catalogue.load(dir, notices::add);
    assertEquals(Catalogue.embedded().list().size() + 1, c.list().size());
    assertEquals("baseline", c.list().get(0).id(), "a replaced id keeps its place");
    assertEquals("My own baseline", c.get("baseline").name());
    assertEquals("inorganic", c.get("baseline").scenario().s("sei.recipe"));
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(notices.get(0).contains("baseline") && notices.get(0).contains("a-baseline.yaml"));
    Catalogue.Strategy x = c.get("extra-test");
    assertEquals("extra-test", c.list().get(c.list().size() - 1).id());
    assertEquals("deadFraction higher", x.expectedTrend());
    assertEquals("imposed", x.origin());
    assertEquals("field", x.needs());
    assertEquals("9.9", x.section());
    assertEquals(40, x.scenario().i("lattice.nx"));
    assertEquals(c.defaultScenario().protocol(), x.scenario().protocol(), "layered over default");
    assertFalse(Catalogue.embedded().contains("extra-test"), "embedded catalogue unchanged");
  }

  /**
   * The mesoscale regimes load over their own base (field mode, 100 nm sites, 200 columns): the
   * baseline first (the folder's baseline file, or the base itself when the folder has none),
   * a notice when it is alone, user files layered over the regime base, and the atomistic
   * catalogue unchanged by the regime plumbing.
   */
  @Test
  void mesoscaleRegimesLoadOverTheirBase(@TempDir Path dir) throws IOException {
    assertEquals(Catalogue.embedded().ids(),
        Catalogue.load(CompareRegime.ATOMISTIC, null, m -> { }).ids());
    Files.writeString(dir.resolve("extra.yaml"), "schemaVersion: 1\nname: extra\n"
        + "protocol:\n  - plate: {current_mA_cm2: 4.0, charge_mAh_cm2: 1.0}\nstrategy:\n"
        + "  id: extra-test\n  name: Extra\n  origin: emergent\n");
    for (CompareRegime r : List.of(CompareRegime.CELL, CompareRegime.TRANSPORT)) {
      List<String> notices = new ArrayList<>();
      Catalogue c = Catalogue.load(r, null, notices::add);
      assertEquals(r, c.regime());
      assertEquals("regime-" + r.id(), c.defaultScenario().name());
      assertEquals("field", c.defaultScenario().s("transport.mode"), r.id());
      assertEquals(200, c.defaultScenario().i("lattice.nx"), "20 um of 100 nm sites");
      assertEquals(100.0, 0.279 * Math.cbrt(c.defaultScenario().d("lattice.atomsPerSite")),
          0.01, "site edge, nm");
      assertTrue(c.list().get(0).isBaseline(), r.id() + ": baseline first");
      assertEquals(c.list().size() == 1, notices.stream()
          .anyMatch(n -> n.contains("holds only the baseline")), notices.toString());
      Catalogue u = Catalogue.load(r, dir, m -> { });
      Catalogue.Strategy x = u.get("extra-test");
      assertEquals(200, x.scenario().i("lattice.nx"), "layered over the regime base");
      assertEquals(4.0, x.scenario().protocol().get(0).current_mA_cm2());
    }
    InputException e = assertThrows(InputException.class,
        () -> CompareRegime.parse("coin", "--regime"));
    assertTrue(e.getMessage().contains("atomistic, cell, transport"), e.getMessage());
  }

  @Test
  void badUserFolderIsBadInput(@TempDir Path dir) throws IOException {
    assertThrows(InputException.class, () -> Catalogue.load(dir.resolve("missing"), m -> { }));
    Files.writeString(dir.resolve("x.yaml"), "schemaVersion: 1\nname: no strategy\n");
    String msg = assertThrows(InputException.class, () -> Catalogue.load(dir, m -> { }))
        .getMessage();
    assertTrue(msg.contains("x.yaml") && msg.contains("strategy"), msg);
    Files.writeString(dir.resolve("x.yaml"), USER_EXTRA);
    Files.writeString(dir.resolve("y.yaml"), USER_EXTRA);
    msg = assertThrows(InputException.class, () -> Catalogue.load(dir, m -> { })).getMessage();
    assertTrue(msg.contains("extra-test") && msg.contains("x.yaml"), msg);
  }
}
