package org.liko.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.liko.engine.InputException;
import org.liko.model.Catalogue;
import org.liko.plots.ComparisonFigures;
import org.liko.plots.Csv;
import org.liko.plots.Json;
import org.liko.plots.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code liko compare}: the baseline and every catalogue strategy (or those of {@code --only}),
 * {@code --replicas} runs each with paired seeds (replica k of every strategy uses seed
 * {@code --seed + k}), on the embedded default comparison scenario. Writes one run folder per
 * strategy and replica ({@code runs/<id>/r<k>/}, see {@link RunWriter}), {@code comparison.csv},
 * {@code comparison.json}, the comparison figures and {@code report.html}; prints the table.
 * Results do not depend on {@code --threads}: every run has its own seed and the statistics are
 * taken in strategy and replica order. With {@code --shard i/N} it runs only its share of the
 * runs and writes no comparison: {@link MergeCommand} puts the shards together. The options,
 * shards and {@code --resume} are those of {@link CompareBase}.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = "Run the baseline and the catalogue strategies with paired seeds and compare"
        + " them: mean, 95%% CI, ratio to baseline and whether the expected trend held.")
public final class CompareCommand extends CompareBase {
  /** Statistics of the comparison, in column order (the stems ComparisonFigures reads). */
  public static final List<String> STATISTICS = List.copyOf(ComparisonFigures.STATISTICS.keySet());
  /** Name of the table file. */
  public static final String CSV = "comparison.csv";
  /** Name of the JSON file. */
  public static final String JSON = "comparison.json";

  @Option(names = "--lattice", paramLabel = "NXxNZ|NXxNYxNZ",
      description = "Override the lattice of every run, e.g. 48x40; a separator keeps its"
          + " fraction of the box height.")
  String lattice;

  @Option(names = "--cycles", paramLabel = "N",
      description = "Number of plate/rest/strip cycles (repeats cycle 1 of each protocol).")
  Integer cycles;

  @Option(names = "--current", paramLabel = "MA_CM2",
      description = "Current density of every plate and strip step, mA/cm^2.")
  Double current;

  @Override
  String command() {
    return "compare";
  }

  @Override
  List<String> parameters() {
    return List.of();
  }

  @Override
  List<Edits> edits() {
    return List.of(new Edits(Map.of(), lattice, cycles, current));
  }

  /** One run: strategy, replica and what it produced (null summary: not run or not complete). */
  record Run(Catalogue.Strategy strategy, int replica, long seed, Map<String, Object> summary) {}

  /**
   * Writes {@code comparison.csv}, {@code comparison.json} and, with {@code plots}, the figures
   * and {@code report.html} of point {@code p} of the plan in {@code root}, from the
   * {@code summary.json} of every run that the manifest marks done (the others count as
   * missing). {@code liko compare} and {@code liko merge} both write through here, so a merged
   * comparison is the one-machine comparison by construction.
   *
   * @return the rows, for the printed table
   */
  static List<Row> writeComparison(Path root, ComparePlan plan, int p, Manifest manifest,
      boolean plots) throws IOException {
    Path dir = plan.pointDir(root, p);
    List<Catalogue.Strategy> strategies = plan.strategies();
    Run[][] runs = new Run[strategies.size()][plan.replicas()];
    for (ComparePlan.Run r : plan.runs()) {
      if (r.point() == p && Manifest.DONE.equals(manifest.status(r.index()))) {
        runs[r.strategy()][r.replica()] = new Run(strategies.get(r.strategy()), r.replica(),
            r.seed(), readSummary(plan.runDir(root, r)));
      }
    }
    List<Row> rows = rows(strategies, runs);
    writeCsv(dir.resolve(CSV), rows);
    ComparePlan.Point pt = plan.points().get(p);
    writeJson(dir.resolve(JSON), rows, plan.json().path("options").path("regime")
        .asText("atomistic"), pt.scenarioName(), pt.lattice(), plan.replicas(), plan.baseSeed());
    if (plots) {
      Report.writeComparison(dir); // renders the ComparisonFigures too
    }
    return rows;
  }

