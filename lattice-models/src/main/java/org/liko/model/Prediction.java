package org.liko.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liko.engine.InputException;

/**
 * The pre-registered prediction of a mesoscale catalogue file (its top-level {@code prediction}
 * block, written before the strategy is run at scale; docs/strategies.md):
 *
 * <pre>
 * prediction:
 *   metric: heightP99OverMean        # one of METRICS
 *   sign: lower                      # lower or higher than the baseline
 *   regimes: [transport]             # where the effect should appear: cell, transport
 *   leverRange:                      # each lever's two ends, where the verdict must also hold
 *     transport.field.tPlus: {range: [0.85, 1.0], unit: "1", source: "Bouchet et al. 2013 ..."}
 *   reason: "why this sign in these regimes"   # optional
 * </pre>
 *
 * A lever key is a scenario key of parameters.yaml (checked against its min and max), or
 * {@code material.NAME.FIELD} (a material the file defines), {@code feature.KIND.FIELD} or
 * {@code protocol.KIND.FIELD} (fields of parameters.yaml's material, feature and protocol
 * entries).
 *
 * @param metric the statistic the strategy moves
 * @param sign {@code lower} or {@code higher} than the baseline
 * @param regimes where the effect should appear, a non-empty subset of {@link #REGIMES}
 * @param levers each lever's range, in file order
 * @param reason the physics behind the sign and regimes, or ""
 */
