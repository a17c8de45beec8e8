package org.liko.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --out} and {@code --force} options, spelled the same in every command that writes
 * files. Use as {@code @Mixin OutputOptions output;} then {@code Path dir = output.resolve();}.
 */
public final class OutputOptions {
  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: a new results/<UTC yyyyMMdd-HHmmss>/).")
  Path out;

  @Option(names = "--force", description = "Write into --out even if it is not empty.")
  boolean force;

  /** The folder given with {@code --out}, or null. */
  public Path out() {
    return out;
  }

  /** Whether {@code --force} was given. */
  public boolean force() {
    return force;
  }

  /** Resolves and creates the output folder; see {@link OutputDir#resolve(Path, boolean)}. */
  public Path resolve() {
    return OutputDir.resolve(out, force);
  }
}