  /**
   * A run's {@code summary.json} as maps, lists, strings and numbers; the non-finite numbers,
   * which JSON holds as the strings {@code NaN}, {@code Infinity} and {@code -Infinity}, as
   * doubles again.
   *
   * @throws InputException when the file is missing or not JSON (a damaged run folder)
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> readSummary(Path runDir) {
    Path file = runDir.resolve(RunWriter.SUMMARY);
    try {
      return (Map<String, Object>) finiteOrNot(Json.MAPPER.readValue(file.toFile(), Map.class));
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage().lines().findFirst()
          .orElse("") + "); the run folder is damaged: rerun its shard with --resume", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object finiteOrNot(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, v) -> out.put(k, finiteOrNot(v)));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(finiteOrNot(v)));
      return out;
    }
    if (o instanceof String s) {
      switch (s) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          return s;
      }
    }
    return o;
  }

  /**
   * The per-run values of {@link #STATISTICS} from a run's summary (NaN where missing). Heights
   * are taken above the host top (above the collector without a host: the same number), so Li
   * resting on a scaffold is not scored as a protrusion. Dead and SEI-bound Li are fractions of
   * the Li that entered the electrode (initial + plated charge); CE is that of the last cycle,
   * and its mean over the cycles.
   */
  @SuppressWarnings("unchecked")
  public static double[] runStatistics(Map<String, Object> summary) {
    Map<String, Object> plated = (Map<String, Object>) summary.get("morphologyPlated");
    Map<String, Object> fin = (Map<String, Object>) summary.get("morphology");
    Map<String, Object> inv = (Map<String, Object>) summary.get("inventory");
    Map<String, Object> charge = (Map<String, Object>) summary.get("electrons");
    if (plated == null) {
      plated = fin;
    }
    double passed = num(inv.get("initial")) + (charge != null ? num(charge.get("plated"))
        : num(inv.get("injected")));
    double ce = Double.NaN;
    double ceMean = Double.NaN;
    List<Map<String, Object>> cyc = (List<Map<String, Object>>) summary.get("cycles");
    if (cyc != null && !cyc.isEmpty()) {
      ce = num(cyc.get(cyc.size() - 1).get("coulombicEfficiency"));
      ceMean = cyc.stream().mapToDouble(c -> num(c.get("coulombicEfficiency"))).average()
          .orElse(Double.NaN);
    }
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("p99Height_nm", num(plated.getOrDefault("heightAboveHostP99_nm",
        plated.get("heightP99_nm"))));
    v.put("maxHeight_nm", num(plated.getOrDefault("heightAboveHostMax_nm",
        plated.get("heightMax_nm"))));
    v.put("roughness_nm", num(plated.get("roughness_nm")));
    v.put("deadFraction", passed > 0 ? num(inv.get("dead")) / passed : Double.NaN);
    v.put("seiLi", passed > 0 ? num(inv.get("sei")) / passed : Double.NaN);
    v.put("coulombicEfficiency", ce);
    v.put("coulombicEfficiencyMean", ceMean);
    v.put("porosity", num(plated.get("porosity")));
    v.put("shortCircuitTime_s", num(summary.get("shortCircuitTime_s")));
    double[] out = new double[STATISTICS.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(STATISTICS.get(i));
    }
    return out;
  }

  private static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** One strategy's line of the comparison. */
  record Row(Catalogue.Strategy strategy, int n, List<Long> seeds,
      Map<String, CompareStatistics.Interval> stats, Map<String, Double> ratios,
      Map<String, double[]> ratioCis, CompareStatistics.Held held, double pValue,
      Map<String, Object> regime) {}

  /** Family-wise level of the Holm correction over the strategies of a comparison. */
  public static final double HOLM_ALPHA = 0.05;

