package org.liko.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.liko.model.verify.CaseFigure;
import org.liko.model.verify.Check;
import org.liko.model.verify.Outcome;
import org.liko.model.verify.VerifyCase;
import org.liko.model.verify.VerifyCatalogue;
import org.liko.plots.Csv;
import org.liko.plots.Figure;
import org.liko.plots.Json;
import org.liko.plots.Report;
import org.liko.plots.VerifyFigures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code liko verify}: runs the catalogue of verification cases ({@link VerifyCatalogue}: known
 * answers with their tolerance and reference, the same definitions the unit tests call) and
 * writes {@code verify.csv} (one row per check), {@code verify.json} (per case: title,
 * reference, setup, checks, wall time), one figure per case ({@code verify_<case>.png/.svg}:
 * measured against theory) and {@code report.html}. Exit 0 when every check passes, 4
 * ({@link ExitCode#VERIFY_FAILED}) when one fails, with the case and its numbers on stderr.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = "Run the verification cases (growth exponents, DLA, walker MSD, adatom"
        + " Arrhenius, Faraday at n = 1 and coarse sites, Butler-Volmer, Sand's time, limiting"
        + " current, the SPPARKS decks, parallel against exact) and"
        + " report measured"
        + " against expected values; exit 4 when a case fails.")
public final class VerifyCommand implements Callable<Integer> {
  /** Name of the table file. */
  public static final String CSV = "verify.csv";
  /** Name of the JSON file. */
  public static final String JSON = "verify.json";
  /** Columns of {@link #CSV}. */
  public static final List<String> COLUMNS = List.of("case", "quantity", "measured",
      "expected", "tolerance", "passed", "note");

  /** Where the cases come from ({@code --only} ids, null = all); tests swap in their own. */
  static java.util.function.Function<List<String>, List<VerifyCase>> catalogue =
      VerifyCatalogue::select;

  @Spec CommandSpec spec;

  @Option(names = "--quick", description = "Smaller sizes and fewer replicas: under 2 minutes"
      + " on 2 cores (the full set's measured times: docs/validation.md).")
  boolean quick;

  @Option(names = "--only", paramLabel = "CASE[,CASE...]", split = ",",
      description = "Only these cases (ids as in verify.csv; `--only x` lists them).")
  List<String> only;

  @Option(names = "--seed", paramLabel = "N",
      description = "Base seed of every case (default: each case's own fixed seed).")
  Long seed;

  @Mixin OutputOptions output;

  @Mixin QuietOption quiet;

  @Option(names = "--no-plots", description = "Skip figures and report.html.")
  boolean noPlots;

  @Override
  public Integer call() throws Exception {
    long wall0 = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter errAlways = spec.commandLine().getErr();
    PrintWriter err = quiet.diagnostics(errAlways);
    List<VerifyCase> cases = catalogue.apply(only);
    Path dir = output.resolve();
    VerifyCase.Size size = quick ? VerifyCase.Size.QUICK : VerifyCase.Size.FULL;
    err.println("liko: verify: " + cases.size() + " cases (" + (quick ? "quick" : "full")
        + " set) into " + dir);
    List<String[]> rows = new ArrayList<>();
    List<Map<String, Object>> json = new ArrayList<>();
    Map<String, Figure> figures = new LinkedHashMap<>();
    int failed = 0;
    try (Interrupts.Scope scope = Interrupts.cooperative()) {
      for (VerifyCase c : cases) {
        if (Interrupts.requested()) {
          break;
        }
        long s = seed != null ? seed : c.seed();
        err.println("liko: verify: " + c.id() + " (seed " + s + ") ...");
        long t0 = System.nanoTime();
        Outcome o;
        try {
          o = c.run(size, s);
        } catch (IllegalStateException e) { // the case could not reach its measurement
          o = new Outcome(List.of(new Check("ran to its measurement: " + e.getMessage(),
              Double.NaN, 0, 0, "")), null, "stopped early");
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        Map<String, Object> cj = new LinkedHashMap<>();
        cj.put("id", c.id());
        cj.put("title", c.title());
        cj.put("reference", c.reference());
        cj.put("seed", s);
        cj.put("setup", o.setup());
        cj.put("passed", o.passed());
        cj.put("wallTime_s", wall);
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Check k : o.checks()) {
          rows.add(new String[] {c.id(), k.quantity(), num(k.measured()), num(k.expected()),
              num(k.tolerance()), String.valueOf(k.passed()), k.note()});
          Map<String, Object> kj = new LinkedHashMap<>();
          kj.put("quantity", k.quantity());
          kj.put("measured", finite(k.measured()));
          kj.put("expected", finite(k.expected()));
          kj.put("tolerance", finite(k.tolerance()));
          kj.put("passed", k.passed());
          kj.put("note", k.note());
          checks.add(kj);
          if (!k.passed()) {
            errAlways.printf(Locale.ROOT, "liko: verify: FAIL %s: %s = %s, expected %s +- %s"
                + " (%s)%n", c.id(), k.quantity(), num(k.measured()), num(k.expected()),
                num(k.tolerance()), o.setup());
          }
        }
        cj.put("checks", checks);
        json.add(cj);
        if (!o.passed()) {
          failed++;
        }
        if (!noPlots && o.figure() != null) {
          figures.put(c.id(), figure(o.figure()));
        }
        err.printf(Locale.ROOT, "liko: verify: %s %s (%.1f s)%n", c.id(),
            o.passed() ? "pass" : "FAIL", wall);
      }
    }
    double wallAll = (System.nanoTime() - wall0) * 1e-9;
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("version", Version.liko());
    meta.put("quick", quick);
    meta.put("wallTime_s", wallAll);
    meta.put("passed", failed == 0 && json.size() == cases.size());
    meta.put("cases", json);
    Csv.write(dir.resolve(CSV), new Csv.Text(COLUMNS, rows));
    Json.write(dir.resolve(JSON), meta);
    if (!noPlots) {
      for (Map.Entry<String, Figure> e : figures.entrySet()) {
        e.getValue().save(dir, VerifyFigures.baseName(e.getKey()));
      }
      Report.writeVerify(dir, figures);
    }
    List<String[]> table = new ArrayList<>();
    table.add(new String[] {"case", "quantity", "measured", "expected", "tolerance", "result"});
    for (String[] r : rows) {
      table.add(new String[] {r[0], r[1], r[2], r[3], "+- " + r[4],
          r[5].equals("true") ? "pass" : "FAIL"});
    }
    Tables.print(out, table);
    out.printf(Locale.ROOT, "%d of %d cases passed in %.1f s; output %s%n",
        json.size() - failed, cases.size(), wallAll, dir);
    out.flush();
    if (Interrupts.requested()) {
      return Interrupts.exitCode();
    }
    return failed > 0 ? ExitCode.VERIFY_FAILED : ExitCode.OK;
  }

  /** A case figure as a chart. */
  static Figure figure(CaseFigure f) {
    List<VerifyFigures.Curve> curves = new ArrayList<>();
    for (CaseFigure.Series s : f.series()) {
      curves.add(new VerifyFigures.Curve(s.name(), s.x(), s.y(), s.theory()));
    }
    return VerifyFigures.figure(f.title(), f.xLabel(), f.yLabel(), f.logX(), f.logY(), curves);
  }

  /** v to 6 significant digits without trailing zeros (plain between 1e-4 and 1e7). */
  static String num(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    if (v == 0) {
      return "0";
    }
    java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(6))
        .stripTrailingZeros();
    double a = Math.abs(v);
    return a >= 1e-4 && a < 1e7 ? b.toPlainString() : b.toString();
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
