package org.liko.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liko.engine.InputException;
import org.liko.plots.Json;

/**
 * {@value #FILE} of a {@code compare} or {@code sweep} output folder: the {@link ComparePlan},
 * which shard of it the folder holds, and the status of each of the shard's runs
 * ({@value #PENDING}, {@value #DONE} or {@value #INTERRUPTED}). Rewritten atomically after every
 * run, so a folder killed at any point says which runs are complete; {@code liko merge} and
 * {@code --resume} read it.
 */
public final class Manifest {
  /** File name in the output folder. */
  public static final String FILE = "manifest.json";
  /** Value of the {@code format} field. */
  public static final String FORMAT = "liko-comparison-manifest";
  /** Version of the layout of this file; a reader refuses others. */
  public static final int FORMAT_VERSION = 1;
  /** Run not started (or started and killed before it finished). */
  public static final String PENDING = "pending";
  /** Run complete: its folder holds every output. */
  public static final String DONE = "done";
  /** Run stopped by SIGINT/SIGTERM: its outputs are partial. */
  public static final String INTERRUPTED = "interrupted";

  private final ComparePlan plan;
  private final Shard shard;
  private final Map<Integer, String> status = new LinkedHashMap<>(); // run index -> status

  /** A new manifest with every run of the shard pending. */
  public Manifest(ComparePlan plan, Shard shard) {
    this.plan = plan;
    this.shard = shard;
    for (ComparePlan.Run r : plan.runs()) {
      if (shard.owns(r.index())) {
        status.put(r.index(), PENDING);
      }
    }
  }

  /** The plan. */
  public ComparePlan plan() {
    return plan;
  }

  /** The shard the folder holds. */
  public Shard shard() {
    return shard;
  }

  /** Status of run {@code index}, or null when the run is not in this shard. */
  public synchronized String status(int index) {
    return status.get(index);
  }

  /** Sets the status of a run of this shard. */
  public synchronized void set(int index, String s) {
    if (!status.containsKey(index)) {
      throw new IllegalArgumentException("run " + index + " is not in shard " + shard);
    }
    status.put(index, s);
  }

  /** Writes {@value #FILE} into {@code dir}, atomically. */
  public synchronized void write(Path dir) throws IOException {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("shard", shard.index());
    root.put("shards", shard.count());
    ArrayNode runs = root.putArray("runs");
    List<ComparePlan.Run> all = plan.runs();
    for (Map.Entry<Integer, String> e : status.entrySet()) {
      ComparePlan.Run r = all.get(e.getKey());
      ObjectNode o = runs.addObject();
      o.put("run", r.index());
      o.put("point", plan.points().get(r.point()).folder());
      o.put("strategy", plan.strategies().get(r.strategy()).id());
      o.put("replica", r.replica());
      o.put("seed", r.seed());
      o.put("status", e.getValue());
    }
    root.set("plan", plan.json());
    Json.write(dir.resolve(FILE), root);
  }

  /**
   * Reads {@code dir}/{@value #FILE}.
   *
   * @throws InputException when it is missing, unreadable, of another format version, or does
   *     not agree with its plan
   */
  public static Manifest read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new InputException(dir + ": no " + FILE + "; give the --out folder of a liko compare"
          + " or sweep (liko 0.1 and later write it)");
    }
    JsonNode root;
    try {
      root = Json.read(file);
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read as JSON (" + e.getMessage().lines()
          .findFirst().orElse("") + "); the folder is damaged, rerun its shard", e);
    }
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new InputException(file + ": field 'format' is not '" + FORMAT + "'");
    }
    int v = root.path("formatVersion").asInt(-1);
    if (v != FORMAT_VERSION) {
      throw new InputException(file + ": format version " + v + "; this liko ("
          + Version.liko() + ") reads version " + FORMAT_VERSION + " only");
    }
    ComparePlan plan = ComparePlan.fromJson(root.get("plan"), file.toString());
    Shard shard;
    try {
      shard = new Shard(root.path("shard").asInt(0), root.path("shards").asInt(0));
    } catch (InputException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
    Manifest m = new Manifest(plan, shard);
    List<ComparePlan.Run> all = plan.runs();
    for (JsonNode r : root.path("runs")) {
      int index = r.path("run").asInt(-1);
      String s = r.path("status").asText();
      if (index < 0 || index >= all.size() || m.status(index) == null
          || !List.of(PENDING, DONE, INTERRUPTED).contains(s)
          || r.path("replica").asInt(-1) != all.get(index).replica()
          || !plan.strategies().get(all.get(index).strategy()).id()
              .equals(r.path("strategy").asText())) {
        throw new InputException(file + ": entry " + r + " of 'runs' does not match the plan or"
            + " shard " + shard);
      }
      m.set(index, s);
    }
    return m;
  }
}
