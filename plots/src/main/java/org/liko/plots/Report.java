package org.liko.plots;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.liko.engine.MaterialTable;

/**
 * The {@code report.html} of a run folder or a comparison folder: a self-contained page (no
 * scripts, no external resources) that answers first. A run report opens with the run in one
 * line, its key numbers and the morphology with the material legend, then the other figures;
 * a comparison report opens with the one verdict table (strategy, origin with the lever of an
 * imposed trend, expected trend, ratio to the baseline with its 95% CI, held as decided by Holm
 * over the strategies, the catalogue's reproduced flag with the note) and the morphology
 * gallery, then one chart per statistic and the heights of each strategy. The p-values, levers
 * and regime numbers, the scenario and the full numbers are collapsed below
 * ({@code <details>}). Every link and image source is relative to the folder, so the
 * folder can be moved or archived as a whole; only files that exist are linked. Numbers read
 * from {@code summary.json} and {@code comparison.csv} are read defensively: a missing field
 * shows as {@value #MISSING}.
 */
public final class Report {
  /** File name of the report inside its folder. */
  public static final String FILE = "report.html";
  /** How a missing or non-finite number is shown. */
  public static final String MISSING = "\u2013";
  private static final String SCENARIO = "scenario.resolved.yaml";
  private static final List<String> RUN_FILES = List.of(SCENARIO, "summary.json",
      "timeseries.csv", "final.vti", "plated_1.vti", "series.pvd", "final.xyz",
      "materials.paraview.json");
  private static final List<String> COMPARISON_FILES = List.of(SCENARIO, "comparison.csv",
      "comparison.json");
  /** Morphology quantities of the run report: summary.json key, label. */
  private static final String[][] MORPHOLOGY = {{"heightP99_nm", "99th percentile height (nm)"},
      {"heightMax_nm", "max height (nm)"}, {"heightMean_nm", "mean height (nm)"},
      {"roughness_nm", "RMS roughness (nm)"}, {"porosity", "porosity"},
      {"deadFraction", "dead Li fraction"}, {"tips", "tips"}};

  private Report() {}

