package org.liko.model.verify;

/**
 * One verification case of {@code liko verify}: a scenario (or a generated lattice setup), an
 * analysis, the expected value with its tolerance and the reference it comes from. The unit
 * tests call the same cases at {@link Size#TEST}, so the case is defined once.
 *
 * <p>To add a case: implement this interface (a small final class in this package, or anywhere
 * on the class path) and list it in {@link VerifyCatalogue#builtIn()}; a case that needs a mode
 * the build does not have yet is simply not listed until it does.
 */
public interface VerifyCase {
  /** Sizes of a case: the unit test's, {@code liko verify --quick}'s and the full set's. */
  enum Size {
    /** What the unit test runs (sized to the test budget). */
    TEST,
    /** {@code liko verify --quick}: all cases together in under 2 minutes on 2 cores. */
    QUICK,
    /** {@code liko verify}: the full statistics. */
    FULL
  }

  /** Short id used by {@code --only} and in file names, e.g. {@code random-deposition}. */
  String id();

  /** One-line title shown in the report. */
  String title();

  /** The reference of the expected value (author, journal, year, equation). */
  String reference();

  /** The default seed of the case (the unit test's fixed seed). */
  long seed();

  /**
   * Runs the case.
   *
   * @param size how much statistics to gather
   * @param seed base seed; replicas use seed, seed + 1, ...
   * @return the checks with their numbers and the figure
   */
  Outcome run(Size size, long seed);
}
