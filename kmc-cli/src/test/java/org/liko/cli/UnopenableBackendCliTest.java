package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend that probes fine but cannot open a sweep engine ({@link UnopenableBackendProvider},
 * like {@code cuda} before its engine exists): asked for by name it is exit 3 with a message
 * naming it, before any output; {@code liko backends} lists it unavailable with the reason.
 */
class UnopenableBackendCliTest extends CliTestBase {
  private static final String SCENARIO = "schemaVersion: 1\nname: tinypar\nlattice: 64x32\n"
      + "surface: {attemptFrequency_Hz: 1.0e3}\nsei: {decayLength_nm: 0.3}\n"
      + "output: {samples: 4}\nprotocol:\n"
      + "  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.0002}\n";
  private static final String MESSAGE = "liko: error: backend " + UnopenableBackendProvider.NAME
      + " probes fine on " + UnopenableBackendProvider.DEVICE + " but cannot open a sweep engine:"
      + " UnsupportedOperationException: " + UnopenableBackendProvider.WHY;

  @TempDir Path tmp;

  private void assertExitThreeNamingTheBackend(int code) {
    assertEquals(3, code, err());
    assertEquals(MESSAGE + System.lineSeparator(), err());
    assertFalse(err().contains("\tat ") || err().contains("internal error"), err());
  }

  @Test
  void runWithTheBackendExitsThreeBeforeAnyFile() throws IOException {
    Path f = tmp.resolve("s.yaml");
    Files.writeString(f, SCENARIO);
    Path out = tmp.resolve("out");
    assertExitThreeNamingTheBackend(run("run", f.toString(), "--out", out.toString(), "--quiet",
        "--no-plots", "--solver", "parallel", "--backend", UnopenableBackendProvider.NAME));
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void benchWithTheBackendExitsThree() {
    assertExitThreeNamingTheBackend(run("bench", "--backend", UnopenableBackendProvider.NAME,
        "--lattice", "64x32", "--sweeps", "2"));
  }

  @Test
  void compareWithTheBackendExitsThreeBeforeAnyFile() {
    Path out = tmp.resolve("cmp");
    assertExitThreeNamingTheBackend(run("compare", "--only", "baseline", "--replicas", "1",
        "--quiet", "--solver", "parallel", "--backend", UnopenableBackendProvider.NAME,
        "--out", out.toString()));
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void backendsListsItUnavailableWithTheReason() {
    assertEquals(0, run("backends"), err());
    String line = out().lines().filter(l -> l.startsWith(UnopenableBackendProvider.NAME))
        .findFirst().orElseThrow(() -> new AssertionError(out()));
    assertTrue(line.matches(UnopenableBackendProvider.NAME + " +unavailable +probe ok on "
        + "\\Q" + UnopenableBackendProvider.DEVICE + ", cannot open a sweep engine: "
        + "UnsupportedOperationException: " + UnopenableBackendProvider.WHY + "\\E"), line);
    assertTrue(out().matches("(?s).*\\bcpu-parallel +available.*"), out());
  }
}
