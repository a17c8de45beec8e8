package org.liko.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.engine.Grid;

class ReportTest {
  private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");

  @TempDir
  Path dir;

  /** Every href/src is relative and names an existing file; returns the links. */
  private static List<String> assertLinksExist(Path report) throws Exception {
    String html = Files.readString(report);
    Matcher m = LINK.matcher(html);
    List<String> links = new ArrayList<>();
    while (m.find()) {
      String link = m.group(1).replace("&amp;", "&");
      assertFalse(link.contains(":") || link.startsWith("/"), "not relative: " + link);
      Path target = report.getParent().resolve(URLDecoder.decode(link, StandardCharsets.UTF_8));
      assertTrue(Files.isRegularFile(target), "missing: " + link);
      links.add(link);
    }
    return links;
  }

  @Test
  void runReportLinksOnlyExistingFiles() throws Exception {
    Fixtures.runFolder(dir, new Grid(32, 1, 24));
    Path report = Report.writeRun(dir, Fixtures.materials());
    List<String> links = assertLinksExist(report);
    for (String f : List.of("morphology", "heights", "inventory", "overpotential", "ce",
        "snapshots")) {
      assertTrue(links.contains(f + ".png"), f);
      assertTrue(links.contains(f + ".svg"), f);
    }
    for (String f : List.of("final.vti", "series.pvd", "final.xyz", "timeseries.csv",
        "summary.json", "scenario.resolved.yaml", "snap_0007.vti")) {
      assertTrue(links.contains(f), f);
    }
    String html = Files.readString(report);
    assertTrue(html.contains("&lt;escaped &amp; shown&gt;"), "scenario shown, escaped");
    assertTrue(html.contains("<pre>") && html.contains("coulombicEfficiency"));
  }

  @Test
  void comparisonReportLinksOnlyExistingFiles() throws Exception {
    Fixtures.comparisonFolder(dir);
    List<String> links = assertLinksExist(Report.writeComparison(dir));
    assertTrue(links.contains("comparison_p99Height_nm.png"));
    assertTrue(links.contains("comparison.csv") && links.contains("comparison.json"));
    assertFalse(links.contains("comparison_shortCircuitTime_s.png"));
  }

  /** The verdict table shows each strategy's origin, lever, note and regime numbers. */
  @Test
  void comparisonReportShowsVerdicts() throws Exception {
    Fixtures.comparisonFolder(dir);
    Json.write(dir.resolve("comparison.json"), Map.of("holmAlpha", 0.05, "strategies",
        List.of(Map.of("id", "cu-x", "origin", "imposed", "lever", "contact angle 30 deg",
            "expectedTrend", "roughness_nm lower", "pValue", 0.2, "held", "inconclusive",
            "reproducedByModel", false, "note", "Not reproduced: <why>",
            "regime", Map.of("Ds_over_Fa4", 1178.5, "tafelSlope_mV", 118.3)))));
    String html = Files.readString(Report.writeComparison(dir));
    assertTrue(html.contains("Verdicts"), "verdict table");
    for (String s : List.of("imposed", "contact angle 30 deg", "Not reproduced: &lt;why&gt;",
        "1178.5", "118.3", "inconclusive")) {
      assertTrue(html.contains(s), s);
    }
  }

  @Test
  void chromiumRendersTheReport() throws Exception {
    Assumptions.assumeTrue(onPath("chromium"), "chromium not installed");
    Path run = Files.createDirectory(dir.resolve("run"));
    Fixtures.runFolder(run, new Grid(8, 6, 8));
    Path report = Report.writeRun(run, Fixtures.materials());
    Path png = dir.resolve("shot.png");
    Process p = new ProcessBuilder("timeout", "60", "chromium", "--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run",
        "--user-data-dir=" + Files.createDirectory(dir.resolve("profile")),
        "--screenshot=" + png, "--window-size=1200,900", report.toUri().toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish");
    assertEquals(0, p.exitValue(), () -> "chromium failed: " + log());
    BufferedImage img = ImageIO.read(png.toFile());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 5) {
      for (int x = 0; x < img.getWidth(); x += 5) {
        colours.add(img.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 1, "screenshot is blank");
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("chromium.log"));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private static boolean onPath(String exe) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, exe))) {
        return true;
      }
    }
    return false;
  }
}
