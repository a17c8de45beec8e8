package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run outputs read as they are by the users' own tools: {@code src/test/python/
 * check_outputs.py} reads a 2D and a 3D run folder with ASE's extxyz reader, VTK's XML image
 * reader and pandas, checks XYZ against VTI (kinds, names, units, box), the integer columns of
 * {@code timeseries.csv} and that every file's mode is 0666 less the umask. Needs a Python 3
 * with {@code ase}, {@code vtk} and {@code pandas} (Debian: python3-ase, python3-vtk9,
 * python3-pandas, installed by {@code .ci/run}); skips with the reason otherwise.
 */
class OutputFilesPythonTest extends CliTestBase {
  private static final Path SCRIPT = Path.of("src/test/python/check_outputs.py");

  @TempDir Path tmp;

  @Test
  void aseVtkAndPandasReadA2dAnd3dRun() throws Exception {
    String python = python();
    List<String> cmd = new ArrayList<>(List.of(python, SCRIPT.toString()));
    for (String lattice : List.of("48x32", "16x12x20")) {
      Path scenario = tmp.resolve(lattice + ".yaml");
      Files.writeString(scenario,
          RunCommandTest.SCENARIO.replace("lattice: 48x32", "lattice: " + lattice));
      Path out = tmp.resolve("run-" + lattice);
      assertEquals(0, run("run", scenario.toString(), "--out", out.toString(), "--quiet",
          "--no-plots"), err());
      cmd.add(out.toString());
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python check did not finish");
    assertEquals(0, p.exitValue(), log);
    assertTrue(log.contains("2D 48x1x32") && log.contains("3D 16x12x20"), log);
  }

  /** The first Python 3 that imports ase, vtk and pandas: Debian's, then the one on PATH. */
  private static String python() throws IOException, InterruptedException {
    List<String> tried = new ArrayList<>();
    for (String exe : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p = new ProcessBuilder(exe, "-c", "import ase.io, vtk, pandas")
            .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return exe;
        }
        tried.add(exe + ": " + log.strip().lines().reduce((a, b) -> b).orElse("failed"));
      } catch (IOException e) {
        tried.add(exe + ": not found");
      }
    }
    Assumptions.abort("no Python 3 with ase, vtk and pandas (Debian: apt-get install"
        + " python3-ase python3-vtk9 python3-pandas): " + tried);
    return null;
  }
}