  /**
   * The comparison rows: per strategy the statistics over its completed replicas, ratios of
   * means to the baseline, and the paired test of the expected statistic: a one-sided paired
   * t-test against the baseline ({@link CompareStatistics#pValue}), Holm-corrected over all
   * strategies of the comparison at {@link #HOLM_ALPHA}. {@code held} is true when Holm rejects
   * "no effect in the expected direction", false when the paired 95% CI lies on the other
   * side, inconclusive otherwise.
   */
  @SuppressWarnings("unchecked")
  static List<Row> rows(List<Catalogue.Strategy> strategies, Run[][] runs) {
    int r = runs[0].length;
    int ns = STATISTICS.size();
    double[][][] values = new double[strategies.size()][ns][r]; // [strategy][stat][replica]
    for (int s = 0; s < strategies.size(); s++) {
      for (int k = 0; k < r; k++) {
        Map<String, Object> sum = runs[s][k] == null ? null : runs[s][k].summary();
        double[] v = sum == null ? null : runStatistics(sum);
        for (int j = 0; j < ns; j++) {
          values[s][j][k] = v == null ? Double.NaN : v[j];
        }
      }
    }
    double[] p = new double[strategies.size()];
    for (int s = 0; s < strategies.size(); s++) {
      Catalogue.Strategy st = strategies.get(s);
      int j = STATISTICS.indexOf(st.expectedStatistic());
      p[s] = s == 0 || j < 0 ? Double.NaN
          : CompareStatistics.pValue(values[s][j], values[0][j], st.expectedDirection());
    }
    boolean[] holm = CompareStatistics.holm(p, HOLM_ALPHA);
    List<Row> out = new ArrayList<>();
    Map<String, CompareStatistics.Interval> base = null;
    for (int s = 0; s < strategies.size(); s++) {
      Catalogue.Strategy st = strategies.get(s);
      Map<String, CompareStatistics.Interval> stats = new LinkedHashMap<>();
      for (int j = 0; j < ns; j++) {
        stats.put(STATISTICS.get(j), CompareStatistics.meanCi(values[s][j]));
      }
      if (s == 0) {
        base = stats;
      }
      Map<String, Double> ratios = new LinkedHashMap<>();
      Map<String, double[]> ratioCis = new LinkedHashMap<>();
      for (int j = 0; j < ns; j++) {
        String stat = STATISTICS.get(j);
        ratios.put(stat, CompareStatistics.ratio(stats.get(stat).mean(), base.get(stat).mean()));
        ratioCis.put(stat, CompareStatistics.ratioCi(values[s][j], values[0][j]));
      }
      int j = STATISTICS.indexOf(st.expectedStatistic());
      CompareStatistics.Held held = null;
      if (s > 0 && j >= 0) {
        CompareStatistics.Held ci = CompareStatistics.held(values[s][j], values[0][j],
            st.expectedDirection());
        held = holm[s] ? CompareStatistics.Held.TRUE : ci == CompareStatistics.Held.FALSE
            ? CompareStatistics.Held.FALSE : CompareStatistics.Held.INCONCLUSIVE;
      }
      int n = 0;
      List<Long> seeds = new ArrayList<>();
      Map<String, Object> regime = null;
      for (int k = 0; k < r; k++) {
        if (runs[s][k] != null && runs[s][k].summary() != null) {
          n++;
          seeds.add(runs[s][k].seed());
          if (regime == null) {
            regime = (Map<String, Object>) runs[s][k].summary().get("dimensionless");
          }
        }
      }
      out.add(new Row(st, n, seeds, stats, ratios, ratioCis, held, p[s], regime));
    }
    return out;
  }

  /** Header of comparison.csv. */
  public static List<String> csvColumns() {
    List<String> c = new ArrayList<>(List.of("strategy", "name", "n"));
    for (String s : STATISTICS) {
      c.add(s + "_mean");
      c.add(s + "_ciLow");
      c.add(s + "_ciHigh");
      c.add(s + "_ratio");
      c.add(s + "_ratioLow");
      c.add(s + "_ratioHigh");
      c.add(s + "_n");
    }
    c.addAll(List.of("expectedTrend", "pValue", "held", "origin", "lever", "needs",
        "expectedStatistic", "note", "reproduced"));
    c.addAll(ComparisonFigures.REGIME);
    return c;
  }

  private static void writeCsv(Path file, List<Row> rows) throws java.io.IOException {
    List<String[]> lines = new ArrayList<>();
    for (Row row : rows) {
      List<String> c = new ArrayList<>(List.of(row.strategy().id(), row.strategy().name(),
          Integer.toString(row.n())));
      for (String s : STATISTICS) {
        CompareStatistics.Interval ci = row.stats().get(s);
        c.add(Double.toString(ci.mean()));
        c.add(Double.toString(ci.ciLow()));
        c.add(Double.toString(ci.ciHigh()));
        c.add(Double.toString(row.ratios().get(s)));
        c.add(Double.toString(row.ratioCis().get(s)[0]));
        c.add(Double.toString(row.ratioCis().get(s)[1]));
        c.add(Integer.toString(ci.n()));
      }
      c.add(row.strategy().expectedTrend());
      c.add(Double.toString(row.pValue()));
      c.add(heldText(row));
      c.add(row.strategy().origin());
      c.add(row.strategy().lever());
      c.add(row.strategy().needs());
      c.add(row.strategy().expectedStatistic());
      c.add(row.strategy().note());
      c.add(Boolean.toString(row.strategy().reproduced()));
      for (String k : ComparisonFigures.REGIME) {
        Object v = row.regime() == null ? null : row.regime().get(k);
        c.add(v instanceof Number x ? Double.toString(x.doubleValue()) : "");
      }
      lines.add(c.toArray(new String[0]));
    }
    Csv.write(file, new Csv.Text(csvColumns(), lines));
  }

