package org.liko.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.liko.engine.InputException;
import org.liko.model.Scenario;
import org.liko.model.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code liko validate SCENARIO|STRATEGY_ID}: checks a scenario as {@code liko run} would,
 * without running it. A file's problems are reported all at once ({@link Scenario#problems}),
 * one {@code liko: error:} line each, exit 2; then the checks that need the whole scenario
 * (lattice size and memory, geometry, materials) run as they do before a run. A valid scenario
 * is printed as resolved YAML on stdout (every parameter, defaults and seed included), so
 * {@code liko validate s.yaml > s.resolved.yaml} gives a file that runs the same.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Check a scenario file or catalogue strategy without running it: every error"
        + " at once (exit 2), else the resolved scenario as YAML on stdout.")
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO|STRATEGY_ID",
      description = "Scenario YAML file, or the id of a catalogue strategy (liko strategies).")
  String scenarioArg;

  @Option(names = "--catalogue", paramLabel = "DIR",
      description = "Extra strategy files (*.yaml), as for liko run.")
  Path catalogueDir;

  @Option(names = "--seed", paramLabel = "N",
      description = "Seed written into the resolved scenario (default: the scenario's, else "
          + RunCommand.DEFAULT_SEED + ").")
  Long seed;

  @Option(names = "--lattice", paramLabel = "NXxNZ|NXxNYxNZ",
      description = "Override the scenario's lattice, as for liko run.")
  String lattice;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path file = Path.of(scenarioArg);
    if (Files.isRegularFile(file)) {
      String text;
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        throw new InputException(file + ": cannot read: " + e.getMessage());
      }
      List<String> problems = Scenario.problems(text, file.toString(), null);
      if (!problems.isEmpty()) {
        for (String p : problems) {
          Main.error(spec.commandLine(), p);
        }
        err.println("liko: " + file + ": " + problems.size() + " problem"
            + (problems.size() == 1 ? "" : "s") + "; nothing was run");
        err.flush();
        return ExitCode.BAD_INPUT;
      }
    }
    Scenario scenario = ScenarioEdits.lattice(
        RunCommand.resolveScenario(scenarioArg, catalogueDir, err), lattice);
    long usedSeed = seed != null ? seed
        : scenario.seed() != null ? scenario.seed() : RunCommand.DEFAULT_SEED;
    new Simulation(scenario, usedSeed).prepare(); // sizes, memory, geometry: as before a run
    out.print(scenario.toResolvedYaml(usedSeed, Version.liko()));
    out.flush();
    err.println("liko: " + scenarioArg + ": valid; the resolved scenario is on stdout");
    err.flush();
    return ExitCode.OK;
  }
}
