package org.liko.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.liko.engine.InputException;
import org.liko.engine.backend.Backend;
import org.liko.engine.backend.Backends;
import org.liko.model.ParallelSimulation;
import org.liko.model.Scenario;
import org.liko.model.Simulation;
import org.liko.plots.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code liko bench}: throughput of the solvers on a lattice. Without {@code --scenario}: the
 * parallel solver runs {@code --sweeps} sweeps of {@link ParallelSimulation#bench} (site
 * attempts/s, accepted events/s), the exact solver the same plating scenario for
 * {@code --events} events (events/s). With {@code --scenario FILE}: each solver runs the
 * scenario to its end (events/s and wall time). Nothing is written to disk.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Measure site attempts/s, accepted events/s and wall time of the solvers.")
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--backend", paramLabel = "B[,B...]", defaultValue = "cpu",
      split = ",", description = "cpu, cpu-parallel, opencl, cuda or auto (parallel solver;"
          + " exact runs on cpu). Default: ${DEFAULT-VALUE}.")
  List<String> backends;

  @Option(names = "--solver", paramLabel = "S[,S...]", defaultValue = "parallel", split = ",",
      description = "exact and/or parallel. Default: ${DEFAULT-VALUE}.")
  List<String> solvers;

  @Option(names = "--lattice", paramLabel = "NXxNZ|NXxNYxNZ",
      description = "Lattice (default 256x64, or the scenario's).")
  String lattice;

  @Option(names = "--sweeps", paramLabel = "N", defaultValue = "20",
      description = "Sweeps of the parallel solver without --scenario. Default: ${DEFAULT-VALUE}.")
  long sweeps;

  @Option(names = "--events", paramLabel = "N", defaultValue = "200000",
      description = "Events of the exact solver without --scenario. Default: ${DEFAULT-VALUE}.")
  long events;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "Worker threads (0: the backend's default). Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--scenario", paramLabel = "FILE",
      description = "Run this scenario to its end with each solver and backend.")
  Path scenarioFile;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--json", description = "Print the results as a JSON array.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (sweeps <= 0 || events <= 0) {
      throw new InputException("--sweeps/--events: must be > 0");
    }
    for (String s : solvers) {
      if (!s.equals("exact") && !s.equals("parallel")) {
        throw new InputException("--solver: unknown value '" + s + "'; allowed: exact, parallel");
      }
    }
    Scenario base = scenarioFile != null
        ? ScenarioEdits.lattice(Scenario.load(scenarioFile), lattice) : null;
    int[] d = Scenario.parseLattice(lattice != null ? lattice : "256x64", "--lattice");
    if (base != null) {
      d = new int[] {base.i("lattice.nx"), base.i("lattice.ny"), base.i("lattice.nz")};
    }
    String grid = d[1] == 1 ? d[0] + "x" + d[2] : d[0] + "x" + d[1] + "x" + d[2];
    List<Map<String, Object>> results = new ArrayList<>();
    for (String solver : solvers) {
      List<String> names = solver.equals("exact") ? List.of("cpu") : backends;
      for (String name : names) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("solver", solver);
        r.put("lattice", grid);
        long cpu0 = processCpuNanos();
        if (solver.equals("exact")) {
          if (!backends.contains("cpu") && !backends.contains("auto")) {
            RunCommand.exactBackend(backends.get(0), err); // explains why exact needs cpu
          }
          Scenario sc = base != null ? base : ParallelSimulation.benchScenario(d[0], d[1], d[2])
              .with(Map.of("limits.maxEvents", events), "bench");
          Simulation.Result res = new Simulation(sc, seed).run(new Simulation.Listener() {});
          Map<String, Object> s = res.summary();
          r.put("backend", "cpu");
          r.put("threads", 1);
          r.put("sweeps", null);
          r.put("siteAttemptsPerSecond", null);
          r.put("acceptedEventsPerSecond", s.get("eventsPerSecond"));
          r.put("events", s.get("events"));
          r.put("wallTime_s", s.get("wallTime_s"));
          r.put("simulatedTime_s", s.get("simulatedTime_s"));
          r.put("stopReason", s.get("stopReason"));
          r.put("deviceBytesPerSite", null);
          r.put("depositedPerWallHourPer1um2_mAh_cm2", s.get("depositedPerWallHourPer1um2_mAh_cm2"));
        } else {
          Backend b = backend(name, err);
          if (base == null) {
            ParallelSimulation.Bench x = ParallelSimulation.bench(d[0], d[1], d[2], sweeps, b,
                threads, seed);
            r.put("backend", x.backend());
            r.put("threads", x.threads());
            r.put("sweeps", x.sweeps());
            r.put("siteAttemptsPerSecond", x.siteAttemptsPerSecond());
            r.put("acceptedEventsPerSecond", x.acceptedEventsPerSecond());
            r.put("events", x.accepted());
            r.put("wallTime_s", x.seconds());
            r.put("simulatedTime_s", null);
            r.put("stopReason", "maxSweeps");
            r.put("deviceBytesPerSite", x.deviceBytesPerSite());
            r.put("depositedPerWallHourPer1um2_mAh_cm2", x.depositedPerWallHourPer1um2());
          } else {
            Simulation.Result res = new Simulation(base, seed).solver("parallel").backend(b)
                .threads(threads).run(new Simulation.Listener() {});
            Map<String, Object> s = res.summary();
            r.put("backend", s.get("backend"));
            r.put("threads", s.get("threads"));
            r.put("sweeps", s.get("sweeps"));
            r.put("siteAttemptsPerSecond", s.get("siteAttemptsPerSecond"));
            r.put("acceptedEventsPerSecond", s.get("eventsPerSecond"));
            r.put("events", s.get("events"));
            r.put("wallTime_s", s.get("wallTime_s"));
            r.put("simulatedTime_s", s.get("simulatedTime_s"));
            r.put("stopReason", s.get("stopReason"));
            r.put("deviceBytesPerSite", s.get("deviceBytesPerSite"));
            r.put("depositedPerWallHourPer1um2_mAh_cm2",
                s.get("depositedPerWallHourPer1um2_mAh_cm2"));
          }
        }
        long cpu1 = processCpuNanos();
        // the whole process (JIT compiler and GC threads too): on a shared machine the
        // number to compare, as wall time counts the other jobs' share of the cores
        r.put("cpuTime_s", cpu0 >= 0 && cpu1 >= 0 ? (cpu1 - cpu0) * 1e-9 : null);
        results.add(r);
      }
    }
    if (json) {
      out.println(Json.toString(results));
      out.flush();
    } else {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"solver", "backend", "threads", "lattice", "sweeps",
          "site attempts/s", "accepted events/s", "events", "wall s", "cpu s", "stop",
          "B/site dev", "mAh/cm2/h @1um2"});
      for (Map<String, Object> r : results) {
        rows.add(new String[] {str(r.get("solver")), str(r.get("backend")),
            str(r.get("threads")), str(r.get("lattice")), str(r.get("sweeps")),
            num(r.get("siteAttemptsPerSecond")), num(r.get("acceptedEventsPerSecond")),
            str(r.get("events")), num(r.get("wallTime_s")), num(r.get("cpuTime_s")),
            str(r.get("stopReason")),
            num(r.get("deviceBytesPerSite")), num(r.get("depositedPerWallHourPer1um2_mAh_cm2"))});
      }
      Tables.print(out, rows);
    }
    return ExitCode.OK;
  }

  private static Backend backend(String name, PrintWriter err) {
    if (name.equals("auto")) {
      Backends.Choice c = Backends.load().auto();
      err.println("liko: --backend auto: chose " + c.backend().name() + " (" + c.explanation()
          + ")");
      return c.backend();
    }
    Backends all = Backends.load();
    return all.requireOpens(all.select(name)); // cannot open a sweep engine -> exit 3
  }

  /**
   * CPU time of this process so far in nanoseconds (all its threads), or -1 where the JVM does
   * not report it.
   */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  private static String str(Object o) {
    return o == null ? "-" : o.toString();
  }

  private static String num(Object o) {
    return o == null ? "-" : String.format("%.4g", ((Number) o).doubleValue());
  }
}
