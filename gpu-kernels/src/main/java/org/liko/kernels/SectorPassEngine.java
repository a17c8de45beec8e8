package org.liko.kernels;

import java.util.HashMap;
import java.util.Map;
import org.liko.engine.backend.SweepEngine;
import org.liko.engine.parallel.SectorKernel;
import org.liko.engine.parallel.SectorLayout;

/**
 * The {@link SweepEngine} of the {@code cuda} backend over a {@link SectorDevice}: the lattice
 * and every table the kernels read live in device buffers between passes; a pass is one launch
 * of the matching kernel of {@code sector.cu} with one thread per sector (the sweep pass: the
 * sectors of one colour, listed consecutively in an order table made when the sectors table is
 * uploaded). Only pass outputs (counters, histograms, carriers, material counts, column
 * heights) and the lattice are copied back, when asked. The same class drives the JCuda device
 * and the g++ build of the kernels in the tests, so the bitwise test covers this logic too.
 */
final class SectorPassEngine implements SweepEngine {
  // buffer argument positions of the kernels (sector.cu LIKO_SECTOR_PARAMS)
  private static final int ARG_CELLS = 0;
  private static final int ARG_ORDER = 8;
  /** Kernel buffer argument of each table slot (SectorKernel.SLOT_*). */
  private static final int[] ARG_OF_SLOT = {3, 2, 4, 5, 6, 7, 1, 9, 10, 11};

  private final String backendName;
  private final SectorDevice device;
  private final long[] handles = new long[SectorDevice.BUFFER_ARGS];
  private final long[] capacity = new long[SectorDevice.BUFFER_ARGS];
  private final long[] launchArgs = new long[SectorDevice.BUFFER_ARGS];
  /** Host copy of each uploaded kernel table, as long as the host gave it. */
  private final int[][] mirror = new int[SectorKernel.SLOTS][];
  /** Tables the kernels do not read, kept on the host. */
  private final Map<Integer, int[]> hostTables = new HashMap<>();
  private final long empty;
  private int latticeLength = -1;
  /** Start of each colour's run in the order table, plus the end. */
  private int[] colourStart = {0};
  private boolean closed;

  SectorPassEngine(String backendName, SectorDevice device) {
    this.backendName = backendName;
    this.device = device;
    this.empty = device.alloc(4);
  }

  /** Makes buffer argument {@code arg} hold at least {@code bytes} (contents not kept). */
  private long ensure(int arg, long bytes) {
    long need = Math.max(4, bytes);
    if (capacity[arg] < need) {
      if (capacity[arg] > 0) {
        device.free(handles[arg]);
        capacity[arg] = 0;
      }
      handles[arg] = device.alloc(need);
      capacity[arg] = need;
    }
    return handles[arg];
  }

  @Override
  public void uploadLattice(byte[] sites) {
    checkOpen();
    device.write(ensure(ARG_CELLS, sites.length), sites, sites.length);
    latticeLength = sites.length;
  }

  @Override
  public void uploadTable(int slot, int[] values) {
    checkOpen();
    if (slot < 0) {
      throw new IllegalArgumentException("table slot = " + slot + " must be >= 0");
    }
    if (slot >= SectorKernel.SLOTS) {
      hostTables.put(slot, values.clone());
      return;
    }
    int[] m = mirror[slot];
    if (m == null || m.length != values.length) {
      m = values.clone();
      mirror[slot] = m;
    } else {
      System.arraycopy(values, 0, m, 0, values.length);
    }
    device.write(ensure(ARG_OF_SLOT[slot], 4L * values.length), m, m.length);
    if (slot == SectorKernel.SLOT_SECTORS) {
      colourOrder(m);
    }
  }

  /** Lists the sectors colour by colour on the device. */
  private void colourOrder(int[] sectors) {
    int[][] so = SectorLayout.colourOrder(sectors);
    colourStart = so[0];
    device.write(ensure(ARG_ORDER, 4L * so[1].length), so[1], so[1].length);
  }

  @Override
  public void runPass(int pass, int colour, long sweep) {
    checkOpen();
    if (pass < SectorKernel.PASS_COUNT || pass > SectorKernel.PASS_OBSERVE) {
      throw new UnsupportedOperationException(
          "backend " + backendName + " does not implement pass " + pass);
    }
    for (int slot : SectorKernel.slotsOf(pass)) {
      need(slot);
    }
    if (latticeLength < 0) {
      throw new IllegalStateException("backend " + backendName + ": lattice not uploaded");
    }
    int items;
    int orderBase = 0;
    if (pass != SectorKernel.PASS_SWEEP) {
      items = mirror[SectorKernel.SLOT_PARAMS][SectorKernel.P_SECTORS];
    } else {
      if (colour < 0 || colour + 1 >= colourStart.length) {
        return; // no sector has this colour
      }
      orderBase = colourStart[colour];
      items = colourStart[colour + 1] - colourStart[colour];
    }
    if (items <= 0) {
      return;
    }
    for (int a = 0; a < launchArgs.length; a++) {
      launchArgs[a] = capacity[a] > 0 ? handles[a] : empty;
    }
    device.launch(pass, items, launchArgs, orderBase, colour, (int) sweep,
        (int) (sweep >>> 32));
  }

  @Override
  public void downloadLattice(byte[] into) {
    checkOpen();
    if (latticeLength < 0 || into.length != latticeLength) {
      throw new IllegalArgumentException("download length = " + into.length
          + " differs from uploaded lattice length " + Math.max(0, latticeLength));
    }
    device.read(handles[ARG_CELLS], into, into.length);
  }

  @Override
  public void downloadTable(int slot, int[] into) {
    checkOpen();
    boolean onDevice = slot >= 0 && slot < SectorKernel.SLOTS;
    int[] t = onDevice ? mirror[slot] : hostTables.get(slot);
    if (t == null || t.length != into.length) {
      throw new IllegalArgumentException("table " + slot + ": download length " + into.length
          + " differs from " + (t == null ? "no table" : t.length + ""));
    }
    if (onDevice && SectorKernel.isOutput(slot)) {
      device.read(handles[ARG_OF_SLOT[slot]], t, t.length); // pass outputs come back
    }
    System.arraycopy(t, 0, into, 0, into.length);
  }

  @Override
  public long deviceBytes() {
    long n = 4;
    for (long c : capacity) {
      n += c;
    }
    return n;
  }

  private void need(int slot) {
    if (mirror[slot] == null) {
      throw new IllegalStateException("backend " + backendName + ": table " + slot
          + " not uploaded");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      device.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("backend " + backendName + ": sweep engine is closed");
    }
  }
}
