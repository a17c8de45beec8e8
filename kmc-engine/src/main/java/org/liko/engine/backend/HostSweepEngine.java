package org.liko.engine.backend;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link SweepEngine} whose "device" is the Java heap, used by the {@code cpu} and
 * {@code cpu-parallel} backends. It holds copies of the lattice and tables; it implements no
 * passes yet (the parallel solver registers them).
 */
final class HostSweepEngine implements SweepEngine {
  private final String backendName;
  private byte[] lattice = new byte[0];
  private final Map<Integer, int[]> tables = new HashMap<>();
  private boolean closed;

  HostSweepEngine(String backendName) {
    this.backendName = backendName;
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
    tables.put(slot, values.clone());
  }

  @Override
  public void runPass(int pass, int colour, long sweep) {
    checkOpen();
    throw new UnsupportedOperationException(
        "backend " + backendName + " does not implement pass " + pass);
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

  int[] table(int slot) {
    int[] t = tables.get(slot);
    return t == null ? null : Arrays.copyOf(t, t.length);
  }

  @Override
  public void close() {
    closed = true;
    lattice = new byte[0];
    tables.clear();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("backend " + backendName + ": sweep engine is closed");
    }
  }
}
