package org.liko.engine;

/**
 * Collects what an event changed so the solver recomputes only those leaves (local updates), and
 * takes requests for scheduled events and full rebuilds.
 */
public final class Changes {
  private int[] sites = new int[64];
  private int nSites;
  private int[] leafChannel = new int[16];
  private int[] leaf = new int[16];
  private int nLeaves;
  private boolean rebuild;
  private final ScheduledQueue queue;
  private double now;

  Changes(ScheduledQueue queue) {
    this.queue = queue;
  }

  /** Marks site s as changed in every site channel. */
  public void site(int s) {
    if (nSites == sites.length) {
      sites = java.util.Arrays.copyOf(sites, 2 * nSites);
    }
    sites[nSites++] = s;
  }

  /** Marks one leaf of channel c as changed. */
  public void leaf(int c, int i) {
    if (nLeaves == leaf.length) {
      leaf = java.util.Arrays.copyOf(leaf, 2 * nLeaves);
      leafChannel = java.util.Arrays.copyOf(leafChannel, 2 * nLeaves);
    }
    leafChannel[nLeaves] = c;
    leaf[nLeaves++] = i;
  }

  /** Asks for every leaf of every channel to be recomputed. */
  public void rebuildAll() {
    rebuild = true;
  }

  /** The current simulated time, s. */
  public double now() {
    return now;
  }

  /** Schedules {@code token} to fire at absolute time {@code time} (s). */
  public void schedule(double time, long token) {
    queue.add(time, token);
  }

  /** Removes every scheduled entry carrying {@code token}. */
  public void cancel(long token) {
    queue.remove(token);
  }

  void reset(double now) {
    this.now = now;
    nSites = 0;
    nLeaves = 0;
    rebuild = false;
  }

  int siteCount() {
    return nSites;
  }

  int siteAt(int k) {
    return sites[k];
  }

  int leafCount() {
    return nLeaves;
  }

  int leafChannelAt(int k) {
    return leafChannel[k];
  }

  int leafAt(int k) {
    return leaf[k];
  }

  boolean rebuildRequested() {
    return rebuild;
  }
}
