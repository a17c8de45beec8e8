package org.liko.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.liko.engine.ExactSolver;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.liko.engine.rules.SiteRules;
import org.liko.model.LiMaterials;
import org.liko.model.LiModel;
import org.liko.model.Scenario;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Li model's side of a local update on the bench/bc3d_hop.yaml set-up (64 x 64 x 32, a
 * 2-site film with 0.3 ML of adatoms, bond-counting face hops): {@link LiModel#weight} of the
 * hop channel (from the solver's kept bond counts) over the Manhattan-distance-2 neighbourhood
 * of an adatom, the same 25 rates by the plain one-pass rule {@link SiteRules#hopState}, and
 * one full {@link ExactSolver#step} of the model at rest. Run with
 * {@code java -jar kmc-bench/target/benchmarks.jar LocalUpdate}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LocalUpdateBenchmark {
  static final String DECK = "schemaVersion: 1\n"
      + "name: bc3d_hop\n"
      + "seed: 12345\n"
      + "lattice: {nx: 64, ny: 64, nz: 32}\n"
      + "temperature_K: 696.2710873047351\n"
      + "separator_nm: 0\n"
      + "surface: {attemptFrequency_Hz: 1.0, terraceBarrier_eV: 0.0, bondEnergy_eV: 0.10,"
      + " diagonalHops: false}\n"
      + "sei: {recipe: none}\n"
      + "kinetics: {openCircuitExchange: false}\n"
      + "geometry: {collectorLayers: 0, initialLi_nm: 0.558, collectorContactAngle_deg: 0,"
      + " initialAdatoms_ML: 0.3}\n"
      + "protocol:\n  - rest: {time_s: 7.0e4}\n";

  private LiModel model;
  private ExactSolver solver;
  private int[] hood; // 25 sites per adatom, for 1024 adatoms
  private int cursor;

  /** Builds the model, its solver at rest, and the neighbourhoods of adatoms. */
  @Setup
  public void setUp() {
    Scenario sc = Scenario.parse(DECK, "bc3d_hop");
    model = new LiModel(sc, LiMaterials.table(sc), 12345L);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12345L);
    solver = new ExactSolver(model, rng);
    model.attach(solver, rng);
    model.setMode(LiModel.Mode.REST, 0);
    solver.refreshDriven();
    Grid g = model.lattice().grid();
    byte[] cells = model.lattice().cells();
    int[] adatoms = new int[1024];
    int n = 0;
    for (int i = 2 * g.plane; i < 3 * g.plane && n < adatoms.length; i++) {
      if ((cells[i] & Lattice.MATERIAL_MASK) == LiMaterials.LI) {
        adatoms[n++] = i;
      }
    }
    hood = new int[25 * 1024];
    int k = 0;
    for (int a = 0; a < 1024; a++) {
      int s = adatoms[a % n];
      for (int dz = -2; dz <= 2; dz++) {
        for (int dy = -2; dy <= 2; dy++) {
          for (int dx = -2; dx <= 2; dx++) {
            if (Math.abs(dx) + Math.abs(dy) + Math.abs(dz) <= 2) {
              int z = Math.max(0, Math.min(g.nz - 1, g.z(s) + dz));
              hood[k++] = g.index(Math.floorMod(g.x(s) + dx, g.nx),
                  Math.floorMod(g.y(s) + dy, g.ny), z);
            }
          }
        }
      }
    }
  }

  /** Hop-channel weights of the 25 sites around one adatom. */
  @Benchmark
  public double hopNeighbourhood() {
    int b = cursor;
    cursor = (b + 1) & 1023;
    double sum = 0.0;
    for (int k = 25 * b; k < 25 * b + 25; k++) {
      sum += model.weight(LiModel.HOP, hood[k]);
    }
    return sum;
  }

  /** The same 25 hop rates by {@link SiteRules#hopState}, without the kept bond counts. */
  @Benchmark
  public double hopNeighbourhoodPlain() {
    int b = cursor;
    cursor = (b + 1) & 1023;
    Grid g = model.lattice().grid();
    byte[] cells = model.lattice().cells();
    int[] flags = model.materials().flags;
    double sum = 0.0;
    for (int k = 25 * b; k < 25 * b + 25; k++) {
      int h = SiteRules.hopState(cells, flags, hood[k], g.nx, g.ny, g.nz, g.directions,
          g.directions);
      int t = Integer.bitCount(SiteRules.hopMaskOf(h));
      sum += t == 0 ? 0.0 : model.hopRate(SiteRules.solidNeighboursOf(h)) * t;
    }
    return sum;
  }

  /** One event of the model at rest: selection, the hop, the local update of its trees. */
  @Benchmark
  public int step() {
    return solver.step(Double.POSITIVE_INFINITY);
  }
}
