package org.liko.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.liko.engine.InputException;
import org.liko.plots.Csv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code liko sweep}: a {@code liko compare} at every point of a grid of {@code --lattice},
 * {@code --cycles} and {@code --current} values (their product, the first varying slowest),
 * each point a comparison folder of its own ({@code <out>/current-0.5/} ...) and
 * {@code sweep.csv} with every point's comparison rows after its parameter values. The runs of
 * all points are one list for {@code --shard}, {@code --resume} and {@code liko merge}; seeds
 * are paired across strategies and points (replica k uses seed {@code --seed + k} everywhere).
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = "Compare the strategies at every point of a grid of lattices, cycle counts"
        + " and currents (e.g. --current 0.5,1,2); one comparison folder per point and"
        + " sweep.csv.")
public final class SweepCommand extends CompareBase {
  /** Name of the table of all points. */
  public static final String CSV = "sweep.csv";

  @Option(names = "--lattice", paramLabel = "L[,L...]", split = ",",
      description = "Lattices of the grid, e.g. 48x40,96x80.")
  List<String> lattices;

  @Option(names = "--cycles", paramLabel = "N[,N...]", split = ",",
      description = "Cycle counts of the grid, e.g. 1,3.")
  List<String> cycleCounts;

  @Option(names = "--current", paramLabel = "MA_CM2[,...]", split = ",",
      description = "Current densities of the grid, mA/cm^2, e.g. 0.5,1,2.")
  List<String> currents;

  @Override
  String command() {
    return "sweep";
  }

  @Override
  List<String> parameters() {
    return grid().keySet().stream().toList();
  }

  /** The grid parameters given, in the fixed order lattice, cycles, current. */
  private Map<String, List<String>> grid() {
    Map<String, List<String>> g = new LinkedHashMap<>();
    put(g, "lattice", lattices);
    put(g, "cycles", cycleCounts);
    put(g, "current", currents);
    if (g.isEmpty()) {
      throw new InputException("sweep: no grid; give at least one of --lattice, --cycles,"
          + " --current with one or more values, e.g. --current 0.5,1,2");
    }
    return g;
  }

  private static void put(Map<String, List<String>> g, String name, List<String> values) {
    if (values == null) {
      return;
    }
    List<String> v = values.stream().map(String::strip).filter(x -> !x.isEmpty()).toList();
    if (new LinkedHashSet<>(v).size() != v.size()) {
      throw new InputException("--" + name + ": value repeated in " + String.join(",", v)
          + "; give each value once");
    }
    if (!v.isEmpty()) {
      g.put(name, v);
    }
  }

  @Override
  List<Edits> edits() {
    Map<String, List<String>> g = grid();
    List<Map<String, String>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> e : g.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> p : points) {
        for (String v : e.getValue()) {
          Map<String, String> q = new LinkedHashMap<>(p);
          q.put(e.getKey(), v);
          next.add(q);
        }
      }
      points = next;
    }
    List<Edits> out = new ArrayList<>();
    for (Map<String, String> p : points) {
      out.add(new Edits(p, p.get("lattice"), p.containsKey("cycles")
          ? number(p.get("cycles"), "--cycles", true).intValue() : null,
          p.containsKey("current") ? number(p.get("current"), "--current", false) : null));
    }
    return out;
  }

  private static Double number(String text, String option, boolean whole) {
    try {
      return whole ? (double) Integer.parseInt(text) : Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new InputException(option + ": value '" + text + "' is not " + (whole
          ? "a whole number" : "a number"));
    }
  }

  /**
   * Writes {@value #CSV}: the parameter columns, then the columns of {@code comparison.csv},
   * one row per point and strategy, read from each point's {@code comparison.csv}.
   */
  static void writeSweepCsv(Path dir, ComparePlan plan) throws IOException {
    List<String> columns = new ArrayList<>(plan.parameters());
    columns.addAll(CompareCommand.csvColumns());
    List<String[]> rows = new ArrayList<>();
    for (int p = 0; p < plan.points().size(); p++) {
      Csv.Text t = Csv.readText(plan.pointDir(dir, p).resolve(CompareCommand.CSV));
      Map<String, String> values = plan.points().get(p).values();
      for (String[] r : t.rows()) {
        List<String> line = new ArrayList<>();
        for (String name : plan.parameters()) {
          line.add(values.get(name));
        }
        line.addAll(List.of(r));
        rows.add(line.toArray(new String[0]));
      }
    }
    Csv.write(dir.resolve(CSV), new Csv.Text(columns, rows));
  }
}
