package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.liko.plots.Json;

/**
 * {@code compare --shard i/N}, {@code sweep --shard}, {@code --resume} and {@code liko merge}
 * in-process, on the baseline and one strategy, 2 replicas, a 48x40 lattice and one cycle.
 *
 * <p>The claim checked is exact: the merged folder equals the one-machine folder byte for byte
 * (CSV, JSON, manifest, report, PNG and SVG figures, every run file), except the wall-time
 * fields of the run summaries ({@link #WALL}), which are compared after removing them. The
 * refusals each assert exit 2 and that the message names the difference or the run. Measured
 * cost: about 15 s on 2 shared cores (one 4-run comparison, the same 4 runs as 3 shards, a
 * 2-point sweep twice, one run again for --resume).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MergeCommandTest extends CliTestBase {
  /** Summary fields that depend on the wall clock; all others must be equal. */
  static final List<String> WALL = List.of("wallTime_s", "eventsPerSecond",
      "depositedPerWallHour_mAh_cm2", "depositedPerWallHourPer1um2_mAh_cm2");
  private static final String[] SMALL = {"--only", "baseline,fec-lino3", "--replicas", "2",
      "--lattice", "48x40", "--cycles", "1", "--quiet", "--threads", "2"};

  @TempDir static Path tmp;
  private Path one;
  private Path[] shards;

  private int liko(String[] base, String... args) {
    return run(Stream.concat(Stream.of(args), Stream.of(base)).toArray(String[]::new));
  }

  @BeforeAll
  void runOnceAndInShards() { // PER_CLASS: once, on this instance
    one = tmp.resolve("one/cmp");
    assertEquals(0, liko(SMALL, "compare", "--out", one.toString()), err());
    shards = new Path[3];
    for (int i = 0; i < 3; i++) {
      shards[i] = tmp.resolve("shard" + (i + 1));
      assertEquals(0, liko(SMALL, "compare", "--shard", (i + 1) + "/3", "--out",
          shards[i].toString()), err());
      assertFalse(Files.exists(shards[i].resolve(CompareCommand.CSV)),
          "a shard writes no comparison");
    }
  }

  private String[] merge(Path out, Path... dirs) {
    List<String> a = new ArrayList<>(List.of("merge", "--quiet", "--out", out.toString()));
    Arrays.stream(dirs).forEach(d -> a.add(d.toString()));
    return a.toArray(new String[0]);
  }

  @Test
  void mergedShardsEqualTheOneMachineComparison() throws IOException {
    Path merged = tmp.resolve("merged/cmp"); // same folder name: report.html's title names it
    assertEquals(0, run(merge(merged, shards[2], shards[0], shards[1])), err());
    assertSameFolders(one, merged);
    assertTrue(out().contains("fec-lino3") && out().contains("merged 4 runs"), out());
  }

  @Test
  void shardsOfAnotherComparisonAreRefusedNamingTheDifference() throws IOException {
    Path other = tmp.resolve("other");
    String[] three = SMALL.clone();
    three[3] = "3";
    assertEquals(0, liko(three, "compare", "--shard", "1/3", "--out", other.toString(),
        "--no-plots"), err());
    assertEquals(2, run(merge(tmp.resolve("m1"), shards[0], other)));
    assertTrue(err().contains("replicas: 2 vs 3"), err());
    assertFalse(Files.exists(tmp.resolve("m1")), "nothing written");

    // another liko version: the manifest's plan records it
    Path old = tmp.resolve("old");
    MergeCommand.copyTree(shards[1], old);
    ObjectNode m = (ObjectNode) Json.read(old.resolve(Manifest.FILE));
    ((ObjectNode) m.get("plan")).put("likoVersion", "0.0.1");
    Files.delete(old.resolve(Manifest.FILE)); // a link to the shard's file: replace, not write
    Json.write(old.resolve(Manifest.FILE), m);
    assertEquals(2, run(merge(tmp.resolve("m2"), shards[0], old, shards[2])));
    assertTrue(err().contains("likoVersion") && err().contains("0.0.1"), err());
  }

  @Test
  void missingAndDuplicatedRunsAreNamed() throws IOException {
    assertEquals(2, run(merge(tmp.resolve("m3"), shards[0], shards[1])));
    // plan order: r0 baseline, r0 fec-lino3, r1 baseline, r1 fec-lino3; shard 3 has run 2
    assertTrue(err().contains("baseline r1 (shard 3/3 not given)"), err());
    assertEquals(2, run(merge(tmp.resolve("m4"), shards[0], shards[1], shards[2],
        shards[1])));
    assertTrue(err().contains("fec-lino3 r0"), err());
    assertEquals(2, run(merge(tmp.resolve("m5"), tmp.resolve("nothing"))));
    assertTrue(err().contains("not a folder"), err());
    assertEquals(2, run(merge(tmp.resolve("m6"), one.resolve("runs"))));
    assertTrue(err().contains("no " + Manifest.FILE), err());
  }

  @Test
  void resumeRunsOnlyWhatIsMissing() throws IOException {
    Path s = tmp.resolve("resumed");
    MergeCommand.copyTree(shards[0], s);
    // as if killed during its second run: marked pending, folder half written
    ObjectNode m = (ObjectNode) Json.read(s.resolve(Manifest.FILE));
    ((ObjectNode) m.get("runs").get(1)).put("status", Manifest.PENDING);
    Files.delete(s.resolve(Manifest.FILE));
    Json.write(s.resolve(Manifest.FILE), m);
    String runName = m.get("runs").get(1).get("strategy").asText() + "/r"
        + m.get("runs").get(1).get("replica").asText();
    Files.delete(s.resolve("runs/" + runName + "/final.vti"));
    Files.delete(s.resolve("runs/" + runName + "/summary.json"));
    String[] resume = {"compare", "--shard", "1/3", "--out", s.toString(), "--resume"};
    String[] noQuiet = Arrays.stream(SMALL).filter(a -> !a.equals("--quiet"))
        .toArray(String[]::new);
    assertEquals(0, liko(noQuiet, resume), err());
    assertTrue(err().contains("keeping 1 complete runs") && err().contains("1 runs"), err());
    Path merged = tmp.resolve("merged2/cmp");
    assertEquals(0, run(merge(merged, shards[1], s, shards[2])), err());
    assertSameFolders(one, merged);

    // --resume into a folder of other options, or another shard: refused
    String[] two = {"compare", "--shard", "2/3", "--out", s.toString(), "--resume"};
    assertEquals(2, liko(SMALL, two));
    assertTrue(err().contains("holds shard 1/3, not 2/3"), err());
  }

  /**
   * A shard stopped as by SIGTERM once a run passed 2000 events (hidden hook, deterministic)
   * leaves a checkpoint in each run it stopped; {@code --resume} continues those runs from their
   * checkpoints, and the merged comparison equals the one-machine one byte for byte (wall-time
   * fields aside). About 3 s.
   */
  @Test
  void resumeContinuesStoppedRunsFromTheirCheckpoints() throws IOException {
    Path s = tmp.resolve("stopped/shard");
    String[] noQuiet = Arrays.stream(SMALL).filter(a -> !a.equals("--quiet"))
        .toArray(String[]::new);
    assertEquals(143, liko(noQuiet, "compare", "--shard", "1/3", "--out", s.toString(),
        "--stop-after-events", "2000"), err());
    long checkpoints;
    try (Stream<Path> f = Files.walk(s)) {
      checkpoints = f.filter(p -> p.endsWith(RunCheckpoint.FILE)).count();
    }
    assertTrue(checkpoints >= 1, "a stopped run left its checkpoint");
    Interrupts.reset();
    assertEquals(0, liko(noQuiet, "compare", "--shard", "1/3", "--out", s.toString(),
        "--resume"), err());
    assertTrue(err().contains("continues from its checkpoint"), err());
    try (Stream<Path> f = Files.walk(s)) {
      assertEquals(0, f.filter(p -> p.endsWith(RunCheckpoint.FILE)).count(), "none left");
    }
    Path merged = tmp.resolve("merged3/cmp");
    assertEquals(0, run(merge(merged, shards[1], s, shards[2])), err());
    assertSameFolders(one, merged);
  }

  @Test
  void sweepShardsMergeToTheOneMachineSweep() throws IOException {
    String[] sweep = {"--only", "baseline", "--replicas", "2", "--lattice", "48x40",
        "--cycles", "1", "--current", "0.5,2", "--quiet", "--threads", "2", "--no-plots"};
    Path whole = tmp.resolve("sweep/s");
    assertEquals(0, liko(sweep, "sweep", "--out", whole.toString()), err());
    List<String> csv = Files.readAllLines(whole.resolve(SweepCommand.CSV));
    assertEquals(3, csv.size(), "header and one row per point");
    assertTrue(csv.get(0).startsWith("lattice,cycles,current,strategy,"), csv.get(0));
    assertTrue(csv.get(1).startsWith("48x40,1,0.5,baseline,")
        && csv.get(2).startsWith("48x40,1,2,baseline,"), String.join("\n", csv));
    assertTrue(Files.exists(whole.resolve("lattice-48x40_cycles-1_current-2/comparison.json")));
    Path a = tmp.resolve("sw1");
    Path b = tmp.resolve("sw2");
    assertEquals(0, liko(sweep, "sweep", "--shard", "1/2", "--out", a.toString()), err());
    assertEquals(0, liko(sweep, "sweep", "--shard", "2/2", "--out", b.toString()), err());
    Path merged = tmp.resolve("msweep/s");
    assertEquals(0, run(merge(merged, b, a, "--no-plots")), err());
    assertSameFolders(whole, merged);
  }

  private static String[] merge(Path out, Path a, Path b, String extra) {
    return new String[] {"merge", "--quiet", extra, "--out", out.toString(), a.toString(),
        b.toString()};
  }

  @Test
  void badShardIsExitTwo() {
    for (String bad : List.of("0/3", "4/3", "3", "a/b", "1/0")) {
      assertEquals(2, liko(SMALL, "compare", "--shard", bad, "--out",
          tmp.resolve("bad").toString()), bad);
      assertTrue(err().contains("--shard"), err());
    }
    assertFalse(Files.exists(tmp.resolve("bad")));
  }

  /**
   * Every file of {@code a} has a twin in {@code b} with the same bytes, and back; summaries
   * are compared without the {@link #WALL} fields.
   */
  static void assertSameFolders(Path a, Path b) throws IOException {
    List<Path> fa = files(a);
    assertEquals(fa, files(b), "the same files");
    for (Path rel : fa) {
      if (rel.getFileName().toString().equals(RunWriter.SUMMARY)) {
        assertEquals(withoutWall(a.resolve(rel)), withoutWall(b.resolve(rel)), rel.toString());
      } else {
        assertTrue(Arrays.equals(Files.readAllBytes(a.resolve(rel)),
            Files.readAllBytes(b.resolve(rel))), rel + " differs");
      }
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  private static JsonNode withoutWall(Path summary) throws IOException {
    ObjectNode n = (ObjectNode) Json.read(summary);
    WALL.forEach(n::remove);
    return n;
  }
}
