package org.liko.plots;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.liko.engine.MaterialTable;

/**
 * The {@code report.html} of a run folder or a comparison folder: a self-contained page (no
 * scripts, no external resources) with the resolved scenario, summary tables, every figure and
 * links to the data files. Every link and image source is relative to the folder, so the folder
 * can be moved or archived as a whole; only files that exist are linked.
 */
public final class Report {
  /** File name of the report inside its folder. */
  public static final String FILE = "report.html";
  private static final String SCENARIO = "scenario.resolved.yaml";
  private static final List<String> RUN_FILES = List.of(SCENARIO, "summary.json",
      "timeseries.csv", "final.vti", "series.pvd", "final.xyz");
  private static final List<String> COMPARISON_FILES = List.of(SCENARIO, "comparison.csv",
      "comparison.json");

  private Report() {}

  /**
   * Renders the run's figures ({@link RunFigures#renderAll}) and writes {@code report.html}.
   *
   * @return the report file
   */
  public static Path writeRun(Path runDir, MaterialTable materials) throws IOException {
    Map<String, Figure> figures = RunFigures.renderAll(runDir, materials);
    StringBuilder body = new StringBuilder();
    scenario(body, runDir);
    Path summary = runDir.resolve("summary.json");
    if (Files.exists(summary)) {
      body.append("<h2>Summary</h2>\n");
      jsonTables(body, Json.read(summary));
    }
    figures(body, figures);
    List<String> files = existing(runDir, RUN_FILES);
    try (Stream<Path> s = Files.list(runDir)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("snap_") && n.endsWith(".vti")).sorted().forEach(files::add);
    }
    links(body, files);
    return AtomicFiles.writeString(runDir.resolve(FILE),
        page("liko run " + runDir.toAbsolutePath().getFileName(), body));
  }

  /**
   * Renders the comparison figures ({@link ComparisonFigures#renderAll}) and writes
   * {@code report.html}.
   *
   * @return the report file
   */
  public static Path writeComparison(Path dir) throws IOException {
    Map<String, Figure> figures = ComparisonFigures.renderAll(dir);
    StringBuilder body = new StringBuilder();
    scenario(body, dir);
    Csv.Text table = Csv.readText(dir.resolve("comparison.csv"));
    body.append("<h2>Strategies</h2>\n<p>Mean over replicas with 95% confidence interval "
        + "[low, high] and ratio to the baseline; origin says whether a trend emerged from the "
        + "model or was imposed by a parameter.</p>\n");
    table(body, table.columns(), table.rows());
    verdicts(body, dir.resolve("comparison.json"));
    figures(body, figures);
    links(body, existing(dir, COMPARISON_FILES));
    return AtomicFiles.writeString(dir.resolve(FILE),
        page("liko comparison " + dir.toAbsolutePath().getFileName(), body));
  }

  /** Regime numbers shown per strategy (keys of a run summary's {@code dimensionless}). */
  private static final List<String> REGIME = List.of("Ds_over_Fa4", "damkohler",
      "tafelSlope_mV", "seiDecaySites");

  /**
   * One line per strategy from comparison.json: origin and the lever behind an imposed trend,
   * the expected trend, its Holm-corrected verdict in this comparison, the catalogue's
   * reproduced flag with its note, and the regime numbers at the plating current.
   */
  private static void verdicts(StringBuilder body, Path json) throws IOException {
    if (!Files.exists(json)) {
      return;
    }
    JsonNode root = Json.read(json);
    body.append("<h2>Verdicts</h2>\n<p>Origin: <em>emergent</em> when the trend comes out of"
        + " the events, <em>imposed</em> when a lever sets it directly (the lever is named)."
        + " Held: one-sided paired t-test against the baseline, Holm-corrected over the"
        + " strategies of this comparison at family-wise level " + text(root.path("holmAlpha"))
        + ". Reproduced: the catalogue's flag, decided on held-out seeds at the comparison"
        + " default and at twice its width. Regime numbers at the plating current.</p>\n");
    List<String> header = new ArrayList<>(List.of("strategy", "origin", "lever", "expected",
        "p", "held", "reproduced", "note"));
    header.addAll(REGIME);
    List<String[]> rows = new ArrayList<>();
    for (JsonNode st : root.path("strategies")) {
      List<String> r = new ArrayList<>(List.of(text(st.path("id")), text(st.path("origin")),
          text(st.path("lever")), text(st.path("expectedTrend")), text(st.path("pValue")),
          text(st.path("held")), text(st.path("reproducedByModel")), text(st.path("note"))));
      for (String k : REGIME) {
        r.add(text(st.path("regime").path(k)));
      }
      rows.add(r.toArray(new String[0]));
    }
    table(body, header, rows);
  }

  private static void scenario(StringBuilder body, Path dir) throws IOException {
    Path yaml = dir.resolve(SCENARIO);
    if (Files.exists(yaml)) {
      body.append("<h2>Scenario</h2>\n<pre>")
          .append(Xml.escape(Files.readString(yaml, StandardCharsets.UTF_8)))
          .append("</pre>\n");
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

  private static String text(JsonNode v) {
    return v.isMissingNode() ? "" : v.isValueNode() ? v.asText() : v.toString();
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

  private static void figures(StringBuilder body, Map<String, Figure> figures) {
    if (figures.isEmpty()) {
      return;
    }
    body.append("<h2>Figures</h2>\n");
    figures.forEach((name, f) -> body.append("<figure><img src=\"").append(href(name + ".png"))
        .append("\" alt=\"").append(Xml.escape(f.title())).append("\" width=\"")
        .append(f.widthPx()).append("\"><figcaption>").append(Xml.escape(f.title()))
        .append(" (<a href=\"").append(href(name + ".svg")).append("\">SVG</a>)")
        .append("</figcaption></figure>\n"));
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
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
        + Xml.escape(title) + "</title>\n<style>\n"
        + "body{font-family:sans-serif;margin:2em;max-width:1600px;color:#222}\n"
        + "table{border-collapse:collapse;margin:0.5em 0 1em}\n"
        + "th,td{border:1px solid #ccc;padding:2px 8px;text-align:left;font-size:13px}\n"
        + "th{background:#eef3f8}\npre{background:#f6f6f6;padding:1em;overflow:auto}\n"
        + "figure{margin:1em 0}img{max-width:100%;height:auto;border:1px solid #ddd}\n"
        + "</style>\n</head>\n<body>\n<h1>" + Xml.escape(title) + "</h1>\n" + body
        + "</body>\n</html>\n";
  }
}
