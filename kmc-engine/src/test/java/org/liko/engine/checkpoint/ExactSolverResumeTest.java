package org.liko.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.liko.engine.Changes;
import org.liko.engine.EventModel;
import org.liko.engine.ExactSolver;

/**
 * {@link ExactSolver#save}/{@link ExactSolver#restore} with the generator's state: a solver
 * stopped after 5 000 steps, written, and restored into a fresh model and solver (built from
 * another seed) continues with the same 5 000 steps as the uninterrupted one: same results,
 * channels, leaves, scheduled tokens and times, bit for bit. The model has site, slot and
 * driven channels whose rates change with its state and schedules events from inside events,
 * so the queue holds entries at the checkpoint. Exact claim, no tolerance. Cost: under 0.1 s.
 */
class ExactSolverResumeTest {
  /** Four sites whose rate is 1 + occupation, a driven channel, scheduled ticks. */
  static final class Model implements EventModel {
    final int[] occupied = new int[4];
    final List<String> log = new ArrayList<>();
    long ticks;

    @Override
    public int channelCount() {
      return 2;
    }

    @Override
    public int channelSize(int c) {
      return 4;
    }

    @Override
    public boolean siteChannel(int c) {
      return c == 0;
    }

    @Override
    public double weight(int c, int leaf) {
      return c == 0 ? 1 + occupied[leaf] : 1 + leaf;
    }

    @Override
    public double drivenRate(int c) {
      return c == 1 ? 3.0 : Double.NaN;
    }

    @Override
    public void fire(int c, int leaf, UniformRandomProvider rng, Changes ch) {
      log.add(c + ":" + leaf);
      if (c == 0) {
        occupied[leaf] = (occupied[leaf] + 1) % 3;
        ch.site(leaf);
      } else if (leaf == 3) {
        ch.schedule(ch.now() + rng.nextDouble(), ticks++);
      }
    }

    @Override
    public void fireScheduled(long token, UniformRandomProvider rng, Changes ch) {
      log.add("tick" + token);
    }

    void save(StateOut out) {
      out.section("model").ints(occupied).l(ticks);
    }

    void restore(StateIn in) {
      in.section("model").ints(occupied);
      ticks = in.l();
    }
  }

  private static List<String> steps(ExactSolver s, Model m, int n) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int r = s.step(Double.POSITIVE_INFINITY);
      out.add(r + " " + Double.doubleToRawLongBits(s.time()) + " " + s.events() + " "
          + s.lastChannel() + " " + m.log.get(m.log.size() - 1));
    }
    return out;
  }

  @Test
  void restoredSolverContinuesBitForBit() {
    RestorableUniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2024L);
    Model m = new Model();
    ExactSolver s = new ExactSolver(m, rng);
    steps(s, m, 5_000);
    StateOut out = new StateOut();
    m.save(out);
    s.save(out);
    out.section("rng").rng(rng);
    byte[] state = out.toByteArray();
    List<String> expected = steps(s, m, 5_000);

    RestorableUniformRandomProvider rng2 = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
    Model m2 = new Model();
    ExactSolver s2 = new ExactSolver(m2, rng2);
    StateIn in = new StateIn(state, "test");
    m2.restore(in);
    s2.restore(in);
    in.section("rng").rng(rng2);
    in.end();
    assertEquals(expected, steps(s2, m2, 5_000));
  }
}
