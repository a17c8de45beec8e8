package org.liko.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The two operations of one BKL step on {@link SumTree} (Bortz, Kalos and Lebowitz 1975): select
 * an event by a uniform draw over the total rate ({@code find}) and update the rates of the
 * changed sites ({@code set}), over 2^20 leaves (a 1024 x 1024 lattice, one rate per site).
 *
 * <p>Leaf values, targets and indices are drawn in {@link #setUp} into tables of {@link #TABLE}
 * entries, so the measured loop does no random-number generation. Results are returned or sunk in
 * a {@link Blackhole} so the work cannot be removed as dead code. Run with
 * {@code java -jar kmc-bench/target/benchmarks.jar SumTree}; JMH reports ops/s with its error.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SumTreeBenchmark {
  /** Pre-drawn operands per table; a power of two so the cursor wraps with a mask. */
  static final int TABLE = 1 << 16;

  /** Number of leaves (sites). */
  @Param({"1048576"})
  public int leaves;

  private SumTree tree;
  private int[] index;     // leaves to update
  private double[] value;  // new leaf values, rates in arbitrary units, in [0.5, 1.5)
  private double[] uniform; // uniforms in [0, 1), scaled by total() at use
  private int cursor;

  /** Builds a tree of random rates and the operand tables; fixed seed for repeatable runs. */
  @Setup
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(20240305L);
    tree = new SumTree(leaves);
    for (int i = 0; i < leaves; i++) {
      tree.setLeafOnly(i, 0.5 + rng.nextDouble());
    }
    tree.rebuild();
    index = new int[TABLE];
    value = new double[TABLE];
    uniform = new double[TABLE];
    for (int k = 0; k < TABLE; k++) {
      index[k] = rng.nextInt(leaves);
      value[k] = 0.5 + rng.nextDouble();
      uniform[k] = rng.nextDouble();
    }
  }

  private int next() {
    int k = cursor;
    cursor = (k + 1) & (TABLE - 1);
    return k;
  }

  /** One leaf update with its O(log n) ancestor recomputation; returns the new total. */
  @Benchmark
  public double set() {
    int k = next();
    tree.set(index[k], value[k]);
    return tree.total();
  }

  /** One O(log n) selection of a leaf with probability proportional to its value. */
  @Benchmark
  public int find() {
    return tree.find(uniform[next()] * tree.total());
  }

  /** A BKL step's tree work: select a site, then update one rate. */
  @Benchmark
  public void findThenSet(Blackhole bh) {
    int k = next();
    bh.consume(tree.find(uniform[k] * tree.total()));
    tree.set(index[k], value[k]);
  }
}
