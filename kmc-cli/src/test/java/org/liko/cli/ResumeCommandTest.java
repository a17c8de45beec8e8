package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.engine.checkpoint.Checkpoint;

/**
 * {@code liko run} stopped as by SIGTERM at a fixed event count (the hidden test hook
 * {@code --stop-after-events}, polled where a signal is: deterministic, unlike wall time)
 * writes {@code checkpoint.liko} and exits 143; {@code liko resume DIR} (stopped once more, then
 * resumed again) finishes the run, and every output file equals that of the uninterrupted run
 * byte for byte, except the wall-time fields of summary.json. Exact solver, reaction mode
 * (plate/rest/strip cycles with cut-off, snapshots), walkers mode and field mode (plate, rest,
 * strip); parallel solver
 * (cpu-parallel, 2 threads) on the reaction case. Damaged, truncated and
 * other-version checkpoints, a folder without one and bad options exit 2 with a message naming
 * the cause. About 6 s in all, plus about 6 s for the field case.
 */
class ResumeCommandTest extends CliTestBase {
  /** Reaction mode, two plate / rest / strip cycles to a cut-off: about 14000 events. */
  static final String REACTION = "schemaVersion: 1\nname: cyc\nlattice: 48x32\n"
      + "surface: {attemptFrequency_Hz: 3.0e6}\noutput: {samples: 20, snapshots: 3}\n"
      + "protocol:\n  - cycle:\n      count: 2\n"
      + "      plate: {current_mA_cm2: 2, charge_mAh_cm2: 0.0003}\n"
      + "      rest: {time_s: 0.02}\n"
      + "      strip: {current_mA_cm2: 2, cutoff_V: 0.3}\n";
  /** For the parallel solver: one plate / strip cycle on 64x40 sites, about 900 sweeps. */
  static final String PARALLEL = "schemaVersion: 1\nname: par\nlattice: 64x40\n"
      + "sei: {decayLength_nm: 0.3}\nsurface: {attemptFrequency_Hz: 1.0e3}\n"
      + "output: {samples: 20, snapshots: 3}\nprotocol:\n  - cycle:\n      count: 1\n"
      + "      plate: {current_mA_cm2: 2, charge_mAh_cm2: 0.0003}\n"
      + "      strip: {current_mA_cm2: 2, charge_mAh_cm2: 0.0002, cutoff_V: 0.3}\n";
  static final String WALKERS = "schemaVersion: 1\nname: walk\n"
      + "lattice: {nx: 40, ny: 1, nz: 40}\n"
      + "surface: {attemptFrequency_Hz: 0}\nsei: {recipe: none}\n"
      + "kinetics: {interfacialEnergy_J_m2: 0}\noutput: {samples: 12, snapshots: 3}\n"
      + "transport: {mode: walkers, population: 1, reactionProbability: 1}\nprotocol:\n"
      + "  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.0002}\n"
      + "  - strip: {current_mA_cm2: 1, charge_mAh_cm2: 0.00005}\n";
  /**
   * transport.mode field, examples/field-2d.yaml cut down to 64 x 48 sites: plate, rest and
   * strip with a field update every model second; about 4000 events. Gross exchange explicitly
   * (the default on coarse sites is net since session 6), as SimulationResumeTest's field case.
   */
  static final String FIELD = "schemaVersion: 1\nname: field\n"
      + "lattice: {nx: 64, nz: 48, atomsPerSite: 5746000}\ngeometry: {initialLi_nm: 100}\n"
      + "kinetics: {interfacialEnergy_J_m2: 0, exchangeCurrent_mA_cm2: 10}\n"
      + "surface: {attemptFrequency_Hz: 0, bondEnergy_eV: 0}\nsei: {recipe: none}\n"
      + "transport: {mode: field, field: {top: reservoir, exchange: gross, interval_s: 1}}\n"
      + "output: {samples: 12, snapshots: 2}\nprotocol:\n"
      + "  - plate: {current_mA_cm2: 2, time_s: 20}\n  - rest: {time_s: 3}\n"
      + "  - strip: {current_mA_cm2: 2, time_s: 15}\n";
  /**
   * The same with the counter electrode on top (its currents come from the last potential
   * solve) on 64 x 33 sites, where the electrolyte depletes at the electrode (Sand's time) and
   * plating stalls: with seed 5 about 3100 events.
   */
  static final String FIELD_COUNTER = FIELD.replace("nz: 48", "nz: 33")
      .replace("top: reservoir", "top: counter");
  static final List<String> WALL = List.of("wallTime_s", "eventsPerSecond",
      "depositedPerWallHour_mAh_cm2", "depositedPerWallHourPer1um2_mAh_cm2", "sweepWallTime_s",
      "siteAttemptsPerSecond");

  @TempDir Path tmp;

  private Path scenario(String name, String text) throws IOException {
    Path f = tmp.resolve(name + ".yaml");
    Files.writeString(f, text);
    return f;
  }

  private long events(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get("events")
        .asLong();
  }

