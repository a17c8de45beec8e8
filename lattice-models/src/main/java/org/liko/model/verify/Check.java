package org.liko.model.verify;

/**
 * One number of a verification case against its expected value.
 *
 * @param quantity what is measured, with its unit, e.g. {@code "growth exponent beta"}
 * @param measured the measured value
 * @param expected the expected value (for an interval: its centre)
 * @param tolerance the accepted absolute deviation |measured - expected|
 * @param note how the tolerance was chosen or what else was measured (may be empty)
 */
public record Check(String quantity, double measured, double expected, double tolerance,
    String note) {

  /** Whether |measured - expected| is within the tolerance (NaN fails). */
  public boolean passed() {
    return Math.abs(measured - expected) <= tolerance;
  }

  /** A check that the value lies in [lo, hi]: centre and half-width. */
  public static Check interval(String quantity, double measured, double lo, double hi,
      String note) {
    return new Check(quantity, measured, 0.5 * (lo + hi), 0.5 * (hi - lo), note);
  }

  /** A check within a relative tolerance of the expected value. */
  public static Check relative(String quantity, double measured, double expected,
      double relTol, String note) {
    return new Check(quantity, measured, expected, relTol * Math.abs(expected), note);
  }
}
