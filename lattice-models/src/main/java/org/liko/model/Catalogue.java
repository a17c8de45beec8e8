package org.liko.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.liko.engine.InputException;

/**
 * The strategy catalogue (DESIGN.md section 6) of one {@link CompareRegime}: the embedded
 * strategy files listed in the regime's {@code index.txt} (in that order), each layered over the
 * regime's embedded base scenario, plus optional user files from a folder ({@code --catalogue
 * DIR}: every {@code *.yaml} there, by file name, also layered over the base). A user strategy
 * whose id equals an embedded one replaces it in place; the replacement is reported through the
 * notice consumer. The atomistic regime reads {@code catalogue/index.txt} over {@code
 * compare-default.yaml}; the mesoscale regimes ({@code cell}, {@code transport}) read {@code
 * catalogue/mesoscale/index.txt} over {@code regime-cell.yaml} or {@code
 * regime-transport.yaml}. Where the mesoscale folder has no index (or no files), its baseline
 * alone is used ({@code mesoscale/baseline.yaml}, else the base scenario itself as the baseline)
 * and a notice says so; a folder that holds only the baseline gets the same notice.
 */
public final class Catalogue {
  /** Resource folder of the embedded catalogue. */
  public static final String RESOURCES = "/org/liko/model/catalogue/";
  /** File name of the default comparison scenario. */
  public static final String DEFAULT_FILE = "compare-default.yaml";
  /** Id of the reference strategy every ratio is taken against. */
  public static final String BASELINE = "baseline";

  /**
   * One strategy of the catalogue: the fields of its {@code strategy} block and its scenario
   * (already layered over the default comparison scenario).
   *
   * @param section review section (field {@code reviewSection})
   * @param expectedStatistic statistic the strategy is expected to move
   * @param expectedDirection {@code lower} or {@code higher}
   * @param origin {@code emergent} or {@code imposed}
   * @param lever the parameter that sets the outcome directly when origin is imposed, or ""
   * @param needs mode not built yet that the strategy needs, or ""
   */
  public record Strategy(String id, String name, String section, String reference,
      String mechanism, String expectedStatistic, String expectedDirection, String origin,
      String lever, String needs, boolean reproduced, String note, Scenario scenario) {
    /** The view of a scenario with a strategy block. */
    public static Strategy of(Scenario s) {
      Map<String, Object> m = s.strategy();
      if (m == null) {
        throw new InputException(s.source() + ": field 'strategy' is missing; a catalogue file"
            + " needs a strategy block with at least 'id'");
      }
      return new Strategy(str(m, "id"), str(m, "name"), str(m, "reviewSection"),
          str(m, "reference"), str(m, "mechanism"), str(m, "expectedStatistic"),
          str(m, "expectedDirection"), str(m, "origin"), str(m, "lever"), str(m, "needs"),
          Boolean.TRUE.equals(m.get("reproduced")), str(m, "note"), s);
    }

    private static String str(Map<String, Object> m, String k) {
      Object o = m.get(k);
      return o == null ? "" : o.toString();
    }

    /** Expected trend against the baseline, e.g. {@code p99Height_nm lower}. */
    public String expectedTrend() {
      return expectedStatistic + " " + expectedDirection;
    }

    /** Whether this is the baseline row. */
    public boolean isBaseline() {
      return BASELINE.equals(id);
    }
  }

  /** The baseline strategy block used when a mesoscale folder has no baseline file. */
  static final String BUILT_IN_BASELINE = "schemaVersion: 1\nname: Regime base\nstrategy:\n"
      + "  id: baseline\n  name: Regime base (no strategy)\n  origin: emergent\n"
      + "  note: \"Reference row: the regime base scenario itself.\"\n";

  private final CompareRegime regime;
  private final Scenario defaultScenario;
  private final Map<String, Strategy> strategies;

  private Catalogue(CompareRegime regime, Scenario defaultScenario,
      Map<String, Strategy> strategies) {
    this.regime = regime;
    this.defaultScenario = defaultScenario;
    this.strategies = Collections.unmodifiableMap(strategies);
  }

  /** The embedded catalogue only (atomistic regime). */
  public static Catalogue embedded() {
    return load(null, msg -> { });
  }

  /** The embedded catalogue of one regime only. */
  public static Catalogue embedded(CompareRegime regime) {
    return load(regime, null, msg -> { });
  }

  /** The atomistic catalogue plus user files ({@link #load(CompareRegime, Path, Consumer)}). */
  public static Catalogue load(Path userDir, Consumer<String> notices) {
    return load(CompareRegime.ATOMISTIC, userDir, notices);
  }

