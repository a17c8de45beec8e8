package org.liko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/slurm/compare.sbatch} and {@code merge.sbatch} on a real single-node Slurm:
 * the test starts {@code munged}, {@code slurmctld} and {@code slurmd} (Debian's
 * {@code slurm-wlm} and {@code munge}, which {@code .ci/run} installs) on localhost with a
 * private configuration, key and socket in a temporary folder and free ports, and stops them
 * after. It submits a 4-task array of a small comparison (baseline and fec-lino3, 2 replicas,
 * 64x64 lattice, one cycle: one run per task), sends task 2 SIGTERM while its run is in progress
 * ({@code scancel --signal=TERM --batch}, as a time limit with {@code --signal=B:TERM@120}
 * does), checks that the task recorded the run as interrupted, requeued itself and finished on
 * its second start by continuing the stopped run from its checkpoint, then lets the dependent merge job put the shards together, and asserts
 * that the merged folder equals a one-machine {@code liko compare} with the same options byte
 * for byte but the wall-time fields of the run summaries. Slurm delays a requeued job by about
 * two minutes; the test moves its begin time to now so that it takes seconds.
 *
 * <p>The temporary folder (configuration, logs, outputs) is deleted after the test unless
 * {@code -Dliko.test.keepSlurm=true}. Skipped, saying why, where the Slurm or munge programs are missing or the daemons do not
 * come up (e.g. a container without the rights). Measured cost: about 35 s on 2 shared cores
 * (JVM start per task, 8 runs of about 2 s, daemon start and stop).
 */
class SlurmArrayTest {
  private static final String[] OPTIONS = {"--only", "baseline,fec-lino3", "--replicas", "2",
      "--lattice", "64x64", "--cycles", "1"};
  private static final List<String> PROGRAMS = List.of("munged", "mungekey", "slurmctld",
      "slurmd", "sbatch", "squeue", "scontrol", "scancel", "sinfo");
  private static Path dir;
  private static final List<Process> daemons = new ArrayList<>();
  private static Path repo;

