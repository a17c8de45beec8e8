package org.liko.engine.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;

/**
 * Writes state for a {@link Checkpoint}: primitives big-endian, doubles as their raw bits (NaN
 * payloads and -0.0 kept, so a resumed run continues bit for bit), arrays with their length, and
 * named sections that {@link StateIn#section} checks on reading, so a reader that drifted from
 * its writer fails at the first section it misreads rather than resuming a wrong state.
 */
public final class StateOut {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final DataOutputStream out = new DataOutputStream(bytes);

  /** Starts a named section. */
  public StateOut section(String name) {
    return text(name);
  }

  /** An int. */
  public StateOut i(int v) {
    try {
      out.writeInt(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A long. */
  public StateOut l(long v) {
    try {
      out.writeLong(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A double, as its raw bits. */
  public StateOut d(double v) {
    return l(Double.doubleToRawLongBits(v));
  }

  /** A boolean. */
  public StateOut b(boolean v) {
    return i(v ? 1 : 0);
  }

  /** A string, UTF-8 with its length. */
  public StateOut text(String s) {
    return bytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Bytes with their length. */
  public StateOut bytes(byte[] a) {
    i(a.length);
    try {
      out.write(a);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Ints with their length. */
  public StateOut ints(int[] a) {
    i(a.length);
    for (int v : a) {
      i(v);
    }
    return this;
  }

  /** Longs with their length. */
  public StateOut longs(long[] a) {
    i(a.length);
    for (long v : a) {
      l(v);
    }
    return this;
  }

  /** Doubles, as raw bits, with their length. */
  public StateOut doubles(double[] a) {
    i(a.length);
    for (double v : a) {
      d(v);
    }
    return this;
  }

  /**
   * The state of a Commons RNG provider ({@link RestorableUniformRandomProvider#saveState}):
   * the generator's words and any cached value, so the restored provider draws the same
   * numbers as the saved one would have.
   */
  public StateOut rng(RestorableUniformRandomProvider rng) {
    return bytes(((RandomProviderDefaultState) rng.saveState()).getState());
  }

  /**
   * A JSON-like value, tagged with its Java type so that it reads back as the same type: null,
   * Boolean, Integer, Long, Double (raw bits), String, a List or a Map with String keys (insertion
   * order kept) of such values. Summary pieces (cycle rows, morphology maps) travel this way.
   *
   * @throws IllegalArgumentException for any other type
   */
  public StateOut value(Object v) {
    if (v == null) {
      return i('n');
    } else if (v instanceof Boolean b) {
      return i('b').b(b);
    } else if (v instanceof Integer x) {
      return i('i').i(x);
    } else if (v instanceof Long x) {
      return i('l').l(x);
    } else if (v instanceof Double x) {
      return i('d').d(x);
    } else if (v instanceof String x) {
      return i('s').text(x);
    } else if (v instanceof java.util.List<?> list) {
      i('L').i(list.size());
      for (Object e : list) {
        value(e);
      }
      return this;
    } else if (v instanceof java.util.Map<?, ?> map) {
      i('M').i(map.size());
      for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
        text((String) e.getKey());
        value(e.getValue());
      }
      return this;
    }
    throw new IllegalArgumentException("no checkpoint form for " + v.getClass().getName());
  }

  /** Everything written so far. */
  public byte[] toByteArray() {
    return bytes.toByteArray();
  }
}
