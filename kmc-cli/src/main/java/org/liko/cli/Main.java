package org.liko.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.liko.engine.BackendUnavailableException;
import org.liko.engine.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code liko} command line (picocli). {@link #run} executes in-process and
 * returns the exit code, so tests assert on code and messages; only {@link #main} exits the JVM.
 *
 * <p>Exit codes are those of {@link ExitCode}: bad input ({@link InputException}, option errors)
 * prints {@code liko: error: <message>} without a stack trace and returns 2; {@link
 * BackendUnavailableException} returns 3; anything else is a bug and prints {@code liko: internal
 * error: ...} with the stack trace, returning 1; a run stopped by a signal returns 130 or 143.
 */
@Command(
    name = "liko",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = "Kinetic Monte Carlo simulator of Li-metal plating and stripping.",
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0    ok",
      "  1    internal error (a bug: please report it with the stack trace)",
      "  2    bad input (option, scenario file, output folder)",
      "  3    backend unavailable",
      "  130  stopped by SIGINT, 143 stopped by SIGTERM"
    })
public final class Main implements Callable<Integer> {
  @Spec CommandSpec spec;

  private final Terminal terminal;

  private Main(Terminal terminal) {
    this.terminal = terminal;
  }

  /** Where the output goes (terminals, colour, width); commands read it from their parent. */
  Terminal terminal() {
    return terminal;
  }

  /** Runs liko and exits the JVM with its exit code. */
  public static void main(String[] args) {
    Interrupts.install();
    int code = run(args, System.out, System.err, Terminal.detect());
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /**
   * Runs liko in-process: results go to {@code out}, diagnostics to {@code err}, neither of
   * them a terminal ({@link Terminal#NONE}).
   *
   * @return the exit code (see {@link ExitCode})
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, Terminal.NONE);
  }

  /**
   * Runs liko in-process on streams that behave as {@code terminal} says.
   *
   * @return the exit code (see {@link ExitCode})
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Terminal terminal) {
    return execute(newCommandLine(out, err, terminal), args);
  }

  /** {@link #newCommandLine(PrintStream, PrintStream, Terminal)} with no terminal. */
  public static CommandLine newCommandLine(PrintStream out, PrintStream err) {
    return newCommandLine(out, err, Terminal.NONE);
  }

  /**
   * Builds the configured command line: every command of {@link Subcommands#create()}, output
   * streams and the exception handlers. Tests may add commands to it before {@link #execute}.
   */
  public static CommandLine newCommandLine(PrintStream out, PrintStream err, Terminal terminal) {
    CommandLine cl = new CommandLine(new Main(terminal));
    for (Object sub : Subcommands.create()) {
      cl.addSubcommand(sub);
    }
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    return cl;
  }

  /** Applies streams and handlers to the whole tree, including commands added after creation. */
  private static void configure(CommandLine cl) {
    cl.setOut(cl.getOut()); // picocli setters reach only the subcommands present when called
    cl.setErr(cl.getErr());
    cl.setParameterExceptionHandler(PARAMETER_ERRORS);
    cl.setExecutionExceptionHandler(EXECUTION_ERRORS);
    // help on stdout in colour only on a terminal without NO_COLOR (picocli's AUTO looks at
    // System.console(), i.e. stdin and stdout, and not at the streams given here)
    cl.setColorScheme(Help.defaultColorScheme(terminalOf(cl).colourOut() ? Ansi.ON : Ansi.OFF));
  }

  /** The terminal of the liko command line that {@code cl} belongs to. */
  static Terminal terminalOf(CommandLine cl) {
    CommandLine root = cl;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    return root.getCommand() instanceof Main m ? m.terminal : Terminal.NONE;
  }

  /** {@code liko: error: message}, "error" in bold red where stderr takes colour. */
  static void error(CommandLine cl, String message) {
    PrintWriter err = cl.getErr();
    boolean colour = terminalOf(cl).colourErr();
    err.println("liko: " + (colour ? "\u001b[1;31merror\u001b[0m" : "error") + ": " + message);
  }

  /**
   * Executes {@code args} on a command line built by {@link #newCommandLine}; never throws.
   *
   * @return the exit code; 130 or 143 when a signal asked the run to stop
   */
  public static int execute(CommandLine cl, String[] args) {
    int code;
    try {
      configure(cl);
      code = cl.execute(args);
    } catch (Throwable t) { // picocli itself failed, outside the handlers
      code = internalError(cl.getErr(), t);
    }
    cl.getOut().flush();
    cl.getErr().flush();
    return Interrupts.requested() ? Interrupts.exitCode() : code;
  }

  /** {@code liko} without a subcommand: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }

  /** Option and argument errors: message, suggestions and a usage hint; exit 2. */
  static final IParameterExceptionHandler PARAMETER_ERRORS =
      (ParameterException ex, String[] args) -> {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        error(cl, ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.BAD_INPUT;
      };

  /** Exceptions thrown by a command's {@code call()}. */
  static final IExecutionExceptionHandler EXECUTION_ERRORS =
      (Exception ex, CommandLine cl, ParseResult parsed) -> {
        PrintWriter err = cl.getErr();
        // a wrapper (e.g. from a worker thread) may carry the user's error as its cause
        for (Throwable t = ex; t != null; t = t.getCause()) {
          if (t instanceof InputException) {
            error(cl, t.getMessage());
            err.flush();
            return ExitCode.BAD_INPUT;
          }
          if (t instanceof BackendUnavailableException) {
            error(cl, t.getMessage());
            err.flush();
            return ExitCode.BACKEND_UNAVAILABLE;
          }
        }
        return internalError(err, ex);
      };

  private static int internalError(PrintWriter err, Throwable t) {
    err.println("liko: internal error: " + t);
    t.printStackTrace(err);
    err.flush();
    return ExitCode.INTERNAL;
  }
}
