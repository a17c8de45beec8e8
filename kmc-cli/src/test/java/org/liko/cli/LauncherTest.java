package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./liko} launcher on a cluster: tasks started together on one (shared) checkout
 * whose jar is missing must build it once, not once each, and {@code LIKO_NO_BUILD=1} must never
 * build. The launcher is copied into a throw-away checkout with a stand-in {@code mvn} (sleeps
 * 1 s, counts its calls, makes the jar) and a stand-in {@code java} (answers {@code -version},
 * prints its arguments), so the test checks the script's locking, not Maven. Exact claim: 4
 * launches at once give 1 build and 4 runs. Cost: about 2 s. Skipped where bash is missing.
 */
class LauncherTest {
  @TempDir Path tmp;

  private Path repo;
  private Path bin;

  private void checkout() throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no /bin/bash here");
    repo = tmp.resolve("repo");
    Path root = Path.of("..").toAbsolutePath().normalize();
    Files.createDirectories(repo.resolve("kmc-cli/src"));
    Files.copy(root.resolve("liko"), repo.resolve("liko"));
    executable(repo.resolve("liko"));
    Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
    Files.writeString(repo.resolve("kmc-cli/pom.xml"), "<project/>\n");
    Files.writeString(repo.resolve("kmc-cli/src/A.java"), "class A {}\n");
    bin = Files.createDirectories(tmp.resolve("bin"));
    write(bin.resolve("mvn"), "#!/bin/bash\necho build >> '" + tmp.resolve("builds") + "'\n"
        + "sleep 1\nmkdir -p kmc-cli/target && touch kmc-cli/target/liko.jar\n");
    write(bin.resolve("java"), "#!/bin/bash\nif [[ $1 == -version ]]; then"
        + " echo 'openjdk version \"17.0.9\" 2023-10-17' >&2; else echo \"ran $*\"; fi\n");
  }

  private static void write(Path f, String text) throws IOException {
    Files.writeString(f, text, StandardCharsets.UTF_8);
    executable(f);
  }

  private static void executable(Path f) throws IOException {
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Process start(Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("/bin/bash", repo.resolve("liko").toString(),
        "--version").redirectErrorStream(true);
    pb.environment().remove("JAVA_HOME");
    pb.environment().remove("LIKO_NO_BUILD");
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    pb.environment().putAll(env);
    return pb.start();
  }

  private static String finish(Process p) throws Exception {
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void launchesStartedTogetherBuildOnce() throws Exception {
    checkout();
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ps.add(start(Map.of()));
    }
    for (Process p : ps) {
      String out = finish(p);
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.contains("ran") && out.contains("liko.jar --version"), out);
    }
    assertEquals(1, Files.readAllLines(tmp.resolve("builds")).size(), "builds");
  }

  @Test
  void noBuildNeverBuilds() throws Exception {
    checkout();
    Process p = start(Map.of("LIKO_NO_BUILD", "1"));
    String out = finish(p);
    assertEquals(1, p.exitValue(), out);
    assertTrue(out.contains("LIKO_NO_BUILD is set but") && out.contains("liko.jar is missing"),
        out);
    assertTrue(Files.notExists(tmp.resolve("builds")), "no build");
    // a stale jar runs as it is
    Files.createDirectories(repo.resolve("kmc-cli/target"));
    Files.writeString(repo.resolve("kmc-cli/target/liko.jar"), "");
    Files.setLastModifiedTime(repo.resolve("kmc-cli/target/liko.jar"),
        java.nio.file.attribute.FileTime.fromMillis(0));
    p = start(Map.of("LIKO_NO_BUILD", "1"));
    out = finish(p);
    assertEquals(0, p.exitValue(), out);
    assertTrue(Files.notExists(tmp.resolve("builds")), "no build");
  }
}
