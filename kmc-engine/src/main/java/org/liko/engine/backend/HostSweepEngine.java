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
  /** One job per worker thread, made once (see {@link #work}). */
  private final List<Callable<Void>> jobs;
  /** The pool's jobs of the pass being run (entries 1 .. workers - 1). */
  private final Future<?>[] pending;

  HostSweepEngine(String backendName) {
    this(backendName, 1);
  }

  HostSweepEngine(String backendName, int threads) {
    this.backendName = backendName;
    this.threads = Math.max(1, threads);
    // the calling thread runs worker 0's share, the pool the others
    this.pool = this.threads > 1 ? Executors.newFixedThreadPool(this.threads - 1, r -> {
      Thread t = new Thread(r, "liko-" + backendName);
      t.setDaemon(true);
      return t;
    }) : null;
    List<Callable<Void>> j = new ArrayList<>(this.threads);
    for (int t = 0; t < this.threads; t++) {
      int worker = t;
      j.add(() -> work(worker));
    }
    this.jobs = List.copyOf(j);
    this.pending = new Future<?>[this.threads];
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
  public void downloadSlices(int slot, int[] into, int[] first, int count, int size) {
    checkOpen();
    int[] t = tables.get(slot);
    if (t == null || t.length != into.length) {
      throw new IllegalArgumentException("table " + slot + ": download length " + into.length
          + " differs from " + (t == null ? "no table" : t.length + ""));
    }
    for (int k = 0; k < count; k++) {
      System.arraycopy(t, first[k] * size, into, first[k] * size, size);
    }
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
    // the pass's tables in fields read by runSector: no lambda or list per pass
    pCells = cells;
    pParams = params;
    pFlags = flags;
    pSectors = sectors;
    pCounters = counters;
    pCarriers = carriers;
    pPass = pass;
    pColour = colour;
    pSweep = sweep;
    if (pass == SectorKernel.PASS_COUNT) {
      pHist = need(SectorKernel.SLOT_HIST);
      run(all, 0, all.length);
    } else if (pass == SectorKernel.PASS_LAUNCH) {
      pLaunch = need(SectorKernel.SLOT_LAUNCH);
      run(all, 0, all.length);
    } else if (pass == SectorKernel.PASS_FILL_SEED || pass == SectorKernel.PASS_FILL_GROW
        || pass == SectorKernel.PASS_FILL_LABEL) {
      run(all, 0, all.length);
    } else if (pass == SectorKernel.PASS_OBSERVE) {
      pMaterials = need(SectorKernel.SLOT_MATERIALS);
      pTops = need(SectorKernel.SLOT_TOPS);
      run(all, 0, all.length);
    } else if (pass == SectorKernel.PASS_SWEEP) {
      pAttempts = need(SectorKernel.SLOT_ATTEMPTS);
      if (scratch.length != 4 * n) {
        scratch = new int[4 * n];
      }
      if (colourOrder == null) {
        colourOrder = SectorLayout.colourOrder(Arrays.copyOf(sectors,
            n * SectorKernel.SECTOR_INTS));
      }
      int[] start = colourOrder[0];
      if (colour < 0 || colour + 1 >= start.length) {
        return; // no sector has this colour
      }
      run(colourOrder[1], start[colour], start[colour + 1]);
    } else {
      throw new UnsupportedOperationException(
          "backend " + backendName + " does not implement pass " + pass);
    }
  }

  // the pass being run (set by runPass before the sectors run; read by the workers after
  // submit hands them over, which orders the writes before the reads)
  private byte[] pCells;
  private int[] pParams;
  private int[] pFlags;
  private int[] pSectors;
  private int[] pCounters;
  private int[] pCarriers;
  private int[] pHist;
  private int[] pLaunch;
  private int[] pMaterials;
  private int[] pTops;
  private int[] pAttempts;
  private int pPass;
  private int pColour;
  private long pSweep;
  // the slice being run, for the pooled workers
  private int[] pList;
  private int pFrom;
  private int pTo;
  private int pWorkers;

  /** Runs the current pass on one sector. */
  private void runSector(int s) {
    int pass = pPass;
    if (pass == SectorKernel.PASS_SWEEP) {
      SectorKernel.sweepSector(pCells, pCarriers, pFlags, pParams, pSectors, pAttempts,
          pCounters, scratch, s, pColour, pSweep);
    } else if (pass == SectorKernel.PASS_COUNT) {
      SectorKernel.countSector(pCells, pCarriers, pFlags, pParams, pSectors, pHist, pCounters,
          s);
    } else if (pass == SectorKernel.PASS_LAUNCH) {
      SectorKernel.launchSector(pCarriers, pParams, pSectors, pLaunch, s);
    } else if (pass == SectorKernel.PASS_FILL_SEED) {
      SectorKernel.fillSeedSector(pCells, pFlags, pParams, pSectors, s);
    } else if (pass == SectorKernel.PASS_FILL_GROW) {
      SectorKernel.fillGrowSector(pCells, pFlags, pParams, pSectors, pCounters, s);
    } else if (pass == SectorKernel.PASS_FILL_LABEL) {
      SectorKernel.fillLabelSector(pCells, pParams, pSectors, pCounters, s);
    } else {
      SectorKernel.observeSector(pCells, pParams, pSectors, pMaterials, pTops, s);
    }
  }

  /** Worker t of the pool: entries from + t, from + t + workers, ... of the slice. */
  private Void work(int t) {
    if (t < pWorkers) {
      for (int k = pFrom + t; k < pTo; k += pWorkers) {
        runSector(pList[k]);
      }
    }
    return null;
  }

  /**
   * Runs the current pass on list[from .. to), split over the workers (entry k to worker k mod
   * workers): worker 0 on the calling thread, the others on the pool (one hand-off fewer per
   * pass than running them all there); the workers' jobs are made once.
   */
  private void run(int[] list, int from, int to) {
    int count = to - from;
    if (pool == null || count < 2) {
      for (int k = from; k < to; k++) {
        runSector(list[k]);
      }
      return;
    }
    pList = list;
    pFrom = from;
    pTo = to;
    pWorkers = Math.min(threads, count);
    // submit orders the fields' writes before the jobs run; get orders the jobs' writes
    // before anything after the pass
    for (int t = 1; t < pWorkers; t++) {
      pending[t] = pool.submit(jobs.get(t));
    }
    Throwable failure = null;
    try {
      work(0);
    } catch (RuntimeException e) {
      failure = e; // the pool's jobs still read the pass's tables: wait for them first
    }
    boolean interrupted = false;
    for (int t = 1; t < pWorkers; t++) {
      boolean done = false;
      while (!done) {
        try {
          pending[t].get();
          done = true;
        } catch (InterruptedException e) {
          interrupted = true; // wait on: the job is still running on the pass's tables
        } catch (ExecutionException e) {
          done = true;
          if (failure == null) {
            failure = e.getCause();
          }
        }
      }
      pending[t] = null;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      if (failure == null) {
        throw new IllegalStateException("backend " + backendName + ": pass interrupted");
      }
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure != null) {
      throw new IllegalStateException("backend " + backendName + ": pass failed", failure);
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
