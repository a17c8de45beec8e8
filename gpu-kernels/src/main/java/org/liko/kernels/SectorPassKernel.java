package org.liko.kernels;

import com.aparapi.Kernel;
import org.liko.engine.parallel.SectorKernel;

/**
 * The Aparapi kernel of the {@code opencl} backend's {@link OpenClSweepEngine}: one work item per
 * sector, {@link #pass} selecting the step (multiple entry points are broken upstream,
 * aparapi#51). {@link SectorKernel#PASS_COUNT} runs {@link SectorKernel#countSector} for sector
 * {@code getGlobalId()} of all sectors; {@link SectorKernel#PASS_SWEEP} runs
 * {@link SectorKernel#sweepSectorAt} for sector {@code order[orderBase + getGlobalId()]}, the
 * sectors of colour {@link #colour} listed consecutively in {@code order}. Both call the same
 * static methods as the {@code cpu} and {@code cpu-parallel} engines, so the device runs the
 * same rules on the same random numbers. {@link SectorKernel#PASS_LAUNCH} runs
 * {@link SectorKernel#launchSector}, and the fill and observe passes their methods, for sector
 * {@code getGlobalId()} of all sectors: the dead-Li flood fill and the observables run on the
 * device too.
 *
 * <p>Aparapi 3.0.2 emits this kernel's functions in an order with callers before callees;
 * {@link KernelSource#prepare} reorders them before the first compile.
 *
 * <p>Fields are primitives and 1D primitive arrays only; buffers are explicit (the engine
 * {@code put}s inputs when the host changes them and {@code get}s only outputs).
 */
final class SectorPassKernel extends Kernel {
  /** Step: {@link SectorKernel#PASS_COUNT} or {@link SectorKernel#PASS_SWEEP}. */
  int pass;
  /** Colour of a sweep pass. */
  int colour;
  /** Sweep number bits 0..31 (Philox counter word 2). */
  int sweepLo;
  /** Sweep number bits 32..63 (Philox counter word 3). */
  int sweepHi;
  /** First index in {@link #order} of the colour's sectors. */
  int orderBase;

  byte[] cells;
  int[] flags;
  int[] params;
  int[] sectors;
  int[] attempts;
  int[] counters;
  int[] hist;
  int[] scratch;
  int[] order;
  int[] carriers;
  int[] launch;
  int[] materials;
  int[] tops;

  SectorPassKernel() {
    setExplicit(true);
  }

  @Override
  public void run() {
    int g = getGlobalId();
    if (pass == SectorKernel.PASS_COUNT) {
      SectorKernel.countSector(cells, carriers, flags, params, sectors, hist, counters, g);
    }
    if (pass == SectorKernel.PASS_SWEEP) {
      SectorKernel.sweepSectorAt(cells, carriers, flags, params, sectors, attempts, counters,
          scratch, order[orderBase + g], colour, sweepLo, sweepHi);
    }
    if (pass == SectorKernel.PASS_LAUNCH) {
      SectorKernel.launchSector(carriers, params, sectors, launch, g);
    }
    if (pass == SectorKernel.PASS_FILL_SEED) {
      SectorKernel.fillSeedSector(cells, flags, params, sectors, g);
    }
    if (pass == SectorKernel.PASS_FILL_GROW) {
      SectorKernel.fillGrowSector(cells, flags, params, sectors, counters, g);
    }
    if (pass == SectorKernel.PASS_FILL_LABEL) {
      SectorKernel.fillLabelSector(cells, params, sectors, counters, g);
    }
    if (pass == SectorKernel.PASS_OBSERVE) {
      SectorKernel.observeSector(cells, params, sectors, materials, tops, g);
    }
  }
}
