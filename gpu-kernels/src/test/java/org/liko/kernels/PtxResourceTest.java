package org.liko.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks the checked-in PTX resources ({@code philox.ptx}, {@code sector.ptx}): header relabelled
 * to {@code .version 8.5}, target {@code sm_75}, the entry points present, built from the
 * sources as they are now (a hash of the {@code .cu} and headers recorded by build-ptx.sh), and
 * (when {@code ptxas} is on the PATH) that they assemble for sm_75, sm_80 and sm_90.
 */
class PtxResourceTest {

  private static String ptxText(String name) {
    byte[] bytes = CudaPhilox.ptx("/org/liko/kernels/" + name + ".ptx");
    return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
  }

  @Test
  void headerIsRelabelledAndEntriesPresent() {
    for (String name : List.of("philox", "sector")) {
      String ptx = ptxText(name);
      assertTrue(ptx.contains("\n.version 8.5\n"), name + ".ptx header must say .version 8.5");
      assertTrue(ptx.contains("\n.target sm_75\n"), name + ".ptx must target sm_75");
    }
    assertTrue(ptxText("philox").contains(".entry philox_words("), "philox_words missing");
    for (String k : SectorDevice.KERNELS) {
      assertTrue(ptxText("sector").contains(".entry " + k + "("), "entry " + k + " missing");
    }
  }

  /** The sources hash build-ptx.sh wrote beside the PTX: stale PTX fails here. */
  @Test
  void ptxIsBuiltFromTheCurrentSources() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (String f : List.of("philox.h", "sector_rules.h", "philox.cu", "sector.cu")) {
      sha.update(Files.readAllBytes(Path.of("src/main/cuda", f)));
    }
    String recorded = Files.readString(
        Path.of("src/main/resources/org/liko/kernels/sources.sha256")).trim();
    assertEquals(HexFormat.of().formatHex(sha.digest()), recorded,
        "the PTX resources are older than src/main/cuda: run sh src/main/cuda/build-ptx.sh");
  }

  @ParameterizedTest
  @CsvSource({"philox,sm_75", "philox,sm_80", "philox,sm_90", "sector,sm_75", "sector,sm_80",
      "sector,sm_90"})
  void ptxasAssembles(String name, String sm, @TempDir Path tmp) throws Exception {
    assumeTrue(PhiloxHeaderTest.onPath("ptxas"), "ptxas not on PATH");
    Path ptx = tmp.resolve(name + ".ptx");
    Files.writeString(ptx, ptxText(name), StandardCharsets.US_ASCII);
    PhiloxHeaderTest.run(List.of("ptxas", "-arch=" + sm, "-o",
        tmp.resolve(name + ".cubin").toString(), ptx.toString()), "", tmp);
    assertTrue(Files.size(tmp.resolve(name + ".cubin")) > 0);
  }
}
