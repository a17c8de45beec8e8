package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.model.Catalogue;
import org.liko.plots.Csv;

/**
 * The catalogue's claims are checked, not hidden: every strategy marked {@code reproduced}
 * shows its expected trend beyond the 95% CI of the paired difference on the comparison default
 * (10 replicas, seeds 1..10, 96x72, two cycles: about 30 runs, ~20 s on 2 cores); every strategy
 * the model does not reproduce says why in its note.
 */
class CatalogueTrendsTest {
  @TempDir Path tmp;

  @AfterEach
  void clear() {
    Interrupts.reset();
  }

  @Test
  void reproducedTrendsHoldAndOthersSayWhy() throws Exception {
    List<String> reproduced = new ArrayList<>();
    for (Catalogue.Strategy s : Catalogue.embedded().list()) {
      if (s.isBaseline()) {
        continue;
      }
      if (s.reproduced()) {
        reproduced.add(s.id());
      } else {
        assertFalse(s.note().isBlank(), s.id() + " is not reproduced and must say why");
      }
    }
    assertFalse(reproduced.isEmpty(), "some strategy is reproduced");
    Path out = tmp.resolve("cmp");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"compare", "--only", String.join(",", reproduced),
        "--replicas", "10", "--no-plots", "--quiet", "--out", out.toString()},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    Csv.Text t = Csv.readText(out.resolve("comparison.csv"));
    int held = t.columns().indexOf("held");
    int id = t.columns().indexOf("strategy");
    int checked = 0;
    for (String[] row : t.rows()) {
      if (reproduced.contains(row[id])) {
        assertEquals("true", row[held], row[id] + ": expected trend should hold");
        checked++;
      }
    }
    assertEquals(reproduced.size(), checked);
    assertTrue(checked >= 2);
  }
}
