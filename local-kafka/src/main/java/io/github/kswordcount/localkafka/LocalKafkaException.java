package io.github.kswordcount.localkafka;

/** A local Kafka broker could not start, stop or serve a request; the message is one line for the user. */
public class LocalKafkaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a one-line message.
   *
   * @param message what failed, naming the port, directory or topic involved
   */
  public LocalKafkaException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a one-line message and the failure that caused it.
   *
   * @param message what failed, naming the port, directory or topic involved
   * @param cause   the underlying failure
   */
  public LocalKafkaException(String message, Throwable cause) {
    super(message, cause);
  }
}
