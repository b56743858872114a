package io.github.kswordcount.producer;

/** A line that does not match the reader properties; the message is Kafka's, with the 1-based line number. */
public final class LineFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message Kafka's message for the mismatch
   */
  public LineFormatException(String message) {
    super(message);
  }
}
