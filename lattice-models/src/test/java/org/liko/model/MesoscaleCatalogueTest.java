package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.liko.engine.InputException;

/**
 * The mesoscale catalogue (catalogue/mesoscale/): every file parses, has a reference and a
 * pre-registered prediction (the baseline, first in the index, has none), its prediction's lever
 * keys are scenario keys within their ranges, and its overlay validates against both regime
 * bases (the model is built, as a run would, without running). The regime bases are the
 * embedded catalogue/regime-cell.yaml and regime-transport.yaml of `compare --regime` when the
 * build has them, else test-only stand-ins (test resources mesoscale-bases/: the `cell` one is
 * examples/field-cell-sei-2d.yaml, the `transport` one a 200 um liquid gap at J/J_lim = 3). Also: a malformed prediction fails with the field named.
 * Building 23 x 2 models of 64 x 576 and 64 x 129 sites takes a few seconds.
 */
class MesoscaleCatalogueTest {
  /**
   * The regime base: the embedded {@code catalogue/regime-<regime>.yaml} of {@code compare
   * --regime} when the build has it, else the test-only stand-in.
   */
  static Scenario base(String regime) {
    String name = "/org/liko/model/catalogue/regime-" + regime + ".yaml";
    if (MesoscaleCatalogueTest.class.getResource(name) == null) {
      name = "/org/liko/model/mesoscale-bases/" + regime + ".yaml";
    }
    try (InputStream in = MesoscaleCatalogueTest.class.getResourceAsStream(name)) {
      return Scenario.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyFileParsesWithReferenceAndPredictionAndValidatesOnBothRegimes() {
    List<String> files = MesoscaleCatalogue.index();
    assertEquals("baseline.yaml", files.get(0), "baseline first");
    assertTrue(files.contains("ge-layer.yaml") && files.contains("lixm-graphene.yaml"),
        "the two review strategies without a row (3.1.5, 3.3.3)");
    for (String regime : Prediction.REGIMES) {
      Scenario b = base(regime);
      Set<String> ids = new HashSet<>();
      List<MesoscaleCatalogue.Entry> all = MesoscaleCatalogue.all(b);
      assertEquals(files.size(), all.size());
      for (MesoscaleCatalogue.Entry e : all) {
        Catalogue.Strategy s = e.strategy();
        assertTrue(ids.add(s.id()), "unique id " + s.id());
        assertFalse(s.reference().isBlank(), s.id() + ": reference");
        assertTrue(List.of("emergent", "imposed", "fitted").contains(s.origin()), s.id());
        if (s.isBaseline()) {
          assertNull(e.prediction(), "the baseline has no prediction");
          continue;
        }
        assertEquals(e.runnable(), e.notRunReason().isEmpty(), s.id());
        assertTrue(!e.runnable() || !s.lever().isBlank(), s.id() + ": a runnable file names"
            + " its lever");
        Prediction p = e.prediction();
        assertNotNull(p, s.id() + ": prediction");
        assertFalse(p.levers().isEmpty(), s.id() + ": lever range");
        for (Prediction.Lever l : p.levers()) {
          assertFalse(l.source().isBlank(), s.id() + ": " + l.key() + " source");
        }
        // the overlay on the regime base builds a model: field-mode checks, materials, geometry
        new Simulation(s.scenario(), 1).prepare();
      }
    }
  }

  @Test
  void runnableStrategiesChangeTheirRegimeBase() {
    // a runnable strategy with no overlay key would be the baseline under another name
    Scenario cell = base("cell");
    for (MesoscaleCatalogue.Entry e : MesoscaleCatalogue.all(cell)) {
      if (e.strategy().isBaseline() || !e.runnable()) {
        continue;
      }
      Scenario s = e.strategy().scenario();
      boolean changed = !s.values().equals(cell.values())
          || !s.materials().equals(cell.materials()) || !s.features().equals(cell.features())
          || !s.protocol().equals(cell.protocol());
      assertTrue(changed, e.strategy().id() + ": runnable but its overlay changes nothing");
    }
  }

  @Test
  void runnableOverlaysSitInsideTheirPredictedLeverRange() {
    // the value a strategy runs at is one of the states its prediction covers
    int checked = 0;
    for (MesoscaleCatalogue.Entry e : MesoscaleCatalogue.all(base("cell"))) {
      if (e.prediction() == null || !e.runnable()) {
        continue;
      }
      Scenario s = e.strategy().scenario();
      for (Prediction.Lever l : e.prediction().levers()) {
        String[] parts = l.key().split("\\.");
        double v;
        if (parts[0].equals("material")) {
          Scenario.MaterialSpec m = s.materials().stream()
              .filter(x -> x.name().equals(parts[1])).findFirst().orElseThrow();
          v = switch (parts[2]) {
            case "contactAngle_deg" -> m.contactAngleDeg();
            case "young_GPa" -> m.youngGPa();
            default -> Double.NaN;
          };
        } else if (parts[0].equals("feature")) {
          v = s.features().stream().filter(f -> f.kind().equals(parts[1]))
              .mapToDouble(f -> f.d(parts[2])).findFirst().orElseThrow();
        } else {
          v = s.d(l.key());
        }
        assertTrue(v >= l.low() && v <= l.high(), e.strategy().id() + ": " + l.key() + " = " + v
            + " outside [" + l.low() + ", " + l.high() + "]");
        checked++;
      }
    }
    assertTrue(checked >= 9, "levers checked: " + checked);
  }

  static final String HEAD = "schemaVersion: 1\nstrategy: {id: x, reference: r}\n";

  static String pred(String metric, String sign, String regimes) {
    return HEAD + "prediction:\n  metric: " + metric + "\n  sign: " + sign + "\n  regimes: "
        + regimes + "\n  leverRange:\n    transport.field.tPlus: {range: [0.85, 1.0], unit: \"1\","
        + " source: \"Bouchet 2013\"}\n";
  }

  @Test
  void malformedPredictionsFailWithTheFieldNamed() {
    Prediction ok = Prediction.parse(pred("tipCount", "lower", "[transport]"), "f");
    assertEquals(List.of("transport"), ok.regimes());
    assertEquals(0.85, ok.levers().get(0).low(), 0.0);
    String[][] bad = {
        {pred("roughness", "lower", "[cell]"), "prediction.metric"},
        {pred("porosity", "smaller", "[cell]"), "prediction.sign"},
        {pred("porosity", "lower", "[coin]"), "prediction.regimes"},
        {pred("porosity", "lower", "[]"), "prediction.regimes"},
        {HEAD + "prediction: {metric: porosity, sign: lower, regimes: [cell]}\n",
            "prediction.leverRange"},
        {HEAD + "prediction: {metric: porosity, sign: lower, regimes: [cell], leverRange:"
            + " {sei.filmConductivity_S_m: {range: [2, 1], source: s}}}\n", "range"},
        {HEAD + "prediction: {metric: porosity, sign: lower, regimes: [cell], leverRange:"
            + " {sei.filmConductivity_S_m: {range: [1, 2]}}}\n", "source"},
        {HEAD + "prediction: {metric: porosity, sign: up, regimes: [cell], extra: 1}\n",
            "prediction.extra"},
    };
    for (String[] b : bad) {
      InputException x = assertThrows(InputException.class, () -> Prediction.parse(b[0], "f"),
          b[1]);
      assertTrue(x.getMessage().contains(b[1]), x.getMessage());
    }
    // lever keys are checked against the schema and the file's materials
    Scenario s = Scenario.parse("schemaVersion: 1\nprotocol:\n  - plate: {current_mA_cm2: 1,"
        + " charge_mAh_cm2: 0.01}\n", "f");
    Prediction unknown = Prediction.parse(HEAD + "prediction: {metric: porosity, sign: lower,"
        + " regimes: [cell], leverRange: {sei.notAKey: {range: [1, 2], source: s}}}\n", "f");
    assertTrue(assertThrows(InputException.class, () -> unknown.validate(s)).getMessage()
        .contains("not a scenario key"));
    Prediction outside = Prediction.parse(HEAD + "prediction: {metric: porosity, sign: lower,"
        + " regimes: [cell], leverRange: {transport.field.tPlus: {range: [0.5, 1.5], source:"
        + " s}}}\n", "f");
    assertTrue(assertThrows(InputException.class, () -> outside.validate(s)).getMessage()
        .contains("outside"));
    Prediction noMaterial = Prediction.parse(HEAD + "prediction: {metric: porosity, sign:"
        + " lower, regimes: [cell], leverRange: {material.zno.contactAngle_deg: {range: [5, 30],"
        + " source: s}}}\n", "f");
    assertTrue(assertThrows(InputException.class, () -> noMaterial.validate(s)).getMessage()
        .contains("no material 'zno'"));
  }
}
