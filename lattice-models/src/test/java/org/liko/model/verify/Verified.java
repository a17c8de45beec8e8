package org.liko.model.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helper: runs a verification case at its test size and asserts every check. */
public final class Verified {
  private Verified() {}

  /** Runs c at {@link VerifyCase.Size#TEST} with seed, logs every check, asserts they pass. */
  public static Outcome assertPasses(VerifyCase c, long seed) {
    long t0 = System.nanoTime();
    Outcome o = c.run(VerifyCase.Size.TEST, seed);
    System.out.printf("%s (%s; %.1f s):%n", c.id(), o.setup(), (System.nanoTime() - t0) * 1e-9);
    for (Check k : o.checks()) {
      System.out.printf("  %s: measured %.6g, expected %.6g +- %.3g %s%s%n", k.quantity(),
          k.measured(), k.expected(), k.tolerance(), k.passed() ? "pass" : "FAIL",
          k.note().isEmpty() ? "" : " (" + k.note() + ")");
    }
    for (Check k : o.checks()) {
      assertTrue(k.passed(), c.id() + ": " + k.quantity() + " = " + k.measured()
          + ", expected " + k.expected() + " +- " + k.tolerance());
    }
    return o;
  }
}
