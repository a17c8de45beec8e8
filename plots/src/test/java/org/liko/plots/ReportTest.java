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
        "summary.json", "scenario.resolved.yaml", "snap_0007.vti", "plated_1.vti")) {
      assertTrue(links.contains(f), f);
    }
    String html = Files.readString(report);
    assertTrue(html.contains("&lt;escaped &amp; shown&gt;"), "scenario shown, escaped");
    assertTrue(html.contains("<pre>") && html.contains("coulombicEfficiency"));
  }

  @Test
  void runReportAnswersFirst() throws Exception {
    Fixtures.runFolder(dir, new Grid(32, 1, 24));
    String html = Files.readString(Report.writeRun(dir, Fixtures.materials()));
    int key = html.indexOf("<table class=\"key\">");
    int morphology = html.indexOf("src=\"morphology.png\"");
    int scenario = html.indexOf("<details><summary>Scenario");
    int numbers = html.indexOf("<details><summary>All numbers");
    assertTrue(key > 0 && key < morphology && morphology < scenario && scenario < numbers,
        "key numbers, morphology, then the scenario and all numbers collapsed");
    assertTrue(html.indexOf("src=\"snapshots.png\"") < scenario, "figures before details");
    assertTrue(html.contains("<td class=\"num\">11.2</td>"), "heightMean_nm at 3 s.f.");
    assertTrue(html.contains("0.880, 0.860, 0.840, 0.820"), "CE per cycle at 3 s.f.");
    assertTrue(html.contains("short circuit</td><td colspan=\"2\">none"), "no short circuit");
    assertTrue(html.contains("<td class=\"num\">" + Report.MISSING + "</td>"),
        "a field summary.json lacks shows as a dash");
    MaterialLegend legend = MaterialLegend.of(Fixtures.materials());
    for (int id = 0; id < legend.size(); id++) {
      assertTrue(html.contains("background:" + MaterialLegend.hex(legend.rgb(id)) + "\"></span>"
          + legend.name(id)), "legend swatch of " + legend.name(id));
    }
  }

  @Test
  void comparisonReportLinksOnlyExistingFiles() throws Exception {
    Fixtures.comparisonFolder(dir);
    List<String> links = assertLinksExist(Report.writeComparison(dir));
    assertTrue(links.contains("comparison_p99Height_nm.png"));
    assertTrue(links.contains("gallery.png") && links.contains("heights_lif_coating.png"));
    assertTrue(links.contains("comparison.csv") && links.contains("comparison.json"));
    assertFalse(links.contains("comparison_shortCircuitTime_s.png"));
  }

  /**
   * The one verdict table names the lever of an imposed trend beside its origin and shows the
   * catalogue's reproduced flag with the note; the p-values, the levers in full and the regime
   * numbers are collapsed below the charts, not in the verdict table.
   */
  @Test
  void comparisonReportFoldsTheVerdictDetailsIn() throws Exception {
    Fixtures.comparisonFolder(dir);
    String html = Files.readString(Report.writeComparison(dir));
    assertEquals(1, html.split("<table class=\"verdict\">", -1).length - 1, "one verdict table");
    int verdict = html.indexOf("<table class=\"verdict\">");
    String table = html.substring(verdict, html.indexOf("</table>", verdict));
    assertTrue(table.contains("imposed <span class=\"lever\">(lever: <span title=\"sei.rate_Hz"
        + " = 0.06 (the SEI loss is set &lt;directly&gt;)\">sei.rate_Hz = 0.06</span>)</span>"),
        table);
    assertTrue(table.contains("<span class=\"rep yes\">reproduced</span> a stiff LiF layer"),
        "reproduced flag, the note without its repeated first word: " + table);
    assertTrue(table.contains("<td class=\"note\"><span class=\"rep no\">not reproduced</span>"
        + "</td>"), "flag without a note: " + table);
    assertFalse(table.contains("1178.5") || table.contains("0.00120"), "regime numbers and"
        + " p-values are not in the verdict table");
    assertTrue(html.contains("Holm") && html.contains("family-wise 0.05"), "how held is decided");
    int tests = html.indexOf("<details><summary>Tests and regime numbers");
    assertTrue(tests > html.indexOf("src=\"comparison_") && tests < html.indexOf(
        "<details><summary>Scenario"), "tests collapsed after the charts");
    String collapsed = html.substring(tests, html.indexOf("</details>", tests));
    for (String s : List.of("<td>0.00120</td>", "<td>0.200</td>", "<td>1180</td>",
        "<td>118</td>", "<td>0.0342</td>", "&lt;directly&gt;", "<td>inconclusive</td>")) {
      assertTrue(collapsed.contains(s), s + " in " + collapsed);
    }
  }

  @Test
  void comparisonReportOpensWithTheVerdictThenTheGallery() throws Exception {
    Fixtures.comparisonFolder(dir);
    String html = Files.readString(Report.writeComparison(dir));
    int verdict = html.indexOf("<table class=\"verdict\">");
    int gallery = html.indexOf("src=\"gallery.png\"");
    int bars = html.indexOf("src=\"comparison_");
    int details = html.indexOf("<details><summary>Scenario");
    int all = html.indexOf("<details><summary>All numbers");
    assertTrue(verdict > 0 && html.indexOf("<img") > verdict, "verdict before any figure");
    assertTrue(verdict < gallery && gallery < bars && bars < details && details < all, html);
    String table = html.substring(verdict, html.indexOf("</table>", verdict));
    for (String h : List.of("strategy", "origin", "expected trend", "ratio to baseline",
        "held", "note")) {
      assertTrue(table.contains("<th>" + h), h);
    }
    assertTrue(table.contains("LiF artificial SEI, 20 nm") && table.contains("lif_coating"));
    assertTrue(table.contains("badge reference") && table.contains("badge true")
        && table.contains("badge inconclusive"), table);
    // roughness: mean 12 - 2k, ratio (12 - 2k)/12, CI ratio - 0.1 - k .. ratio + 0.1, 3 s.f.
    assertTrue(table.contains("0.833 <span class=\"ci\">[0, 0.933]</span>"), table);
    assertTrue(table.contains("0.667 <span class=\"ci\">[0, 0.767]</span>"), table);
    assertTrue(table.contains("needs field"), table);
    assertEquals(4, table.split("<tr>").length - 1, "header and three strategies");
  }

  @Test
  void comparisonReportReadsAnOlderTableDefensively() throws Exception {
    Csv.Text full = Fixtures.comparisonFolder(dir);
    List<String> keep = new ArrayList<>();
    for (String c : full.columns()) {
      if (!c.endsWith("_ratioLow") && !c.endsWith("_ratioHigh") && !c.equals("note")
          && !c.equals("expectedStatistic") && !c.equals("origin")) {
        keep.add(c);
      }
    }
    List<String[]> rows = new ArrayList<>();
    for (String[] r : full.rows()) {
      rows.add(keep.stream().map(c -> full.get(r, c)).toArray(String[]::new));
    }
    Csv.write(dir.resolve("comparison.csv"), new Csv.Text(keep, rows));
    Files.delete(dir.resolve("comparison.json"));
    String html = Files.readString(Report.writeComparison(dir));
    String table = html.substring(html.indexOf("<table class=\"verdict\">"));
    assertTrue(table.contains("0.833 <span class=\"ci\">[" + Report.MISSING + ", "
        + Report.MISSING + "]</span>"), "ratio without CI columns");
    assertTrue(table.contains("<td class=\"note\">" + Report.MISSING + "</td>"), "no note");
  }

  @Test
  void sig3GivesThreeSignificantFigures() {
    assertEquals("0.523", Report.sig3(0.52349));
    assertEquals("1.00", Report.sig3(1.0));
    assertEquals("12300", Report.sig3(12345.6));
    assertEquals("0.00123", Report.sig3(0.0012345));
    assertEquals("1.23e-05", Report.sig3(1.2345e-5));
    assertEquals(Report.MISSING, Report.sig3(Double.NaN));
  }

  @Test
  void chromiumShowsTheRunReportsKeyNumbersAndMorphologyOnTheFirstScreen() throws Exception {
    Assumptions.assumeTrue(onPath("chromium"), "chromium not installed");
    Path run = Files.createDirectory(dir.resolve("run"));
    Fixtures.runFolder(run, new Grid(48, 1, 36));
    BufferedImage shot = screenshot(Report.writeRun(run, Fixtures.materials()), 900);
    assertTrue(colours(shot) > 20, "screenshot is blank");
    MaterialLegend legend = MaterialLegend.of(Fixtures.materials());
    // the morphology map: many pixels of the Li colour within the first 1280 x 900 px
    assertTrue(count(shot, legend.rgb(Fixtures.METAL)) > 5000, "morphology not on the first"
        + " screen: " + count(shot, legend.rgb(Fixtures.METAL)) + " Li pixels");
  }

  @Test
  void chromiumShowsTheVerdictTableOnTheFirstScreenAndRendersTheGallery() throws Exception {
    Assumptions.assumeTrue(onPath("chromium"), "chromium not installed");
    Path cmp = Files.createDirectory(dir.resolve("cmp"));
    Fixtures.comparisonFolder(cmp);
    Path report = Report.writeComparison(cmp);
    BufferedImage shot = screenshot(report, 900);
    // the verdict header (#1f4e79) within the first screen, and not wider than it
    int[] header = extent(shot, 0x1f4e79);
    assertTrue(header[0] >= 0, "verdict table header not in the first 1280x900 px");
    assertTrue(header[1] < 1270, "verdict table wider than the screen (its right margin is"
        + " gone): right edge at " + header[1]);
    // the held badges of the three rows, also on the first screen
    for (int badge : new int[] {0x0969da, 0x1a7f37, 0x8c959f}) {
      assertTrue(extent(shot, badge)[0] >= 0, String.format("held badge #%06x not on the first"
          + " screen", badge));
    }
    // the gallery, further down: its maps are drawn (many Li and SEI pixels), not blank
    BufferedImage tall = screenshot(report, 3000);
    MaterialLegend legend = MaterialLegend.of(Fixtures.materials());
    assertTrue(count(tall, legend.rgb(Fixtures.METAL)) > 5000, "gallery maps missing");
    assertTrue(count(tall, legend.rgb(Fixtures.SEI)) > 500, "gallery maps missing SEI");
  }

  /** Headless Chromium screenshot of a page, 1280 px wide and {@code height} px high. */
  private BufferedImage screenshot(Path page, int height) throws Exception {
    Path png = dir.resolve("shot" + height + ".png");
    Path profile = Files.createDirectories(dir.resolve("profile" + height));
    Process p = new ProcessBuilder("timeout", "60", "chromium", "--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--hide-scrollbars",
        "--force-device-scale-factor=1", "--user-data-dir=" + profile,
        "--screenshot=" + png, "--window-size=1280," + height, page.toUri().toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish");
    assertEquals(0, p.exitValue(), () -> "chromium failed: " + log());
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(1280, img.getWidth());
    return img;
  }

  private static int colours(BufferedImage img) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 5) {
      for (int x = 0; x < img.getWidth(); x += 5) {
        colours.add(img.getRGB(x, y));
      }
    }
    return colours.size();
  }

  /** Pixels within 3 per channel of {@code rgb}. */
  private static int count(BufferedImage img, int rgb) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        n += near(img.getRGB(x, y), rgb) ? 1 : 0;
      }
    }
    return n;
  }

  /** Leftmost and rightmost x of pixels of colour {@code rgb}; {-1, -1} when there is none. */
  private static int[] extent(BufferedImage img, int rgb) {
    int lo = -1;
    int hi = -1;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if (near(img.getRGB(x, y), rgb)) {
          lo = lo < 0 ? x : Math.min(lo, x);
          hi = Math.max(hi, x);
        }
      }
    }
    return new int[] {lo, hi};
  }

  private static boolean near(int argb, int rgb) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs(((argb >> shift) & 0xFF) - ((rgb >> shift) & 0xFF)) > 3) {
        return false;
      }
    }
    return true;
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
