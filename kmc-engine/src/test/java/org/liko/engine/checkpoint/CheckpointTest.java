package org.liko.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.liko.engine.InputException;

/**
 * The checkpoint container and state streams. Exact claims: a restored XO_RO_SHI_RO_128_PP
 * provider draws the same 10 000 longs as the saved one; doubles come back bit for bit (NaN
 * payloads, -0.0, subnormals); every truncation of a checkpoint (each length 0..n-1) and every
 * single flipped byte is refused with a message, as are another format version, another liko
 * version and another scenario hash, and a state read in the wrong section order. Cost: under
 * 0.2 s.
 */
class CheckpointTest {
  private static final byte[] SHA = new byte[32];
  private static final String VERSION = "0.1.0-test";

  static {
    Arrays.fill(SHA, (byte) 0x5A);
  }

  private static byte[] sample(RestorableUniformRandomProvider rng) {
    return new StateOut().section("rng").rng(rng).section("numbers")
        .doubles(new double[] {Double.longBitsToDouble(0x7FF8_0000_0000_1234L), -0.0,
            Double.MIN_VALUE, 1.0 / 3})
        .ints(new int[] {1, -2, 3}).longs(new long[] {Long.MIN_VALUE}).b(true).text("Li")
        .toByteArray();
  }

  @Test
  void rngAndNumbersComeBackExactly() {
    RestorableUniformRandomProvider a = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
    for (int k = 0; k < 17; k++) {
      a.nextDouble();
    }
    byte[] file = new Checkpoint(VERSION, SHA, sample(a)).encode();
    long[] expected = new long[10_000];
    for (int k = 0; k < expected.length; k++) {
      expected[k] = a.nextLong();
    }
    Checkpoint c = Checkpoint.decode(file, "x.ckpt", VERSION, SHA);
    StateIn in = new StateIn(c.state(), "x.ckpt");
    RestorableUniformRandomProvider b = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
    in.section("rng").rng(b);
    in.section("numbers");
    double[] d = new double[4];
    in.doubles(d);
    assertEquals(0x7FF8_0000_0000_1234L, Double.doubleToRawLongBits(d[0]));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(d[1]));
    assertEquals(Double.MIN_VALUE, d[2]);
    assertEquals(1.0 / 3, d[3]);
    int[] i = new int[3];
    in.ints(i);
    assertArrayEquals(new int[] {1, -2, 3}, i);
    long[] l = new long[1];
    in.longs(l);
    assertEquals(Long.MIN_VALUE, l[0]);
    assertTrue(in.b());
    assertEquals("Li", in.text());
    in.end();
    for (long e : expected) {
      assertEquals(e, b.nextLong());
    }
  }

  @Test
  void everyTruncationAndEveryFlippedByteIsRefused() {
    byte[] file = new Checkpoint(VERSION, SHA,
        sample(RandomSource.XO_RO_SHI_RO_128_PP.create(1L))).encode();
    for (int n = 0; n < file.length; n++) {
      byte[] cut = Arrays.copyOf(file, n);
      InputException e = assertThrows(InputException.class,
          () -> Checkpoint.decode(cut, "x.ckpt", VERSION, SHA), "length " + n);
      assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not a liko"),
          e.getMessage());
    }
    for (int k = 0; k < file.length; k++) {
      byte[] bad = file.clone();
      bad[k] ^= 0x10;
      int at = k;
      InputException e = assertThrows(InputException.class,
          () -> Checkpoint.decode(bad, "x.ckpt", VERSION, SHA), "byte " + at);
      assertTrue(e.getMessage().startsWith("x.ckpt: ") && e.getMessage().contains("rerun"),
          e.getMessage());
    }
  }

  /** The file with its format version replaced and a valid CRC32C. */
  private static byte[] withFormat(byte[] file, int format) {
    byte[] out = file.clone();
    ByteBuffer.wrap(out).putInt(Checkpoint.MAGIC.length, format);
    CRC32C crc = new CRC32C();
    crc.update(out, 0, out.length - 4);
    ByteBuffer.wrap(out).putInt(out.length - 4, (int) crc.getValue());
    return out;
  }

  @Test
  void anotherFormatLikoVersionOrScenarioIsRefused() {
    byte[] state = sample(RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
    byte[] file = new Checkpoint(VERSION, SHA, state).encode();
    InputException e = assertThrows(InputException.class,
        () -> Checkpoint.decode(withFormat(file, 2), "x.ckpt", VERSION, SHA));
    assertTrue(e.getMessage().contains("format version 2"), e.getMessage());
    e = assertThrows(InputException.class,
        () -> Checkpoint.decode(file, "x.ckpt", "0.2.0", SHA));
    assertTrue(e.getMessage().contains("written by liko 0.1.0-test, this is liko 0.2.0"),
        e.getMessage());
    byte[] other = SHA.clone();
    other[31] = 0;
    e = assertThrows(InputException.class,
        () -> Checkpoint.decode(file, "x.ckpt", VERSION, other));
    assertTrue(e.getMessage().contains("another scenario"), e.getMessage());
  }

  @Test
  void aStateReadInAnotherOrderIsRefused() {
    byte[] state = sample(RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
    StateIn in = new StateIn(state, "x.ckpt");
    InputException e = assertThrows(InputException.class, () -> in.section("lattice"));
    assertTrue(e.getMessage().contains("found section 'rng' where 'lattice' was expected"),
        e.getMessage());
    StateIn in2 = new StateIn(state, "x.ckpt");
    in2.section("rng").bytes();
    in2.section("numbers");
    e = assertThrows(InputException.class, () -> in2.ints(new int[3])); // the doubles come first: 4 of them
    assertTrue(e.getMessage().contains("section 'numbers'") && e.getMessage().contains("length"),
        e.getMessage());
  }
}
