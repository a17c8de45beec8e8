package org.liko.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liko.engine.InputException;
import org.liko.model.Catalogue;
import org.liko.model.Scenario;
import org.liko.plots.Json;

/**
 * What a {@code liko compare} or {@code liko sweep} runs, independent of where: the grid points
 * (one for compare), the strategies, replicas and seeds, the solver and the liko version, with a
 * SHA-256 of every resolved scenario. Its JSON form ({@link #json()}) is recorded in every
 * output folder's {@value Manifest#FILE}; two folders belong to one comparison exactly when their
 * plans are equal, which is what {@code liko merge} and {@code --resume} check.
 *
 * <p>Runs are ordered point, then replica, then strategy ({@link #runs()}); run {@code j} has
 * seed {@code baseSeed + replica} on every point and strategy (paired seeds), and lives in
 * {@code <point folder>/runs/<strategy>/r<replica>/}.
 */
public final class ComparePlan {
  /**
   * One grid point: a comparison of its own.
   *
   * @param folder sub-folder of the output ("" for compare: the output folder itself)
   * @param values the grid parameters of this point as given on the command line, e.g.
   *     {@code current -> 0.5}; empty for compare
   * @param scenarioName name of the default comparison scenario
   * @param lattice lattice of the point, {@code NXxNYxNZ}
   */
  public record Point(String folder, Map<String, String> values, String scenarioName,
      String lattice) {}

  /**
   * One run of the plan.
   *
   * @param index position in plan order, from 0
   * @param point index of its grid point
   * @param strategy index of its strategy (0: the baseline)
   * @param replica replica, from 0
   * @param seed its seed, base seed + replica
   */
  public record Run(int index, int point, int strategy, int replica, long seed) {}

  private final ObjectNode json;
  private final String command;
  private final List<String> parameters;
  private final List<Point> points;
  private final List<Catalogue.Strategy> strategies;
  private final int replicas;
  private final long baseSeed;

  private ComparePlan(ObjectNode json, String command, List<String> parameters,
      List<Point> points, List<Catalogue.Strategy> strategies, int replicas, long baseSeed) {
    this.json = json;
    this.command = command;
    this.parameters = List.copyOf(parameters);
    this.points = List.copyOf(points);
    this.strategies = List.copyOf(strategies);
    this.replicas = replicas;
    this.baseSeed = baseSeed;
  }