public record Prediction(String metric, String sign, List<String> regimes, List<Lever> levers,
    String reason) {
  /** Metrics a prediction may name (the mesoscale summary's morphology and charge book). */
  public static final List<String> METRICS = List.of("porosity", "tipCount", "heightP99OverMean",
      "deadLiFraction", "seiLiFraction", "coulombicEfficiency", "shortCircuitTime_s");
  /** Signs against the baseline. */
  public static final List<String> SIGNS = List.of("lower", "higher");
  /** The mesoscale regimes (issue 15): separator on the deposit at J/J_lim ~ 0.1, liquid gap. */
  public static final List<String> REGIMES = List.of("cell", "transport");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * One lever's range.
   *
   * @param key scenario key, or material./feature./protocol. path
   * @param low the low end
   * @param high the high end
   * @param unit unit of the values
   * @param source where the two ends come from (paper, journal, year)
   */
  public record Lever(String key, double low, double high, String unit, String source) { }

  /**
   * Reads the {@code prediction} block of a catalogue file.
   *
   * @param text the file
   * @param source names the file in messages
   * @return null when the file has no prediction block
   * @throws InputException naming the field and what is allowed when the block is malformed
   */
  public static Prediction parse(String text, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputException(source + ": not valid YAML: " + e.getOriginalMessage());
    }
    JsonNode p = root == null ? null : root.get("prediction");
    if (p == null) {
      return null;
    }
    String where = source + ": field 'prediction";
    if (!p.isObject()) {
      throw new InputException(where + "': value " + p + " is not a mapping; allowed: metric,"
          + " sign, regimes, leverRange, reason");
    }
    for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!List.of("metric", "sign", "regimes", "leverRange", "reason").contains(k)) {
        throw new InputException(source + ": unknown field 'prediction." + k + "'; allowed"
            + " here: metric, sign, regimes, leverRange, reason");
      }
    }
    String metric = choice(p, "metric", METRICS, where);
    String sign = choice(p, "sign", SIGNS, where);
    JsonNode r = p.get("regimes");
    if (r == null || !r.isArray() || r.isEmpty()) {
      throw new InputException(where + ".regimes': value " + r + " is not a non-empty list;"
          + " allowed: a list of " + REGIMES + ", e.g. [transport]");
    }
    List<String> regimes = new ArrayList<>();
    for (JsonNode x : r) {
      if (!REGIMES.contains(x.asText()) || regimes.contains(x.asText())) {
        throw new InputException(where + ".regimes': value '" + x.asText() + "' is not a"
            + " regime or is repeated; allowed: " + REGIMES);
      }
      regimes.add(x.asText());
    }
    List<Lever> levers = new ArrayList<>();
    JsonNode lr = p.get("leverRange");
    if (lr == null || !lr.isObject() || lr.isEmpty()) {
      throw new InputException(where + ".leverRange': value " + lr + " is not a non-empty"
          + " mapping; allowed: scenario key -> {range: [low, high], unit, source}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = lr.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      levers.add(lever(e.getKey(), e.getValue(), where + ".leverRange." + e.getKey()));
    }
    JsonNode reason = p.get("reason");
    return new Prediction(metric, sign, List.copyOf(regimes), List.copyOf(levers),
        reason == null ? "" : reason.asText());
  }

  private static String choice(JsonNode p, String k, List<String> allowed, String where) {
    JsonNode v = p.get(k);
    if (v == null || !v.isTextual() || !allowed.contains(v.asText())) {
      throw new InputException(where + "." + k + "': value " + (v == null ? "missing" : v)
          + " is not allowed; allowed: one of " + allowed);
    }
    return v.asText();
  }

  private static Lever lever(String key, JsonNode v, String where) {
    JsonNode range = v.get("range");
    if (!v.isObject() || range == null || !range.isArray() || range.size() != 2
        || !range.get(0).isNumber() || !range.get(1).isNumber()) {
      throw new InputException(where + "': value " + v + " is not allowed; allowed: {range:"
          + " [low, high], unit: ..., source: ...}");
    }
    double lo = range.get(0).asDouble();
    double hi = range.get(1).asDouble();
    if (!(lo <= hi)) {
      throw new InputException(where + ".range': value " + range + " has low > high; allowed:"
          + " [low, high] with low <= high");
    }
    String unit = v.hasNonNull("unit") ? v.get("unit").asText() : "";
    String source = v.hasNonNull("source") ? v.get("source").asText().strip() : "";
    if (source.isEmpty()) {
      throw new InputException(where + ".source' is missing; allowed: the paper (authors,"
          + " journal, year) the two ends come from");
    }
    return new Lever(key, lo, hi, unit, source);
  }

  /**
   * Checks each lever key against the schema and the strategy's scenario: a scenario key must
   * exist with both ends inside its min and max; {@code material.NAME.FIELD} needs a material of
   * that name in the scenario and FIELD in parameters.yaml's material entries; feature. and
   * protocol. paths need their field in parameters.yaml.
   *
   * @throws InputException naming the lever and what is allowed
   */
  public void validate(Scenario s) {
    ParameterSchema schema = ParameterSchema.get();
    for (Lever l : levers) {
      String where = s.source() + ": field 'prediction.leverRange." + l.key() + "'";
      String[] parts = l.key().split("\\.");
      ParameterSchema.Param p;
      if (parts[0].equals("material") && parts.length == 3) {
        if (s.materials().stream().noneMatch(m -> m.name().equals(parts[1]))) {
          throw new InputException(where + ": no material '" + parts[1] + "' in the file;"
              + " allowed: a material the file defines under 'materials'");
        }
        p = schema.param("material." + parts[2]);
      } else {
        p = schema.param(l.key());
      }
      if (p == null) {
        throw new InputException(where + ": not a scenario key; allowed: a key of"
            + " parameters.yaml, or material.NAME.FIELD / feature.KIND.FIELD /"
            + " protocol.KIND.FIELD");
      }
      if (p.type().equals("double") || p.type().equals("int")) {
        if (l.low() < p.min() || l.high() > p.max()) {
          throw new InputException(where + ": range [" + l.low() + ", " + l.high() + "] is"
              + " outside " + p.allowed());
        }
      }
    }
  }

  /** The block as written, for summaries: metric, sign, regimes and each lever's range. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric", metric);
    m.put("sign", sign);
    m.put("regimes", regimes);
    Map<String, Object> lv = new LinkedHashMap<>();
    for (Lever l : levers) {
      lv.put(l.key(), Map.of("range", List.of(l.low(), l.high()), "unit", l.unit(),
          "source", l.source()));
    }
    m.put("leverRange", lv);
    return m;
  }
}
