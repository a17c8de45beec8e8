package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.liko.engine.InputException;

/** One test per kind of bad scenario input; each message names the file, field and range. */
class ScenarioValidationTest {
  private static final String OK_PROTOCOL =
      "protocol:\n  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.0001}\n";

  private static String fail(String text) {
    return assertThrows(InputException.class, () -> Scenario.parse(text, "bad.yaml")).getMessage();
  }

  private static void assertNames(String msg, String... parts) {
    for (String p : parts) {
      assertTrue(msg.contains(p), "message '" + msg + "' should contain '" + p + "'");
    }
  }

  @Test
  void unknownTopLevelKey() {
    assertNames(fail("schemaVersion: 1\nlatice: 64x32\n" + OK_PROTOCOL), "bad.yaml",
        "'latice'", "lattice");
  }

  @Test
  void unknownNestedKey() {
    assertNames(fail("schemaVersion: 1\nkinetics: {alpah: 0.5}\n" + OK_PROTOCOL),
        "'kinetics.alpah'", "alpha");
  }

  @Test
  void wrongType() {
    assertNames(fail("schemaVersion: 1\nkinetics: {alpha: half}\n" + OK_PROTOCOL),
        "'kinetics.alpha'", "half", "[0.01, 0.99]");
  }

  @Test
  void outOfRange() {
    assertNames(fail("schemaVersion: 1\ntemperature_K: 50\n" + OK_PROTOCOL),
        "'temperature_K'", "50", "[200, 1000]");
  }

  /**
   * Walkers solve no overpotential, so an overpotential-driven nucleation barrier on an exposed
   * foreign substrate (the Cu collector) cannot be evaluated: the message names the field and
   * the fix.
   */
  @Test
  void walkersWithANucleationBarrier() {
    Scenario s = Scenario.parse("schemaVersion: 1\ntransport: {mode: walkers}\n"
        + OK_PROTOCOL, "bad.yaml");
    InputException e = assertThrows(InputException.class,
        () -> new Simulation(s, 1).prepare());
    assertNames(e.getMessage(), "bad.yaml", "'kinetics.interfacialEnergy_J_m2'", "walkers",
        "allowed: 0");
  }

  @Test
  void badChoice() {
    assertNames(fail("schemaVersion: 1\nsei: {recipe: salty}\n" + OK_PROTOCOL),
        "'sei.recipe'", "salty", "inorganic");
  }

  @Test
  void missingSchemaVersion() {
    assertNames(fail("name: x\n" + OK_PROTOCOL), "'schemaVersion'");
  }

  @Test
  void wrongSchemaVersion() {
    assertNames(fail("schemaVersion: 7\n" + OK_PROTOCOL), "'schemaVersion'", "7");
  }

  @Test
  void missingProtocol() {
    assertNames(fail("schemaVersion: 1\n"), "'protocol'");
  }

  @Test
  void unknownProtocolStep() {
    assertNames(fail("schemaVersion: 1\nprotocol:\n  - charge: {time_s: 1}\n"),
        "protocol[0].charge", "plate");
  }

  @Test
  void unknownStepField() {
    assertNames(fail("schemaVersion: 1\nprotocol:\n  - plate: {current: 1}\n"),
        "protocol[0].plate.current", "current_mA_cm2");
  }

  @Test
  void plateWithoutEnd() {
    assertNames(fail("schemaVersion: 1\nprotocol:\n  - plate: {current_mA_cm2: 1}\n"),
        "protocol[0].plate", "charge_mAh_cm2");
  }

  @Test
  void badLatticeString() {
    assertNames(fail("schemaVersion: 1\nlattice: 64by32\n" + OK_PROTOCOL), "'lattice'",
        "64by32", "NXxNZ");
  }

  @Test
  void notYaml() {
    assertNames(fail("schemaVersion: 1\n  : [\n"), "bad.yaml", "YAML");
  }

  @Test
  void latticeTooLargeForHeapIsRefusedBeforeAllocation() {
    Scenario s = Scenario.parse("schemaVersion: 1\nlattice: 60000x60000x60000\n" + OK_PROTOCOL,
        "huge.yaml");
    String msg = assertThrows(InputException.class, () -> new Simulation(s, 1).prepare())
        .getMessage();
    assertNames(msg, "huge.yaml", "'lattice'", "MiB", "LIKO_JAVA_OPTS");
  }

  @Test
  void separatorOutsideBox() {
    Scenario s = Scenario.parse("schemaVersion: 1\nlattice: 64x32\nseparator_nm: 100\n"
        + OK_PROTOCOL, "sep.yaml");
    assertNames(assertThrows(InputException.class, () -> new Simulation(s, 1).prepare())
        .getMessage(), "'separator_nm'", "lattice.nz");
  }

  @Test
  void resolvedScenarioRoundTripsWithEveryParameter() {
    Scenario s = Scenario.parse("schemaVersion: 1\nname: rt\nlattice: 64x32\n"
        + "protocol:\n  - cycle: {count: 2, plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.0001},"
        + " strip: {current_mA_cm2: 1, cutoff_V: 0.2}}\n", "rt.yaml");
    String yaml = s.toResolvedYaml(99, "test");
    Scenario back = Scenario.parse(yaml, "resolved");
    assertEquals(s.values(), back.values());
    assertEquals(s.protocol(), back.protocol());
    assertEquals(99L, back.seed());
    for (String key : ParameterSchema.get().params().keySet()) {
      if (!key.startsWith("protocol.") && !key.startsWith("material.")
          && !key.startsWith("feature.") && !key.startsWith("strategy.")) {
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        assertTrue(yaml.contains(leaf), "resolved yaml lists " + key);
      }
    }
  }
}
