package org.liko.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.engine.rng.Philox;

/**
 * Compiles {@code src/main/cuda/philox.h} as a host C program with gcc and checks that it
 * returns the words of {@link Philox#philox} for vectors written by the Java code (DESIGN
 * section 4). Skipped when gcc is not on the PATH.
 */
class PhiloxHeaderTest {

  private static final long SEED = Long.getLong("liko.test.seed", 0x5EED_2011L);

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  static String run(List<String> command, String stdin, Path dir)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true);
    Process p = pb.start();
    Thread feeder = new Thread(() -> {
      try (var in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        // the process died; its exit code and output tell why
      }
    });
    feeder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " timed out");
    }
    feeder.join();
    assertEquals(0, p.exitValue(), () -> command + " failed:\n" + out);
    return out;
  }

  @Test
  void gccBuildOfHeaderMatchesJava(@TempDir Path tmp) throws Exception {
    assumeTrue(onPath("gcc"), "gcc not on PATH");
    Path module = Path.of("").toAbsolutePath();
    Path exe = tmp.resolve("philox_vectors");
    run(List.of("gcc", "-std=c99", "-O2", "-Wall", "-Werror", "-I",
        module.resolve("src/main/cuda").toString(),
        module.resolve("src/test/c/philox_vectors.c").toString(), "-o", exe.toString()),
        "", tmp);

    SplittableRandom rnd = new SplittableRandom(SEED);
    List<int[]> vectors = new ArrayList<>();
    vectors.add(new int[] {0, 0, 0, 0, 0, 0});
    vectors.add(new int[] {-1, -1, -1, -1, -1, -1});
    vectors.add(new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822,
        0x299f31d0});
    for (int i = 0; i < 1000; i++) {
      vectors.add(new int[] {rnd.nextInt(), rnd.nextInt(), rnd.nextInt(), rnd.nextInt(),
          rnd.nextInt(), rnd.nextInt()});
    }
    long[][] layouts = {{0, 0, 0}, {(0xABCDL << 32) | 7, 9, 0xFED},
        {Philox.MAX_INDEX, Philox.MAX_COLOUR, Philox.MAX_STREAM}, {1L << 32, 3, 1}};
    StringBuilder in = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    for (int[] v : vectors) {
      in.append(String.format("P %x %x %x %x %x %x%n", v[0], v[1], v[2], v[3], v[4], v[5]));
      for (int w = 0; w < 4; w++) {
        expected.append(w == 0 ? "" : " ").append(String.format("%08x",
            Philox.philox(v[0], v[1], v[2], v[3], v[4], v[5], w)));
      }
      expected.append('\n');
    }
    for (long[] l : layouts) {
      in.append(String.format("L %x %x %x%n", l[0], l[1], l[2]));
      expected.append(String.format("%08x%n",
          Philox.counter1(l[0], (int) l[1], (int) l[2])));
    }
    Files.writeString(tmp.resolve("vectors.txt"), in.toString());
    assertEquals(expected.toString(), run(List.of(exe.toString()), in.toString(), tmp));
  }
}
