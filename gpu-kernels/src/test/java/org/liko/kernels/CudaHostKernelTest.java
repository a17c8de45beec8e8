package org.liko.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.engine.backend.Availability;
import org.liko.engine.backend.Backend;
import org.liko.engine.backend.DeviceKind;
import org.liko.engine.backend.SweepEngine;
import org.liko.engine.parallel.SectorKernel;
import org.liko.engine.rules.SiteRules;

/**
 * The cuda backend without a GPU (issue: bitwise without a GPU): the kernel sources of
 * {@code src/main/cuda/sector.cu} and {@code sector_rules.h}, compiled by g++ with a shim that
 * runs the grid as a loop ({@code src/test/c/sector_host.cpp}), driven by the cuda backend's own
 * engine ({@link SectorPassEngine}), run the parallel solver bit for bit like cpu-parallel
 * ({@link Bitwise}: 2D and 3D plating and stripping with dead-Li fills, walkers, drops). A rule
 * changed in Java and not in the header, or the reverse, fails here; so does a constant (table
 * layout, counter, flag) that differs between the two. Skipped when g++ is not on the PATH.
 * About 10 s on 2 cores.
 */
class CudaHostKernelTest {
  private static Path exe;

  @BeforeAll
  static void build(@TempDir Path tmp) throws Exception {
    assumeTrue(PhiloxHeaderTest.onPath("g++"), "g++ not on PATH");
    exe = HostKernelDevice.build(tmp);
  }

  /** The Java values of the constants sector_host.cpp reports, in its order. */
  static int[] javaConstants() {
    return new int[] {Lattice.MATERIAL_MASK, Lattice.CARRIER_BIT, Lattice.MARK_BIT,
        Lattice.MAX_MATERIALS, Material.FLUID, Material.ELECTRONIC, Material.DEPOSIT_ON,
        Material.CARRIER_CONDUCTOR, Material.MOBILE, Material.FIXED, Material.INERT, Grid.UP,
        Grid.DOWN, SiteRules.NONE, SiteRules.ON_PRODUCT, SiteRules.ON_FOREIGN,
        SiteRules.UNDER_LAYER, SiteRules.MAX_STRESS_LEVEL, SiteRules.DEPOSIT_CLASSES,
        SiteRules.CRACKED, SiteRules.HOP_MOVED, SiteRules.HOP_PRODUCT,
        SiteRules.HOP_RECONNECTED, SectorKernel.PASS_COUNT, SectorKernel.PASS_SWEEP,
        SectorKernel.PASS_LAUNCH, SectorKernel.PASS_FILL_SEED, SectorKernel.PASS_FILL_GROW,
        SectorKernel.PASS_FILL_LABEL, SectorKernel.PASS_OBSERVE, SectorKernel.DEPOSIT,
        SectorKernel.DISSOLVE, SectorKernel.HOP, SectorKernel.CONVERT, SectorKernel.HEAL,
        SectorKernel.WALK, SectorKernel.DROP, SectorKernel.TYPES, SectorKernel.STREAM_ATTEMPT,
        SectorKernel.STREAM_REACT, SectorKernel.SECTOR_INTS, SectorKernel.P_NX,
        SectorKernel.P_NY, SectorKernel.P_NZ, SectorKernel.P_DIRS, SectorKernel.P_PRODUCT,
        SectorKernel.P_INERT, SectorKernel.P_FLUID, SectorKernel.P_LAYER_A,
        SectorKernel.P_LAYER_B, SectorKernel.P_MAX_RUN, SectorKernel.P_LAYER_SHARE,
        SectorKernel.P_FROM_CARRIER, SectorKernel.P_SHORT_Z, SectorKernel.P_KEY0,
        SectorKernel.P_KEY1, SectorKernel.P_SECTORS, SectorKernel.P_CONVERT_ON,
        SectorKernel.P_HOP_ON, SectorKernel.P_MOVES, SectorKernel.P_HEAL_ON,
        SectorKernel.P_SPLIT, SectorKernel.P_WALK_MAX, SectorKernel.P_WALK_UNIT,
        SectorKernel.P_RELAUNCH_Z, SectorKernel.P_DROP_TOP_ONLY, SectorKernel.P_WALK_ON,
        SectorKernel.P_BASE, SectorKernel.P_BAND, SectorKernel.P_BLOCKS_X,
        SectorKernel.P_KEEP_CLEAN, SectorKernel.P_TOP_SKIP, SectorKernel.P_HOP_DOWN_ON,
        SectorKernel.P_MATERIAL_IDS, SectorKernel.HOP_ROWS, SectorKernel.P_DEP_THR, SectorKernel.P_CRACK,
        SectorKernel.P_DIS_THR, SectorKernel.P_HOP_THR, SectorKernel.P_HOP_DOWN_THR,
        SectorKernel.P_HEAL_THR, SectorKernel.P_WALK_DIR, SectorKernel.P_WALK_REACT,
        SectorKernel.P_HOP_ROW, SectorKernel.P_CONV_THR,
        SectorKernel.H_DEP, SectorKernel.H_DIS, SectorKernel.H_HOP, SectorKernel.H_HEAL,
        SectorKernel.H_CONV, SectorKernel.C_ATTEMPTS, SectorKernel.C_ACCEPTED,
        SectorKernel.C_DEPOSITS, SectorKernel.C_DISSOLVES, SectorKernel.C_HOPS,
        SectorKernel.C_CONV_CARRIER, SectorKernel.C_CONV_SOLID, SectorKernel.C_SHORT,
        SectorKernel.C_INERT_TOUCHED, SectorKernel.C_CRACKS, SectorKernel.C_HEALS,
        SectorKernel.C_WALKS, SectorKernel.C_REDUCED, SectorKernel.C_STRAYED,
        SectorKernel.C_DROPS, SectorKernel.C_DROPS_FULL, SectorKernel.C_MAX_CARRIERS,
        SectorKernel.C_HIGHEST, SectorKernel.C_FILL_CHANGED, SectorKernel.C_BAND_LO,
        SectorKernel.C_BAND_HI, SectorKernel.C_DIRTY, SectorKernel.C_ACTIVE_TOP,
        SectorKernel.COUNTERS};
  }

  @Test
  void headerConstantsMatchJava() {
    try (HostKernelDevice d = new HostKernelDevice(exe)) {
      assertArrayEquals(javaConstants(), d.constants(),
          "a constant of sector_rules.h differs from its Java twin");
    }
  }

  /** The cuda backend's engine over the g++ build of its kernels. */
  static final class HostKernelBackend implements Backend {
    @Override
    public String name() {
      return "cuda-host";
    }

    @Override
    public Availability availability() {
      return Availability.available("g++ build of sector.cu", DeviceKind.CPU);
    }

    @Override
    public SweepEngine open() {
      return new SectorPassEngine(name(), new HostKernelDevice(exe));
    }
  }

  @Test
  void hostBuildOfKernelsIsBitIdenticalToCpuParallel() {
    Bitwise.assertMatchesCpuParallel(new HostKernelBackend(), "cuda-host",
        "g++ build of sector.cu");
  }
}