  /**
   * The plan of a comparison about to run.
   *
   * @param command {@code compare} or {@code sweep}
   * @param parameters names of the grid parameters (empty for compare)
   * @param points the grid points
   * @param defaults per point, the default comparison scenario with the point's edits
   * @param scenarios per point and strategy, the scenario that runs
   * @param options the run options that change results (solver, backend, ...), in a fixed order
   */
  public static ComparePlan of(String command, List<String> parameters, List<Point> points,
      List<Catalogue.Strategy> strategies, Scenario[] defaults, Scenario[][] scenarios,
      int replicas, long baseSeed, Map<String, Object> options) {
    String version = Version.liko();
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("command", command);
    root.put("likoVersion", version);
    root.put("replicas", replicas);
    root.put("baseSeed", baseSeed);
    root.set("options", Json.MAPPER.valueToTree(options));
    ArrayNode params = root.putArray("parameters");
    parameters.forEach(params::add);
    ArrayNode st = root.putArray("strategies");
    for (int s = 0; s < strategies.size(); s++) {
      // the strategy block as it runs on the first point: where merge reads names and trends
      String yaml = scenarios[0][s].toResolvedYaml(baseSeed, version);
      ObjectNode o = st.addObject();
      o.put("id", strategies.get(s).id());
      o.put("resolvedScenario", yaml);
    }
    ArrayNode pts = root.putArray("points");
    for (int p = 0; p < points.size(); p++) {
      Point pt = points.get(p);
      ObjectNode o = pts.addObject();
      o.put("folder", pt.folder());
      o.set("values", Json.MAPPER.valueToTree(pt.values()));
      o.put("scenario", pt.scenarioName());
      o.put("lattice", pt.lattice());
      o.put("scenarioSha256", sha256(defaults[p].toResolvedYaml(baseSeed, version)));
      ObjectNode sums = o.putObject("strategySha256");
      for (int s = 0; s < strategies.size(); s++) {
        sums.put(strategies.get(s).id(), sha256(scenarios[p][s].toResolvedYaml(baseSeed,
            version)));
      }
    }
    ObjectNode parsed; // as a reader sees it (numbers as parsed), so plans compare as trees
    try {
      parsed = (ObjectNode) Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(root));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("plan does not round-trip through JSON", e);
    }
    return new ComparePlan(parsed, command, parameters, points, strategies, replicas, baseSeed);
  }

  /**
   * The plan recorded in a manifest.
   *
   * @param source the file, for messages
   * @throws InputException when a field is missing or malformed
   */
  public static ComparePlan fromJson(JsonNode node, String source) {
    if (!(node instanceof ObjectNode root)) {
      throw new InputException(source + ": field 'plan' is missing or not an object");
    }
    try {
      String command = text(root, "command", source);
      List<String> parameters = new ArrayList<>();
      root.path("parameters").forEach(n -> parameters.add(n.asText()));
      List<Catalogue.Strategy> strategies = new ArrayList<>();
      for (JsonNode s : root.path("strategies")) {
        String yaml = text(s, "resolvedScenario", source);
        strategies.add(Catalogue.Strategy.of(Scenario.parse(yaml, source + " (strategy "
            + s.path("id").asText() + ")")));
      }
      List<Point> points = new ArrayList<>();
      for (JsonNode p : root.path("points")) {
        Map<String, String> values = new LinkedHashMap<>();
        p.path("values").properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        points.add(new Point(p.path("folder").asText(), values, text(p, "scenario", source),
            text(p, "lattice", source)));
      }
      int replicas = root.path("replicas").asInt(0);
      if (strategies.isEmpty() || points.isEmpty() || replicas < 1) {
        throw new InputException(source + ": the plan has no strategies, points or replicas");
      }
      return new ComparePlan(root, command, parameters, points, strategies, replicas,
          root.path("baseSeed").asLong());
    } catch (InputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InputException(source + ": the plan cannot be read (" + e.getMessage() + ")",
          e);
    }
  }

  private static String text(JsonNode n, String field, String source) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new InputException(source + ": field '" + field + "' is missing or not a string");
    }
    return v.asText();
  }

  /** The plan as recorded in manifests; equal plans mean the same comparison. */
  public ObjectNode json() {
    return json;
  }

  /** {@code compare} or {@code sweep}. */
  public String command() {
    return command;
  }

  /** Names of the grid parameters, empty for compare. */
  public List<String> parameters() {
    return parameters;
  }

  /** The grid points, one for compare. */
  public List<Point> points() {
    return points;
  }

  /** The strategies, the baseline first. */
  public List<Catalogue.Strategy> strategies() {
    return strategies;
  }

  /** Replicas per strategy and point. */
  public int replicas() {
    return replicas;
  }

  /** Seed of replica 0. */
  public long baseSeed() {
    return baseSeed;
  }

  /** Every run, ordered point, replica, strategy. */
  public List<Run> runs() {
    List<Run> out = new ArrayList<>();
    for (int p = 0; p < points.size(); p++) {
      for (int k = 0; k < replicas; k++) { // replica-major: early results cover every strategy
        for (int s = 0; s < strategies.size(); s++) {
          out.add(new Run(out.size(), p, s, k, baseSeed + k));
        }
      }
    }
    return out;
  }

  /** The folder of point {@code p} under {@code root}. */
  public Path pointDir(Path root, int p) {
    String f = points.get(p).folder();
    return f.isEmpty() ? root : root.resolve(f);
  }

  /** The folder of a run under {@code root}. */
  public Path runDir(Path root, Run r) {
    return pointDir(root, r.point()).resolve("runs").resolve(strategies.get(r.strategy()).id())
        .resolve("r" + r.replica());
  }

  /** A run's name for messages, e.g. {@code baseline r3} or {@code current-1/baseline r3}. */
  public String name(Run r) {
    String f = points.get(r.point()).folder();
    return (f.isEmpty() ? "" : f + "/") + strategies.get(r.strategy()).id() + " r" + r.replica();
  }

  /**
   * Where two plans differ, as {@code path: a vs b} lines (values shortened), at most
   * {@code max} of them; empty when they are equal.
   */
  public static List<String> differences(JsonNode a, JsonNode b, int max) {
    List<String> out = new ArrayList<>();
    diff(a, b, "", out, max);
    return out;
  }

  private static void diff(JsonNode a, JsonNode b, String path, List<String> out, int max) {
    if (out.size() >= max || a.equals(b)) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> keys = new LinkedHashSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        diff(a.path(k), b.path(k), path.isEmpty() ? k : path + "." + k, out, max);
      }
    } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
      Iterator<JsonNode> ia = a.elements();
      Iterator<JsonNode> ib = b.elements();
      for (int i = 0; ia.hasNext(); i++) {
        JsonNode x = ia.next();
        JsonNode y = ib.next();
        String label = x.has("id") ? x.get("id").asText() : x.has("folder")
            ? x.get("folder").asText() : Integer.toString(i);
        diff(x, y, path + "[" + label + "]", out, max);
      }
    } else {
      out.add(path + ": " + shortText(a) + " vs " + shortText(b));
    }
  }

  private static String shortText(JsonNode n) {
    if (n.isMissingNode()) {
      return "(absent)";
    }
    String s = n.isTextual() ? n.asText() : n.toString();
    s = s.replace('\n', ' ');
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  /** Hex SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
