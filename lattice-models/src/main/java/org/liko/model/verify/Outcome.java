package org.liko.model.verify;

import java.util.List;

/**
 * What a verification case measured.
 *
 * @param checks the numbers against their expected values (all must pass)
 * @param figure measured against theory
 * @param setup what was run (sizes, replicas, seeds), one line
 */
public record Outcome(List<Check> checks, CaseFigure figure, String setup) {

  /** Copies the list. */
  public Outcome {
    checks = List.copyOf(checks);
  }

  /** Whether every check passed. */
  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }
}
