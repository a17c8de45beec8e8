package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.model.verify.CaseFigure;
import org.liko.model.verify.Check;
import org.liko.model.verify.Outcome;
import org.liko.model.verify.VerifyCase;
import org.liko.model.verify.VerifyCatalogue;
import org.liko.plots.Csv;
import org.liko.plots.Json;

/**
 * {@code liko verify}: the files it writes (verify.csv one row per check, verify.json per case,
 * one figure per case, report.html showing each), exit 0 when every check passes, exit 4 with
 * the case and its numbers on stderr when one fails, exit 2 naming an unknown case. Runs the two
 * cheapest real cases (Faraday, Butler-Volmer; under a second) and a stand-in failing case.
 */
class VerifyCommandTest extends CliTestBase {
  @TempDir Path tmp;

  @AfterEach
  void restoreCatalogue() {
    VerifyCommand.catalogue = VerifyCatalogue::select;
  }

  @Test
  void passingCasesWriteTheirFilesAndExitZero() throws IOException {
    Path dir = tmp.resolve("v");
    assertEquals(0, run("verify", "--quick", "--only", "faraday,butler-volmer", "--out",
        dir.toString()), err());
    Csv.Text t = Csv.readText(dir.resolve("verify.csv"));
    assertEquals(VerifyCommand.COLUMNS, t.columns());
    assertEquals(9, t.rows().size()); // 5 Faraday checks + 4 Butler-Volmer checks
    assertTrue(t.rows().stream().allMatch(r -> t.get(r, "passed").equals("true")));
    JsonNode j = Json.read(dir.resolve("verify.json"));
    assertTrue(j.path("passed").asBoolean());
    assertEquals(2, j.path("cases").size());
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("2 of 2 cases passed"), html);
    for (String id : List.of("faraday", "butler-volmer")) {
      assertTrue(Files.size(dir.resolve("verify_" + id + ".png")) > 1000, id);
      assertTrue(Files.exists(dir.resolve("verify_" + id + ".svg")), id);
      assertTrue(html.contains("verify_" + id + ".png"), id);
    }
    assertTrue(out().contains("2 of 2 cases passed"), out());
  }

  @Test
  void aFailingCaseExitsFourNamingTheCaseAndNumbers() throws IOException {
    VerifyCase failing = new VerifyCase() {
      @Override
      public String id() {
        return "always-off";
      }

      @Override
      public String title() {
        return "a case that misses by design";
      }

      @Override
      public String reference() {
        return "none";
      }

      @Override
      public long seed() {
        return 1;
      }

      @Override
      public Outcome run(Size size, long seed) {
        return new Outcome(List.of(new Check("answer", 41, 42, 0.5, "")),
            new CaseFigure("off", "x", "y", false, false, List.of(CaseFigure.measured("m",
                new double[] {1, 2}, new double[] {41, 41}))), "one number");
      }
    };
    VerifyCommand.catalogue = ids -> List.of(failing);
    Path dir = tmp.resolve("f");
    assertEquals(ExitCode.VERIFY_FAILED, run("verify", "--out", dir.toString()));
    assertTrue(err().contains("FAIL always-off: answer = 41, expected 42 +- 0.5"), err());
    assertFalse(Json.read(dir.resolve("verify.json")).path("passed").asBoolean());
    assertTrue(Files.readString(dir.resolve("report.html")).contains("FAIL"));
  }

  @Test
  void anUnknownCaseIsBadInput() {
    assertEquals(ExitCode.BAD_INPUT, run("verify", "--only", "nope", "--out",
        tmp.resolve("u").toString()));
    assertTrue(err().contains("unknown case 'nope'") && err().contains("walker-msd"), err());
    assertFalse(Files.exists(tmp.resolve("u")), "no output folder for bad input");
  }
}