  /**
   * The embedded catalogue plus the {@code *.yaml} files of {@code userDir} (may be null).
   *
   * @param notices receives one line per user strategy that replaces an embedded one
   * @throws InputException when the folder is missing, a file is invalid or two user files share
   *     an id
   */
  public static Catalogue load(CompareRegime regime, Path userDir, Consumer<String> notices) {
    Scenario base = Scenario.parse(resource(regime.baseFile()), "catalogue/"
        + regime.baseFile());
    Map<String, Strategy> map = new LinkedHashMap<>();
    String folder = regime.folder();
    List<String> files = regime.mesoscale() && !exists(folder + "index.txt")
        ? (exists(folder + "baseline.yaml") ? List.of("baseline.yaml") : List.of())
        : index(folder + "index.txt");
    for (String file : files) {
      // a mesoscale file goes through MesoscaleCatalogue.load, which also validates its
      // pre-registered prediction (one loader for those files)
      Strategy s = regime.mesoscale() && folder.equals(MesoscaleCatalogue.FOLDER)
          ? MesoscaleCatalogue.load(file, base).strategy()
          : Strategy.of(Scenario.parse(resource(folder + file), "catalogue/" + folder + file,
              base));
      if (map.put(s.id(), s) != null) {
        throw new IllegalStateException("embedded catalogue: id '" + s.id() + "' appears twice"
            + " (second in " + file + ")");
      }
    }
    if (regime.mesoscale()) {
      if (!map.containsKey(BASELINE)) {
        // no baseline file: the regime base itself is the reference row
        Strategy b = Strategy.of(Scenario.parse(BUILT_IN_BASELINE, "catalogue/"
            + regime.baseFile() + " (baseline)", base));
        Map<String, Strategy> first = new LinkedHashMap<>();
        first.put(BASELINE, b);
        first.putAll(map);
        map = first;
      }
      if (map.size() == 1) {
        notices.accept("catalogue: the " + regime.id() + " regime's embedded catalogue ("
            + RESOURCES.substring(1) + folder + ") holds only the baseline; the comparison"
            + " runs the baseline alone");
      }
    }
    if (userDir != null) {
      if (!Files.isDirectory(userDir)) {
        throw new InputException("--catalogue: '" + userDir + "' is not a folder; allowed: a"
            + " folder of strategy .yaml files");
      }
      Map<String, String> userIds = new LinkedHashMap<>();
      for (Path f : yamlFiles(userDir)) {
        Strategy s = Strategy.of(Scenario.parse(read(f), f.toString(), base));
        String before = userIds.put(s.id(), f.toString());
        if (before != null) {
          throw new InputException(f + ": strategy id '" + s.id() + "' is also used by " + before);
        }
        if (map.containsKey(s.id())) {
          notices.accept("catalogue: " + f + " replaces the embedded strategy '" + s.id() + "'");
        }
        map.put(s.id(), s); // a replaced id keeps its position
      }
    }
    return new Catalogue(regime, base, map);
  }

  /** The regime this catalogue belongs to. */
  public CompareRegime regime() {
    return regime;
  }

  /** The embedded base scenario of the regime (the default comparison scenario). */
  public Scenario defaultScenario() {
    return defaultScenario;
  }

  /** Every strategy, embedded in index order, then user files by file name. */
  public List<Strategy> list() {
    return List.copyOf(strategies.values());
  }

  /** Strategy ids in {@link #list()} order. */
  public List<String> ids() {
    return List.copyOf(strategies.keySet());
  }

  /** Whether a strategy with this id exists. */
  public boolean contains(String id) {
    return strategies.containsKey(id);
  }

  /**
   * The strategy with this id.
   *
   * @throws InputException naming the known ids when there is none
   */
  public Strategy get(String id) {
    Strategy s = strategies.get(id);
    if (s == null) {
      throw new InputException("unknown strategy '" + id + "'; known: "
          + String.join(", ", strategies.keySet()) + " (liko strategies lists them)");
    }
    return s;
  }

  /** File names listed in the embedded {@code index.txt}, blank lines and # comments skipped. */
  public static List<String> index() {
    return index("index.txt");
  }

  static List<String> index(String file) {
    List<String> out = new ArrayList<>();
    for (String line : resource(file).split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        out.add(t);
      }
    }
    return out;
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      throw new InputException("--catalogue: cannot read folder '" + dir + "': " + e.getMessage());
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new InputException(f + ": cannot read: " + e.getMessage());
    }
  }

  private static boolean exists(String name) {
    return Catalogue.class.getResource(RESOURCES + name) != null;
  }

  static String resource(String name) {
    try (InputStream in = Catalogue.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("embedded catalogue file missing: " + RESOURCES + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read embedded " + RESOURCES + name, e);
    }
  }
}
