package org.liko.model.field;

/**
 * A solve of the {@link ElectrolyteField} failed: a linear solve did not reach its tolerance,
 * the galvanostatic iteration did not converge, or no electrode potential carries the applied
 * current. The message says which and at what current; the field mode turns it into a message
 * about the scenario (org.liko.model.FieldTransport).
 */
public final class FieldSolveException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** @param message what failed, at what current */
  public FieldSolveException(String message) {
    super(message);
  }
}
