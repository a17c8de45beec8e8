package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.model.Catalogue;

/**
 * The user documentation stays true: README, docs/ and parameters.yaml send users only to
 * files in the repository (no DESIGN.md, no ../shared), every relative link resolves, every
 * catalogue strategy is in docs/strategies.md, and the example strategy there validates.
 */
class DocsTest extends CliTestBase {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

  @TempDir Path tmp;

  private static List<Path> userFiles() throws IOException {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"),
        ROOT.resolve("lattice-models/src/main/resources/org/liko/model/parameters.yaml")));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }

  @Test
  void usersAreSentOnlyToFilesInTheRepository() throws IOException {
    List<Path> files = userFiles();
    assertTrue(files.size() >= 8, "docs/ has its pages: " + files);
    for (Path f : files) {
      String text = Files.readString(f);
      assertFalse(text.contains("DESIGN"), f + " refers to DESIGN.md, which users do not have");
      assertFalse(text.contains("../shared") || text.contains("shared/seeds"), f
          + " refers to a folder outside the repository");
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String link = m.group(1);
        if (link.contains("://")) {
          continue;
        }
        Path target = f.getParent().resolve(link).normalize();
        assertTrue(target.startsWith(ROOT) && Files.exists(target), f + ": broken link " + link);
      }
    }
  }

  @Test
  void everyStrategyIsInTheCatalogueDocument() throws IOException {
    String doc = Files.readString(ROOT.resolve("docs/strategies.md"));
    for (Catalogue.Strategy s : Catalogue.embedded().list()) {
      assertTrue(doc.contains("| `" + s.id() + "` | " + s.name() + " |"), s.id());
    }
  }

  @Test
  void theExampleStrategyOfTheDocsValidates() throws IOException {
    String doc = Files.readString(ROOT.resolve("docs/strategies.md"));
    Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertTrue(m.find(), "no yaml block in docs/strategies.md");
    Path dir = Files.createDirectories(tmp.resolve("mydir"));
    Files.writeString(dir.resolve("my-coating.yaml"), m.group(1));
    assertEquals(0, run("validate", "my-coating", "--catalogue", dir.toString()), err());
    assertTrue(out().contains("coat"), out());
  }
}
