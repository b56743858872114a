package io.github.kswordcount.localkafka;

/** A command line the user must fix; the message is the one line printed after "error: ". */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
