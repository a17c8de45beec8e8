package org.liko.engine.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Lockstep}: engines that agree run through; the first pass after which the lattice or a
 * table differs stops the run naming the pass, the site or entry and both values; results come
 * from the checked engine; both engines are closed.
 */
class LockstepTest {

  /** A toy engine: pass p adds p to lattice byte p and to table 0 entry 0; a fault injects. */
  static final class Toy implements SweepEngine {
    final int faultPass;
    final boolean faultInTable;
    byte[] lattice;
    final Map<Integer, int[]> tables = new HashMap<>();
    boolean closed;

    Toy(int faultPass, boolean faultInTable) {
      this.faultPass = faultPass;
      this.faultInTable = faultInTable;
    }

    @Override
    public void uploadLattice(byte[] sites) {
      lattice = sites.clone();
    }

    @Override
    public void uploadTable(int slot, int[] values) {
      tables.put(slot, values.clone());
    }

    @Override
    public void runPass(int pass, int colour, long sweep) {
      lattice[pass] += (byte) pass;
      tables.get(0)[0] += pass;
      if (pass == faultPass) {
        if (faultInTable) {
          tables.get(0)[1] = 99;
        } else {
          lattice[7] = 42;
        }
      }
    }

    @Override
    public void downloadLattice(byte[] into) {
      System.arraycopy(lattice, 0, into, 0, into.length);
    }

    @Override
    public void downloadTable(int slot, int[] into) {
      System.arraycopy(tables.get(slot), 0, into, 0, into.length);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  static Backend backend(String name, Toy engine) {
    return new Backend() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Availability availability() {
        return Availability.available("toy", DeviceKind.CPU);
      }

      @Override
      public SweepEngine open() {
        return engine;
      }
    };
  }

  @Test
  void agreeingEnginesRunThroughAndResultsComeFromTheCheckedOne() {
    Toy a = new Toy(-1, false);
    Toy b = new Toy(-1, false);
    try (SweepEngine e = new Lockstep(backend("gpu", a), backend("cpu", b)).open(0)) {
      e.uploadLattice(new byte[16]);
      e.uploadTable(0, new int[4]);
      for (int p = 0; p < 6; p++) {
        e.runPass(p, 0, 1);
      }
      byte[] out = new byte[16];
      e.downloadLattice(out);
      assertArrayEquals(a.lattice, out);
      assertEquals(15, a.tables.get(0)[0], "0 + 1 + ... + 5 on the checked engine");
    }
    assertTrue(a.closed && b.closed, "both engines closed");
  }

  @Test
  void latticeDifferenceNamesPassAndSite() {
    SweepEngine e = new Lockstep(backend("gpu", new Toy(3, false)), backend("cpu",
        new Toy(-1, false))).open(0);
    e.uploadLattice(new byte[16]);
    e.uploadTable(0, new int[4]);
    e.runPass(1, 0, 5);
    e.runPass(2, 1, 5);
    IllegalStateException x = assertThrows(IllegalStateException.class,
        () -> e.runPass(3, 0, 6));
    assertTrue(x.getMessage().contains("after pass 3 (colour 0, sweep 6): lattice site 7 holds"
        + " 42 on gpu, 0 on cpu"), x.getMessage());
    e.close();
  }

  @Test
  void tableDifferenceNamesSlotAndEntry() {
    SweepEngine e = new Lockstep(backend("gpu", new Toy(2, true)), backend("cpu",
        new Toy(-1, false))).open(0);
    e.uploadLattice(new byte[16]);
    e.uploadTable(0, new int[4]);
    IllegalStateException x = assertThrows(IllegalStateException.class,
        () -> e.runPass(2, 1, 9));
    assertTrue(x.getMessage().contains("table 0 entry 1 is 99 on gpu, 0 on cpu"), x.getMessage());
    e.close();
  }
}
