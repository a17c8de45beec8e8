package org.liko.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.liko.engine.InputException;
import org.liko.engine.checkpoint.Checkpoint;
import org.liko.engine.checkpoint.StateIn;
import org.liko.engine.checkpoint.StateOut;
import org.liko.model.Simulation;
import org.liko.plots.AtomicFiles;

/**
 * The checkpoint of one run folder, {@value #FILE}, beside its outputs: written atomically
 * (temporary file and rename) every {@code --checkpoint-every} of wall time and when SIGINT or
 * SIGTERM stops the run, removed when the run ends otherwise; {@code liko resume DIR} continues
 * from it. The file is a {@link Checkpoint} (format version, liko version, SHA-256 of the run's
 * {@value RunWriter#SCENARIO}, CRC32C) whose state holds the run's options (seed, solver,
 * backend, threads, window, figures) and then the simulation's state ({@link Simulation#resume}).
 */
final class RunCheckpoint implements Simulation.Checkpoints {
  /** File name of the checkpoint in a run folder. */
  static final String FILE = "checkpoint.liko";

  /** What a resumed run needs beyond the scenario. */
  record Options(long seed, String solver, String backend, int threads, double window,
      boolean plots) {}

  private final Path dir;
  private final byte[] scenarioSha256;
  private final Options options;
  private final long everyNanos; // 0: only on a stop
  private final long stopAfterEvents; // test hook: as SIGTERM once this many events passed
  private final PrintWriter diag;
  private long last = System.nanoTime();
  private boolean written;

  RunCheckpoint(Path dir, String resolvedScenario, Options options, long everyNanos,
      long stopAfterEvents, PrintWriter diag) {
    this.dir = dir;
    this.scenarioSha256 = sha256(resolvedScenario);
    this.options = options;
    this.everyNanos = everyNanos;
    this.stopAfterEvents = stopAfterEvents;
    this.diag = diag;
  }

  @Override
  public boolean due(long events, double time) {
    if (stopAfterEvents > 0 && events >= stopAfterEvents) {
      Interrupts.request(ExitCode.SIGTERM); // seen at the next poll, as a signal would be
    }
    if (everyNanos > 0 && System.nanoTime() - last >= everyNanos) {
      return true;
    }
    return false;
  }

  @Override
  public void write(byte[] state) {
    StateOut out = new StateOut();
    out.section("liko-run").l(options.seed()).text(options.solver()).text(options.backend())
        .i(options.threads()).d(options.window()).b(options.plots()).bytes(state);
    byte[] file = new Checkpoint(Version.liko(), scenarioSha256, out.toByteArray()).encode();
    try {
      AtomicFiles.write(dir.resolve(FILE), file);
    } catch (IOException | UncheckedIOException e) {
      throw new InputException("cannot write the checkpoint " + dir.resolve(FILE) + " (" + e
          + "); free space or fix the folder's permissions, then rerun", e);
    }
    last = System.nanoTime();
    written = true;
    if (diag != null) {
      diag.println("liko: checkpoint written to " + dir.resolve(FILE));
      diag.flush();
    }
  }

  /** True once a checkpoint was written. */
  boolean written() {
    return written;
  }

  /**
   * After the run: with stop reason {@code interrupted} the checkpoint stays and the way on is printed on {@code err} (null: not printed); any other end removes it
   * (nothing is left to continue).
   */
  void finish(String stopReason, PrintWriter err) throws IOException {
    Path f = dir.resolve(FILE);
    if (stopReason.equals("interrupted") && written) {
      if (err != null) {
        err.println("liko: stopped (" + stopReason + "); continue with: liko resume " + dir);
        err.flush();
      }
    } else {
      Files.deleteIfExists(f);
    }
  }

  /** A checkpoint read back: the run's options and the simulation's state. */
  record Loaded(Options options, byte[] state) {}

  /**
   * Reads {@value #FILE} of {@code dir} and checks it against this liko and the folder's
   * {@value RunWriter#SCENARIO} (its text, as written by the run).
   *
   * @param resolvedScenario the text whose SHA-256 the checkpoint must hold
   * @throws InputException naming the file and what is wrong (missing, truncated, damaged,
   *     another format or liko version, another scenario)
   */
  static Loaded read(Path dir, String resolvedScenario) throws IOException {
    Path f = dir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      throw new InputException("resume: '" + dir + "' holds no checkpoint (" + FILE + "); a run"
          + " writes one when SIGINT/SIGTERM stops it or with --checkpoint-every; start the run"
          + " again with liko run");
    }
    Checkpoint c = Checkpoint.decode(Files.readAllBytes(f), f.toString(), Version.liko(),
        sha256(resolvedScenario));
    StateIn in = new StateIn(c.state(), f.toString());
    in.section("liko-run");
    Options o = new Options(in.l(), in.text(), in.text(), in.i(), in.d(), in.b());
    byte[] state = in.bytes();
    in.end();
    return new Loaded(o, state);
  }

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)([smh])");

  /**
   * Nanoseconds of a wall-time duration such as {@code 90s}, {@code 30m}, {@code 2h} or
   * {@code 1h30m}.
   *
   * @throws InputException for anything else, or a duration under one second
   */
  static long parseDuration(String option, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = PART.matcher(t);
    double seconds = 0;
    int at = 0;
    while (at < t.length() && m.find(at) && m.start() == at) {
      double v = Double.parseDouble(m.group(1));
      seconds += v * (m.group(2).equals("h") ? 3600 : m.group(2).equals("m") ? 60 : 1);
      at = m.end();
    }
    if (t.isEmpty() || at != t.length() || !(seconds >= 1) || seconds > 1e9) {
      throw new InputException(option + ": value '" + text + "' is not a wall-time duration;"
          + " allowed: a number with unit s, m or h, at least 1 s, e.g. 90s, 30m, 2h, 1h30m");
    }
    return (long) (seconds * 1e9);
  }

  /** SHA-256 of the UTF-8 bytes of {@code text} ({@link ComparePlan#sha256}), as bytes. */
  static byte[] sha256(String text) {
    return java.util.HexFormat.of().parseHex(ComparePlan.sha256(text));
  }
}
