package io.github.kswordcount.core.kafka;

/** A call to Kafka failed or timed out; the message says what was tried and why it failed, in one line. */
public final class KafkaCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was tried and why it failed
   * @param cause the underlying failure
   */
  public KafkaCallException(String message, Throwable cause) {
    super(message, cause);
  }
}
