package org.liko.plots;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one place where output files are written: content goes to a temporary file in the target's
 * folder, which is then renamed over the target with {@code ATOMIC_MOVE}. A reader (ParaView
 * watching a folder, a browser reloading a report, a crashed run being resumed) therefore sees
 * either the old file or the complete new one, never a truncated file.
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
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        writer.writeTo(out);
      }
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
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
