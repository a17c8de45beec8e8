package org.liko.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.liko.engine.InputException;
import org.liko.model.Scenario;
import org.liko.model.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code liko resume DIR}: continues the run of folder DIR from its {@value RunCheckpoint#FILE}
 * with the scenario, seed, solver, backend, threads, window and figure choice it was started
 * with; the final
 * outputs equal those of the uninterrupted run (all but the wall-time fields).
 */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Continue a run stopped by SIGINT/SIGTERM from the"
        + " checkpoint in its output folder; the outputs equal those of an uninterrupted run.")
public final class ResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Output folder of the run.")
  Path dir;

  @Option(names = "--checkpoint-every", paramLabel = "DURATION",
      description = "Write the checkpoint again every DURATION of wall time (e.g. 30m, 2h).")
  String checkpointEvery;

  /** Test hook: stop as on SIGTERM at the first interrupt poll after N events. */
  @Option(names = "--stop-after-events", hidden = true, paramLabel = "N")
  long stopAfterEvents;

  @Mixin QuietOption quiet;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter diag = quiet.diagnostics(err);
    long everyNanos = checkpointEvery != null
        ? RunCheckpoint.parseDuration("--checkpoint-every", checkpointEvery) : 0;
    if (!Files.isDirectory(dir)) {
      throw new InputException("resume: '" + dir + "' is not a folder; give the output folder"
          + " of the run to continue");
    }
    Path file = dir.resolve(RunWriter.SCENARIO);
    if (!Files.isRegularFile(dir.resolve(RunCheckpoint.FILE))) {
      RunCheckpoint.read(dir, ""); // names the missing checkpoint
    }
    if (!Files.isRegularFile(file)) {
      throw new InputException("resume: '" + dir + "' has a checkpoint but no "
          + RunWriter.SCENARIO + "; the folder is damaged: start the run again with liko run");
    }
    String resolved;
    try {
      resolved = Files.readString(file);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InputException(file + ": not UTF-8 text; the folder is damaged: start the run"
          + " again with liko run");
    }
    RunCheckpoint.Loaded loaded = RunCheckpoint.read(dir, resolved);
    RunCheckpoint.Options o = loaded.options();
    Scenario scenario = Scenario.load(file);
    Simulation sim = new Simulation(scenario, o.seed()).interruptedBy(Interrupts::requested);
    String backendName = RunCommand.configure(sim, o.solver(), o.backend(), o.threads(),
        o.window(), diag);
    RunCheckpoint ckpt = new RunCheckpoint(dir, resolved, o, everyNanos, stopAfterEvents, diag);
    sim.checkpoints(ckpt);
    sim.prepare();
    diag.println("liko: resuming " + scenario.name() + " (seed " + o.seed() + ") in " + dir);
    return RunCommand.execute(sim, loaded.state(), scenario, o.seed(), dir, backendName,
        o.plots(), ckpt, spec, quiet.quiet(), out, err);
  }
}
