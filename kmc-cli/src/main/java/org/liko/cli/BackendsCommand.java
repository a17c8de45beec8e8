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
   * availability (device when available, the reason when not). Available means usable by the
   * parallel solver: a backend whose probe passes is also asked to open a sweep engine (closed
   * at once; only those that probe available are tried), and one that cannot is listed
   * unavailable with {@code "probe ok on DEVICE, cannot open a sweep engine: REASON"}.
   */
  static List<Row> listBackends() {
    return listBackends(org.liko.engine.backend.Backends.load());
  }

  /** The listing of the backends of {@code all}. */
  static List<Row> listBackends(org.liko.engine.backend.Backends all) {
    return all.all().stream().map(b -> {
      org.liko.engine.backend.Availability a = all.availability(b);
      if (!a.available()) {
        return new Row(b.name(), false, a.reason());
      }
      return all.openFailure(b)
          .map(why -> new Row(b.name(), false,
              "probe ok on " + a.device() + ", cannot open a sweep engine: " + why))
          .orElseGet(() -> new Row(b.name(), true, a.device()));
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
