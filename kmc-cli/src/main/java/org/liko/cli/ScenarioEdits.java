package org.liko.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liko.engine.InputException;
import org.liko.model.Scenario;

/** Command-line overrides of a scenario: {@code --lattice}, {@code --cycles}, {@code --current}. */
public final class ScenarioEdits {
  private ScenarioEdits() {}

  /**
   * The scenario with the lattice of {@code --lattice NXxNZ|NXxNYxNZ} (null: unchanged). A
   * separator set in the scenario ({@code separator_nm > 0}) keeps its fraction of the box
   * height: {@code separator_nm} is scaled by new nz / old nz.
   */
  public static Scenario lattice(Scenario s, String lattice) {
    if (lattice == null) {
      return s;
    }
    int[] d = Scenario.parseLattice(lattice, "--lattice");
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("lattice.nx", d[0]);
    o.put("lattice.ny", d[1]);
    o.put("lattice.nz", d[2]);
    double sep = s.d("separator_nm");
    if (sep > 0 && d[2] != s.i("lattice.nz")) {
      o.put("separator_nm", sep * d[2] / s.i("lattice.nz"));
    }
    return s.with(o, "--lattice");
  }

  /**
   * The protocol with its cycle blocks replaced by {@code n} cycles: the steps of the first
   * cycle (the lowest cycle number > 0) repeated as cycles first .. first + n - 1, placed where
   * the first cycle step was; steps outside cycles keep their order. A protocol without cycles is
   * returned unchanged.
   */
  public static List<Scenario.Step> cycles(List<Scenario.Step> steps, int n) {
    if (n < 1) {
      throw new InputException("--cycles: value " + n + " is out of range; allowed: >= 1");
    }
    int first = steps.stream().mapToInt(Scenario.Step::cycle).filter(c -> c > 0).min().orElse(0);
    if (first == 0) {
      return steps;
    }
    List<Scenario.Step> one = steps.stream().filter(s -> s.cycle() == first).toList();
    List<Scenario.Step> out = new ArrayList<>();
    boolean inserted = false;
    for (Scenario.Step s : steps) {
      if (s.cycle() == 0) {
        out.add(s);
      } else if (!inserted) {
        inserted = true;
        for (int c = 0; c < n; c++) {
          for (Scenario.Step t : one) {
            out.add(new Scenario.Step(t.kind(), t.current_mA_cm2(), t.charge_mAh_cm2(),
                t.time_s(), t.cutoff_V(), first + c));
          }
        }
      }
    }
    return out;
  }

  /** The protocol with the current of every plate and strip step replaced. */
  public static List<Scenario.Step> current(List<Scenario.Step> steps, double current) {
    if (!(current > 0) || !Double.isFinite(current)) {
      throw new InputException("--current: value " + current + " is out of range; allowed: a"
          + " current density > 0 in mA/cm^2");
    }
    List<Scenario.Step> out = new ArrayList<>();
    for (Scenario.Step t : steps) {
      boolean driven = t.kind().equals("plate") || t.kind().equals("strip");
      out.add(driven ? new Scenario.Step(t.kind(), current, t.charge_mAh_cm2(), t.time_s(),
          t.cutoff_V(), t.cycle()) : t);
    }
    return out;
  }

  /** Applies {@code --lattice}, {@code --cycles} and {@code --current} (null: not given). */
  public static Scenario apply(Scenario s, String lattice, Integer cycles, Double current) {
    Scenario out = lattice(s, lattice);
    List<Scenario.Step> steps = out.protocol();
    if (cycles != null) {
      steps = cycles(steps, cycles);
    }
    if (current != null) {
      steps = current(steps, current);
    }
    return steps == out.protocol() ? out : out.withProtocol(steps);
  }
}
