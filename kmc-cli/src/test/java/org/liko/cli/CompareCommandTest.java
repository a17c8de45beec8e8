package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.model.Catalogue;
import org.liko.model.Scenario;
import org.liko.plots.Csv;

/**
 * {@code liko compare}, {@code liko strategies} and {@code liko run STRATEGY_ID} in-process, on
 * a 48x40 lattice with one cycle so every run takes a fraction of a second.
 */
class CompareCommandTest {
  private static final String[] SMALL = {"--replicas", "2", "--lattice", "48x40", "--cycles",
      "1", "--quiet"};
  /** A user strategy identical to the baseline: with paired seeds its runs are the same. */
  private static final String TWIN = "schemaVersion: 1\nname: twin\nstrategy:\n  id: twin\n"
      + "  name: Baseline twin\n  expectedStatistic: roughness_nm\n  expectedDirection: lower\n";

  @TempDir Path tmp;
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void clear() {
    Interrupts.reset();
  }

  private int run(String[] base, String... args) {
    outBytes.reset();
    errBytes.reset();
    String[] all = Stream.concat(Stream.of(args), Stream.of(base)).toArray(String[]::new);
    return Main.run(all, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void baselineOnlyWritesTheComparisonAndStatisticsAreRight() throws IOException {
    Path a = tmp.resolve("a");
    assertEquals(0, run(SMALL, "compare", "--only", "baseline", "--threads", "1", "--out",
        a.toString()), err());
    for (String f : List.of("comparison.csv", "comparison.json", "report.html",
        "scenario.resolved.yaml", "comparison_p99Height_nm.png")) {
      assertTrue(Files.size(a.resolve(f)) > 0, f);
    }
    for (int k = 0; k < 2; k++) {
      Path r = a.resolve("runs/baseline/r" + k);
      for (String f : List.of("summary.json", "timeseries.csv", "scenario.resolved.yaml",
          "final.vti", "final.xyz")) {
        assertTrue(Files.exists(r.resolve(f)), r + "/" + f);
      }
      assertFalse(Files.exists(r.resolve("report.html")), "run plots are off by default");
    }
    assertFalse(Files.exists(a.resolve("runs/baseline/r2")));
    assertTrue(out().contains("p99 ratio") && out().contains("baseline")
        && out().contains("wall time"), out());

    Csv.Text t = Csv.readText(a.resolve("comparison.csv"));
    assertEquals(CompareCommand.csvColumns(), t.columns());
    for (String stat : org.liko.plots.ComparisonFigures.STATISTICS.keySet()) {
      for (String suffix : List.of("_mean", "_ciLow", "_ciHigh", "_ratio")) {
        assertTrue(t.columns().contains(stat + suffix), stat + suffix);
      }
    }
    for (String c : List.of("strategy", "name", "n", "expectedTrend", "held", "origin")) {
      assertTrue(t.columns().contains(c), c);
    }
    assertEquals(1, t.rows().size());
    String[] row = t.rows().get(0);
    assertEquals("baseline", t.get(row, "strategy"));
    assertEquals(2.0, t.number(row, "n"));
    assertEquals("p99Height_nm lower", t.get(row, "expectedTrend"));
    assertEquals("emergent", t.get(row, "origin"));

    // hand-computed: mean and mean +- t(0.975, 1) s / sqrt(2) of the two summaries
    JsonNode s0 = json.readTree(a.resolve("runs/baseline/r0/summary.json").toFile());
    JsonNode s1 = json.readTree(a.resolve("runs/baseline/r1/summary.json").toFile());
    assertEquals(1, s0.get("seed").asLong());
    assertEquals(2, s1.get("seed").asLong());
    // no host: the height above the host top is the height above the collector
    double x0 = s0.get("morphologyPlated").get("heightP99_nm").asDouble();
    double x1 = s1.get("morphologyPlated").get("heightP99_nm").asDouble();
    assertEquals(x0, s0.get("morphologyPlated").get("heightAboveHostP99_nm").asDouble());
    assertStat(t, row, "p99Height_nm", x0, x1);
    assertStat(t, row, "roughness_nm", s0.get("morphologyPlated").get("roughness_nm").asDouble(),
        s1.get("morphologyPlated").get("roughness_nm").asDouble());
    assertStat(t, row, "deadFraction", ofPassed(s0, "dead"), ofPassed(s1, "dead"));
    assertStat(t, row, "seiLi", ofPassed(s0, "sei"), ofPassed(s1, "sei"));
    assertStat(t, row, "coulombicEfficiency",
        s0.get("cycles").get(0).get("coulombicEfficiency").asDouble(),
        s1.get("cycles").get(0).get("coulombicEfficiency").asDouble());
    assertStat(t, row, "coulombicEfficiencyMean",
        s0.get("cycles").get(0).get("coulombicEfficiency").asDouble(),
        s1.get("cycles").get(0).get("coulombicEfficiency").asDouble());
    assertEquals(1, s0.get("cycles").size(), "--cycles 1");
    assertEquals(1.0, t.number(row, "p99Height_nm_ratio"), 1e-12);

    JsonNode j = json.readTree(a.resolve("comparison.json").toFile());
    assertEquals(2, j.get("replicas").asInt());
    JsonNode b = j.get("strategies").get(0);
    assertEquals("baseline", b.get("id").asText());
    assertEquals(2, b.get("n").asInt());
    assertEquals((x0 + x1) / 2, b.get("statistics").get("p99Height_nm").get("mean").asDouble(),
        1e-9);
    assertTrue(b.get("statistics").get("shortCircuitTime_s").get("mean").isNull()
        || b.get("statistics").get("shortCircuitTime_s").get("n").asInt() > 0);

    // the same comparison on two threads gives the same table
    Path c = tmp.resolve("c");
    assertEquals(0, run(SMALL, "compare", "--only", "baseline", "--threads", "2", "--no-plots",
        "--out", c.toString()), err());
    assertEquals(Files.readString(a.resolve("comparison.csv")),
        Files.readString(c.resolve("comparison.csv")));
    assertFalse(Files.exists(c.resolve("report.html")));
  }

  /** Inventory entry as a fraction of all Li that entered (initial + plated charge). */
  private static double ofPassed(JsonNode s, String key) {
    JsonNode inv = s.get("inventory");
    return inv.get(key).asDouble() / (inv.get("initial").asDouble()
        + s.get("electrons").get("plated").asDouble());
  }

  private static void assertStat(Csv.Text t, String[] row, String stat, double x0, double x1) {
    double mean = (x0 + x1) / 2;
    double half = 12.706204736174698 * Math.abs(x0 - x1) / Math.sqrt(2) / Math.sqrt(2);
    double tol = 1e-9 * Math.max(1, Math.abs(mean) + half);
    assertEquals(mean, t.number(row, stat + "_mean"), tol, stat);
    assertEquals(mean - half, t.number(row, stat + "_ciLow"), tol, stat);
    assertEquals(mean + half, t.number(row, stat + "_ciHigh"), tol, stat);
  }

  @Test
  void pairedSeedsAcrossStrategies() throws IOException {
    Path cat = Files.createDirectories(tmp.resolve("cat"));
    Files.writeString(cat.resolve("twin.yaml"), TWIN);
    Path o = tmp.resolve("o");
    assertEquals(0, run(SMALL, "compare", "--only", "twin", "--catalogue", cat.toString(),
        "--threads", "2", "--no-plots", "--out", o.toString()), err());
    for (int k = 0; k < 2; k++) {
      JsonNode b = json.readTree(o.resolve("runs/baseline/r" + k + "/summary.json").toFile());
      JsonNode w = json.readTree(o.resolve("runs/twin/r" + k + "/summary.json").toFile());
      assertEquals(1 + k, b.get("seed").asLong());
      assertEquals(b.get("seed"), w.get("seed"), "replica " + k + " uses the same seed");
      assertEquals("twin", w.get("strategy").asText());
      assertEquals(b.get("morphologyPlated"), w.get("morphologyPlated"), "same scenario, seed");
    }
    Csv.Text t = Csv.readText(o.resolve("comparison.csv"));
    assertEquals(List.of("baseline", "twin"),
        t.rows().stream().map(r -> t.get(r, "strategy")).toList());
    String[] twin = t.rows().get(1);
    assertEquals(1.0, t.number(twin, "p99Height_nm_ratio"), 1e-12);
    assertEquals("inconclusive", t.get(twin, "held"), "zero paired differences");
    assertEquals("reference", t.get(t.rows().get(0), "held"));
    assertTrue(out().contains("twin"), out());
  }

  @Test
  void badInputIsExitTwoBeforeAnyFile() {
    Path o = tmp.resolve("bad");
    assertEquals(2, run(SMALL, "compare", "--only", "nope", "--out", o.toString()));
    assertTrue(err().contains("'nope'") && err().contains("baseline"), err());
    assertEquals(2, run(SMALL, "compare", "--only", "baseline", "--replicas", "0", "--out",
        o.toString()));
    assertEquals(2, run(new String[0], "compare", "--backend", "opencl-nope", "--out",
        o.toString()));
    assertFalse(Files.exists(o));
  }

  @Test
  void strategiesListsTheCatalogue() {
    assertEquals(0, run(new String[0], "strategies"), err());
    String[] lines = out().split("\n");
    assertTrue(lines[0].startsWith("id") && lines[0].contains("expected")
        && lines[0].contains("origin") && lines[0].contains("needs"), lines[0]);
    assertTrue(lines[1].startsWith("baseline "), lines[1]);
    assertTrue(lines[1].contains("p99Height_nm lower") && lines[1].contains("emergent"));
    assertEquals(Catalogue.embedded().list().size() + 1, lines.length);
  }

  @Test
  void strategiesWithUserCatalogueSaysWhatItReplaces() throws IOException {
    Path cat = Files.createDirectories(tmp.resolve("cat"));
    Files.writeString(cat.resolve("b.yaml"), "schemaVersion: 1\nname: b\nstrategy:\n"
        + "  id: baseline\n  name: Replaced baseline\n");
    Files.writeString(cat.resolve("twin.yaml"), TWIN);
    assertEquals(0, run(new String[0], "strategies", "--catalogue", cat.toString()), err());
    assertTrue(out().contains("Replaced baseline") && out().contains("twin"), out());
    assertTrue(err().contains("replaces the embedded strategy 'baseline'"), err());
  }

  @Test
  void runAcceptsAStrategyId() throws IOException {
    Path o = tmp.resolve("r");
    assertEquals(0, run(new String[0], "run", "baseline", "--lattice", "48x40", "--quiet",
        "--no-plots", "--out", o.toString()), err());
    JsonNode s = json.readTree(o.resolve("summary.json").toFile());
    assertEquals("baseline", s.get("strategy").asText());
    assertEquals(2, s.get("cycles").size(), "the default comparison protocol");
    assertTrue(Files.readString(o.resolve("scenario.resolved.yaml")).contains("id: baseline"));
    assertEquals(2, run(new String[0], "run", "no-such-id", "--out", tmp.resolve("x").toString()));
    assertTrue(err().contains("'no-such-id'") && err().contains("baseline"), err());
    assertEquals(2, run(new String[0], "run", "missing.yaml"));
    assertTrue(err().contains("no such scenario file"), err());
  }

  @Test
  void cyclesAndCurrentEditTheProtocol() {
    Scenario d = Catalogue.embedded().defaultScenario();
    List<Scenario.Step> p = d.protocol();
    assertEquals(6, p.size());
    List<Scenario.Step> three = ScenarioEdits.cycles(p, 3);
    assertEquals(9, three.size());
    for (int i = 0; i < 9; i++) {
      assertEquals(p.get(i % 3).kind(), three.get(i).kind());
      assertEquals(1 + i / 3, three.get(i).cycle());
    }
    assertEquals(p.subList(0, 3), ScenarioEdits.cycles(p, 1));
    List<Scenario.Step> mixed = List.of(new Scenario.Step("rest", 0, 0, 1, 0, 0), p.get(0),
        p.get(1), p.get(3), p.get(4), new Scenario.Step("plate", 1, 0.1, 0, 0, 0));
    List<Scenario.Step> m = ScenarioEdits.cycles(mixed, 1);
    assertEquals(List.of(mixed.get(0), p.get(0), p.get(1), mixed.get(5)), m);
    Scenario e = ScenarioEdits.apply(d, "48x40", 1, 5.0);
    assertEquals(48, e.i("lattice.nx"));
    assertEquals(40, e.i("lattice.nz"));
    assertEquals(18.0 * 40 / 72, e.d("separator_nm"), 1e-12, "separator keeps its fraction");
    for (Scenario.Step s : e.protocol()) {
      assertEquals(s.kind().equals("rest") ? 0.0 : 5.0, s.current_mA_cm2(), s.toString());
    }
  }
}
