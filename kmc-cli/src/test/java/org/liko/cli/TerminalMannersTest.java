package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.model.Scenario;

/**
 * Terminal manners of the CLI: the progress bar only when stderr is a terminal and on stderr,
 * {@code --quiet} prints nothing but the results, {@code NO_COLOR} honoured, {@code liko
 * completion} and {@code liko validate}.
 */
class TerminalMannersTest extends CliTestBase {
  private static final String SCENARIO = RunCommandTest.SCENARIO;

  @TempDir Path tmp;

  private Path scenario(String text) throws IOException {
    Path f = tmp.resolve("s" + Integer.toHexString(text.hashCode()) + ".yaml");
    Files.writeString(f, text);
    return f;
  }

  /** Runs the CLI in-process on streams that behave as {@code terminal} says. */
  private int runOn(Terminal terminal, String... args) {
    outBytes.reset();
    errBytes.reset();
    return Main.run(args, out, err, terminal);
  }

  @Test
  void quietPrintsNothingButTheResults() throws IOException {
    Path out = tmp.resolve("q");
    assertEquals(0, runOn(new Terminal(true, true, true, 100), "run",
        scenario(SCENARIO).toString(), "--out", out.toString(), "--quiet", "--no-plots"), err());
    assertEquals("", err(), "--quiet: nothing on stderr");
    assertTrue(out().contains("height") && out().contains("output"), out());
    assertEquals(0, run("run", scenario(SCENARIO).toString(), "--out",
        tmp.resolve("loud").toString(), "--no-plots"));
    assertTrue(err().contains("liko: running tiny"), "without --quiet: " + err());
  }

  @Test
  void progressBarIsDrawnOnStderrOnlyWhenStderrIsATerminal() throws IOException {
    Path f = scenario(SCENARIO);
    // stdout a terminal, stderr redirected to a log: no bar frames in the log
    assertEquals(0, runOn(new Terminal(true, false, true, 100), "run", f.toString(), "--out",
        tmp.resolve("a").toString(), "--no-plots"), err());
    assertFalse(err().contains("\r") || err().contains("run tiny "), err());
    // stdout redirected, stderr a terminal: the bar is drawn on stderr, stdout stays clean
    assertEquals(0, runOn(new Terminal(false, true, false, 100), "run", f.toString(), "--out",
        tmp.resolve("b").toString(), "--no-plots"), err());
    assertTrue(err().contains("\rrun tiny") && err().contains("100%"), err());
    assertTrue(err().contains("[=") || err().contains("=]"), "ASCII bar without colour: "
        + err());
    assertFalse(out().contains("\r") || out().contains("%"), out());
    // with colour allowed the bar uses Unicode blocks
    assertEquals(0, runOn(new Terminal(false, true, true, 100), "run", f.toString(), "--out",
        tmp.resolve("c").toString(), "--no-plots"), err());
    assertTrue(err().contains("\u2588"), err());
  }

  @Test
  void noColorAndDumbTerminalsTurnColourOff() {
    assertTrue(Terminal.of(true, true, Map.of()).colourErr());
    assertFalse(Terminal.of(true, true, Map.of("NO_COLOR", "1")).colourErr());
    assertFalse(Terminal.of(true, true, Map.of("NO_COLOR", "1")).colourOut());
    assertTrue(Terminal.of(true, true, Map.of("NO_COLOR", "")).colourErr(), "empty: unset");
    assertFalse(Terminal.of(true, true, Map.of("TERM", "dumb")).colourErr());
    assertFalse(Terminal.of(true, false, Map.of()).colourErr(), "not a terminal");
    assertEquals(132, Terminal.of(true, true, Map.of("COLUMNS", "132")).columns());

    assertEquals(2, runOn(Terminal.of(true, true, Map.of()), "run", "--seed", "x", "y.yaml"));
    assertTrue(err().contains("\u001b[1;31merror\u001b[0m"), err());
    assertEquals(2, runOn(Terminal.of(true, true, Map.of("NO_COLOR", "1")), "run", "--seed",
        "x", "y.yaml"));
    assertTrue(err().startsWith("liko: error: "), err());
    assertFalse(err().contains("\u001b"), err());
    assertEquals(0, runOn(Terminal.of(true, true, Map.of("NO_COLOR", "1")), "--help"));
    assertFalse(out().contains("\u001b"), "help without colour: " + out());
    assertEquals(0, runOn(Terminal.of(true, true, Map.of()), "--help"));
    assertTrue(out().contains("\u001b["), "help in colour on a terminal");
  }

