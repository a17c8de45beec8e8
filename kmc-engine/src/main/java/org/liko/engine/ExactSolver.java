package org.liko.engine;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The reference solver: rejection-free n-fold way (Bortz, Kalos and Lebowitz, J. Comput. Phys.
 * 17, 10, 1975) with one {@link SumTree} per channel, local updates after each event, and a
 * time-ordered queue beside the trees for scheduled (non-exponential) events.
 *
 * <p>Waiting times are {@code -ln(u)/R} with {@link StrictMath#log} and u in (0, 1], so a run is
 * bit-reproducible on every JVM. When the next scheduled event comes before the drawn BKL time,
 * the clock jumps to it and the exponential draw is discarded, which memorylessness allows
 * (first-passage KMC, Oppelstrup et al. 2009).
 *
 * <p>A channel's tree is made when the channel is first active, so a channel that never fires in
 * a run (e.g. reduction and oxidation during a rest) takes no memory.
 */
public final class ExactSolver {
  /** {@link #step} outcome: an exponential event fired. */
  public static final int EVENT = 0;
  /** {@link #step} outcome: a scheduled event fired. */
  public static final int SCHEDULED = 1;
  /** {@link #step} outcome: the clock reached the limit before the next event; nothing fired. */
  public static final int LIMIT = 2;
  /** {@link #step} outcome: no event can happen (total rate 0 and nothing scheduled). */
  public static final int STALLED = 3;

  private final EventModel model;
  private final UniformRandomProvider rng;
  private final int channels;
  private final SumTree[] trees; // null until the channel is first active (no memory before)
  private final int[] sizes; // leaves per channel
  private final double[] driven; // NaN for summed channels
  private final ScheduledQueue queue = new ScheduledQueue();
  private final Changes changes = new Changes(queue);
  private final boolean[] siteChannel;
  private final boolean[] active; // channels whose leaves are kept up to date
  private final boolean[] stale; // inactive channels whose leaves missed an update
  private int[] liveSiteChannels; // active site channels, in channel order
  private boolean anyInactive;
  private final int maxSite;
  private int[] stamp; // per-site marks for large batches, made on first use
  private int[] unique = new int[64]; // the distinct sites of one event, in first-seen order
  private static final int SMALL_BATCH = 48; // up to here, distinct sites by comparison
  private int stampValue;
  private double time;
  private long events;
  private int lastChannel = -1;

  /** Creates the solver and computes every leaf. */
  public ExactSolver(EventModel model, UniformRandomProvider rng) {
    this.model = model;
    this.rng = rng;
    this.channels = model.channelCount();
    this.trees = new SumTree[channels];
    this.sizes = new int[channels];
    this.driven = new double[channels];
    this.siteChannel = new boolean[channels];
    this.active = new boolean[channels];
    this.stale = new boolean[channels];
    int maxSite = 1;
    for (int c = 0; c < channels; c++) {
      sizes[c] = Math.max(1, model.channelSize(c));
      siteChannel[c] = model.siteChannel(c);
      if (siteChannel[c]) {
        maxSite = Math.max(maxSite, model.channelSize(c));
      }
    }
    this.maxSite = maxSite;
    rebuild();
  }

  /** Recomputes every leaf of every active channel and re-reads the driven rates. */
  public void rebuild() {
    model.rebuilding();
    for (int c = 0; c < channels; c++) {
      active[c] = model.channelActive(c);
      if (active[c]) {
        rebuildChannel(c);
      } else {
        stale[c] = true;
      }
    }
    activityChanged();
    refreshDriven();
  }

  private void rebuildChannel(int c) {
    if (trees[c] == null) {
      trees[c] = new SumTree(sizes[c]);
    }
    SumTree t = trees[c];
    int n = model.channelSize(c);
    for (int i = 0; i < n; i++) {
      t.setLeafOnly(i, model.weight(c, i));
    }
    t.rebuild();
    stale[c] = false;
  }

  private void activityChanged() {
    int n = 0;
    anyInactive = false;
    for (int c = 0; c < channels; c++) {
      n += active[c] && siteChannel[c] ? 1 : 0;
      anyInactive |= !active[c];
    }
    liveSiteChannels = new int[n];
    n = 0;
    for (int c = 0; c < channels; c++) {
      if (active[c] && siteChannel[c]) {
        liveSiteChannels[n++] = c;
      }
    }
  }

  /**
   * Re-reads which channels are active (recomputing the leaves of a channel that just became
   * active) and the driven channels' total rates (after the imposed current changed).
   */
  public void refreshDriven() {
    boolean changed = false;
    for (int c = 0; c < channels; c++) {
      boolean a = model.channelActive(c);
      if (a != active[c]) {
        active[c] = a;
        changed = true;
        if (a && stale[c]) {
          rebuildChannel(c);
        }
      }
    }
    if (changed) {
      activityChanged();
    }
    for (int c = 0; c < channels; c++) {
      driven[c] = model.drivenRate(c);
    }
  }

  /** Recomputes the leaves of site s in every site channel (after a change made outside events). */
  public void updateSite(int s) {
    for (int c = 0; c < channels; c++) {
      if (siteChannel[c]) {
        updateLeaf(c, s);
      }
    }
  }

  /** Recomputes one leaf of channel c (an inactive channel is only marked out of date). */
  public void updateLeaf(int c, int leaf) {
    if (active[c]) {
      trees[c].set(leaf, model.weight(c, leaf));
    } else {
      stale[c] = true;
    }
  }

  /**
   * Value leaf i of channel c holds now, as kept by the incremental updates (consistency checks
   * compare it with the model's weight); an inactive channel's leaves may be out of date.
   */
  public double leafWeight(int c, int i) {
    return trees[c].get(i);
  }

  /** True while channel c is active (its leaves kept up to date event by event). */
  public boolean channelActive(int c) {
    return active[c];
  }

  /** Total rate (1/s) of channel c as it enters the clock; 0 while the channel is inactive. */
  public double channelRate(int c) {
    if (!active[c]) {
      return 0.0;
    }
    double sum = trees[c].total();
    if (Double.isNaN(driven[c])) {
      return sum;
    }
    return sum > 0.0 ? driven[c] : 0.0;
  }

  /**
   * Sum of leaf values of channel c (the total weight of a driven channel); an inactive channel's
   * leaves are recomputed first when they are out of date.
   */
  public double channelWeight(int c) {
    if (stale[c]) {
      rebuildChannel(c);
    }
    return trees[c].total();
  }

  /** Total rate (1/s) of all channels. */
  public double totalRate() {
    double r = 0.0;
    for (int c = 0; c < channels; c++) {
      r += channelRate(c);
    }
    return r;
  }

  /**
   * Advances the clock by one event, unless the next event would come after {@code limit}, in
   * which case the clock stops at {@code limit} and nothing fires.
   *
   * @return {@link #EVENT}, {@link #SCHEDULED}, {@link #LIMIT} or {@link #STALLED}
   */
  public int step(double limit) {
    double r = totalRate();
    boolean haveQueue = !queue.isEmpty();
    if (r <= 0.0 && !haveQueue) {
      if (Double.isFinite(limit)) {
        time = Math.max(time, limit);
        return LIMIT;
      }
      return STALLED;
    }
    double next = r > 0.0 ? time - StrictMath.log(1.0 - rng.nextDouble()) / r
        : Double.POSITIVE_INFINITY;
    if (haveQueue && queue.headTime() <= next) {
      double tq = queue.headTime();
      if (tq > limit) {
        time = limit;
        return LIMIT;
      }
      time = Math.max(time, tq);
      long token = queue.pop();
      changes.reset(time);
      model.fireScheduled(token, rng, changes);
      events++;
      lastChannel = -1;
      apply();
      return SCHEDULED;
    }
    if (next > limit) {
      time = limit;
      return LIMIT;
    }
    time = next;
    double u = rng.nextDouble() * r;
    int c = 0;
    double rc = channelRate(0);
    while (u >= rc && c < channels - 1) {
      u -= rc;
      c++;
      rc = channelRate(c);
    }
    while (rc <= 0.0) { // round-off ran past the last non-empty channel
      c--;
      rc = channelRate(c);
    }
    SumTree t = trees[c];
    int leaf = t.find(rng.nextDouble() * t.total());
    changes.reset(time);
    model.fire(c, leaf, rng, changes);
    events++;
    lastChannel = c;
    apply();
    return EVENT;
  }

  private void apply() {
    if (changes.rebuildRequested()) {
      rebuild();
      return;
    }
    // distinct sites first, then one channel at a time (one tree warm in cache); the final
    // trees do not depend on the order of the leaf updates
    int n = changes.siteCount();
    if (unique.length < n) {
      unique = new int[Math.max(n, 2 * unique.length)];
    }
    int distinct = n <= SMALL_BATCH ? distinctSmall(n) : distinctLarge(n);
    int[] u = unique;
    for (int c : liveSiteChannels) {
      SumTree t = trees[c];
      for (int k = 0; k < distinct; k++) {
        int s = u[k];
        t.setDeferred(s, model.weight(c, s));
      }
      t.commit();
    }
    if (anyInactive && distinct > 0) {
      for (int c = 0; c < channels; c++) {
        if (!active[c] && siteChannel[c]) {
          stale[c] = true;
        }
      }
    }
    int m = changes.leafCount();
    for (int k = 0; k < m; k++) {
      updateLeaf(changes.leafChannelAt(k), changes.leafAt(k));
    }
    refreshDriven();
  }

  /** Distinct sites of a small batch by comparison (no per-site array to miss in cache). */
  private int distinctSmall(int n) {
    int[] u = unique;
    int distinct = 0;
    for (int k = 0; k < n; k++) {
      int s = changes.siteAt(k);
      int q = 0;
      while (q < distinct && u[q] != s) {
        q++;
      }
      if (q == distinct) {
        u[distinct++] = s;
      }
    }
    return distinct;
  }

  /** Distinct sites of a large batch (a lifted column, a revived cluster) by per-site stamps. */
  private int distinctLarge(int n) {
    if (stamp == null) {
      stamp = new int[maxSite];
    }
    if (++stampValue == Integer.MAX_VALUE) {
      java.util.Arrays.fill(stamp, 0);
      stampValue = 1;
    }
    int[] u = unique;
    int[] st = stamp;
    int sv = stampValue;
    int distinct = 0;
    for (int k = 0; k < n; k++) {
      int s = changes.siteAt(k);
      if (st[s] != sv) {
        st[s] = sv;
        u[distinct++] = s;
      }
    }
    return distinct;
  }

  /** Schedules a token from outside an event (e.g. when a particle is created). */
  public void schedule(double at, long token) {
    queue.add(at, token);
  }

  /** Drops every scheduled event. */
  public void clearScheduled() {
    queue.clear();
  }

  /** Simulated time, s. */
  public double time() {
    return time;
  }

  /** Sets the clock (used when resuming). */
  public void setTime(double t) {
    this.time = t;
  }

  /** Number of events fired so far (exponential and scheduled). */
  public long events() {
    return events;
  }

  /**
   * Writes what the solver holds beyond its model and random generator: the clock as raw bits,
   * the event count, the last channel and the scheduled events. The sum trees are not written:
   * they are a function of the leaves, which the model's state gives back ({@link #restore}
   * rebuilds them bit for bit). Call between steps.
   */
  public void save(org.liko.engine.checkpoint.StateOut out) {
    out.section("exact-solver").d(time).l(events).i(lastChannel);
    queue.save(out);
  }

  /**
   * Continues from what {@link #save} wrote, once the model holds the state it had then: the
   * leaves and driven rates are recomputed from the model ({@link #rebuild}), then clock, event
   * count, last channel and scheduled events are put back. The generator's state is the
   * caller's to restore.
   */
  public void restore(org.liko.engine.checkpoint.StateIn in) {
    in.section("exact-solver");
    rebuild();
    time = in.d();
    events = in.l();
    lastChannel = in.i();
    queue.restore(in);
  }

  /** Channel of the last exponential event, or -1 after a scheduled one. */
  public int lastChannel() {
    return lastChannel;
  }
}