  /**
   * Renders the run's figures ({@link RunFigures#renderAll}) and writes {@code report.html}.
   *
   * @return the report file
   */
  public static Path writeRun(Path runDir, MaterialTable materials) throws IOException {
    Map<String, Figure> figures = RunFigures.renderAll(runDir, materials);
    Path summaryFile = runDir.resolve("summary.json");
    JsonNode summary = Files.exists(summaryFile) ? Json.read(summaryFile)
        : Json.MAPPER.createObjectNode();
    String name = summary.path("scenario").asText(runDir.toAbsolutePath().getFileName()
        .toString());
    StringBuilder body = new StringBuilder();
    body.append("<h1>liko run ").append(Xml.escape(name)).append("</h1>\n");
    body.append("<p class=\"lede\">").append(Xml.escape(runLine(summary))).append("</p>\n");
    body.append("<div class=\"first\">\n<div>\n");
    keyNumbers(body, summary);
    body.append(MaterialLegend.of(materials).html()).append("</div>\n");
    Figure morphology = figures.get("morphology");
    if (morphology != null) {
      figure(body, "morphology", morphology, "wide");
    }
    body.append("</div>\n<div class=\"grid\">\n");
    figures.forEach((base, f) -> {
      if (!base.equals("morphology")) {
        figure(body, base, f, base.equals("snapshots") ? "span" : "");
      }
    });
    body.append("</div>\n");
    scenario(body, runDir);
    if (summary.size() > 0) {
      body.append("<details><summary>All numbers (summary.json)</summary>\n");
      jsonTables(body, summary);
      body.append("</details>\n");
    }
    List<String> files = existing(runDir, RUN_FILES);
    try (Stream<Path> s = Files.list(runDir)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("snap_") && n.endsWith(".vti")).sorted().forEach(files::add);
    }
    links(body, files);
    return AtomicFiles.writeString(runDir.resolve(FILE), page("liko run " + name, body));
  }

  /** "strategy x, seed 7, exact solver on cpu, completed after ... events, ..." */
  private static String runLine(JsonNode s) {
    List<String> parts = new ArrayList<>();
    if (s.hasNonNull("strategy")) {
      parts.add("strategy " + s.path("strategy").asText());
    }
    parts.add("seed " + text(s.path("seed")));
    parts.add(text(s.path("solver")) + " solver on " + text(s.path("backend")));
    parts.add(text(s.path("stopReason")) + " after " + text(s.path("events")) + " events, "
        + sig3(s.path("simulatedTime_s")) + " s simulated in " + sig3(s.path("wallTime_s"))
        + " s");
    parts.add("liko " + text(s.path("version")));
    return String.join(" \u00b7 ", parts);
  }

  /** Morphology at the end of the last plating step and of the run, CE, short circuit. */
  private static void keyNumbers(StringBuilder body, JsonNode s) {
    JsonNode plated = s.path("morphologyPlated");
    JsonNode fin = s.path("morphology");
    List<String[]> rows = new ArrayList<>();
    for (String[] q : MORPHOLOGY) {
      rows.add(new String[] {q[1], sig3(plated.path(q[0])), sig3(fin.path(q[0]))});
    }
    body.append("<table class=\"key\">\n<tr><th>key numbers</th><th>end of last plating"
        + " step</th><th>end of run</th></tr>\n");
    for (String[] r : rows) {
      body.append("<tr><td>").append(Xml.escape(r[0])).append("</td><td class=\"num\">")
          .append(r[1]).append("</td><td class=\"num\">").append(r[2]).append("</td></tr>\n");
    }
    List<String> ce = new ArrayList<>();
    s.path("cycles").forEach(c -> ce.add(sig3(c.path("coulombicEfficiency"))));
    body.append("<tr><td>Coulombic efficiency per cycle</td><td colspan=\"2\">")
        .append(ce.isEmpty() ? MISSING : String.join(", ", ce)).append("</td></tr>\n");
    JsonNode inv = s.path("inventory");
    body.append("<tr><td>Li at the end (atoms)</td><td colspan=\"2\">metal ")
        .append(text(inv.path("metal"))).append(", dead ").append(text(inv.path("dead")))
        .append(", SEI ").append(text(inv.path("sei"))).append("</td></tr>\n");
    JsonNode sc = s.path("shortCircuitTime_s");
    body.append("<tr><td>short circuit</td><td colspan=\"2\">")
        .append(sc.isNumber() ? "at " + sig3(sc) + " s" : s.has("shortCircuitTime_s") ? "none"
            : MISSING).append("</td></tr>\n</table>\n");
  }

  /**
   * Renders the comparison figures ({@link ComparisonFigures#renderAll}) and writes
   * {@code report.html}.
   *
   * @return the report file
   */
  public static Path writeComparison(Path dir) throws IOException {
    Map<String, Figure> figures = ComparisonFigures.renderAll(dir);
    Csv.Text table = Csv.readText(dir.resolve("comparison.csv"));
    Path jsonFile = dir.resolve("comparison.json");
    JsonNode meta = Files.exists(jsonFile) ? Json.read(jsonFile) : Json.MAPPER.createObjectNode();
    StringBuilder body = new StringBuilder();
    int replicas = meta.path("replicas").asInt(0);
    body.append("<h1>liko comparison: ").append(table.rows().size()).append(" strategies")
        .append(replicas > 0 ? " \u00d7 " + replicas + " replicas" : "").append("</h1>\n");
    body.append("<p class=\"lede\">Scenario ").append(Xml.escape(text(meta.path("scenario"))))
        .append(", lattice ").append(Xml.escape(text(meta.path("lattice"))))
        .append(", paired seeds from ").append(Xml.escape(text(meta.path("baseSeed"))))
        .append(". Ratio: mean of the expected statistic over the baseline's, 95% CI over"
            + " paired seeds (Fieller), clipped to the possible range. Held: one-sided paired"
            + " t-test, Holm over the strategies at family-wise ")
        .append(Xml.escape(holmAlpha(meta)))
        .append(" (not held: the paired CI lies on the other side). Reproduced: the catalogue's"
            + " flag.</p>\n");
    verdict(body, table);
    Figure gallery = figures.get(ComparisonFigures.GALLERY);
    if (gallery != null) {
      body.append("<h2>Morphology</h2>\n");
      figure(body, ComparisonFigures.GALLERY, gallery, "gallery");
    }
    body.append("<h2>Statistics</h2>\n<div class=\"grid\">\n");
    figures.forEach((base, f) -> {
      if (base.startsWith("comparison_")) {
        figure(body, base, f, "");
      }
    });
    body.append("</div>\n<h2>Heights against time</h2>\n<div class=\"grid three\">\n");
    figures.forEach((base, f) -> {
      if (base.startsWith("heights_")) {
        figure(body, base, f, "");
      }
    });
    body.append("</div>\n");
    tests(body, table);
    scenario(body, dir);
    body.append("<details><summary>All numbers (comparison.csv)</summary>\n"
        + "<div class=\"scroll\">\n");
    table(body, table.columns(), table.rows());
    body.append("</div>\n</details>\n");
    links(body, existing(dir, COMPARISON_FILES));
    return AtomicFiles.writeString(dir.resolve(FILE),
        page("liko comparison " + dir.toAbsolutePath().getFileName(), body));
  }

  /** Files of a verify folder listed at the end of its report. */
  private static final List<String> VERIFY_FILES = List.of("verify.csv", "verify.json");

  /**
   * Writes {@code report.html} of {@code liko verify}: the verdict first (one row per check of
   * {@code verify.csv}: case, quantity, measured, expected, tolerance, pass), then per case its
   * title, reference, setup and figure (from {@code figures}, keyed by case id).
   *
   * @return the report file
   */
  public static Path writeVerify(Path dir, Map<String, Figure> figures) throws IOException {
    Csv.Text t = Csv.readText(dir.resolve("verify.csv"));
    JsonNode meta = Json.read(dir.resolve("verify.json"));
    int cases = 0;
    int passed = 0;
    for (JsonNode c : meta.path("cases")) {
      cases++;
      passed += c.path("passed").asBoolean() ? 1 : 0;
    }
    StringBuilder body = new StringBuilder();
    body.append("<h1>liko verify: ").append(passed).append(" of ").append(cases)
        .append(" cases passed</h1>\n<p class=\"lede\">")
        .append(meta.path("quick").asBoolean() ? "Quick set" : "Full set")
        .append(", liko ").append(Xml.escape(text(meta.path("version"))))
        .append(", wall time ").append(Xml.escape(sig3(meta.path("wallTime_s"))))
        .append(" s. A check passes when |measured \u2212 expected| \u2264 tolerance.</p>\n");
    body.append("<table class=\"verdict\">\n<tr><th>case</th><th>quantity</th><th>measured</th>"
        + "<th>expected</th><th>tolerance</th><th>pass</th><th>note</th></tr>\n");
    for (String[] r : t.rows()) {
      boolean ok = t.get(r, "passed").equals("true");
      body.append("<tr><td>").append(Xml.escape(t.get(r, "case"))).append("</td><td>")
          .append(Xml.escape(t.get(r, "quantity"))).append("</td><td class=\"num\">")
          .append(sig3(t.number(r, "measured"))).append("</td><td class=\"num\">")
          .append(sig3(t.number(r, "expected"))).append("</td><td class=\"num\">\u00b1 ")
          .append(sig3(t.number(r, "tolerance"))).append("</td><td>")
          .append("<span class=\"badge ").append(ok).append("\">").append(ok ? "pass" : "FAIL")
          .append("</span>")
          .append("</td><td class=\"note\">").append(Xml.escape(t.get(r, "note")))
          .append("</td></tr>\n");
    }
    body.append("</table>\n<h2>Cases</h2>\n<div class=\"grid\">\n");
    for (JsonNode c : meta.path("cases")) {
      String id = c.path("id").asText();
      body.append("<div><h3>").append(Xml.escape(c.path("title").asText())).append(" <span"
          + " class=\"id\">").append(Xml.escape(id)).append(", ")
          .append(c.path("passed").asBoolean() ? "pass" : "FAIL").append(", ")
          .append(Xml.escape(sig3(c.path("wallTime_s")))).append(" s</span></h3>\n<p"
          + " class=\"note\">").append(Xml.escape(c.path("setup").asText()))
          .append(".<br>Reference: ").append(Xml.escape(c.path("reference").asText()))
          .append("</p>\n");
      Figure f = figures.get(id);
      if (f != null) {
        figure(body, VerifyFigures.baseName(id), f, "");
      }
      body.append("</div>\n");
    }
    body.append("</div>\n");
    links(body, existing(dir, VERIFY_FILES));
    return AtomicFiles.writeString(dir.resolve(FILE), page("liko verify", body));
  }

  /** The verdict table: one row per strategy, the answer of the comparison. */
  private static void verdict(StringBuilder body, Csv.Text t) {
    body.append("<table class=\"verdict\">\n<colgroup><col class=\"c-strategy\">"
        + "<col class=\"c-origin\"><col class=\"c-trend\"><col class=\"c-ratio\">"
        + "<col class=\"c-held\"><col class=\"c-note\"></colgroup>\n<tr><th>strategy</th>"
        + "<th>origin</th><th>expected trend</th><th>ratio to baseline [95% CI]</th>"
        + "<th>held</th><th>note</th></tr>\n");
    for (String[] r : t.rows()) {
      String id = t.get(r, "strategy");
      String stat = t.get(r, "expectedStatistic");
      String trend = t.get(r, "expectedTrend");
      if (stat.isBlank() && !trend.isBlank()) {
        stat = trend.split("\\s+")[0];
      }
      String held = t.get(r, "held");
      boolean reference = held.equals("reference") || id.equals(ComparisonFigures.BASELINE);
      String origin = t.get(r, "origin");
      String lever = t.get(r, "lever");
      String needs = t.get(r, "needs");
      body.append("<tr><td><b>").append(Xml.escape(ComparisonFigures.name(t, r)))
          .append("</b> <span class=\"id\">").append(Xml.escape(id)).append("</span></td><td>")
          .append(origin.isBlank() ? MISSING : Xml.escape(origin))
          .append(lever.isBlank() ? "" : " <span class=\"lever\">(lever: " + lever(lever)
              + ")</span>")
          .append(needs.isBlank() ? "" : "<br><span class=\"id\">needs " + Xml.escape(needs)
              + "</span>")
          .append("</td><td>").append(reference ? MISSING : trend.isBlank() ? MISSING
              : Xml.escape(trend)).append("</td><td class=\"num\">")
          .append(reference ? "1 (reference)" : ratio(t, r, stat)).append("</td><td>")
          .append(badge(reference ? "reference" : held)).append("</td><td class=\"note\">")
          .append(note(reference ? "" : t.get(r, "reproduced"), t.get(r, "note")))
          .append("</td></tr>\n");
    }
    body.append("</table>\n");
  }

  /** The family-wise level of the Holm correction from comparison.json (0.05 if absent). */
  private static String holmAlpha(JsonNode meta) {
    JsonNode a = meta.path("holmAlpha");
    return a.isNumber() ? a.asText() : "0.05";
  }

  /**
   * An imposed trend's lever: the parameter and its value (the text before the first
   * parenthesis), the whole text on hover.
   */
  private static String lever(String lever) {
    int cut = lever.indexOf(" (");
    String head = cut > 0 ? lever.substring(0, cut) : lever;
    return "<span title=\"" + Xml.escape(lever) + "\">" + Xml.escape(head) + "</span>";
  }

  /**
   * Collapsed: per strategy the test behind {@code held} (expected statistic and direction, the
   * one-sided paired p-value), the lever in full and the regime numbers (dimensionless numbers
   * at the plating current).
   */
  private static void tests(StringBuilder body, Csv.Text t) {
    body.append("<details><summary>Tests and regime numbers (p-values, levers, dimensionless"
        + " numbers)</summary>\n<p>p: one-sided paired t-test of the expected statistic"
        + " (strategy \u2212 baseline per seed) in the expected direction; held when Holm's"
        + " step-down procedure over the strategies of this comparison rejects. Regime numbers"
        + " from the strategy's first run at its first plating current: D_s/(F a^4), Damk\u00f6hler"
        + " number, Tafel slope (mV/decade), SEI decay length in sites.</p>\n"
        + "<div class=\"scroll\">\n");
    List<String> header = new ArrayList<>(List.of("strategy", "expected trend", "p", "held",
        "reproduced", "lever"));
    header.addAll(ComparisonFigures.REGIME);
    List<String[]> rows = new ArrayList<>();
    for (String[] r : t.rows()) {
      List<String> row = new ArrayList<>(List.of(t.get(r, "strategy"), t.get(r,
          "expectedTrend"), sig3(t.number(r, "pValue")), t.get(r, "held"), t.get(r,
          "reproduced"), t.get(r, "lever")));
      for (String k : ComparisonFigures.REGIME) {
        row.add(sig3(t.number(r, k)));
      }
      rows.add(row.stream().map(c -> c.isBlank() ? MISSING : c).toArray(String[]::new));
    }
    table(body, header, rows);
    body.append("</div>\n</details>\n");
  }

  /** "0.523 [0.412, 0.634]" at 3 significant figures, the CI clipped to the possible range. */
  private static String ratio(Csv.Text t, String[] r, String stat) {
    double ratio = t.number(r, stat + "_ratio");
    if (!Double.isFinite(ratio)) {
      return MISSING;
    }
    ComparisonFigures.Statistic st = ComparisonFigures.STATISTICS.get(stat);
    double lo = t.number(r, stat + "_ratioLow");
    double hi = t.number(r, stat + "_ratioHigh");
    if (st != null && st.min() >= 0) {
      lo = Math.max(0, lo); // a ratio of non-negative statistics is non-negative
    }
    return sig3(ratio) + " <span class=\"ci\">[" + sig3(lo) + ", " + sig3(hi) + "]</span>";
  }

  private static String badge(String held) {
    String label = switch (held) {
      case "true" -> "held";
      case "false" -> "not held";
      case "inconclusive" -> "inconclusive";
      case "reference" -> "reference";
      default -> held.isBlank() ? MISSING : held;
    };
    String cls = switch (held) {
      case "true", "false", "inconclusive", "reference" -> held;
      default -> "unknown";
    };
    return "<span class=\"badge " + cls + "\">" + Xml.escape(label) + "</span>";
  }

  /**
   * The catalogue's reproduced flag ("true" / "false"; blank: not shown) as a tag, then the
   * note's first words (without the flag's words when the note opens with them), the whole
   * note on demand.
   */
  private static String note(String reproduced, String note) {
    String tag = switch (reproduced.strip()) {
      case "true" -> "reproduced";
      case "false" -> "not reproduced";
      default -> "";
    };
    String html = tag.isEmpty() ? "" : "<span class=\"rep " + (tag.equals("reproduced")
        ? "yes" : "no") + "\">" + tag + "</span> ";
    if (note.isBlank()) {
      return tag.isEmpty() ? MISSING : html.strip();
    }
    String rest = note;
    if (!tag.isEmpty() && note.toLowerCase(Locale.ROOT).startsWith(tag)) {
      rest = note.substring(tag.length()).replaceFirst("^[\\s:;,.]+", "");
    }
    int paren = rest.startsWith("(") ? rest.indexOf(')') : -1;
    if (paren > 0 && paren < rest.length() - 1) { // a leading "(how it was decided)": below
      rest = rest.substring(paren + 1).replaceFirst("^[\\s:;,.]+", "");
    }
    int max = tag.isEmpty() ? 36 : 24;
    if (rest.length() <= max + 4) {
      return html + Xml.escape(rest);
    }
    int cut = rest.lastIndexOf(' ', max);
    String head = rest.substring(0, cut > max / 2 ? cut : max) + "\u2026";
    return "<details><summary>" + html + Xml.escape(head) + "</summary>" + Xml.escape(note)
        + "</details>";
  }

  /** A number at 3 significant figures; {@value #MISSING} when missing or not finite. */
  static String sig3(double v) {
    if (!Double.isFinite(v)) {
      return MISSING;
    }
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1e-3 && a < 1e5) {
      BigDecimal r = new BigDecimal(v).round(new MathContext(3));
      int scale = 3 - (r.precision() - r.scale()); // keep trailing zeros: 1 -> 1.00
      return (scale > r.scale() ? r.setScale(scale) : r).toPlainString();
    }
    return String.format(Locale.ROOT, "%.2e", v);
  }

  private static String sig3(JsonNode v) {
    return v.isNumber() ? (v.isIntegralNumber() ? v.asText() : sig3(v.asDouble())) : MISSING;
  }

  private static void scenario(StringBuilder body, Path dir) throws IOException {
    Path yaml = dir.resolve(SCENARIO);
    if (Files.exists(yaml)) {
      body.append("<details><summary>Scenario (").append(SCENARIO).append(")</summary>\n<pre>")
          .append(Xml.escape(Files.readString(yaml, StandardCharsets.UTF_8)))
          .append("</pre>\n</details>\n");
    }
  }

  /** Scalars of an object in one table, then one table per nested object or array. */
  private static void jsonTables(StringBuilder body, JsonNode root) {
    List<String[]> scalars = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (e.getValue().isValueNode()) {
        scalars.add(new String[] {e.getKey(), text(e.getValue())});
      }
    }
    table(body, List.of("quantity", "value"), scalars);
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      JsonNode v = e.getValue();
      if (v.isObject()) {
        body.append("<h3>").append(Xml.escape(e.getKey())).append("</h3>\n");
        List<String[]> rows = new ArrayList<>();
        v.properties().forEach(f -> rows.add(new String[] {f.getKey(), text(f.getValue())}));
        table(body, List.of("key", "value"), rows);
      } else if (v.isArray() && v.size() > 0) {
        body.append("<h3>").append(Xml.escape(e.getKey())).append("</h3>\n");
        Set<String> cols = new LinkedHashSet<>();
        v.forEach(r -> r.properties().forEach(f -> cols.add(f.getKey())));
        List<String> header = cols.isEmpty() ? List.of("value") : List.copyOf(cols);
        List<String[]> rows = new ArrayList<>();
        for (JsonNode r : v) {
          rows.add(cols.isEmpty() ? new String[] {text(r)}
              : header.stream().map(c -> text(r.path(c))).toArray(String[]::new));
        }
        table(body, header, rows);
      }
    }
  }

  /** A JSON value as text; {@value #MISSING} when missing or null. */
  private static String text(JsonNode v) {
    return v.isMissingNode() || v.isNull() ? MISSING : v.isValueNode() ? v.asText()
        : v.toString();
  }

  private static void table(StringBuilder body, List<String> header, List<String[]> rows) {
    body.append("<table>\n<tr>");
    header.forEach(h -> body.append("<th>").append(Xml.escape(h)).append("</th>"));
    body.append("</tr>\n");
    for (String[] r : rows) {
      body.append("<tr>");
      Arrays.stream(r).forEach(c -> body.append("<td>").append(Xml.escape(c)).append("</td>"));
      body.append("</tr>\n");
    }
    body.append("</table>\n");
  }

  /** One figure: the PNG (natural size at most), its title as caption, a link to the SVG. */
  private static void figure(StringBuilder body, String name, Figure f, String cls) {
    body.append("<figure").append(cls.isEmpty() ? "" : " class=\"" + cls + "\"")
        .append("><a href=\"").append(href(name + ".png")).append("\"><img src=\"")
        .append(href(name + ".png")).append("\" alt=\"").append(Xml.escape(f.title()))
        .append("\" width=\"").append(f.widthPx()).append("\" height=\"").append(f.heightPx())
        .append("\"></a><figcaption>").append(Xml.escape(f.title())).append(" (<a href=\"")
        .append(href(name + ".svg")).append("\">SVG</a>)</figcaption></figure>\n");
  }

  private static void links(StringBuilder body, List<String> files) {
    body.append("<h2>Files</h2>\n<ul>\n");
    for (String f : files) {
      body.append("<li><a href=\"").append(href(f)).append("\">").append(Xml.escape(f))
          .append("</a></li>\n");
    }
    body.append("</ul>\n");
  }

  private static List<String> existing(Path dir, List<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (Files.exists(dir.resolve(n))) {
        out.add(n);
      }
    }
    return out;
  }

  /** A relative link to a file name in the same folder. */
  private static String href(String fileName) {
    return Xml.escape(URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private static String page(String title, StringBuilder body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        + Xml.escape(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n" + body
        + "</body>\n</html>\n";
  }

  private static final String CSS = String.join("\n",
      "body{font-family:sans-serif;margin:16px;max-width:1248px;color:#222;font-size:14px}",
      "h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:18px 0 6px}",
      "h3{font-size:14px}.lede{color:#444;margin:0 0 10px}",
      "table{border-collapse:collapse;margin:0.5em 0 1em}",
      "th,td{border:1px solid #ccc;padding:2px 8px;text-align:left;font-size:13px;"
          + "vertical-align:top}",
      "th{background:#eef3f8}td.num{text-align:right;white-space:nowrap}",
      "table.verdict{width:100%;table-layout:fixed}",
      "table.verdict th{background:#1f4e79;color:#fff}",
      "table.verdict td{overflow-wrap:anywhere}",
      ".c-strategy{width:29%}.c-origin{width:13%}.c-trend{width:14%}.c-ratio{width:15%}",
      ".c-held{width:9%}.c-note{width:20%}",
      ".id{color:#666;font-size:11px}.ci{color:#555}.lever{color:#666;font-size:10px}",
      ".note details{margin:0}.note details summary{cursor:pointer}.note{font-size:12px}",
      ".badge{display:inline-block;padding:1px 6px;border-radius:3px;color:#fff;"
          + "font-size:12px;white-space:nowrap}",
      ".badge.true{background:#1a7f37}.badge.false{background:#cf222e}",
      ".badge.inconclusive{background:#8c959f}.badge.reference{background:#0969da}",
      ".badge.unknown{background:#6e7781}",
      ".rep{font-size:11px;font-weight:bold;white-space:nowrap}.rep.yes{color:#116329}"
          + ".rep.no{color:#6e7781}",
      ".first{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}",
      "table.key td:first-child{white-space:nowrap}",
      ".legend{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 12px;"
          + "max-width:360px}",
      ".legend li{font-size:12px}.swatch{display:inline-block;width:12px;height:12px;"
          + "border:1px solid #888;margin-right:4px;vertical-align:middle}",
      ".grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:8px 16px}",
      ".grid.three{grid-template-columns:repeat(3,minmax(0,1fr))}",
      ".grid .span{grid-column:1/-1}",
      "figure{margin:0.5em 0}figure.wide{flex:1 1 640px;max-width:860px}",
      "img{max-width:100%;height:auto;border:1px solid #ddd}",
      "figcaption{font-size:12px;color:#444}",
      "details{margin:0.6em 0}details>summary{cursor:pointer}",
      "pre{background:#f6f6f6;padding:1em;overflow:auto}.scroll{overflow-x:auto}",
      "");
}
