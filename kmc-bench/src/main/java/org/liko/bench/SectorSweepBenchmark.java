package org.liko.bench;

import java.util.concurrent.TimeUnit;
import org.liko.engine.backend.Backend;
import org.liko.engine.backend.Backends;
import org.liko.model.ParallelSimulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sector sweeps of the parallel solver (DESIGN section 3): a few sweeps of the default Li model
 * on a 2D lattice through {@link ParallelSimulation#bench}, per backend and thread count. The
 * returned site attempts per second are the figure of merit (also printed by
 * {@code liko bench}); JMH reports the time per call. Run with
 * {@code java -jar kmc-bench/target/benchmarks.jar SectorSweep}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class SectorSweepBenchmark {
  /** Backend name (cpu, cpu-parallel, opencl where available). */
  @Param({"cpu", "cpu-parallel"})
  public String backend;

  /** Lattice side (2D, side x side/4). */
  @Param({"1024"})
  public int side;

  private Backend resolved;

  /** Resolves the backend once (unavailable ones fail the run with their reason). */
  @Setup
  public void setUp() {
    resolved = Backends.load().select(backend);
  }

  /** Five sweeps; returns site attempts per second so the work is consumed. */
  @Benchmark
  public double sweeps() {
    return ParallelSimulation.bench(side, 1, side / 4, 5, resolved, 0, 1L).siteAttemptsPerSecond();
  }
}
