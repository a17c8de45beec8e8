package org.liko.kernels;

import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelManager;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import org.liko.engine.BackendUnavailableException;
import org.liko.engine.backend.SweepEngine;
import org.liko.engine.parallel.SectorKernel;
import org.liko.engine.parallel.SectorLayout;

/**
 * The {@code opencl} backend's {@link SweepEngine}: one {@link SectorPassKernel} (one Aparapi
 * kernel, an int {@code pass} field) per engine, explicit buffers. The lattice and the tables
 * stay on the device between passes: {@code upload*} copies to the device ({@code put}),
 * {@link #downloadTable} reads back only the pass outputs (counters, histograms, carriers,
 * material counts, column heights) and {@link #downloadLattice} the lattice (for snapshots and
 * the end-of-run morphology).
 *
 * <p>The kernel is compiled for the chosen device on the first pass, after
 * {@link #checkSource} (also run by {@link OpenClBackend#open}); a compile failure or
 * Aparapi's silent fallback to Java threads ({@code isRunningCL()} false after the first
 * execute) is a {@link BackendUnavailableException} naming the device, never a Java-thread run.
 */
final class OpenClSweepEngine implements SweepEngine {
  private static final int[] EMPTY = {0};
  private static final int[][] WRITTEN = writtenTables();

  private final OpenCLDevice device;
  private final String deviceName;
  private final SectorPassKernel kernel = new SectorPassKernel();
  /** Tables the kernel does not read, kept on the host. */
  private final Map<Integer, int[]> hostTables = new HashMap<>();
  private final boolean[] uploaded = new boolean[SectorKernel.SLOTS];
  /** Length of each uploaded kernel table as the host gave it (device copies are >= 1). */
  private final int[] lengths = new int[SectorKernel.SLOTS];
  /** Start of each colour's run in {@code kernel.order}, plus the end. */
  private int[] colourStart = {0};
  private boolean latticeUploaded;
  private boolean compiled;
  private boolean verified;
  private boolean closed;

  OpenClSweepEngine(OpenCLDevice device, String deviceName) {
    // Buffers of their own (CL_MEM_COPY_HOST_PTR), never on the Java arrays' addresses: Aparapi's
    // default (CL_MEM_USE_HOST_PTR) leaves a buffer on an array's old address when the garbage
    // collector moves the array and a read (get) comes before the next pass, after which kernels
    // read and write freed memory (PoCL: a garbage site index, SIGSEGV in the sweep)
    device.setSharedMemory(false);
    this.device = device;
    this.deviceName = deviceName;
    kernel.cells = new byte[1];
    kernel.flags = EMPTY.clone();
    kernel.params = EMPTY.clone();
    kernel.sectors = EMPTY.clone();
    kernel.attempts = EMPTY.clone();
    kernel.counters = EMPTY.clone();
    kernel.hist = EMPTY.clone();
    kernel.scratch = EMPTY.clone();
    kernel.order = EMPTY.clone();
    kernel.carriers = EMPTY.clone();
    kernel.launch = EMPTY.clone();
    kernel.materials = EMPTY.clone();
    kernel.tops = EMPTY.clone();
    LinkedHashSet<Device> only = new LinkedHashSet<>();
    only.add(device);
    KernelManager.instance().setPreferredDevices(kernel, only);
  }

  /**
   * Puts the kernel's functions callees first and checks the OpenCL Aparapi will build, so that
   * a translation problem is a {@link BackendUnavailableException}, not a native abort in
   * {@code clBuildProgram}. Idempotent.
   *
   * @throws BackendUnavailableException naming the reason
   */
  void checkSource() {
    String problem = KernelSource.prepare(kernel);
    if (problem != null) {
      throw new BackendUnavailableException("backend " + OpenClBackend.NAME
          + " unavailable: sector kernel for " + deviceName + ": " + problem);
    }
  }

  /** The OpenCL device this engine runs on, in words. */
  String deviceName() {
    return deviceName;
  }

