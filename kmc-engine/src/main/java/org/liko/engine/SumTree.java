package org.liko.engine;

/**
 * A binary sum tree over non-negative leaf values: O(log n) update and O(log n) selection of a
 * leaf with probability proportional to its value (Bortz, Kalos and Lebowitz 1975; the tree
 * form of Blue, Beichl and Sullivan 1995).
 *
 * <p>Every inner node is recomputed as left + right whenever a leaf below it changes, never
 * incremented, so the tree's bits depend only on the leaf values: a rebuilt tree equals an
 * updated one bit for bit and round-off cannot accumulate.
 */
public final class SumTree {
  private final int capacity; // power of two >= size
  private final int size;
  private final double[] node; // node[1] is the root, leaves at [capacity, capacity + size)
  private int[] pending = new int[16]; // node indices of leaves changed by setDeferred
  private int nPending;
  private boolean pendingSorted = true;

  /** Creates a tree of {@code size} zero leaves. */
  public SumTree(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be >= 1, got " + size);
    }
    int c = 1;
    while (c < size) {
      c <<= 1;
    }
    this.capacity = c;
    this.size = size;
    this.node = new double[2 * c];
  }

  /** Number of leaves. */
  public int size() {
    return size;
  }

  /** Sum of all leaves. */
  public double total() {
    return node[1];
  }

  /** Value of leaf i. */
  public double get(int i) {
    return node[capacity + i];
  }

  /** Sets leaf i and recomputes its ancestors. */
  public void set(int i, double value) {
    int k = capacity + i;
    if (node[k] == value) {
      return;
    }
    double[] a = node;
    a[k] = value;
    // an ancestor whose sum comes out unchanged leaves everything above it as it was
    for (k >>= 1; k >= 1; k >>= 1) {
      double v = a[2 * k] + a[2 * k + 1];
      if (a[k] == v) {
        return;
      }
      a[k] = v;
    }
  }

  /**
   * Sets leaf i and leaves its ancestors for the next {@link #commit()}, which recomputes each
   * ancestor of a batch of changed leaves once (the upper levels are shared by the whole batch,
   * and independent nodes of one level are summed side by side). The result is the same, bit
   * for bit, as {@link #set} of each leaf; nothing may read the tree before the commit.
   */
  public void setDeferred(int i, double value) {
    int k = capacity + i;
    if (node[k] == value) {
      return;
    }
    node[k] = value;
    if (nPending == pending.length) {
      pending = java.util.Arrays.copyOf(pending, 2 * nPending);
    }
    if (nPending > 0 && k < pending[nPending - 1]) {
      pendingSorted = false;
    }
    pending[nPending++] = k;
  }

  /** Recomputes the ancestors of the leaves changed by {@link #setDeferred} since the last one. */
  public void commit() {
    int n = nPending;
    if (n == 0) {
      return;
    }
    int[] p = pending;
    if (!pendingSorted) {
      for (int a = 1; a < n; a++) { // insertion sort: batches are small
        int v = p[a];
        int b = a - 1;
        while (b >= 0 && p[b] > v) {
          p[b + 1] = p[b];
          b--;
        }
        p[b + 1] = v;
      }
    }
    double[] a = node;
    // level by level: parents of a sorted list are sorted, so repeats are adjacent; a parent
    // whose sum comes out unchanged stops its path
    while (n > 0) {
      int m = 0;
      int last = 0;
      for (int q = 0; q < n; q++) {
        int k = p[q] >> 1;
        if (k == last) {
          continue;
        }
        last = k;
        double v = a[2 * k] + a[2 * k + 1];
        if (a[k] != v) {
          a[k] = v;
          if (k > 1) {
            p[m++] = k;
          }
        }
      }
      n = m;
    }
    nPending = 0;
    pendingSorted = true;
  }

  /** Sets leaf i without updating ancestors; call {@link #rebuild()} afterwards. */
  public void setLeafOnly(int i, double value) {
    node[capacity + i] = value;
  }

  /** Recomputes all inner nodes from the leaves. */
  public void rebuild() {
    for (int k = capacity - 1; k >= 1; k--) {
      node[k] = node[2 * k] + node[2 * k + 1];
    }
  }

  /**
   * Finds the leaf where the running sum passes {@code target}, for {@code 0 <= target < total()}.
   * Leaves of value zero are never returned.
   */
  public int find(double target) {
    int k = 1;
    while (k < capacity) {
      double left = node[2 * k];
      if (target < left || node[2 * k + 1] == 0.0) {
        k = 2 * k;
      } else {
        target -= left;
        k = 2 * k + 1;
      }
    }
    int i = k - capacity;
    if (node[k] == 0.0) {
      // round-off pushed us onto an empty leaf: walk back to the nearest non-empty one
      while (i > 0 && node[capacity + i] == 0.0) {
        i--;
      }
    }
    return i;
  }
}
