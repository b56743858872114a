package io.github.kswordcount.core.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;

/** Waits for Kafka client results with a deadline, turning every failure into one {@link KafkaCallException}. */
public final class KafkaFutures {

  private KafkaFutures() {}

  /**
   * Waits for a result.
   *
   * @param future the result of an Admin call
   * @param timeout how long to wait
   * @param what what was tried, for the message ({@code "list topics"})
   * @param <T> the result type
   * @return the result
   * @throws KafkaCallException {@code cannot <what>: <cause>}, or {@code cannot <what>: no answer from Kafka
   *     within <ms> ms}; its cause is the client's exception
   */
  public static <T> T await(KafkaFuture<T> future, Duration timeout, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaCallException("interrupted while trying to " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new KafkaCallException("cannot " + what + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new KafkaCallException("cannot " + what + ": no answer from Kafka within " + timeout.toMillis() + " ms", e);
    }
  }
}
