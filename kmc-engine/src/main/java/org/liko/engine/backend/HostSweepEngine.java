package org.liko.engine.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.liko.engine.parallel.SectorKernel;
import org.liko.engine.parallel.SectorLayout;

/**
 * A {@link SweepEngine} whose "device" is the Java heap, used by the {@code cpu} and
 * {@code cpu-parallel} backends. It runs the passes of {@link SectorKernel}: the count pass over
 * all sectors and the sweep pass over the sectors of one colour, on the calling thread (one
 * thread) or on a fixed pool (sector k of the colour's list goes to worker k mod threads).
 * Sectors of one colour are independent and their random numbers depend only on the sector, so
 * the result is the same bits for any thread count.
 */
final class HostSweepEngine implements SweepEngine {
  private final String backendName;
  private final int threads;
  private final ExecutorService pool;
  private byte[] lattice = new byte[0];
  private final Map<Integer, int[]> tables = new HashMap<>();
  private int[] scratch = new int[0];
  private int[] allSectors = new int[0]; // 0..sectors-1, for the passes over every sector
  /** Sectors by colour (SectorLayout.colourOrder), made on the first sweep after an upload. */
  private int[][] colourOrder;
  private boolean closed;

  HostSweepEngine(String backendName) {
    this(backendName, 1);
  }

  HostSweepEngine(String backendName, int threads) {
    this.backendName = backendName;
    this.threads = Math.max(1, threads);
    this.pool = this.threads > 1 ? Executors.newFixedThreadPool(this.threads, r -> {
      Thread t = new Thread(r, "liko-" + backendName);
      t.setDaemon(true);
      return t;
    }) : null;
  }

  @Override
  public int threads() {
    return threads;
  }

  @Override
  public void uploadLattice(byte[] sites) {
    checkOpen();
    lattice = sites.clone();
  }

  @Override
  public void uploadTable(int slot, int[] values) {
    checkOpen();
    if (slot < 0) {
      throw new IllegalArgumentException("table slot = " + slot + " must be >= 0");
    }
    if (slot == SectorKernel.SLOT_SECTORS) {
      colourOrder = null;
    }
    int[] old = tables.get(slot);
    if (old != null && old.length == values.length) {
      System.arraycopy(values, 0, old, 0, values.length);
    } else {
      tables.put(slot, values.clone());
    }
  }

  @Override
  public void downloadTable(int slot, int[] into) {
    checkOpen();
    int[] t = tables.get(slot);
    if (t == null || t.length != into.length) {
      throw new IllegalArgumentException("table " + slot + ": download length " + into.length
          + " differs from " + (t == null ? "no table" : t.length + ""));
    }
    System.arraycopy(t, 0, into, 0, t.length);
  }

