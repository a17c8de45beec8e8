package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's yaml block and the example files stay valid scenarios. */
class ExamplesTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void readmeScenarioBlockParsesAndRuns() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(m.find(), "README has a ```yaml block");
    Scenario s = Scenario.parse(m.group(1), "README.md");
    Simulation.Result r = new Simulation(s, s.seed()).run(new Simulation.Listener() {});
    assertEquals("completed", r.stopReason());
  }

  @Test
  void examplesParse() throws IOException {
    try (var files = Files.list(ROOT.resolve("examples"))) {
      files.filter(f -> f.toString().endsWith(".yaml")).forEach(f -> {
        Scenario s = Scenario.load(f);
        new Simulation(s, 1).prepare();
      });
    }
  }
}