  /** Every file of a equals b's, byte for byte, summary.json but its wall-time fields. */
  private static void sameOutputs(Path a, Path b) throws IOException {
    List<String> fa;
    List<String> fb;
    try (Stream<Path> s = Files.list(a)) {
      fa = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    try (Stream<Path> s = Files.list(b)) {
      fb = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(fa, fb, "the same files");
    for (String f : fa) {
      if (f.equals("summary.json")) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode ja = (ObjectNode) m.readTree(a.resolve(f).toFile());
        ObjectNode jb = (ObjectNode) m.readTree(b.resolve(f).toFile());
        ja.remove(WALL);
        jb.remove(WALL);
        assertEquals(ja, jb, f);
      } else {
        assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
      }
    }
  }

  private void stopAndResume(String name, String yaml, String... options) throws IOException {
    String file = scenario(name, yaml).toString();
    Path full = tmp.resolve(name + "-full");
    List<String> a = new java.util.ArrayList<>(List.of("run", file, "--out", full.toString(),
        "--no-plots", "--quiet"));
    a.addAll(List.of(options));
    assertEquals(0, run(a.toArray(new String[0])), err());
    long n = events(full);
    Path part = tmp.resolve(name + "-part");
    a.set(3, part.toString());
    a.addAll(List.of("--stop-after-events", Long.toString(n / 3)));
    assertEquals(143, run(a.toArray(new String[0])), err());
    assertTrue(Files.exists(part.resolve(RunCheckpoint.FILE)), "checkpoint written");
    assertTrue(events(part) < n, "stopped early: " + events(part) + " of " + n);
    Interrupts.reset();
    assertEquals(143, run("resume", part.toString(), "--quiet", "--stop-after-events",
        Long.toString(2 * n / 3)), err());
    assertTrue(events(part) < n, "stopped again");
    Interrupts.reset();
    assertEquals(0, run("resume", part.toString(), "--quiet"), err());
    assertFalse(Files.exists(part.resolve(RunCheckpoint.FILE)), "checkpoint removed at the end");
    sameOutputs(full, part);
  }

  @Test
  void reactionRunResumesToTheSameOutputs() throws IOException {
    stopAndResume("reaction", REACTION);
  }

  @Test
  void walkersRunResumesToTheSameOutputs() throws IOException {
    stopAndResume("walkers", WALKERS);
  }

  /**
   * Field mode: the electrolyte's concentration and potential, V, the events booked since the
   * last field update, the scheduled update and the Li+ book survive two stops.
   */
  @Test
  void fieldRunResumesToTheSameOutputs() throws IOException {
    stopAndResume("field", FIELD);
  }

  /** Field mode with a counter electrode on top, through depletion. */
  @Test
  void fieldCounterRunResumesToTheSameOutputs() throws IOException {
    stopAndResume("field-counter", FIELD_COUNTER, "--seed", "5");
  }

  /** The parallel solver, resumed with its backend, threads and window: cpu-parallel, 2. */
  @Test
  void parallelRunResumesToTheSameOutputs() throws IOException {
    stopAndResume("parallel", PARALLEL, "--solver", "parallel", "--backend", "cpu-parallel",
        "--threads", "2");
  }

  private Path stopped() throws IOException {
    Path part = tmp.resolve("stopped");
    assertEquals(143, run("run", scenario("r", REACTION).toString(), "--out",
        part.toString(), "--no-plots", "--quiet", "--stop-after-events", "5000"), err());
    Interrupts.reset();
    return part;
  }

  @Test
  void damagedTruncatedAndForeignCheckpointsAreRefused() throws IOException {
    Path part = stopped();
    Path ck = part.resolve(RunCheckpoint.FILE);
    byte[] good = Files.readAllBytes(ck);
    Files.write(ck, java.util.Arrays.copyOf(good, good.length / 2));
    assertEquals(2, run("resume", part.toString()));
    assertTrue(err().contains("truncated") && err().contains(RunCheckpoint.FILE), err());
    byte[] flipped = good.clone();
    flipped[flipped.length / 2] ^= 0x10;
    Files.write(ck, flipped);
    assertEquals(2, run("resume", part.toString()));
    assertTrue(err().contains("damaged (CRC32C"), err());
    Checkpoint c = Checkpoint.decode(good, "ck", Version.liko(), RunCheckpoint.sha256(
        Files.readString(part.resolve(RunWriter.SCENARIO))));
    Files.write(ck, new Checkpoint("0.0.9-other", c.scenarioSha256(), c.state()).encode());
    assertEquals(2, run("resume", part.toString()));
    assertTrue(err().contains("written by liko 0.0.9-other"), err());
    assertFalse(err().contains("\tat "), "no stack trace");
    Files.write(ck, good);
    assertEquals(0, run("resume", part.toString(), "--quiet"), err());
  }

  @Test
  void durationsAreReadInWallSeconds() {
    assertEquals(90_000_000_000L, RunCheckpoint.parseDuration("o", "90s"));
    assertEquals(1_800_000_000_000L, RunCheckpoint.parseDuration("o", "30m"));
    assertEquals(5_400_000_000_000L, RunCheckpoint.parseDuration("o", "1h30m"));
    assertEquals(9_000_000_000_000L, RunCheckpoint.parseDuration("o", "2.5H"));
  }

  @Test
  void aFolderWithoutCheckpointAndBadOptionsExit2() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertEquals(2, run("resume", empty.toString()));
    assertTrue(err().contains("holds no checkpoint (checkpoint.liko)"), err());
    String file = scenario("r", RunCommandTest.SCENARIO).toString();
    for (String bad : List.of("0s", "30", "1x", "-5m", "", "m", "5m5")) {
      assertEquals(2, run("run", file, "--out", tmp.resolve("b").toString(),
          "--checkpoint-every", bad), bad);
      assertTrue(err().contains("--checkpoint-every: value '" + bad + "' is not a wall-time"
          + " duration"), err());
    }
    assertFalse(Files.exists(tmp.resolve("b")), "nothing written");
  }
}