  @Override
  public void uploadLattice(byte[] sites) {
    checkOpen();
    if (kernel.cells.length != sites.length || !latticeUploaded) {
      kernel.cells = sites.clone();
    } else {
      System.arraycopy(sites, 0, kernel.cells, 0, sites.length);
    }
    latticeUploaded = true;
    kernel.put(kernel.cells);
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
    int[] old = table(slot);
    int[] t;
    if (uploaded[slot] && lengths[slot] == values.length && values.length > 0) {
      System.arraycopy(values, 0, old, 0, values.length);
      t = old;
    } else {
      t = values.length == 0 ? EMPTY.clone() : values.clone();
      setTable(slot, t);
    }
    uploaded[slot] = true;
    lengths[slot] = values.length;
    kernel.put(t);
    if (slot == SectorKernel.SLOT_SECTORS) {
      colourOrder(t, values.length / SectorKernel.SECTOR_INTS);
    }
  }

  /** Lists the sectors colour by colour (ascending ids within a colour), on the device. */
  private void colourOrder(int[] sectors, int n) {
    int[][] so = SectorLayout.colourOrder(Arrays.copyOf(sectors,
        n * SectorKernel.SECTOR_INTS));
    int[] order = so[1];
    colourStart = so[0];
    if (kernel.order.length == order.length) {
      System.arraycopy(order, 0, kernel.order, 0, order.length);
    } else {
      kernel.order = order;
    }
    kernel.put(kernel.order);
    if (kernel.scratch.length != Math.max(1, 4 * n)) {
      kernel.scratch = new int[Math.max(1, 4 * n)];
      kernel.put(kernel.scratch);
    }
  }

  @Override
  public void runPass(int pass, int colour, long sweep) {
    checkOpen();
    if (pass < SectorKernel.PASS_COUNT || pass > SectorKernel.PASS_OBSERVE) {
      throw new UnsupportedOperationException(
          "backend " + OpenClBackend.NAME + " does not implement pass " + pass);
    }
    for (int slot : SectorKernel.slotsOf(pass)) {
      need(slot);
    }
    if (!latticeUploaded) {
      throw new IllegalStateException("backend " + OpenClBackend.NAME + ": lattice not uploaded");
    }
    int items;
    if (pass != SectorKernel.PASS_SWEEP) {
      items = kernel.params[SectorKernel.P_SECTORS];
      kernel.orderBase = 0;
    } else {
      if (colour < 0 || colour + 1 >= colourStart.length) {
        return; // no sector has this colour
      }
      kernel.orderBase = colourStart[colour];
      items = colourStart[colour + 1] - colourStart[colour];
    }
    if (items <= 0) {
      return;
    }
    kernel.pass = pass;
    kernel.colour = colour;
    kernel.sweepLo = (int) sweep;
    kernel.sweepHi = (int) (sweep >>> 32);
    if (!compiled) {
      checkSource();
      try {
        kernel.compile(device);
      } catch (CompileFailedException e) {
        throw new BackendUnavailableException("backend " + OpenClBackend.NAME
            + " unavailable: sector kernel compile failed on " + deviceName + ": "
            + e.getMessage());
      }
      compiled = true;
    }
    Range range = device.createRange(items);
    kernel.execute(range);
    if (!verified) {
      if (!kernel.isRunningCL()) {
        throw new BackendUnavailableException("backend " + OpenClBackend.NAME
            + " unavailable: Aparapi fell back to Java threads instead of OpenCL on "
            + deviceName);
      }
      verified = true;
    }
    copyBackWritten(pass);
  }

  /**
   * Reads back every array pass {@code pass} writes (the lattice after sweeps and fills, the
   * carriers after sweeps and launches, and its output tables), blocking, so that the Java copy
   * of each array always equals the device's. When the garbage collector moves an array, Aparapi
   * makes a new buffer from the Java copy at the array's new place: a Java copy that lagged the
   * device would then overwrite the device's data. On an NVIDIA H200 (OpenCL 3.0, CUDA 13.0) this lost
   * walkers in the 3D injected-walker scenario (Li inventory 206 against 221) with the default
   * collector, and passed with a collector that never moves objects (Epsilon) and under
   * {@code --lockstep} (which reads everything back). Reads happen here, right after the pass,
   * and nowhere else ({@link #downloadLattice} and {@link #downloadTable} copy the Java arrays).
   * The price is one copy of the written arrays per pass.
   */
  private void copyBackWritten(int pass) {
    if (pass == SectorKernel.PASS_SWEEP || pass >= SectorKernel.PASS_FILL_SEED
        && pass <= SectorKernel.PASS_FILL_LABEL) {
      kernel.get(kernel.cells);
    }
    for (int slot : WRITTEN[pass]) {
      kernel.get(table(slot));
    }
  }

