package org.liko.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.liko.engine.Changes;
import org.liko.engine.EventModel;
import org.liko.engine.ExactSolver;
import org.liko.engine.SumTree;
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
 * Event selection and the tree side of a local update, without any physics: {@link ExactSolver}
 * steps on a toy model (a periodic L x L lattice gas whose sites flip at rate
 * exp(-n/2), n = occupied face neighbours; each flip marks the site and its four neighbours),
 * and a batch of leaf changes through {@link SumTree#setDeferred} / {@link SumTree#commit}
 * against one {@link SumTree#set} per leaf. Run with
 * {@code java -jar kmc-bench/target/benchmarks.jar ExactSolver}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExactSolverBenchmark {
  /** Lattice edge (sites = edge^2). */
  @Param({"512"})
  public int edge;

  private ExactSolver solver;
  private SumTree tree;
  private int[] batch; // leaves of one neighbourhood-sized batch, per start site
  private double[] values;
  private int cursor;
  private double shift; // alternates 0 / 1 per pass over the batches, so every change is real

  /** A toy lattice gas: one site channel, flips touching five sites. */
  static final class Toy implements EventModel {
    final int l;
    final byte[] occ;
    final double[] rate = new double[5];

    Toy(int l, UniformRandomProvider rng) {
      this.l = l;
      this.occ = new byte[l * l];
      for (int i = 0; i < occ.length; i++) {
        occ[i] = (byte) (rng.nextDouble() < 0.3 ? 1 : 0);
      }
      for (int n = 0; n < 5; n++) {
        rate[n] = Math.exp(-0.5 * n);
      }
    }

    int nb(int i, int d) {
      int x = i % l;
      int y = i / l;
      switch (d) {
        case 0:
          return y * l + (x + 1) % l;
        case 1:
          return y * l + (x + l - 1) % l;
        case 2:
          return ((y + 1) % l) * l + x;
        default:
          return ((y + l - 1) % l) * l + x;
      }
    }

    @Override
    public int channelCount() {
      return 1;
    }

    @Override
    public int channelSize(int c) {
      return occ.length;
    }

    @Override
    public boolean siteChannel(int c) {
      return true;
    }

    @Override
    public double weight(int c, int i) {
      int n = 0;
      for (int d = 0; d < 4; d++) {
        n += occ[nb(i, d)];
      }
      return rate[n];
    }

    @Override
    public double drivenRate(int c) {
      return Double.NaN;
    }

    @Override
    public void fire(int c, int i, UniformRandomProvider rng, Changes ch) {
      occ[i] ^= 1;
      ch.site(i);
      for (int d = 0; d < 4; d++) {
        ch.site(nb(i, d));
      }
    }
  }

  /** Builds the toy model and solver, and the leaf batches; fixed seed. */
  @Setup
  public void setUp() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20240305L);
    solver = new ExactSolver(new Toy(edge, rng), rng);
    int n = edge * edge;
    tree = new SumTree(n);
    for (int i = 0; i < n; i++) {
      tree.setLeafOnly(i, 0.5 + rng.nextDouble());
    }
    tree.rebuild();
    // batches of 16 leaves within +-2 rows of a random site (a local update's footprint)
    batch = new int[16 * 1024];
    values = new double[batch.length];
    for (int b = 0; b < 1024; b++) {
      int s = rng.nextInt(n);
      for (int k = 0; k < 16; k++) {
        int off = (rng.nextInt(5) - 2) * edge + rng.nextInt(5) - 2;
        batch[16 * b + k] = Math.floorMod(s + off, n);
        values[16 * b + k] = 0.5 + rng.nextDouble();
      }
    }
  }

  private int next() {
    int b = cursor;
    cursor = (b + 1) & 1023;
    if (cursor == 0) {
      shift = 1.0 - shift;
    }
    return b;
  }

  /** One n-fold-way step: clock, channel and leaf selection, the toy event, its local update. */
  @Benchmark
  public int step() {
    return solver.step(Double.POSITIVE_INFINITY);
  }

  /** Sixteen nearby leaf changes, each with its own ancestor path ({@link SumTree#set}). */
  @Benchmark
  public double batchSet() {
    int b = next();
    for (int k = 16 * b; k < 16 * b + 16; k++) {
      tree.set(batch[k], values[k] + shift);
    }
    return tree.total();
  }

  /** The same sixteen changes with one shared ancestor pass ({@link SumTree#commit}). */
  @Benchmark
  public double batchCommit() {
    int b = next();
    for (int k = 16 * b; k < 16 * b + 16; k++) {
      tree.setDeferred(batch[k], values[k] + shift);
    }
    tree.commit();
    return tree.total();
  }
}
