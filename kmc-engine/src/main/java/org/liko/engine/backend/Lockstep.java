package org.liko.engine.backend;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A backend checked pass by pass against a reference backend ({@code --lockstep}): every upload
 * goes to both engines, every pass runs on both, and after each pass the lattice and every
 * uploaded table are copied back from both and compared. The first difference stops the run
 * with an {@link IllegalStateException} naming the pass, colour, sweep, the table or site and
 * both values. Results are the checked backend's. It costs a full copy of the lattice and tables
 * per pass, so it is for checking a device (a new GPU, driver or build), not for production.
 * Since all backends promise the same bits for a seed, any difference is a defect.
 */
public final class Lockstep implements Backend {
  private final Backend checked;
  private final Backend reference;

  /**
   * Checks {@code checked} against {@code reference}.
   *
   * @param checked the backend whose results the run keeps
   * @param reference the backend it must agree with (e.g. cpu)
   */
  public Lockstep(Backend checked, Backend reference) {
    this.checked = checked;
    this.reference = reference;
  }

  @Override
  public String name() {
    return checked.name();
  }

  @Override
  public Availability availability() {
    return checked.availability();
  }

  @Override
  public SweepEngine open() {
    return open(0);
  }

  @Override
  public SweepEngine open(int threads) {
    SweepEngine a = checked.open(threads);
    try {
      return new Engine(checked.name(), reference.name(), a, reference.open(1));
    } catch (RuntimeException e) {
      a.close();
      throw e;
    }
  }

  private static final class Engine implements SweepEngine {
    private final String name;
    private final String refName;
    private final SweepEngine a;
    private final SweepEngine b;
    /** Uploaded table lengths by slot. */
    private final Map<Integer, Integer> lengths = new TreeMap<>();
    private int latticeLength = -1;

    Engine(String name, String refName, SweepEngine a, SweepEngine b) {
      this.name = name;
      this.refName = refName;
      this.a = a;
      this.b = b;
    }

    @Override
    public void uploadLattice(byte[] sites) {
      a.uploadLattice(sites);
      b.uploadLattice(sites);
      latticeLength = sites.length;
    }

    @Override
    public void uploadTable(int slot, int[] values) {
      a.uploadTable(slot, values);
      b.uploadTable(slot, values);
      lengths.put(slot, values.length);
    }

    @Override
    public void runPass(int pass, int colour, long sweep) {
      a.runPass(pass, colour, sweep);
      b.runPass(pass, colour, sweep);
      String where = "pass " + pass + " (colour " + colour + ", sweep " + sweep + ")";
      if (latticeLength >= 0) {
        byte[] x = new byte[latticeLength];
        byte[] y = new byte[latticeLength];
        a.downloadLattice(x);
        b.downloadLattice(y);
        int i = Arrays.mismatch(x, y);
        if (i >= 0) {
          throw differs(where + ": lattice site " + i + " holds " + (x[i] & 0xFF) + " on "
              + name + ", " + (y[i] & 0xFF) + " on " + refName);
        }
      }
      for (Map.Entry<Integer, Integer> t : lengths.entrySet()) {
        int[] x = new int[t.getValue()];
        int[] y = new int[t.getValue()];
        a.downloadTable(t.getKey(), x);
        b.downloadTable(t.getKey(), y);
        int i = Arrays.mismatch(x, y);
        if (i >= 0) {
          throw differs(where + ": table " + t.getKey() + " entry " + i + " is " + x[i] + " on "
              + name + ", " + y[i] + " on " + refName);
        }
      }
    }

    private IllegalStateException differs(String what) {
      return new IllegalStateException("--lockstep: backend " + name + " differs from "
          + refName + " after " + what + "; the backends promise the same bits, so this is a"
          + " defect of " + name + " on this device: please report it");
    }

    @Override
    public void downloadLattice(byte[] into) {
      a.downloadLattice(into);
    }

    @Override
    public void downloadTable(int slot, int[] into) {
      a.downloadTable(slot, into);
    }

    @Override
    public int threads() {
      return a.threads();
    }

    @Override
    public long deviceBytes() {
      return a.deviceBytes();
    }

    @Override
    public void close() {
      try {
        a.close();
      } finally {
        b.close();
      }
    }
  }
}
