package org.liko.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;

/**
 * The in-process CLI harness of the command tests: {@link #run} calls {@link Main#run} with
 * fresh captured stdout and stderr, read back by {@link #out()} and {@link #err()}; interrupt
 * state is cleared after each test.
 */
abstract class CliTestBase {
  final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @AfterEach
  void clearInterrupts() {
    Interrupts.reset();
  }

  /** Runs the CLI with args; stdout and stderr hold this run's output only. */
  int run(String... args) {
    outBytes.reset();
    errBytes.reset();
    return Main.run(args, out, err);
  }

  String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }
}
