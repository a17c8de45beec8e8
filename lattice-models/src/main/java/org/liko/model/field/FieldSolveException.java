package org.liko.model.field;

/**
 * A solve of the {@link ElectrolyteField} failed: a linear solve did not reach its tolerance,
 * the galvanostatic iteration did not converge, or no electrode potential carries the applied
 * current. The message says which and at what current; the field mode turns it into a message
 * about the scenario (org.liko.model.FieldTransport).
 */
public final class FieldSolveException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final boolean noRoot;

  /** @param message what failed, at what current */
  public FieldSolveException(String message) {
    this(message, false);
  }

  /**
   * @param message what failed, at what current
   * @param noRoot true when no electrode potential carries the current (a physical outcome,
   *     e.g. a deposit that has closed a porous separator's lower face: the coupling stalls the
   *     step), false for a numerical failure (a solve that did not converge)
   */
  public FieldSolveException(String message, boolean noRoot) {
    super(message);
    this.noRoot = noRoot;
  }

  /** True when no electrode potential carries the current (not a numerical failure). */
  public boolean noRoot() {
    return noRoot;
  }
}