  /** The program's path in PATH, /usr/sbin or /usr/bin; null when absent. */
  private static String which(String name) {
    List<String> dirs = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "")
        .split(":")));
    dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
    for (String d : dirs) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
        return Path.of(d, name).toString();
      }
    }
    return null;
  }

  @BeforeAll
  static void startSlurm() throws Exception {
    List<String> missing = PROGRAMS.stream().filter(p -> which(p) == null).toList();
    Assumptions.assumeTrue(missing.isEmpty(), "Slurm/munge programs missing: " + missing
        + "; install the Debian packages slurm-wlm and munge (.ci/run does)");
    repo = Path.of("..").toAbsolutePath().normalize();
    dir = Files.createTempDirectory(Path.of("/tmp"), "liko-slurm"); // short: socket path limit
    Path munge = Files.createDirectories(dir.resolve("munge"));
    Files.setPosixFilePermissions(munge, PosixFilePermissions.fromString("rwx--x--x"));
    Files.createDirectories(dir.resolve("state"));
    Files.createDirectories(dir.resolve("spool"));
    exec(which("mungekey"), "-c", "-k", munge.resolve("munge.key").toString());
    daemons.add(daemon("munged", which("munged"), "-F", "-f",
        "--key-file=" + munge.resolve("munge.key"), "--socket=" + munge.resolve("munge.sock"),
        "--pid-file=" + munge.resolve("munged.pid"), "--log-file=" + munge.resolve("munged.log"),
        "--seed-file=" + munge.resolve("munged.seed")));
    waitFor(() -> Files.exists(munge.resolve("munge.sock")), 10, "munged socket");
    String user = System.getProperty("user.name");
    String conf = String.join("\n",
        "ClusterName=likotest",
        "SlurmctldHost=localhost(127.0.0.1)",
        "SlurmctldPort=" + freePort(),
        "SlurmdPort=" + freePort(),
        "AuthType=auth/munge",
        "AuthInfo=socket=" + munge.resolve("munge.sock"),
        "CredType=cred/munge",
        "SlurmUser=" + user,
        "SlurmdUser=" + user,
        "StateSaveLocation=" + dir.resolve("state"),
        "SlurmdSpoolDir=" + dir.resolve("spool"),
        "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
        "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
        "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
        "SlurmdLogFile=" + dir.resolve("slurmd.log"),
        "ProctrackType=proctrack/pgid",
        "TaskPlugin=task/none",
        "SchedulerType=sched/builtin",
        "SchedulerParameters=sched_interval=1",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_CPU",
        "ReturnToService=2",
        "MpiDefault=none",
        "JobAcctGatherType=jobacct_gather/none",
        "AccountingStorageType=accounting_storage/none",
        "MinJobAge=600",
        "NodeName=likonode NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=2 State=UNKNOWN",
        "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP", "");
    Files.writeString(dir.resolve("slurm.conf"), conf);
    Path liko = dir.resolve("liko");
    Files.writeString(liko, "#!/bin/bash\nexec '" + Path.of(System.getProperty("java.home"),
        "bin", "java") + "' -Xmx1g -cp '" + System.getProperty("java.class.path")
        + "' org.liko.cli.Main \"$@\"\n");
    Files.setPosixFilePermissions(liko, PosixFilePermissions.fromString("rwxr-xr-x"));
    daemons.add(daemon("slurmctld", which("slurmctld"), "-D", "-f",
        dir.resolve("slurm.conf").toString()));
    daemons.add(daemon("slurmd", which("slurmd"), "-D", "-f",
        dir.resolve("slurm.conf").toString(), "-N", "likonode"));
    try {
      waitFor(() -> {
        try {
          return exec(which("sinfo"), "-h", "-o", "%T").strip().equals("idle");
        } catch (IOException e) {
          return false;
        }
      }, 30, "node idle");
    } catch (AssertionError e) {
      String log = tail(dir.resolve("slurmctld.out")) + tail(dir.resolve("slurmd.out"));
      stopSlurm();
      Assumptions.abort("Slurm daemons did not come up here (" + e.getMessage() + "): " + log);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Process daemon(String name, String... cmd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".out").toFile());
    pb.environment().put("SLURM_CONF", dir.resolve("slurm.conf").toString());
    return pb.start();
  }

  /** Runs a Slurm client with this cluster's configuration; its stdout (exit 0 required). */
  private static String exec(String... cmd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile());
    pb.environment().put("SLURM_CONF", dir.resolve("slurm.conf").toString());
    pb.environment().put("LIKO", dir.resolve("liko").toString());
    pb.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("clients.err").toFile()));
    Process p = pb.start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed: " + tail(dir.resolve(
            "clients.err")));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String tail(Path f) {
    try {
      List<String> l = Files.readAllLines(f);
      return String.join("\n", l.subList(Math.max(0, l.size() - 15), l.size()));
    } catch (IOException e) {
      return "(no " + f.getFileName() + ")";
    }
  }

  private static void waitFor(BooleanSupplier ok, int seconds, String what)
      throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stopSlurm() throws InterruptedException {
    if (dir != null && !daemons.isEmpty()) {
      try {
        exec(which("scancel"), "--user=" + System.getProperty("user.name"));
      } catch (IOException e) {
        // daemons already gone
      }
    }
    for (int i = daemons.size() - 1; i >= 0; i--) { // slurmd, slurmctld, munged
      Process p = daemons.get(i);
      p.destroy(); // SIGTERM
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    }
    daemons.clear();
    if (dir != null && !Boolean.getBoolean("liko.test.keepSlurm")) { // -D...=true keeps logs
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // a leftover temporary folder is harmless
      }
    }
  }

  /** The batch shell of a running job: its pid whose command line runs slurm_script. */
  private static ProcessHandle batchShell(String job) throws IOException {
    String id = state(job).split("JobId=", 2)[1].split("\\s", 2)[0]; // the task's own id
    for (String line : exec(which("scontrol"), "listpids", id).lines().skip(1).toList()) {
      long pid = Long.parseLong(line.strip().split("\\s+")[0]);
      Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
      if (Files.exists(cmdline) && Files.readString(cmdline).contains("slurm_script")) {
        return ProcessHandle.of(pid).orElseThrow();
      }
    }
    throw new AssertionError("no batch shell in scontrol listpids " + job);
  }

  private static String state(String job) throws IOException {
    return exec(which("scontrol"), "show", "job", job);
  }

  @Test
  void arrayWithATermedAndRequeuedTaskMergesToTheOneMachineComparison() throws Exception {
    // the reference: one machine, in-process, into a folder of the same name (report title)
    Path single = dir.resolve("single/merged");
    List<String> args = new ArrayList<>(List.of("compare", "--quiet", "--threads", "2",
        "--out", single.toString()));
    args.addAll(List.of(OPTIONS));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(0, Main.run(args.toArray(new String[0]), ps, ps), err.toString());

    Path out = Files.createDirectories(dir.resolve("out"));
    List<String> submit = new ArrayList<>(List.of(which("sbatch"), "--parsable", "--array=1-4",
        "--output=" + out.resolve("slurm-%A_%a.out"), "examples/slurm/compare.sbatch",
        out.toString()));
    submit.addAll(List.of(OPTIONS));
    String array = exec(submit.toArray(new String[0])).strip().split(";")[0];
    String merge = exec(which("sbatch"), "--parsable", "--dependency=afterok:" + array,
        "--output=" + out.resolve("merge.out"), "examples/slurm/merge.sbatch", out.toString())
        .strip().split(";")[0];

    // SIGTERM to task 2 once its run has started (its manifest exists), as a time limit would
    String task = array + "_2";
    Path manifest = out.resolve("shard-2").resolve(Manifest.FILE);
    waitFor(() -> Files.exists(manifest), 120, "task 2 to start");
    // SIGTERM to the batch shell only, as --signal=B:TERM@120 sends at the time limit (scancel
    // --batch also signals the shell's children, and Slurm 22.05 then retries for 90 s)
    ProcessHandle shell = batchShell(task);
    assertTrue(shell.destroy(), "SIGTERM to the batch shell " + shell.pid());
    // Slurm holds a requeued job back for about two minutes (Reason=BeginTime): start it after
    // 2 s. slurmd refuses a batch job whose credential is not newer, to the second, than the
    // revocation of its previous run: started again within that second it is killed ("Job
    // credential revoked", JobState=FAILED) and the merge's dependency can never be met (seen
    // once in CI).
    List<String> seen = new ArrayList<>();
    long[] heldSince = {0};
    waitFor(() -> {
      try {
        String st = state(task);
        String line = st.lines().filter(l -> l.contains("JobState=")).findFirst().orElse("")
            .strip();
        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(line)) {
          seen.add(line);
        }
        if (st.contains("Reason=BeginTime")) {
          if (heldSince[0] == 0) {
            heldSince[0] = System.nanoTime();
          } else if (System.nanoTime() - heldSince[0] > 2_000_000_000L) {
            exec(which("scontrol"), "update", "JobId=" + task, "StartTime=now");
          }
        }
        return st.contains("Restarts=1") && !st.contains("JobState=PENDING");
      } catch (IOException e) {
        return false;
      }
    }, 150, "task 2 to requeue itself and start again");
    Files.writeString(dir.resolve("task2-states.txt"), String.join("\n", seen) + "\n");
    waitFor(() -> {
      try {
        return exec(which("squeue"), "-h", "-j", array + "," + merge).isBlank();
      } catch (IOException e) {
        return false;
      }
    }, 240, "the array and the merge to finish");

    String log2 = Files.readString(out.resolve("slurm-" + array + "_2.out"));
    assertTrue(log2.contains("SIGTERM; checkpointing and requeueing")
        && log2.contains("restart 1") && log2.contains("keeping 0 complete runs")
        && log2.contains("continues from its checkpoint"), log2); // the stopped run resumed
    assertEquals(1, log2.split("SIGTERM; checkpointing", -1).length - 1, "one requeue: " + log2);
    assertTrue(state(merge).contains("JobState=COMPLETED"), state(merge)
        + tail(out.resolve("merge.out")));
    for (int i = 1; i <= 4; i++) {
      assertTrue(state(array + "_" + i).contains("JobState=COMPLETED"), state(array + "_" + i));
    }
    MergeCommandTest.assertSameFolders(single, out.resolve("merged"));
    try (Stream<Path> s = Files.list(out.resolve("merged"))) {
      if (s.noneMatch(p -> p.getFileName().toString().equals("report.html"))) {
        fail("no report.html in the merged folder");
      }
    }
  }
}
