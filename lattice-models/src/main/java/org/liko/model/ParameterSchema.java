package org.liko.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter table ({@code parameters.yaml}): every scenario key with its default, type,
 * allowed range, unit and reference. One place for defaults; validation and the resolved
 * scenario both read it.
 */
public final class ParameterSchema {
  /** One parameter. */
  public record Param(String key, String type, Object defaultValue, double min, double max,
      List<String> choices, String unit, String ref) {

    /** Allowed range or choices, for messages. */
    public String allowed() {
      switch (type) {
        case "choice":
          return "one of " + choices;
        case "bool":
          return "true or false";
        case "string":
          return "a name";
        default:
          return "a" + (type.equals("double") ? " number" : "n integer") + " in [" + fmt(min)
              + ", " + fmt(max) + "]" + (unit.isEmpty() || unit.equals("1") ? "" : " " + unit);
      }
    }

    private static String fmt(double v) {
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
  }

  private static final ParameterSchema INSTANCE = load();
  private final Map<String, Param> params;

  private ParameterSchema(Map<String, Param> params) {
    this.params = Collections.unmodifiableMap(params);
  }

  /** The schema of this liko version. */
  public static ParameterSchema get() {
    return INSTANCE;
  }

  /** All parameters by dotted key, in file order. */
  public Map<String, Param> params() {
    return params;
  }

  /** The parameter of a dotted key, or null. */
  public Param param(String key) {
    return params.get(key);
  }

  /** Keys starting with {@code prefix + "."}. */
  public List<String> keysUnder(String prefix) {
    List<String> out = new ArrayList<>();
    for (String k : params.keySet()) {
      if (k.startsWith(prefix + ".")) {
        out.add(k);
      }
    }
    return out;
  }

  private static ParameterSchema load() {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (InputStream in = ParameterSchema.class.getResourceAsStream("parameters.yaml")) {
      JsonNode root = yaml.readTree(in);
      Map<String, Param> map = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode n = e.getValue();
        String type = n.get("type").asText();
        Object def;
        JsonNode d = n.get("default");
        switch (type) {
          case "int":
            def = d.asInt();
            break;
          case "long":
            def = d.asLong();
            break;
          case "double":
            def = d.asDouble();
            break;
          case "bool":
            def = d.asBoolean();
            break;
          default:
            def = d.asText();
        }
        List<String> choices = new ArrayList<>();
        if (n.has("choices")) {
          n.get("choices").forEach(c -> choices.add(c.asText()));
        }
        map.put(e.getKey(), new Param(e.getKey(), type, def,
            n.has("min") ? n.get("min").asDouble() : Double.NEGATIVE_INFINITY,
            n.has("max") ? n.get("max").asDouble() : Double.POSITIVE_INFINITY,
            List.copyOf(choices), n.path("unit").asText(""), n.path("ref").asText("")));
      }
      return new ParameterSchema(map);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read parameters.yaml", e);
    }
  }
}