  /**
   * "reference" for the baseline row, else true / false / inconclusive, or "untested" for a
   * strategy whose expected statistic is not one of the comparison's statistics.
   */
  private static String heldText(Row row) {
    return row.held() != null ? row.held().toString()
        : row.strategy().isBaseline() ? "reference" : "untested";
  }

  private static void writeJson(Path file, List<Row> rows, String regime, String scenario,
      String lattice, int replicas, long seed) throws java.io.IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", Version.liko());
    root.put("regime", regime);
    root.put("scenario", scenario);
    root.put("lattice", lattice);
    root.put("replicas", replicas);
    root.put("baseSeed", seed);
    root.put("confidence", CompareStatistics.LEVEL);
    root.put("holmAlpha", HOLM_ALPHA);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Row row : rows) {
      Catalogue.Strategy st = row.strategy();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", st.id());
      m.put("name", st.name());
      m.put("reviewSection", st.section());
      m.put("reference", st.reference());
      m.put("n", row.n());
      m.put("seeds", row.seeds());
      m.put("expectedStatistic", st.expectedStatistic());
      m.put("expectedDirection", st.expectedDirection());
      m.put("expectedTrend", st.expectedTrend());
      m.put("reproducedByModel", st.reproduced());
      m.put("note", st.note());
      m.put("pValue", finite(row.pValue()));
      m.put("held", row.held() != null ? row.held().json()
          : st.isBaseline() ? "reference" : "untested");
      m.put("origin", st.origin());
      m.put("lever", st.lever());
      m.put("regime", row.regime());
      m.put("needs", st.needs());
      Map<String, Object> stats = new LinkedHashMap<>();
      for (String s : STATISTICS) {
        CompareStatistics.Interval ci = row.stats().get(s);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("n", ci.n());
        v.put("mean", finite(ci.mean()));
        v.put("ciLow", finite(ci.ciLow()));
        v.put("ciHigh", finite(ci.ciHigh()));
        v.put("ratio", finite(row.ratios().get(s)));
        v.put("ratioCiLow", finite(row.ratioCis().get(s)[0]));
        v.put("ratioCiHigh", finite(row.ratioCis().get(s)[1]));
        stats.put(s, v);
      }
      m.put("statistics", stats);
      list.add(m);
    }
    root.put("strategies", list);
    Json.write(file, root);
  }

  private static Double finite(double d) {
    return Double.isFinite(d) ? d : null;
  }

  /**
   * Prints the table; when the runs are in transport.mode field it also gives each strategy's
   * regime numbers at its first plating step: J/J_lim, t/t_s at the end of that step, the
   * Wagner number Wa (over the box width) and the Damkohler number Da (over the transport
   * length), docs/outputs.md.
   */
  static void printTable(PrintWriter out, List<Row> rows) {
    boolean field = rows.stream().anyMatch(r -> r.regime() != null
        && r.regime().get("jOverJlim") instanceof Number);
    List<String[]> t = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of("strategy", "p99 ratio", "roughness ratio",
        "dead-fraction", "CE last", "CE mean"));
    if (field) {
      head.addAll(List.of("J/J_lim", "t/t_s", "Wa", "Da"));
    }
    head.addAll(List.of("expected", "held", "origin"));
    t.add(head.toArray(new String[0]));
    for (Row row : rows) {
      List<String> c = new ArrayList<>(List.of(row.strategy().id(),
          fmt(row.ratios().get("p99Height_nm")), fmt(row.ratios().get("roughness_nm")),
          fmt(row.stats().get("deadFraction").mean()),
          fmt(row.stats().get("coulombicEfficiency").mean()),
          fmt(row.stats().get("coulombicEfficiencyMean").mean())));
      if (field) {
        for (String k : List.of("jOverJlim", "tOverSandTime", "wagner", "damkohler")) {
          Object v = row.regime() == null ? null : row.regime().get(k);
          c.add(v instanceof Number x ? sig(x.doubleValue()) : "-");
        }
      }
      c.addAll(List.of(row.strategy().expectedTrend(), heldText(row), row.strategy().origin()));
      t.add(c.toArray(new String[0]));
    }
    Tables.print(out, t);
  }

  /** Three significant digits, plain or scientific. */
  private static String sig(double d) {
    if (!Double.isFinite(d)) {
      return "-";
    }
    double a = Math.abs(d);
    return a != 0 && (a >= 1e4 || a < 1e-2) ? String.format(Locale.ROOT, "%.2e", d)
        : String.format(Locale.ROOT, "%.3g", d);
  }

  private static String fmt(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "-";
  }
}
