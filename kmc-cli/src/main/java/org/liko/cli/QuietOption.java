package org.liko.cli;

import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine.Option;

/**
 * The {@code --quiet} option, spelled and meant the same in every command that runs
 * simulations: results on stdout only; no progress and no diagnostics on stderr (errors still
 * go there). Use as {@code @Mixin QuietOption quiet;} and print diagnostics to
 * {@code quiet.diagnostics(err)}.
 */
public final class QuietOption {
  @Option(names = "--quiet",
      description = "Print nothing but the results: no progress, no diagnostics on stderr"
          + " (errors still go there).")
  boolean quiet;

  /** Whether {@code --quiet} was given. */
  public boolean quiet() {
    return quiet;
  }

  /** Where diagnostics go: {@code err}, or nowhere with {@code --quiet}. */
  public PrintWriter diagnostics(PrintWriter err) {
    return quiet ? new PrintWriter(Writer.nullWriter()) : err;
  }
}
