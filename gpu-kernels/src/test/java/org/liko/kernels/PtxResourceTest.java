package org.liko.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the checked-in PTX resource: header relabelled to {@code .version 8.5}, target
 * {@code sm_75}, the test entry point present, and (when {@code ptxas} is on the PATH) that it
 * assembles for sm_75, sm_80 and sm_90.
 */
class PtxResourceTest {

  private static String ptxText() {
    byte[] bytes = CudaPhilox.ptx();
    return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
  }

  @Test
  void headerIsRelabelledAndEntryPresent() {
    String ptx = ptxText();
    assertTrue(ptx.contains("\n.version 8.5\n"), "PTX header must say .version 8.5");
    assertTrue(ptx.contains("\n.target sm_75\n"), "PTX must target sm_75 (compute_75)");
    assertTrue(ptx.contains(".entry philox_words("), "entry point philox_words missing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm_75", "sm_80", "sm_90"})
  void ptxasAssembles(String sm, @TempDir Path tmp) throws Exception {
    assumeTrue(PhiloxHeaderTest.onPath("ptxas"), "ptxas not on PATH");
    Path ptx = tmp.resolve("philox.ptx");
    Files.writeString(ptx, ptxText(), StandardCharsets.US_ASCII);
    PhiloxHeaderTest.run(List.of("ptxas", "-arch=" + sm, "-o",
        tmp.resolve("philox.cubin").toString(), ptx.toString()), "", tmp);
    assertTrue(Files.size(tmp.resolve("philox.cubin")) > 0);
  }
}
