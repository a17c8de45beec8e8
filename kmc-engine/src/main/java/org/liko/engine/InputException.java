package org.liko.engine;

/**
 * Bad input from the user (scenario field, option, file): the CLI prints the message alone,
 * without a stack trace, and exits with status 2. Messages name the file or option, the field,
 * the value given and what is allowed.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message meant for the user. */
  public InputException(String message) {
    super(message);
  }

  /** Creates the exception with a message meant for the user and the underlying cause. */
  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
