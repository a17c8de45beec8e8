package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.model.Catalogue;
import org.liko.model.CompareRegime;
import org.liko.plots.Csv;

/**
 * {@code liko compare --regime cell|transport} in-process: the regime's base scenario runs (the
 * baseline only, one replica, one cycle) and every output states the regime numbers J/J_lim,
 * t/t_s at the end of plating, Wa and Da. The lattices keep each base's height, so J/J_lim and
 * t/t_s are those of the full regime (the gap and stack are unchanged); only the width (Wa's
 * length) shrinks: cell 40 x 80 sites of 100 nm (4 um wide, 1 mAh/cm^2 at 3 mA/cm^2, about
 * 6 s), transport 16 x 201 (1.6 um wide, 2.26 mAh/cm^2 planned at 15 mA/cm^2, about 15 s;
 * wall times under a load of about 15 on 2 cores: 8 and 27 s).
 */
class CompareRegimeTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void clear() {
    Interrupts.reset();
  }

  private int run(String... args) {
    outBytes.reset();
    errBytes.reset();
    return Main.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * Runs the baseline of {@code regime} on {@code lattice} and checks the regime numbers in the
   * run's summary (at the first plating step), comparison.json, comparison.csv and the table;
   * returns the summary's plating-step numbers.
   */
  private JsonNode compare(String regime, String lattice) throws IOException {
    Path dir = tmp.resolve(regime);
    assertEquals(0, run("compare", "--regime", regime, "--only", "baseline", "--replicas", "1",
        "--cycles", "1", "--lattice", lattice, "--threads", "1", "--no-plots", "--out",
        dir.toString()), err());
    if (Catalogue.embedded(CompareRegime.parse(regime, "test")).list().size() == 1) {
      assertTrue(err().contains("holds only the baseline"), err());
    }
    JsonNode sum = json.readTree(dir.resolve("runs/baseline/r0/summary.json").toFile());
    // the regime numbers at the first plating current, t/t_s with the step's actual duration
    JsonNode plate = sum.get("dimensionless");
    assertTrue(plate.get("platingEnded").asBoolean(), "the first plating step has ended");
    JsonNode planned = null;
    for (JsonNode st : sum.get("dimensionlessBySteps")) {
      if (st.get("kind").asText().equals("plate")) {
        planned = st;
        break;
      }
    }
    double j = planned.get("current_mA_cm2").asDouble();
    double jLim = plate.get("limitingCurrent_mA_cm2").asDouble();
    assertEquals(j / jLim, plate.get("jOverJlim").asDouble(), 1e-12);
    double sand = plate.get("sandTime_s").asDouble();
    assertEquals(plate.get("platingTime_s").asDouble() / sand,
        plate.get("tOverSandTime").asDouble(), 1e-12);
    // planned: the base's charge at the step's current (the step may end early: a stall at
    // depletion)
    double charge = Catalogue.embedded(CompareRegime.parse(regime, "test")).defaultScenario()
        .protocol().stream().filter(st -> st.kind().equals("plate")).findFirst().orElseThrow()
        .charge_mAh_cm2();
    assertTrue(charge >= 1.0, "at least 1 mAh/cm^2 per cycle");
    assertEquals(3600.0 * charge / j, planned.get("platingTime_s").asDouble(), 1e-9);
    assertEquals(lattice.split("x")[0].equals("40") ? 4.0 : 1.6,
        plate.get("wagnerLength_um").asDouble(), 1e-6, "Wa's length is the box width");
    assertTrue(plate.get("wagner").asDouble() > 0 && plate.get("damkohler").asDouble() > 0);
    // Da = k L_T / D and D / k = damkohlerLength: Da = L_T / damkohlerLength
    assertEquals(plate.get("transportLength_um").asDouble() * 1e3
        / plate.get("damkohlerLength_nm").asDouble(), plate.get("damkohler").asDouble(), 1e-9);

    JsonNode cmp = json.readTree(dir.resolve("comparison.json").toFile());
    assertEquals(regime, cmp.get("regime").asText());
    JsonNode row = cmp.get("strategies").get(0).get("regime");
    for (String k : new String[] {"jOverJlim", "tOverSandTime", "wagner", "damkohler"}) {
      assertEquals(plate.get(k).asDouble(), row.get(k).asDouble(), 0.0, k);
    }
    Csv.Text t = Csv.readText(dir.resolve("comparison.csv"));
    assertEquals(plate.get("jOverJlim").asDouble(), t.number(t.rows().get(0), "jOverJlim"),
        1e-12);
    assertTrue(out().contains("J/J_lim") && out().contains("t/t_s") && out().contains("Wa")
        && out().contains("Da"), out());
    return plate;
  }

  /**
   * The cell regime: a closed cell (counter electrode) under a porous separator, J/J_lim ~
   * 0.05 (the stated 0.02-0.2) and t/t_s well below 1.
   */
  @Test
  void cellRegimeStatesItsNumbers() throws IOException {
    JsonNode p = compare("cell", "40x80");
    double r = p.get("jOverJlim").asDouble();
    assertTrue(r > 0.02 && r < 0.2, "J/J_lim " + r);
    assertTrue(p.get("tOverSandTime").asDouble() < 0.5, "t/t_s " + p.get("tOverSandTime"));
    assertTrue(p.get("wagner").asDouble() > 100, "Wa " + p.get("wagner"));
    // not cut short: 1952 site events of the Poisson clock at I / (n e), 1200 s +- 2.3 % (1 sd)
    assertEquals(1200.0, p.get("platingTime_s").asDouble(), 4 * 1200.0 / Math.sqrt(1952),
        "the plating step's duration");
  }

  /**
   * The transport regime: J/J_lim between 1.5 and 5, plating ends past Sand's time (t_s with
   * D(c0); the electrolyte's D rises as c falls, and on this narrow deposit the step stalls at
   * depletion near 1.5 t_s, before its planned 2.0 t_s, having plated more than 1 mAh/cm^2).
   */
  @Test
  void transportRegimeStatesItsNumbers() throws IOException {
    JsonNode p = compare("transport", "16x201");
    double r = p.get("jOverJlim").asDouble();
    assertTrue(r >= 1.5 && r <= 5, "J/J_lim " + r);
    assertTrue(p.get("tOverSandTime").asDouble() > 1, "t/t_s " + p.get("tOverSandTime"));
    assertTrue(p.get("platingTime_s").asDouble() * p.get("jOverJlim").asDouble()
        * p.get("limitingCurrent_mA_cm2").asDouble() / 3600 > 1.0, "plated > 1 mAh/cm^2");
  }

  /** An unknown regime: exit 2 naming the allowed values, before any file. */
  @Test
  void unknownRegimeIsBadInput() {
    assertEquals(2, run("compare", "--regime", "coin", "--out", tmp.resolve("x").toString()));
    assertTrue(err().contains("--regime") && err().contains("atomistic, cell, transport"),
        err());
  }
}
