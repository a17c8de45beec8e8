package org.liko.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The liko version, read from {@code version.properties}, which Maven filters with
 * {@code ${project.version}} at build time (kmc-cli/pom.xml). Outputs record this string.
 */
public final class Version implements IVersionProvider {
  private static final String RESOURCE = "version.properties";
  private static volatile String cached;

  /** The liko version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when run from unfiltered sources. */
  public static String liko() {
    String v = cached;
    if (v == null) {
      v = load();
      cached = v;
    }
    return v;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown").trim();
      // an IDE build that skipped filtering leaves the placeholder in place
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The Java runtime line printed by {@code --version}. */
  public static String java() {
    return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
        + ", " + System.getProperty("java.vm.name") + ")";
  }

  /** Lines printed by {@code liko --version}: {@code liko <version>}, then the Java runtime. */
  @Override
  public String[] getVersion() {
    return new String[] {"liko " + liko(), java()};
  }
}
