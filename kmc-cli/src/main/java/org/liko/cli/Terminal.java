package org.liko.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What liko knows about where its output goes: whether stdout and stderr are terminals, whether
 * colour is wanted, and the terminal width. The progress bar is drawn only when stderr is a
 * terminal (so {@code liko run ... 2>log} keeps the log clean and {@code liko run ... >out}
 * still shows progress); colour only on a terminal, never when {@code NO_COLOR} is set to a
 * non-empty value (no-color.org) or {@code TERM=dumb}.
 *
 * @param stdoutTty stdout is a terminal
 * @param stderrTty stderr is a terminal
 * @param colourAllowed neither NO_COLOR nor TERM=dumb forbids colour
 * @param columns terminal width in characters
 */
public record Terminal(boolean stdoutTty, boolean stderrTty, boolean colourAllowed,
    int columns) {
  /** No terminal at all: output captured by a test, a pipe or a file. */
  public static final Terminal NONE = new Terminal(false, false, false, 80);

  /**
   * The terminal of this process: file descriptors 1 and 2, NO_COLOR, TERM, and the width from
   * COLUMNS or, on a terminal, {@code stty size}.
   */
  public static Terminal detect() {
    boolean err = isTty(2);
    Map<String, String> env = System.getenv();
    if (err && !env.containsKey("COLUMNS")) {
      Integer width = sttyColumns();
      if (width != null) {
        env = new java.util.HashMap<>(env);
        env.put("COLUMNS", width.toString());
      }
    }
    return of(isTty(1), err, env);
  }

  /** Columns of the controlling terminal ({@code stty size < /dev/tty}), or null. */
  private static Integer sttyColumns() {
    try {
      Process p = new ProcessBuilder("stty", "size")
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String text = new String(p.getInputStream().readAllBytes(),
          java.nio.charset.StandardCharsets.US_ASCII).strip();
      if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0 && text.matches("\\d+ \\d+")) {
        return Integer.parseInt(text.substring(text.indexOf(' ') + 1));
      }
    } catch (IOException e) {
      // no terminal or no stty: keep the default
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  /** A terminal from what the descriptors are and the environment. */
  static Terminal of(boolean stdoutTty, boolean stderrTty, Map<String, String> env) {
    String noColor = env.get("NO_COLOR");
    boolean colour = (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    int columns = 80;
    try {
      columns = Math.max(20, Integer.parseInt(env.getOrDefault("COLUMNS", "80").strip()));
    } catch (NumberFormatException e) {
      // keep 80
    }
    return new Terminal(stdoutTty, stderrTty, colour, columns);
  }

  /** Progress is drawn (on stderr). */
  public boolean progress() {
    return stderrTty;
  }

  /** Colour on stderr (progress bar, error prefix). */
  public boolean colourErr() {
    return stderrTty && colourAllowed;
  }

  /** Colour on stdout (help). */
  public boolean colourOut() {
    return stdoutTty && colourAllowed;
  }

  /**
   * Whether file descriptor {@code fd} of this process is a terminal: on Linux from the target
   * of {@code /proc/self/fd/N}, elsewhere by {@code test -t N} in a shell that inherits it.
   */
  static boolean isTty(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    try {
      String target = Files.readSymbolicLink(link).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException e) {
      // no /proc: ask a shell that inherits our descriptors
    }
    try {
      ProcessBuilder pb = new ProcessBuilder("sh", "-c", "test -t " + fd)
          .redirectInput(ProcessBuilder.Redirect.INHERIT);
      if (fd == 1) {
        pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
      } else {
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
      }
      Process p = pb.start();
      return p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
