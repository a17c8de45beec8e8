package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.engine.InputException;

/** Output folder rules of DESIGN.md section 8. */
class OutputDirTest {
  // 2024-03-05T06:07:08Z, shown in a non-UTC zone to prove the name is UTC
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-03-05T06:07:08Z"), ZoneId.of("Asia/Tokyo"));

  @Test
  void defaultFolderIsUtcTimestampUnderRoot(@TempDir Path tmp) {
    Path root = tmp.resolve("results");
    Path dir = OutputDir.resolve(null, false, root, CLOCK);
    assertEquals(root.resolve("20240305-060708"), dir);
    assertTrue(Files.isDirectory(dir));
  }

  @Test
  void defaultFolderGetsUniqueSuffixWhenTaken(@TempDir Path tmp) {
    Path root = tmp.resolve("results");
    Path first = OutputDir.createDefault(root, CLOCK);
    Path second = OutputDir.createDefault(root, CLOCK);
    Path third = OutputDir.createDefault(root, CLOCK);
    assertEquals("20240305-060708", first.getFileName().toString());
    assertEquals("20240305-060708-2", second.getFileName().toString());
    assertEquals("20240305-060708-3", third.getFileName().toString());
  }

  @Test
  void explicitMissingFolderIsCreatedWithParents(@TempDir Path tmp) {
    Path dir = tmp.resolve("a/b/c");
    assertEquals(dir, OutputDir.resolve(dir, false));
    assertTrue(Files.isDirectory(dir));
  }

  @Test
  void explicitEmptyFolderNeedsNoForce(@TempDir Path tmp) {
    assertEquals(tmp, OutputDir.prepare(tmp, false));
  }

  @Test
  void nonEmptyFolderWithoutForceNamesFolderAndForce(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("x.csv"), "1\n");
    InputException e = assertThrows(InputException.class, () -> OutputDir.prepare(tmp, false));
    assertTrue(e.getMessage().contains("'" + tmp + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("--force"), e.getMessage());
    assertEquals(tmp, OutputDir.prepare(tmp, true));
  }

  @Test
  void fileInsteadOfFolderIsBadInput(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("f.txt"), "1\n");
    InputException e = assertThrows(InputException.class, () -> OutputDir.prepare(file, true));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
