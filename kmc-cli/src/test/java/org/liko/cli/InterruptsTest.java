package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One cancellation delivered twice (Slurm signals a job's shell and its children, and the shell
 * passes SIGTERM on) is one request: inside a cooperative scope, two SIGTERMs within
 * {@link Interrupts#SAME_TERM_MS} only set the flag. Were the second one taken as "quit at once",
 * {@code System.exit} would end this test JVM and the build would fail. Cost: milliseconds.
 */
class InterruptsTest {
  @AfterEach
  void reset() {
    Interrupts.reset();
  }

  @Test
  void aSecondSigtermRightAfterTheFirstIsTheSameRequest() {
    try (Interrupts.Scope scope = Interrupts.cooperative()) {
      Interrupts.onSignal(ExitCode.SIGTERM);
      Interrupts.onSignal(ExitCode.SIGTERM);
      assertTrue(Interrupts.requested());
      assertEquals(ExitCode.SIGTERM, Interrupts.exitCode());
    }
  }
}
