package org.liko.bench;

import java.util.concurrent.TimeUnit;
import org.liko.engine.Grid;
import org.liko.engine.parallel.SectorKernel;
import org.liko.engine.parallel.SectorLayout;
import org.liko.engine.rng.Philox;
import org.liko.engine.rules.SiteRules;
import org.liko.model.LiMaterials;
import org.liko.model.ParallelSimulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's limit beside the sector sweep, on the same 2D 4096 x 4096 lattice (issue 16):
 * {@link #reference} is a plain checkerboard Metropolis sweep of an Ising model on one byte per
 * site with one Philox4x32-10 block per site attempt ({@link Philox#philox4}, the project's
 * generator), {@link #sectorSweep} the parallel solver's passes on one thread
 * ({@link SectorKernel#countSector} over every sector, then {@link SectorKernel#sweepSector} for
 * each colour) with one attempt per site and every plane attempted ({@link SectorKernel#P_BAND}
 * -1), on the default model's materials: a 10-site Li film on the Cu collector, deposition,
 * dissolution and hops a third of the attempts each. Both report site attempts per second
 * (JMH ops/s, {@link OperationsPerInvocation} = sites); the figure of merit is their ratio
 * (target: the sector sweep at 30 % or more). Run with
 * {@code java -jar kmc-bench/target/benchmarks.jar ReferenceLoop}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class ReferenceLoopBenchmark {
  static final int SIDE = 4096;
  static final int SITES = SIDE * SIDE;

  private byte[] spins;
  /** Metropolis thresholds by aligned neighbours (0..4), coupling J/kT = 0.44. */
  private final int[] flip = new int[5];
  private int[] out;
  private long refSweep;

  private byte[] cells;
  private int[] flags;
  private int[] params;
  private SectorLayout layout;
  private int[] hist;
  private int[] counters;
  private int[] attempts;
  private int[] scratch;
  private final int[] carriers = new int[1];
  private long sweep;

  /** Builds both lattices. */
  @Setup
  public void setUp() {
    spins = new byte[SITES];
    for (int i = 0; i < SITES; i++) {
      spins[i] = (byte) (Philox.philox(i, 0, 7, 0, 1, 0, 0) & 1);
    }
    for (int same = 0; same <= 4; same++) {
      double p = Math.min(1.0, Math.exp(-2 * 0.44 * (2 * same - 4)));
      flip[same] = p >= 1 ? -1 : (int) (long) Math.floor(p * 4294967296.0);
    }
    out = new int[4];
    Grid g = new Grid(SIDE, 1, SIDE);
    cells = new byte[g.sites];
    for (int x = 0; x < SIDE; x++) {
      cells[g.index(x, 0, 0)] = LiMaterials.CU;
      for (int z = 1; z <= 10; z++) {
        cells[g.index(x, 0, z)] = LiMaterials.LI;
      }
    }
    flags = LiMaterials.table(ParallelSimulation.benchScenario(SIDE, 1, SIDE)).flags.clone();
    layout = SectorLayout.of(g, 2);
    params = SectorKernel.baseParams(g, layout, 0, LiMaterials.LI, LiMaterials.LI_DEAD,
        LiMaterials.ELECTROLYTE);
    params[SectorKernel.P_HOP_ON] = 1;
    params[SectorKernel.P_MOVES] = SiteRules.hopMoves(g.directions, true);
    params[SectorKernel.P_BAND] = -1;
    params[SectorKernel.P_KEY0] = 1;
    params[SectorKernel.P_SPLIT + SectorKernel.DEPOSIT] = 0x55555555;
    params[SectorKernel.P_SPLIT + SectorKernel.DISSOLVE] = 0xAAAAAAAA;
    for (int t = SectorKernel.HOP; t < SectorKernel.TYPES; t++) {
      params[SectorKernel.P_SPLIT + t] = -1;
    }
    for (int c = 0; c < SiteRules.DEPOSIT_CLASSES; c++) {
      params[SectorKernel.P_DEP_THR + c] = 0x40000000;
    }
    for (int b = 0; b < 8; b++) {
      // bond-counting: each bond divides the rate by 8
      params[SectorKernel.P_DIS_THR + b] = (int) (0xFFFFFFFFL >>> (3 * b));
      params[SectorKernel.P_HOP_THR + b] = (int) (0xFFFFFFFFL >>> (3 * b));
    }
    hist = new int[layout.sectors * SectorKernel.histSize(0)];
    counters = new int[layout.sectors * SectorKernel.COUNTERS];
    attempts = new int[layout.sectors];
    scratch = new int[4 * layout.sectors];
    for (int s = 0; s < layout.sectors; s++) {
      attempts[s] = layout.sites[s];
    }
  }

  /** One checkerboard Metropolis sweep (both colours) of the reference Ising loop. */
  @Benchmark
  @OperationsPerInvocation(SITES)
  public int reference() {
    byte[] s = spins;
    int[] o = out;
    int flipped = 0;
    int sw = (int) refSweep++;
    for (int colour = 0; colour < 2; colour++) {
      for (int z = 0; z < SIDE; z++) {
        int row = z * SIDE;
        int up = (z == SIDE - 1 ? 0 : z + 1) * SIDE;
        int down = (z == 0 ? SIDE - 1 : z - 1) * SIDE;
        for (int x = (z + colour) & 1; x < SIDE; x += 2) {
          int i = row + x;
          int v = s[i];
          int left = x == 0 ? row + SIDE - 1 : i - 1;
          int right = x == SIDE - 1 ? row : i + 1;
          int same = (s[left] == v ? 1 : 0) + (s[right] == v ? 1 : 0) + (s[up + x] == v ? 1 : 0)
              + (s[down + x] == v ? 1 : 0);
          Philox.philox4(i, colour, sw, 0, 1, 0, o, 0);
          if (SectorKernel.below(o[0], flip[same])) {
            s[i] = (byte) (v ^ 1);
            flipped++;
          }
        }
      }
    }
    return flipped;
  }

  /** One sector sweep: the count pass, then one sweep pass per colour, one attempt per site. */
  @Benchmark
  @OperationsPerInvocation(SITES)
  public int sectorSweep() {
    for (int s = 0; s < layout.sectors; s++) {
      SectorKernel.countSector(cells, carriers, flags, params, layout.table, hist, counters, s);
    }
    for (int colour = 0; colour < layout.colours; colour++) {
      for (int s : layout.byColour[colour]) {
        SectorKernel.sweepSector(cells, carriers, flags, params, layout.table, attempts,
            counters, scratch, s, colour, sweep);
      }
    }
    sweep++;
    int accepted = 0;
    for (int s = 0; s < layout.sectors; s++) {
      accepted += counters[s * SectorKernel.COUNTERS + SectorKernel.C_ACCEPTED];
    }
    return accepted;
  }
}
