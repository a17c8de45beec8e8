package org.liko.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.liko.engine.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code liko merge DIR... --out DIR}: puts the shard folders of one {@code compare} or
 * {@code sweep} together. It checks that every folder's {@link Manifest} holds the same
 * {@link ComparePlan} (scenario hashes, options, seeds, liko version; the first differences are
 * named), that every run of the plan is done in exactly one folder (missing and duplicated runs
 * are named), then links (or, across file systems, copies) the run folders into {@code --out}
 * and writes the comparison files through {@link CompareCommand#writeComparison}, the code
 * {@code compare} uses, so the result equals a one-machine comparison with the same options and
 * seeds but for the wall times inside the run summaries.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = "Put the shard folders of a compare or sweep (--shard i/N) together:"
        + " comparison.csv, comparison.json, figures and report as one machine would write"
        + " them.")
public final class MergeCommand implements Callable<Integer> {
  /** How many missing or duplicated runs a message names before it says "and N more". */
  static final int NAMED = 8;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "SHARD_DIR",
      description = "The --out folders of the shards (any order).")
  List<Path> shardDirs;

  @Mixin OutputOptions output;

  @Mixin QuietOption quiet;

  @Option(names = "--no-plots", description = "Skip comparison figures and report.html.")
  boolean noPlots;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = quiet.diagnostics(spec.commandLine().getErr());
    if (output.out() == null) {
      throw new InputException("merge: --out DIR is required: the folder of the merged"
          + " comparison");
    }
    List<Manifest> manifests = new ArrayList<>();
    for (Path d : shardDirs) {
      if (!Files.isDirectory(d)) {
        throw new InputException("SHARD_DIR '" + d + "' is not a folder");
      }
      manifests.add(Manifest.read(d));
    }
    ComparePlan plan = manifests.get(0).plan();
    for (int i = 1; i < manifests.size(); i++) {
      List<String> diff = ComparePlan.differences(plan.json(), manifests.get(i).plan().json(),
          5);
      if (!diff.isEmpty()) {
        throw new InputException("'" + shardDirs.get(0) + "' and '" + shardDirs.get(i)
            + "' are not shards of one comparison; they differ in " + String.join("; ", diff)
            + "; merge only the shards of one compare/sweep command");
      }
    }
    Path target = output.out().toAbsolutePath().normalize();
    for (Path d : shardDirs) {
      Path a = d.toAbsolutePath().normalize();
      if (target.startsWith(a) || a.startsWith(target)) {
        throw new InputException("--out '" + output.out() + "' overlaps the shard folder '" + d
            + "'; give a new folder");
      }
    }
    // every run done in exactly one folder
    List<ComparePlan.Run> runs = plan.runs();
    Path[] source = new Path[runs.size()];
    List<String> duplicated = new ArrayList<>();
    for (int i = 0; i < manifests.size(); i++) {
      for (ComparePlan.Run r : runs) {
        if (Manifest.DONE.equals(manifests.get(i).status(r.index()))) {
          if (source[r.index()] != null) {
            duplicated.add(plan.name(r) + " (in '" + source[r.index()] + "' and '"
                + shardDirs.get(i) + "')");
          } else {
            source[r.index()] = shardDirs.get(i);
          }
        }
      }
    }
    if (!duplicated.isEmpty()) {
      throw new InputException("runs done in two folders (" + duplicated.size() + "): "
          + named(duplicated) + "; give each shard folder once (a rerun shard replaces, not"
          + " joins, its first folder)");
    }
    List<String> missing = new ArrayList<>();
    for (ComparePlan.Run r : runs) {
      if (source[r.index()] == null) {
        missing.add(plan.name(r) + " (" + whyMissing(r, manifests) + ")");
      } else if (!Files.isRegularFile(plan.runDir(source[r.index()], r)
          .resolve(RunWriter.SUMMARY))) {
        missing.add(plan.name(r) + " (marked done but '" + plan.runDir(source[r.index()], r)
            + "' has no " + RunWriter.SUMMARY + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new InputException("runs missing (" + missing.size() + " of " + runs.size() + "): "
          + named(missing) + "; finish those shards (same command with --resume), then merge"
          + " again");
    }
    Path dir = output.resolve();
    Manifest merged = new Manifest(plan, Shard.WHOLE);
    for (int p = 0; p < plan.points().size(); p++) {
      Path pd = Files.createDirectories(plan.pointDir(dir, p));
      // the point's resolved scenario: the same in every shard (its hash is in the plan)
      Path from = plan.pointDir(shardDirs.get(0), p).resolve(RunWriter.SCENARIO);
      if (!Files.isRegularFile(from)) {
        throw new InputException("'" + from + "' is missing; the shard folder is damaged,"
            + " rerun that shard");
      }
      Files.copy(from, pd.resolve(RunWriter.SCENARIO), StandardCopyOption.REPLACE_EXISTING);
    }
    for (ComparePlan.Run r : runs) {
      copyTree(plan.runDir(source[r.index()], r), plan.runDir(dir, r));
      merged.set(r.index(), Manifest.DONE);
    }
    merged.write(dir);
    err.println("liko: merge: " + runs.size() + " runs from " + shardDirs.size()
        + " folders into " + dir);
    CompareBase.writeAll(dir, plan, merged, !noPlots, out);
    out.println("merged " + runs.size() + " runs from " + shardDirs.size() + " folders");
    out.println("output " + dir);
    out.flush();
    return ExitCode.OK;
  }

  /** Why no folder has run r: the statuses the folders that own it report. */
  private String whyMissing(ComparePlan.Run r, List<Manifest> manifests) {
    Map<String, String> said = new LinkedHashMap<>();
    for (int i = 0; i < manifests.size(); i++) {
      String s = manifests.get(i).status(r.index());
      if (s != null) {
        said.put(shardDirs.get(i).toString(), s);
      }
    }
    if (said.isEmpty()) {
      int n = manifests.get(0).shard().count();
      return "shard " + (r.index() % n + 1) + "/" + n + " not given";
    }
    List<String> parts = new ArrayList<>();
    said.forEach((d, s) -> parts.add(s + " in '" + d + "'"));
    return String.join(", ", parts);
  }

  private static String named(List<String> items) {
    String shown = String.join(", ", items.subList(0, Math.min(NAMED, items.size())));
    return items.size() > NAMED ? shown + " and " + (items.size() - NAMED) + " more" : shown;
  }

  /**
   * Puts the files of {@code from} under {@code to}: a hard link where the file system allows
   * (no second copy of big lattices), else a copy. Files liko writes are replaced by rename,
   * never changed in place, so a linked file cannot change under the other folder.
   */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      files.forEach(f -> {
        Path t = to.resolve(from.relativize(f).toString());
        try {
          if (Files.isDirectory(f)) {
            Files.createDirectories(t);
          } else {
            Files.deleteIfExists(t);
            try {
              Files.createLink(t, f);
            } catch (FileSystemException | UnsupportedOperationException e) {
              Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw new InputException("cannot put '" + from + "' into '" + to + "': " + e.getCause(),
          e.getCause());
    }
  }
}
