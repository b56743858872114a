package io.github.kswordcount.core.job;

/** A user error in the command line: the message is the one line to print, naming the value and the rule. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one line, e.g. {@code --print '-1' is invalid: use a number >= 0}
   */
  public UsageException(String message) {
    super(message);
  }
}
