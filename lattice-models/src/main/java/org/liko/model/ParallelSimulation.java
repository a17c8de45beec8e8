package org.liko.model;

import java.util.Map;
import org.liko.engine.Grid;
import org.liko.engine.InputException;
import org.liko.engine.backend.Backend;
import org.liko.engine.backend.SweepEngine;
import org.liko.engine.parallel.SectorKernel;
import org.liko.engine.rng.Philox;

/**
 * The {@code parallel} solver (DESIGN section 3) for the {@link LiModel}: synchronous
 * sublattice / sector method with null-event rejection, run behind the Backend SPI
 * ({@link SweepEngine} passes of {@link SectorKernel}), implemented by {@link SweepStepper} behind
 * {@link Simulation}'s protocol loop (same rows and summary as the exact solver; time = sum of the
 * sweep windows). This class holds the method's description and its benchmark entry point.
 *
 * <h2>One sweep</h2>
 * <ol>
 *   <li>Global step (host): the count pass gives per-class site counts; from them and the same
 *       rate tables LiModel builds, the driven rates k_red = (I/e - R_SEI) / sum w (plating) and
 *       k_ox = (I/e) / sum w (stripping) are recomputed once per sweep, with the overpotential,
 *       the per-type largest site rates R_T, R_max = sum R_T, the type split and the 32-bit
 *       thresholds floor(rate / R_T 2^32) per class.</li>
 *   <li>For each colour in order: attempts per sector drawn on the host from
 *       Poisson(tau R_max n_sites) with an integer inverse-CDF table and one Philox word
 *       (counter: sector, colour, stream 1, sweep); then the sweep pass.</li>
 *   <li>Global steps in fixed order: short-circuit check, dead-Li flood fill (after
 *       {@code deadLi.checkInterval_events} stripping events, at the end of a stripping step, and
 *       after a sweep that put live Li next to dead Li, which the exact solver revives at
 *       once), time += tau.</li>
 * </ol>
 *
 * <h2>Window</h2>
 * {@code window(tau)} fixes tau in seconds; by default tau = eps / R_max per sweep with eps =
 * {@value #DEFAULT_ATTEMPTS_PER_SITE} expected attempts per site per colour (the rates are
 * frozen for one window and a site's neighbourhood in the other colours is frozen while it is
 * updated; both errors vanish as eps goes to 0). Plating and stripping steps end on the first
 * sweep that reaches their charge (overshoot at most one sweep); timed steps end exactly (the
 * last window is shortened).
 *
 * <p>Healing layers: event type HEAL, bounded by the fastest healing layer. Self-heating: the
 * temperature is advanced over each window at the step's current and the rate tables are
 * rebuilt when it moved by {@code thermal.update_K} (the exact solver does so at samples and
 * step boundaries).
 *
 * <p>Walkers: diffusing walkers are per-site counts on the device ({@link SectorKernel} WALK:
 * single hops, so first-passage jumps are exact-only); they enter, are replaced after a
 * reduction (population mode) and are relaunched when they stray, at the launch step after the
 * colours; injected walkers (population 0) enter there too, Poisson(I tau / e) per window.
 * Ballistic walkers are DROP events, at most eps per column and window; a beam radius is
 * exact-only (an {@link InputException} says so).
 */
public final class ParallelSimulation {
  /** Default expected attempts per site per colour and sweep (automatic window). */
  public static final double DEFAULT_ATTEMPTS_PER_SITE = SweepStepper.DEFAULT_ATTEMPTS_PER_SITE;

  private ParallelSimulation() {}

  /** Result of {@link #bench}: throughput of the sweep loop. */
  public record Bench(String backend, int threads, String lattice, long sweeps, long attempts,
      long accepted, double seconds, double siteAttemptsPerSecond,
      double acceptedEventsPerSecond, double deviceBytesPerSite,
      double depositedPerWallHourPer1um2) {}

  /**
   * Runs {@code sweeps} sweeps of a plating run on an nx x ny x nz lattice (default model, a
   * 10-site Li film on the collector, 1 mA/cm^2, automatic window) and measures the sweep loop
   * (count pass, attempt draws, colour passes, global steps), without setup and output.
   *
   * @param nx sites along x
   * @param ny sites along y (1: 2D)
   * @param nz sites along z
   * @param sweeps number of sweeps
   * @param backend the backend
   * @param threads worker threads (0: the backend's default)
   * @param seed seed
   * @return attempts and accepted events per second
   */
  public static Bench bench(int nx, int ny, int nz, long sweeps, Backend backend, int threads,
      long seed) {
    Scenario s = benchScenario(nx, ny, nz);
    Simulation sim = new Simulation(s, seed).solver("parallel").backend(backend)
        .threads(threads).maxSweeps(sweeps);
    Simulation.Result r = sim.run(new Simulation.Listener() {});
    Map<String, Object> m = r.summary();
    long attempts = (Long) m.get("attempts");
    long events = (Long) m.get("events");
    double secs = (Double) m.get("sweepWallTime_s");
    // the summary's charge per wall hour, over the sweep loop's time only
    double perHour = (Double) m.get("depositedPerWallHourPer1um2_mAh_cm2")
        * (Double) m.get("wallTime_s") / secs;
    return new Bench(backend.name(), (Integer) m.get("threads"),
        new Grid(nx, ny, nz).toString(), (Long) m.get("sweeps"), attempts, events, secs,
        attempts / secs, events / secs, (Double) m.get("deviceBytesPerSite"), perHour);
  }

  /**
   * The scenario {@link #bench} runs: default model on an nx x ny x nz lattice, a 10-site Li film
   * on the collector, plating at 1 mA/cm^2 for a very long time (stop it with a limit).
   */
  public static Scenario benchScenario(int nx, int ny, int nz) {
    String yaml = "schemaVersion: 1\nname: bench\nlattice: {nx: " + nx + ", ny: " + ny
        + ", nz: " + nz + "}\ngeometry: {initialLi_nm: " + (10 * Physics.LI_SITE_NM) + "}\n"
        + "output: {samples: 2}\nprotocol:\n  - plate: {current_mA_cm2: 1, time_s: 1.0e9}\n";
    return Scenario.parse(yaml, "bench");
  }
}
