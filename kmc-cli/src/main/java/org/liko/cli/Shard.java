package org.liko.cli;

import org.liko.engine.InputException;

/**
 * One share of a comparison's runs, {@code --shard i/N} (1 &le; i &le; N): of the runs in plan
 * order ({@link ComparePlan#runs()}) shard i takes those whose index j (from 0) has
 * {@code j mod N == i - 1}. Round robin over the replica-major order gives every shard nearly the
 * same number of runs of every strategy, so shards take about the same time.
 *
 * @param index i, from 1
 * @param count N
 */
public record Shard(int index, int count) {
  /** The whole comparison: one shard. */
  public static final Shard WHOLE = new Shard(1, 1);

  /** Validates i and N. */
  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new InputException("--shard: value " + index + "/" + count + " is out of range;"
          + " allowed: i/N with 1 <= i <= N, e.g. 2/4");
    }
  }

  /**
   * Parses {@code i/N}; null gives {@link #WHOLE}.
   *
   * @throws InputException naming the option when the text is not i/N with 1 &le; i &le; N
   */
  public static Shard parse(String text) {
    if (text == null) {
      return WHOLE;
    }
    String[] p = text.strip().split("/", -1);
    try {
      if (p.length == 2) {
        return new Shard(Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip()));
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new InputException("--shard: value '" + text + "' is not of the form i/N; e.g. 2/4"
        + " (the second of four shares; with a Slurm array:"
        + " $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT and --array=1-N)");
  }

  /** Whether run {@code j} (plan order, from 0) belongs to this shard. */
  public boolean owns(int j) {
    return j % count == index - 1;
  }

  /** Whether this is the whole comparison. */
  public boolean whole() {
    return count == 1;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
