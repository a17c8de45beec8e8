package org.liko.model.limits;

/** Shared helpers of the limit tests: seeds and scenario text. */
final class Limits {
  private Limits() {}

  /** The default seed, or {@code -Dliko.test.seed=N} (mixed with the default), logged. */
  static long seed(String test, long dflt) {
    Long override = Long.getLong("liko.test.seed");
    long s = override == null ? dflt : override * 0x9E3779B97F4A7C15L + dflt;
    System.out.println(test + " seed = " + s);
    return s;
  }
}
