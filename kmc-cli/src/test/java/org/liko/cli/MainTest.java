package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.engine.BackendUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The CLI called in-process: exit codes and messages of DESIGN.md section 8. */
class MainTest extends CliTestBase {
  /** Runs with one extra test-only command registered next to the real ones. */
  private int runWith(Object extra, String... args) {
    CommandLine cl = Main.newCommandLine(out, err);
    cl.addSubcommand(extra);
    return Main.execute(cl, args);
  }

  private void assertNoStackTrace() {
    assertFalse(err().contains("\tat "), () -> "stack trace in stderr:\n" + err());
    assertFalse(err().contains("Exception"), () -> "exception name in stderr:\n" + err());
  }

  @Test
  void versionPrintsLikoVersionAndJava() {
    assertEquals(0, run("--version"));
    String v = Version.liko();
    assertFalse(v.equals("unknown") || v.contains("${"), "version resource not filtered: " + v);
    assertTrue(out().startsWith("liko " + v + System.lineSeparator()), out());
    assertTrue(out().contains("Java " + System.getProperty("java.version")), out());
    assertEquals("", err());
  }

  @Test
  void helpExitsZeroAndListsCommands() {
    assertEquals(0, run("--help"));
    assertTrue(out().contains("Usage: liko"), out());
    assertTrue(out().contains("backends"), out());
    assertEquals("", err());
  }

  @Test
  void unknownOptionIsBadInputNamedWithoutStackTrace() {
    assertEquals(2, run("--no-such-option"));
    assertTrue(err().contains("--no-such-option"), err());
    assertTrue(err().startsWith("liko: error: "), err());
    assertTrue(err().contains("--help"), err());
    assertNoStackTrace();
    assertEquals("", out());
  }

  @Test
  void unknownSubcommandOptionIsBadInput() {
    assertEquals(2, run("backends", "--bogus"));
    assertTrue(err().contains("--bogus"), err());
    assertTrue(err().contains("liko backends --help"), err());
    assertNoStackTrace();
  }

  @Test
  void missingCommandIsBadInput() {
    assertEquals(2, run());
    assertTrue(err().contains("missing command"), err());
  }

  @Test
  void backendsListsCpu() {
    assertEquals(0, run("backends"));
    assertTrue(out().matches("(?s).*\\bcpu +available.*"), out());
  }

  @Test
  void nonEmptyOutWithoutForceIsBadInputNamingTheFolder(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("taken");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("old.csv"), "t,n\n");
    assertEquals(2, runWith(new WritesOutput(), "write", "--out", dir.toString()));
    assertTrue(err().startsWith("liko: error: "), err());
    assertTrue(err().contains(dir.toString()), err());
    assertTrue(err().contains("--force"), err());
    assertNoStackTrace();
    assertFalse(Files.exists(dir.resolve("result.txt")));
  }

  @Test
  void nonEmptyOutWithForceIsUsed(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("taken");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("old.csv"), "t,n\n");
    assertEquals(0, runWith(new WritesOutput(), "write", "--out", dir.toString(), "--force"));
    assertTrue(Files.exists(dir.resolve("result.txt")));
    assertTrue(Files.exists(dir.resolve("old.csv")), "--force must not delete files");
  }

  @Test
  void backendUnavailableExitsThree() {
    assertEquals(3, runWith(new Throws(new BackendUnavailableException("cuda: no device")), "throw"));
    assertEquals("liko: error: cuda: no device" + System.lineSeparator(), err());
  }

  @Test
  void unexpectedExceptionIsInternalErrorWithStackTrace() {
    assertEquals(1, runWith(new Throws(new IllegalStateException("boom")), "throw"));
    assertTrue(err().startsWith("liko: internal error: java.lang.IllegalStateException: boom"), err());
    assertTrue(err().contains("\tat "), err());
  }

  @Test
  void stopRequestMapsToSignalExitCode() {
    Callable<Integer> stopped = () -> {
      try (Interrupts.Scope scope = Interrupts.cooperative()) {
        Interrupts.request(ExitCode.SIGTERM); // as the TERM handler would inside a scope
        assertTrue(Interrupts.requested());
      }
      return ExitCode.OK;
    };
    assertEquals(143, runWith(new Calls(stopped), "stop"));
  }

  /** Test-only command that writes one file into its output folder. */
  @Command(name = "write")
  static final class WritesOutput implements Callable<Integer> {
    @Mixin OutputOptions output;

    @Override
    public Integer call() throws IOException {
      Files.writeString(output.resolve().resolve("result.txt"), "ok\n");
      return 0;
    }
  }

  /** Test-only command that throws. */
  @Command(name = "throw")
  static final class Throws implements Callable<Integer> {
    private final RuntimeException ex;

    Throws(RuntimeException ex) {
      this.ex = ex;
    }

    @Override
    public Integer call() {
      throw ex;
    }
  }

  /** Test-only command that delegates. */
  @Command(name = "stop")
  static final class Calls implements Callable<Integer> {
    private final Callable<Integer> body;

    Calls(Callable<Integer> body) {
      this.body = body;
    }

    @Override
    public Integer call() throws Exception {
      return body.call();
    }
  }
}
