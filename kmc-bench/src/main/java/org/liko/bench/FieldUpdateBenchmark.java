package org.liko.bench;

import java.util.concurrent.TimeUnit;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.model.LiMaterials;
import org.liko.model.Physics;
import org.liko.model.field.Electrolyte;
import org.liko.model.field.ElectrolyteField;
import org.liko.model.field.FieldCoupling;
import org.liko.model.field.LatticeFieldMap;
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
 * One field update of the electrolyte ({@link FieldCoupling#update}: backward-Euler salt step,
 * domain sync, galvanostatic Butler-Volmer potential solve) on the grid of the planned
 * {@code bench/field-2d.yaml}: 2D, 20 um wide in 50 nm sites (400 x {@code height}), a rough Li
 * film (column heights 3-6 sites, seed 1), 1 M LiPF6 (Valoen-Reimers), reservoir on top,
 * 2 mA/cm^2, i0 = 1 mA/cm^2, 9 s interval; each invocation moves one site of Li (a reduction
 * booked on a column chosen in a fixed cycle) so the domain changes as in a run. Run with
 * {@code java -jar kmc-bench/target/benchmarks.jar FieldUpdate}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class FieldUpdateBenchmark {
  /** Grid height in sites (50 nm each). */
  @Param({"200"})
  public int height;

  private static final int NX = 400;
  private static final double A = 50e-9;
  private byte[] cells;
  private FieldCoupling coupling;
  private double t;
  private int column;

  /** Builds the film and the field. */
  @Setup
  public void setup() {
    int[] flags = new int[Lattice.MAX_MATERIALS];
    flags[LiMaterials.ELECTROLYTE] = Material.FLUID | Material.CARRIER_CONDUCTOR;
    flags[LiMaterials.LI] = Material.ELECTRONIC | Material.DEPOSIT_ON | Material.BEARS_CARRIER;
    double[] eps = new double[Lattice.MAX_MATERIALS];
    double[] tau = new double[Lattice.MAX_MATERIALS];
    java.util.Arrays.fill(tau, 1.0);
    cells = new byte[NX * height];
    java.util.Random r = new java.util.Random(1);
    for (int x = 0; x < NX; x++) {
      int h = 3 + r.nextInt(4);
      for (int z = 0; z < h; z++) {
        cells[z * NX + x] = (byte) LiMaterials.LI;
      }
    }
    ElectrolyteField f = new ElectrolyteField(NX, 1, height, A,
        Electrolyte.valoenReimers(298.15), 298.15, 1000.0, ElectrolyteField.Top.RESERVOIR);
    double i0 = Physics.mAcm2ToAm2(1.0);
    f.setKinetics(i0, 0.5);
    LatticeFieldMap map = new LatticeFieldMap(NX, 1, height, A, flags, eps, tau);
    coupling = new FieldCoupling(f, map, NX, 1, height,
        Math.pow(50 / Physics.LI_SITE_NM, 3), i0, 9.0);
    coupling.start(cells, 0.0, Physics.mAcm2ToAm2(2.0) * NX * A * A);
  }

  /** One update after one deposited site. */
  @Benchmark
  public boolean update() {
    column = (column + 137) % NX;
    int z = 0;
    while (cells[z * NX + column] == LiMaterials.LI) {
      z++;
    }
    cells[z * NX + column] = (byte) LiMaterials.LI;
    coupling.reduced(z * NX + column);
    t += coupling.interval();
    return coupling.update(t, cells);
  }
}
