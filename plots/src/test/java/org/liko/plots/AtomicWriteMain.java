package org.liko.plots;

import java.nio.file.Path;

/** Child-process helper of {@code WritersTest}: writes "written" to the path argument. */
final class AtomicWriteMain {
  private AtomicWriteMain() {}

  public static void main(String[] args) throws Exception {
    AtomicFiles.writeString(Path.of(args[0]), "written");
  }
}
