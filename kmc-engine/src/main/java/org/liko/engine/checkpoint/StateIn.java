package org.liko.engine.checkpoint;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.liko.engine.InputException;

/**
 * Reads what {@link StateOut} wrote, in the same order. A section name or an array length that
 * does not match, or reading past the end, is an {@link InputException} naming the section: the
 * checkpoint does not fit this liko's model and is not resumed.
 */
public final class StateIn {
  private final ByteBuffer in;
  private final String source;
  private String section = "(start)";

  /** Reads {@code state}; {@code source} names the file in messages. */
  public StateIn(byte[] state, String source) {
    this.in = ByteBuffer.wrap(state).order(ByteOrder.BIG_ENDIAN);
    this.source = source;
  }

  private InputException misfit(String what) {
    return new InputException(source + ": section '" + section + "': " + what + "; the"
        + " checkpoint does not fit this model and is not resumed");
  }

  /** Expects section {@code name} next. */
  public StateIn section(String name) {
    String got = text();
    if (!got.equals(name)) {
      throw misfit("found section '" + got + "' where '" + name + "' was expected");
    }
    section = name;
    return this;
  }

  /** An int. */
  public int i() {
    try {
      return in.getInt();
    } catch (BufferUnderflowException e) {
      throw misfit("ends early");
    }
  }

  /** A long. */
  public long l() {
    try {
      return in.getLong();
    } catch (BufferUnderflowException e) {
      throw misfit("ends early");
    }
  }

  /** A double from its raw bits. */
  public double d() {
    return Double.longBitsToDouble(l());
  }

  /** A boolean. */
  public boolean b() {
    int v = i();
    if (v != 0 && v != 1) {
      throw misfit("a boolean holds " + v);
    }
    return v == 1;
  }

  private int length(int expected) {
    int n = i();
    if (n < 0 || n > in.remaining() || (expected >= 0 && n != expected)) {
      throw misfit("length " + n + (expected >= 0 ? ", expected " + expected : "")
          + " with " + in.remaining() + " bytes left");
    }
    return n;
  }

  /** Bytes written with their length. */
  public byte[] bytes() {
    byte[] a = new byte[length(-1)];
    in.get(a);
    return a;
  }

  /** A string. */
  public String text() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  /** Ints into {@code a}, whose length must match. */
  public void ints(int[] a) {
    length(a.length);
    for (int k = 0; k < a.length; k++) {
      a[k] = i();
    }
  }

  /** Longs into {@code a}, whose length must match. */
  public void longs(long[] a) {
    length(a.length);
    for (int k = 0; k < a.length; k++) {
      a[k] = l();
    }
  }

  /** Doubles into {@code a}, whose length must match. */
  public void doubles(double[] a) {
    length(a.length);
    for (int k = 0; k < a.length; k++) {
      a[k] = d();
    }
  }

  /** Restores a Commons RNG provider of the same kind as the one saved. */
  public void rng(RestorableUniformRandomProvider rng) {
    byte[] s = bytes();
    try {
      rng.restoreState(new RandomProviderDefaultState(s));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw misfit("the RNG state does not fit (" + e.getMessage() + ")");
    }
  }

  /**
   * A value {@link StateOut#value} wrote, as the same Java type (maps as {@link
   * java.util.LinkedHashMap}, lists as {@link java.util.ArrayList}).
   */
  public Object value() {
    int tag = i();
    switch (tag) {
      case 'n':
        return null;
      case 'b':
        return b();
      case 'i':
        return i();
      case 'l':
        return l();
      case 'd':
        return d();
      case 's':
        return text();
      case 'L': {
        int n = length(-1);
        java.util.List<Object> list = new java.util.ArrayList<>(n);
        for (int k = 0; k < n; k++) {
          list.add(value());
        }
        return list;
      }
      case 'M': {
        int n = length(-1);
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
          String key = text();
          map.put(key, value());
        }
        return map;
      }
      default:
        throw misfit("unknown value tag " + tag);
    }
  }

  /** Checks that everything was read. */
  public void end() {
    if (in.hasRemaining()) {
      throw misfit(in.remaining() + " bytes left unread");
    }
  }
}
