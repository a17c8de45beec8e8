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
      "likoVersion", "seed", "protocol", "strategy", "materials", "prediction");

  /** One protocol step: kind is plate, rest or strip; cycle is 0 outside a {@code cycle} block. */
  public record Step(String kind, double current_mA_cm2, double charge_mAh_cm2, double time_s,
      double cutoff_V, int cycle) {}

  /** A scenario-defined material (fields of {@code material.*} in parameters.yaml). */
  public record MaterialSpec(String name, List<String> flags, double carrierBarrierEv,
      double contactAngleDeg, double youngGPa, double fractureGPa, double healingPerS,
      int rgb, double porosity, double tortuosity) {}

  /** A geometry feature: kind (coating, pillars, host, slab) and its resolved fields. */
  public record Feature(String kind, Map<String, Object> values) {
    /** A double field. */
    public double d(String k) {
      return ((Number) values.get(k)).doubleValue();
    }

    /** A string field. */
    public String s(String k) {
      return (String) values.get(k);
    }

    /** A boolean field. */
    public boolean b(String k) {
      return (Boolean) values.get(k);
    }
  }

  /** Allowed material flag names, in {@link org.liko.engine.Material} bit order. */
  public static final List<String> MATERIAL_FLAGS = List.of("fluid", "electronic", "depositOn",
      "carrierConductor", "bearsLi", "mobile", "fixed");

  private final String source;
  private final String name;
  private final String description;
  private final Long seed;
  private final Map<String, Object> values;
  private final List<Step> protocol;
  private final List<MaterialSpec> materials;
  private final List<Feature> features;
  private final Map<String, Object> strategy;

  private Scenario(String source, String name, String description, Long seed,
      Map<String, Object> values, List<Step> protocol, List<MaterialSpec> materials,
      List<Feature> features, Map<String, Object> strategy) {
    this.source = source;
    this.name = name;
    this.description = description;
    this.seed = seed;
    this.values = values;
    this.protocol = List.copyOf(protocol);
    this.materials = List.copyOf(materials);
    this.features = List.copyOf(features);
    this.strategy = strategy;
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
    return parse(text, source, null);
  }

  /**
   * Every problem of scenario text at once, in file order (empty when {@link #parse} accepts
   * it): the messages {@link #parse} would throw one at a time, each naming the file, the field,
   * the value and what is allowed. A bad value is checked as if it had its default, an unknown
   * field or a malformed step is skipped, so that one mistake does not hide the next.
   *
   * @param base the scenario the text is layered over (catalogue strategies), or null
   */
  public static List<String> problems(String text, String source, Scenario base) {
    Problems problems = new Problems(new ArrayList<>());
    parse(text, source, base, problems);
    return List.copyOf(problems.list());
  }

  /**
   * Where parse problems go: thrown at once as an {@link InputException} (strict, the normal
   * parse), or collected for {@link #problems}; after {@link #add} the parser recovers as the
   * comment at each call says.
   */
  private record Problems(List<String> list) {
    static final Problems STRICT = new Problems(null);

    void add(String message) {
      if (list == null) {
        throw new InputException(message);
      }
      list.add(message);
    }
  }

  /**
   * Parses scenario text on top of a base scenario: keys, protocol, materials and features the
   * text does not give come from the base (used by catalogue strategies over the comparison's
   * default scenario).
   */
  public static Scenario parse(String text, String source, Scenario base) {
    return parse(text, source, base, Problems.STRICT);
  }

  private static Scenario parse(String text, String source, Scenario base, Problems problems) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      problems.add(source + ": not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
      return null; // nothing more can be read
    }
    if (root == null || !root.isObject()) {
      problems.add(source + ": a scenario is a YAML mapping starting with"
          + " 'schemaVersion: " + SCHEMA_VERSION + "'");
      return null;
    }
    JsonNode version = root.get("schemaVersion");
    if (version == null) {
      problems.add(source + ": field 'schemaVersion' is missing; add 'schemaVersion: "
          + SCHEMA_VERSION + "'");
    } else if (!version.isInt() || version.asInt() != SCHEMA_VERSION) {
      problems.add(source + ": field 'schemaVersion': value " + version
          + " is not supported; allowed: " + SCHEMA_VERSION);
    }
    ParameterSchema schema = ParameterSchema.get();
    Map<String, Object> values = new LinkedHashMap<>();
    if (base != null) {
      values.putAll(base.values);
    } else {
      schema.params().forEach((k, p) -> {
        if (!k.startsWith("protocol.") && !k.startsWith("material.") && !k.startsWith("feature.")
            && !k.startsWith("strategy.")) {
          values.put(k, p.defaultValue());
        }
      });
    }
    Long seed = base != null ? base.seed : null;
    String name = source;
    String description = "";
    List<Feature> features = base != null ? new ArrayList<>(base.features) : new ArrayList<>();
    List<MaterialSpec> materials = base != null ? new ArrayList<>(base.materials)
        : new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (key.equals("seed")) {
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
          problems.add(source + ": field 'seed': value " + v
              + " is not an integer; allowed: an integer");
        } else {
          seed = v.asLong();
        }
      } else if (key.equals("name")) {
        name = v.asText();
      } else if (key.equals("description")) {
        description = v.asText();
      } else if (key.equals("materials")) {
        materials.addAll(parseMaterials(source, v, schema, problems));
      } else if (key.equals("geometry") && v.isObject() && v.has("features")) {
        features = parseFeatures(source, v.get("features"), schema, problems);
        ObjectNode rest = ((ObjectNode) v).deepCopy();
        rest.remove("features");
        walk(source, key, rest, values, schema, problems);
      } else if (TOP_LEVEL.contains(key)) {
        continue;
      } else if (key.equals("lattice") && v.isTextual()) {
        try {
          int[] dims = parseLattice(v.asText(), source + ": field 'lattice'");
          values.put("lattice.nx", dims[0]);
          values.put("lattice.ny", dims[1]);
          values.put("lattice.nz", dims[2]);
        } catch (InputException bad) {
          problems.add(bad.getMessage()); // keeps the default lattice
        }
      } else {
        walk(source, key, v, values, schema, problems);
      }
    }
    JsonNode protocolNode = root.get("protocol");
    List<Step> steps = base != null && protocolNode == null ? base.protocol
        : parseProtocol(source, protocolNode, schema, problems);
    Map<String, Object> strategy = null;
    if (root.has("strategy")) {
      strategy = section(source, "strategy", root.get("strategy"), schema, problems);
      if (((String) strategy.get("id")).isEmpty()) {
        problems.add(source + ": field 'strategy.id' is missing; allowed: a short"
            + " identifier such as lif-cu-mci");
      }
    }
    return new Scenario(source, name, description, seed, values, steps, materials, features,
        strategy);
  }

  /** Fields of one list item or block against the schema keys under {@code prefix}. */
  private static Map<String, Object> section(String source, String prefix, JsonNode node,
      ParameterSchema schema, Problems problems) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String k : schema.keysUnder(prefix)) {
      out.put(k.substring(prefix.length() + 1), schema.param(k).defaultValue());
    }
    if (node == null || !node.isObject()) {
      problems.add(source + ": field '" + prefix + "': value " + node
          + " is not a mapping; allowed: " + String.join(", ", out.keySet()));
      return out; // the defaults
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      ParameterSchema.Param p = schema.param(prefix + "." + e.getKey());
      if (p == null) {
        problems.add(source + ": unknown field '" + prefix + "." + e.getKey()
            + "'; allowed here: " + String.join(", ", out.keySet()));
        continue;
      }
      out.put(e.getKey(), convert(source, p, e.getValue(), problems));
    }
    return out;
  }

  private static List<MaterialSpec> parseMaterials(String source, JsonNode list,
      ParameterSchema schema, Problems problems) {
    List<MaterialSpec> out = new ArrayList<>();
    if (!list.isArray()) {
      problems.add(source + ": field 'materials': value " + list
          + " is not a list; allowed: a list of materials with name, flags, ...");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      int before = problems.list() == null ? 0 : problems.list().size();
      Map<String, Object> v = section(source, "material", list.get(i), schema, problems);
      String where = source + ": field 'materials[" + i + "]";
      String name = (String) v.get("name");
      if (name.isEmpty() || !name.matches("[a-z][a-z0-9_]*")) {
        problems.add(where + ".name': value '" + name + "' is not allowed; allowed:"
            + " lower-case letters, digits and _ starting with a letter");
      }
      List<String> flags = new ArrayList<>();
      for (String f : ((String) v.get("flags")).split(",")) {
        String t = f.trim();
        if (t.isEmpty()) {
          continue;
        }
        if (!MATERIAL_FLAGS.contains(t)) {
          problems.add(where + ".flags': value '" + t + "' is not a flag; allowed: "
              + MATERIAL_FLAGS);
          continue;
        }
        flags.add(t);
      }
      String color = (String) v.get("color");
      if (!color.matches("#[0-9a-fA-F]{6}")) {
        problems.add(where + ".color': value '" + color + "' is not allowed;"
            + " allowed: #RRGGBB");
      }
      if (problems.list() != null && problems.list().size() > before) {
        continue; // a material with a problem is left out
      }
      out.add(new MaterialSpec(name, List.copyOf(flags), (Double) v.get("carrierBarrier_eV"),
          (Double) v.get("contactAngle_deg"), (Double) v.get("young_GPa"),
          (Double) v.get("fracture_GPa"), (Double) v.get("healing_per_s"),
          Integer.parseInt(color.substring(1), 16), (Double) v.get("porosity"),
          (Double) v.get("tortuosity")));
    }
    return out;
  }

  private static List<Feature> parseFeatures(String source, JsonNode list,
      ParameterSchema schema, Problems problems) {
    List<Feature> out = new ArrayList<>();
    if (!list.isArray()) {
      problems.add(source + ": field 'geometry.features': value " + list
          + " is not a list; allowed: a list of coating, pillars, host, slab");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String kind = item.isObject() && item.size() == 1 ? item.fieldNames().next() : "";
      if (schema.keysUnder("feature." + kind).isEmpty()) {
        problems.add(source + ": field 'geometry.features[" + i + "]': value "
            + item + " is not a feature; allowed: one of coating, pillars, host, slab");
        continue;
      }
      out.add(new Feature(kind, section(source, "feature." + kind, item.get(kind), schema,
          problems)));
    }
    return out;
  }

  private static void walk(String source, String key, JsonNode v, Map<String, Object> values,
      ParameterSchema schema, Problems problems) {
    ParameterSchema.Param p = schema.param(key);
    if (p != null) {
      values.put(key, convert(source, p, v, problems));
      return;
    }
    List<String> under = schema.keysUnder(key);
    if (under.isEmpty() || key.startsWith("protocol")) {
      problems.add(source + ": unknown field '" + key + "'; allowed here: "
          + allowedAt(key, schema));
      return;
    }
    if (!v.isObject()) {
      problems.add(source + ": field '" + key + "': value " + v
          + " is not a section; allowed: a mapping with " + children(key, schema));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      walk(source, key + "." + e.getKey(), e.getValue(), values, schema, problems);
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
    return convert(source, p, v, Problems.STRICT);
  }

  /** The value of {@code v} for {@code p}; on a problem, the default. */
  private static Object convert(String source, ParameterSchema.Param p, JsonNode v,
      Problems problems) {
    try {
      return convertStrict(source, p, v);
    } catch (InputException e) {
      problems.add(e.getMessage());
      return p.defaultValue();
    }
  }

  private static Object convertStrict(String source, ParameterSchema.Param p, JsonNode v) {
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

  private static List<Step> parseProtocol(String source, JsonNode node, ParameterSchema schema,
      Problems problems) {
    List<Step> steps = new ArrayList<>();
    if (node == null) {
      problems.add(source + ": field 'protocol' is missing; allowed: a list of steps"
          + " such as '- plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.01}'");
      return steps;
    }
    if (!node.isArray() || node.isEmpty()) {
      problems.add(source + ": field 'protocol': value " + node
          + " is not a list of steps; allowed: a non-empty list of plate, rest, strip, cycle");
      return steps;
    }
    int cycle = 0;
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      String where = "protocol[" + i + "]";
      if (!item.isObject() || item.size() != 1) {
        problems.add(source + ": field '" + where + "': value " + item
            + " is not one step; allowed: one of plate, rest, strip, cycle with its settings");
        continue;
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
            count = (Integer) convert(source, schema.param("protocol.cycle.count"), e.getValue(),
                problems);
          } else if (List.of("plate", "rest", "strip").contains(e.getKey())) {
            inner.add(e);
          } else {
            problems.add(source + ": unknown field '" + where + ".cycle."
                + e.getKey() + "'; allowed here: count, plate, rest, strip");
          }
        }
        for (int c = 0; c < count; c++) {
          for (Map.Entry<String, JsonNode> e : inner) {
            steps.add(step(source, where + ".cycle." + e.getKey(), e.getKey(), e.getValue(),
                schema, cycle + c, c == 0 || problems.list() == null ? problems
                    : new Problems(new ArrayList<>()))); // repeats: reported once
          }
        }
        cycle += count - 1;
      } else if (List.of("plate", "rest", "strip").contains(kind)) {
        steps.add(step(source, where + "." + kind, kind, body, schema, 0, problems));
      } else if (kind.equals("pulse")) {
        Map<String, Object> v = section(source, "protocol.pulse", body, schema, problems);
        double cur = (Double) v.get("current_mA_cm2");
        for (int n = 0; n < (Integer) v.get("count"); n++) {
          steps.add(new Step("plate", cur, 0, (Double) v.get("on_s"), 0,
              (Integer) v.get("cycle")));
          if ((Double) v.get("off_s") > 0) {
            steps.add(new Step("rest", 0, 0, (Double) v.get("off_s"), 0,
                (Integer) v.get("cycle")));
          }
        }
      } else if (kind.equals("reversePulse")) {
        Map<String, Object> v = section(source, "protocol.reversePulse", body, schema,
            problems);
        for (int n = 0; n < (Integer) v.get("count"); n++) {
          steps.add(new Step("plate", (Double) v.get("forward_mA_cm2"), 0,
              (Double) v.get("forward_s"), 0, (Integer) v.get("cycle")));
          steps.add(new Step("strip", (Double) v.get("reverse_mA_cm2"), 0,
              (Double) v.get("reverse_s"), 0, (Integer) v.get("cycle")));
        }
      } else {
        problems.add(source + ": unknown field '" + where + "." + kind
            + "'; allowed here: plate, rest, strip, cycle, pulse, reversePulse");
      }
    }
    return steps;
  }

  private static Step step(String source, String where, String kind, JsonNode body,
      ParameterSchema schema, int cycle, Problems problems) {
    Map<String, Object> v = new LinkedHashMap<>();
    for (String k : schema.keysUnder("protocol." + kind)) {
      v.put(k.substring(k.lastIndexOf('.') + 1), schema.param(k).defaultValue());
    }
    if (body != null && !body.isNull()) {
      if (!body.isObject()) {
        problems.add(source + ": field '" + where + "': value " + body
            + " is not a mapping; allowed: " + String.join(", ", v.keySet()));
        body = null; // the step's defaults
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = body == null
          ? java.util.Collections.emptyIterator() : body.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        ParameterSchema.Param p = schema.param("protocol." + kind + "." + e.getKey());
        if (p == null) {
          problems.add(source + ": unknown field '" + where + "." + e.getKey()
              + "'; allowed here: " + String.join(", ", v.keySet()));
          continue;
        }
        Object val = convert(source, p, e.getValue(), problems);
        v.put(e.getKey(), val);
      }
    }
    double current = v.containsKey("current_mA_cm2") ? (Double) v.get("current_mA_cm2") : 0.0;
    double charge = v.containsKey("charge_mAh_cm2") ? (Double) v.get("charge_mAh_cm2") : 0.0;
    double time = (Double) v.get("time_s");
    double cutoff = v.containsKey("cutoff_V") ? (Double) v.get("cutoff_V") : 0.0;
    if (kind.equals("plate") && charge == 0.0 && time == 0.0) {
      problems.add(source + ": field '" + where + "' sets neither charge_mAh_cm2"
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
    return new Scenario(source, name, description, seed, v, protocol, materials, features,
        strategy);
  }

  /** A copy with a replaced protocol (already validated steps). */
  public Scenario withProtocol(List<Step> steps) {
    return new Scenario(source, name, description, seed, values, steps, materials, features,
        strategy);
  }

  /** Scenario-defined materials (appended after the built-in ones). */
  public List<MaterialSpec> materials() {
    return materials;
  }

  /** Geometry features in file order. */
  public List<Feature> features() {
    return features;
  }

  /** Strategy metadata (fields of {@code strategy.*}), or null for a plain scenario. */
  public Map<String, Object> strategy() {
    return strategy;
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
    if (!materials.isEmpty()) {
      var ml = root.putArray("materials");
      for (MaterialSpec m : materials) {
        ObjectNode o = ml.addObject();
        o.put("name", m.name());
        o.put("flags", String.join(",", m.flags()));
        o.put("carrierBarrier_eV", m.carrierBarrierEv());
        o.put("contactAngle_deg", m.contactAngleDeg());
        o.put("young_GPa", m.youngGPa());
        o.put("fracture_GPa", m.fractureGPa());
        o.put("healing_per_s", m.healingPerS());
        o.put("color", String.format("#%06x", m.rgb()));
        if (m.porosity() > 0 || m.tortuosity() != 1.0) { // written only when given (field mode)
          o.put("porosity", m.porosity());
          o.put("tortuosity", m.tortuosity());
        }
      }
    }
    if (!features.isEmpty()) {
      var fl = ((ObjectNode) root.get("geometry")).putArray("features");
      for (Feature f : features) {
        fl.addObject().set(f.kind(), YAML.valueToTree(f.values()));
      }
    }
    if (strategy != null) {
      root.set("strategy", YAML.valueToTree(strategy));
    }
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
