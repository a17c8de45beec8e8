package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.liko.engine.InputException;

/**
 * {@link Scenario#problems}: every mistake of a file at once, each with the message the strict
 * parse gives, the first of them being the one {@link Scenario#parse} throws.
 */
class ScenarioProblemsTest {
  /** Six independent mistakes, in file order. */
  private static final String BAD = "schemaVersion: 1\n"
      + "latice: 64x32\n"                                   // unknown top-level key
      + "temperature_K: 50\n"                               // out of range
      + "kinetics: {alpha: half, alpah: 0.5}\n"             // wrong type, unknown nested key
      + "materials:\n  - {name: Bad-Name, color: '#12345'}\n" // bad name and colour
      + "protocol:\n"
      + "  - plate: {current_mA_cm2: -1, charge_mAh_cm2: 0.0001}\n" // out of range
      + "  - swim: {time_s: 1}\n"                           // not a step
      + "  - cycle:\n      count: 3\n      strip: {cutof_V: 0.3}\n"; // once, not 3 times

  @Test
  void everyProblemIsReportedOnceInFileOrder() {
    List<String> p = Scenario.problems(BAD, "bad.yaml", null);
    String[][] expected = {{"'latice'"}, {"'temperature_K'", "50"}, {"'kinetics.alpha'", "half"},
        {"'kinetics.alpah'"}, {"'materials[0].name'", "Bad-Name"},
        {"'materials[0].color'", "#12345"}, {"current_mA_cm2", "-1"},
        {"'protocol[1].swim'"}, {"'protocol[2].cycle.strip.cutof_V'"}};
    assertEquals(expected.length, p.size(), String.join("\n", p));
    for (int k = 0; k < expected.length; k++) {
      assertTrue(p.get(k).startsWith("bad.yaml: "), p.get(k));
      for (String part : expected[k]) {
        assertTrue(p.get(k).contains(part), "problem " + k + ": '" + p.get(k) + "' should name "
            + part);
      }
    }
    String first = assertThrows(InputException.class, () -> Scenario.parse(BAD, "bad.yaml"))
        .getMessage();
    assertEquals(p.get(0), first);
  }

  @Test
  void aValidScenarioHasNoProblems() {
    assertEquals(List.of(), Scenario.problems("schemaVersion: 1\nprotocol:\n"
        + "  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.0001}\n", "ok.yaml", null));
  }

  @Test
  void unreadableYamlIsOneProblem() {
    List<String> p = Scenario.problems("schemaVersion: 1\nlattice: [64x32\n", "y.yaml", null);
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).contains("not valid YAML"), p.get(0));
  }
}
