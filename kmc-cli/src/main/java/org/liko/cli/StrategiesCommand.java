package org.liko.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.liko.model.Catalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liko strategies}: the strategy catalogue as a table on stdout. */
@Command(
    name = "strategies",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "List the strategy catalogue: id, name, review section, expected trend,"
        + " emergent/imposed and needed modes.")
public final class StrategiesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--catalogue", paramLabel = "DIR",
      description = "Extra strategy files (*.yaml); an id equal to an embedded one replaces it.")
  Path catalogueDir;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Catalogue c = Catalogue.load(catalogueDir, m -> err.println("liko: " + m));
    List<String[]> t = new ArrayList<>();
    t.add(new String[] {"id", "name", "section", "expected", "origin", "needs", "model"});
    for (Catalogue.Strategy s : c.list()) {
      t.add(new String[] {s.id(), s.name(), s.section(), s.expectedTrend(), s.origin(),
          s.needs().isEmpty() ? "-" : s.needs(),
          s.isBaseline() ? "reference" : s.reproduced() ? "reproduced" : "not reproduced"});
    }
    Tables.print(spec.commandLine().getOut(), t);
    return ExitCode.OK;
  }
}
