package org.liko.engine.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.rng.core.source32.Philox4x32;
import org.junit.jupiter.api.Test;

/**
 * Exact-output tests for {@link Philox}: the Random123 known-answer vectors
 * ({@code kat_vectors}, philox4x32_10) and agreement with Commons RNG's {@link Philox4x32}.
 */
class PhiloxTest {

  /** Fixed seed for the random comparisons (logged so a failure can be replayed). */
  private static final long SEED = Long.getLong("liko.test.seed", 0x5EED_2011L);

  private static int[] words(int[] ctr, int[] key) {
    return Philox.block(ctr, key[0], key[1]);
  }

  @Test
  void knownAnswerAllZero() {
    assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
        words(new int[] {0, 0, 0, 0}, new int[] {0, 0}));
  }

  @Test
  void knownAnswerAllOnes() {
    assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
        words(new int[] {-1, -1, -1, -1}, new int[] {-1, -1}));
  }

  @Test
  void knownAnswerPiDigits() {
    assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
        words(new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
            new int[] {0xa4093822, 0x299f31d0}));
  }

  /**
   * Commons RNG increments its 128-bit counter before the first block, so it is seeded with
   * counter - 1 (with borrow across the words) and its first four outputs are one block.
   */
  @Test
  void agreesWithCommonsRng() {
    System.out.println("PhiloxTest seed = 0x" + Long.toHexString(SEED));
    SplittableRandom rnd = new SplittableRandom(SEED);
    for (int n = 0; n < 2000; n++) {
      int[] ctr = {rnd.nextInt(), rnd.nextInt(), rnd.nextInt(), rnd.nextInt()};
      if (n % 7 == 0) {
        ctr[0] = 0; // exercise the borrow into the upper words
      }
      if (n % 11 == 0) {
        ctr[0] = 0;
        ctr[1] = 0;
      }
      int k0 = rnd.nextInt();
      int k1 = rnd.nextInt();
      int[] before = decrement(ctr);
      Philox4x32 ref = new Philox4x32(new int[] {k0, k1, before[0], before[1], before[2],
          before[3]});
      int[] expected = {ref.nextInt(), ref.nextInt(), ref.nextInt(), ref.nextInt()};
      assertArrayEquals(expected, Philox.block(ctr, k0, k1),
          () -> "seed 0x" + Long.toHexString(SEED));
    }
  }

  private static int[] decrement(int[] ctr) {
    int[] out = ctr.clone();
    for (int i = 0; i < 4; i++) {
      out[i]--;
      if (out[i] != -1) {
        break; // no borrow
      }
    }
    return out;
  }

  @Test
  void uint32IsUnsignedView() {
    for (int w = 0; w < 4; w++) {
      long u = Philox.uint32(-1, -1, -1, -1, -1, -1, w);
      assertTrue(u >= 0 && u <= 0xFFFFFFFFL);
      assertEquals(Philox.philox(-1, -1, -1, -1, -1, -1, w), (int) u);
    }
    assertEquals(0xe169c58dL, Philox.uint32(0, 0, 0, 0, 0, 0, 1));
  }

  @Test
  void layoutPacksFieldsIntoDocumentedBits() {
    long index = (0xABCDL << 32) | 0x12345678L;
    int c1 = Philox.counter1(index, 0x9, 0xFED);
    assertEquals(0xFED9ABCD, c1);
    assertEquals(0, Philox.counter1(0, 0, 0));
    assertEquals(0xFFFFFFFF, Philox.counter1(Philox.MAX_INDEX, Philox.MAX_COLOUR,
        Philox.MAX_STREAM));
  }

  @Test
  void drawUsesLayout() {
    long seed = 0x299f31d0a4093822L;
    long index = (0x0003L << 32) | 0x243f6a88L;
    long sweep = 0x0370734413198a2eL;
    for (int w = 0; w < 4; w++) {
      long expected = Philox.uint32(0x243f6a88, Philox.counter1(index, 2, 7), 0x13198a2e,
          0x03707344, 0xa4093822, 0x299f31d0, w);
      assertEquals(expected, Philox.draw(seed, index, 2, 7, sweep, w));
    }
  }

  @Test
  void indicesAbove2To32GiveDistinctCounters() {
    Set<Long> seen = new HashSet<>();
    long[] indices = {0, 1, 1L << 32, (1L << 32) + 1, Philox.MAX_INDEX};
    for (long index : indices) {
      for (int colour = 0; colour < 4; colour++) {
        long key = ((long) Philox.counter1(index, colour, 0) << 32) | (index & 0xFFFFFFFFL);
        assertTrue(seen.add(key), "duplicate counter for index " + index);
      }
    }
    assertTrue(Philox.draw(1, 0, 0, 0, 0, 0) != Philox.draw(1, 1L << 32, 0, 0, 0, 0));
  }

  @Test
  void badIndexNamesField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Philox.checkLayout(Philox.MAX_INDEX + 1, 0, 0));
    assertTrue(e.getMessage().contains("index"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Philox.checkLayout(-1, 0, 0));
    assertTrue(e.getMessage().contains("index"), e.getMessage());
  }

  @Test
  void badColourNamesField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Philox.checkLayout(0, Philox.MAX_COLOUR + 1, 0));
    assertTrue(e.getMessage().contains("colour"), e.getMessage());
  }

  @Test
  void badStreamNamesField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Philox.checkLayout(0, 0, -1));
    assertTrue(e.getMessage().contains("stream"), e.getMessage());
  }

  @Test
  void badWhichNamesField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Philox.draw(0, 0, 0, 0, 0, 4));
    assertTrue(e.getMessage().contains("which"), e.getMessage());
  }

  @Test
  void badCounterLengthNamesField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Philox.block(new int[3], 0, 0));
    assertTrue(e.getMessage().contains("counter"), e.getMessage());
  }
}