  @Override
  public void runPass(int pass, int colour, long sweep) {
    checkOpen();
    if (pass < SectorKernel.PASS_COUNT || pass > SectorKernel.PASS_OBSERVE) {
      throw new UnsupportedOperationException(
          "backend " + backendName + " does not implement pass " + pass);
    }
    int[] params = need(SectorKernel.SLOT_PARAMS);
    int[] flags = need(SectorKernel.SLOT_FLAGS);
    int[] sectors = need(SectorKernel.SLOT_SECTORS);
    int[] counters = need(SectorKernel.SLOT_COUNTERS);
    int[] carriers = need(SectorKernel.SLOT_CARRIERS);
    int n = params[SectorKernel.P_SECTORS];
    byte[] cells = lattice;
    if (allSectors.length != n) {
      allSectors = new int[n];
      for (int s = 0; s < n; s++) {
        allSectors[s] = s;
      }
    }
    int[] all = allSectors;
    if (pass == SectorKernel.PASS_COUNT) {
      int[] hist = need(SectorKernel.SLOT_HIST);
      run(all, s -> SectorKernel.countSector(cells, carriers, flags, params, sectors, hist,
          counters, s));
    } else if (pass == SectorKernel.PASS_LAUNCH) {
      int[] launch = need(SectorKernel.SLOT_LAUNCH);
      run(all, s -> SectorKernel.launchSector(carriers, params, sectors, launch, s));
    } else if (pass == SectorKernel.PASS_FILL_SEED) {
      run(all, s -> SectorKernel.fillSeedSector(cells, flags, params, sectors, s));
    } else if (pass == SectorKernel.PASS_FILL_GROW) {
      run(all, s -> SectorKernel.fillGrowSector(cells, flags, params, sectors, counters, s));
    } else if (pass == SectorKernel.PASS_FILL_LABEL) {
      run(all, s -> SectorKernel.fillLabelSector(cells, params, sectors, counters, s));
    } else if (pass == SectorKernel.PASS_OBSERVE) {
      int[] materials = need(SectorKernel.SLOT_MATERIALS);
      int[] tops = need(SectorKernel.SLOT_TOPS);
      run(all, s -> SectorKernel.observeSector(cells, params, sectors, materials, tops, s));
    } else if (pass == SectorKernel.PASS_SWEEP) {
      int[] attempts = need(SectorKernel.SLOT_ATTEMPTS);
      if (scratch.length != 4 * n) {
        scratch = new int[4 * n];
      }
      int[] rnd = scratch;
      if (colourOrder == null) {
        colourOrder = SectorLayout.colourOrder(Arrays.copyOf(sectors,
            n * SectorKernel.SECTOR_INTS));
      }
      int[] start = colourOrder[0];
      if (colour < 0 || colour + 1 >= start.length) {
        return; // no sector has this colour
      }
      run(colourOrder[1], start[colour], start[colour + 1], s -> SectorKernel.sweepSector(cells,
          carriers, flags, params, sectors, attempts, counters, rnd, s, colour, sweep));
    } else {
      throw new UnsupportedOperationException(
          "backend " + backendName + " does not implement pass " + pass);
    }
  }

  private interface SectorTask {
    void run(int sector);
  }

  private void run(int[] list, SectorTask task) {
    run(list, 0, list.length, task);
  }

  /** Runs task on list[from .. to), split over the pool (entry k to worker k mod workers). */
  private void run(int[] list, int from, int to, SectorTask task) {
    int count = to - from;
    if (pool == null || count < 2) {
      for (int k = from; k < to; k++) {
        task.run(list[k]);
      }
      return;
    }
    int workers = Math.min(threads, count);
    List<Callable<Void>> jobs = new ArrayList<>(workers);
    for (int t = 0; t < workers; t++) {
      int first = from + t;
      jobs.add(() -> {
        for (int k = first; k < to; k += workers) {
          task.run(list[k]);
        }
        return null;
      });
    }
    try {
      for (Future<Void> f : pool.invokeAll(jobs)) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("backend " + backendName + ": pass interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("backend " + backendName + ": pass failed", c);
    }
  }

  private int[] need(int slot) {
    int[] t = tables.get(slot);
    if (t == null) {
      throw new IllegalStateException("backend " + backendName + ": table " + slot
          + " not uploaded");
    }
    return t;
  }

  @Override
  public void downloadLattice(byte[] into) {
    checkOpen();
    if (into.length != lattice.length) {
      throw new IllegalArgumentException("download length = " + into.length
          + " differs from uploaded lattice length " + lattice.length);
    }
    System.arraycopy(lattice, 0, into, 0, lattice.length);
  }

  @Override
  public long deviceBytes() {
    long n = lattice.length + 4L * scratch.length;
    for (int[] t : tables.values()) {
      n += 4L * t.length;
    }
    return n;
  }

  int[] table(int slot) {
    int[] t = tables.get(slot);
    return t == null ? null : Arrays.copyOf(t, t.length);
  }

  @Override
  public void close() {
    closed = true;
    lattice = new byte[0];
    tables.clear();
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("backend " + backendName + ": sweep engine is closed");
    }
  }
}