  /**
   * The real process: stderr on a pseudo-terminal ({@code script}), stdout to a file. The bar
   * must reach the terminal although stdout is not one (System.console() would say no).
   */
  @Test
  void realProcessDrawsTheBarOnATerminalStderrWithStdoutRedirected() throws Exception {
    Assumptions.assumeTrue(onPath("script"), "script (util-linux) not installed");
    Path f = scenario(SCENARIO);
    Path stdout = tmp.resolve("stdout.txt");
    Path typescript = tmp.resolve("tty.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cmd = "'" + java + "' -cp '" + System.getProperty("java.class.path")
        + "' org.liko.cli.Main run '" + f + "' --no-plots --out '" + tmp.resolve("real")
        + "' >'" + stdout + "'";
    Process p = new ProcessBuilder("script", "-qec", cmd, typescript.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("script.log").toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "liko did not finish");
    String tty = Files.readString(typescript, StandardCharsets.UTF_8);
    String results = Files.readString(stdout, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), tty + Files.readString(tmp.resolve("script.log")));
    assertTrue(tty.contains("run tiny") && tty.contains("100%"), "bar on the terminal: " + tty);
    assertTrue(results.contains("output") && !results.contains("\r"), results);
  }

  @Test
  void completionScriptCoversEveryCommand() {
    assertEquals(0, run("completion"), err());
    String script = out();
    assertTrue(script.contains("complete -F") && script.contains("liko"), script);
    for (String c : List.of("run", "compare", "validate", "strategies", "backends", "bench",
        "completion", "--quiet", "--lattice")) {
      assertTrue(script.contains(c), c);
    }
  }

  @Test
  void validateReportsEveryErrorAtOnceAndRunsNothing() throws IOException {
    Path f = scenario("schemaVersion: 1\nlatice: 64x32\ntemperature_K: 50\n"
        + "protocol:\n  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.0001, tim_s: 1}\n");
    assertEquals(2, run("validate", f.toString()));
    List<String> lines = err().lines().toList();
    assertEquals(4, lines.size(), err());
    assertTrue(lines.get(0).startsWith("liko: error: ") && lines.get(0).contains("'latice'"));
    assertTrue(lines.get(1).contains("'temperature_K'") && lines.get(1).contains("[200, 1000]"));
    assertTrue(lines.get(2).contains("'protocol[0].plate.tim_s'"), lines.get(2));
    assertTrue(lines.get(3).contains("3 problems"), lines.get(3));
    assertEquals("", out());
    assertFalse(err().contains("\tat "), err());
  }

  @Test
  void validatePrintsTheResolvedScenarioThatRunsTheSame() throws IOException {
    Path f = scenario(SCENARIO);
    assertEquals(0, run("validate", f.toString(), "--seed", "7"), err());
    String yaml = out();
    assertTrue(yaml.contains("seed: 7") && yaml.contains("temperature_K"), yaml);
    Scenario back = Scenario.parse(yaml, "resolved.yaml");
    assertEquals(7L, back.seed());
    assertEquals(Scenario.parse(SCENARIO, "s").values(), back.values());
    assertTrue(err().contains("valid"), err());
    assertEquals(0, run("validate", "baseline"), err());
    assertTrue(out().contains("strategy:"), out());
    assertEquals(2, run("validate", f.toString(), "--lattice", "40000x40000x40000"));
    assertTrue(err().contains("MiB"), err());
    assertEquals(2, run("validate", "no-such-strategy"));
    assertTrue(err().contains("known strategies"), err());
  }

  private static boolean onPath(String exe) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, exe))) {
        return true;
      }
    }
    return false;
  }
}
