package org.liko.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liko.engine.backend.Backends;

/**
 * Golden runs, as SPPARKS keeps example logs: a few small fixed-seed scenarios whose time series
 * (every column, full precision), Li inventory and final lattice (SHA-256 of its bytes) are
 * checked in under {@code src/test/resources/golden/}. Any change of behaviour, intended or
 * not, shows up here and in review as a changed file. After an intended change, regenerate with
 * {@code mvn -pl lattice-models test -Dtest=GoldenRunsTest -Dliko.golden.update=true} and say
 * why in the commit. Each run takes well under a second.
 */
class GoldenRunsTest {
  static final Path DIR = Path.of("src/test/resources/golden");
  static final String SMALL = "schemaVersion: 1\nname: golden\n"
      + "surface: {attemptFrequency_Hz: 1.0e3}\nsei: {decayLength_nm: 0.3}\n"
      + "output: {samples: 6}\n";
  static final Map<String, String> YAML = Map.of(
      // exact: hops with diagonals, SEI, plating then stripping with dead-Li fills
      "exact-2d", SMALL + "lattice: {nx: 48, nz: 40}\nprotocol:\n"
          + "  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.0004}\n"
          + "  - strip: {current_mA_cm2: 1, charge_mAh_cm2: 0.0002}\n",
      // parallel on cpu: the same physics in 2D, sector method
      "parallel-2d", SMALL + "lattice: {nx: 64, nz: 40}\nprotocol:\n"
          + "  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.0004}\n"
          + "  - strip: {current_mA_cm2: 1, charge_mAh_cm2: 0.0002}\n",
      // exact walkers: diffusion-limited, first-passage jumps on
      "exact-walkers", ParallelWalkersTest.head(48, 1, 48) + "output: {samples: 6}\n"
          + "transport: {mode: walkers, population: 1, reactionProbability: 1}\nprotocol:\n"
          + "  - plate: {current_mA_cm2: 1, charge_mAh_cm2: 0.0002}\n",
      // parallel walkers: a population, plating then rest
      "parallel-walkers", ParallelWalkersTest.POPULATION,
      // field mode, reservoir on top: coarse 50 nm sites, plate then strip, gross exchange
      // (guards the field's top boundary against the far-field option at its default 0)
      "exact-field", FieldTransportTest.head(16, 33, "reservoir", 1)
          .replace("interval_s: 1.0}", "interval_s: 1.0, exchange: gross}")
          + "output: {samples: 6}\n"
          + "protocol:\n  - plate: {current_mA_cm2: 2, time_s: 40}\n"
          + "  - strip: {current_mA_cm2: 2, time_s: 20}\n",
      // field mode, salt-conserving counter electrode on top
      "exact-field-counter", FieldTransportTest.head(16, 33, "counter", 1)
          .replace("interval_s: 1.0}", "interval_s: 1.0, exchange: gross}")
          + "output: {samples: 6}\n"
          + "protocol:\n  - plate: {current_mA_cm2: 2, time_s: 40}\n"
          + "  - strip: {current_mA_cm2: 2, time_s: 20}\n");

  @ParameterizedTest
  @ValueSource(strings = {"exact-2d", "parallel-2d", "exact-walkers", "parallel-walkers",
      "exact-field", "exact-field-counter"})
  void matchesTheCheckedInRun(String name) throws IOException {
    Scenario s = Scenario.parse(YAML.get(name), name);
    Simulation sim = new Simulation(s, 20261125L);
    if (name.startsWith("parallel")) {
      sim.solver("parallel").backend(Backends.load().select("cpu")).attemptsPerSite(0.15);
    }
    Simulation.Result r = sim.run(new Simulation.Listener() {});
    String text = render(r);
    Path file = DIR.resolve(name + ".txt");
    if (Boolean.getBoolean("liko.golden.update")) {
      Files.createDirectories(DIR);
      Files.writeString(file, text, StandardCharsets.UTF_8);
      System.out.println("GoldenRunsTest: wrote " + file);
    }
    assertTrue(Files.exists(file), file + " is missing: run with -Dliko.golden.update=true");
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), text,
        name + " changed; if intended, regenerate (see the class comment) and say why");
  }

  /** Stop reason, events, inventory, every row (Double.toString) and the lattice's SHA-256. */
  static String render(Simulation.Result r) {
    StringBuilder b = new StringBuilder();
    b.append("stop: ").append(r.stopReason()).append('\n');
    b.append("events: ").append(r.summary().get("events")).append('\n');
    b.append("inventory: ").append(r.summary().get("inventory")).append('\n');
    b.append("columns: ").append(String.join(",", Simulation.COLUMNS)).append('\n');
    for (double[] row : r.rows()) {
      for (int k = 0; k < row.length; k++) {
        b.append(k > 0 ? "," : "").append(row[k]);
      }
      b.append('\n');
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(r.model().lattice().cells());
      b.append("lattice-sha256: ").append(HexFormat.of().formatHex(h)).append('\n');
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return b.toString();
  }
}
