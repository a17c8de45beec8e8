package org.liko.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code liko backends}: lists the compute backends and whether each can run on this machine. */
@Command(
    name = "backends",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "List compute backends (cpu, opencl, cuda) and whether each is available here.")
public final class BackendsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** One row of the listing. */
  public record Row(String name, boolean available, String detail) {}

  /**
   * The single source of the listing: every backend found by ServiceLoader with its
   * availability (device when available, the reason when not).
   */
  static List<Row> listBackends() {
    org.liko.engine.backend.Backends all = org.liko.engine.backend.Backends.load();
    return all.all().stream().map(b -> {
      org.liko.engine.backend.Availability a = all.availability(b);
      return new Row(b.name(), a.available(), a.available() ? a.device() : a.reason());
    }).toList();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Row> rows = listBackends();
    int width = rows.stream().mapToInt(r -> r.name().length()).max().orElse(1);
    for (Row r : rows) {
      String status = r.available() ? "available" : "unavailable";
      String line = String.format("%-" + width + "s  %s", r.name(), status);
      out.println(r.detail().isEmpty() ? line : line + "  " + r.detail());
    }
    out.flush();
    return ExitCode.OK;
  }
}
