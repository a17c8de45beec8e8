package org.liko.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import org.liko.engine.InputException;

/**
 * Chooses and creates the output folder of a command (DESIGN.md section 8): without {@code --out}
 * a new {@code results/<UTC yyyyMMdd-HHmmss>/} (with {@code -2}, {@code -3}, ... appended when
 * that name is taken); an explicit folder that exists and is not empty needs {@code --force}.
 * With {@code --force} nothing is deleted: files liko writes replace files of the same name.
 */
public final class OutputDir {
  /** Folder, relative to the working directory, under which default output folders are made. */
  public static final Path DEFAULT_ROOT = Path.of("results");

  /** Name of a default output folder: the UTC start time, to the second. */
  public static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private OutputDir() {}

  /**
   * Resolves and creates the output folder: {@code out}, or a new timestamped folder under
   * {@link #DEFAULT_ROOT} when {@code out} is null.
   *
   * @throws InputException when {@code out} is a file, or a non-empty folder and {@code force} is false
   */
  public static Path resolve(Path out, boolean force) {
    return resolve(out, force, DEFAULT_ROOT, Clock.systemUTC());
  }

  /** As {@link #resolve(Path, boolean)}, with the default root and the clock given (for tests). */
  public static Path resolve(Path out, boolean force, Path defaultRoot, Clock clock) {
    return out == null ? createDefault(defaultRoot, clock) : prepare(out, force);
  }

  /**
   * Creates and returns a new folder {@code root/<UTC stamp>}, or {@code root/<stamp>-N} with the
   * smallest N >= 2 that is free. Creation is atomic, so two runs started in the same second get
   * different folders.
   */
  public static Path createDefault(Path root, Clock clock) {
    String stamp = STAMP.format(clock.instant());
    try {
      Files.createDirectories(root);
      for (int n = 1; ; n++) {
        Path dir = root.resolve(n == 1 ? stamp : stamp + "-" + n);
        try {
          return Files.createDirectory(dir);
        } catch (FileAlreadyExistsException taken) {
          // try the next suffix
        }
      }
    } catch (IOException e) {
      throw new InputException("cannot create output folder under '" + root + "': " + e, e);
    }
  }

  /**
   * Checks an explicit {@code --out} folder and creates it (with parents) when missing.
   *
   * @throws InputException when it is a file, or an existing non-empty folder without {@code force}
   */
  public static Path prepare(Path dir, boolean force) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InputException("--out '" + dir + "' is a file, not a folder");
    }
    if (!force && Files.isDirectory(dir) && !isEmpty(dir)) {
      throw new InputException("output folder '" + dir + "' exists and is not empty;"
          + " choose another --out or pass --force to write into it");
    }
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new InputException("cannot create output folder '" + dir + "': " + e, e);
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new InputException("cannot read output folder '" + dir + "': " + e, e);
    }
  }
}
