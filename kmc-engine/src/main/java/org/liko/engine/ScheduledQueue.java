package org.liko.engine;

import java.util.Arrays;
import org.liko.engine.checkpoint.StateIn;
import org.liko.engine.checkpoint.StateOut;

/**
 * Time-ordered queue of scheduled events beside the sum tree, for processes whose waiting times
 * are not exponential (first-passage jumps; Oppelstrup et al., Phys. Rev. E 80, 066701, 2009).
 * A binary min-heap on (time, insertion order), so ties resolve the same way on every run.
 */
final class ScheduledQueue {
  private double[] time = new double[16];
  private long[] token = new long[16];
  private long[] order = new long[16];
  private int n;
  private long counter;

  void add(double t, long tok) {
    if (n == time.length) {
      time = Arrays.copyOf(time, 2 * n);
      token = Arrays.copyOf(token, 2 * n);
      order = Arrays.copyOf(order, 2 * n);
    }
    int k = n++;
    time[k] = t;
    token[k] = tok;
    order[k] = counter++;
    up(k);
  }

  boolean isEmpty() {
    return n == 0;
  }

  double headTime() {
    return time[0];
  }

  long pop() {
    long tok = token[0];
    removeAt(0);
    return tok;
  }

  void remove(long tok) {
    for (int k = n - 1; k >= 0; k--) {
      if (token[k] == tok) {
        removeAt(k);
      }
    }
  }

  void clear() {
    n = 0;
  }

  /** Writes the heap as it is (entries in heap order, the insertion counter). */
  void save(StateOut out) {
    out.i(n).l(counter);
    for (int k = 0; k < n; k++) {
      out.d(time[k]).l(token[k]).l(order[k]);
    }
  }

  /** Replaces the heap by one {@link #save} wrote. */
  void restore(StateIn in) {
    int size = in.i();
    if (size < 0) {
      throw new org.liko.engine.InputException("scheduled queue of negative size " + size);
    }
    counter = in.l();
    int cap = Math.max(16, Integer.highestOneBit(Math.max(1, size)) << 1);
    time = new double[cap];
    token = new long[cap];
    order = new long[cap];
    n = size;
    for (int k = 0; k < n; k++) {
      time[k] = in.d();
      token[k] = in.l();
      order[k] = in.l();
    }
  }

  private void removeAt(int k) {
    n--;
    if (k == n) {
      return;
    }
    move(n, k);
    up(k);
    down(k);
  }

  private boolean less(int a, int b) {
    return time[a] < time[b] || (time[a] == time[b] && order[a] < order[b]);
  }

  private void up(int k) {
    while (k > 0) {
      int p = (k - 1) / 2;
      if (!less(k, p)) {
        break;
      }
      swap(k, p);
      k = p;
    }
  }

  private void down(int k) {
    while (true) {
      int l = 2 * k + 1;
      if (l >= n) {
        break;
      }
      int m = l + 1 < n && less(l + 1, l) ? l + 1 : l;
      if (!less(m, k)) {
        break;
      }
      swap(k, m);
      k = m;
    }
  }

  private void move(int from, int to) {
    time[to] = time[from];
    token[to] = token[from];
    order[to] = order[from];
  }

  private void swap(int a, int b) {
    double t = time[a];
    time[a] = time[b];
    time[b] = t;
    long x = token[a];
    token[a] = token[b];
    token[b] = x;
    x = order[a];
    order[a] = order[b];
    order[b] = x;
  }
}