  /** The output tables each pass writes, by pass (carriers: only sweeps and launches). */
  private static int[][] writtenTables() {
    int[][] w = new int[SectorKernel.PASS_OBSERVE + 1][];
    for (int pass = 0; pass < w.length; pass++) {
      int p = pass;
      w[pass] = Arrays.stream(SectorKernel.slotsOf(pass))
          .filter(slot -> SectorKernel.isOutput(slot) && (slot != SectorKernel.SLOT_CARRIERS
              || p == SectorKernel.PASS_SWEEP || p == SectorKernel.PASS_LAUNCH))
          .toArray();
    }
    return w;
  }

  @Override
  public void downloadLattice(byte[] into) {
    checkOpen();
    if (!latticeUploaded || into.length != kernel.cells.length) {
      throw new IllegalArgumentException("download length = " + into.length
          + " differs from uploaded lattice length "
          + (latticeUploaded ? kernel.cells.length : 0));
    }
    // no read here: copyBackWritten keeps the Java copy equal to the device's after every pass
    System.arraycopy(kernel.cells, 0, into, 0, into.length);
  }

  @Override
  public void downloadTable(int slot, int[] into) {
    checkOpen();
    boolean device = slot >= 0 && slot < SectorKernel.SLOTS;
    int[] t = !device ? hostTables.get(slot) : uploaded[slot] ? table(slot) : null;
    int length = t == null ? -1 : device ? lengths[slot] : t.length;
    if (t == null || length != into.length) {
      throw new IllegalArgumentException("table " + slot + ": download length " + into.length
          + " differs from " + (t == null ? "no table" : length + ""));
    }
    System.arraycopy(t, 0, into, 0, into.length);
  }

  @Override
  public long deviceBytes() {
    long n = kernel.cells.length + 4L * (kernel.scratch.length + kernel.order.length);
    for (int slot = 0; slot < SectorKernel.SLOTS; slot++) {
      if (uploaded[slot]) {
        n += 4L * table(slot).length;
      }
    }
    return n;
  }

  private int[] table(int slot) {
    if (slot == SectorKernel.SLOT_PARAMS) {
      return kernel.params;
    } else if (slot == SectorKernel.SLOT_FLAGS) {
      return kernel.flags;
    } else if (slot == SectorKernel.SLOT_SECTORS) {
      return kernel.sectors;
    } else if (slot == SectorKernel.SLOT_ATTEMPTS) {
      return kernel.attempts;
    } else if (slot == SectorKernel.SLOT_COUNTERS) {
      return kernel.counters;
    } else if (slot == SectorKernel.SLOT_CARRIERS) {
      return kernel.carriers;
    } else if (slot == SectorKernel.SLOT_LAUNCH) {
      return kernel.launch;
    } else if (slot == SectorKernel.SLOT_MATERIALS) {
      return kernel.materials;
    } else if (slot == SectorKernel.SLOT_TOPS) {
      return kernel.tops;
    }
    return kernel.hist;
  }

  private void setTable(int slot, int[] t) {
    if (slot == SectorKernel.SLOT_PARAMS) {
      kernel.params = t;
    } else if (slot == SectorKernel.SLOT_FLAGS) {
      kernel.flags = t;
    } else if (slot == SectorKernel.SLOT_SECTORS) {
      kernel.sectors = t;
    } else if (slot == SectorKernel.SLOT_ATTEMPTS) {
      kernel.attempts = t;
    } else if (slot == SectorKernel.SLOT_COUNTERS) {
      kernel.counters = t;
    } else if (slot == SectorKernel.SLOT_CARRIERS) {
      kernel.carriers = t;
    } else if (slot == SectorKernel.SLOT_LAUNCH) {
      kernel.launch = t;
    } else if (slot == SectorKernel.SLOT_MATERIALS) {
      kernel.materials = t;
    } else if (slot == SectorKernel.SLOT_TOPS) {
      kernel.tops = t;
    } else {
      kernel.hist = t;
    }
  }

  private void need(int slot) {
    if (!uploaded[slot]) {
      throw new IllegalStateException("backend " + OpenClBackend.NAME + ": table " + slot
          + " not uploaded");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (verified) {
        // Aparapi 3.0.2 crashes in clReleaseCommandQueue when a kernel that never ran on
        // OpenCL is disposed; such a kernel holds no device resources to release
        kernel.dispose();
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("backend " + OpenClBackend.NAME
          + ": sweep engine is closed");
    }
  }
}
