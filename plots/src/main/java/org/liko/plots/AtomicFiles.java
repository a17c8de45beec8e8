package org.liko.plots;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one place where output files are written: content goes to a temporary file in the target's
 * folder, which is then renamed over the target with {@code ATOMIC_MOVE}. A reader (ParaView
 * watching a folder, a browser reloading a report, a crashed run being resumed) therefore sees
 * either the old file or the complete new one, never a truncated file.
 *
 * <p>The temporary file is created like any file the process opens ({@code open(2)} with mode
 * 0666), so the result's permissions follow the process umask (e.g. 0644 under umask 022, 0664
 * for a group's shared folder under 002), not the owner-only 0600 of
 * {@link Files#createTempFile}.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the content of a file to a stream; may throw {@link IOException}. */
  @FunctionalInterface
  public interface StreamWriter {
    /** Writes everything to {@code out} (do not close it). */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes a file atomically from a stream writer; parent folders are created.
   *
   * @return {@code target}
   */
  public static Path write(Path target, StreamWriter writer) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = null;
    try {
      OutputStream raw = null;
      for (int attempt = 0; raw == null; attempt++) {
        // a fresh name per attempt; CREATE_NEW never follows or reuses an existing file
        tmp = dir.resolve("." + abs.getFileName() + "."
            + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
          raw = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
          if (attempt > 100) {
            throw e;
          }
        }
      }
      try (OutputStream out = new BufferedOutputStream(raw)) {
        writer.writeTo(out);
      }
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
    return target;
  }

  /** Writes bytes atomically. */
  public static Path write(Path target, byte[] bytes) throws IOException {
    return write(target, out -> out.write(bytes));
  }

  /** Writes a string atomically as UTF-8. */
  public static Path writeString(Path target, String text) throws IOException {
    return write(target, text.getBytes(StandardCharsets.UTF_8));
  }
}
