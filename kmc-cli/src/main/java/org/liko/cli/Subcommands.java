package org.liko.cli;

import java.util.List;
import picocli.CommandLine.HelpCommand;

/**
 * The one place where liko's subcommands are registered (DESIGN.md section 8: run, compare,
 * sweep, merge, resume, validate, bench, backends, strategies).
 *
 * <p>To add a command, write a {@code @Command}-annotated class that implements
 * {@code Callable<Integer>} and add {@code new YourCommand()} to the list below; the order is the
 * order shown by {@code liko --help}. Commands print results to
 * {@code spec.commandLine().getOut()} and diagnostics to {@code getErr()}, throw
 * {@link org.liko.engine.InputException} for bad input, and poll {@link Interrupts} in long loops.
 */
public final class Subcommands {
  private Subcommands() {}

  /** A fresh instance of every subcommand, in help order. */
  public static List<Object> create() {
    return List.of(
        new RunCommand(),
        new CompareCommand(),
        new SweepCommand(),
        new MergeCommand(),
        new ResumeCommand(),
        new ValidateCommand(),
        new VerifyCommand(),
        new BenchCommand(),
        new BackendsCommand(),
        new StrategiesCommand(),
        new CompletionCommand(),
        new HelpCommand());
  }
}
