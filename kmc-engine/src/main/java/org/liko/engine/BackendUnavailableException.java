package org.liko.engine;

/**
 * A backend that was asked for cannot run here (no driver, no device, kernel compile failure).
 * The CLI prints the reason and exits with status 3; there is never a silent fallback.
 */
public class BackendUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message says which backend and why. */
  public BackendUnavailableException(String message) {
    super(message);
  }
}
