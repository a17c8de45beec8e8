package org.liko.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liko.engine.InputException;

/**
 * A validated scenario: every parameter of {@link ParameterSchema} resolved (file value or
 * default), the protocol as a list of steps, and the seed. Parsing is strict: unknown keys,
 * wrong types and out-of-range values are {@link InputException}s naming the file, the field,
 * the value and what is allowed.
 */
public final class Scenario {
  /** The scenario format version this liko reads. */
  public static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper YAML = new ObjectMapper(
      new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  private static final List<String> TOP_LEVEL = List.of("schemaVersion", "name", "description",
      "likoVersion",
      "seed", "protocol", "strategy");

  /** One protocol step: kind is plate, rest or strip; cycle is 0 outside a {@code cycle} block. */
  public record Step(String kind, double current_mA_cm2, double charge_mAh_cm2, double time_s,
      double cutoff_V, int cycle) {}

  private final String source;
  private final String name;
  private final String description;
  private final Long seed;
  private final Map<String, Object> values;
  private final List<Step> protocol;
  private final JsonNode protocolNode;
  private final JsonNode strategyNode;

  private Scenario(String source, String name, String description, Long seed,
      Map<String, Object> values, List<Step> protocol, JsonNode protocolNode,
      JsonNode strategyNode) {
    this.source = source;
    this.name = name;
    this.description = description;
    this.seed = seed;
    this.values = values;
    this.protocol = List.copyOf(protocol);
    this.protocolNode = protocolNode;
    this.strategyNode = strategyNode;
  }

  /** Reads and validates a scenario file. */
  public static Scenario load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such scenario file (give a path to a .yaml file)");
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** Parses and validates scenario text; {@code source} names it in messages. */
  public static Scenario parse(String text, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputException(source + ": not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
    }
    if (root == null || !root.isObject()) {
      throw new InputException(source + ": a scenario is a YAML mapping starting with"
          + " 'schemaVersion: " + SCHEMA_VERSION + "'");
    }
    JsonNode version = root.get("schemaVersion");
    if (version == null) {
      throw new InputException(source + ": field 'schemaVersion' is missing; add 'schemaVersion: "
          + SCHEMA_VERSION + "'");
    }
    if (!version.isInt() || version.asInt() != SCHEMA_VERSION) {
      throw new InputException(source + ": field 'schemaVersion': value " + version
          + " is not supported; allowed: " + SCHEMA_VERSION);
    }
    ParameterSchema schema = ParameterSchema.get();
    Map<String, Object> values = new LinkedHashMap<>();
    schema.params().forEach((k, p) -> {
      if (!k.startsWith("protocol.")) {
        values.put(k, p.defaultValue());
      }
    });
    Long seed = null;
    String name = source;
    String description = "";
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (key.equals("seed")) {
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
          throw new InputException(source + ": field 'seed': value " + v
              + " is not an integer; allowed: an integer");
        }
        seed = v.asLong();
      } else if (key.equals("name")) {
        name = v.asText();
      } else if (key.equals("description")) {
        description = v.asText();
      } else if (TOP_LEVEL.contains(key)) {
        continue;
      } else if (key.equals("lattice") && v.isTextual()) {
        int[] dims = parseLattice(v.asText(), source + ": field 'lattice'");
        values.put("lattice.nx", dims[0]);
        values.put("lattice.ny", dims[1]);
        values.put("lattice.nz", dims[2]);
      } else {
        walk(source, key, v, values, schema);
      }
    }
    JsonNode protocolNode = root.get("protocol");
    List<Step> steps = parseProtocol(source, protocolNode, schema);
    return new Scenario(source, name, description, seed, values, steps, protocolNode,
        root.get("strategy"));
  }

  private static void walk(String source, String key, JsonNode v, Map<String, Object> values,
      ParameterSchema schema) {
    ParameterSchema.Param p = schema.param(key);
    if (p != null) {
      values.put(key, convert(source, p, v));
      return;
    }
    List<String> under = schema.keysUnder(key);
    if (under.isEmpty() || key.startsWith("protocol")) {
      throw new InputException(source + ": unknown field '" + key + "'; allowed here: "
          + allowedAt(key, schema));
    }
    if (!v.isObject()) {
      throw new InputException(source + ": field '" + key + "': value " + v
          + " is not a section; allowed: a mapping with " + children(key, schema));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      walk(source, key + "." + e.getKey(), e.getValue(), values, schema);
    }
  }

  private static String allowedAt(String key, ParameterSchema schema) {
    int dot = key.lastIndexOf('.');
    if (dot < 0) {
      List<String> tops = new ArrayList<>(TOP_LEVEL);
      for (String k : schema.params().keySet()) {
        String t = k.contains(".") ? k.substring(0, k.indexOf('.')) : k;
        if (!tops.contains(t)) {
          tops.add(t);
        }
      }
      return String.join(", ", tops);
    }
    return children(key.substring(0, dot), schema);
  }

  private static String children(String prefix, ParameterSchema schema) {
    List<String> names = new ArrayList<>();
    for (String k : schema.keysUnder(prefix)) {
      String rest = k.substring(prefix.length() + 1);
      String child = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
      if (!names.contains(child)) {
        names.add(child);
      }
    }
    return String.join(", ", names);
  }

  static Object convert(String source, ParameterSchema.Param p, JsonNode v) {
    String where = source + ": field '" + p.key() + "': value " + v;
    switch (p.type()) {
      case "int":
      case "long": {
        if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
          throw new InputException(where + " is not an integer; allowed: " + p.allowed());
        }
        double d = v.asDouble();
        if (d < p.min() || d > p.max()) {
          throw new InputException(where + " is out of range; allowed: " + p.allowed());
        }
        return p.type().equals("int") ? (Object) (int) v.asLong() : (Object) v.asLong();
      }
      case "double": {
        if (!v.isNumber()) {
          throw new InputException(where + " is not a number; allowed: " + p.allowed());
        }
        double d = v.asDouble();
        if (!Double.isFinite(d) || d < p.min() || d > p.max()) {
          throw new InputException(where + " is out of range; allowed: " + p.allowed());
        }
        return d;
      }
      case "bool":
        if (!v.isBoolean()) {
          throw new InputException(where + " is not true/false; allowed: " + p.allowed());
        }
        return v.asBoolean();
      case "choice":
        if (!v.isTextual() || !p.choices().contains(v.asText())) {
          throw new InputException(where + " is not allowed; allowed: " + p.allowed());
        }
        return v.asText();
      default:
        if (!v.isTextual()) {
          throw new InputException(where + " is not a name; allowed: " + p.allowed());
        }
        return v.asText();
    }
  }

  private static List<Step> parseProtocol(String source, JsonNode node, ParameterSchema schema) {
    List<Step> steps = new ArrayList<>();
    if (node == null) {
      throw new InputException(source + ": field 'protocol' is missing; allowed: a list of steps"
          + " such as '- plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.01}'");
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new InputException(source + ": field 'protocol': value " + node
          + " is not a list of steps; allowed: a non-empty list of plate, rest, strip, cycle");
    }
    int cycle = 0;
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      String where = "protocol[" + i + "]";
      if (!item.isObject() || item.size() != 1) {
        throw new InputException(source + ": field '" + where + "': value " + item
            + " is not one step; allowed: one of plate, rest, strip, cycle with its settings");
      }
      String kind = item.fieldNames().next();
      JsonNode body = item.get(kind);
      if (kind.equals("cycle")) {
        cycle++;
        int count = 1;
        List<Map.Entry<String, JsonNode>> inner = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getKey().equals("count")) {
            count = (Integer) convert(source, schema.param("protocol.cycle.count"), e.getValue());
          } else if (List.of("plate", "rest", "strip").contains(e.getKey())) {
            inner.add(e);
          } else {
            throw new InputException(source + ": unknown field '" + where + ".cycle."
                + e.getKey() + "'; allowed here: count, plate, rest, strip");
          }
        }
        for (int c = 0; c < count; c++) {
          for (Map.Entry<String, JsonNode> e : inner) {
            steps.add(step(source, where + ".cycle." + e.getKey(), e.getKey(), e.getValue(),
                schema, cycle + c));
          }
        }
        cycle += count - 1;
      } else if (List.of("plate", "rest", "strip").contains(kind)) {
        steps.add(step(source, where + "." + kind, kind, body, schema, 0));
      } else {
        throw new InputException(source + ": unknown field '" + where + "." + kind
            + "'; allowed here: plate, rest, strip, cycle");
      }
    }
    return steps;
  }

  private static Step step(String source, String where, String kind, JsonNode body,
      ParameterSchema schema, int cycle) {
    Map<String, Object> v = new LinkedHashMap<>();
    for (String k : schema.keysUnder("protocol." + kind)) {
      v.put(k.substring(k.lastIndexOf('.') + 1), schema.param(k).defaultValue());
    }
    if (body != null && !body.isNull()) {
      if (!body.isObject()) {
        throw new InputException(source + ": field '" + where + "': value " + body
            + " is not a mapping; allowed: " + String.join(", ", v.keySet()));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        ParameterSchema.Param p = schema.param("protocol." + kind + "." + e.getKey());
        if (p == null) {
          throw new InputException(source + ": unknown field '" + where + "." + e.getKey()
              + "'; allowed here: " + String.join(", ", v.keySet()));
        }
        Object val = convert(source, p, e.getValue());
        v.put(e.getKey(), val);
      }
    }
    double current = v.containsKey("current_mA_cm2") ? (Double) v.get("current_mA_cm2") : 0.0;
    double charge = v.containsKey("charge_mAh_cm2") ? (Double) v.get("charge_mAh_cm2") : 0.0;
    double time = (Double) v.get("time_s");
    double cutoff = v.containsKey("cutoff_V") ? (Double) v.get("cutoff_V") : 0.0;
    if (kind.equals("plate") && charge == 0.0 && time == 0.0) {
      throw new InputException(source + ": field '" + where + "' sets neither charge_mAh_cm2"
          + " nor time_s; allowed: one of them > 0");
    }
    int explicitCycle = (Integer) v.get("cycle");
    return new Step(kind, current, charge, time, cutoff, cycle > 0 ? cycle : explicitCycle);
  }

  /**
   * Parses {@code NXxNZ} (2D) or {@code NXxNYxNZ} (3D).
   *
   * @return {nx, ny, nz}
   */
  public static int[] parseLattice(String s, String where) {
    String[] parts = s.trim().toLowerCase().split("x");
    try {
      if (parts.length == 2) {
        return check(new int[] {Integer.parseInt(parts[0]), 1, Integer.parseInt(parts[1])},
            where, s);
      } else if (parts.length == 3) {
        return check(new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
            Integer.parseInt(parts[2])}, where, s);
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new InputException(where + ": value '" + s + "' is not a lattice size; allowed:"
        + " NXxNZ (2D) or NXxNYxNZ (3D), e.g. 256x128 or 64x64x32");
  }

  private static int[] check(int[] d, String where, String s) {
    ParameterSchema schema = ParameterSchema.get();
    String[] keys = {"lattice.nx", "lattice.ny", "lattice.nz"};
    for (int k = 0; k < 3; k++) {
      ParameterSchema.Param p = schema.param(keys[k]);
      if (d[k] < p.min() || d[k] > p.max()) {
        throw new InputException(where + ": value '" + s + "': " + keys[k] + " = " + d[k]
            + " is out of range; allowed: " + p.allowed());
      }
    }
    return d;
  }

  /** A copy with some dotted keys replaced (values are validated against the schema). */
  public Scenario with(Map<String, Object> overrides, String origin) {
    Map<String, Object> v = new LinkedHashMap<>(values);
    ParameterSchema schema = ParameterSchema.get();
    for (Map.Entry<String, Object> e : overrides.entrySet()) {
      ParameterSchema.Param p = schema.param(e.getKey());
      if (p == null) {
        throw new InputException(origin + ": unknown field '" + e.getKey() + "'");
      }
      v.put(e.getKey(), convert(origin, p, YAML.valueToTree(e.getValue())));
    }
    return new Scenario(source, name, description, seed, v, protocol, protocolNode,
        strategyNode);
  }

  /** A copy with a replaced protocol (already validated steps). */
  public Scenario withProtocol(List<Step> steps) {
    return new Scenario(source, name, description, seed, values, steps, protocolNode,
        strategyNode);
  }

  /** Where the scenario came from (file name), for messages. */
  public String source() {
    return source;
  }

  /** Scenario name. */
  public String name() {
    return name;
  }

  /** Seed written in the file, or null. */
  public Long seed() {
    return seed;
  }

  /** Protocol steps, cycles expanded. */
  public List<Step> protocol() {
    return protocol;
  }

  /** Strategy metadata block, or null. */
  public JsonNode strategy() {
    return strategyNode;
  }

  /** Resolved parameter values by dotted key. */
  public Map<String, Object> values() {
    return java.util.Collections.unmodifiableMap(values);
  }

  /** A double parameter. */
  public double d(String key) {
    return ((Number) require(key)).doubleValue();
  }

  /** An int parameter. */
  public int i(String key) {
    return ((Number) require(key)).intValue();
  }

  /** A long parameter. */
  public long l(String key) {
    return ((Number) require(key)).longValue();
  }

  /** A string or choice parameter. */
  public String s(String key) {
    return (String) require(key);
  }

  /** A boolean parameter. */
  public boolean b(String key) {
    return (Boolean) require(key);
  }

  private Object require(String key) {
    Object o = values.get(key);
    if (o == null) {
      throw new IllegalArgumentException("no parameter " + key);
    }
    return o;
  }

  /** The resolved scenario as YAML: every parameter used, defaults and the seed included. */
  public String toResolvedYaml(long usedSeed, String version) {
    ObjectNode root = YAML.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("name", name);
    if (!description.isEmpty()) {
      root.put("description", description);
    }
    root.put("seed", usedSeed);
    root.put("likoVersion", version);
    for (Map.Entry<String, Object> e : values.entrySet()) {
      String[] parts = e.getKey().split("\\.");
      ObjectNode node = root;
      for (int k = 0; k < parts.length - 1; k++) {
        node = node.has(parts[k]) ? (ObjectNode) node.get(parts[k]) : node.putObject(parts[k]);
      }
      node.set(parts[parts.length - 1], YAML.valueToTree(e.getValue()));
    }
    var list = root.putArray("protocol");
    for (Step s : protocol) {
      ObjectNode item = list.addObject();
      ObjectNode body = item.putObject(s.kind());
      if (!s.kind().equals("rest")) {
        body.put("current_mA_cm2", s.current_mA_cm2());
        body.put("charge_mAh_cm2", s.charge_mAh_cm2());
      }
      body.put("time_s", s.time_s());
      if (s.kind().equals("strip")) {
        body.put("cutoff_V", s.cutoff_V());
      }
      if (s.cycle() > 0) {
        body.put("cycle", s.cycle());
      }
    }
    if (strategyNode != null) {
      root.set("strategy", strategyNode);
    }
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
