package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.engine.backend.Backend;
import org.liko.engine.backend.Backends;

/**
 * {@code liko run --solver parallel} and {@code liko bench} in-process: exit codes, the summary's
 * solver, the bench JSON keys, bad and unavailable backends. A 64x32 lattice keeps each run well
 * under a second.
 */
class ParallelCliTest extends CliTestBase {
  private static final String SCENARIO = "schemaVersion: 1\nname: tinypar\nlattice: 64x32\n"
      + "surface: {attemptFrequency_Hz: 1.0e3}\nsei: {decayLength_nm: 0.3}\n"
      + "output: {samples: 4}\nprotocol:\n"
      + "  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.0002}\n";

  @TempDir Path tmp;


  private Path scenario() throws IOException {
    Path f = tmp.resolve("s.yaml");
    Files.writeString(f, SCENARIO);
    return f;
  }

  /** --lockstep: cpu-parallel checked against cpu after every pass runs through; not exact. */
  @Test
  void lockstepChecksEveryPass() throws IOException {
    Path out = tmp.resolve("lock");
    assertEquals(0, run("run", scenario().toString(), "--out", out.toString(),
        "--no-plots", "--solver", "parallel", "--backend", "cpu-parallel", "--threads", "2",
        "--lockstep"), err());
    assertTrue(err().contains("--lockstep: checking cpu-parallel against cpu"), err());
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals("cpu-parallel", s.get("backend").asText());
    assertEquals(2, run("run", scenario().toString(), "--out", tmp.resolve("x").toString(),
        "--quiet", "--no-plots", "--lockstep"), err());
    assertTrue(err().contains("--lockstep: only with --solver parallel"), err());
  }

  @Test
  void runParallel() throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(0, run("run", scenario().toString(), "--out", out.toString(), "--quiet",
        "--no-plots", "--solver", "parallel", "--backend", "cpu-parallel", "--threads", "2"),
        err());
    assertTrue(out().contains("solver          parallel on cpu-parallel, 2 threads"), out());
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals("parallel", s.get("solver").asText());
    assertEquals("cpu-parallel", s.get("backend").asText());
    assertTrue(s.has("morphologyPlated") && s.has("cracksOpened"), s.toString());

    Path out2 = tmp.resolve("out2");
    assertEquals(0, run("run", scenario().toString(), "--out", out2.toString(),
        "--no-plots", "--solver", "parallel", "--backend", "auto", "--window", "1e-3"), err());
    assertTrue(err().contains("--backend auto: chose"), err()); // a diagnostic: not with --quiet
    JsonNode s2 = new ObjectMapper().readTree(out2.resolve("summary.json").toFile());
    assertEquals(1e-3, s2.get("window_s").asDouble());
  }

  @Test
  void benchJson() throws IOException {
    assertEquals(0, run("bench", "--lattice", "256x32", "--solver", "exact,parallel",
        "--backend", "cpu,cpu-parallel", "--sweeps", "5", "--events", "2000", "--threads", "2",
        "--json"), err());
    JsonNode a = new ObjectMapper().readTree(out());
    assertEquals(3, a.size(), out());
    for (JsonNode r : a) {
      for (String k : List.of("solver", "backend", "threads", "lattice", "sweeps",
          "siteAttemptsPerSecond", "acceptedEventsPerSecond", "events", "wallTime_s",
          "cpuTime_s", "simulatedTime_s", "stopReason", "deviceBytesPerSite",
          "depositedPerWallHourPer1um2_mAh_cm2")) {
        assertTrue(r.has(k), k + " missing in " + r);
      }
    }
    // one byte per site of lattice plus tables (per sector and per column, about 2 bytes per
    // site on a lattice this small; they vanish per site on large ones)
    double bytes = a.get(2).get("deviceBytesPerSite").asDouble();
    assertTrue(bytes >= 1.0 && bytes < 4, "device bytes per site " + bytes);
    assertEquals(1, a.get(1).get("threads").asInt(), "cpu is the one-thread reference");
    assertEquals("exact", a.get(0).get("solver").asText());
    assertEquals("parallel", a.get(2).get("solver").asText());
    assertEquals("cpu-parallel", a.get(2).get("backend").asText());
    assertEquals(5, a.get(2).get("sweeps").asLong());
    assertTrue(a.get(1).get("siteAttemptsPerSecond").asDouble() > 0);
    // a number (the process CPU clock was readable), never negative; a run of a few ms may read
    // 0 at the clock's granularity (it did once in CI), so > 0 would be a flaky check
    assertTrue(a.get(1).get("cpuTime_s").isNumber()
        && a.get(1).get("cpuTime_s").asDouble() >= 0, "cpu seconds of the run");
    assertEquals(0, run("bench", "--lattice", "64x32", "--scenario", scenario().toString()),
        err());
    assertTrue(out().contains("site attempts/s") && out().contains("completed"), out());
  }

  @Test
  void badAndUnavailableBackends() throws IOException {
    assertEquals(2, run("run", scenario().toString(), "--out", tmp.resolve("x").toString(),
        "--quiet", "--solver", "parallel", "--backend", "nope"));
    assertTrue(err().contains("nope"), err());
    assertEquals(2, run("bench", "--backend", "nope"));
    assertEquals(2, run("run", scenario().toString(), "--out", tmp.resolve("y").toString(),
        "--quiet", "--solver", "fast"));
    // compare --solver parallel checks every strategy before writing anything
    Path cmp = tmp.resolve("cmp");
    assertEquals(2, run("compare", "--only", "baseline", "--replicas", "1", "--lattice", "48x40",
        "--quiet", "--solver", "parallel", "--out", cmp.toString()));
    assertTrue(err().contains("sei.decayLength_nm"), err());
    assertTrue(!Files.exists(cmp), "nothing written");
    Backends all = Backends.load();
    Optional<Backend> cuda = all.find("cuda");
    assumeTrue(cuda.isPresent() && all.openFailure(cuda.get()).isPresent(),
        "cuda opens a sweep engine here");
    assertEquals(3, run("run", scenario().toString(), "--out", tmp.resolve("z").toString(),
        "--quiet", "--solver", "parallel", "--backend", "cuda"));
    assertEquals(3, run("bench", "--backend", "cuda", "--lattice", "64x32"));
  }
}
